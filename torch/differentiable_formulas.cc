// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "differentiable_formulas.h"

#include <ATen/Functions.h>

#include <vector>

#include "elu/nn.hpp"

namespace elu::nn::detail {

at::Tensor elu_derivative(const at::Tensor& x, const Params& p) {
  const at::Tensor negative =
      at::exp(x.clamp_max(0) * p.input_scale) * (p.scale * p.alpha * p.input_scale);
  return at::where(x > 0, at::scalar_tensor(p.scale, x.options()), negative);
}

at::Tensor elu_derivative_from_output(const at::Tensor& y, const Params& p) {
  const at::Tensor negative = (y + p.scale * p.alpha) * p.input_scale;
  return at::where(y > 0, at::scalar_tensor(p.scale, y.options()), negative);
}

at::Tensor pelu_composite(const at::Tensor& x, const at::Tensor& a, const at::Tensor& b) {
  std::vector<int64_t> shape(static_cast<std::size_t>(x.dim()), 1);
  if (a.numel() > 1) shape[1] = a.numel();
  const at::Tensor ac = a.clamp_min(kPeluMin).reshape(shape);
  const at::Tensor bc = b.clamp_min(kPeluMin).reshape(shape);
  // Both branches meet at x = 0 with slope a/b, so the choice of branch there does not matter.
  return at::where(x > 0, ac / bc * x, ac * at::expm1(x.clamp_max(0) / bc));
}

}  // namespace elu::nn::detail
