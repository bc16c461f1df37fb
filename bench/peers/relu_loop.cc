// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Kept alone in this file so the compiler sees nothing but the loop: this is the ReLU a user
// writes. target_clones gives it the machine's widest vectors (as the other peers pick theirs at
// run time) without -march flags in the build.
#include "relu_loop.h"

namespace elu_bench {

__attribute__((target_clones("avx512f", "avx2", "default"))) void relu_loop(const float* x,
                                                                            float* y,
                                                                            std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}

__attribute__((target_clones("avx512f", "avx2", "default"))) void relu_loop(const double* x,
                                                                            double* y,
                                                                            std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] = x[i] > 0.0 ? x[i] : 0.0;
}

}  // namespace elu_bench
