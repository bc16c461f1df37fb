# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
"""Modules: drop-ins for torch.nn.ELU, SELU and CELU (same arguments, repr and empty
state_dict), and PELU with learnable parameters ``a`` and ``b``, shaped like torch.nn.PReLU.
They are TorchScript-compatible (torch.jit.script, trace, save) and export to ONNX."""
import math

import torch
from torch import Tensor
from torch.nn.parameter import Parameter

from . import functional as F

__all__ = ["ELU", "SELU", "CELU", "PELU"]


class ELU(torch.nn.Module):
    """ELU(x) = x for x > 0, alpha * expm1(x) for x <= 0, element-wise (see
    :func:`elu_torch.functional.elu` for accuracy and conventions)."""

    __constants__ = ["alpha", "inplace"]
    alpha: float
    inplace: bool

    def __init__(self, alpha: float = 1.0, inplace: bool = False) -> None:
        super().__init__()
        self.alpha = alpha
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.elu(input, self.alpha, self.inplace)

    def extra_repr(self) -> str:
        inplace_str = ", inplace=True" if self.inplace else ""
        return "alpha={}{}".format(self.alpha, inplace_str)


class SELU(torch.nn.Module):
    """SELU(x) = 1.0507009873554804934 * ELU(x, 1.6732632423543772848), element-wise (see
    :func:`elu_torch.functional.selu`)."""

    __constants__ = ["inplace"]
    inplace: bool

    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.selu(input, self.inplace)

    def extra_repr(self) -> str:
        return "inplace=True" if self.inplace else ""


class CELU(torch.nn.Module):
    """CELU(x) = x for x > 0, alpha * expm1(x / alpha) for x <= 0, element-wise; alpha > 0 (see
    :func:`elu_torch.functional.celu`)."""

    __constants__ = ["alpha", "inplace"]
    alpha: float
    inplace: bool

    def __init__(self, alpha: float = 1.0, inplace: bool = False) -> None:
        super().__init__()
        self.alpha = alpha
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.celu(input, self.alpha, self.inplace)

    def extra_repr(self) -> str:
        inplace_str = ", inplace=True" if self.inplace else ""
        return "alpha={}{}".format(self.alpha, inplace_str)


class PELU(torch.nn.Module):
    """PELU(x) = (a / b) * x for x >= 0, a * (exp(x / b) - 1) for x < 0, with learnable a and b
    (Trottier et al. 2017), clamped to >= 0.1 in the forward pass.

    Like torch.nn.PReLU: ``num_parameters`` is 1 (shared by all positions) or the number of
    channels (dim 1 of the input); parameters ``a`` and ``b`` have shape (num_parameters,) and
    start at ``init_a`` and ``init_b`` (the paper's 1). ``device`` and ``dtype`` place them; a
    bfloat16 or float16 input with float32 parameters gives float32 (torch's type promotion).
    See :func:`elu_torch.functional.pelu`.
    """

    __constants__ = ["num_parameters"]
    num_parameters: int

    def __init__(self, num_parameters: int = 1, init_a: float = 1.0, init_b: float = 1.0,
                 device=None, dtype=None) -> None:
        if not isinstance(num_parameters, int) or num_parameters < 1:
            raise ValueError(f"PELU: num_parameters must be an int >= 1, got {num_parameters!r}")
        if not (math.isfinite(init_a) and math.isfinite(init_b)):
            raise ValueError(f"PELU: init_a and init_b must be finite, got {init_a} and {init_b}")
        factory_kwargs = {"device": device, "dtype": dtype}
        super().__init__()
        self.num_parameters = num_parameters
        self.init_a = init_a
        self.init_b = init_b
        self.a = Parameter(torch.empty(num_parameters, **factory_kwargs))
        self.b = Parameter(torch.empty(num_parameters, **factory_kwargs))
        self.reset_parameters()

    def reset_parameters(self) -> None:
        torch.nn.init.constant_(self.a, self.init_a)
        torch.nn.init.constant_(self.b, self.init_b)

    def forward(self, input: Tensor) -> Tensor:
        return F.pelu(input, self.a, self.b)

    def extra_repr(self) -> str:
        return "num_parameters={}".format(self.num_parameters)
