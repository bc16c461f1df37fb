// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Conventions at the edges (README "Conventions"), on every compiled SIMD target.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "elu/elu.hpp"
#include "test_util.h"

namespace elu::test {
namespace {

class SpecialValues : public hwy::TestWithParamTarget {};
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(SpecialValues);

template <typename T>
T fwd(T x, const Params& p) {
  T y;
  elu::forward(std::span<const T>(&x, 1), std::span<T>(&y, 1), p);
  return y;
}
template <typename T>
T bwd(T dy, T x, const Params& p) {
  T dx;
  elu::backward(std::span<const T>(&dy, 1), std::span<const T>(&x, 1), std::span<T>(&dx, 1), p);
  return dx;
}
template <typename T>
T bwd_out(T dy, T y, const Params& p) {
  T dx;
  elu::backward_from_output(std::span<const T>(&dy, 1), std::span<const T>(&y, 1),
                            std::span<T>(&dx, 1), p);
  return dx;
}

template <typename T>
bool is_quiet_nan(T v) {
  if (!std::isnan(v)) return false;
  if constexpr (sizeof(T) == 4) return (bits_of(v) & 0x00400000u) != 0;
  return (bits_of(v) & 0x0008000000000000ull) != 0;
}

template <typename T>
void CheckSpecials() {
  const T inf = std::numeric_limits<T>::infinity();
  const T qnan = std::numeric_limits<T>::quiet_NaN();
  const T snan = std::numeric_limits<T>::signaling_NaN();
  for (const Params& p : {Params::elu(1.0), Params::elu(0.5), Params::selu(), Params::celu(2.0),
                          Params::elu(-0.7), Params::pelu(1.3, 0.4)}) {
    const T scale = T(p.scale), sa = T(p.scale * p.alpha);
    // Signed zeros.
    EXPECT_EQ(bits_of(fwd(T(0), p)), bits_of(T(0)));
    EXPECT_EQ(bits_of(fwd(T(-0.0), p)), bits_of(T(-0.0)));
    // NaN in, quiet NaN out (signalling too).
    EXPECT_TRUE(is_quiet_nan(fwd(qnan, p)));
    EXPECT_TRUE(is_quiet_nan(fwd(snan, p)));
    EXPECT_TRUE(is_quiet_nan(fwd(-qnan, p)));
    // Infinities and saturation.
    EXPECT_EQ(fwd(inf, p), inf);
    EXPECT_EQ(fwd(-inf, p), -sa);
    EXPECT_EQ(fwd(std::numeric_limits<T>::lowest(), p), -sa);
    EXPECT_EQ(fwd(T(-1000), p), -sa);
    // f'(-Inf) = 0, also for a huge dy; f' at 0 takes the x <= 0 branch (PyTorch's convention).
    EXPECT_EQ(bwd(T(1), -inf, p), T(0));
    EXPECT_EQ(bwd(std::numeric_limits<T>::max(), -inf, p), T(0));
    EXPECT_EQ(bwd(T(1), T(0), p), T(T(p.scale * p.alpha) * T(p.input_scale)))
        << "f'(0) must be scale*alpha*input_scale";
    // Huge positive x: exactly dy * scale, never a NaN from the unused exponential.
    for (const T x : {T(1e30), inf, std::numeric_limits<T>::max(), T(100), T(89), T(710)}) {
      EXPECT_EQ(bwd(T(3), x, p), T(3) * scale) << x;
      EXPECT_EQ(fwd(x, p), x * scale) << x;
    }
    // NaN x gives NaN in the gradient; NaN dy propagates too.
    EXPECT_TRUE(std::isnan(bwd(T(1), qnan, p)));
    EXPECT_TRUE(std::isnan(bwd(qnan, T(-1), p)));
    EXPECT_TRUE(std::isnan(bwd(qnan, T(1), p)));
    if (p.alpha >= 0) {
      EXPECT_EQ(bwd_out(T(2), T(1), p), T(2) * scale);
      EXPECT_TRUE(std::isnan(bwd_out(T(1), qnan, p)));
      // Once y has rounded to -scale*alpha the gradient is exactly 0 (documented limit).
      EXPECT_EQ(bwd_out(T(1), -sa, p), T(0));
      EXPECT_EQ(bwd_out(T(1), fwd(T(-1000), p), p), T(0));
    }
  }
}

TEST_P(SpecialValues, Float) { CheckSpecials<float>(); }
TEST_P(SpecialValues, Double) { CheckSpecials<double>(); }

// Tiny negative inputs: expm1 semantics, where exp(x) - 1 would cancel to 0 or be 19% off.
TEST_P(SpecialValues, NoCancellationNearZero) {
  for (const float x : {-1e-8f, -1e-7f, -1e-20f, -1e-38f, -1e-45f}) {
    const float y = fwd(x, Params::elu(1.0));
    EXPECT_NE(y, 0.0f) << x;
    EXPECT_NEAR(y / x, 1.0f, 1e-6f) << x;
  }
  for (const double x : {-1e-17, -1e-200, -4.9e-324}) {
    const double y = fwd(x, Params::elu(1.0));
    EXPECT_NE(y, 0.0) << x;
    EXPECT_NEAR(y / x, 1.0, 1e-15) << x;
  }
}

}  // namespace
}  // namespace elu::test
