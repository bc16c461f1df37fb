// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The float and double kernels' loops over arrays (the registry's ForwardLoop, BackwardLoop, ...),
// written once for every SIMD target (Highway per-target toggle guard) on the math of
// elu-inl.h. Included by src/kernels/elu.cc once per target via foreach_target.h.
#if defined(ELU_SRC_KERNELS_ELU_LOOPS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ELU_SRC_KERNELS_ELU_LOOPS_INL_H_
#undef ELU_SRC_KERNELS_ELU_LOOPS_INL_H_
#else
#define ELU_SRC_KERNELS_ELU_LOOPS_INL_H_
#endif

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "hwy/cache_control.h"
#include "hwy/highway.h"
#include "kernels/elu-inl.h"
#include "kernels/kernels.h"
#include "kernels/tail-inl.h"

HWY_BEFORE_NAMESPACE();
namespace elu {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;
// Loops. Every element, tail included, goes through the same vector code (MapPadded).

// Loads one vector from each input at `at` and applies op.
template <class D, class Op, typename T, size_t kIn>
HWY_INLINE hn::VFromD<D> ApplyAt(D d, const T* const (&ins)[kIn], size_t at, Op& op) {
  if constexpr (kIn == 1) {
    return op(hn::LoadU(d, ins[0] + at));
  } else {
    return op(hn::LoadU(d, ins[0] + at), hn::LoadU(d, ins[1] + at));
  }
}

// Applies op to the full vectors of [i, n), four per iteration and then one at a time, and hands
// each result to store(v, at); returns where the full vectors end. Unrolled for both stores: one
// vector per iteration left the double kernels, whose long polynomial is latency-bound, 1.7-2x
// slower streaming than not.
template <class D, class Op, class Store, typename T, size_t kIn>
HWY_INLINE size_t UnrolledMap(D d, const T* const (&ins)[kIn], size_t i, size_t n, Op& op,
                              Store store) {
  const size_t N = hn::Lanes(d);
  for (; i + 4 * N <= n; i += 4 * N) {
    // Each result is stored as soon as it is formed, so that none has to stay in a register (the
    // AVX2 loop otherwise spills to the stack: 16 registers for the constants and four results).
    store(ApplyAt(d, ins, i, op), i);
    store(ApplyAt(d, ins, i + N, op), i + N);
    store(ApplyAt(d, ins, i + 2 * N, op), i + 2 * N);
    store(ApplyAt(d, ins, i + 3 * N, op), i + 3 * N);
  }
  for (; i + N <= n; i += N) store(ApplyAt(d, ins, i, op), i);
  return i;
}

// Applies `op(vectors...) -> V` to n elements of `ins` and writes `out`.
// With `stream`, the output is written with non-temporal stores from its first aligned vector.
template <class D, class Op, typename T, size_t kIn>
HWY_INLINE void MapLoop(D d, const T* const (&ins)[kIn], T* out, size_t n, bool stream, Op op) {
  const size_t N = hn::Lanes(d);
  size_t i = 0;
  const size_t misalign = reinterpret_cast<uintptr_t>(out) % (N * sizeof(T));
  if (stream && n >= N && misalign % sizeof(T) == 0) {
    if (misalign != 0) {
      // Unaligned head with an ordinary store. The overlap is recomputed from the same inputs by
      // the same code (in-place calls never stream, so the inputs are intact).
      hn::StoreU(ApplyAt(d, ins, 0, op), d, out);
      i = N - misalign / sizeof(T);
    }
    i = UnrolledMap(d, ins, i, n, op, [&](hn::VFromD<D> v, size_t at) ELU_LAMBDA_ATTR {
      hn::Stream(v, d, out + at);
    });
    hwy::FlushStream();  // order the non-temporal stores before later reads
  } else {
    i = UnrolledMap(d, ins, i, n, op, [&](hn::VFromD<D> v, size_t at) ELU_LAMBDA_ATTR {
      hn::StoreU(v, d, out + at);
    });
  }
  if (i < n) {
    MapPadded(ins, i, n - i, out, [&](const T* const(&padded)[kIn], T* res) ELU_LAMBDA_ATTR {
      hn::Store(ApplyAt(d, padded, 0, op), d, res);
    });
  }
}

template <typename T>
void ForwardLoop(const T* x, T* y, size_t n, const detail::KernelParams<T>& k, bool stream) {
  using D = hn::ScalableTag<T>;
  const D d;
  const VParams<D> vp(d, k);
  const T* const ins[1] = {x};
  using V = hn::Vec<D>;
  // The variant (unit input scale; how scale*alpha enters) is chosen once per call.
  const bool one = k.sa == T(1) && k.scale == T(1);
  if (k.unit_is && one) {
    MapLoop(d, ins, y, n, stream,
            [&](V v) ELU_LAMBDA_ATTR { return Forward<true, SaKind::kOne>(d, v, vp); });
  } else if (k.unit_is && k.pow2_sa) {
    MapLoop(d, ins, y, n, stream,
            [&](V v) ELU_LAMBDA_ATTR { return Forward<true, SaKind::kPow2>(d, v, vp); });
  } else if (k.unit_is) {
    MapLoop(d, ins, y, n, stream,
            [&](V v) ELU_LAMBDA_ATTR { return Forward<true, SaKind::kGeneral>(d, v, vp); });
  } else if (k.pow2_sa) {
    MapLoop(d, ins, y, n, stream,
            [&](V v) ELU_LAMBDA_ATTR { return Forward<false, SaKind::kPow2>(d, v, vp); });
  } else {
    MapLoop(d, ins, y, n, stream,
            [&](V v) ELU_LAMBDA_ATTR { return Forward<false, SaKind::kGeneral>(d, v, vp); });
  }
}

// c = sa * is exact and a power of two (ELU with power-of-two alpha): a cheaper c * exp(t).
template <typename T>
bool ExactC(const detail::KernelParams<T>& k) {
  return k.c_lo == T(0) && k.pow2_sa && k.is == T(1);
}

template <typename T>
void BackwardLoop(const T* dy, const T* x, T* dx, size_t n, const detail::KernelParams<T>& k,
                  bool stream) {
  using D = hn::ScalableTag<T>;
  const D d;
  const VParams<D> vp(d, k);
  const T* const ins[2] = {dy, x};
  using V = hn::Vec<D>;
  if (k.unit_is && ExactC(k)) {
    MapLoop(d, ins, dx, n, stream,
            [&](V g, V v) ELU_LAMBDA_ATTR { return Backward<true, true>(d, g, v, vp); });
  } else if (k.unit_is) {
    MapLoop(d, ins, dx, n, stream,
            [&](V g, V v) ELU_LAMBDA_ATTR { return Backward<true, false>(d, g, v, vp); });
  } else {
    MapLoop(d, ins, dx, n, stream,
            [&](V g, V v) ELU_LAMBDA_ATTR { return Backward<false, false>(d, g, v, vp); });
  }
}

template <typename T>
void BackwardFromOutputLoop(const T* dy, const T* y, T* dx, size_t n,
                            const detail::KernelParams<T>& k, bool stream) {
  using D = hn::ScalableTag<T>;
  const D d;
  const VParams<D> vp(d, k);
  const T* const ins[2] = {dy, y};
  using V = hn::Vec<D>;
  MapLoop(d, ins, dx, n, stream,
          [&](V g, V v) ELU_LAMBDA_ATTR { return BackwardFromOutput(d, g, v, vp); });
}

// Sums of products a * b, one per lane, accumulated in double. What: acc[j] += a[j] * b[j].
// Error: a float product is exact in double (24 + 24 significant bits, and no overflow or
// underflow to zero: |a * b| <= 2^256); a double product rounds once (half an ULP). Each addition
// then rounds once in double, so a lane's sum of k products is within (k - 1) * 2^-53 * sum|a*b|
// (plus the double products' own rounding). Valid for all finite inputs.
template <class D, typename T = hn::TFromD<D>>
struct LaneProductSum;

template <class D>
struct LaneProductSum<D, double> {
  hn::Vec<D> acc;
  explicit LaneProductSum(D d) : acc(hn::Zero(d)) {}
  HWY_INLINE void Add(D /*d*/, hn::Vec<D> a, hn::Vec<D> b) { acc = hn::MulAdd(a, b, acc); }
  // Writes lane j's sum to out[j], for every lane of D.
  HWY_INLINE void StoreLanes(D d, double* out) const { hn::StoreU(acc, d, out); }
};

#if HWY_TARGET == HWY_SCALAR
template <class D>
struct LaneProductSum<D, float> {
  using DD = hn::Simd<double, 1, 0>;
  hn::Vec<DD> acc;
  explicit LaneProductSum(D /*d*/) : acc(hn::Zero(DD())) {}
  HWY_INLINE void Add(D /*d*/, hn::Vec<D> a, hn::Vec<D> b) {
    const DD dd;
    acc = hn::MulAdd(hn::PromoteTo(dd, a), hn::PromoteTo(dd, b), acc);
  }
  HWY_INLINE void StoreLanes(D /*d*/, double* out) const { hn::StoreU(acc, DD(), out); }
};
#else
template <class D>
struct LaneProductSum<D, float> {
  using DH = hn::Half<D>;                 // the lower or upper half of the float lanes
  using DD = hn::Repartition<double, D>;  // as many doubles as DH has floats
  hn::Vec<DD> lo, hi;
  explicit LaneProductSum(D /*d*/) : lo(hn::Zero(DD())), hi(hn::Zero(DD())) {}
  HWY_INLINE void Add(D /*d*/, hn::Vec<D> a, hn::Vec<D> b) {
    const DH dh;
    const DD dd;
    lo = hn::MulAdd(hn::PromoteTo(dd, hn::LowerHalf(dh, a)),
                    hn::PromoteTo(dd, hn::LowerHalf(dh, b)), lo);
    hi = hn::MulAdd(hn::PromoteTo(dd, hn::UpperHalf(dh, a)),
                    hn::PromoteTo(dd, hn::UpperHalf(dh, b)), hi);
  }
  HWY_INLINE void StoreLanes(D d, double* out) const {
    const DD dd;
    hn::StoreU(lo, dd, out);
    hn::StoreU(hi, dd, out + hn::Lanes(d) / 2);
  }
};
#endif

// dx = dy * f'(x), plus sum(dy * f(x)) and sum(x * dx), accumulated per lane in double
// (LaneProductSum's bound) and added up lane by lane in a fixed order.
template <bool kUnitIS, bool kExactC, typename T>
GradSums BackwardWithSumsImpl(const T* dy, const T* x, T* dx, size_t n,
                              const detail::KernelParams<T>& k) {
  using D = hn::ScalableTag<T>;
  const D d;
  using V = hn::Vec<D>;
  const VParams<D> vp(d, k);
  const size_t N = hn::Lanes(d);
  LaneProductSum<D> acc_y(d), acc_x(d);
  auto step = [&](V g, V v) ELU_LAMBDA_ATTR {
    const Reduced<D> red = ReduceForBackward<kUnitIS>(d, v, vp);
    const V r = BackwardFromReduced<kExactC>(d, g, v, red, vp);  // the same dx as backward()
    acc_y.Add(d, g, ForwardFromReduced<kUnitIS>(d, v, red, vp));
    acc_x.Add(d, v, r);
    return r;
  };
  const T* const ins[2] = {dy, x};
  size_t i = 0;
  for (; i + N <= n; i += N) hn::StoreU(ApplyAt(d, ins, i, step), d, dx + i);
  if (i < n) {  // the padding adds 0 * f(0) = 0 to the sums
    MapPadded(ins, i, n - i, dx, [&](const T* const(&padded)[2], T* res) ELU_LAMBDA_ATTR {
      hn::Store(ApplyAt(d, padded, 0, step), d, res);
    });
  }
  double lanes_y[HWY_MAX_BYTES / sizeof(T)], lanes_x[HWY_MAX_BYTES / sizeof(T)];
  acc_y.StoreLanes(d, lanes_y);
  acc_x.StoreLanes(d, lanes_x);
  GradSums sums;
  for (size_t j = 0; j < N; ++j) {
    sums.dy_y += lanes_y[j];
    sums.x_dx += lanes_x[j];
  }
  return sums;
}

template <typename T>
GradSums BackwardWithSumsLoop(const T* dy, const T* x, T* dx, size_t n,
                              const detail::KernelParams<T>& k) {
  if (k.unit_is && ExactC(k)) return BackwardWithSumsImpl<true, true>(dy, x, dx, n, k);
  if (k.unit_is) return BackwardWithSumsImpl<true, false>(dy, x, dx, n, k);
  return BackwardWithSumsImpl<false, false>(dy, x, dx, n, k);
}

// ---------------------------------------------------------------------------------------------
// Per-channel parameters on a row-major (rows, channels) array. The loops walk one vector of
// channels at a time down all rows, so each block's parameters are loaded once per call and its
// gradient sums stay in registers. A block whose channels all have input_scale 1 takes that
// path; the others the general one.

template <class D>
HWY_INLINE VParams<D> LoadChannelParams(D d, const detail::ChannelKernelParams<hn::TFromD<D>>& k,
                                        size_t j) {
  static_assert(HWY_MAX_BYTES <= detail::kChannelPadBytes, "pad the channel arrays further");
  return VParams<D>(d, hn::LoadU(d, k.scale.data() + j), hn::LoadU(d, k.sa.data() + j),
                    hn::LoadU(d, k.is.data() + j), hn::LoadU(d, k.c.data() + j),
                    hn::LoadU(d, k.c_lo.data() + j), hn::LoadU(d, k.c_norm.data() + j),
                    hn::LoadU(d, k.c_norm_lo.data() + j), hn::LoadU(d, k.c_exp.data() + j));
}

// Every channel of the block has input_scale 1 (PELU with b = 1, ELU and SELU channels): the
// exponent needs no two-term product, the cheaper path of the single-parameter kernels. Lanes
// past the last channel hold channel 0's copies, so they do not spoil the test.
template <class D>
HWY_INLINE bool UnitInputScale(D d, const VParams<D>& vp) {
  return hn::AllTrue(d, hn::Eq(vp.is, hn::Set(d, hn::TFromD<D>(1))));
}

// Writes op(inputs) for every row of the channel block [j, j + width): full vectors straight
// from memory, a narrower last block through MapPadded.
template <class D, class Op, typename T, size_t kIn>
HWY_INLINE void MapChannelBlock(D d, const T* const (&ins)[kIn], T* out, size_t rows, size_t C,
                                size_t j, size_t width, Op op) {
  const size_t N = hn::Lanes(d);
  if (width == N) {
    for (size_t r = 0; r < rows; ++r)
      hn::StoreU(ApplyAt(d, ins, r * C + j, op), d, out + r * C + j);
    return;
  }
  for (size_t r = 0; r < rows; ++r) {
    MapPadded(ins, r * C + j, width, out,
              [&](const T* const(&padded)[kIn], T* res)
                  ELU_LAMBDA_ATTR { hn::Store(ApplyAt(d, padded, 0, op), d, res); });
  }
}

template <typename T>
void ForwardChannelsLoop(const T* x, T* y, size_t rows, const detail::ChannelKernelParams<T>& k) {
  using D = hn::ScalableTag<T>;
  const D d;
  using V = hn::Vec<D>;
  const size_t N = hn::Lanes(d), C = k.channels;
  const T* const ins[1] = {x};
  for (size_t j = 0; j < C; j += N) {
    const VParams<D> vp = LoadChannelParams(d, k, j);
    if (UnitInputScale(d, vp)) {
      MapChannelBlock(d, ins, y, rows, C, j, std::min(N, C - j), [&](V v) ELU_LAMBDA_ATTR {
        return Forward<true, SaKind::kGeneral>(d, v, vp);
      });
    } else {
      MapChannelBlock(d, ins, y, rows, C, j, std::min(N, C - j), [&](V v) ELU_LAMBDA_ATTR {
        return Forward<false, SaKind::kGeneral>(d, v, vp);
      });
    }
  }
}

// backward_with_sums per channel block; each channel's sums are accumulated in its lane in double
// (LaneProductSum's bound) and added to the channel's sums at the end of the block.
template <typename T>
void BackwardWithSumsChannelsLoop(const T* dy, const T* x, T* dx, size_t rows,
                                  const detail::ChannelKernelParams<T>& k, double* sum_dy_y,
                                  double* sum_x_dx) {
  using D = hn::ScalableTag<T>;
  const D d;
  using V = hn::Vec<D>;
  const size_t N = hn::Lanes(d), C = k.channels;
  const T* const ins[2] = {dy, x};
  for (size_t j = 0; j < C; j += N) {
    const size_t width = std::min(N, C - j);
    const VParams<D> vp = LoadChannelParams(d, k, j);
    LaneProductSum<D> acc_y(d), acc_x(d);
    auto step = [&](auto unit_is, V g, V v) ELU_LAMBDA_ATTR {
      const Reduced<D> red = ReduceForBackward<decltype(unit_is)::value>(d, v, vp);
      const V r = BackwardFromReduced(d, g, v, red, vp);
      acc_y.Add(d, g, ForwardFromReduced<decltype(unit_is)::value>(d, v, red, vp));
      acc_x.Add(d, v, r);
      return r;
    };
    if (UnitInputScale(d, vp)) {
      MapChannelBlock(d, ins, dx, rows, C, j, width,
                      [&](V g, V v) ELU_LAMBDA_ATTR { return step(std::true_type(), g, v); });
    } else {
      MapChannelBlock(d, ins, dx, rows, C, j, width,
                      [&](V g, V v) ELU_LAMBDA_ATTR { return step(std::false_type(), g, v); });
    }
    double lanes_y[HWY_MAX_BYTES / sizeof(T)], lanes_x[HWY_MAX_BYTES / sizeof(T)];
    acc_y.StoreLanes(d, lanes_y);
    acc_x.StoreLanes(d, lanes_x);
    for (size_t l = 0; l < width; ++l) {
      sum_dy_y[j + l] += lanes_y[l];
      sum_x_dx[j + l] += lanes_x[l];
    }
  }
}

}  // namespace HWY_NAMESPACE
}  // namespace elu
HWY_AFTER_NAMESPACE();

#endif  // ELU_SRC_KERNELS_ELU_LOOPS_INL_H_
