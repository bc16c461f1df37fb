// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The family's derivatives written with LibTorch ops, so that autograd can differentiate them
// again. Used where the kernels cannot serve: a backward run with create_graph (double
// backward, Hessians) and forward-mode AD. Same conventions as the kernels: f'(0) takes the
// x <= 0 branch, PELU clamps a and b to >= kPeluMin, a NaN input gives a NaN derivative. The
// exponentials see min(x, 0), so a large positive x never puts an Inf (and then 0 * Inf = NaN)
// into the unused branch.
#pragma once

#include <ATen/core/Tensor.h>

#include "elu/elu.hpp"

namespace elu::nn::detail {

/// f'(x) for one Params.
at::Tensor elu_derivative(const at::Tensor& x, const Params& p);

/// f'(x) from y = f(x), as elu::backward_from_output computes it (p.alpha >= 0).
at::Tensor elu_derivative_from_output(const at::Tensor& y, const Params& p);

/// PELU(x; a, b) composed of LibTorch ops (a and b with 1 element or one per channel, dim 1).
at::Tensor pelu_composite(const at::Tensor& x, const at::Tensor& a, const at::Tensor& b);

}  // namespace elu::nn::detail
