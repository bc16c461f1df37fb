// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Autograd nodes for the adapter. Each forward calls the no-autograd kernels and saves what its
// backward needs: x (out of place), the output (in place) or x's channel blocks (PELU).
// `fn` names the caller in error messages. The backward is first-order only: differentiating
// it again raises.
#pragma once

#include <torch/autograd.h>

#include "elu/elu.hpp"

namespace elu::nn::detail {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

/// y = f(x) for one Params; saves x.
struct EluFunction : torch::autograd::Function<EluFunction> {
  static at::Tensor forward(AutogradContext* ctx, const char* fn, const at::Tensor& x,
                            const Params& p);
  static variable_list backward(AutogradContext* ctx, variable_list grads);
};

/// x = f(x) in place; saves the output and differentiates from it (needs alpha >= 0).
struct EluInplaceFunction : torch::autograd::Function<EluInplaceFunction> {
  static at::Tensor forward(AutogradContext* ctx, const char* fn, at::Tensor x, const Params& p);
  static variable_list backward(AutogradContext* ctx, variable_list grads);
};

/// PELU(x; a, b) with gradients for x, a and b.
struct PeluFunction : torch::autograd::Function<PeluFunction> {
  static at::Tensor forward(AutogradContext* ctx, const char* fn, const at::Tensor& x,
                            const at::Tensor& a, const at::Tensor& b);
  static variable_list backward(AutogradContext* ctx, variable_list grads);
};

}  // namespace elu::nn::detail
