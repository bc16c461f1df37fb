# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
"""ONNX export of torch.ops.elu.*: ELU, SELU and CELU become ONNX's Elu, Selu and Celu (Celu
needs opset 12; below it, and for other parameter sets, the formula is written out); PELU is
decomposed into Max, Div, Mul, Exp, Sub, Greater and Where."""
import torch
from torch.onnx import symbolic_helper

from .functional import SELU_ALPHA, SELU_SCALE

_FIRST_OPSET = 9  # the oldest opset torch.onnx exports
_PELU_MIN = 0.1
_DTYPES = {"Float": torch.float32, "Double": torch.float64, "Half": torch.float16,
           "BFloat16": torch.bfloat16}


def _opset():
    from torch.onnx._globals import GLOBALS
    return GLOBALS.export_onnx_opset_version


def _constant(g, value, like):
    """A scalar constant of like's dtype (ONNX does not promote types)."""
    scalar_type = like.type().scalarType() if like.type().kind() == "TensorType" else None
    dtype = _DTYPES.get(scalar_type, torch.float32)
    return g.op("Constant", value_t=torch.tensor(value, dtype=dtype))


def _elu_formula(g, x, alpha, scale, input_scale):
    """scale * (x for x > 0, alpha * (exp(input_scale * x) - 1) otherwise)."""
    zero = _constant(g, 0.0, x)
    one = _constant(g, 1.0, x)
    neg = g.op("Min", x, zero)
    if input_scale != 1.0:
        neg = g.op("Mul", neg, _constant(g, input_scale, x))
    neg = g.op("Mul", g.op("Sub", g.op("Exp", neg), one), _constant(g, alpha, x))
    y = g.op("Where", g.op("Greater", x, zero), x, neg)
    if scale != 1.0:
        y = g.op("Mul", y, _constant(g, scale, x))
    return y


def _is_selu(alpha, scale, input_scale):
    return input_scale == 1.0 and abs(alpha - SELU_ALPHA) < 1e-15 and abs(scale - SELU_SCALE) < 1e-15


@symbolic_helper.parse_args("v", "f", "f", "f")
def _elu(g, x, alpha, scale, input_scale):
    if scale == 1.0 and input_scale == 1.0:
        return g.op("Elu", x, alpha_f=alpha)
    if _is_selu(alpha, scale, input_scale):
        return g.op("Selu", x, alpha_f=SELU_ALPHA, gamma_f=SELU_SCALE)
    if scale == 1.0 and alpha > 0 and abs(input_scale * alpha - 1.0) < 1e-15 and _opset() >= 12:
        return g.op("Celu", x, alpha_f=alpha)
    return _elu_formula(g, x, alpha, scale, input_scale)


@symbolic_helper.parse_args("v")
def _selu(g, x):
    return g.op("Selu", x, alpha_f=SELU_ALPHA, gamma_f=SELU_SCALE)


@symbolic_helper.parse_args("v", "f")
def _celu(g, x, alpha):
    if _opset() >= 12:
        return g.op("Celu", x, alpha_f=alpha)
    return _elu_formula(g, x, alpha, 1.0, 1.0 / alpha)


def _pelu(g, x, a, b):
    floor = _constant(g, _PELU_MIN, x)
    a = g.op("Max", a, floor)
    b = g.op("Max", b, floor)
    sizes = symbolic_helper._get_tensor_sizes(a)
    channels = sizes[0] if sizes and len(sizes) == 1 else None
    if channels is None or channels != 1:
        rank = symbolic_helper._get_tensor_rank(x)
        if rank is None:
            raise RuntimeError("elu_torch: ONNX export of pelu needs the input's rank")
        # One parameter per channel (dim 1): shape (1, C, 1, ..., 1) broadcasts over x.
        shape = g.op("Constant", value_t=torch.tensor([1, -1] + [1] * (rank - 2), dtype=torch.int64))
        a = g.op("Reshape", a, shape)
        b = g.op("Reshape", b, shape)
    zero = _constant(g, 0.0, x)
    one = _constant(g, 1.0, x)
    positive = g.op("Mul", g.op("Div", a, b), x)
    negative = g.op("Mul", a, g.op("Sub", g.op("Exp", g.op("Div", g.op("Min", x, zero), b)), one))
    return g.op("Where", g.op("Greater", x, zero), positive, negative)


def register_onnx_symbolics():
    """Tells torch.onnx.export how to write each op (in-place forms as their results)."""
    for name, fn in (("elu", _elu), ("elu_", _elu), ("selu", _selu), ("selu_", _selu),
                     ("celu", _celu), ("celu_", _celu), ("pelu", _pelu)):
        torch.onnx.register_custom_op_symbolic("elu::" + name, fn, _FIRST_OPSET)
