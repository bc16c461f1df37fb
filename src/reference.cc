// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "reference.h"

#include <mpfr.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace elu::reference {
namespace {

struct F32Consts {
  double scale, sa, is;
};
F32Consts f32_consts(const Params& p) {
  return {static_cast<float>(p.scale), static_cast<float>(p.scale * p.alpha),
          static_cast<float>(p.input_scale)};
}

// An MPFR number at 128 bits that frees itself.
struct Mp {
  mpfr_t v;
  Mp() { mpfr_init2(v, 128); }
  explicit Mp(double d) : Mp() { mpfr_set_d(v, d, MPFR_RNDN); }
  ~Mp() { mpfr_clear(v); }
  Mp(const Mp&) = delete;
  Mp& operator=(const Mp&) = delete;
};

DD to_dd(const Mp& m) {
  DD r;
  r.hi = mpfr_get_d(m.v, MPFR_RNDN);
  if (!std::isfinite(r.hi)) return r;
  Mp rest;
  mpfr_sub_d(rest.v, m.v, r.hi, MPFR_RNDN);
  r.lo = mpfr_get_d(rest.v, MPFR_RNDN);
  return r;
}

template <typename T>
double ulp_of(double v) {
  constexpr int kDigits = std::numeric_limits<T>::digits;
  constexpr int kMinExp = std::numeric_limits<T>::min_exponent;  // 2^(kMinExp-1) = min normal
  const double a = std::fabs(v);
  int e = 0;
  std::frexp(a, &e);  // a = m * 2^e, m in [0.5, 1)
  if (a == 0 || e < kMinExp) e = kMinExp;
  return std::ldexp(1.0, e - kDigits);
}

}  // namespace

double forward(float x, const Params& p) {
  const F32Consts c = f32_consts(p);
  const double xd = x;
  if (std::isnan(xd)) return xd;
  if (xd > 0) return c.scale * xd;
  return c.sa * std::expm1(c.is * xd);  // is * x is exact in double (24 x 24 bits)
}

double backward(float dy, float x, const Params& p) {
  const F32Consts c = f32_consts(p);
  const double xd = x;
  if (std::isnan(xd)) return xd;
  if (xd > 0) return dy * c.scale;
  return static_cast<double>(dy) * (c.sa * c.is) * std::exp(c.is * xd);
}

double backward_from_output(float dy, float y, const Params& p) {
  const F32Consts c = f32_consts(p);
  const double yd = y;
  if (yd > 0) return dy * c.scale;
  return static_cast<double>(dy) * c.is * (yd + c.sa);  // y + sa is exact in double
}

DD forward(double x, const Params& p) {
  if (std::isnan(x)) return {x, 0};
  if (x > 0) {
    Mp r(x);
    mpfr_mul_d(r.v, r.v, p.scale, MPFR_RNDN);
    return to_dd(r);
  }
  const double sa = p.scale * p.alpha;
  Mp z(x);
  mpfr_mul_d(z.v, z.v, p.input_scale, MPFR_RNDN);
  mpfr_expm1(z.v, z.v, MPFR_RNDN);
  mpfr_mul_d(z.v, z.v, sa, MPFR_RNDN);
  return to_dd(z);
}

DD backward(double dy, double x, const Params& p) {
  if (std::isnan(x) || std::isnan(dy)) return {std::numeric_limits<double>::quiet_NaN(), 0};
  Mp r(dy);
  if (x > 0) {
    mpfr_mul_d(r.v, r.v, p.scale, MPFR_RNDN);
    return to_dd(r);
  }
  const double sa = p.scale * p.alpha;
  Mp z(x);
  mpfr_mul_d(z.v, z.v, p.input_scale, MPFR_RNDN);
  mpfr_exp(z.v, z.v, MPFR_RNDN);
  mpfr_mul(r.v, r.v, z.v, MPFR_RNDN);
  mpfr_mul_d(r.v, r.v, sa, MPFR_RNDN);
  mpfr_mul_d(r.v, r.v, p.input_scale, MPFR_RNDN);
  return to_dd(r);
}

DD backward_from_output(double dy, double y, const Params& p) {
  Mp r(dy);
  if (y > 0) {
    mpfr_mul_d(r.v, r.v, p.scale, MPFR_RNDN);
    return to_dd(r);
  }
  const double sa = p.scale * p.alpha;
  Mp t(y);
  mpfr_add_d(t.v, t.v, sa, MPFR_RNDN);
  mpfr_mul(r.v, r.v, t.v, MPFR_RNDN);
  mpfr_mul_d(r.v, r.v, p.input_scale, MPFR_RNDN);
  return to_dd(r);
}

namespace {

// A 256-bit MPFR number that frees itself (the correctly rounded oracle's slow path).
struct Mp256 {
  mpfr_t v;
  Mp256() { mpfr_init2(v, 256); }
  ~Mp256() { mpfr_clear(v); }
  Mp256(const Mp256&) = delete;
  Mp256& operator=(const Mp256&) = delete;
};

// The estimate v has relative error far below kOracleMargin; if v (1 -+ kOracleMargin) round to
// the same float, so does the exact value.
constexpr double kOracleMargin = 0x1p-44;
bool decided(double v, float& out) {
  const float lo = static_cast<float>(v * (1 - kOracleMargin));
  const float hi = static_cast<float>(v * (1 + kOracleMargin));
  out = lo;
  return std::memcmp(&lo, &hi, sizeof lo) == 0;
}

// m rounded to float, and (if wanted) its relative distance to the nearest float rounding
// boundary (a midpoint, or the overflow threshold 2^128 - 2^103).
float round_mp(const Mp256& m, double* gap) {
  const float f = mpfr_get_flt(m.v, MPFR_RNDN);
  if (gap != nullptr) {
    *gap = std::numeric_limits<double>::infinity();
    if (std::isfinite(f) && !mpfr_zero_p(m.v)) {
      // The boundary nearest m is halfway between f and the neighbour on m's side.
      Mp256 diff, mid;
      mpfr_sub_d(diff.v, m.v, f, MPFR_RNDN);
      const float toward = std::nextafter(f, mpfr_sgn(diff.v) >= 0 ? INFINITY : -INFINITY);
      mpfr_set_flt(mid.v, f, MPFR_RNDN);
      mpfr_add_d(mid.v, mid.v, toward, MPFR_RNDN);
      mpfr_div_2ui(mid.v, mid.v, 1, MPFR_RNDN);
      mpfr_sub(diff.v, m.v, mid.v, MPFR_RNDN);
      mpfr_div(diff.v, diff.v, m.v, MPFR_RNDN);
      *gap = std::fabs(mpfr_get_d(diff.v, MPFR_RNDN));
    }
  }
  return f;
}

}  // namespace

float forward_correctly_rounded(float x, const Params& p, double* gap) {
  if (gap != nullptr) *gap = std::numeric_limits<double>::infinity();
  if (std::isnan(x)) return x;
  const double xd = x;
  float out = 0;
  if (!(xd < 0)) {
    if (decided(p.scale * xd, out) || std::isinf(xd)) return out;
    Mp256 m;
    mpfr_set_d(m.v, p.scale, MPFR_RNDN);
    mpfr_mul_d(m.v, m.v, xd, MPFR_RNDN);  // exact at 256 bits
    return round_mp(m, gap);
  }
  if (decided(p.scale * p.alpha * std::expm1(p.input_scale * xd), out)) return out;
  Mp256 m;
  mpfr_set_d(m.v, xd, MPFR_RNDN);
  mpfr_mul_d(m.v, m.v, p.input_scale, MPFR_RNDN);
  mpfr_expm1(m.v, m.v, MPFR_RNDN);
  mpfr_mul_d(m.v, m.v, p.alpha, MPFR_RNDN);
  mpfr_mul_d(m.v, m.v, p.scale, MPFR_RNDN);
  return round_mp(m, gap);
}

float backward_correctly_rounded(float dy, float x, const Params& p, double* gap) {
  if (gap != nullptr) *gap = std::numeric_limits<double>::infinity();
  if (std::isnan(x)) return x;
  if (std::isnan(dy)) return dy;
  const double dyd = dy, xd = x;
  const double c = p.scale * p.alpha * p.input_scale;
  if (xd == -INFINITY) return static_cast<float>(dyd * c * 0.0);  // f'(-Inf) = 0
  if (std::isinf(dyd)) return static_cast<float>(dyd * (xd > 0 ? p.scale : c));
  float out = 0;
  const double estimate = xd > 0 ? dyd * p.scale : dyd * c * std::exp(p.input_scale * xd);
  if (decided(estimate, out)) return out;
  Mp256 m;
  mpfr_set_d(m.v, dyd, MPFR_RNDN);
  if (xd > 0) {
    mpfr_mul_d(m.v, m.v, p.scale, MPFR_RNDN);
  } else {
    Mp256 e;
    mpfr_set_d(e.v, xd, MPFR_RNDN);
    mpfr_mul_d(e.v, e.v, p.input_scale, MPFR_RNDN);
    mpfr_exp(e.v, e.v, MPFR_RNDN);
    mpfr_mul(m.v, m.v, e.v, MPFR_RNDN);
    mpfr_mul_d(m.v, m.v, p.scale, MPFR_RNDN);
    mpfr_mul_d(m.v, m.v, p.alpha, MPFR_RNDN);
    mpfr_mul_d(m.v, m.v, p.input_scale, MPFR_RNDN);
  }
  return round_mp(m, gap);
}

double ulp_error(float got, double exact) {
  const double g = got;
  if (std::isnan(g) || std::isnan(exact)) {
    return std::isnan(g) && std::isnan(exact) ? 0 : std::numeric_limits<double>::infinity();
  }
  if (std::isinf(exact)) return g == exact ? 0 : std::numeric_limits<double>::infinity();
  if (std::isinf(g)) {
    // Overflow: +-Inf stands for +-2^128, the first value past the largest float.
    if ((g > 0) != (exact > 0)) return std::numeric_limits<double>::infinity();
    // Correct rounding overflows from 2^128 - 2^103 on; below that, count the distance to 2^128.
    return std::fmax(0.0, 0x1p128 - std::fabs(exact)) / 0x1p104;
  }
  return std::fabs(g - exact) / ulp_of<float>(exact);
}

double ulp_error(double got, DD exact) {
  if (std::isnan(got) || std::isnan(exact.hi)) {
    return std::isnan(got) && std::isnan(exact.hi) ? 0 : std::numeric_limits<double>::infinity();
  }
  if (std::isinf(exact.hi) || std::isinf(got)) {
    return got == exact.hi ? 0 : std::numeric_limits<double>::infinity();
  }
  // got - hi is exact when they are close (Sterbenz); otherwise the error is huge anyway.
  return std::fabs((got - exact.hi) - exact.lo) / ulp_of<double>(exact.hi);
}

}  // namespace elu::reference
