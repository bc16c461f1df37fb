// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// A plain ReLU loop, the speed an activation with no exponential reaches.
#pragma once

#include <cstddef>

namespace elu_bench {

/// y[i] = max(x[i], 0). Compiled -O3 in its own translation unit (see relu_loop.cc).
void relu_loop(const float* x, float* y, std::size_t n);
void relu_loop(const double* x, double* y, std::size_t n);

}  // namespace elu_bench
