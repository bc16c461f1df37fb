// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The part of the loops shared by every map (float and double in elu_loops-inl.h, per channel,
// and 16-bit in lowp-inl.h), written once for every SIMD target (Highway per-target toggle
// guard): the partial vector at the end of an array or of a channel row.
#if defined(ELU_SRC_KERNELS_TAIL_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ELU_SRC_KERNELS_TAIL_INL_H_
#undef ELU_SRC_KERNELS_TAIL_INL_H_
#else
#define ELU_SRC_KERNELS_TAIL_INL_H_
#endif

#include <cstddef>
#include <cstring>

#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace elu {
namespace HWY_NAMESPACE {

// Lambdas carry the target attribute and always_inline: without them GCC calls them out of line
// and spills every constant (measured 5x slower).
#ifndef ELU_LAMBDA_ATTR
#define ELU_LAMBDA_ATTR HWY_ATTR __attribute__((always_inline))
#endif

// Writes out[at, at + count), count below one vector, by the code that computes full vectors:
// the inputs' elements are copied into zero-padded aligned buffers, `compute(padded, res)` stores
// one vector of results to the aligned `res`, and the first count are copied out. So no result
// depends on where in the array it sits, and nothing is read or written past the arrays.
template <typename T, size_t kIn, class Compute>
HWY_INLINE void MapPadded(const T* const (&ins)[kIn], size_t at, size_t count, T* out,
                          Compute compute) {
  HWY_ALIGN T buf[kIn][HWY_MAX_BYTES / sizeof(T)] = {};
  HWY_ALIGN T res[HWY_MAX_BYTES / sizeof(T)];
  const T* padded[kIn];
  for (size_t j = 0; j < kIn; ++j) {
    std::memcpy(buf[j], ins[j] + at, count * sizeof(T));
    padded[j] = buf[j];
  }
  const T* const(&padded_ins)[kIn] = padded;
  compute(padded_ins, res);
  std::memcpy(out + at, res, count * sizeof(T));
}

}  // namespace HWY_NAMESPACE
}  // namespace elu
HWY_AFTER_NAMESPACE();

#endif  // ELU_SRC_KERNELS_TAIL_INL_H_
