// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The entry points behind both the C++ API (elu::nn) and the registered ops: check every argument
// once, then take the plain kernel when autograd would record nothing (grad mode off, or no input
// requires grad) and the autograd node otherwise; a tangent (forward-mode AD) is carried to the
// output. `fn` names the caller in error messages.
#pragma once

#include <ATen/core/Tensor.h>

#include "elu/elu.hpp"

namespace elu::nn::detail {

at::Tensor elu_family(const char* fn, const at::Tensor& x, const Params& p);

/// In place. Raises before writing: for a leaf that requires grad (or a view of one), for
/// alpha < 0 under autograd, for an inference tensor outside inference mode, for a tensor with
/// overlapping elements.
at::Tensor& elu_family_(const char* fn, at::Tensor& x, const Params& p);

/// PELU with torch's type promotion over x, a and b: the result has their promoted dtype; a
/// 16-bit result is computed in float32 and rounded once.
at::Tensor pelu(const char* fn, const at::Tensor& x, const at::Tensor& a, const at::Tensor& b);

/// The same without autograd (the ops' CPU kernels, reached when autograd is below or off).
at::Tensor elu_family_no_autograd(const char* fn, const at::Tensor& x, const Params& p);
at::Tensor& elu_family_no_autograd_(const char* fn, at::Tensor& x, const Params& p);
at::Tensor pelu_no_autograd(const char* fn, const at::Tensor& x, const at::Tensor& a,
                            const at::Tensor& b);

}  // namespace elu::nn::detail
