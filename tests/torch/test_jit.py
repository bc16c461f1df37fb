# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
"""elu_torch under TorchScript: torch.jit.script and torch.jit.trace of every module and
function, torch.jit.save / torch.jit.load in one process, gradients through scripted code."""
import io
import unittest

import torch

import elu_torch
from elu_torch import functional as F
from elu_torch import nn


def modules():
    return [nn.ELU(), nn.ELU(0.5, inplace=True), nn.SELU(), nn.SELU(inplace=True), nn.CELU(2.0),
            nn.CELU(0.5, inplace=True), nn.PELU(), nn.PELU(4, init_a=1.5, init_b=0.5)]


def save_load(m):
    buf = io.BytesIO()
    torch.jit.save(m, buf)
    buf.seek(0)
    return torch.jit.load(buf)


class TorchScript(unittest.TestCase):
    def test_script_trace_save_load_match_eager(self):
        torch.manual_seed(0)
        x = torch.randn(6, 4, 5) * 3
        for m in modules():
            with self.subTest(module=repr(m)):
                want = m(x.clone())
                scripted = torch.jit.script(m)
                traced = torch.jit.trace(m, x.clone())
                for compiled in (scripted, traced, save_load(scripted), save_load(traced)):
                    self.assertTrue(torch.equal(compiled(x.clone()), want))
                self.assertIn("elu::", str(traced.inlined_graph))

    def test_scripted_gradients_match_eager(self):
        torch.manual_seed(1)
        x = torch.randn(8, 4)
        for m in modules():
            if getattr(m, "inplace", False):
                continue
            with self.subTest(module=repr(m)):
                results = []
                for f in (m, save_load(torch.jit.script(m))):
                    leaf = x.clone().requires_grad_()
                    for p in f.parameters():
                        p.grad = None
                    f(leaf).sum().backward()
                    results.append([leaf.grad] + [p.grad for p in f.parameters()])
                for got, want in zip(*results):
                    self.assertTrue(torch.equal(got, want))

    def test_scripted_functions(self):
        @torch.jit.script
        def block(x: torch.Tensor, a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
            y = F.elu(x, 0.5) + F.selu(x) + F.celu(x, 2.0)
            return F.pelu(F.elu_(y), a, b)

        x = torch.randn(5, 3)
        a, b = torch.full((3,), 1.3), torch.full((3,), 0.8)
        want = F.pelu(F.elu_(F.elu(x, 0.5) + F.selu(x) + F.celu(x, 2.0)), a, b)
        self.assertTrue(torch.equal(block(x, a, b), want))

    def test_scripted_module_attributes_survive(self):
        m = save_load(torch.jit.script(nn.CELU(0.25, inplace=True)))
        self.assertEqual(m.alpha, 0.25)
        self.assertTrue(m.inplace)
        p = save_load(torch.jit.script(nn.PELU(3)))
        self.assertEqual(sorted(dict(p.named_parameters())), ["a", "b"])
        self.assertEqual(elu_torch.__version__.count("."), 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
