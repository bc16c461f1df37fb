// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the LibTorch adapter tests.
#pragma once

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace elu::torch_test {

/// Parity tolerance with LibTorch: 1.13 computes exp(x) - 1, which loses digits near 0 that ours
/// keeps (docs/torch.md), so float compares at rtol 1e-5, atol 1e-6.
struct Tol {
  double rtol, atol;
};
inline Tol tol_for(at::ScalarType t) {
  return t == at::kFloat ? Tol{1e-5, 1e-6} : Tol{1e-12, 1e-15};
}

/// Passes when got and want have the same shape and allclose(rtol, atol) holds elementwise,
/// NaNs matching; otherwise reports the worst element.
inline ::testing::AssertionResult AllClose(const at::Tensor& got, const at::Tensor& want, Tol tol) {
  if (got.sizes() != want.sizes()) {
    return ::testing::AssertionFailure() << "shape " << got.sizes() << " vs " << want.sizes();
  }
  const at::Tensor g = got.detach().to(at::kDouble);
  const at::Tensor w = want.detach().to(at::kDouble);
  if (at::allclose(g, w, tol.rtol, tol.atol, /*equal_nan=*/true))
    return ::testing::AssertionSuccess();
  const at::Tensor err =
      ((g - w).abs() - tol.rtol * w.abs()).nan_to_num(std::numeric_limits<double>::infinity());
  const int64_t i = err.flatten().argmax().item<int64_t>();
  return ::testing::AssertionFailure()
         << "not allclose(rtol=" << tol.rtol << ", atol=" << tol.atol << "): at flat index " << i
         << " got " << g.flatten()[i].item<double>() << " want " << w.flatten()[i].item<double>();
}

/// Normal(0, 3) values with the edges appended: signed zeros, tiny and huge magnitudes, the
/// saturation region, infinities and NaN.
inline at::Tensor test_input(at::ScalarType dtype, int64_t rows = 33, int64_t cols = 129,
                             uint64_t seed = 1) {
  at::manual_seed(seed);
  at::Tensor x = at::randn({rows * cols - 16}, at::TensorOptions().dtype(at::kDouble)) * 3.0;
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> edges = {0.0,   -0.0,  1e-30, -1e-30, 1e-7, -1e-7, -3e-8, -20.0,
                                     -90.0, -800., 100.0, 1e4,    inf,  -inf,  NAN,   -1.0};
  x = at::cat({x, at::tensor(edges, at::TensorOptions().dtype(at::kDouble))});
  return x.to(dtype).reshape({rows, cols});
}

}  // namespace elu::torch_test
