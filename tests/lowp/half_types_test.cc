// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu::bf16 and elu::f16 as types: layout, exact widening (all 65,536 patterns), and
// round-to-nearest-even narrowing from float (every exponent, ties, overflow, subnormals, NaN),
// checked against the test's own arithmetic rounding.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "elu/half.hpp"
#include "lowp_test_util.h"

namespace elu::test {
namespace {

static_assert(std::is_trivially_copyable_v<bf16> && std::is_trivially_copyable_v<f16>);
static_assert(sizeof(bf16) == 2 && sizeof(f16) == 2);
static_assert(std::is_standard_layout_v<bf16> && std::is_standard_layout_v<f16>);
// Conversions are explicit both ways.
static_assert(!std::is_convertible_v<float, bf16> && !std::is_convertible_v<bf16, float>);
static_assert(!std::is_convertible_v<float, f16> && !std::is_convertible_v<f16, float>);
static_assert(std::is_constructible_v<bf16, float> && std::is_constructible_v<float, f16>);
// Usable in constant expressions.
static_assert(bf16(1.0f).bits() == 0x3F80 && f16(1.0f).bits() == 0x3C00);
static_assert(static_cast<float>(f16::from_bits(0x0001)) == 0x1p-24f);

// The value of a 16-bit pattern, decoded arithmetically from its fields.
double decode(const Format& f, uint16_t b) {
  const int man_bits = f.digits - 1;
  const int exp_bits = 15 - man_bits;
  const int bias = (1 << (exp_bits - 1)) - 1;
  const int e = (b >> man_bits) & ((1 << exp_bits) - 1);
  const int m = b & ((1 << man_bits) - 1);
  const double sign = (b & 0x8000) ? -1.0 : 1.0;
  if (e == (1 << exp_bits) - 1) return m ? NAN : sign * INFINITY;
  if (e == 0) return sign * std::ldexp(m, 1 - bias - man_bits);
  return sign * std::ldexp(m + (1 << man_bits), e - bias - man_bits);
}

template <typename H>
void CheckWidening() {
  const Format& fmt = Half<H>::format;
  for (uint32_t b = 0; b < 65536; ++b) {
    const H h = H::from_bits(static_cast<uint16_t>(b));
    ASSERT_EQ(h.bits(), b);
    const float f = static_cast<float>(h);
    const double want = decode(fmt, static_cast<uint16_t>(b));
    if (std::isnan(want)) {
      ASSERT_TRUE(std::isnan(f)) << hex16(static_cast<uint16_t>(b));
      // A quiet NaN stays quiet and keeps its sign; narrowing it back gives a quiet NaN.
      ASSERT_EQ(std::signbit(f), (b & 0x8000) != 0);
      ASSERT_TRUE(Half<H>::is_quiet_nan(H(f).bits())) << hex16(static_cast<uint16_t>(b));
      continue;
    }
    ASSERT_TRUE(same_value(f, want)) << fmt.name << " " << hex16(static_cast<uint16_t>(b));
    ASSERT_EQ(H(f).bits(), b) << "round trip of " << hex16(static_cast<uint16_t>(b));
  }
}
TEST(HalfTypes, WideningIsExactBF16) { CheckWidening<bf16>(); }
TEST(HalfTypes, WideningIsExactF16) { CheckWidening<f16>(); }

// float -> H for 2^24 floats spread over all 2^32 patterns (every exponent, both signs), plus
// the patterns around every midpoint of H near 1, the overflow threshold and the subnormals.
template <typename H>
void CheckNarrowing() {
  const Format& fmt = Half<H>::format;
  auto check = [&](uint32_t fb) {
    const float f = f32_from_bits(fb);
    const H h(f);
    if (std::isnan(f)) {
      ASSERT_TRUE(Half<H>::is_quiet_nan(h.bits())) << hex(f);
      ASSERT_EQ((h.bits() & 0x8000) != 0, std::signbit(f));
      return;
    }
    const double want = round_to(fmt, f);
    ASSERT_TRUE(same_value(static_cast<float>(h), want))
        << fmt.name << "(" << hex(f) << ") = " << hex(static_cast<float>(h)) << ", want "
        << hex(want);
  };
  SplitMix rng{7};
  for (uint64_t i = 0; i < (uint64_t{1} << 24); ++i) {
    check(static_cast<uint32_t>((i << 8) | (rng.next() & 0xFF)));
  }
  // Each H value's neighbourhood: the value, its midpoints with the next, and 1 float ULP around.
  for (uint32_t b = 0; b < 0x7C00 + (fmt.digits == 8 ? 0x380 : 0); ++b) {
    const double lo = decode(fmt, static_cast<uint16_t>(b));
    const double hi = decode(fmt, static_cast<uint16_t>(b + 1));
    if (!std::isfinite(lo) || !std::isfinite(hi)) continue;
    const float mid = static_cast<float>((lo + hi) / 2);  // exact in float
    for (float v : {mid, std::nextafter(mid, 0.0f), std::nextafter(mid, INFINITY)}) {
      check(bits_of(v));
      check(bits_of(-v));
    }
  }
  for (float v : {std::numeric_limits<float>::max(), std::numeric_limits<float>::denorm_min(), 0.0f,
                  INFINITY, 65504.0f, 65519.996f, 65520.0f, 0x1p-25f, 0x1.000002p-25f, 0x1p-24f,
                  0x1.8p-24f, 0x1.ffcp-15f, 0x1.ffep-15f}) {
    check(bits_of(v));
    check(bits_of(-v));
  }
}
TEST(HalfTypes, NarrowingRoundsToNearestEvenBF16) { CheckNarrowing<bf16>(); }
TEST(HalfTypes, NarrowingRoundsToNearestEvenF16) { CheckNarrowing<f16>(); }

TEST(HalfTypes, NamedCases) {
  EXPECT_EQ(f16(65519.996f).bits(), 0x7BFF);  // just below the midpoint above 65504
  EXPECT_EQ(f16(65520.0f).bits(), 0x7C00);    // the midpoint: ties to even = Inf
  EXPECT_EQ(f16(-1e6f).bits(), 0xFC00);
  EXPECT_EQ(f16(0x1p-25f).bits(), 0x0000);         // half the smallest subnormal: ties to 0
  EXPECT_EQ(f16(0x1.000002p-25f).bits(), 0x0001);  // just above it
  EXPECT_EQ(f16(0x1.8p-24f).bits(), 0x0002);       // 1.5 steps: ties to even (2)
  EXPECT_EQ(f16(-0.0f).bits(), 0x8000);
  EXPECT_EQ(bf16(-0.0f).bits(), 0x8000);
  EXPECT_EQ(bf16(1.0f + 0x1p-8f).bits(), 0x3F80);                     // tie, to even (down)
  EXPECT_EQ(bf16(1.0f + 0x3p-8f).bits(), 0x3F82);                     // tie, to even (up)
  EXPECT_EQ(bf16(std::numeric_limits<float>::max()).bits(), 0x7F80);  // rounds up to Inf
  EXPECT_EQ(bf16(-INFINITY).bits(), 0xFF80);
  // A signalling NaN (quiet bit clear, payload only in the low bits) becomes a quiet NaN.
  EXPECT_TRUE(Half<bf16>::is_quiet_nan(bf16(f32_from_bits(0x7F800001)).bits()));
  EXPECT_TRUE(Half<f16>::is_quiet_nan(f16(f32_from_bits(0xFF800001)).bits()));
  EXPECT_EQ(f16(f32_from_bits(0xFF800001)).bits() & 0x8000, 0x8000);
}

}  // namespace
}  // namespace elu::test
