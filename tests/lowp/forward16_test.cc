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
// Every result must be the correctly rounded one. A miss is named, with its distance from the
// midpoint of the 16-bit type in f32 ULPs (a double-rounding case lies within a few).
//
// The kernels recompute exactly the lanes whose f32 result lies within 3 f32 ULPs of a midpoint.
// The test prints how many inputs have an exact value within 3 (about the lanes that take that
// fallback) and within 16 f32 ULPs of a midpoint (those a polynomial with a 16-ULP error bound
// would have to send on: docs/lowp.md).
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
    int exceptions = 0, near16 = 0, near3 = 0;
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
      const double to_mid = f32_ulps_to_midpoint(fmt, exact[b].hi);
      near16 += to_mid <= 16.0;
      near3 += to_mid <= 3.0;
      const double err = ulp_in(fmt, got, exact[b].hi);
      worst = std::max(worst, err);
      ASSERT_LE(err, 1.0) << fmt.name << " " << m.name << " x=" << hex(xv) << " got " << hex(got)
                          << " exact " << hex(exact[b].hi) << " on " << target_name();
      if (same_value(got, want)) continue;
      ++exceptions;
      listed += "  x=" + hex16(x[b].bits()) + " (" + hex(xv) + ") got " + hex(got) + " want " +
                hex(want) + " exact " + hex(exact[b].hi) + ", " + std::to_string(to_mid) +
                " f32 ULP from the midpoint\n";
    }
    std::printf(
        "[ lowp ] %s %-8s on %-6s: %d not correctly rounded, max %.3f ULP; exact values within "
        "16 / 3 f32 ULPs of a midpoint: %d / %d\n%s",
        fmt.name, m.name, target_name().c_str(), exceptions, worst, near16, near3, listed.c_str());
    EXPECT_EQ(exceptions, 0) << fmt.name << " " << m.name << " on " << target_name();
  }
}

TEST_P(LowpForward, ExhaustiveBF16) { CheckExhaustive<bf16>(); }
TEST_P(LowpForward, ExhaustiveF16) { CheckExhaustive<f16>(); }

// The fallback at work: the four members above put almost no bf16 result near a midpoint (their
// near-midpoint values are structural, as ELU(0.5)'s subnormal ties), so random parameter sets
// supply them. Every negative input with |x| in [2^-10, 16] (the exponential's range) for 48
// sets: every result correctly rounded, among enough exact values near a midpoint.
template <typename H>
void CheckRandomParams() {
  const Format& fmt = Half<H>::format;
  std::vector<H> x;
  for (uint32_t b = 0; b < 65536; ++b) {
    const H h = H::from_bits(static_cast<uint16_t>(b));
    const float v = static_cast<float>(h);
    if (v < 0 && std::fabs(v) >= 0x1p-10f && std::fabs(v) <= 16) x.push_back(h);
  }
  SplitMix rng{2026};
  std::vector<Params> sets;
  for (int i = 0; i < 48; ++i) {
    sets.push_back({rng.uniform(0.2, 3.0), rng.uniform(0.5, 2.0), rng.uniform(0.3, 3.0)});
  }
  // The exact values, once per type for every target's run.
  static const std::vector<std::vector<reference::DD>> exact = [&] {
    std::vector<std::vector<reference::DD>> all;
    for (const Params& p : sets) {
      auto& e = all.emplace_back();
      for (const H h : x) {
        e.push_back(exact_negative(static_cast<float>(h), static_cast<float>(p.scale * p.alpha),
                                   static_cast<float>(p.input_scale)));
      }
    }
    return all;
  }();
  std::vector<H> y(x.size());
  int near16 = 0;
  for (size_t set = 0; set < sets.size(); ++set) {
    const Params& p = sets[set];
    detail::forward_kernel(x.data(), y.data(), x.size(), detail::make_kernel_params<float>(p),
                           /*stream=*/false);
    for (size_t i = 0; i < x.size(); ++i) {
      const float xv = static_cast<float>(x[i]);
      const reference::DD& e = exact[set][i];
      near16 += f32_ulps_to_midpoint(fmt, e.hi) <= 16.0;
      const double got = static_cast<float>(y[i]);
      ASSERT_TRUE(same_value(got, round_to(fmt, e.hi, e.lo)))
          << fmt.name << " alpha=" << p.alpha << " scale=" << p.scale
          << " input_scale=" << p.input_scale << " x=" << hex(xv) << " got " << hex(got)
          << " exact " << hex(e.hi) << " on " << target_name();
    }
  }
  std::printf(
      "[ lowp ] %s, 48 random parameter sets on %s: %d exact values within 16 f32 ULPs "
      "of a midpoint, all correctly rounded\n",
      fmt.name, target_name().c_str(), near16);
  EXPECT_GE(near16, 10) << "too few near-midpoint cases to exercise the fallback";
}
TEST_P(LowpForward, RandomParamsBF16) { CheckRandomParams<bf16>(); }
TEST_P(LowpForward, RandomParamsF16) { CheckRandomParams<f16>(); }

// The fallback tested where it matters: for each input, parameter sets that put the exact value
// 1 to 14 f32 ULPs (plus the rounding of scale * alpha to float) from a midpoint of the type, on
// either side, so that an f32 result on or across the midpoint would round the wrong way unless
// the lane is recomputed.
template <typename H>
void CheckNearMidpointParams() {
  const Format& fmt = Half<H>::format;
  int checked = 0;
  for (uint32_t b = 0; b < 65536; ++b) {
    const H h = H::from_bits(static_cast<uint16_t>(b));
    const float xv = static_cast<float>(h);
    if (!(xv < 0 && std::fabs(xv) >= 0x1p-6f && std::fabs(xv) <= 12)) continue;
    const double e1 = std::expm1(double(xv));
    const double q = quantum(fmt, 1.3 * e1);
    const double mid = -(std::floor(std::fabs(1.3 * e1) / q) + 0.5) * q;
    for (int k : {-14, -10, -6, -3, -2, -1, 1, 2, 3, 6, 10, 14}) {
      const float sa = static_cast<float>(mid * (1 + k * 0x1p-24) / e1);
      const Params p{sa, 1.0, 1.0};
      H y;
      detail::forward_kernel(&h, &y, 1, detail::make_kernel_params<float>(p), /*stream=*/false);
      const reference::DD e = exact_negative(xv, sa, 1.0);
      const double got = static_cast<float>(y);
      ASSERT_TRUE(same_value(got, round_to(fmt, e.hi, e.lo)))
          << fmt.name << " sa=" << hex(sa) << " x=" << hex(xv) << " got " << hex(got) << " exact "
          << hex(e.hi) << " (" << f32_ulps_to_midpoint(fmt, e.hi) << " f32 ULP from the midpoint)"
          << " on " << target_name();
      ++checked;
    }
  }
  EXPECT_GT(checked, 1000);
}
TEST_P(LowpForward, NearMidpointParamsBF16) { CheckNearMidpointParams<bf16>(); }
TEST_P(LowpForward, NearMidpointParamsF16) { CheckNearMidpointParams<f16>(); }

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
