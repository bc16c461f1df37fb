# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
"""A 2-layer network with torch.ops.elu.pelu between its layers trains: the loss goes down and
PELU's parameters move."""
import unittest

import torch

import elu_torch  # noqa: F401  (loads the ops)

ops = torch.ops.elu


class TwoLayerPelu(torch.nn.Module):
    def __init__(self, n_in, hidden, n_out):
        super().__init__()
        self.fc1 = torch.nn.Linear(n_in, hidden)
        self.fc2 = torch.nn.Linear(hidden, n_out)
        self.a = torch.nn.Parameter(torch.ones(hidden))
        self.b = torch.nn.Parameter(torch.ones(hidden))

    def forward(self, x):
        return self.fc2(ops.pelu(self.fc1(x), self.a, self.b))


class Training(unittest.TestCase):
    def test_loss_goes_down(self):
        torch.manual_seed(0)
        x = torch.randn(256, 10)
        y = (x[:, :3].sum(1, keepdim=True) - x[:, 3:4] ** 2).tanh()
        net = TwoLayerPelu(10, 32, 1)
        opt = torch.optim.Adam(net.parameters(), lr=0.01)
        losses = []
        for _ in range(40):
            opt.zero_grad()
            loss = torch.nn.functional.mse_loss(net(x), y)
            loss.backward()
            opt.step()
            losses.append(loss.item())
        print(f"loss {losses[0]:.4f} -> {losses[-1]:.4f}")
        self.assertLess(losses[-1], 0.5 * losses[0])
        self.assertGreater((net.a.detach() - 1).abs().max().item(), 1e-3)
        self.assertGreater((net.b.detach() - 1).abs().max().item(), 1e-3)


if __name__ == "__main__":
    unittest.main(verbosity=2)
