# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
"""First half of the TorchScript round trip: scripts a model made of elu_torch.nn modules, saves
it to OUT/model.pt, and saves an input and the model's output to OUT/data.pt (as the buffers x
and y of a scripted container) for jit_load.cc to compare with bit for bit."""
import os
import sys

import torch

import elu_torch


class Data(torch.nn.Module):
    def __init__(self, x, y):
        super().__init__()
        self.register_buffer("x", x)
        self.register_buffer("y", y)


def main(out):
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Conv2d(3, 4, 3, padding=1), elu_torch.nn.PELU(4), elu_torch.nn.ELU(0.5),
        torch.nn.Flatten(), torch.nn.Linear(4 * 6 * 6, 16), elu_torch.nn.SELU(),
        elu_torch.nn.CELU(2.0, inplace=True), torch.nn.Linear(16, 3), elu_torch.nn.PELU(1))
    with torch.no_grad():
        model[1].a.uniform_(0.5, 2.0)
        model[1].b.uniform_(0.5, 2.0)
    scripted = torch.jit.script(model.eval())
    x = torch.randn(5, 3, 6, 6) * 2
    with torch.no_grad():
        y = scripted(x)
        torch.testing.assert_close(y, model(x), rtol=0, atol=0)
    os.makedirs(out, exist_ok=True)
    torch.jit.save(scripted, os.path.join(out, "model.pt"))
    torch.jit.save(torch.jit.script(Data(x, y)), os.path.join(out, "data.pt"))
    print(f"saved {out}/model.pt and data.pt; y[0] = {y[0].tolist()}")


if __name__ == "__main__":
    main(sys.argv[1])
