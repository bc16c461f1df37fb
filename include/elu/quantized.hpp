// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu::QuantizedOp: the ELU family on per-tensor affine quantized int8_t / uint8_t arrays.
//
// A code q stands for the real value scale * (q - zero_point). The operator maps each input code
// to the output code nearest to f(real value) / out.scale + out.zero_point, saturated to the
// type's range. With only 256 possible inputs, the whole map is a table built once (in double,
// from Params as given) and applied with a SIMD byte-table lookup. docs/lowp.md has the details.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "elu/elu.hpp"

namespace elu {

/// Per-tensor affine quantization: real = scale * (code - zero_point).
struct QuantParams {
  float scale;
  int32_t zero_point;
};

/// y = quantize_out(f(dequantize_in(x))) for Q = int8_t or uint8_t.
/// Rounding: to the nearest code, ties to even (as nearbyint / PyTorch / XNNPACK do), applied to
/// f(x) / out.scale before the zero point is added; then saturation to Q's range.
template <typename Q>
class QuantizedOp {
 public:
  /// Builds the table. Throws std::invalid_argument if a scale is <= 0, NaN or infinite, a zero
  /// point is outside Q's range, or p is invalid (same rules as forward()).
  QuantizedOp(QuantParams in, QuantParams out, const Params& p);

  /// y[i] = table()[code byte of x[i]]. y may be x (in place); any other overlap or a size
  /// mismatch throws std::invalid_argument before anything is written.
  void forward(std::span<const Q> x, std::span<Q> y) const;

  /// The output code for every input code, indexed by the input code's byte: table()[uint8_t(q)].
  /// (For int8_t, code -1 is entry 255.)
  const std::array<Q, 256>& table() const { return table_; }

 private:
  std::array<Q, 256> table_;
};

extern template class QuantizedOp<int8_t>;
extern template class QuantizedOp<uint8_t>;

}  // namespace elu
