// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "reference.h"

#include <mpfr.h>

#include <cmath>
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
