// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The 256-entry byte table lookup behind elu::QuantizedOp, for every SIMD target, dispatched at
// run time. Measured at 1M elements against memcpy in docs/lowp.md.
//
// AVX3_DL (AVX-512 VBMI, Ice Lake and later) looks up 64 bytes with two 128-entry permutes
// (vpermi2b) and a blend on the index's top bit. Highway 1.0.3 compiles AVX3_DL only on request,
// hence HWY_WANT_AVX3_DL here (this file only). Other SIMD targets use 16-entry byte shuffles:
// with T_i the i-th 16-entry piece of the table, pieces 0-7 are chained as
//   r = XOR_{i=0..7} Shuffle0(T_i ^ T_{i-1}, SaturatedSub(x, 16 i))  (x as int8, T_{-1} = 0)
// A shuffle gives 0 where the index's top bit is set, i.e. for i > x/16 and for x >= 128 (the
// saturating subtraction keeps negative indices negative), so the chain telescopes to
// T_{x/16}[x % 16]. Pieces 8-15 are chained the same way on x ^ 0x80. SCALAR loops over bytes.
#ifndef HWY_WANT_AVX3_DL
#define HWY_WANT_AVX3_DL
#endif
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/lowp_lookup.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"

#ifndef ELU_SRC_KERNELS_LOWP_LOOKUP_ONCE_
#define ELU_SRC_KERNELS_LOWP_LOOKUP_ONCE_
#include <cstddef>
#include <cstdint>
#include <cstring>
#endif

HWY_BEFORE_NAMESPACE();
namespace elu {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if HWY_TARGET == HWY_SCALAR

void LookupBytes(const uint8_t* x, uint8_t* y, size_t n, const uint8_t* table) {
  for (size_t i = 0; i < n; ++i) y[i] = table[x[i]];
}

#else

// Looks up one vector of indices; `Prepared` holds the per-call table registers.
#if HWY_TARGET == HWY_AVX3_DL
struct Prepared {
  __m512i t0, t1, t2, t3;  // entries 0-63, 64-127, 128-191, 192-255
  explicit Prepared(const uint8_t* table)
      : t0(_mm512_loadu_si512(table)),
        t1(_mm512_loadu_si512(table + 64)),
        t2(_mm512_loadu_si512(table + 128)),
        t3(_mm512_loadu_si512(table + 192)) {}
  template <class D>
  HWY_INLINE hn::Vec<D> operator()(D /*d*/, hn::Vec<D> x) const {
    // vpermi2b uses the low 7 index bits over the pair of tables; bit 7 picks the pair.
    const __m512i lo = _mm512_permutex2var_epi8(t0, x.raw, t1);
    const __m512i hi = _mm512_permutex2var_epi8(t2, x.raw, t3);
    return hn::Vec<D>{_mm512_mask_blend_epi8(_mm512_movepi8_mask(x.raw), lo, hi)};
  }
};
#else
struct Prepared {
  using D = hn::ScalableTag<uint8_t>;
  using V = hn::Vec<D>;
  V low[8], high[8];  // T_i ^ T_{i-1} for pieces 0-7 and 8-15, each in every 128-bit block
  explicit Prepared(const uint8_t* table) {
    const D d;
    HWY_ALIGN uint8_t piece[16];
    for (int i = 0; i < 8; ++i) {
      for (int j = 0; j < 16; ++j) {
        piece[j] = table[16 * i + j] ^ (i ? table[16 * (i - 1) + j] : 0);
      }
      low[i] = hn::LoadDup128(d, piece);
      for (int j = 0; j < 16; ++j) {
        piece[j] = table[128 + 16 * i + j] ^ (i ? table[128 + 16 * (i - 1) + j] : 0);
      }
      high[i] = hn::LoadDup128(d, piece);
    }
  }
  HWY_INLINE V operator()(D d, V x) const {
    const hn::RebindToSigned<D> di;
    const auto lo_idx = hn::BitCast(di, x);
    const auto hi_idx = hn::BitCast(di, hn::Xor(x, hn::Set(d, uint8_t{0x80})));
    const auto step = hn::Set(di, int8_t{16});
    auto li = lo_idx, hi = hi_idx;
    V r_lo = hn::TableLookupBytesOr0(low[0], hn::BitCast(d, li));
    V r_hi = hn::TableLookupBytesOr0(high[0], hn::BitCast(d, hi));
    for (int i = 1; i < 8; ++i) {
      li = hn::SaturatedSub(li, step);
      hi = hn::SaturatedSub(hi, step);
      r_lo = hn::Xor(r_lo, hn::TableLookupBytesOr0(low[i], hn::BitCast(d, li)));
      r_hi = hn::Xor(r_hi, hn::TableLookupBytesOr0(high[i], hn::BitCast(d, hi)));
    }
    return hn::Xor(r_lo, r_hi);
  }
};
#endif

void LookupBytes(const uint8_t* x, uint8_t* y, size_t n, const uint8_t* table) {
  const hn::ScalableTag<uint8_t> d;
  const size_t N = hn::Lanes(d);
  const Prepared lookup(table);
  size_t i = 0;
  for (; i + 2 * N <= n; i += 2 * N) {
    const auto a = hn::LoadU(d, x + i);
    const auto b = hn::LoadU(d, x + i + N);
    hn::StoreU(lookup(d, a), d, y + i);
    hn::StoreU(lookup(d, b), d, y + i + N);
  }
  for (; i + N <= n; i += N) hn::StoreU(lookup(d, hn::LoadU(d, x + i)), d, y + i);
  if (i < n) {  // the tail goes through the same vector code via a zero-padded buffer
    HWY_ALIGN uint8_t buf[HWY_MAX_BYTES] = {};
    std::memcpy(buf, x + i, n - i);
    hn::Store(lookup(d, hn::Load(d, buf)), d, buf);
    std::memcpy(y + i, buf, n - i);
  }
}

#endif  // HWY_TARGET == HWY_SCALAR

const char* LookupTargetName() { return hwy::TargetName(HWY_TARGET); }

}  // namespace HWY_NAMESPACE
}  // namespace elu
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "kernels/lowp.h"

namespace elu {
HWY_EXPORT(LookupBytes);
HWY_EXPORT(LookupTargetName);

namespace detail {
void lookup_bytes_kernel(const uint8_t* x, uint8_t* y, size_t n, const uint8_t* table) {
  HWY_DYNAMIC_DISPATCH(LookupBytes)(x, y, n, table);
}
std::string_view lookup_target_name() { return HWY_DYNAMIC_DISPATCH(LookupTargetName)(); }
}  // namespace detail
}  // namespace elu
#endif  // HWY_ONCE
