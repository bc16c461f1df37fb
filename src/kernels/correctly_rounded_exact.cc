// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The exact path of the correctly rounded float kernels: one element at a time in double-double
// (about 106 significant bits), for the rare lanes whose fast estimate lies too near a rounding
// boundary to decide. Scalar code shared by every SIMD target, so all targets agree bit for bit.
//
// Algorithm: z = input_scale * x exactly (a 53 x 24-bit product fits a double-double);
// z = n ln2 + r with ln2 to 160 bits; expm1(r) by its Taylor series to degree 24 (|r| <= 0.35:
// remainder below 2^-120 relative); e^z - 1 = (2^n - 1) + 2^n expm1(r). Each double-double
// operation adds at most about 2^-104 relative error, so the value is within 2^-98 of the exact
// one; it is rounded to float once, through round-to-odd in double.
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "kernels/correctly_rounded.h"

namespace elu::detail {
namespace {

std::atomic<std::uint64_t> exact_count{0};

// An unevaluated sum hi + lo with |lo| <= ulp(hi) / 2.
struct DD {
  double hi, lo;
};

DD two_sum(double a, double b) {
  const double s = a + b;
  const double bb = s - a;
  return {s, (a - (s - bb)) + (b - bb)};
}
DD fast_two_sum(double a, double b) {  // needs |a| >= |b| or a == 0
  const double s = a + b;
  return {s, b - (s - a)};
}
DD two_prod(double a, double b) {
  const double p = a * b;
  return {p, std::fma(a, b, -p)};  // std::fma is exact on every CPU (in software where needed)
}
DD add(DD a, DD b) {
  DD s = two_sum(a.hi, b.hi);
  const DD t = two_sum(a.lo, b.lo);
  s = fast_two_sum(s.hi, s.lo + t.hi);
  return fast_two_sum(s.hi, s.lo + t.lo);
}
DD mul(DD a, DD b) {
  const DD p = two_prod(a.hi, b.hi);
  return fast_two_sum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}
DD mul(DD a, double b) {
  const DD p = two_prod(a.hi, b);
  return fast_two_sum(p.hi, p.lo + a.lo * b);
}
DD scale2(DD a, int e) { return {std::ldexp(a.hi, e), std::ldexp(a.lo, e)}; }

// 1/k! for k = 0..kDegree. a / k for a small integer k: the remainder a.hi - q k is exact.
constexpr int kDegree = 24;
struct InverseFactorials {
  DD v[kDegree + 1];
  InverseFactorials() {
    v[0] = {1.0, 0.0};
    for (int k = 1; k <= kDegree; ++k) {
      const double q = v[k - 1].hi / k;
      const double rest = std::fma(-q, double(k), v[k - 1].hi);
      v[k] = fast_two_sum(q, (rest + v[k - 1].lo) / k);
    }
  }
};
const InverseFactorials& inverse_factorials() {
  static const InverseFactorials f;
  return f;
}

// ln 2 = kLn2[0] + kLn2[1] + kLn2[2] + O(2^-164).
constexpr double kLn2[3] = {0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56, 0x1.7b57a079a1934p-111};

// z = n ln2 + r with |r| <= ln2/2 (plus rounding), for |z| <= 746: the absolute error of r is
// about |n| 2^-164, which is the relative error it gives e^z.
DD reduce(DD z, int& n) {
  const double nd = std::nearbyint(z.hi * 1.4426950408889634);
  n = static_cast<int>(nd);
  DD r = add(z, two_prod(-nd, kLn2[0]));
  r = add(r, two_prod(-nd, kLn2[1]));
  return add(r, DD{-nd * kLn2[2], 0.0});
}

// expm1(r) = r (1 + r/2! + r^2/3! + ...), Horner in double-double.
DD expm1_reduced(DD r) {
  const InverseFactorials& f = inverse_factorials();
  DD p = f.v[kDegree];
  for (int k = kDegree - 1; k >= 1; --k) p = add(mul(p, r), f.v[k]);
  return mul(p, r);
}

// hi + lo rounded once to float: round to odd in double (an inexact value gets an odd last bit),
// then to nearest float. Double keeps at least 29 more bits than float in every range, so the
// second rounding is exact.
float round_to_float(DD v) {
  if (!std::isfinite(v.hi)) return static_cast<float>(v.hi);
  double d = v.hi;
  if (v.lo != 0 && (std::bit_cast<std::uint64_t>(d) & 1) == 0) {
    d = std::nextafter(d, v.lo > 0 ? std::numeric_limits<double>::infinity()
                                   : -std::numeric_limits<double>::infinity());
  }
  return static_cast<float>(d);
}

}  // namespace

ExactParams make_exact_params(const Params& p) {
  ExactParams k{};
  k.scale = p.scale;
  k.alpha = p.alpha;
  k.input_scale = p.input_scale;
  const DD sa = two_prod(p.scale, p.alpha);
  k.sa_hi = sa.hi;
  k.sa_lo = sa.lo;
  k.sa = sa.hi;
  k.c = mul(sa, p.input_scale).hi;
  // Veltkamp split: is_hi keeps the top 26 bits, is_lo = input_scale - is_hi the rest.
  const double t = p.input_scale * 134217729.0;  // 2^27 + 1; no overflow: input_scale <= FLT_MAX
  k.is_hi = t - (t - p.input_scale);
  k.is_lo = p.input_scale - k.is_hi;
  k.x_min = kExactMinZ / p.input_scale;
  return k;
}

std::uint64_t exact_path_count() { return exact_count.load(std::memory_order_relaxed); }

float forward_exact(float x, const ExactParams& p) {
  exact_count.fetch_add(1, std::memory_order_relaxed);
  if (std::isnan(x)) return x + x;  // quiet
  const double xd = x;
  if (!(xd < 0)) return round_to_float(two_prod(p.scale, xd));  // x > 0, +-0, +Inf: scale * x
  if (p.sa_hi == 0) return static_cast<float>(p.sa_hi * -1.0);  // as the fast path: sa * (-1)
  const DD sa{p.sa_hi, p.sa_lo};
  const DD z = two_prod(p.input_scale, xd);
  if (!(z.hi >= kExactMinZ)) {
    // f = -sa + sa e^z with 0 < e^z < 2^-1010: the tiny term can only decide a tie, which it
    // breaks towards zero. sa_lo, when nonzero, is far larger than it (|sa_lo| >= 2^-106 |sa|).
    const double lo = p.sa_lo != 0 ? -p.sa_lo : std::copysign(0x1p-1074, p.sa_hi);
    return round_to_float({-p.sa_hi, lo});
  }
  int n = 0;
  const DD r = reduce(z, n);
  const DD em1 = add(two_sum(std::ldexp(1.0, n), -1.0), scale2(expm1_reduced(r), n));
  return round_to_float(mul(em1, sa));
}

float backward_exact(float dy, float x, const ExactParams& p) {
  exact_count.fetch_add(1, std::memory_order_relaxed);
  if (std::isnan(x)) return x + x;
  if (std::isnan(dy)) return dy + dy;
  const double dyd = dy, xd = x;
  if (xd > 0) return round_to_float(two_prod(dyd, p.scale));
  if (xd == -std::numeric_limits<double>::infinity()) {
    return static_cast<float>(dyd * p.c * 0.0);  // f'(-Inf) = 0: a NaN for dy = +-Inf
  }
  if (std::isinf(dyd)) return static_cast<float>(dyd * p.c);  // f'(x) != 0 for finite x
  const DD z = two_prod(p.input_scale, xd);
  // Below the cut, |dy f'| < 2^256 e^z < 2^-754 rounds to a signed zero (the scaled product
  // keeps the sign).
  if (!(z.hi >= kExactMinZ)) return static_cast<float>(dyd * p.c * 0x1p-1010);
  int n = 0;
  const DD r = reduce(z, n);
  const DD exp_r = add(DD{1.0, 0.0}, expm1_reduced(r));
  const DD c = mul(DD{p.sa_hi, p.sa_lo}, p.input_scale);
  // Scaled by 2^n last: where that leaves the double range the float result is 0 anyway.
  return round_to_float(scale2(mul(mul(exp_r, c), dyd), n));
}

}  // namespace elu::detail
