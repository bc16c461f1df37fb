# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
"""Derivatives of every op beyond the first: gradgradcheck in double (x, and PELU's a and b),
Hessians next to torch's own ELU/SELU/CELU, and forward-mode AD."""
import unittest

import torch
import torch.autograd.forward_ad as fwAD
import torch.nn.functional as TF

from elu_torch import functional as F

ops = torch.ops.elu


def away_from_zero(x):
    # Finite differences across the kink at 0 would straddle both branches.
    return x + 0.05 * x.sign()


# (name, ours, torch's): functions of x (in-place forms on a copy, as a non-leaf).
FAMILY = [
    ("elu", lambda t: F.elu(t), lambda t: TF.elu(t)),
    ("elu(0.5)", lambda t: F.elu(t, 0.5), lambda t: TF.elu(t, 0.5)),
    ("elu(-0.5)", lambda t: F.elu(t, -0.5), lambda t: TF.elu(t, -0.5)),
    ("elu general", lambda t: ops.elu(t, 0.7, 1.3, 0.5), None),
    ("selu", F.selu, TF.selu),
    ("celu(2)", lambda t: F.celu(t, 2.0), lambda t: TF.celu(t, 2.0)),
    ("elu_", lambda t: F.elu_(t.clone(), 0.5), lambda t: TF.elu_(t.clone(), 0.5)),
    ("selu_", lambda t: F.selu_(t.clone()), lambda t: torch.selu_(t.clone())),
    ("celu_", lambda t: F.celu_(t.clone(), 2.0), lambda t: TF.celu_(t.clone(), 2.0)),
]


class DoubleBackward(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.x = away_from_zero(torch.randn(3, 4, 5, dtype=torch.float64) * 2).requires_grad_()

    def test_gradgradcheck_family(self):
        for name, ours, _ in FAMILY:
            with self.subTest(op=name):
                self.assertTrue(torch.autograd.gradcheck(ours, (self.x,)))
                self.assertTrue(torch.autograd.gradgradcheck(ours, (self.x,)))

    def test_gradgradcheck_pelu(self):
        # Shared, per channel as planes, by channel (small planes), rows and channels-last.
        cases = [((3, 4, 5), 1), ((3, 4, 5), 4), ((2, 4, 12, 12), 4), ((6, 4), 4),
                 ((2, 4, 3, 3), 4)]
        for shape, channels in cases:
            x = away_from_zero(torch.randn(*shape, dtype=torch.float64) * 2)
            if len(shape) == 4 and shape[2] == 3:
                x = x.contiguous(memory_format=torch.channels_last)
            x.requires_grad_()
            a = (torch.rand(channels, dtype=torch.float64) + 0.5).requires_grad_()
            b = (torch.rand(channels, dtype=torch.float64) + 0.5).requires_grad_()
            with self.subTest(shape=shape, channels=channels):
                self.assertTrue(torch.autograd.gradcheck(F.pelu, (x, a, b)))
                self.assertTrue(torch.autograd.gradgradcheck(F.pelu, (x, a, b)))
        # Only the parameters need a gradient (x is data).
        x = away_from_zero(torch.randn(5, 3, dtype=torch.float64))
        a = (torch.rand(3, dtype=torch.float64) + 0.5).requires_grad_()
        b = (torch.rand(3, dtype=torch.float64) + 0.5).requires_grad_()
        self.assertTrue(torch.autograd.gradgradcheck(F.pelu, (x, a, b)))

    def test_hessian_matches_torch(self):
        x = torch.tensor([-1.0, 2.0], dtype=torch.float64)
        h = torch.autograd.functional.hessian(lambda v: ops.elu(v, 1.0).sum(), x)
        torch.testing.assert_close(h, torch.tensor([[0.36787944117144233, 0], [0, 0]],
                                                   dtype=torch.float64))
        v = torch.linspace(-4, 3, 9, dtype=torch.float64)
        for name, ours, theirs in FAMILY:
            if theirs is None:
                continue
            with self.subTest(op=name):
                ho = torch.autograd.functional.hessian(lambda t: (ours(t) ** 2).sum(), v)
                ht = torch.autograd.functional.hessian(lambda t: (theirs(t) ** 2).sum(), v)
                self.assertGreater(float(ho.abs().sum()), 0.0)
                # torch's CELU derivatives round alpha to float (docs/torch.md).
                tol = dict(rtol=1e-6, atol=1e-9) if "celu" in name else dict(rtol=1e-10, atol=1e-12)
                torch.testing.assert_close(ho, ht, **tol)

    def test_pelu_hessian_in_the_parameters(self):
        x = torch.tensor([[-1.5, 0.5], [-0.2, 2.0]], dtype=torch.float64)

        def composed(a, b):
            a, b = a.clamp_min(0.1), b.clamp_min(0.1)
            return torch.where(x >= 0, a / b * x, a * torch.expm1(x / b)).sum()

        a = torch.tensor([1.3, 0.8], dtype=torch.float64)
        b = torch.tensor([0.9, 1.7], dtype=torch.float64)
        ours = torch.autograd.functional.hessian(lambda a, b: F.pelu(x, a, b).sum(), (a, b))
        theirs = torch.autograd.functional.hessian(composed, (a, b))
        for row_o, row_t in zip(ours, theirs):
            for o, t in zip(row_o, row_t):
                torch.testing.assert_close(o, t)


class ForwardMode(unittest.TestCase):
    def test_tangents_match_torch(self):
        torch.manual_seed(1)
        x = torch.randn(20, dtype=torch.float64) * 3
        t = torch.randn(20, dtype=torch.float64)
        for name, ours, theirs in FAMILY:
            if theirs is None:
                continue
            with self.subTest(op=name), fwAD.dual_level():
                yo = fwAD.unpack_dual(ours(fwAD.make_dual(x, t)))
                yt = fwAD.unpack_dual(theirs(fwAD.make_dual(x, t)))
                self.assertIsNotNone(yo.tangent)
                torch.testing.assert_close(yo.primal, yt.primal)
                tol = dict(rtol=1e-6, atol=1e-9) if "celu" in name else {}
                torch.testing.assert_close(yo.tangent, yt.tangent, **tol)

    def test_in_place_on_a_dual_tensor(self):
        x = torch.tensor([-1.0, 2.0], dtype=torch.float64)
        with fwAD.dual_level():
            d = fwAD.make_dual(x.clone(), torch.ones(2, dtype=torch.float64))
            self.assertIs(F.elu_(d), d)
            primal, tangent = fwAD.unpack_dual(d)
        torch.testing.assert_close(primal, TF.elu(x))
        torch.testing.assert_close(tangent, torch.tensor([0.36787944117144233, 1.0],
                                                         dtype=torch.float64))

    def test_pelu_tangents_in_x_a_and_b(self):
        torch.manual_seed(2)
        x = torch.randn(4, 3, dtype=torch.float64) * 2
        a = torch.rand(3, dtype=torch.float64) + 0.5
        b = torch.rand(3, dtype=torch.float64) + 0.5
        tx, ta, tb = torch.randn_like(x), torch.randn_like(a), torch.randn_like(b)
        # Forward mode against the double-backward trick of torch.autograd.functional.jvp.
        _, want = torch.autograd.functional.jvp(F.pelu, (x, a, b), (tx, ta, tb))
        with fwAD.dual_level():
            y = F.pelu(fwAD.make_dual(x, tx), fwAD.make_dual(a, ta), fwAD.make_dual(b, tb))
            got = fwAD.unpack_dual(y).tangent
        torch.testing.assert_close(got, want)

    def test_forward_and_reverse_together(self):
        x = torch.tensor([-1.0, 2.0], dtype=torch.float64, requires_grad=True)
        with fwAD.dual_level():
            y = F.elu(fwAD.make_dual(x, torch.ones(2, dtype=torch.float64)))
            tangent = fwAD.unpack_dual(y).tangent
            y.sum().backward()
        torch.testing.assert_close(tangent, torch.tensor([0.36787944117144233, 1.0],
                                                         dtype=torch.float64))
        torch.testing.assert_close(x.grad, tangent)

    def test_in_place_under_both_modes_raises_clearly(self):
        x = torch.tensor([-1.0, 2.0], dtype=torch.float64, requires_grad=True)
        with fwAD.dual_level():
            d = fwAD.make_dual(x * 1.0, torch.ones(2, dtype=torch.float64))
            with self.assertRaisesRegex(RuntimeError, "forward-mode AD through the in-place"):
                F.elu_(d)


if __name__ == "__main__":
    unittest.main(verbosity=2)
