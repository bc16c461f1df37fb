# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
"""Every op returns (and its gradient arrives in) the input's memory format, as torch's own ops
do: contiguous, channels-last (2d and 3d), permuted; and 16-bit dtypes."""
import unittest

import torch

from elu_torch import functional as F

ops = torch.ops.elu


def layouts():
    yield "contiguous (2,3,8,8)", torch.randn(2, 3, 8, 8)
    yield "contiguous (2,3,80,80)", torch.randn(2, 3, 80, 80)
    yield "channels_last (2,3,8,8)", torch.randn(2, 3, 8, 8).contiguous(
        memory_format=torch.channels_last)
    yield "channels_last (2,3,80,80)", torch.randn(2, 3, 80, 80).contiguous(
        memory_format=torch.channels_last)
    yield "channels_last_3d", torch.randn(2, 3, 4, 5, 6).contiguous(
        memory_format=torch.channels_last_3d)
    yield "permuted (64,3)", torch.randn(3, 64).t()
    yield "matrix (64,3)", torch.randn(64, 3)


# Each op as a function of x (in-place forms on a copy that keeps x's strides).
OPS = [
    ("elu", lambda x: F.elu(x, 0.5)),
    ("selu", F.selu),
    ("celu", lambda x: F.celu(x, 2.0)),
    ("elu_", lambda x: F.elu_(x.clone(), 0.5)),
    ("selu_", lambda x: F.selu_(x.clone())),
    ("celu_", lambda x: F.celu_(x.clone(), 2.0)),
    ("pelu shared", lambda x: F.pelu(x, torch.tensor([1.3]), torch.tensor([0.7]))),
    ("pelu per channel", lambda x: F.pelu(x, torch.tensor([1.3, 0.5, 2.0]),
                                          torch.tensor([0.7, 1.0, 1.5]))),
]


class MemoryFormat(unittest.TestCase):
    def test_outputs_and_gradients_keep_the_input_strides(self):
        for lname, base in layouts():
            for oname, op in OPS:
                with self.subTest(layout=lname, op=oname):
                    x = base.clone(memory_format=torch.preserve_format)
                    self.assertEqual(x.stride(), base.stride())
                    y = op(x)
                    self.assertEqual(y.stride(), x.stride())
                    leaf = x.detach().requires_grad_()
                    op(leaf * 1.0).backward(torch.ones_like(x))
                    self.assertEqual(leaf.grad.stride(), x.stride())

    def test_pelu_image_strides_reported_before(self):
        # (2, 3, 8, 8) contiguous once came back with strides (64, 128, 8, 1).
        y = F.pelu(torch.randn(2, 3, 8, 8), torch.ones(3), torch.ones(3))
        self.assertEqual(y.stride(), (192, 64, 8, 1))

    def test_values_do_not_depend_on_the_layout(self):
        # Channels-last runs the per-channel kernel, contiguous planes the per-call one: both
        # within PELU's 2 ULP bound, not always the same last bit.
        torch.manual_seed(4)
        x = torch.randn(2, 3, 9, 9)
        a, b = torch.tensor([1.3, 0.5, 2.0]), torch.tensor([0.7, 1.0, 1.5])
        want = F.pelu(x.double(), a.double(), b.double())
        for layout in (torch.contiguous_format, torch.channels_last):
            got = F.pelu(x.contiguous(memory_format=layout), a, b)
            torch.testing.assert_close(got.double(), want, rtol=2.5e-7, atol=1e-37)
        for op in (F.selu, lambda t: F.celu(t, 2.0)):
            self.assertTrue(torch.equal(op(x.contiguous(memory_format=torch.channels_last)), op(x)))

    def test_non_dense_views_get_their_suggested_format(self):
        base = torch.randn(2, 3, 8, 16).contiguous(memory_format=torch.channels_last)
        view = base[..., ::2]
        for oname, op in OPS[:3] + OPS[6:]:
            with self.subTest(op=oname):
                want = torch.nn.functional.elu(view).is_contiguous(
                    memory_format=torch.channels_last)
                self.assertTrue(want)
                self.assertTrue(op(view).is_contiguous(memory_format=torch.channels_last))

    def test_sixteen_bit_dtypes_keep_their_format(self):
        x = torch.randn(2, 3, 8, 8).contiguous(memory_format=torch.channels_last)
        for dtype in (torch.bfloat16, torch.float16):
            xt = x.to(dtype)
            for oname, op in OPS:
                with self.subTest(dtype=dtype, op=oname):
                    y = op(xt)
                    self.assertEqual(y.stride(), xt.stride())
                    want = torch.float32 if oname.startswith("pelu") else dtype
                    self.assertEqual(y.dtype, want)


if __name__ == "__main__":
    unittest.main(verbosity=2)
