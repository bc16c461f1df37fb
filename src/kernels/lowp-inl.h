// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
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
#include <type_traits>

#include "elu/half.hpp"
#include "hwy/cache_control.h"
#include "hwy/highway.h"
#include "kernels/elu-inl.h"
#include "kernels/kernels.h"
#include "kernels/lowp.h"
#include "kernels/tail-inl.h"

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

// Codec interface. On vector targets one full vector of 16-bit lanes (tag d16) is split into two
// f32 vectors in a codec-specific lane order and joined back in the original order:
//   Split(df, v16, a, b), Join(df, d16, ra, rb) (narrowing to nearest even),
//   NearMidpoint(df, r): lanes within kMidpointWindow f32 ULPs of a midpoint of the type,
//   Exact(x, k): the correctly rounded forward of one element (scalar, slow).
// On SCALAR, Widen1/Narrow1 convert single values with the header's scalar code.

/// bf16: the upper 16 bits of f32 in every range (subnormals included).
struct BF16Codec {
#if HWY_TARGET != HWY_SCALAR
  // Odd 16-bit lanes are already the upper halves of 32-bit lanes; even ones shift up. Joining
  // takes the upper halves back with OddEven: two ops each way, and no lane shuffles.
  template <class DF, class V16>
  static HWY_INLINE void Split(DF df, V16 v16, hn::Vec<DF>& a, hn::Vec<DF>& b) {
    const hn::RebindToUnsigned<DF> du;
    const auto v = hn::BitCast(du, v16);
    a = hn::BitCast(df, hn::And(v, hn::Set(du, 0xFFFF0000u)));
    b = hn::BitCast(df, hn::ShiftLeft<16>(v));
  }
  template <class DF, class D16>
  static HWY_INLINE hn::Vec<D16> Join(DF df, D16 d16, hn::Vec<DF> ra, hn::Vec<DF> rb) {
    const hn::RebindToUnsigned<DF> du;
    const auto odd = RoundedInUpperHalf(du, hn::BitCast(du, ra));
    const auto even = hn::ShiftRight<16>(RoundedInUpperHalf(du, hn::BitCast(du, rb)));
    (void)df;
    return hn::OddEven(hn::BitCast(d16, odd), hn::BitCast(d16, even));
  }
#else
  static HWY_INLINE float Widen1(uint16_t b) { return static_cast<float>(bf16::from_bits(b)); }
  static HWY_INLINE uint16_t Narrow1(float v) { return bf16(v).bits(); }
#endif
  // Within the window of 0x8000 in the dropped low half: (low + 0x8000 + W) mod 2^16 <= 2W.
  template <class DF>
  static HWY_INLINE hn::Mask<DF> NearMidpoint(DF df, hn::Vec<DF> r) {
    const hn::RebindToSigned<DF> di;
    const auto shifted = hn::Add(hn::BitCast(di, r), hn::Set(di, 0x8000 + kMidpointWindow));
    const auto low = hn::And(shifted, hn::Set(di, 0xFFFF));
    return hn::RebindMask(df, hn::Lt(low, hn::Set(di, 2 * kMidpointWindow + 1)));
  }
  static float Exact(float x, const detail::KernelParams<float>& k) {
    return detail::forward_rounded_bf16(x, k);
  }

  // Adding 0x7FFF plus the lowest kept bit carries into the upper half exactly when the lower
  // half is above the midpoint, or at it with an odd upper half. No NaN case is needed: every NaN
  // reaching here is a widened 16-bit NaN or the default NaN (arithmetic quiets NaNs and keeps
  // their payload), whose lower half is zero, so the add cannot carry and the NaN stays a NaN,
  // quiet. (The exhaustive tests check every NaN input.)
  template <class DU, class V = hn::Vec<DU>>
  static HWY_INLINE V RoundedInUpperHalf(DU du, V bits) {
    const auto lsb = hn::And(hn::ShiftRight<16>(bits), hn::Set(du, 1u));
    return hn::Add(bits, hn::Add(lsb, hn::Set(du, 0x7FFFu)));
  }
};

/// IEEE binary16.
struct F16Codec {
#if HWY_TARGET != HWY_SCALAR
  template <class DF, class V16>
  static HWY_INLINE void Split(DF df, V16 v16, hn::Vec<DF>& a, hn::Vec<DF>& b) {
    const hn::Half<hn::Repartition<uint16_t, DF>> dh;
    a = Widen(df, hn::LowerHalf(dh, v16));
    b = Widen(df, hn::UpperHalf(dh, v16));
  }
  template <class DF, class D16>
  static HWY_INLINE hn::Vec<D16> Join(DF df, D16 d16, hn::Vec<DF> ra, hn::Vec<DF> rb) {
    const hn::Half<D16> dh;
    return hn::Combine(d16, Narrow(df, dh, rb), Narrow(df, dh, ra));
  }

  template <class DF, class VH>
  static HWY_INLINE hn::Vec<DF> Widen(DF df, VH h) {
#if ELU_LOWP_HAVE_F16C
    return hn::PromoteTo(df, hn::BitCast(hn::Rebind<hwy::float16_t, DF>(), h));
#else
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
    const auto sub =
        hn::BitCast(du, hn::Mul(hn::ConvertTo(df, hn::BitCast(di, mag)), hn::Set(df, 0x1p-24f)));
    const auto mag_i = hn::BitCast(di, mag);
    auto r = hn::IfThenElse(hn::RebindMask(du, hn::Lt(mag_i, hn::Set(di, 0x0400))), sub, normal);
    r = hn::IfThenElse(hn::RebindMask(du, hn::Gt(mag_i, hn::Set(di, 0x7BFF))), inf_nan, r);
    return hn::BitCast(df, hn::Or(r, sign));
#endif
  }

  template <class DF, class DH>
  static HWY_INLINE hn::Vec<DH> Narrow(DF df, DH dh, hn::Vec<DF> v) {
#if ELU_LOWP_HAVE_F16C
    return hn::BitCast(dh, hn::DemoteTo(hn::Rebind<hwy::float16_t, DF>(), v));
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
    const auto normal = hn::ShiftRight<13>(hn::Add(hn::Add(rebiased, hn::Set(du, 0x0FFFu)), lsb));
    // Subnormal f16 (|v| < 2^-14): adding 0.5 leaves a float whose last place is 2^-24, the f16
    // subnormal step, so the FPU's own round-to-nearest-even does the rounding; subtracting
    // 0.5's bits leaves the count of steps (0x400 when it rounds up to the smallest normal).
    const auto sub = hn::Sub(hn::BitCast(du, hn::Add(hn::BitCast(df, mag), hn::Set(df, 0.5f))),
                             hn::Set(du, 0x3F000000u));
    auto r =
        hn::IfThenElse(hn::RebindMask(du, hn::Lt(mag_i, hn::Set(di, 0x38800000))), sub, normal);
    // |v| >= 65520 (the midpoint above 65504) and Inf -> Inf; NaN -> quiet NaN.
    r = hn::IfThenElse(hn::RebindMask(du, hn::Gt(mag_i, hn::Set(di, 0x477FEFFF))),
                       hn::Set(du, 0x7C00u), r);
    r = hn::IfThenElse(hn::RebindMask(du, hn::Gt(mag_i, hn::Set(di, 0x7F800000))),
                       hn::Set(du, 0x7E00u), r);
    return hn::DemoteTo(dh, hn::BitCast(di, hn::Or(r, sign)));
#endif
  }
#else
  static HWY_INLINE float Widen1(uint16_t b) { return static_cast<float>(f16::from_bits(b)); }
  static HWY_INLINE uint16_t Narrow1(float v) { return f16(v).bits(); }
#endif

  // f16 drops 13 significand bits of normal results; below 2^-14 its step is fixed at 2^-24, so
  // 126 - (biased exponent) bits are dropped (capped: far below 2^-25 nothing is near a
  // midpoint). Near: (field + half + W) mod 2^dropped <= 2W.
  template <class DF>
  static HWY_INLINE hn::Mask<DF> NearMidpoint(DF df, hn::Vec<DF> r) {
    const hn::RebindToSigned<DF> di;
    const auto mag = hn::And(hn::BitCast(di, r), hn::Set(di, 0x7FFFFFFF));
    const auto dropped =
        hn::Min(hn::Max(hn::Sub(hn::Set(di, 126), hn::ShiftRight<23>(mag)), hn::Set(di, 13)),
                hn::Set(di, 30));
    const auto one = hn::Shl(hn::Set(di, 1), dropped);
    const auto significand = hn::Or(hn::And(mag, hn::Set(di, 0x007FFFFF)), hn::Set(di, 0x00800000));
    const auto shifted =
        hn::Add(significand, hn::Add(hn::ShiftRight<1>(one), hn::Set(di, kMidpointWindow)));
    const auto field = hn::And(shifted, hn::Sub(one, hn::Set(di, 1)));
    return hn::RebindMask(df, hn::Lt(field, hn::Set(di, 2 * kMidpointWindow + 1)));
  }
  static float Exact(float x, const detail::KernelParams<float>& k) {
    return detail::forward_rounded_f16(x, k);
  }
};

// Replaces the lanes of r (= f(x) in f32) flagged in `near` by the exactly rounded value.
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

/// What a loop applies to each f32 vector: the operation, and for forward the parameters of the
/// exact recomputation of lanes near a midpoint (nullptr: no recomputation).
template <class Op>
struct Step {
  Op op;
  const detail::KernelParams<float>* fix;
};
template <class Op>
Step<Op> MakeStep(Op op, const detail::KernelParams<float>* fix) {
  return {op, fix};
}

#if HWY_TARGET != HWY_SCALAR
// One full vector of 16-bit elements at src[j] + at: split into f32, compute, join. A function,
// not a lambda, so that it is always inlined into the loops (an out-of-line call re-broadcast
// every constant and cost a factor 2 at 64K elements).
template <class Codec, size_t kIn, class D16, class S>
HWY_INLINE hn::Vec<D16> Compute16(D16 d16, const uint16_t* const* src, size_t at, S& step) {
  const hn::Repartition<float, D16> df;
  using VF = hn::Vec<decltype(df)>;
  VF a[kIn], b[kIn];
  for (size_t j = 0; j < kIn; ++j) Codec::Split(df, hn::LoadU(d16, src[j] + at), a[j], b[j]);
  VF ra, rb;
  if constexpr (kIn == 1) {
    ra = step.op(a[0]);
    rb = step.op(b[0]);
  } else {
    ra = step.op(a[0], a[1]);
    rb = step.op(b[0], b[1]);
  }
  if (step.fix != nullptr) {
    const auto near_a = Codec::NearMidpoint(df, ra);
    const auto near_b = Codec::NearMidpoint(df, rb);
    if (HWY_UNLIKELY(!hn::AllFalse(df, hn::Or(near_a, near_b)))) {
      ra = FixLanes<Codec>(df, a[0], ra, near_a, *step.fix);
      rb = FixLanes<Codec>(df, b[0], rb, near_b, *step.fix);
    }
  }
  return Codec::Join(df, d16, ra, rb);
}
#endif

// Applies `step` to n 16-bit elements of `ins`, writing `out`. Every element, tail included,
// goes through the same vector code (the tail via a zero-padded buffer). With `stream`, whole
// output vectors from the first aligned one use non-temporal stores (Highway's Stream always
// writes a full register, so it is only used on full vectors).
template <class Codec, size_t kIn, class S>
HWY_INLINE void MapLoop16(const uint16_t* const (&ins)[kIn], uint16_t* out, size_t n, bool stream,
                          S step) {
#if HWY_TARGET == HWY_SCALAR
  (void)stream;
  const hn::ScalableTag<float> df;
  using VF = hn::Vec<decltype(df)>;
  for (size_t i = 0; i < n; ++i) {
    VF v[kIn];
    for (size_t j = 0; j < kIn; ++j) v[j] = hn::Set(df, Codec::Widen1(ins[j][i]));
    VF r;
    if constexpr (kIn == 1) r = step.op(v[0]);
    if constexpr (kIn == 2) r = step.op(v[0], v[1]);
    if (step.fix != nullptr && !hn::AllFalse(df, Codec::NearMidpoint(df, r))) {
      r = hn::Set(df, Codec::Exact(hn::GetLane(v[0]), *step.fix));
    }
    out[i] = Codec::Narrow1(hn::GetLane(r));
  }
#else
  const hn::Repartition<uint16_t, hn::ScalableTag<float>> d16;  // twice the f32 lanes
  const size_t N = hn::Lanes(d16);
  size_t i = 0;
  if (stream) {
    const size_t misalign = reinterpret_cast<uintptr_t>(out) % (N * sizeof(uint16_t));
    if (n < N || misalign % sizeof(uint16_t) != 0) {
      stream = false;
    } else if (misalign != 0) {
      // Recomputing the overlap is harmless: same inputs, same code, same outputs (in-place
      // calls never stream, so the inputs are intact).
      hn::StoreU(Compute16<Codec, kIn>(d16, ins, 0, step), d16, out);
      i = N - misalign / sizeof(uint16_t);
    }
  }
  if (stream) {
    for (; i + N <= n; i += N) hn::Stream(Compute16<Codec, kIn>(d16, ins, i, step), d16, out + i);
  } else {
    for (; i + N <= n; i += N) hn::StoreU(Compute16<Codec, kIn>(d16, ins, i, step), d16, out + i);
  }
  if (i < n) {
    MapPadded(ins, i, n - i, out, [&](const uint16_t* const(&padded)[kIn], uint16_t* res) {
      hn::Store(Compute16<Codec, kIn>(d16, padded, 0, step), d16, res);
    });
  }
  if (stream) hwy::FlushStream();  // order the non-temporal stores before later reads
#endif
}

#if HWY_TARGET <= HWY_AVX2
// Looks up one full vector of 16-bit indices: even lanes are the low halves of 32-bit lanes, odd
// lanes the high halves. Each gather reads 4 bytes at table + 2 * index; the wanted entry is the
// low half (the table has one entry of padding so the last read stays inside).
template <class DI, class D16>
HWY_INLINE hn::Vec<D16> Lookup16(DI di, D16 d16, const uint16_t* src, const int32_t* base) {
  const hn::RebindToUnsigned<DI> du;
  const auto v = hn::BitCast(du, hn::LoadU(d16, src));
  const auto even = hn::BitCast(di, hn::And(v, hn::Set(du, 0xFFFFu)));
  const auto odd = hn::BitCast(di, hn::ShiftRight<16>(v));
  const auto got_even = hn::GatherOffset(di, base, hn::Add(even, even));
  const auto got_odd = hn::GatherOffset(di, base, hn::Add(odd, odd));
  return hn::OddEven(hn::BitCast(d16, hn::ShiftLeft<16>(got_odd)), hn::BitCast(d16, got_even));
}
#endif

// The gathers' many uops leave the core few loads in flight for the input stream, so it is
// prefetched 2 KiB ahead: at 128M elements (DRAM) this took bf16 forward from about 2.2x to
// 1.3-1.5x the time of a memcpy of the same bytes (loaded machine; 512 and 2048 measured the
// same within noise). The address is capped at the last element, to stay inside the array.
constexpr size_t kLookupPrefetch = 1024;

/// y[i] = table[x[i]] for a table of 65,536 entries plus one of padding. Exact: every target
/// and every path (gathers, the scalar head and tail) gives the same result.
HWY_INLINE void LookupLoop16(const uint16_t* x, uint16_t* y, size_t n, const uint16_t* table,
                             bool stream) {
  size_t i = 0;
#if HWY_TARGET <= HWY_AVX2
  // Gathers pay from AVX2 on; older targets would emulate them with scalar loads anyway.
  const hn::ScalableTag<int32_t> di;
  const hn::Repartition<uint16_t, decltype(di)> d16;
  const size_t N = hn::Lanes(d16);
  const int32_t* base = reinterpret_cast<const int32_t*>(table);
  if (stream) {
    const size_t misalign = reinterpret_cast<uintptr_t>(y) % (N * sizeof(uint16_t));
    if (n < 2 * N || misalign % sizeof(uint16_t) != 0) {
      stream = false;
    } else {
      for (; i < (N - misalign / sizeof(uint16_t)) % N; ++i) y[i] = table[x[i]];
      for (; i + N <= n; i += N) {
        hwy::Prefetch(x + HWY_MIN(i + kLookupPrefetch, n - 1));
        hn::Stream(Lookup16(di, d16, x + i, base), d16, y + i);
      }
      hwy::FlushStream();  // order the non-temporal stores before later reads
    }
  }
  for (; i + N <= n; i += N) {
    hwy::Prefetch(x + HWY_MIN(i + kLookupPrefetch, n - 1));
    hn::StoreU(Lookup16(di, d16, x + i, base), d16, y + i);
  }
#else
  (void)stream;
#endif
  for (; i < n; ++i) y[i] = table[x[i]];
}

// The codec of each 16-bit storage type, and its bits: bf16 and f16 are standard-layout classes
// whose only member is the uint16_t bit pattern, so a pointer to one is pointer-interconvertible
// with a pointer to its bits.
template <class H>
struct CodecOf;
template <>
struct CodecOf<bf16> {
  using type = BF16Codec;
};
template <>
struct CodecOf<f16> {
  using type = F16Codec;
};
template <class H>
HWY_INLINE const uint16_t* Bits(const H* p) {
  static_assert(sizeof(H) == sizeof(uint16_t) && std::is_standard_layout_v<H>);
  return reinterpret_cast<const uint16_t*>(p);
}
template <class H>
HWY_INLINE uint16_t* Bits(H* p) {
  return reinterpret_cast<uint16_t*>(p);
}

template <class H>
void ForwardLoop16(const H* x, H* y, size_t n, const detail::KernelParams<float>& k, bool stream) {
  using Codec = typename CodecOf<H>::type;
  using D = hn::ScalableTag<float>;
  const D d;
  using V = hn::Vec<D>;
  const VParams<D> vp(d, k);
  const uint16_t* const ins[1] = {Bits(x)};
  uint16_t* const out = Bits(y);
  // The dispatch on (unit input scale, power-of-two scale*alpha) happens once per call.
  if (k.unit_is && k.pow2_sa) {
    MapLoop16<Codec>(ins, out, n, stream,
                     MakeStep([&](V v) { return Forward<true, SaKind::kPow2>(d, v, vp); }, &k));
  } else if (k.unit_is) {
    MapLoop16<Codec>(ins, out, n, stream,
                     MakeStep([&](V v) { return Forward<true, SaKind::kGeneral>(d, v, vp); }, &k));
  } else if (k.pow2_sa) {
    MapLoop16<Codec>(ins, out, n, stream,
                     MakeStep([&](V v) { return Forward<false, SaKind::kPow2>(d, v, vp); }, &k));
  } else {
    MapLoop16<Codec>(ins, out, n, stream,
                     MakeStep([&](V v) { return Forward<false, SaKind::kGeneral>(d, v, vp); }, &k));
  }
}

template <class H>
void BackwardLoop16(const H* dy, const H* x, H* dx, size_t n, const detail::KernelParams<float>& k,
                    bool stream) {
  using Codec = typename CodecOf<H>::type;
  using D = hn::ScalableTag<float>;
  const D d;
  using V = hn::Vec<D>;
  const VParams<D> vp(d, k);
  const uint16_t* const ins[2] = {Bits(dy), Bits(x)};
  if (k.unit_is) {
    MapLoop16<Codec>(ins, Bits(dx), n, stream,
                     MakeStep([&](V g, V v) { return Backward<true>(d, g, v, vp); }, nullptr));
  } else {
    MapLoop16<Codec>(ins, Bits(dx), n, stream,
                     MakeStep([&](V g, V v) { return Backward<false>(d, g, v, vp); }, nullptr));
  }
}

template <class H>
void BackwardFromOutputLoop16(const H* dy, const H* y, H* dx, size_t n,
                              const detail::KernelParams<float>& k, bool stream) {
  using Codec = typename CodecOf<H>::type;
  using D = hn::ScalableTag<float>;
  const D d;
  using V = hn::Vec<D>;
  const VParams<D> vp(d, k);
  const uint16_t* const ins[2] = {Bits(dy), Bits(y)};
  MapLoop16<Codec>(ins, Bits(dx), n, stream,
                   MakeStep([&](V g, V v) { return BackwardFromOutput(d, g, v, vp); }, nullptr));
}

}  // namespace HWY_NAMESPACE
}  // namespace elu
HWY_AFTER_NAMESPACE();

#endif  // ELU_SRC_KERNELS_LOWP_INL_H_
