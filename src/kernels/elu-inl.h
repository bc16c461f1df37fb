// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The ELU-family math on one vector, written once for every SIMD target (Highway per-target
// toggle guard); the loops over arrays are in elu_loops-inl.h, the 16-bit ones in lowp-inl.h.
//
// Algorithm (our own; docs/background.md describes XNNPACK's general approach):
//   z = input_scale * x (an exact two-term product when input_scale != 1)
//   n = round(z / ln 2) with a magic-bias add, t = z - n ln2 (Cody-Waite: exact hi part, rounded
//   lo), expm1(t) = t + t * p(t), p(t) = t * q(t). float: degree 7 with c2 = 1/2 and c3..c7
//   fitted (0.018 ULP), or degree 6 (0.248 ULP) on the forward paths that round least
//   (ExpConsts<float>::kShortPoly); tools/fit_expm1_poly.py fits both. double: Taylor
//   coefficients 1/k! up to degree 14, < 0.01 ULP. sa * expm1(z) = sa (2^n - 1) + sa 2^n
//   expm1(t), reconstructed without cancellation.
// Each function below states what it computes, its error and the inputs it is valid for.
// The compile must not contract a*b+c (CMake sets -ffp-contract=off): the error-free products below
// rely on every rounding being where it is written.
#if defined(ELU_SRC_KERNELS_ELU_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ELU_SRC_KERNELS_ELU_INL_H_
#undef ELU_SRC_KERNELS_ELU_INL_H_
#else
#define ELU_SRC_KERNELS_ELU_INL_H_
#endif

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "hwy/highway.h"
#include "kernels/kernels.h"

HWY_BEFORE_NAMESPACE();
namespace elu {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

template <typename T>
struct ExpConsts;

template <>
struct ExpConsts<float> {
  static constexpr int kMantissaBits = 23;
  // 1.5 * 2^23 + 127: adding it rounds to an integer whose low mantissa bits are n + 127,
  // so shifting them into the exponent field gives 2^n.
  static constexpr float kMagic = 12583039.0f;
  static constexpr float kLog2e = 1.44269502f;
  // Cody-Waite split: kLn2Hi has 9 significant bits, so n * kLn2Hi and z - n * kLn2Hi are exact.
  static constexpr float kLn2Hi = 0.693359375f;
  static constexpr float kLn2Lo = -2.12194440e-4f;
  // Below kForwardCut, expm1 rounds to -1 (it does so from -25 ln2 = -17.33); the clamp keeps
  // n >= -25, and kMinN keeps 2^n - 1 exact.
  static constexpr float kForwardCut = -17.5f;
  static constexpr float kMinN = -24.0f;
  // Below kBackwardCut, exp(z) * FLT_MAX^2 < 2^-150, so every finite dy * f' is 0 (dy and
  // c = sa * is may each be as large as FLT_MAX).
  static constexpr float kBackwardCut = -300.0f;
  // Backward applies 2^n in one factor when n >= kFastMinN and kFastMinC <= |c| <= 1/kFastMinC.
  static constexpr float kFastMinN = -60.0f;
  static constexpr double kFastMinC = 0x1p-60;
  static constexpr int kExponentBias = 127;
  // The backward's slow path clamps its power of two here: below, every result is 0 (< 2^-150).
  static constexpr float kMinScaleExp = -300.0f;
  static constexpr int kPolyDegree = 7;  // kPoly[k] multiplies t^k in expm1(t)
  static constexpr float kPoly[8] = {
      0.0f,           1.0f, 0.5f, 0x1.555556p-3f, 0x1.5554eap-5f, 0x1.11109ap-7f, 0x1.6d4cf6p-10f,
      0x1.a1982ep-13f};
  // The short polynomial, degree 6, for the forward paths that round least: input_scale 1 and sa
  // a power of two, on targets with FMA, where it is within 0.947 ULP (exhaustive; with separate
  // multiply and add, SSE4, it reached 1.06). c2 = 1/2, c3..c6 minimax for the relative error on
  // |t| <= 1.0005 ln2/2 by Remez's exchange (tools/fit_expm1_poly.py --remez 6): 1.48e-8 =
  // 0.248 ULP with the coefficients rounded to float.
  static constexpr int kShortPolyDegree = 6;
  static constexpr float kShortPoly[7] = {
      0.0f, 1.0f, 0.5f, 0x1.5554b6p-3f, 0x1.5555bap-5f, 0x1.1223a8p-7f, 0x1.6c5574p-10f};
};

template <>
struct ExpConsts<double> {
  static constexpr int kMantissaBits = 52;
  static constexpr double kMagic = 6755399441055744.0 + 1023.0;  // 1.5 * 2^52 + 1023
  static constexpr double kLog2e = 1.4426950408889634;
  // fdlibm's split: kLn2Hi has its low 32 bits zero.
  static constexpr double kLn2Hi = 6.93147180369123816490e-01;
  static constexpr double kLn2Lo = 1.90821492927058770002e-10;
  static constexpr double kForwardCut = -38.0;  // expm1 rounds to -1 from -54 ln2 = -37.43
  static constexpr double kMinN = -53.0;
  static constexpr double kBackwardCut = -2200.0;  // exp(z) * DBL_MAX^2 < 2^-1075
  static constexpr double kFastMinN = -900.0;
  static constexpr double kFastMinC = 0x1p-100;
  static constexpr int kExponentBias = 1023;
  static constexpr double kMinScaleExp = -2400.0;
  static constexpr int kPolyDegree = 14;
  static constexpr double kPoly[15] = {1.0,
                                       1.0,
                                       0.5,
                                       1.0 / 6,
                                       1.0 / 24,
                                       1.0 / 120,
                                       1.0 / 720,
                                       1.0 / 5040,
                                       1.0 / 40320,
                                       1.0 / 362880,
                                       1.0 / 3628800,
                                       1.0 / 39916800,
                                       1.0 / 479001600,
                                       1.0 / 6227020800,
                                       1.0 / 87178291200};
};

// What: the error-free product a * b = hi + lo (TwoProduct): FMA where the target has it,
//   Dekker/Veltkamp splitting otherwise (SSSE3, SSE4 and SCALAR have no fused multiply-add).
// Error: exact while hi and the partial products are normal; near the subnormals lo is dropped.
// Range: all finite a, b with a * b finite (big operands are split scaled, see below).
template <class D, class V = hn::VFromD<D>>
HWY_INLINE void TwoProd(D d, V a, V b, V& hi, V& lo) {
#if HWY_NATIVE_FMA
  (void)d;
  hi = hn::Mul(a, b);
  lo = hn::MulSub(a, b, hi);
#else
  using T = hn::TFromD<D>;
  // The split multiplies by 2^12 + 1 (2^27 + 1), which overflows for operands above 2^115
  // (2^996); such operands are split scaled down by 2^-16 (2^-32), and hi and lo scaled back.
  // Powers of two keep every step exact, and the scaled product stays far from overflow.
  const V big = hn::Set(d, sizeof(T) == 4 ? T(0x1p110f) : T(0x1p990));
  const V down = hn::Set(d, sizeof(T) == 4 ? T(0x1p-16f) : T(0x1p-32));
  const V up = hn::Set(d, sizeof(T) == 4 ? T(0x1p16f) : T(0x1p32));
  const V one = hn::Set(d, T(1));
  const auto a_big = hn::Ge(hn::Abs(a), big);
  const auto b_big = hn::Ge(hn::Abs(b), big);
  const V as = hn::Mul(a, hn::IfThenElse(a_big, down, one));
  const V bs = hn::Mul(b, hn::IfThenElse(b_big, down, one));
  const V unscale = hn::Mul(hn::IfThenElse(a_big, up, one), hn::IfThenElse(b_big, up, one));
  const V split = hn::Set(d, sizeof(T) == 4 ? T(4097) : T(134217729));  // 2^12 + 1, 2^27 + 1
  const V hs = hn::Mul(as, bs);
  const V ca = hn::Mul(as, split);
  const V a_hi = hn::Sub(ca, hn::Sub(ca, as));
  const V a_lo = hn::Sub(as, a_hi);
  const V cb = hn::Mul(bs, split);
  const V b_hi = hn::Sub(cb, hn::Sub(cb, bs));
  const V b_lo = hn::Sub(bs, b_hi);
  V ls = hn::Add(
      hn::Add(hn::Add(hn::Sub(hn::Mul(a_hi, b_hi), hs), hn::Mul(a_hi, b_lo)), hn::Mul(a_lo, b_hi)),
      hn::Mul(a_lo, b_lo));
  // The split is only exact while the partial products stay normal; near the subnormals the
  // error term is below the result's last place anyway, so drop it.
  const T tiny = sizeof(T) == 4 ? T(0x1p-90f) : T(0x1p-960);
  ls = hn::IfThenZeroElse(hn::Lt(hn::Abs(hs), hn::Set(d, tiny)), ls);
  hi = hn::Mul(hs, unscale);
  lo = hn::Mul(ls, unscale);
#endif
}

/// Per-call constants broadcast once, outside the loops.
template <class D>
struct VParams {
  using T = hn::TFromD<D>;
  using V = hn::VFromD<D>;
  V scale, sa, is, c, c_lo;
  V c_norm, c_norm_lo, c_exp;  // c = (c_norm + c_norm_lo) * 2^c_exp, |c_norm| in [1, 2)
  // Inputs below these are clamped before the exponent is formed, so that input_scale * x is
  // below the cut of its path. They are -Inf where the cut / is is beyond the type's range
  // (tiny is); -Inf * is then gives a NaN low part, which the clamp on z zeroes.
  V x_cut_forward, x_cut_backward;
  // The general forward takes f = c x where |is x| < 2^-100 (2^-960): z = is x may lie in the
  // subnormals there, where its rounding error, multiplied by |sa| > 1, would exceed the bound;
  // and expm1(z) = z to far below an ULP.
  V x_linear;
  bool linear_tiny_z;
  // c is far enough from the ends of the range that c * exp(t) * 2^n, n >= kFastMinN, is normal.
  bool fast_scaling_ok;
  bool from_output_is_first;  // see BackwardFromOutput
  explicit VParams(D d, const detail::KernelParams<T>& k)
      : scale(hn::Set(d, k.scale)),
        sa(hn::Set(d, k.sa)),
        is(hn::Set(d, k.is)),
        c(hn::Set(d, k.c)),
        c_lo(hn::Set(d, k.c_lo)),
        c_norm(hn::Set(d, k.c_norm)),
        c_norm_lo(hn::Set(d, k.c_norm_lo)),
        c_exp(hn::Set(d, k.c_exp)),
        x_cut_forward(hn::Set(d, InputCut(ExpConsts<T>::kForwardCut, k.is))),
        x_cut_backward(hn::Set(d, InputCut(ExpConsts<T>::kBackwardCut, k.is))),
        x_linear(hn::Set(d, static_cast<T>(LinearLimit() / double(k.is)))),
        linear_tiny_z(!k.unit_is && std::fabs(double(k.sa)) > 1),
        fast_scaling_ok(std::fabs(double(k.c)) >= ExpConsts<T>::kFastMinC &&
                        std::fabs(double(k.c)) <= 1 / ExpConsts<T>::kFastMinC),
        from_output_is_first(k.from_output_is_first) {}
  // Per-lane parameters (the per-channel kernels): the cuts are formed per lane, here, and fast
  // scaling needs every lane to allow it. (backward_from_output has no per-channel form.)
  VParams(D d, V scale_, V sa_, V is_, V c_, V c_lo_, V c_norm_, V c_norm_lo_, V c_exp_)
      : scale(scale_),
        sa(sa_),
        is(is_),
        c(c_),
        c_lo(c_lo_),
        c_norm(c_norm_),
        c_norm_lo(c_norm_lo_),
        c_exp(c_exp_),
        x_cut_forward(LaneCut(d, ExpConsts<T>::kForwardCut, is_)),
        x_cut_backward(LaneCut(d, ExpConsts<T>::kBackwardCut, is_)),
        x_linear(hn::Div(hn::Set(d, T(LinearLimit())), is_)),
        linear_tiny_z(!hn::AllFalse(d, hn::Gt(hn::Abs(sa_), hn::Set(d, T(1))))),
        fast_scaling_ok(hn::AllTrue(
            d, hn::And(hn::Ge(hn::Abs(c_), hn::Set(d, T(ExpConsts<T>::kFastMinC))),
                       hn::Le(hn::Abs(c_), hn::Set(d, T(1 / ExpConsts<T>::kFastMinC)))))),
        from_output_is_first(false) {}

 private:
  // cut / is, or -Inf where that is beyond the type's range; rounding makes it slightly more or
  // less negative, which either way leaves input_scale * x at the saturated end of its path.
  static T InputCut(T cut, T is) {
    const double v = double(cut) / double(is);
    const double lowest = double(std::numeric_limits<T>::lowest());
    return v < lowest ? -std::numeric_limits<T>::infinity() : static_cast<T>(v);
  }
  static V LaneCut(D d, T cut, V is) { return hn::Div(hn::Set(d, cut), is); }
  static double LinearLimit() { return sizeof(T) == 4 ? 0x1p-100 : 0x1p-960; }
};

// What: 2^n from k = n + kMagic, whose low mantissa bits are n + bias, shifted into the exponent.
// Error: exact.
// Range: integral n in [-(bias - 1), bias]; outside, the bits are not 2^n.
template <class D, class V = hn::VFromD<D>>
HWY_INLINE V Pow2FromBiased(D d, V k) {
  using T = hn::TFromD<D>;
  const hn::RebindToSigned<D> di;
  return hn::BitCast(d, hn::ShiftLeft<ExpConsts<T>::kMantissaBits>(hn::BitCast(di, k)));
}

// What: 2^m for m given as a floating-point vector (Pow2FromBiased of m + kMagic).
// Error: exact.
// Range: integral m in [-(bias - 1), bias].
template <class D, class V = hn::VFromD<D>>
HWY_INLINE V Pow2(D d, V m) {
  using T = hn::TFromD<D>;
  return Pow2FromBiased(d, hn::Add(m, hn::Set(d, ExpConsts<T>::kMagic)));
}

// What: e = floor(log2 |v|) read off the exponent field, clamped to [-(bias - 1), bias - 1] so
//   that 2^-e is normal; zero and subnormals give -(bias - 1), Inf and NaN bias - 1.
// Error: exact for normal v, and v * 2^-e is exact. Range: every v.
template <class D, class V = hn::VFromD<D>>
HWY_INLINE V ExponentOf(D d, V v) {
  using T = hn::TFromD<D>;
  using C = ExpConsts<T>;
  const hn::RebindToUnsigned<D> du;
  const auto biased_bits = hn::ShiftRight<C::kMantissaBits>(hn::BitCast(du, hn::Abs(v)));
  // The biased exponent as a T: OR it into the low mantissa bits of 2^kMantissaBits.
  const V base = hn::Set(d, T(std::uint64_t{1} << C::kMantissaBits));
  const V biased = hn::Sub(hn::BitCast(d, hn::Or(biased_bits, hn::BitCast(du, base))), base);
  const T limit = T(C::kExponentBias - 1);
  return hn::Min(hn::Max(hn::Sub(biased, hn::Set(d, T(C::kExponentBias))), hn::Set(d, -limit)),
                 hn::Set(d, limit));
}

// What: z = input_scale * x as zh + zl (TwoProd; zl = 0 when input_scale is 1).
// Error: exact (TwoProd's conditions).
// Range: x already clamped at the caller's cut, so that z is finite.
template <bool kUnitIS, class D, class V = hn::VFromD<D>>
HWY_INLINE void ScaledInput(D d, V x, const VParams<D>& vp, V& zh, V& zl) {
  if constexpr (kUnitIS) {
    zh = x;
    zl = hn::Zero(d);
  } else {
    TwoProd(d, x, vp.is, zh, zl);
  }
}

// What: Cody-Waite range reduction zh + zl = n ln2 + t (+ t_lo), n = round(z / ln2) by a
//   magic-bias add; returns k = n + kMagic (2^n = Pow2FromBiased(d, k)), n clamped to
//   >= kmin - kMagic (kmin nullptr: the caller's input cut already bounds n).
// Error: t is z - n ln2 rounded once (the hi step is exact), t_lo what that rounding lost; with
//   kOneStep (float forward, |n| <= 25) ln2 is rounded to float and t is one FMA, which moves t
//   by |n| * 1.9e-9 and costs at most 0.03 ULP in the result (2^n scales it down; exhaustive).
// Range: z in [-300, 0] (float) / [-2200, 0] (double), the backward's cuts, so that n ln2 is
//   exact in the hi step; other lanes get unspecified values.
template <bool kUnitIS, bool kOneStep = false, class D, class V = hn::VFromD<D>>
HWY_INLINE V Reduce(D d, V zh, V zl, const V* kmin, V& n, V& t, V* t_lo = nullptr) {
  using T = hn::TFromD<D>;
  using C = ExpConsts<T>;
  const V magic = hn::Set(d, C::kMagic);
  if constexpr (kOneStep) {
    static_assert(kUnitIS && sizeof(T) == 4, "one-step reduction is for float, input_scale 1");
  }
  V k = hn::MulAdd(zh, hn::Set(d, C::kLog2e), magic);
  if (kmin != nullptr) k = hn::Max(k, *kmin);
  n = hn::Sub(k, magic);
  if constexpr (kOneStep) {
    t = hn::NegMulAdd(n, hn::Set(d, T(0.693147182f)), zh);
    return k;
  }
  const V t_hi = hn::NegMulAdd(n, hn::Set(d, C::kLn2Hi), zh);  // exact
  if (kUnitIS && t_lo == nullptr) {
    t = hn::NegMulAdd(n, hn::Set(d, C::kLn2Lo), t_hi);  // one rounding
  } else {
    // The small parts are gathered first so that t is rounded once.
    const V small = hn::NegMulAdd(n, hn::Set(d, C::kLn2Lo), zl);
    t = hn::Add(t_hi, small);
    if (t_lo != nullptr) *t_lo = hn::Add(hn::Sub(t_hi, t), small);  // Fast2Sum: what t lost
  }
  return k;
}

// What: p(t) = sum_{k=2..kDegree} coeffs[k] t^(k-1) by Horner's scheme, so that expm1(t) is
//   t + t * p(t) to the fit error of the coefficients (ExpConsts).
// Error: the fit's, plus a few ULP of p itself, which enter the result scaled by |t| <= 0.35.
// Range: |t| <= 1.0005 ln2/2 (float), ln2/2 plus the reduction's rounding (double).
template <int kDegree, class D, class V = hn::VFromD<D>>
HWY_INLINE V HornerTail(D d, V t, const hn::TFromD<D> (&coeffs)[kDegree + 1]) {
#if HWY_NATIVE_FMA
  V q = hn::Set(d, coeffs[kDegree]);
  for (int i = kDegree - 1; i >= 2; --i) q = hn::MulAdd(q, t, hn::Set(d, coeffs[i]));
  return hn::Mul(q, t);
#else
  // Without FMA the last step, c2 + t q, rounds at |q| ~ 1/2, and that error reaches the result
  // multiplied by sa t: SELU reached 1.07 ULP on SSE4 (exhaustive). c2 t is exact (c2 = 1/2),
  // so p = c2 t + t (t q3) rounds once at |p| instead.
  V q = hn::Set(d, coeffs[kDegree]);
  for (int i = kDegree - 1; i >= 3; --i) q = hn::MulAdd(q, t, hn::Set(d, coeffs[i]));
  return hn::Add(hn::Mul(hn::Set(d, coeffs[2]), t), hn::Mul(t, hn::Mul(t, q)));
#endif
}

// What: p(t) with expm1(t) = t + t * p(t) (HornerTail on the type's coefficients).
// Error: relative fit error of expm1 0.018 ULP (float, degree 7), < 0.01 ULP (double, Taylor
//   degree 14); kShort: the float degree-6 polynomial, 0.248 ULP. Range: as HornerTail.
template <bool kShort = false, class D, class V = hn::VFromD<D>>
HWY_INLINE V Expm1Tail(D d, V t) {
  using C = ExpConsts<hn::TFromD<D>>;
  if constexpr (kShort) {
    return HornerTail<C::kShortPolyDegree>(d, t, C::kShortPoly);
  } else {
    return HornerTail<C::kPolyDegree>(d, t, C::kPoly);
  }
}

/// How sa = scale * alpha enters the reconstruction; chosen once per call.
enum class SaKind {
  kOne,      // sa == 1 and scale == 1: plain ELU(1), the common case, fewest operations
  kPow2,     // sa a power of two: sa * s and sa * (s - 1) are exact
  kGeneral,  // anything else: compensated products
};

/// What: sa * expm1(input_scale * x), reconstructed as sa (2^n - 1) + sa 2^n expm1(t) with a
///   Fast2Sum (or error-free products when sa is not a power of two).
/// Error: 1 ULP for input_scale == 1, 2 ULP otherwise (exhaustive for float, docs/accuracy.md).
/// Range: x <= 0 including -Inf and subnormals; lanes with x > 0 hold unspecified values.
template <bool kUnitIS, SaKind kSa, class D, class V = hn::VFromD<D>>
HWY_INLINE V ScaledExpm1Neg(D d, V x, const VParams<D>& vp) {
  using T = hn::TFromD<D>;
  using C = ExpConsts<T>;
  V zh, zl;
  // NaN may be lost by Max on some targets: NaN lanes take the x > 0 branch in Forward.
  // With input_scale == 1 the input cut is the forward cut itself.
  ScaledInput<kUnitIS>(d, hn::Max(x, vp.x_cut_forward), vp, zh, zl);
  if constexpr (!kUnitIS) {
    const V cut = hn::Set(d, C::kForwardCut);
    zl = hn::IfThenZeroElse(hn::Lt(zh, cut), zl);
    zh = hn::Max(zh, cut);
  }
  // double also keeps the rounding error of t (t_lo): without it, t's rounding cost 0.34 ULP and
  // the measured maximum was 0.944 ULP.
  constexpr bool kKeepTLo = sizeof(T) == 8;
  V n, t, t_lo = hn::Zero(d);
  constexpr bool kOneStep = kUnitIS && sizeof(T) == 4 && kSa != SaKind::kGeneral;
  // kMinN keeps s - 1 exact. The float one-step variants skip that clamp: the input cut leaves
  // n >= -25, and n = -25 is handled by rounding in the reconstruction below.
  const V kmin = hn::Set(d, C::kMagic + C::kMinN);
  const V* const clamp = kOneStep ? nullptr : &kmin;
  const V k = Reduce<kUnitIS, kOneStep>(d, zh, zl, clamp, n, t, kKeepTLo ? &t_lo : nullptr);
  const V s = Pow2FromBiased(d, k);
  constexpr bool kShortPoly = kOneStep && HWY_NATIVE_FMA;
  const V p = Expm1Tail<kShortPoly>(d, t);
  // sa expm1(z) = sa (s - 1) + sa s t (1 + p). For n <= -1 the first term is the larger one
  // (|s - 1| >= 1/2 > |s t (1 + p)|), so Fast2Sum captures the rounding of their sum exactly; for
  // n = 0 it is zero. One final rounding plus small terms remain (docs/accuracy.md).
  if constexpr (kSa != SaKind::kGeneral) {
    // sa is a power of two, so sa s t and sa (s - 1) are exact, except for n = -25 (float,
    // inputs in [-17.5, -16.98), where n is not clamped to save an operation): there s - 1 =
    // -(1 - 2^-25) rounds to -1 (a tie, to even) and the sum to -sa, within 0.71 ULP of the
    // exact value, and exactly -sa below -17.33 where that is the correctly rounded result.
    const V sas = kSa == SaKind::kOne ? s : hn::Mul(vp.sa, s);
    const V sasm1 =
        kSa == SaKind::kOne ? hn::Sub(s, hn::Set(d, T(1))) : hn::MulSub(vp.sa, s, vp.sa);
    if constexpr (sizeof(T) == 4) {
      // float: two roundings, within 1 ULP (exhaustive sweep, docs/accuracy.md) and cheaper:
      // expm1(t) = t + t p rounded once, scaled exactly by the power of two sas, and the sum with
      // sa (s - 1) rounded once (the same bits as rounding sas t + sas t p, one multiply fewer).
      return hn::MulAdd(sas, hn::MulAdd(t, p, t), sasm1);
    } else {
      const V ts = hn::Mul(sas, t);
      const V hi = hn::Add(sasm1, ts);
      const V err = hn::MulAdd(sas, t_lo, hn::Add(hn::Sub(sasm1, hi), ts));
      return hn::Add(hi, hn::MulAdd(ts, p, err));
    }
  } else {
    const V sas = hn::Mul(vp.sa, s);             // exact: s is a power of two
    const V sm1 = hn::Sub(s, hn::Set(d, T(1)));  // exact for n >= kMinN
    V ch, cl, bh, bl;
    TwoProd(d, vp.sa, sm1, ch, cl);
    TwoProd(d, sas, t, bh, bl);
    const V hi = hn::Add(ch, bh);
    const V err = hn::Add(hn::Sub(ch, hi), bh);
    const V small = kKeepTLo ? hn::MulAdd(sas, t_lo, hn::Add(bl, cl)) : hn::Add(bl, cl);
#if HWY_NATIVE_FMA
    return hn::Add(hi, hn::Add(err, hn::MulAdd(bh, p, small)));
#else
    // Without FMA, bh p would round apart from the small terms (SELU reached 1.02 ULP on SSE4,
    // exhaustive): the exact product keeps one rounding there, as the FMA does.
    V ph, pl;
    TwoProd(d, bh, p, ph, pl);
    return hn::Add(hi, hn::Add(err, hn::Add(ph, hn::Add(pl, small))));
#endif
  }
}

// What: neg where x < 0, pos elsewhere (x >= 0 and NaN).
// Error: exact. Range: every x.
// On AVX-512 the compare is "not less than, unordered" with pos as the selected operand, so that
// the compiler merges the multiply forming pos and the select into one masked multiply.
#if HWY_TARGET <= HWY_AVX3
HWY_INLINE hn::Mask512<float> NotBelowZero(hn::Vec512<float> x) {
  return hn::Mask512<float>{_mm512_cmp_ps_mask(x.raw, _mm512_setzero_ps(), _CMP_NLT_UQ)};
}
HWY_INLINE hn::Mask512<double> NotBelowZero(hn::Vec512<double> x) {
  return hn::Mask512<double>{_mm512_cmp_pd_mask(x.raw, _mm512_setzero_pd(), _CMP_NLT_UQ)};
}
#endif
template <class D, class V = hn::VFromD<D>>
HWY_INLINE V SelectNegative(D d, V x, V neg, V pos) {
#if HWY_TARGET <= HWY_AVX3
  (void)d;
  return hn::IfThenElse(NotBelowZero(x), pos, neg);
#else
  return hn::IfThenElse(hn::Lt(x, hn::Zero(d)), neg, pos);
#endif
}

/// What: f(x): scale * x for x >= 0 and NaN (so f(+-0) = +-0 and NaN comes out quiet),
///   ScaledExpm1Neg for x < 0 (c * x where input_scale * x is too small to carry its error).
/// Error: as ScaledExpm1Neg; exact for x >= 0. Range: every x, every validated parameter set.
template <bool kUnitIS, SaKind kSa, class D, class V = hn::VFromD<D>>
HWY_INLINE V Forward(D d, V x, const VParams<D>& vp) {
  // Also for scale == 1: the multiply turns a signalling NaN quiet (x + -0 would be folded away).
  const V pos = hn::Mul(x, vp.scale);
  // No skip for all-positive vectors here: on mixed-sign data the test and branch cost 18% of
  // the forward's time (docs/performance.md), more than it saves on typical activations.
  V neg = ScaledExpm1Neg<kUnitIS, kSa>(d, x, vp);
  if constexpr (!kUnitIS) {
    if (vp.linear_tiny_z) {
      const V linear = hn::MulAdd(vp.c_lo, x, hn::Mul(vp.c, x));
      neg = hn::IfThenElse(hn::Lt(hn::Abs(x), vp.x_linear), linear, neg);
    }
  }
  return SelectNegative(d, x, neg, pos);
}

// What: (c + c_lo) exp(t) = c + (ct + (ct p + ct_lo + c_lo (1 + t))), ct + ct_lo the error-free
//   product c t and c_lo the rounding error of c.
// Error: one significant rounding (the last add) plus terms far below it. Range: |t| <= ln2/2.
template <class D, class V = hn::VFromD<D>>
HWY_INLINE V CTimesExpT(D d, V c, V c_lo, V t, V p) {
  V ct, ct_lo;
  TwoProd(d, c, t, ct, ct_lo);
  const V small = hn::Add(ct_lo, hn::MulAdd(c_lo, t, c_lo));
  return hn::Add(c, hn::Add(ct, hn::MulAdd(ct, p, small)));
}

/// The backward's range reduction of z = input_scale * x, shared by f'(x) and, where both are
/// wanted, f(x): z = n ln2 + t, k = n + kMagic (2^n = Pow2FromBiased(d, k)), p = Expm1Tail(t).
template <class D>
struct Reduced {
  hn::VFromD<D> n, t, p, k;
};
// What: Reduced for x clamped at the backward's cut (compare-and-select, so NaN stays NaN).
// Error: as Reduce (two steps). Range: every x.
template <bool kUnitIS, class D, class V = hn::VFromD<D>>
HWY_INLINE Reduced<D> ReduceForBackward(D d, V x, const VParams<D>& vp) {
  using C = ExpConsts<hn::TFromD<D>>;
  V zh, zl;
  // Compare-and-select keeps NaN (Max does not on every target), so NaN x gives NaN.
  const V xc = hn::IfThenElse(hn::Lt(x, vp.x_cut_backward), vp.x_cut_backward, x);
  ScaledInput<kUnitIS>(d, xc, vp, zh, zl);
  if constexpr (!kUnitIS) {
    const V cut = hn::Set(d, C::kBackwardCut);
    const auto below = hn::Lt(zh, cut);
    zl = hn::IfThenZeroElse(below, zl);
    zh = hn::IfThenElse(below, cut, zh);
  }
  Reduced<D> r;
  // No clamp of n: the input cut bounds it (n >= -433 for float, -3174 for double).
  const V* const no_clamp = nullptr;
  r.k = Reduce<kUnitIS>(d, zh, zl, no_clamp, r.n, r.t);
  r.p = Expm1Tail(d, r.t);
  return r;
}

/// What: dy * f'(x) from the reduction of x: scale dy for x > 0, dy c exp(t) 2^n otherwise (x = 0
///   included), 2^n applied as one factor when every lane has n >= kFastMinN and c is moderate,
///   otherwise in three factors that under- or overflow only where the exact value does.
/// Error: 2 ULP (docs/accuracy.md). Range: every x, every finite dy, every validated parameter.
template <bool kExactC = false, class D, class V = hn::VFromD<D>>
HWY_INLINE V BackwardFromReduced(D d, V dy, V x, const Reduced<D>& r, const VParams<D>& vp) {
  using T = hn::TFromD<D>;
  using C = ExpConsts<T>;
  const auto positive = hn::Gt(x, hn::Zero(d));
  const V pos = hn::Mul(dy, vp.scale);
  const V n = r.n, t = r.t, p = r.p, k = r.k;
  V c_exp_t;  // c * exp(t), c = sa * is
  if constexpr (kExactC) {
    // c is a power of two (ELU(alpha) for power-of-two alpha): c t is exact.
    const V ct = hn::Mul(vp.c, t);
    c_exp_t = hn::Add(vp.c, hn::MulAdd(ct, p, ct));
  } else {
    c_exp_t = CTimesExpT(d, vp.c, vp.c_lo, t, p);
  }
  const auto near = hn::Ge(n, hn::Set(d, C::kFastMinN));
  V neg;
  if (vp.fast_scaling_ok && hn::AllTrue(d, near)) {
    neg = hn::Mul(dy, hn::Mul(c_exp_t, Pow2FromBiased(d, k)));
  } else {
    // dy = dm 2^e and c = c_norm 2^c_exp, so dx = (dm c_norm exp(t)) 2^m with m = n + e + c_exp.
    // The power is applied as three factors whose exponents have m's sign and do not shrink, so
    // the product under- or overflows at most once, at the last step, and only where the exact
    // value does, for any finite dy and c. Lanes with n >= kFastMinN keep the fast formula where
    // it is allowed, so that no lane's result depends on its neighbours.
    const V e = ExponentOf(d, dy);
    const V dm = hn::Mul(dy, Pow2(d, hn::Neg(e)));
    const V cn_exp_t = CTimesExpT(d, vp.c_norm, vp.c_norm_lo, t, p);
    const V m = hn::Max(hn::Add(hn::Add(n, e), vp.c_exp), hn::Set(d, C::kMinScaleExp));
    const V m1 = hn::Trunc(hn::Mul(m, hn::Set(d, T(1) / T(3))));
    const V m3 = hn::NegMulAdd(m1, hn::Set(d, T(2)), m);
    const V s1 = Pow2(d, m1);
    neg = hn::Mul(hn::Mul(hn::Mul(hn::Mul(dm, cn_exp_t), s1), s1), Pow2(d, m3));
    if (vp.fast_scaling_ok) {
      neg = hn::IfThenElse(near, hn::Mul(dy, hn::Mul(c_exp_t, Pow2FromBiased(d, k))), neg);
    }
  }
  return hn::IfThenElse(positive, pos, neg);
}

/// What: dy * f'(x): BackwardFromReduced on x's own reduction.
/// Error: 2 ULP. Range: as BackwardFromReduced.
template <bool kUnitIS, bool kExactC = false, class D, class V = hn::VFromD<D>>
HWY_INLINE V Backward(D d, V dy, V x, const VParams<D>& vp) {
  return BackwardFromReduced<kExactC>(d, dy, x, ReduceForBackward<kUnitIS>(d, x, vp), vp);
}

/// What: f(x) from the backward's reduction of x, so that backward_with_sums pays for one
///   exponential: sa (2^n - 1) + sa 2^n t (1 + p) for x < 0 (-sa where n < kMinN, where expm1
///   rounds to -1), scale x otherwise (NaN and zeros as in Forward). Not bit-identical to Forward.
/// Error: 4 ULP (four roundings after the reduction); it feeds only the double sum of dy * f(x).
/// Range: every x, every validated parameter set.
template <bool kUnitIS, class D, class V = hn::VFromD<D>>
HWY_INLINE V ForwardFromReduced(D d, V x, const Reduced<D>& r, const VParams<D>& vp) {
  using T = hn::TFromD<D>;
  using C = ExpConsts<T>;
  const auto saturated = hn::Lt(r.n, hn::Set(d, C::kMinN));
  const V s = Pow2FromBiased(d, hn::Max(r.k, hn::Set(d, C::kMagic + C::kMinN)));
  const V sas = hn::Mul(vp.sa, s);                              // exact
  const V sam1 = hn::Mul(vp.sa, hn::Sub(s, hn::Set(d, T(1))));  // s - 1 exact
  V neg = hn::MulAdd(sas, hn::MulAdd(r.t, r.p, r.t), sam1);
  neg = hn::IfThenElse(saturated, hn::Neg(vp.sa), neg);
  if constexpr (!kUnitIS) {
    if (vp.linear_tiny_z) {  // as in Forward: z = input_scale * x too small to carry its error
      const V linear = hn::MulAdd(vp.c_lo, x, hn::Mul(vp.c, x));
      neg = hn::IfThenElse(hn::Lt(hn::Abs(x), vp.x_linear), linear, neg);
    }
  }
  return SelectNegative(d, x, neg, hn::Mul(x, vp.scale));
}

/// What: dy * f'(x) recovered from y = f(x), without an exponential: dy scale for y > 0,
///   dy input_scale (y + sa) otherwise.
/// Error: 3 ULP against f' at the given y (three roundings). Range: every finite y and dy.
/// The product of three is ordered by input_scale: for is >= 1, is * (y + sa) <= sa * is cannot
/// overflow (dy * is could), and for is < 1, dy * is cannot.
template <class D, class V = hn::VFromD<D>>
HWY_INLINE V BackwardFromOutput(D d, V dy, V y, const VParams<D>& vp) {
  const V w = hn::Add(y, vp.sa);
  const V neg =
      vp.from_output_is_first ? hn::Mul(dy, hn::Mul(vp.is, w)) : hn::Mul(hn::Mul(dy, vp.is), w);
  return hn::IfThenElse(hn::Gt(y, hn::Zero(d)), hn::Mul(dy, vp.scale), neg);
}

}  // namespace HWY_NAMESPACE
}  // namespace elu
HWY_AFTER_NAMESPACE();

#endif  // ELU_SRC_KERNELS_ELU_INL_H_
