# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
"""The ELU family as functions, with torch.nn.functional's signatures (and PELU).

Every function takes float32, float64, bfloat16 or float16 CPU tensors of any shape and strides
and returns a tensor in the input's memory format. Gradients follow PyTorch's conventions: f'(0)
takes the x <= 0 branch; gradients of any order (double backward, Hessians) and forward-mode AD
work. Bad input (another device, an integer dtype, a bad alpha) raises RuntimeError before
anything is written. The functions are TorchScript-compatible.
"""
import torch
from torch import Tensor

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946

# The resolved overloads: calling them skips the overload resolution of torch.ops.elu.<name>
# (about 1 us per call). TorchScript compiles the torch.ops.elu.<name> branches instead.
_elu, _elu_ = torch.ops.elu.elu.default, torch.ops.elu.elu_.default
_selu, _selu_ = torch.ops.elu.selu.default, torch.ops.elu.selu_.default
_celu, _celu_ = torch.ops.elu.celu.default, torch.ops.elu.celu_.default
_pelu = torch.ops.elu.pelu.default


def elu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    """ELU(x) = x for x > 0, alpha * expm1(x) for x <= 0 (Clevert et al. 2015).

    Max error: 1 ULP in float32 (exhaustive) and float64 (sampled); bfloat16 and float16
    correctly rounded. PyTorch's own ELU computes exp(x) - 1, which is 100% off near 0.
    ``inplace=True`` overwrites ``input``; under autograd that needs alpha >= 0 (the gradient is
    then recovered from the output), as in PyTorch.
    """
    if not torch.jit.is_scripting():
        return _elu_(input, alpha) if inplace else _elu(input, alpha)
    if inplace:
        return torch.ops.elu.elu_(input, alpha)
    return torch.ops.elu.elu(input, alpha)


def elu_(input: Tensor, alpha: float = 1.0) -> Tensor:
    """In-place :func:`elu`: overwrites and returns ``input``."""
    if not torch.jit.is_scripting():
        return _elu_(input, alpha)
    return torch.ops.elu.elu_(input, alpha)


def selu(input: Tensor, inplace: bool = False) -> Tensor:
    """SELU(x) = scale * ELU(x, alpha) with alpha = 1.6732632423543772848 and
    scale = 1.0507009873554804934 (Klambauer et al. 2017).

    Max error: 1 ULP in float32 (exhaustive) and float64 (sampled); 16-bit types correctly
    rounded. ``inplace=True`` overwrites ``input``.
    """
    if not torch.jit.is_scripting():
        return _selu_(input) if inplace else _selu(input)
    if inplace:
        return torch.ops.elu.selu_(input)
    return torch.ops.elu.selu(input)


def selu_(input: Tensor) -> Tensor:
    """In-place :func:`selu`: overwrites and returns ``input``."""
    if not torch.jit.is_scripting():
        return _selu_(input)
    return torch.ops.elu.selu_(input)


def celu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    """CELU(x) = x for x > 0, alpha * expm1(x / alpha) for x <= 0 (Barron 2017); alpha > 0.

    Max error: 2 ULP in float32 (1 ULP for alpha = 1), 1 ULP in float64; 16-bit types correctly
    rounded. ``inplace=True`` overwrites ``input``.
    """
    if not torch.jit.is_scripting():
        return _celu_(input, alpha) if inplace else _celu(input, alpha)
    if inplace:
        return torch.ops.elu.celu_(input, alpha)
    return torch.ops.elu.celu(input, alpha)


def celu_(input: Tensor, alpha: float = 1.0) -> Tensor:
    """In-place :func:`celu`: overwrites and returns ``input``."""
    if not torch.jit.is_scripting():
        return _celu_(input, alpha)
    return torch.ops.elu.celu_(input, alpha)


def pelu(input: Tensor, a: Tensor, b: Tensor) -> Tensor:
    """PELU(x) = (a / b) * x for x >= 0, a * (exp(x / b) - 1) for x < 0 (Trottier et al. 2017).

    ``a`` and ``b`` hold 1 element (shared) or one per channel (dim 1 of ``input``); the forward
    pass uses max(a, 0.1) and max(b, 0.1), and their gradient is 0 below 0.1 (torch.clamp's rule).
    Their gradients are summed over every position that shares them, in float64. The result has
    the dtype torch's type promotion gives (input, a, b); a bfloat16 or float16 result is
    computed in float32 and rounded once. Max error: 2 ULP in float32, 1 ULP in float64.
    """
    if not torch.jit.is_scripting():
        return _pelu(input, a, b)
    return torch.ops.elu.pelu(input, a, b)
