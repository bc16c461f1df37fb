# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
"""torch.ops.elu.* from Python (registered by importing elu_torch): schemas, parity with torch's
ELU family, gradcheck in double on every op, in-place rules and errors."""
import math
import unittest

import torch
import torch.nn.functional as F

import elu_torch  # noqa: F401  (loads the ops)

ops = torch.ops.elu

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946

# (name, ours, torch's), each a function of x.
MEMBERS = [
    ("elu", lambda x: ops.elu(x), lambda x: F.elu(x)),
    ("elu(0.5)", lambda x: ops.elu(x, 0.5), lambda x: F.elu(x, 0.5)),
    ("selu as elu", lambda x: ops.elu(x, SELU_ALPHA, SELU_SCALE), F.selu),
    ("celu(2) as elu", lambda x: ops.elu(x, 2.0, 1.0, 0.5), lambda x: F.celu(x, 2.0)),
    ("selu", lambda x: ops.selu(x), F.selu),
    ("celu", lambda x: ops.celu(x), F.celu),
    ("celu(0.5)", lambda x: ops.celu(x, 0.5), lambda x: F.celu(x, 0.5)),
    ("elu_", lambda x: ops.elu_(x * 1.0, 0.5), lambda x: F.elu(x, 0.5)),
    ("selu_", lambda x: ops.selu_(x * 1.0), F.selu),
    ("celu_", lambda x: ops.celu_(x * 1.0, 2.0), lambda x: F.celu(x, 2.0)),
]


class Schemas(unittest.TestCase):
    def test_schemas_follow_aten(self):
        # The same argument names, types and defaults as LibTorch's own ops.
        want = {
            "elu": "elu::elu(Tensor self, Scalar alpha=1, Scalar scale=1, Scalar input_scale=1) -> Tensor",
            "elu_": "elu::elu_(Tensor(a!) self, Scalar alpha=1, Scalar scale=1, Scalar input_scale=1) -> Tensor(a!)",
            "selu": "elu::selu(Tensor self) -> Tensor",
            "selu_": "elu::selu_(Tensor(a!) self) -> Tensor(a!)",
            "celu": "elu::celu(Tensor self, Scalar alpha=1.) -> Tensor",
            "celu_": "elu::celu_(Tensor(a!) self, Scalar alpha=1.) -> Tensor(a!)",
            "pelu": "elu::pelu(Tensor self, Tensor a, Tensor b) -> Tensor",
        }
        for name, schema in want.items():
            with self.subTest(op=name):
                got = str(torch._C._get_schema("elu::" + name, ""))
                self.assertEqual(got, schema)
                aten = str(torch._C._get_schema("aten::" + name, "")) if name != "pelu" else None
                if aten is not None:
                    self.assertEqual(got.replace("elu::", "aten::", 1), aten)

    def test_keyword_arguments(self):
        x = torch.randn(5)
        torch.testing.assert_close(ops.celu(x, alpha=0.5), F.celu(x, alpha=0.5))
        torch.testing.assert_close(ops.elu(x, alpha=2.0, scale=1.0), F.elu(x, alpha=2.0))


# rtol/atol per dtype: LibTorch 1.13 computes exp(x) - 1, ours an expm1 (docs/torch.md).
TOL = {torch.float32: dict(rtol=1e-5, atol=1e-6), torch.float64: dict(rtol=1e-12, atol=1e-15)}


def pelu_composed(x, a, b):
    shape = [1] * x.dim()
    if a.numel() > 1:
        shape[1] = a.numel()
    a = a.clamp_min(0.1).reshape(shape)
    b = b.clamp_min(0.1).reshape(shape)
    return torch.where(x >= 0, a / b * x, a * torch.expm1(x / b))


class Parity(unittest.TestCase):
    def test_forward_and_gradient(self):
        torch.manual_seed(0)
        for dtype in (torch.float32, torch.float64):
            base = torch.randn(48, 70, dtype=dtype) * 3
            for x in (base, base.t(), base[:, ::3]):
                for name, ours, theirs in MEMBERS:
                    with self.subTest(member=name, dtype=dtype, contiguous=x.is_contiguous()):
                        xo = x.detach().requires_grad_()
                        xt = x.detach().requires_grad_()
                        yo, yt = ours(xo), theirs(xt)
                        torch.testing.assert_close(yo, yt, **TOL[dtype])
                        w = torch.rand_like(yo)
                        (yo * w).sum().backward()
                        (yt * w).sum().backward()
                        torch.testing.assert_close(xo.grad, xt.grad, **TOL[dtype])

    def test_more_accurate_than_torch_near_zero(self):
        x = torch.tensor([-1e-7, -3e-8], dtype=torch.float32)
        exact = torch.expm1(x.double())
        ours_err = (ops.elu(x).double() - exact).abs() / exact.abs()
        torch_err = (F.elu(x).double() - exact).abs() / exact.abs()
        self.assertTrue(bool((ours_err < 1e-7).all()), ours_err)
        self.assertTrue(bool((torch_err > 1e-3).all()), torch_err)

    def test_16bit_tensors(self):
        # Computed in float by the core's 16-bit kernels and rounded once: within one unit of
        # the 16-bit type's precision of the exact value, forward and gradient.
        torch.manual_seed(3)
        # (dtype, relative precision, smallest subnormal)
        for dtype, rel, tiny in ((torch.bfloat16, 2.0 ** -7, 2.0 ** -133),
                                 (torch.float16, 2.0 ** -10, 2.0 ** -24)):
            with self.subTest(dtype=dtype):
                x = (torch.randn(30, 40) * 4).to(dtype).requires_grad_()
                y = ops.elu(x, 0.5)
                self.assertEqual(y.dtype, dtype)
                xd = x.detach().double()
                exact = torch.where(xd > 0, xd, 0.5 * torch.expm1(xd))
                bound = (exact.abs() * rel).clamp_min(tiny)
                self.assertTrue(bool(((y.double() - exact).abs() <= bound).all()))
                y.backward(torch.ones_like(y))
                exact_dx = torch.where(xd > 0, torch.ones_like(xd), 0.5 * torch.exp(xd))
                bound = (exact_dx * rel).clamp_min(tiny)
                self.assertTrue(bool(((x.grad.double() - exact_dx).abs() <= bound).all()))

    def test_pelu_matches_composed_ops(self):
        torch.manual_seed(1)
        x = torch.randn(16, 5, 9)
        a = torch.tensor([0.5, 1.0, 1.5, 2.0, 0.05])  # the last is clamped to 0.1
        b = torch.tensor([1.2, 0.7, 2.0, 1.0, 0.3])
        torch.testing.assert_close(ops.pelu(x, a, b), pelu_composed(x, a, b), rtol=1e-5, atol=1e-6)


class GradCheck(unittest.TestCase):
    """torch.autograd.gradcheck (finite differences in double) on every op."""

    def setUp(self):
        torch.manual_seed(2)
        # Keep inputs away from the kink at 0, where a finite difference straddles both branches.
        x = torch.randn(6, 4, 5, dtype=torch.float64)
        self.x = (x + 0.05 * x.sign()).requires_grad_()

    def test_elu(self):
        for params in [(), (0.5,), (2.0, 1.5), (SELU_ALPHA, SELU_SCALE), (0.7, 1.3, 0.5)]:
            with self.subTest(params=params):
                self.assertTrue(torch.autograd.gradcheck(lambda t: ops.elu(t, *params), (self.x,)))

    def test_elu_inplace(self):
        for params in [(), (0.5, 1.0, 2.0), (SELU_ALPHA, SELU_SCALE)]:
            with self.subTest(params=params):
                # In place needs a non-leaf; the clone is recorded, so the gradient reaches x.
                f = lambda t: ops.elu_(t.clone(), *params)
                self.assertTrue(torch.autograd.gradcheck(f, (self.x,)))

    def test_pelu_shared_and_per_channel(self):
        for channels in (1, 4):
            with self.subTest(channels=channels):
                a = (torch.rand(channels, dtype=torch.float64) + 0.5).requires_grad_()
                b = (torch.rand(channels, dtype=torch.float64) + 0.5).requires_grad_()
                self.assertTrue(torch.autograd.gradcheck(ops.pelu, (self.x, a, b)))

    def test_pelu_by_channel_layout(self):
        # A (batch, features) matrix: planes of 1 element, regrouped by channel internally.
        x = torch.randn(20, 7, dtype=torch.float64).requires_grad_()
        a = (torch.rand(7, dtype=torch.float64) + 0.5).requires_grad_()
        b = (torch.rand(7, dtype=torch.float64) + 0.5).requires_grad_()
        self.assertTrue(torch.autograd.gradcheck(ops.pelu, (x, a, b)))

    def test_selu_celu_and_inplace_forms(self):
        for f in (ops.selu, lambda t: ops.celu(t, 0.7), lambda t: ops.selu_(t.clone()),
                  lambda t: ops.celu_(t.clone(), 2.0)):
            self.assertTrue(torch.autograd.gradcheck(f, (self.x,)))


def eager_block(x, a, b):
    return ops.pelu(ops.elu(x, 0.5, 1.0, 1.0), a, b)


@torch.jit.script
def scripted_block(x: torch.Tensor, a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.ops.elu.pelu(torch.ops.elu.elu(x, 0.5, 1.0, 1.0), a, b)


class TorchScript(unittest.TestCase):
    def test_scripted_ops_match_eager_with_gradients(self):
        torch.manual_seed(4)
        x = torch.randn(5, 4)
        results = []
        for fn in (scripted_block, eager_block):
            a = torch.full((4,), 1.3, requires_grad=True)
            b = torch.full((4,), 0.8, requires_grad=True)
            y = fn(x, a, b)
            y.sum().backward()
            results.append((y.detach(), a.grad, b.grad))
        for got, want in zip(*results):
            torch.testing.assert_close(got, want, rtol=0, atol=0)


class InPlaceAndErrors(unittest.TestCase):
    def test_inplace_writes_and_bumps_version(self):
        x = torch.randn(10)
        want = F.elu(x, 0.3)
        v = x._version
        r = ops.elu_(x, 0.3)
        self.assertIs(r, x)
        self.assertGreater(x._version, v)
        torch.testing.assert_close(x, want)

    def test_inplace_negative_alpha_under_autograd_raises_and_keeps_x(self):
        leaf = torch.randn(5, requires_grad=True)
        h = leaf * 1.0
        before = h.detach().clone()
        with self.assertRaisesRegex(RuntimeError, "negative alpha"):
            ops.elu_(h, -0.5)
        self.assertTrue(torch.equal(h.detach(), before))
        with self.assertRaisesRegex(RuntimeError, "leaf Variable"):
            ops.elu_(leaf)

    def test_inplace_on_inference_tensor_outside_inference_mode_raises_and_keeps_x(self):
        # An inference tensor has no Autograd key, so the call goes straight to the CPU kernel:
        # that kernel must refuse before writing, as torch's own in-place ops do.
        with torch.inference_mode():
            t = torch.randn(4) - 1.0
            strided = torch.randn(4, 6)[:, ::2] - 1.0
        for x in (t, strided):
            before = x.clone()
            with self.assertRaisesRegex(RuntimeError, "inference tensor outside InferenceMode"):
                ops.elu_(x, 1.0)
            self.assertTrue(torch.equal(x, before))
        with torch.inference_mode():  # inside inference mode the update is allowed
            want = F.elu(t, 0.5)
            ops.elu_(t, 0.5)
            torch.testing.assert_close(t, want)

    def test_unsupported_dtypes_name_the_dtype(self):
        for t, name in [(torch.arange(3), "Long"), (torch.ones(3, dtype=torch.int32), "Int"),
                        (torch.ones(3, dtype=torch.bool), "Bool")]:
            with self.subTest(dtype=name):
                with self.assertRaisesRegex(RuntimeError, name):
                    ops.elu(t)
        with self.assertRaisesRegex(RuntimeError, "elu::pelu: a has dtype Long"):
            ops.pelu(torch.randn(3), torch.ones(1, dtype=torch.long), torch.ones(1))
        for op in (ops.selu, ops.celu, ops.selu_, ops.celu_):
            with self.assertRaisesRegex(RuntimeError, "Int"):
                op(torch.ones(3, dtype=torch.int32))

    def test_meta_tensors_raise_naming_the_device(self):
        meta = torch.empty(3, device="meta")
        calls = [lambda: ops.elu(meta), lambda: ops.selu(meta), lambda: ops.celu_(meta),
                 lambda: ops.pelu(meta, torch.ones(1), torch.ones(1))]
        for call in calls:
            with self.assertRaisesRegex(RuntimeError, "is on device meta; only CPU tensors"):
                call()
            with torch.inference_mode(), self.assertRaisesRegex(RuntimeError, "device meta"):
                call()

    def test_one_prefix_per_message(self):
        with self.assertRaises(RuntimeError) as cm:
            ops.elu(torch.randn(3), 1e300)
        self.assertTrue(str(cm.exception).startswith("elu::elu: scale*alpha"), str(cm.exception))
        with self.assertRaisesRegex(RuntimeError, r"^elu::celu: alpha must be > 0"):
            ops.celu(torch.randn(3), 0.0)

    def test_bad_parameters(self):
        with self.assertRaises(RuntimeError):
            ops.elu(torch.randn(3), 1.0, -1.0)  # scale must be > 0
        with self.assertRaisesRegex(RuntimeError, "finite"):
            ops.pelu(torch.randn(3), torch.tensor([math.nan]), torch.ones(1))

    def test_no_grad_records_nothing(self):
        x = torch.randn(4, requires_grad=True)
        with torch.no_grad():
            self.assertIsNone(ops.elu(x).grad_fn)
        self.assertIsNotNone(ops.elu(x).grad_fn)
        with torch.inference_mode():
            self.assertTrue(ops.elu(torch.randn(4)).is_inference())


class CorrectlyRounded(unittest.TestCase):
    """elu_torch.correctly_rounded(): float32 results equal to the nearest float of the value
    computed in float64 (whose error, 2^-52, is far below half a float ULP for these inputs)."""

    def test_context_selects_the_correctly_rounded_kernels(self):
        torch.manual_seed(3)
        x = torch.randn(1 << 16) * 4
        alpha = 0.7
        is_ = 1.0 / alpha
        xd = x.double()
        want_y = torch.where(xd > 0, xd, alpha * torch.special.expm1(xd * is_)).float()
        want_dx = torch.where(xd > 0, torch.ones_like(xd), alpha * is_ * torch.exp(xd * is_)).float()
        default = ops.celu(x, alpha)
        xg = x.clone().requires_grad_()
        with elu_torch.correctly_rounded():
            exact = ops.celu(x, alpha)
            y = elu_torch.functional.celu(xg, alpha)
        y.sum().backward()  # outside the block: the backward keeps the forward call's mode
        self.assertTrue(torch.equal(exact, want_y))
        self.assertTrue(torch.equal(y.detach(), want_y))
        self.assertTrue(torch.equal(xg.grad, want_dx))
        # The default kernels are within 2 ULP but not correctly rounded everywhere.
        self.assertFalse(torch.equal(default, want_y))
        self.assertEqual(ops.celu(x, alpha).tolist(), default.tolist())  # the mode was restored

    def test_nested_blocks_restore_the_outer_mode(self):
        x = torch.linspace(-3, 1, 1001)
        with elu_torch.correctly_rounded():
            with elu_torch.correctly_rounded(False):
                inner = ops.selu(x)
            outer = ops.selu(x)
        self.assertTrue(torch.equal(inner, ops.selu(x)))
        with elu_torch.correctly_rounded():
            self.assertTrue(torch.equal(outer, ops.selu(x)))


if __name__ == "__main__":
    unittest.main(verbosity=2)
