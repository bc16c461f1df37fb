// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// bf16 / f16 backward and backward_from_output on every compiled SIMD target, exhaustive over the
// 65,536 values of x (or y) for several dy, against the exact value rounded to the type.
// Bound (stated in elu.hpp and docs/lowp.md): within 1 ULP of the 16-bit type. The f32 gradient
// is within 2 f32 ULP, so only results near a midpoint may round the other way; the count of
// such results is printed, not bounded.
//
// Also here: the SIMD narrowing itself, proven exact. For x > 0, dx = dy * scale, and with the
// scales below the f32 product is exact, so every result must equal the correctly rounded
// product: every rounding case (ties to even, subnormals, overflow to Inf) on every target.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "elu/elu.hpp"
#include "lowp_test_util.h"
#include "reference.h"

namespace elu::test {
namespace {

class LowpBackward : public hwy::TestWithParamTarget {};
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(LowpBackward);

const Params kParams[] = {Params::elu(1.0), Params::elu(0.5), Params::selu(), Params::celu(2.0)};
const char* const kNames[] = {"ELU(1)", "ELU(0.5)", "SELU", "CELU(2)"};
// Gradients with a full 16-bit significand, both signs, and a large one that overflows f16.
const float kDy[] = {1.0f, -0.75f, 1.3046875f, -3.0e4f};

enum class Kind { kFromInput, kFromOutput };

template <typename H>
void CheckGradients(Kind kind) {
  const Format& fmt = Half<H>::format;
  const std::vector<H> v = all_values<H>();  // x, or y for the output-based form
  std::vector<H> dy(v.size()), dx(v.size());
  for (size_t m = 0; m < 4; ++m) {
    for (float g : kDy) {
      const H dyh(g);
      std::fill(dy.begin(), dy.end(), dyh);
      if (kind == Kind::kFromInput) {
        elu::backward(std::span<const H>(dy), std::span<const H>(v), std::span<H>(dx), kParams[m]);
      } else {
        elu::backward_from_output(std::span<const H>(dy), std::span<const H>(v), std::span<H>(dx),
                                  kParams[m]);
      }
      int not_nearest = 0;
      double worst = 0;
      for (uint32_t b = 0; b < 65536; ++b) {
        const float vf = static_cast<float>(v[b]);
        const float df = static_cast<float>(dyh);
        const double exact = kind == Kind::kFromInput
                                 ? reference::backward(df, vf, kParams[m])
                                 : reference::backward_from_output(df, vf, kParams[m]);
        const double got = static_cast<float>(dx[b]);
        if (std::isnan(exact)) {
          ASSERT_TRUE(Half<H>::is_quiet_nan(dx[b].bits()))
              << fmt.name << " " << kNames[m] << " at " << hex16(v[b].bits()) << " gave "
              << hex16(dx[b].bits()) << " on " << target_name();
          continue;
        }
        const double err = ulp_in(fmt, got, exact);
        worst = std::max(worst, err);
        ASSERT_LE(err, 1.0) << fmt.name << " " << kNames[m] << " dy=" << g << " at " << hex(vf)
                            << " got " << hex(got) << " exact " << hex(exact) << " on "
                            << target_name();
        if (!same_value(got, round_to(fmt, exact))) ++not_nearest;
      }
      std::printf("[ lowp ] %s %s %-8s dy=%-9g on %-6s: max %.3f ULP, %d not nearest\n",
                  kind == Kind::kFromInput ? "backward            " : "backward_from_output",
                  fmt.name, kNames[m], g, target_name().c_str(), worst, not_nearest);
    }
  }
}

TEST_P(LowpBackward, FromInputBF16) { CheckGradients<bf16>(Kind::kFromInput); }
TEST_P(LowpBackward, FromInputF16) { CheckGradients<f16>(Kind::kFromInput); }
TEST_P(LowpBackward, FromOutputBF16) { CheckGradients<bf16>(Kind::kFromOutput); }
TEST_P(LowpBackward, FromOutputF16) { CheckGradients<f16>(Kind::kFromOutput); }

// Scales whose product with every value of the type is exact in f32 and lands on ties, just
// beside them (the second), below the smallest normal, or beyond the largest finite value.
template <typename H>
std::vector<double> exact_product_scales();
template <>
std::vector<double> exact_product_scales<bf16>() {
  return {1.0 + 0x1p-8, 1.0 + 0x1p-9 + 0x1p-12, 0.75 + 0x1p-9, 1.5, 0x1.fep0};
}
template <>
std::vector<double> exact_product_scales<f16>() {
  return {1.0 + 0x1p-11, 1.0 + 0x1p-12, 1.5, 0x1.8p-13, 0x1.ffcp0};
}

template <typename H>
void CheckNarrowing() {
  const Format& fmt = Half<H>::format;
  const std::vector<H> dy = all_values<H>();
  const std::vector<H> x(dy.size(), H(1.0f));  // positive branch: dx = dy * scale
  std::vector<H> dx(dy.size());
  int ties = 0;
  for (double s : exact_product_scales<H>()) {
    const Params p{1.0, s, 1.0};
    elu::backward(std::span<const H>(dy), std::span<const H>(x), std::span<H>(dx), p);
    for (uint32_t b = 0; b < 65536; ++b) {
      const double exact = static_cast<double>(static_cast<float>(dy[b])) * s;  // exact
      const double want = round_to(fmt, exact);
      const double got = static_cast<float>(dx[b]);
      if (std::isnan(exact)) {
        ASSERT_TRUE(Half<H>::is_quiet_nan(dx[b].bits())) << hex16(dy[b].bits());
        continue;
      }
      ASSERT_TRUE(same_value(got, want))
          << fmt.name << " " << hex(static_cast<float>(dy[b])) << " * " << hex(s) << " = "
          << hex(exact) << " rounded to " << hex(got) << ", want " << hex(want) << " on "
          << target_name();
      if (std::isfinite(exact) && exact != 0) {
        const double q = quantum(fmt, exact);
        if (std::fabs(exact) / q - std::floor(std::fabs(exact) / q) == 0.5) ++ties;
      }
    }
  }
  EXPECT_GT(ties, 1000) << "the scales must produce exact ties, or the test loses its point";
}

TEST_P(LowpBackward, NarrowingIsRoundToNearestEvenBF16) { CheckNarrowing<bf16>(); }
TEST_P(LowpBackward, NarrowingIsRoundToNearestEvenF16) { CheckNarrowing<f16>(); }

}  // namespace
}  // namespace elu::test
