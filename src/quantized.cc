// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu::QuantizedOp: validates the quantization parameters, builds the 256-entry table once (in
// double, rounding to the nearest code with ties to even), and applies it with the SIMD byte
// lookup over the same thread chunks as the float kernels.
//
// Table accuracy: f comes from detail::forward_sum (exact on the linear branch; tiny and
// saturated negative values keep the sign of their remainder), so exact ties are decided
// exactly. Elsewhere f has ~2^-52 relative error: a code could only be wrong if f / out.scale
// fell within ~2^-42 of a half-integer, which the exhaustive MPFR test rules out for the
// parameters it covers.
#include "elu/quantized.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <type_traits>

#include "dispatch.h"
#include "elementwise_call.h"
#include "kernels/lowp.h"
#include "prepare.h"

namespace elu {
namespace {

template <typename Q>
const char* type_name() {
  return std::is_same_v<Q, int8_t> ? "int8_t" : "uint8_t";
}

template <typename Q>
void check_quant(const char* which, QuantParams q) {
  constexpr const char* fn = "QuantizedOp";
  if (!std::isfinite(q.scale) || !(q.scale > 0)) {
    detail::fail(fn,
                 std::string(which) + ".scale must be finite and > 0, got " + detail::num(q.scale));
  }
  constexpr int32_t lo = std::numeric_limits<Q>::min(), hi = std::numeric_limits<Q>::max();
  if (q.zero_point < lo || q.zero_point > hi) {
    detail::fail(fn, std::string(which) + ".zero_point must be in [" + std::to_string(lo) + ", " +
                         std::to_string(hi) + "] for " + type_name<Q>() + ", got " +
                         std::to_string(q.zero_point));
  }
}

// Results beyond this many codes from zero saturate for every zero point, so their exact rounding
// does not matter; below it, the quotient carries ~2^-42 absolute error, far inside the 2^-30
// window in which a possible tie is decided exactly.
constexpr double kSaturated = 1024.0;

double round_half_even(double v) {
  const double f = std::floor(v);
  const double frac = v - f;  // exact for |v| < 2^52
  if (frac != 0.5) return frac < 0.5 ? f : f + 1;
  return std::fmod(f, 2.0) == 0 ? f : f + 1;
}

// Nearest integer to (hi + lo) / s (s > 0), ties to even. Near a half-integer h the side is
// decided by the sign of hi + lo - h s, computed without error where it matters: h s is exact
// (h has <= 12 bits, s is a float), hi - h s is exact (Sterbenz: within a factor of 2), and lo
// is exact on the linear branch, where exact ties are common (1.5 / 1, say).
double round_quotient(detail::Sum f, double s) {
  const double v = f.hi / s;
  if (!(std::fabs(v) < kSaturated)) return v;
  const double h = std::floor(v) + 0.5;
  if (std::fabs(v - h) > 0x1p-30) return round_half_even(v);
  const double d = (f.hi - h * s) + f.lo;
  if (d > 0) return h + 0.5;
  if (d < 0) return h - 0.5;
  return round_half_even(h);
}

// f(a) as hi + lo, with the rounding error of z = input_scale * a put back: forward_sum takes z
// as rounded, which moves f by about f'(z) * 2^-53 |z|, enough to round a near-tie the wrong way
// on the structural branches (tiny z: f ~ sa * is * a, e.g. CELU with a large alpha, where the
// exact value sa * is * a needs the low part of is * a).
detail::Sum forward_value(double a, const Params& p) {
  const double sa = p.scale * p.alpha;
  if (a < 0 && std::fabs(p.input_scale * a) < 0x1p-900) {
    // z this small may be subnormal, or its rounding error is: f = sa * is * a (expm1(z) = z to
    // 2^-900 relative) from the product c = sa * is (a normal double, validated) and a, each
    // product with its exact error (c * a is the result, so it is as representable as f is).
    const double c = sa * p.input_scale, c_lo = std::fma(sa, p.input_scale, -c);
    const double hi = c * a, lo = std::fma(c, a, -hi) + c_lo * a;
    return {hi + lo, lo - ((hi + lo) - hi)};
  }
  detail::Sum f = detail::forward_sum(a, p.scale, sa, p.input_scale);
  if (a < 0 && std::isfinite(f.hi)) {
    const double z = p.input_scale * a;
    const double z_err = std::fma(p.input_scale, a, -z);  // is * a = z + z_err exactly
    // f(z + e) = f(z) + f'(z) e + O(e^2); nothing to add once z is infinite (saturated).
    if (std::isfinite(z_err)) f.lo += sa * std::exp(z) * z_err;
  }
  return f;
}

// The output code for input value a = in.scale * (q - in.zero_point) (exact in double).
template <typename Q>
Q output_code(double a, const Params& p, QuantParams out) {
  const detail::Sum f = forward_value(a, p);
  const double code = round_quotient(f, out.scale) + out.zero_point;
  constexpr double lo = std::numeric_limits<Q>::min(), hi = std::numeric_limits<Q>::max();
  return static_cast<Q>(code < lo ? lo : code > hi ? hi : code);
}

}  // namespace

template <typename Q>
QuantizedOp<Q>::QuantizedOp(QuantParams in, QuantParams out, const Params& p) : table_{} {
  constexpr const char* fn = "QuantizedOp";
  check_quant<Q>("in", in);
  check_quant<Q>("out", out);
  // The table is computed in double: the parameters and their products must be normal doubles.
  // No kernel parameters: the table is built here, and forward applies the target override.
  detail::check_params_for<double>(fn, p);
  for (int b = 0; b < 256; ++b) {
    const Q code = static_cast<Q>(static_cast<uint8_t>(b));  // the code whose byte is b
    const double a = static_cast<double>(in.scale) * (int32_t{code} - in.zero_point);
    table_[b] = output_code<Q>(a, p, out);
  }
}

template <typename Q>
void QuantizedOp<Q>::forward(std::span<const Q> x, std::span<Q> y) const {
  constexpr const char* fn = "QuantizedOp::forward";
  detail::check_map_args(fn, x, y);
  detail::apply_target_override();  // before the first dispatch
  const auto* in = reinterpret_cast<const uint8_t*>(x.data());
  auto* out = reinterpret_cast<uint8_t*>(y.data());
  const auto* table = reinterpret_cast<const uint8_t*>(table_.data());
  detail::for_each_chunk(x.size(), detail::threads_for(x.size(), 2),
                         [&](std::size_t b, std::size_t e) {
                           detail::lookup_bytes_kernel(in + b, out + b, e - b, table);
                         });
}

template class QuantizedOp<int8_t>;
template class QuantizedOp<uint8_t>;

}  // namespace elu
