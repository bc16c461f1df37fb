// bf16 and f16 kernels, written once for every SIMD target (Highway per-target toggle guard).
// Included by src/kernels/lowp.cc once per target via foreach_target.h.
//
// Each element is widened to f32 (exact), goes through the float math of elu-inl.h, and is
// narrowed once, rounding to nearest even. Rounding the f32 result is correct unless it lies
// within a few f32 ULPs of a midpoint of the 16-bit type; forward finds such lanes (about 7 in
// 65,536 for bf16, 7 in 8,192 for f16) and recomputes them exactly in double (lowp_exact.cc), so
// forward is correctly rounded. Highway 1.0.3's bf16 DemoteTo truncates, and its f16
// conversions on targets without F16C (SSSE3, SSE4, SCALAR) truncate and mishandle Inf/NaN, so
// the narrowing here is our own integer code, except where the F16C instructions do it exactly.
#if defined(ELU_SRC_KERNELS_LOWP_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ELU_SRC_KERNELS_LOWP_INL_H_
#undef ELU_SRC_KERNELS_LOWP_INL_H_
#else
#define ELU_SRC_KERNELS_LOWP_INL_H_
#endif

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "hwy/cache_control.h"
#include "hwy/highway.h"
#include "kernels/elu-inl.h"
#include "kernels/kernels.h"
#include "kernels/lowp.h"

HWY_BEFORE_NAMESPACE();
namespace elu {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// F16C converts f16 <-> f32 in hardware, rounding to nearest even (imm8 rounding field 0).
#undef ELU_LOWP_HAVE_F16C
#if HWY_TARGET <= HWY_AVX2 && !defined(HWY_DISABLE_F16C)
#define ELU_LOWP_HAVE_F16C 1
#else
#define ELU_LOWP_HAVE_F16C 0
#endif

// f32 forward results within this many f32 ULPs of a 16-bit midpoint are recomputed exactly. The
// float kernels are within 2 ULP (docs/accuracy.md); one more for margin.
constexpr int32_t kMidpointWindow = 3;

// Lanes whose dropped field (the low `sh` bits of the significand, implicit bit included) is
// within kMidpointWindow of half its range, i.e. the value is that close to a midpoint.
template <class DI, class V = hn::Vec<DI>>
HWY_INLINE hn::Mask<DI> FieldNearHalf(DI di, V field, V half) {
  return hn::Lt(hn::Abs(hn::Sub(field, half)), hn::Set(di, kMidpointWindow + 1));
}

/// bf16 bits <-> f32. Widening is exact; narrowing rounds to nearest even, NaN -> quiet NaN.
struct BF16Codec {
  template <class DF, class DH>
  static HWY_INLINE hn::Vec<DF> Widen(DF df, DH /*dh*/, hn::Vec<DH> h) {
    const hn::RebindToUnsigned<DF> du;
    return hn::BitCast(df, hn::ShiftLeft<16>(hn::PromoteTo(du, h)));
  }
  template <class DF, class DH>
  static HWY_INLINE hn::Vec<DH> Narrow(DF df, DH dh, hn::Vec<DF> v) {
    const hn::RebindToSigned<DF> di;
    const auto b = hn::BitCast(di, v);
    // Adding 0x7FFF plus the lowest kept bit carries into the kept half exactly when the dropped
    // half is above the midpoint, or at it with an odd kept half. The sum is taken as unsigned
    // (wrapping) and shifted logically, so negative values keep their sign bit.
    const hn::RebindToUnsigned<DF> du;
    const auto bu = hn::BitCast(du, b);
    const auto lsb = hn::And(hn::ShiftRight<16>(bu), hn::Set(du, 1u));
    const auto rounded = hn::ShiftRight<16>(hn::Add(hn::Add(bu, hn::Set(du, 0x7FFFu)), lsb));
    const auto quiet = hn::Or(hn::ShiftRight<16>(bu), hn::Set(du, 0x0040u));
    const auto mag = hn::And(b, hn::Set(di, 0x7FFFFFFF));
    const auto is_nan = hn::RebindMask(du, hn::Gt(mag, hn::Set(di, 0x7F800000)));
    (void)df;
    return hn::DemoteTo(dh, hn::BitCast(di, hn::IfThenElse(is_nan, quiet, rounded)));
  }
  // bf16 keeps the top 16 bits of f32 in every range (subnormals included): the field is fixed.
  template <class DF>
  static HWY_INLINE hn::Mask<DF> NearMidpoint(DF df, hn::Vec<DF> v) {
    const hn::RebindToSigned<DF> di;
    const auto field = hn::And(hn::BitCast(di, v), hn::Set(di, 0xFFFF));
    return hn::RebindMask(df, FieldNearHalf(di, field, hn::Set(di, 0x8000)));
  }
  static float Exact(float x, const detail::KernelParams<float>& k) {
    return detail::forward_rounded_bf16(x, k);
  }
};

/// IEEE binary16 bits <-> f32, with the same rounding and special values.
struct F16Codec {
  template <class DF, class DH>
  static HWY_INLINE hn::Vec<DF> Widen(DF df, DH dh, hn::Vec<DH> h) {
#if ELU_LOWP_HAVE_F16C
    const hn::Rebind<hwy::float16_t, DF> dh16;
    (void)dh;
    return hn::PromoteTo(df, hn::BitCast(dh16, h));
#else
    (void)dh;
    const hn::RebindToUnsigned<DF> du;
    const hn::RebindToSigned<DF> di;
    const auto bits = hn::PromoteTo(du, h);
    const auto sign = hn::ShiftLeft<16>(hn::And(bits, hn::Set(du, 0x8000u)));
    const auto mag = hn::And(bits, hn::Set(du, 0x7FFFu));
    const auto shifted = hn::ShiftLeft<13>(mag);
    // Normal: rebias the exponent 15 -> 127. Inf/NaN: exponent all ones, payload kept.
    const auto normal = hn::Add(shifted, hn::Set(du, 0x38000000u));
    const auto inf_nan = hn::Or(shifted, hn::Set(du, 0x7F800000u));
    // Zero and subnormals: mag * 2^-24, exact in float.
    const auto sub = hn::BitCast(
        du, hn::Mul(hn::ConvertTo(df, hn::BitCast(di, mag)), hn::Set(df, 0x1p-24f)));
    const auto mag_i = hn::BitCast(di, mag);
    auto r = hn::IfThenElse(hn::RebindMask(du, hn::Lt(mag_i, hn::Set(di, 0x0400))), sub, normal);
    r = hn::IfThenElse(hn::RebindMask(du, hn::Gt(mag_i, hn::Set(di, 0x7BFF))), inf_nan, r);
    return hn::BitCast(df, hn::Or(r, sign));
#endif
  }

  template <class DF, class DH>
  static HWY_INLINE hn::Vec<DH> Narrow(DF df, DH dh, hn::Vec<DF> v) {
#if ELU_LOWP_HAVE_F16C
    const hn::Rebind<hwy::float16_t, DF> dh16;
    return hn::BitCast(dh, hn::DemoteTo(dh16, v));
#else
    const hn::RebindToUnsigned<DF> du;
    const hn::RebindToSigned<DF> di;
    const auto bits = hn::BitCast(du, v);
    const auto sign = hn::And(hn::ShiftRight<16>(bits), hn::Set(du, 0x8000u));
    const auto mag = hn::And(bits, hn::Set(du, 0x7FFFFFFFu));
    const auto mag_i = hn::BitCast(di, mag);
    // Normal f16: rebias 127 -> 15 and round away 13 bits to nearest even.
    const auto rebiased = hn::Sub(mag, hn::Set(du, 0x38000000u));
    const auto lsb = hn::And(hn::ShiftRight<13>(rebiased), hn::Set(du, 1u));
    const auto normal =
        hn::ShiftRight<13>(hn::Add(hn::Add(rebiased, hn::Set(du, 0x0FFFu)), lsb));
    // Subnormal f16 (|v| < 2^-14): adding 0.5 leaves a float whose last place is 2^-24, the f16
    // subnormal step, so the FPU's own round-to-nearest-even does the rounding; subtracting
    // 0.5's bits leaves the count of steps (0x400 when it rounds up to the smallest normal).
    const auto sub = hn::Sub(hn::BitCast(du, hn::Add(hn::BitCast(df, mag), hn::Set(df, 0.5f))),
                             hn::Set(du, 0x3F000000u));
    auto r = hn::IfThenElse(hn::RebindMask(du, hn::Lt(mag_i, hn::Set(di, 0x38800000))), sub,
                            normal);
    // |v| >= 65520 (the midpoint above 65504) and Inf -> Inf; NaN -> quiet NaN.
    r = hn::IfThenElse(hn::RebindMask(du, hn::Gt(mag_i, hn::Set(di, 0x477FEFFF))),
                       hn::Set(du, 0x7C00u), r);
    r = hn::IfThenElse(hn::RebindMask(du, hn::Gt(mag_i, hn::Set(di, 0x7F800000))),
                       hn::Set(du, 0x7E00u), r);
    return hn::DemoteTo(dh, hn::BitCast(di, hn::Or(r, sign)));
#endif
  }
  // f16 drops 13 significand bits for normal results; below 2^-14 its step is fixed at 2^-24, so
  // 126 - biased exponent bits are dropped (capped: far below 2^-25 nothing is near a midpoint).
  template <class DF>
  static HWY_INLINE hn::Mask<DF> NearMidpoint(DF df, hn::Vec<DF> v) {
    const hn::RebindToSigned<DF> di;
    const auto mag = hn::And(hn::BitCast(di, v), hn::Set(di, 0x7FFFFFFF));
    const auto dropped = hn::Min(hn::Max(hn::Sub(hn::Set(di, 126), hn::ShiftRight<23>(mag)),
                                         hn::Set(di, 13)),
                                 hn::Set(di, 30));
    const auto one = hn::Shl(hn::Set(di, 1), dropped);
    const auto significand = hn::Or(hn::And(mag, hn::Set(di, 0x007FFFFF)), hn::Set(di, 0x00800000));
    const auto field = hn::And(significand, hn::Sub(one, hn::Set(di, 1)));
    return hn::RebindMask(df, FieldNearHalf(di, field, hn::ShiftRight<1>(one)));
  }
  static float Exact(float x, const detail::KernelParams<float>& k) {
    return detail::forward_rounded_f16(x, k);
  }
};

// Replaces the lanes of r (= f(x) in f32) that lie near a 16-bit midpoint by the exactly
// rounded value. The slow path runs for about 1 vector in 600 (bf16) or in 70 (f16, 16 lanes).
template <class Codec, class D, class V = hn::Vec<D>>
HWY_NOINLINE V FixLanes(D d, V x, V r, hn::Mask<D> near, const detail::KernelParams<float>& k) {
  HWY_ALIGN float xs[HWY_MAX_BYTES / sizeof(float)];
  HWY_ALIGN float rs[HWY_MAX_BYTES / sizeof(float)];
  HWY_ALIGN float flags[HWY_MAX_BYTES / sizeof(float)];
  hn::Store(x, d, xs);
  hn::Store(r, d, rs);
  hn::Store(hn::VecFromMask(d, near), d, flags);
  for (size_t i = 0; i < hn::Lanes(d); ++i) {
    uint32_t flag;
    std::memcpy(&flag, &flags[i], sizeof flag);
    if (flag != 0) rs[i] = Codec::Exact(xs[i], k);
  }
  return hn::Load(d, rs);
}

template <class Codec, class D, class V = hn::Vec<D>>
HWY_INLINE V FixNearMidpoints(D d, V x, V r, const detail::KernelParams<float>& k) {
  const auto near = Codec::NearMidpoint(d, r);
  if (HWY_LIKELY(hn::AllFalse(d, near))) return r;
  return FixLanes<Codec>(d, x, r, near, k);
}

// Applies `op(f32 vectors...) -> f32 vector` to n 16-bit elements of `ins`, writing `out`.
// Every element, tail included, goes through the same vector code (the tail via a zero-padded
// buffer). With `stream`, whole output vectors from the first aligned one use non-temporal
// stores; Highway's Stream always writes a full 128-bit register, so it is only used on full
// vectors.
template <class Codec, size_t kIn, class Op>
HWY_INLINE void MapLoop16(const uint16_t* const (&ins)[kIn], uint16_t* out, size_t n,
                          bool stream, Op op) {
  const hn::ScalableTag<float> df;
  using VF = hn::Vec<decltype(df)>;
#if HWY_TARGET == HWY_SCALAR
  (void)stream;
  const hn::Rebind<uint16_t, decltype(df)> dh;
  for (size_t i = 0; i < n; ++i) {
    VF v[kIn];
    for (size_t j = 0; j < kIn; ++j) v[j] = Codec::Widen(df, dh, hn::LoadU(dh, ins[j] + i));
    VF r;
    if constexpr (kIn == 1) r = op(v[0]);
    if constexpr (kIn == 2) r = op(v[0], v[1]);
    hn::StoreU(Codec::Narrow(df, dh, r), dh, out + i);
  }
#else
  const hn::Repartition<uint16_t, decltype(df)> d16;  // twice the lanes of df
  const hn::Half<decltype(d16)> dh;                   // as many lanes as df
  const size_t N = hn::Lanes(d16);
  // One full 16-bit vector: widen both halves, compute, narrow and recombine.
  auto compute = [&](const uint16_t* const* src, size_t at) {
    VF lo[kIn], hi[kIn];
    for (size_t j = 0; j < kIn; ++j) {
      const auto v = hn::LoadU(d16, src[j] + at);
      lo[j] = Codec::Widen(df, dh, hn::LowerHalf(dh, v));
      hi[j] = Codec::Widen(df, dh, hn::UpperHalf(dh, v));
    }
    VF rlo, rhi;
    if constexpr (kIn == 1) {
      rlo = op(lo[0]);
      rhi = op(hi[0]);
    }
    if constexpr (kIn == 2) {
      rlo = op(lo[0], lo[1]);
      rhi = op(hi[0], hi[1]);
    }
    return hn::Combine(d16, Codec::Narrow(df, dh, rhi), Codec::Narrow(df, dh, rlo));
  };
  size_t i = 0;
  if (stream) {
    const size_t misalign = reinterpret_cast<uintptr_t>(out) % (N * sizeof(uint16_t));
    if (n < N || misalign % sizeof(uint16_t) != 0) {
      stream = false;
    } else if (misalign != 0) {
      // Recomputing the overlap is harmless: same inputs, same code, same outputs (in-place
      // calls never stream, so the inputs are intact).
      hn::StoreU(compute(ins, 0), d16, out);
      i = N - misalign / sizeof(uint16_t);
    }
  }
  if (stream) {
    for (; i + N <= n; i += N) hn::Stream(compute(ins, i), d16, out + i);
  } else {
    for (; i + N <= n; i += N) hn::StoreU(compute(ins, i), d16, out + i);
  }
  if (i < n) {
    const size_t rest = n - i;
    HWY_ALIGN uint16_t buf[kIn][HWY_MAX_BYTES / sizeof(uint16_t)] = {};
    HWY_ALIGN uint16_t res[HWY_MAX_BYTES / sizeof(uint16_t)];
    const uint16_t* src[kIn];
    for (size_t j = 0; j < kIn; ++j) {
      std::memcpy(buf[j], ins[j] + i, rest * sizeof(uint16_t));
      src[j] = buf[j];
    }
    hn::Store(compute(src, 0), d16, res);
    std::memcpy(out + i, res, rest * sizeof(uint16_t));
  }
  if (stream) hwy::FlushStream();  // order the non-temporal stores before later reads
#endif
}

template <class Codec>
void ForwardLoop16(const uint16_t* x, uint16_t* y, size_t n, const detail::KernelParams<float>& k,
                   bool stream) {
  using D = hn::ScalableTag<float>;
  const D d;
  using V = hn::Vec<D>;
  const VParams<D> vp(d, k);
  const uint16_t* const ins[1] = {x};
  auto op = [&](auto forward) {
    MapLoop16<Codec>(ins, y, n, stream,
                     [&](V v) { return FixNearMidpoints<Codec>(d, v, forward(v), k); });
  };
  // The dispatch on (unit input scale, power-of-two scale*alpha) happens once per call.
  if (k.unit_is && k.pow2_sa) {
    op([&](V v) { return Forward<true, true>(d, v, vp); });
  } else if (k.unit_is) {
    op([&](V v) { return Forward<true, false>(d, v, vp); });
  } else if (k.pow2_sa) {
    op([&](V v) { return Forward<false, true>(d, v, vp); });
  } else {
    op([&](V v) { return Forward<false, false>(d, v, vp); });
  }
}

template <class Codec>
void BackwardLoop16(const uint16_t* dy, const uint16_t* x, uint16_t* dx, size_t n,
                    const detail::KernelParams<float>& k, bool stream) {
  using D = hn::ScalableTag<float>;
  const D d;
  using V = hn::Vec<D>;
  const VParams<D> vp(d, k);
  const uint16_t* const ins[2] = {dy, x};
  if (k.unit_is) {
    MapLoop16<Codec>(ins, dx, n, stream, [&](V g, V v) { return Backward<true>(d, g, v, vp); });
  } else {
    MapLoop16<Codec>(ins, dx, n, stream, [&](V g, V v) { return Backward<false>(d, g, v, vp); });
  }
}

template <class Codec>
void BackwardFromOutputLoop16(const uint16_t* dy, const uint16_t* y, uint16_t* dx, size_t n,
                              const detail::KernelParams<float>& k, bool stream) {
  using D = hn::ScalableTag<float>;
  const D d;
  using V = hn::Vec<D>;
  const VParams<D> vp(d, k);
  const uint16_t* const ins[2] = {dy, y};
  MapLoop16<Codec>(ins, dx, n, stream,
                   [&](V g, V v) { return BackwardFromOutput(d, g, v, vp); });
}

}  // namespace HWY_NAMESPACE
}  // namespace elu
HWY_AFTER_NAMESPACE();

#endif  // ELU_SRC_KERNELS_LOWP_INL_H_
