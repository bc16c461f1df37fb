# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
"""elu_torch.nn and elu_torch.functional next to torch.nn and torch.nn.functional: forward,
gradients, repr, state_dict, inplace, no_grad, inference_mode; PELU shaped like PReLU."""
import unittest

import torch
import torch.nn.functional as TF

import elu_torch
from elu_torch import functional as F
from elu_torch import nn

# rtol/atol per dtype: LibTorch 1.13 computes exp(x) - 1, ours an expm1 (docs/torch.md).
TOL = {torch.float32: dict(rtol=1e-5, atol=1e-6), torch.float64: dict(rtol=1e-12, atol=1e-15)}

# (ours, torch's) module pairs with the same arguments.
PAIRS = [
    (lambda **k: nn.ELU(**k), lambda **k: torch.nn.ELU(**k), dict()),
    (lambda **k: nn.ELU(**k), lambda **k: torch.nn.ELU(**k), dict(alpha=0.5)),
    (lambda **k: nn.SELU(**k), lambda **k: torch.nn.SELU(**k), dict()),
    (lambda **k: nn.CELU(**k), lambda **k: torch.nn.CELU(**k), dict()),
    (lambda **k: nn.CELU(**k), lambda **k: torch.nn.CELU(**k), dict(alpha=2.0)),
]


def pelu_composed(x, a, b):
    shape = [1] * x.dim()
    if a.numel() > 1:
        shape[1] = a.numel()
    a = a.clamp_min(0.1).reshape(shape)
    b = b.clamp_min(0.1).reshape(shape)
    return torch.where(x >= 0, a / b * x, a * torch.expm1(x / b))


class ModuleParity(unittest.TestCase):
    def test_forward_and_gradients(self):
        torch.manual_seed(0)
        for dtype in (torch.float32, torch.float64):
            x = torch.randn(32, 50, dtype=dtype) * 3
            for ours, theirs, kw in PAIRS:
                mo, mt = ours(**kw), theirs(**kw)
                with self.subTest(module=repr(mt), dtype=dtype):
                    xo, xt = x.clone().requires_grad_(), x.clone().requires_grad_()
                    yo, yt = mo(xo), mt(xt)
                    torch.testing.assert_close(yo, yt, **TOL[dtype])
                    w = torch.rand_like(yo)
                    (yo * w).sum().backward()
                    (yt * w).sum().backward()
                    tol = TOL[torch.float32] if isinstance(mt, torch.nn.CELU) else TOL[dtype]
                    torch.testing.assert_close(xo.grad, xt.grad, **tol)

    def test_repr_and_state_dict_match_torch(self):
        for ours, theirs, kw in PAIRS:
            for inplace in (False, True):
                mo, mt = ours(inplace=inplace, **kw), theirs(inplace=inplace, **kw)
                with self.subTest(module=repr(mt)):
                    self.assertEqual(repr(mo), repr(mt))
                    self.assertEqual(mo.extra_repr(), mt.extra_repr())
                    self.assertEqual(dict(mo.state_dict()), dict(mt.state_dict()))
                    self.assertEqual(list(mo.parameters()), [])
                    mo.load_state_dict(mt.state_dict())

    def test_inplace_overwrites_the_input(self):
        for ours, theirs, kw in PAIRS:
            mo, mt = ours(inplace=True, **kw), theirs(inplace=True, **kw)
            with self.subTest(module=repr(mt)):
                x = torch.randn(40)
                xo, xt = x.clone(), x.clone()
                self.assertIs(mo(xo), xo)
                mt(xt)
                torch.testing.assert_close(xo, xt, **TOL[torch.float32])
                # Under autograd, on a non-leaf, with gradients that match torch's.
                leaf_o, leaf_t = x.clone().requires_grad_(), x.clone().requires_grad_()
                mo(leaf_o * 2).sum().backward()
                mt(leaf_t * 2).sum().backward()
                torch.testing.assert_close(leaf_o.grad, leaf_t.grad, **TOL[torch.float32])

    def test_functional_in_place_forms(self):
        x = torch.randn(30)
        for ours, theirs in ((lambda t: F.elu_(t, 0.5), lambda t: TF.elu_(t, 0.5)),
                             (F.selu_, lambda t: torch.selu_(t)),
                             (lambda t: F.celu_(t, 2.0), lambda t: TF.celu_(t, 2.0)),
                             (lambda t: F.elu(t, 0.5, inplace=True), lambda t: TF.elu_(t, 0.5)),
                             (lambda t: F.selu(t, inplace=True), lambda t: torch.selu_(t)),
                             (lambda t: F.celu(t, 2.0, True), lambda t: TF.celu_(t, 2.0))):
            xo, xt = x.clone(), x.clone()
            v = xo._version
            self.assertIs(ours(xo), xo)
            self.assertGreater(xo._version, v)
            theirs(xt)
            torch.testing.assert_close(xo, xt, **TOL[torch.float32])

    def test_no_grad_and_inference_mode(self):
        x = torch.randn(8, 3, requires_grad=True)
        for m in (nn.ELU(), nn.SELU(), nn.CELU(), nn.PELU(3)):
            with self.subTest(module=repr(m)):
                self.assertIsNotNone(m(x).grad_fn)
                with torch.no_grad():
                    y = m(x)
                self.assertIsNone(y.grad_fn)
                self.assertFalse(y.requires_grad)
                with torch.inference_mode():
                    z = m(torch.randn(8, 3))
                self.assertTrue(z.is_inference())
                torch.testing.assert_close(y, m(x).detach(), rtol=0, atol=0)
        with torch.inference_mode():
            t = torch.randn(5)
            self.assertIs(nn.ELU(inplace=True)(t), t)


class Pelu(unittest.TestCase):
    def test_shaped_like_prelu(self):
        for n in (1, 7):
            ours, prelu = nn.PELU(n), torch.nn.PReLU(n)
            self.assertEqual(repr(ours), f"PELU(num_parameters={n})")
            self.assertEqual(repr(prelu), f"PReLU(num_parameters={n})")
            self.assertEqual(list(ours.state_dict()), ["a", "b"])
            for p in (ours.a, ours.b):
                self.assertEqual(p.shape, prelu.weight.shape)
                self.assertEqual(p.dtype, prelu.weight.dtype)
                self.assertTrue(p.requires_grad)
            self.assertEqual([name for name, _ in ours.named_parameters()], ["a", "b"])

    def test_init_dtype_reset_and_load(self):
        m = nn.PELU(3, init_a=1.5, init_b=0.5, dtype=torch.float64)
        self.assertEqual(m.a.dtype, torch.float64)
        self.assertTrue(torch.equal(m.a, torch.full((3,), 1.5, dtype=torch.float64)))
        with torch.no_grad():
            m.a.fill_(9.0)
        m.reset_parameters()
        self.assertTrue(torch.equal(m.b, torch.full((3,), 0.5, dtype=torch.float64)))
        other = nn.PELU(3)
        other.load_state_dict(m.state_dict())
        self.assertTrue(torch.equal(other.a, m.a.float()))
        with self.assertRaisesRegex(ValueError, "num_parameters"):
            nn.PELU(0)
        with self.assertRaisesRegex(ValueError, "finite"):
            nn.PELU(1, init_a=float("nan"))

    def test_matches_composed_ops_with_gradients(self):
        torch.manual_seed(1)
        m = nn.PELU(4, dtype=torch.float64)
        with torch.no_grad():
            m.a.copy_(torch.tensor([0.5, 1.0, 1.5, 0.05]))  # the last is clamped to 0.1
            m.b.copy_(torch.tensor([1.2, 0.7, 2.0, 1.0]))
        x = (torch.randn(16, 4, 9, dtype=torch.float64) * 2).requires_grad_()
        a, b = m.a.detach().clone().requires_grad_(), m.b.detach().clone().requires_grad_()
        x2 = x.detach().clone().requires_grad_()
        w = torch.rand(16, 4, 9, dtype=torch.float64)
        (m(x) * w).sum().backward()
        (pelu_composed(x2, a, b) * w).sum().backward()
        torch.testing.assert_close(m(x), pelu_composed(x2, a, b))
        torch.testing.assert_close(x.grad, x2.grad)
        torch.testing.assert_close(m.a.grad, a.grad)
        torch.testing.assert_close(m.b.grad, b.grad)
        self.assertEqual(float(m.a.grad[3]), 0.0)  # below the clamp: no gradient

    def test_sixteen_bit_inputs_follow_type_promotion(self):
        torch.manual_seed(2)
        for dtype in (torch.bfloat16, torch.float16):
            x = (torch.randn(6, 3) * 3).to(dtype)
            with self.subTest(dtype=dtype):
                self.assertEqual(nn.PELU(3)(x).dtype, torch.float32)  # float parameters win
                m = nn.PELU(3, init_a=1.5, init_b=0.75, dtype=dtype)
                y = m(x.requires_grad_())
                self.assertEqual(y.dtype, dtype)
                want = pelu_composed(x.detach().double(), m.a.detach().double(),
                                     m.b.detach().double()).to(dtype)
                self.assertTrue(torch.equal(y, want))
                y.sum().backward()
                self.assertEqual(x.grad.dtype, dtype)
                self.assertEqual(m.a.grad.dtype, dtype)

    def test_trains_like_a_layer(self):
        torch.manual_seed(3)
        net = torch.nn.Sequential(torch.nn.Linear(6, 16), nn.PELU(16), torch.nn.Linear(16, 1),
                                  nn.ELU())
        x = torch.randn(128, 6)
        y = x[:, :2].sum(1, keepdim=True).tanh()
        opt = torch.optim.Adam(net.parameters(), lr=0.02)
        first = None
        for _ in range(60):
            opt.zero_grad()
            loss = TF.mse_loss(net(x), y)
            loss.backward()
            opt.step()
            first = first if first is not None else loss.item()
        self.assertLess(loss.item(), 0.5 * first)


class Package(unittest.TestCase):
    def test_exports(self):
        self.assertEqual(sorted(nn.__all__), ["CELU", "ELU", "PELU", "SELU"])
        for name in ("elu", "elu_", "selu", "selu_", "celu", "celu_", "pelu"):
            self.assertTrue(callable(getattr(elu_torch.functional, name)), name)
            self.assertTrue(getattr(elu_torch.functional, name).__doc__)


if __name__ == "__main__":
    unittest.main(verbosity=2)
