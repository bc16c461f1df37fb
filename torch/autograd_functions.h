// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Autograd nodes for the adapter. Each forward calls the no-autograd kernels and saves what its
// backward needs: x (out of place), the output (in place), or x, its channel blocks and the
// parameters (PELU). A plain backward runs the kernels; a backward with create_graph (grad mode on
// inside the backward) computes the same gradient with LibTorch ops (differentiable_formulas.h),
// so that it can be differentiated again. `fn` names the caller in error messages.
#pragma once

#include <torch/autograd.h>

#include "elu/elu.hpp"

namespace elu::nn::detail {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

/// y = f(x) for one Params with its backward node (saves x); fn must be a string literal. The
/// hottest path of the adapter, so a Node of its own rather than a torch::autograd::Function:
/// no context dictionary, no string copies (docs/torch.md, per-call cost).
at::Tensor elu_with_autograd(const char* fn, const at::Tensor& x, const Params& p);

/// x = f(x) in place; saves the output and differentiates from it (needs alpha >= 0).
struct EluInplaceFunction : torch::autograd::Function<EluInplaceFunction> {
  static at::Tensor forward(AutogradContext* ctx, const char* fn, at::Tensor x, const Params& p);
  static variable_list backward(AutogradContext* ctx, variable_list grads);
};

/// PELU(x; a, b) with gradients for x, a and b (x, a, b of one dtype, float32 or float64).
struct PeluFunction : torch::autograd::Function<PeluFunction> {
  static at::Tensor forward(AutogradContext* ctx, const char* fn, const at::Tensor& x,
                            const at::Tensor& a, const at::Tensor& b, int64_t channels);
  static variable_list backward(AutogradContext* ctx, variable_list grads);
};

}  // namespace elu::nn::detail
