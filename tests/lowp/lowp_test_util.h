// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Helpers for the low-precision tests: an independent, arithmetic (not bit-twiddling) rounding of
// exact values to bf16 / f16, ULP measures in those types, and per-type traits.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "elu/half.hpp"
#include "test_util.h"

namespace elu::test {

/// A binary floating-point format: `digits` significant bits (implicit one included), smallest
/// normal 2^min_exp, largest finite `max_finite`.
struct Format {
  const char* name;
  int digits;
  int min_exp;
  double max_finite;
};
inline constexpr Format kBF16{"bf16", 8, -126, 0x1.FEp127};
inline constexpr Format kF16{"f16", 11, -14, 65504.0};

/// The spacing of the format's values at |v| (the subnormal spacing below the normal range; the
/// spacing at max_finite beyond it).
inline double quantum(const Format& f, double v) {
  const double a = std::min(std::fabs(v), f.max_finite);
  const int e = (a == 0 || std::ilogb(a) < f.min_exp) ? f.min_exp : std::ilogb(a);
  return std::ldexp(1.0, e - (f.digits - 1));
}

/// Rounds the exact value hi + lo (|lo| at most half an ULP of hi, as a double-double is) to the
/// format, to nearest with ties to even, overflowing to +-Inf. Works by scaling by the format's
/// quantum and rounding the integer part: no bit patterns, so it checks the library's bit code.
inline double round_to(const Format& f, double hi, double lo = 0) {
  if (std::isnan(hi) || std::isinf(hi) || hi == 0) return hi;
  const double q = quantum(f, hi);
  const double t = std::fabs(hi) / q;  // exact: q is a power of two
  const double l = std::copysign(1.0, hi) * lo / q;
  const double fl = std::floor(t);
  const double frac = t - fl;  // exact
  bool up;
  if (frac != 0.5) {
    up = frac > 0.5;  // lo cannot cross: it is below t's own spacing
  } else if (l != 0) {
    up = l > 0;
  } else {
    up = std::fmod(fl, 2.0) != 0;
  }
  const double r = (fl + (up ? 1 : 0)) * q;
  // Overflow: anything at or above max_finite + half its spacing rounds to Inf (already decided
  // by the rounding above, which produced a value beyond max_finite).
  if (r > f.max_finite) return std::copysign(INFINITY, hi);
  return std::copysign(r, hi);
}

/// |got - exact| in units of the format's spacing at `exact`; 0 for equal infinities or two NaNs,
/// +Inf if only one side is NaN or the exact value is infinite and got differs. Inf for a finite
/// exact value that rounds to it counts as 0; otherwise Inf counts as the next value after
/// max_finite.
inline double ulp_in(const Format& f, double got, double exact) {
  if (std::isnan(got) || std::isnan(exact))
    return std::isnan(got) && std::isnan(exact) ? 0 : INFINITY;
  if (std::isinf(exact)) return got == exact ? 0 : INFINITY;
  if (std::isinf(got)) {
    if (round_to(f, exact) == got) return 0;  // beyond the overflow threshold: Inf is exact
    got = std::copysign(f.max_finite + quantum(f, f.max_finite), got);
  }
  return std::fabs(got - exact) / quantum(f, exact);
}

/// Same value, and the same sign for zeros (NaN == NaN).
inline bool same_value(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return a == b && std::signbit(a) == std::signbit(b);
}

/// Distance from the exact value to the nearest midpoint between two neighbours in the format,
/// in f32 ULPs of the exact value: a result computed in f32 (within 1-2 f32 ULP) and then rounded
/// can only land on the wrong side of a midpoint when this is small (a double-rounding case).
inline double f32_ulps_to_midpoint(const Format& f, double exact) {
  const double q = quantum(f, exact);
  const double a = std::fabs(exact);
  const double mid = (std::floor(a / q) + 0.5) * q;
  int e = std::ilogb(a);
  if (a == 0 || e < -126) e = -126;
  return std::fabs(a - mid) / std::ldexp(1.0, e - 23);
}

template <typename H>
struct Half;
template <>
struct Half<bf16> {
  static constexpr const Format& format = kBF16;
  static bool is_quiet_nan(uint16_t b) { return (b & 0x7F80) == 0x7F80 && (b & 0x0040); }
};
template <>
struct Half<f16> {
  static constexpr const Format& format = kF16;
  static bool is_quiet_nan(uint16_t b) { return (b & 0x7C00) == 0x7C00 && (b & 0x0200); }
};

/// All 65,536 values of H, in bit-pattern order.
template <typename H>
std::vector<H> all_values() {
  std::vector<H> v(65536);
  for (uint32_t b = 0; b < 65536; ++b) v[b] = H::from_bits(static_cast<uint16_t>(b));
  return v;
}

inline std::string hex16(uint16_t b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%04x", b);
  return buf;
}

}  // namespace elu::test
