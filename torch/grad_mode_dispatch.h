// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The entry points behind both the C++ API (elu::nn) and the registered ops: check the arguments,
// then take the plain kernel when autograd would record nothing (grad mode off, or no input
// requires grad) and the autograd node otherwise. `fn` names the caller in error messages.
#pragma once

#include <ATen/core/Tensor.h>

#include "elu/elu.hpp"

namespace elu::nn::detail {

at::Tensor elu_family(const char* fn, const at::Tensor& x, const Params& p);

/// In place. Raises before writing: for a leaf that requires grad (or a view of one), for
/// alpha < 0 under autograd, for an inference tensor outside inference mode.
at::Tensor& elu_family_(const char* fn, at::Tensor& x, const Params& p);

at::Tensor pelu(const char* fn, const at::Tensor& x, const at::Tensor& a, const at::Tensor& b);

}  // namespace elu::nn::detail
