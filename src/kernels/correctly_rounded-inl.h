// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The fast path of the correctly rounded float kernels, written once for every SIMD target
// (Highway per-target toggle guard); included by correctly_rounded.cc via foreach_target.h.
//
// Each float is widened to double and f evaluated there with a relative error below 2^-48
// (docs/accuracy.md derives the bound). If v (1 - 2^-45) and v (1 + 2^-45) round to the same
// float, so does the exact value, which lies between them: that float is the correctly rounded
// result. The other lanes (about one in a million) go to the exact scalar path. Every target
// returns the same bits, because every accepted result is the unique correctly rounded one.
#if defined(ELU_KERNELS_CORRECTLY_ROUNDED_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ELU_KERNELS_CORRECTLY_ROUNDED_INL_H_
#undef ELU_KERNELS_CORRECTLY_ROUNDED_INL_H_
#else
#define ELU_KERNELS_CORRECTLY_ROUNDED_INL_H_
#endif

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

#include "hwy/highway.h"
#include "kernels/correctly_rounded.h"

HWY_BEFORE_NAMESPACE();
namespace elu {
namespace HWY_NAMESPACE {
namespace cr {
namespace hn = hwy::HWY_NAMESPACE;

/// Half-width of the rounding test's interval, relative: eight times the fast path's error bound
/// (below 2^-48, docs/accuracy.md), so the test holds with room to spare.
inline constexpr double kMargin = 0x1p-45;

template <class D>
struct Consts {
  using V = hn::VFromD<D>;
  V scale, sa, c, is_hi, is_lo, x_min;
  const detail::ExactParams* exact;
  Consts(D d, const detail::ExactParams& p)
      : scale(hn::Set(d, p.scale)),
        sa(hn::Set(d, p.sa)),
        c(hn::Set(d, p.c)),
        is_hi(hn::Set(d, p.is_hi)),
        is_lo(hn::Set(d, p.is_lo)),
        x_min(hn::Set(d, p.x_min)),
        exact(&p) {}
};

/// expm1(r) for |r| <= 0.3466 (ln2/2 and the reduction's slack). Taylor series to degree 12,
/// the tail by Estrin's scheme. Truncation below 2^-50.6 relative; the evaluation adds about
/// 4 double roundings (8 without FMA).
template <class D, class V = hn::VFromD<D>>
HWY_INLINE V Expm1Small(D d, V r) {
  constexpr double c2 = 1.0 / 2, c3 = 1.0 / 6, c4 = 1.0 / 24, c5 = 1.0 / 120, c6 = 1.0 / 720,
                   c7 = 1.0 / 5040, c8 = 1.0 / 40320, c9 = 1.0 / 362880, c10 = 1.0 / 3628800,
                   c11 = 1.0 / 39916800, c12 = 1.0 / 479001600;
  const V r2 = hn::Mul(r, r);
  const V r4 = hn::Mul(r2, r2);
  const V r8 = hn::Mul(r4, r4);
  const V a0 = hn::MulAdd(hn::Set(d, c3), r, hn::Set(d, c2));
  const V a1 = hn::MulAdd(hn::Set(d, c5), r, hn::Set(d, c4));
  const V a2 = hn::MulAdd(hn::Set(d, c7), r, hn::Set(d, c6));
  const V a3 = hn::MulAdd(hn::Set(d, c9), r, hn::Set(d, c8));
  const V a4 = hn::MulAdd(hn::Set(d, c11), r, hn::Set(d, c10));
  const V b0 = hn::MulAdd(a1, r2, a0);
  const V b1 = hn::MulAdd(a3, r2, a2);
  const V b2 = hn::MulAdd(hn::Set(d, c12), r2, a4);
  const V q = hn::MulAdd(b2, r8, hn::MulAdd(b1, r4, b0));
  return hn::MulAdd(r2, q, r);
}

/// z = input_scale * x (x clamped at x_min) = n ln2 + r: returns 2^n and r. z is formed exactly
/// as is_hi x + is_lo x (two exact products, their sum with its rounding error), then reduced
/// Cody-Waite style (fdlibm's ln2 split: n ln2_hi and z - n ln2_hi are exact). For x >= 0 and
/// NaN the values are unused.
template <class D, class V = hn::VFromD<D>>
HWY_INLINE void ExpParts(D d, V x, const Consts<D>& k, V& two_n, V& r) {
  const hn::RebindToSigned<D> di;
  const V xc = hn::Max(x, k.x_min);
  const V a = hn::Mul(k.is_hi, xc);
  const V b = hn::Mul(k.is_lo, xc);
  const V zh = hn::Add(a, b);
  const V zl = hn::Sub(b, hn::Sub(zh, a));  // Fast2Sum: |a| >= |b|
  // 1.5 * 2^52 + 1023: the sum's low mantissa bits are n + 1023, the biased exponent of 2^n.
  const V magic = hn::Set(d, 6755399441055744.0 + 1023.0);
  const V biased = hn::MulAdd(zh, hn::Set(d, 1.4426950408889634), magic);
  const V n = hn::Sub(biased, magic);
  const V r_hi = hn::NegMulAdd(n, hn::Set(d, 6.93147180369123816490e-01), zh);  // exact
  r = hn::Add(r_hi, hn::NegMulAdd(n, hn::Set(d, 1.90821492927058770002e-10), zl));
  two_n = hn::BitCast(d, hn::ShiftLeft<52>(hn::BitCast(di, biased)));  // n >= -1010: normal
}

/// f(x) in double: scale * x for x >= 0 (and NaN), sa * expm1(z) for x < 0.
template <class D, class V = hn::VFromD<D>>
HWY_INLINE V ForwardEstimate(D d, V x, const Consts<D>& k) {
  V two_n, r;
  ExpParts(d, x, k, two_n, r);
  const V p = Expm1Small(d, r);
  const V em1 = hn::MulAdd(two_n, p, hn::Sub(two_n, hn::Set(d, 1.0)));  // 2^n (1 + p) - 1
  return hn::IfThenElse(hn::Lt(x, hn::Zero(d)), hn::Mul(k.sa, em1), hn::Mul(k.scale, x));
}

/// dy * f'(x) in double: dy * scale for x > 0, dy * c * 2^n * (1 + p) otherwise (f'(-Inf) = 0;
/// the product order keeps dy = +-Inf from meeting a zero). NaN x gives x.
template <class D, class V = hn::VFromD<D>>
HWY_INLINE V BackwardEstimate(D d, V dy, V x, const Consts<D>& k) {
  V two_n, r;
  ExpParts(d, x, k, two_n, r);
  const V p = Expm1Small(d, r);
  two_n =
      hn::IfThenZeroElse(hn::Eq(x, hn::Set(d, -std::numeric_limits<double>::infinity())), two_n);
  const V neg = hn::Mul(hn::Mul(hn::Mul(dy, k.c), two_n), hn::Add(hn::Set(d, 1.0), p));
  const V v = hn::IfThenElse(hn::Gt(x, hn::Zero(d)), hn::Mul(dy, k.scale), neg);
  return hn::IfThenElse(hn::IsNaN(x), x, v);
}

/// Nearest float of each lane. SCALAR and EMU128's DemoteTo saturate at +-FLT_MAX; a plain cast
/// rounds to nearest and overflows to +-Inf, as the x86 conversion does.
template <class DF, class VD>
HWY_INLINE hn::VFromD<DF> NearestFloat(DF df, VD v) {
#if HWY_TARGET == HWY_SCALAR || HWY_TARGET == HWY_EMU128
  const hn::Rebind<double, DF> dd;
  HWY_ALIGN double in[HWY_MAX_BYTES / sizeof(double)];
  HWY_ALIGN float out[HWY_MAX_BYTES / sizeof(double)];
  hn::Store(v, dd, in);
  for (size_t i = 0; i < hn::Lanes(dd); ++i) out[i] = static_cast<float>(in[i]);
  return hn::Load(df, out);
#else
  return hn::DemoteTo(df, v);
#endif
}

/// The correctly rounded floats of the estimates v; lanes the rounding test cannot decide are
/// recomputed by exact(lane).
template <class DF, class VD, class Exact>
HWY_INLINE hn::VFromD<DF> RoundCorrectly(DF df, VD v, Exact&& exact) {
  const hn::Rebind<double, DF> dd;
  const hn::RebindToUnsigned<DF> du;
  const auto lo = NearestFloat(df, hn::Mul(v, hn::Set(dd, 1.0 - kMargin)));
  const auto hi = NearestFloat(df, hn::Mul(v, hn::Set(dd, 1.0 + kMargin)));
  if (HWY_LIKELY(hn::AllTrue(du, hn::Eq(hn::BitCast(du, lo), hn::BitCast(du, hi))))) return lo;
  HWY_ALIGN float lo_lanes[HWY_MAX_BYTES / sizeof(double)];
  HWY_ALIGN float hi_lanes[HWY_MAX_BYTES / sizeof(double)];
  hn::Store(lo, df, lo_lanes);
  hn::Store(hi, df, hi_lanes);
  for (size_t i = 0; i < hn::Lanes(df); ++i) {
    if (std::memcmp(&lo_lanes[i], &hi_lanes[i], sizeof(float)) != 0) lo_lanes[i] = exact(i);
  }
  return hn::Load(df, lo_lanes);
}

#ifndef ELU_CR_LAMBDA_ATTR
#define ELU_CR_LAMBDA_ATTR HWY_ATTR __attribute__((always_inline))
#endif

// Applies op(float vectors of the inputs at i) -> float vector to n elements. Float vectors
// have as many lanes as a double vector. The tail goes through the same code in a zero-padded
// buffer, so no result depends on where an element sits.
template <size_t kIn, class Op>
HWY_INLINE void Map(const float* const (&ins)[kIn], float* out, size_t n, Op op) {
  const hn::ScalableTag<double> dd;
  const hn::Rebind<float, decltype(dd)> df;
  const size_t N = hn::Lanes(dd);
  auto at = [&](const float* const(&from)[kIn], size_t i) ELU_CR_LAMBDA_ATTR {
    if constexpr (kIn == 1) {
      return op(hn::LoadU(df, from[0] + i));
    } else {
      return op(hn::LoadU(df, from[0] + i), hn::LoadU(df, from[1] + i));
    }
  };
  size_t i = 0;
  for (; i + 2 * N <= n; i += 2 * N) {
    const auto r0 = at(ins, i);
    const auto r1 = at(ins, i + N);
    hn::StoreU(r0, df, out + i);
    hn::StoreU(r1, df, out + i + N);
  }
  for (; i + N <= n; i += N) hn::StoreU(at(ins, i), df, out + i);
  if (i < n) {
    const size_t rest = n - i;
    HWY_ALIGN float buf[kIn][HWY_MAX_BYTES / sizeof(double)] = {};
    const float* padded[kIn];
    for (size_t j = 0; j < kIn; ++j) {
      std::memcpy(buf[j], ins[j] + i, rest * sizeof(float));
      padded[j] = buf[j];
    }
    const float* const(&pad_ins)[kIn] = padded;
    HWY_ALIGN float res[HWY_MAX_BYTES / sizeof(double)];
    hn::Store(at(pad_ins, 0), df, res);
    std::memcpy(out + i, res, rest * sizeof(float));
  }
}

inline void ForwardLoop(const float* x, float* y, size_t n, const detail::ExactParams& p) {
  using DD = hn::ScalableTag<double>;
  const DD dd;
  const hn::Rebind<float, DD> df;
  using VF = hn::Vec<decltype(df)>;
  const Consts<DD> k(dd, p);
  const float* const ins[1] = {x};
  Map(ins, y, n, [&](VF xf) ELU_CR_LAMBDA_ATTR {
    const auto v = ForwardEstimate(dd, hn::PromoteTo(dd, xf), k);
    return RoundCorrectly(df, v, [&](size_t lane) HWY_ATTR {
      return detail::forward_exact(hn::ExtractLane(xf, lane), *k.exact);
    });
  });
}

inline void BackwardLoop(const float* dy, const float* x, float* dx, size_t n,
                         const detail::ExactParams& p) {
  using DD = hn::ScalableTag<double>;
  const DD dd;
  const hn::Rebind<float, DD> df;
  using VF = hn::Vec<decltype(df)>;
  const Consts<DD> k(dd, p);
  const float* const ins[2] = {dy, x};
  Map(ins, dx, n, [&](VF gf, VF xf) ELU_CR_LAMBDA_ATTR {
    const auto v = BackwardEstimate(dd, hn::PromoteTo(dd, gf), hn::PromoteTo(dd, xf), k);
    return RoundCorrectly(df, v, [&](size_t lane) HWY_ATTR {
      return detail::backward_exact(hn::ExtractLane(gf, lane), hn::ExtractLane(xf, lane), *k.exact);
    });
  });
}

}  // namespace cr
}  // namespace HWY_NAMESPACE
}  // namespace elu
HWY_AFTER_NAMESPACE();

#endif  // ELU_KERNELS_CORRECTLY_ROUNDED_INL_H_
