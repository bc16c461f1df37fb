// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// bf16 / f16 forward, exhaustive: all 65,536 inputs of each type, on every compiled SIMD target,
// for ELU(1), ELU(0.5), SELU and CELU(2), against the exact value correctly rounded to the type.
//
// The exact value uses the parameters as the f32 compute takes them (scale, scale*alpha and
// input_scale rounded to float once, as for float). The positive branch is exact in double; the
// negative branch comes from MPFR at 320 bits as a double-double, rounded by the test's own
// arithmetic routine (lowp_test_util.h), so a single rounding decides the expected result.
// (320 bits, not 128: for the smallest bf16 subnormals x ~ 2^-133, f(x) = sa x (1 + x/2 + ...)
// differs from the bf16 midpoint sa x by a relative 2^-134, which 128 bits cannot see.)
//
// A result may differ from the correctly rounded one only in a double-rounding case: the f32
// result (within 1-2 f32 ULP) sits on the other side of a midpoint of the 16-bit type. Each such
// exception is named, must really be one (exact value within 2 f32 ULP of a midpoint, result
// within 1 ULP of the type), and there may be at most 8 per type and member.
#include <gtest/gtest.h>
#include <mpfr.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "elu/elu.hpp"
#include "kernels/lowp.h"
#include "lowp_test_util.h"
#include "reference.h"

namespace elu::test {
namespace {

constexpr int kMaxExceptions = 8;

struct LowpMember {
  const char* name;
  Params params;
};
std::vector<LowpMember> lowp_members() {
  return {{"ELU(1)", Params::elu(1.0)},
          {"ELU(0.5)", Params::elu(0.5)},
          {"SELU", Params::selu()},
          {"CELU(2)", Params::celu(2.0)}};
}

// sa * expm1(is * x) at 320 bits, as hi + lo.
reference::DD exact_negative(double x, double sa, double is) {
  mpfr_t v;
  mpfr_init2(v, 320);
  mpfr_set_d(v, x, MPFR_RNDN);
  mpfr_mul_d(v, v, is, MPFR_RNDN);
  mpfr_expm1(v, v, MPFR_RNDN);
  mpfr_mul_d(v, v, sa, MPFR_RNDN);
  reference::DD r;
  r.hi = mpfr_get_d(v, MPFR_RNDN);
  mpfr_sub_d(v, v, r.hi, MPFR_RNDN);
  r.lo = mpfr_get_d(v, MPFR_RNDN);
  mpfr_clear(v);
  return r;
}

// Exact f(x) for a 16-bit input as a double-double, with float-rounded parameters.
reference::DD exact_forward(float x, const Params& p) {
  const double scale = static_cast<float>(p.scale);
  if (std::isnan(x)) return {x, 0};
  if (x > 0) return {scale * x, 0};  // exact: 24 x 11 (or 8) bits
  if (x == 0) return {x, 0};         // f(+-0) = +-0
  return exact_negative(x, static_cast<float>(p.scale * p.alpha),
                        static_cast<float>(p.input_scale));
}

// Expected results are computed once per type and member and shared by every target's run.
template <typename H>
const std::vector<reference::DD>& exact_table(const LowpMember& m) {
  static std::mutex mu;
  static std::map<std::string, std::vector<reference::DD>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto& v = cache[m.name];
  if (v.empty()) {
    v.resize(65536);
    for (uint32_t b = 0; b < 65536; ++b) {
      v[b] = exact_forward(static_cast<float>(H::from_bits(static_cast<uint16_t>(b))), m.params);
    }
  }
  return v;
}

class LowpForward : public hwy::TestWithParamTarget {};
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(LowpForward);

template <typename H>
void CheckExhaustive() {
  const Format& fmt = Half<H>::format;
  const std::vector<H> x = all_values<H>();
  std::vector<H> y(x.size()), y_api(x.size());
  for (const LowpMember& m : lowp_members()) {
    // The computing kernel of this target (the public forward may look results up in a table
    // built earlier, possibly on another target), then the public call, which must agree.
    detail::forward_kernel(x.data(), y.data(), x.size(),
                           detail::make_kernel_params<float>(m.params),
                           /*stream=*/false);
    elu::forward(std::span<const H>(x), std::span<H>(y_api), m.params);
    ASSERT_EQ(std::memcmp(y.data(), y_api.data(), y.size() * sizeof(H)), 0)
        << "public forward differs from the kernel on " << target_name();
    const auto& exact = exact_table<H>(m);
    int exceptions = 0;
    double worst = 0;
    std::string listed;
    for (uint32_t b = 0; b < 65536; ++b) {
      const double xv = static_cast<float>(x[b]);
      const double got = static_cast<float>(y[b]);
      if (std::isnan(xv)) {
        ASSERT_TRUE(Half<H>::is_quiet_nan(y[b].bits()))
            << fmt.name << " " << m.name << " x=" << hex16(x[b].bits()) << " gave "
            << hex16(y[b].bits()) << ", not a quiet NaN, on " << target_name();
        continue;
      }
      const double want = round_to(fmt, exact[b].hi, exact[b].lo);
      const double err = ulp_in(fmt, got, exact[b].hi);
      worst = std::max(worst, err);
      ASSERT_LE(err, 1.0) << fmt.name << " " << m.name << " x=" << hex(xv) << " got " << hex(got)
                          << " exact " << hex(exact[b].hi) << " on " << target_name();
      if (same_value(got, want)) continue;
      ++exceptions;
      const double to_mid = f32_ulps_to_midpoint(fmt, exact[b].hi);
      listed += "  x=" + hex16(x[b].bits()) + " (" + hex(xv) + ") got " + hex(got) + " want " +
                hex(want) + " exact " + hex(exact[b].hi) + ", " + std::to_string(to_mid) +
                " f32 ULP from the midpoint\n";
      EXPECT_LE(to_mid, 2.0) << "not a double-rounding case: " << fmt.name << " " << m.name
                             << " x=" << hex(xv) << " got " << hex(got) << " want " << hex(want)
                             << " on " << target_name();
    }
    std::printf("[ lowp ] %s %-8s on %-6s: %d double-rounding exceptions, max %.3f ULP\n%s",
                fmt.name, m.name, target_name().c_str(), exceptions, worst, listed.c_str());
    EXPECT_LE(exceptions, kMaxExceptions) << fmt.name << " " << m.name << " on " << target_name();
  }
}

TEST_P(LowpForward, ExhaustiveBF16) { CheckExhaustive<bf16>(); }
TEST_P(LowpForward, ExhaustiveF16) { CheckExhaustive<f16>(); }

// Special values, spelled out (the exhaustive test covers them too, but not by name).
template <typename H>
void CheckSpecials() {
  const H in[] = {H(0.0f), H(-0.0f), H(INFINITY), H(-INFINITY), H(NAN), H(-NAN)};
  H out[6];
  elu::forward(std::span<const H>(in), std::span<H>(out), Params::selu());
  EXPECT_EQ(out[0].bits(), H(0.0f).bits());
  EXPECT_EQ(out[1].bits(), H(-0.0f).bits());
  EXPECT_EQ(out[2].bits(), H(INFINITY).bits());
  const float sa = static_cast<float>(Params::selu().scale * Params::selu().alpha);
  EXPECT_EQ(out[3].bits(), H(-sa).bits());
  EXPECT_TRUE(Half<H>::is_quiet_nan(out[4].bits()));
  EXPECT_TRUE(Half<H>::is_quiet_nan(out[5].bits()));
}
TEST_P(LowpForward, SpecialValuesBF16) { CheckSpecials<bf16>(); }
TEST_P(LowpForward, SpecialValuesF16) { CheckSpecials<f16>(); }

TEST_P(LowpForward, F16OverflowsToInfAndSignalingNaNIsQuieted) {
  // SELU's slope 1.0507 takes 62368 (and above) past 65520, the f16 overflow threshold.
  const f16 in[] = {f16(62336.0f), f16(62368.0f), f16(65504.0f), f16::from_bits(0x7C01),
                    f16::from_bits(0xFC01)};
  f16 out[5];
  elu::forward(std::span<const f16>(in), std::span<f16>(out), Params::selu());
  EXPECT_EQ(static_cast<float>(out[0]), 65504.0f) << "62336 * 1.0507 = 65496.5 rounds to 65504";
  EXPECT_EQ(out[1].bits(), 0x7C00) << "62368 * 1.0507 = 65530.7 overflows";
  EXPECT_EQ(out[2].bits(), 0x7C00);
  EXPECT_TRUE(Half<f16>::is_quiet_nan(out[3].bits()));
  EXPECT_TRUE(Half<f16>::is_quiet_nan(out[4].bits()));
}

}  // namespace
}  // namespace elu::test
