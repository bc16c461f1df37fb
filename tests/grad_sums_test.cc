// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The sums of backward_with_sums and backward_with_sums_channels are accumulated in double, as
// their contract says, on every compiled SIMD target: cases that a float accumulator gets wrong
// (a large term cancelling against small ones in one lane; terms whose sum overflows float) come
// out exact.
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <vector>

#include "elu/elu.hpp"
#include "test_util.h"

namespace elu::test {
namespace {

class GradSumsInDouble : public hwy::TestWithParamTarget {};
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(GradSumsInDouble);

// x = 1e8 at 0 and at 256, 1 at every 16th index from 16 to 240, 0 elsewhere; dy = 1 but -1 at
// 256. With ELU(1), dx = dy, so both sums are 1e8 + 15 - 1e8 = 15 exactly. The terms at indices
// 0, 16, ..., 256 share one lane on every target (16 is a multiple of every vector width), where a
// float accumulator rounds 1e8 + 1 back to 1e8 and ends at 0.
template <typename T>
void Cancellation(std::vector<T>& dy, std::vector<T>& x) {
  dy.assign(257, T(1));
  x.assign(257, T(0));
  x[0] = x[256] = T(1e8);
  for (int i = 16; i <= 240; i += 16) x[i] = T(1);
  dy[256] = T(-1);
}

template <typename T>
void CheckCancellation() {
  std::vector<T> dy, x;
  Cancellation(dy, x);
  std::vector<T> dx(x.size());
  const GradSums s = backward_with_sums(std::span<const T>(dy), std::span<const T>(x),
                                        std::span<T>(dx), Params::elu(1.0));
  EXPECT_EQ(s.dy_y, 15.0);
  EXPECT_EQ(s.x_dx, 15.0);

  // One channel: every row lands in the same lane.
  const std::vector<Params> one = {Params::elu(1.0)};
  std::vector<GradSums> sums(1);
  backward_with_sums_channels(std::span<const T>(dy), std::span<const T>(x), std::span<T>(dx),
                              std::span<const Params>(one), std::span<GradSums>(sums));
  EXPECT_EQ(sums[0].dy_y, 15.0);
  EXPECT_EQ(sums[0].x_dx, 15.0);
}

TEST_P(GradSumsInDouble, LargeTermsCancelExactlyFloat) { CheckCancellation<float>(); }
TEST_P(GradSumsInDouble, LargeTermsCancelExactlyDouble) { CheckCancellation<double>(); }

// 64 copies of x = 0.4 * FLT_MAX with dy = 1: each product is finite in float, their sum
// (25.6 * FLT_MAX) is not, and is exact in double (64 copies of a 24-bit value).
TEST_P(GradSumsInDouble, SumBeyondFloatRangeIsExact) {
  const float big = 0.4f * FLT_MAX;
  const std::vector<float> dy(64, 1.0f), x(64, big);
  std::vector<float> dx(x.size());
  const GradSums s = backward_with_sums(std::span<const float>(dy), std::span<const float>(x),
                                        std::span<float>(dx), Params::elu(1.0));
  EXPECT_EQ(s.dy_y, 64.0 * double(big));
  EXPECT_EQ(s.x_dx, 64.0 * double(big));

  // Two channels, 32 rows each.
  const std::vector<Params> two = {Params::elu(1.0), Params::elu(1.0)};
  std::vector<GradSums> sums(2);
  backward_with_sums_channels(std::span<const float>(dy), std::span<const float>(x),
                              std::span<float>(dx), std::span<const Params>(two),
                              std::span<GradSums>(sums));
  for (const GradSums& c : sums) {
    EXPECT_EQ(c.dy_y, 32.0 * double(big));
    EXPECT_EQ(c.x_dx, 32.0 * double(big));
  }
}

// Float products are exact in double: dy * f(x) for dy, x with 24 significant bits each needs
// 48, so a sum of products that cancel to a small exact value is found exactly.
TEST_P(GradSumsInDouble, FloatProductsAreNotRoundedToFloat) {
  const float a = 1.0f + 0x1p-23f;  // 1 + 2^-23: a * a = 1 + 2^-22 + 2^-46, not a float
  const std::vector<float> dy = {a, -1.0f}, x = {a, 1.0f + 0x1p-22f};
  std::vector<float> dx(x.size());
  const GradSums s = backward_with_sums(std::span<const float>(dy), std::span<const float>(x),
                                        std::span<float>(dx), Params::elu(1.0));
  // dy_y = a * a - (1 + 2^-22) = 2^-46; a float product would give 0.
  EXPECT_EQ(s.dy_y, 0x1p-46);
  EXPECT_EQ(s.x_dx, 0x1p-46);  // dx = dy here, so x * dx cancels the same way
}

}  // namespace
}  // namespace elu::test
