// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu::QuantizedOp<int8_t / uint8_t>: all 256 codes for several quantization parameters and
// members against an MPFR reference rounded to the nearest code (ties to even) and saturated;
// parameter errors; the table built once; and the SIMD byte lookup on every compiled target.

// Before any Highway header: also instantiate the per-target tests for AVX3_DL, which only
// src/kernels/lowp_lookup.cc compiles (Highway 1.0.3 builds it on request only).
#define HWY_WANT_AVX3_DL
#include "elu/quantized.hpp"

#include <gtest/gtest.h>
#include <mpfr.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernels/lowp.h"
#include "test_util.h"

namespace elu::test {
namespace {

// The expected output code for input code q, at 256 bits: f(in.scale * (q - in.zp)) / out.scale
// rounded to the nearest integer with ties to even (mpfr_rint, MPFR_RNDN), plus out.zp, clamped.
template <typename Q>
Q reference_code(Q q, QuantParams in, QuantParams out, const Params& p, bool* tie) {
  mpfr_t v, t;
  mpfr_inits2(256, v, t, static_cast<mpfr_ptr>(nullptr));
  mpfr_set_d(v, in.scale, MPFR_RNDN);
  mpfr_mul_si(v, v, static_cast<long>(q) - in.zero_point, MPFR_RNDN);  // exact
  if (mpfr_sgn(v) > 0) {
    mpfr_mul_d(v, v, p.scale, MPFR_RNDN);
  } else {
    mpfr_mul_d(v, v, p.input_scale, MPFR_RNDN);
    mpfr_expm1(v, v, MPFR_RNDN);
    mpfr_mul_d(v, v, p.scale * p.alpha, MPFR_RNDN);  // scale*alpha in double, as the library
  }
  mpfr_div_d(v, v, out.scale, MPFR_RNDN);
  mpfr_frac(t, v, MPFR_RNDN);
  *tie = mpfr_cmp_d(t, 0.5) == 0 || mpfr_cmp_d(t, -0.5) == 0;
  mpfr_rint(v, v, MPFR_RNDN);  // nearest, ties to even
  mpfr_add_si(v, v, out.zero_point, MPFR_RNDN);
  const double code = mpfr_get_d(v, MPFR_RNDN);
  mpfr_clears(v, t, static_cast<mpfr_ptr>(nullptr));
  constexpr double lo = std::numeric_limits<Q>::min(), hi = std::numeric_limits<Q>::max();
  return static_cast<Q>(code < lo ? lo : code > hi ? hi : code);
}

struct Case {
  QuantParams in, out;
  Params p;
  const char* what;
};

template <typename Q>
std::vector<Case> cases() {
  const bool s = std::is_signed_v<Q>;
  const int32_t mid = s ? 0 : 128;
  return {
      {{0.05f, mid}, {0.05f, mid}, Params::elu(1.0), "ELU(1), same scale"},
      {{0.1f, mid + 7}, {0.02f, s ? -100 : 20}, Params::selu(), "SELU, saturating output"},
      {{1.0f, mid}, {2.0f, mid}, Params::elu(1.0), "ELU(1), exact ties x/2"},
      {{0.5f, mid - 3}, {1.0f, mid + 5}, Params::elu(0.5), "ELU(0.5), ties with odd zero point"},
      {{0.0375f, s ? -128 : 0},
       {0.07f, s ? 127 : 255},
       Params::celu(2.0),
       "CELU(2), extreme zero points"},
      {{0.2f, mid}, {0.01f, mid}, Params::celu(0.7), "CELU(0.7), saturating both ways"},
      {{1e-3f, mid}, {1e-3f, mid}, Params::selu(), "SELU, tiny scales"},
  };
}

template <typename Q>
void CheckAllCodes() {
  int total_ties = 0, saturated = 0;
  for (const Case& c : cases<Q>()) {
    const QuantizedOp<Q> op(c.in, c.out, c.p);
    std::vector<Q> x(256), y(256);
    for (int b = 0; b < 256; ++b) x[b] = static_cast<Q>(static_cast<uint8_t>(b));
    op.forward(x, y);
    for (int b = 0; b < 256; ++b) {
      bool tie = false;
      const Q want = reference_code<Q>(x[b], c.in, c.out, c.p, &tie);
      ASSERT_EQ(int{op.table()[b]}, int{want}) << c.what << ": code " << int{x[b]};
      ASSERT_EQ(int{y[b]}, int{want}) << c.what << ": forward of code " << int{x[b]};
      total_ties += tie;
      saturated += want == std::numeric_limits<Q>::min() || want == std::numeric_limits<Q>::max();
    }
  }
  EXPECT_GT(total_ties, 50) << "the cases must exercise the tie rule";
  EXPECT_GT(saturated, 50) << "the cases must exercise saturation";
}
TEST(Quantized, AllCodesMatchTheReferenceInt8) { CheckAllCodes<int8_t>(); }
TEST(Quantized, AllCodesMatchTheReferenceUint8) { CheckAllCodes<uint8_t>(); }

TEST(Quantized, NamedCases) {
  // ELU(1) with scale 1 -> 2: code 3 means 3.0, 3/2 = 1.5 ties to 2; code 5: 2.5 ties to 2.
  const QuantizedOp<int8_t> op({1.0f, 0}, {2.0f, 0}, Params::elu(1.0));
  EXPECT_EQ(op.table()[3], 2);
  EXPECT_EQ(op.table()[5], 2);
  EXPECT_EQ(op.table()[127], 64);  // 63.5 ties to 64
  // -128 -> ELU(-128) = -1 + e^-128 -> -0.5 (just above, by e^-128) -> rounds to -0... code 0.
  EXPECT_EQ(op.table()[static_cast<uint8_t>(-128)], 0);
  // Saturation: 127 * 1.0507 / 0.5 = 266.9 -> 127 (int8) and 255 (uint8).
  EXPECT_EQ((QuantizedOp<int8_t>({1.0f, 0}, {0.5f, 0}, Params::selu()).table()[127]), 127);
  EXPECT_EQ((QuantizedOp<uint8_t>({1.0f, 0}, {0.5f, 0}, Params::selu()).table()[255]), 255);
  EXPECT_EQ((QuantizedOp<int8_t>({1.0f, 0}, {0.01f, 0}, Params::selu()).table()[0x80]), -128);
}

template <typename Q>
void CheckBadParameters() {
  const QuantParams ok{0.1f, 0};
  const int32_t below = int32_t{std::numeric_limits<Q>::min()} - 1;
  const int32_t above = int32_t{std::numeric_limits<Q>::max()} + 1;
  auto rejects = [](QuantParams in, QuantParams out, const Params& p, const std::string& needle) {
    try {
      QuantizedOp<Q> op(in, out, p);
      ADD_FAILURE() << "no exception; expected one mentioning '" << needle << "'";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  };
  for (float bad : {0.0f, -0.1f, NAN, INFINITY, -INFINITY}) {
    rejects({bad, 0}, ok, Params{}, "in.scale must be finite and > 0");
    rejects(ok, {bad, 0}, Params{}, "out.scale must be finite and > 0");
  }
  rejects({0.1f, below}, ok, Params{}, "in.zero_point must be in");
  rejects({0.1f, above}, ok, Params{}, "in.zero_point must be in");
  rejects(ok, {0.1f, below}, Params{}, "out.zero_point must be in");
  rejects(ok, {0.1f, above}, Params{}, "out.zero_point must be in");
  rejects(ok, ok, Params{NAN, 1, 1}, "alpha must be finite");
  rejects(ok, ok, Params{1, 0, 1}, "scale must be > 0");
  rejects(ok, ok, Params{1, 1, INFINITY}, "input_scale must be finite");
  rejects(ok, ok, Params{1e300, 1e300, 1}, "normal range");
}
TEST(Quantized, BadParametersThrowInt8) { CheckBadParameters<int8_t>(); }
TEST(Quantized, BadParametersThrowUint8) { CheckBadParameters<uint8_t>(); }

TEST(Quantized, ForwardArgumentRules) {
  const QuantizedOp<int8_t> op({0.1f, 0}, {0.1f, 0}, Params::elu(1.0));
  std::vector<int8_t> x(100), y(99, 7);
  for (int i = 0; i < 100; ++i) x[i] = static_cast<int8_t>(i * 37);
  try {
    op.forward(x, y);
    ADD_FAILURE() << "size mismatch accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("x has 100 elements but y has 99"), std::string::npos);
  }
  for (int8_t v : y) ASSERT_EQ(v, 7) << "written despite the error";
  std::vector<int8_t> buf = x;
  EXPECT_THROW(
      op.forward(std::span<const int8_t>(buf.data(), 50), std::span<int8_t>(buf.data() + 10, 50)),
      std::invalid_argument);
  EXPECT_EQ(buf, x) << "written despite the error";
  // In place is allowed and equals the table.
  op.forward(buf, buf);
  for (size_t i = 0; i < x.size(); ++i) ASSERT_EQ(buf[i], op.table()[static_cast<uint8_t>(x[i])]);
}

TEST(Quantized, TableIsBuiltOnceAndOnlyRead) {
  const QuantizedOp<uint8_t> op({0.03f, 100}, {0.04f, 60}, Params::selu());
  const std::array<uint8_t, 256>& t = op.table();
  const std::array<uint8_t, 256> before = t;
  std::vector<uint8_t> x(5000), y(5000);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<uint8_t>(i * 7 + 3);
  for (int r = 0; r < 3; ++r) op.forward(x, y);
  EXPECT_EQ(&op.table(), &t) << "table() must return the same, stored table";
  EXPECT_EQ(op.table(), before) << "forward must not modify the table";
  for (size_t i = 0; i < x.size(); ++i) ASSERT_EQ(y[i], t[x[i]]);
  const QuantizedOp<uint8_t> copy = op;  // a plain value: copying keeps the built table
  EXPECT_EQ(copy.table(), before);
}

// The byte lookup kernel on every target (including AVX3_DL where the CPU has it): random
// tables, every code, every length up to a few vectors, several offsets, in place.
class LookupTargets : public hwy::TestWithParamTarget {};
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(LookupTargets);

TEST_P(LookupTargets, MatchesAScalarLookup) {
  ASSERT_EQ(detail::lookup_target_name(), hwy::TargetName(GetParam()));
  SplitMix rng{99};
  for (int round = 0; round < 4; ++round) {
    uint8_t table[256];
    for (auto& e : table) e = static_cast<uint8_t>(rng.next());
    std::vector<uint8_t> x(1024 + 64), y(x.size());
    for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<uint8_t>(i < 256 ? i : rng.next());
    for (size_t off = 0; off < 3; ++off) {
      for (size_t n = 0; n + off <= x.size(); n += (n < 300 ? 1 : 61)) {
        std::fill(y.begin(), y.end(), uint8_t{0xAA});
        detail::lookup_bytes_kernel(x.data() + off, y.data() + off, n, table);
        for (size_t i = 0; i < y.size(); ++i) {
          const bool inside = i >= off && i < off + n;
          ASSERT_EQ(y[i], inside ? table[x[i]] : 0xAA) << "n=" << n << " off=" << off << " i=" << i
                                                       << " on " << detail::lookup_target_name();
        }
      }
    }
    std::vector<uint8_t> z = x;
    detail::lookup_bytes_kernel(z.data(), z.data(), z.size(), table);  // in place
    for (size_t i = 0; i < z.size(); ++i) ASSERT_EQ(z[i], table[x[i]]);
  }
}

}  // namespace
}  // namespace elu::test
