# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
"""elu_torch: the ELU family (ELU, SELU, CELU, PELU) for PyTorch, computed by elu's kernels.

``elu_torch.nn`` holds drop-ins for ``torch.nn.ELU``, ``SELU`` and ``CELU`` and a learnable
``PELU`` shaped like ``torch.nn.PReLU``; ``elu_torch.functional`` the matching functions. They
run the ops ``torch.ops.elu.*`` that libelu_torch_ops.so registers: importing this package loads
that library (installed beside the package, or the file named by the environment variable
``ELU_TORCH_LIBRARY``) and registers the ops' ONNX export.

Conventions: float32, float64, bfloat16 and float16 CPU tensors of any shape and strides;
outputs keep the input's memory format; f'(0) takes the x <= 0 branch, as PyTorch does;
gradients of any order and forward-mode AD. Accuracy: ELU and SELU within 1 ULP in float32 and
float64 (CELU and PELU 2 ULP in float32), where PyTorch's exp(x) - 1 loses all digits near 0.
"""
import contextlib

import torch

from ._config import VERSION as __version__
from ._library import library_path, load_ops_library

load_ops_library()

from . import functional, nn  # noqa: E402  (need the ops loaded)
from ._onnx import register_onnx_symbolics  # noqa: E402

register_onnx_symbolics()



@contextlib.contextmanager
def correctly_rounded(enabled: bool = True):
    """Within the block, float32 ELU, SELU and CELU on this thread use elu's correctly rounded
    kernels (the float nearest to the exact value: the same bits on every CPU and SIMD target),
    forward and the autograd backward of calls made inside it. Other dtypes and PELU are
    unaffected; the backward of in-place calls is differentiated from the output as usual."""
    previous = torch.ops.elu.set_correctly_rounded(enabled)
    try:
        yield
    finally:
        torch.ops.elu.set_correctly_rounded(previous)


__all__ = ["__version__", "correctly_rounded", "functional", "library_path", "nn"]
