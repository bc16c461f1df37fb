// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu::bf16 and elu::f16: 16-bit floating-point storage types for the ELU kernels.
//
// They store bits and convert; all arithmetic happens in float (the kernels widen, compute in f32
// and narrow once). Both are trivially copyable and 2 bytes, so arrays of them can be exchanged
// with other libraries' bfloat16 / IEEE binary16 buffers by memcpy or reinterpretation.
//
// Narrowing from float (the constructors) rounds to nearest, ties to even. NaN stays NaN and is
// made quiet; +-Inf and +-0 keep their sign; f16 overflow (|v| >= 65520) gives +-Inf and values
// below 2^-14 become f16 subnormals, correctly rounded. bf16 has float's exponent range, so only
// values within half a bf16 step of FLT_MAX overflow. Widening to float is exact.
#pragma once

#include <bit>
#include <cstdint>

namespace elu {

namespace detail {

/// float -> bfloat16 bits, round to nearest even; NaN keeps its sign and top payload, made quiet.
constexpr uint16_t bf16_bits_from_float(float v) {
  const uint32_t b = std::bit_cast<uint32_t>(v);
  if ((b & 0x7FFFFFFFu) > 0x7F800000u) return static_cast<uint16_t>((b >> 16) | 0x0040u);
  // Adding 0x7FFF plus the lowest kept bit carries into the kept part exactly when the dropped
  // half is above the midpoint, or at it with an odd kept part. A carry out of the largest
  // finite values lands on the infinity pattern, as it should.
  return static_cast<uint16_t>((b + 0x7FFFu + ((b >> 16) & 1u)) >> 16);
}

/// float -> IEEE binary16 bits, round to nearest even, with overflow to Inf and subnormals.
constexpr uint16_t f16_bits_from_float(float v) {
  const uint32_t b = std::bit_cast<uint32_t>(v);
  const uint16_t sign = static_cast<uint16_t>((b >> 16) & 0x8000u);
  const uint32_t a = b & 0x7FFFFFFFu;
  if (a > 0x7F800000u) return sign | 0x7E00u;   // NaN -> quiet NaN
  if (a >= 0x477FF000u) return sign | 0x7C00u;  // >= 65520 (midpoint above 65504) and Inf
  if (a >= 0x38800000u) {                       // normal f16: rebias 127 -> 15, round 13 bits
    const uint32_t rebiased = a - 0x38000000u;
    return sign | static_cast<uint16_t>((rebiased + 0x0FFFu + ((rebiased >> 13) & 1u)) >> 13);
  }
  // Subnormal f16 (unit 2^-24): the significand m (with its implicit bit) times 2^(e - 150)
  // is m >> (126 - e) units; round the shifted-out part to nearest even.
  const uint32_t e = a >> 23;
  const uint32_t shift = 126u - e;        // >= 14 here
  if (e == 0 || shift > 24) return sign;  // below 2^-25: rounds to zero
  const uint32_t m = (a & 0x007FFFFFu) | 0x00800000u;
  uint32_t q = m >> shift;
  const uint32_t rest = m & ((1u << shift) - 1);
  const uint32_t half = 1u << (shift - 1);
  if (rest > half || (rest == half && (q & 1u))) ++q;  // q may reach 0x400: the smallest normal
  return sign | static_cast<uint16_t>(q);
}

/// IEEE binary16 bits -> float, exact.
constexpr float float_from_f16_bits(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  const uint32_t exp = (h >> 10) & 0x1Fu;
  const uint32_t man = h & 0x3FFu;
  if (exp == 0) {  // zero or subnormal: man * 2^-24, exact in float
    const float mag = static_cast<float>(man) * 0x1p-24f;
    return sign ? -mag : mag;
  }
  if (exp == 0x1F) return std::bit_cast<float>(sign | 0x7F800000u | (man << 13));  // Inf, NaN
  return std::bit_cast<float>(sign | ((exp + 112u) << 23) | (man << 13));
}

}  // namespace detail

/// bfloat16: float's sign and 8-bit exponent with 7 stored significand bits.
class bf16 {
 public:
  bf16() = default;  // trivial, like float: uninitialised unless value-initialised (bf16{} is +0)
  /// Rounds to nearest even; NaN -> quiet NaN; +-Inf, +-0 keep their sign.
  constexpr explicit bf16(float v) : bits_(detail::bf16_bits_from_float(v)) {}
  /// Exact.
  constexpr explicit operator float() const {
    return std::bit_cast<float>(static_cast<uint32_t>(bits_) << 16);
  }
  static constexpr bf16 from_bits(uint16_t b) {
    bf16 r;
    r.bits_ = b;
    return r;
  }
  constexpr uint16_t bits() const { return bits_; }

 private:
  uint16_t bits_;
};

/// IEEE 754 binary16: 5-bit exponent, 10 stored significand bits, largest finite 65504.
class f16 {
 public:
  f16() = default;  // trivial, like float: uninitialised unless value-initialised (f16{} is +0)
  /// Rounds to nearest even; |v| >= 65520 -> +-Inf; subnormals below 2^-14; NaN -> quiet NaN.
  constexpr explicit f16(float v) : bits_(detail::f16_bits_from_float(v)) {}
  /// Exact.
  constexpr explicit operator float() const { return detail::float_from_f16_bits(bits_); }
  static constexpr f16 from_bits(uint16_t b) {
    f16 r;
    r.bits_ = b;
    return r;
  }
  constexpr uint16_t bits() const { return bits_; }

 private:
  uint16_t bits_;
};

static_assert(sizeof(bf16) == 2 && sizeof(f16) == 2);

}  // namespace elu
