// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Scalar, nearly exact evaluation of f in double, for the two places where a single rounding
// must be decided exactly: the rare bf16/f16 lanes whose f32 result lies within a few f32 ULPs
// of a midpoint of the 16-bit type (double rounding), and the int8 operator's 256-entry table.
#include <bit>
#include <cmath>
#include <cstdint>

#include "kernels/lowp.h"

namespace elu::detail {
namespace {

Sum two_sum(double a, double b) {
  const double s = a + b;
  const double bb = s - a;
  return {s, (a - (s - bb)) + (b - bb)};
}

// hi + lo rounded to float with round-to-odd (an inexact result gets an odd last bit). Float
// keeps at least 2 more bits than bf16 and f16 in every range, so rounding this float once more,
// to nearest even, gives the correctly rounded 16-bit value.
float to_float_odd(Sum s) {
  double d = s.hi;
  if (s.lo != 0 && std::isfinite(d) && (std::bit_cast<uint64_t>(d) & 1) == 0) {
    d = std::nextafter(d, s.lo > 0 ? INFINITY : -INFINITY);
  }
  float f = static_cast<float>(d);
  if (static_cast<double>(f) != d && std::isfinite(f) && (std::bit_cast<uint32_t>(f) & 1) == 0) {
    f = std::nextafter(f, d > f ? INFINITY : -INFINITY);
  }
  return f;
}

// With float parameters and a float x, z = is * x is exact in double (24 x 24 bits).
Sum forward_sum_f32(float x, const KernelParams<float>& k) {
  return forward_sum(x, k.scale, k.sa, k.is);
}

}  // namespace

// The branches where f(x) falls structurally close to a rounding boundary are kept exact or
// nearly so: the linear branch (an exact product pair), tiny z (f = sa z + sa g(z), with
// g = expm1(z) - z > 0 kept apart from the product sa z), and saturation (f = -sa + sa e^z).
// In between, glibc's expm1 (< 1 double ULP) leaves only chance coincidences of 2^-52.
Sum forward_sum(double x, double scale, double sa, double is) {
  if (!(x < 0)) {  // also +-0, +Inf and NaN
    const double p = scale * x;
    return {p, std::isfinite(p) ? std::fma(scale, x, -p) : 0};
  }
  const double z = is * x;
  if (z < -1) return two_sum(-sa, sa * std::exp(z));
  if (z > -0x1p-8) {
    // Taylor series of g to z^6: the next term is below 2^-51 g for |z| < 2^-8.
    const double g =
        z * z * (0.5 + z * (1.0 / 6 + z * (1.0 / 24 + z * (1.0 / 120 + z * (1.0 / 720)))));
    const double p = sa * z;
    const double p_err = std::fma(sa, z, -p);  // sa z = p + p_err exactly
    return two_sum(p, p_err + sa * g);
  }
  return {sa * std::expm1(z), 0};
}

float forward_rounded_bf16(float x, const KernelParams<float>& k) {
  return static_cast<float>(bf16(to_float_odd(forward_sum_f32(x, k))));
}

float forward_rounded_f16(float x, const KernelParams<float>& k) {
  return static_cast<float>(f16(to_float_odd(forward_sum_f32(x, k))));
}

}  // namespace elu::detail
