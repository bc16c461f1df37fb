// elu::QuantizedOp: validates the quantization parameters, builds the 256-entry table once (in
// double, rounding to the nearest code with ties to even), and applies it with the SIMD byte
// lookup over the same thread chunks as the float kernels.
#include "elu/quantized.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <type_traits>

#include "kernels/lowp.h"
#include "parallel.h"
#include "validate.h"

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
    detail::fail(fn, std::string(which) + ".scale must be finite and > 0, got " +
                         detail::num(q.scale));
  }
  constexpr int32_t lo = std::numeric_limits<Q>::min(), hi = std::numeric_limits<Q>::max();
  if (q.zero_point < lo || q.zero_point > hi) {
    detail::fail(fn, std::string(which) + ".zero_point must be in [" + std::to_string(lo) + ", " +
                         std::to_string(hi) + "] for " + type_name<Q>() + ", got " +
                         std::to_string(q.zero_point));
  }
}

// Results beyond this many codes from zero saturate for every zero point, so their exact rounding
// does not matter; below it, doubles carry ~2^-42 absolute error, far from a tie's 2^-30 window.
constexpr double kSaturated = 1024.0;

double round_half_even(double v) {
  const double f = std::floor(v);
  const double frac = v - f;  // exact for |v| < 2^52
  if (frac != 0.5) return frac < 0.5 ? f : f + 1;
  return std::fmod(f, 2.0) == 0 ? f : f + 1;
}

// Nearest integer to sc * a / s (s > 0), ties to even, decided exactly. This is the linear
// branch, where exact ties are common (e.g. 1.5 / 1): near a half-integer h the sign of
// sc * a - h * s is computed without error: h * s is exact (h has <= 12 bits, s is a float),
// sc * a = p + e exactly (fma residual), and p - h * s is exact (Sterbenz: p and h*s are within
// a factor of 2).
double round_linear(double sc, double a, double s) {
  const double v = sc * a / s;
  if (!(std::fabs(v) < kSaturated)) return v;
  const double h = std::floor(v) + 0.5;
  if (std::fabs(v - h) > 0x1p-30) return round_half_even(v);
  const double p = sc * a;
  const double e = std::fma(sc, a, -p);
  const double d = (p - h * s) + e;  // its sign is exact
  if (d > 0) return h + 0.5;
  if (d < 0) return h - 0.5;
  return round_half_even(h);
}

// The code for input value a = in.scale * (q - in.zero_point), exact in double.
// Negative branch: sa * expm1(is * a) in double (glibc, < 1 ULP), never an exact tie for a < 0;
// a misrounding would need the value within ~2^-42 of a half-code, which the exhaustive test
// against MPFR checks for the parameters it covers.
template <typename Q>
Q output_code(double a, const Params& p, QuantParams out) {
  double n;
  if (a > 0) {
    n = round_linear(p.scale, a, out.scale);
  } else if (a == 0) {
    n = 0;
  } else {
    const double v = p.scale * p.alpha * std::expm1(p.input_scale * a) / out.scale;
    n = std::fabs(v) < kSaturated ? round_half_even(v) : v;
  }
  const double code = n + out.zero_point;
  constexpr double lo = std::numeric_limits<Q>::min(), hi = std::numeric_limits<Q>::max();
  return static_cast<Q>(code < lo ? lo : code > hi ? hi : code);
}

}  // namespace

template <typename Q>
QuantizedOp<Q>::QuantizedOp(QuantParams in, QuantParams out, const Params& p) : table_{} {
  constexpr const char* fn = "QuantizedOp";
  check_quant<Q>("in", in);
  check_quant<Q>("out", out);
  detail::check_params(fn, p);
  // The table is computed in double: the parameters and their products must be normal doubles.
  detail::check_representable(fn, p, std::numeric_limits<double>::max(),
                              std::numeric_limits<double>::min());
  for (int b = 0; b < 256; ++b) {
    const Q code = static_cast<Q>(static_cast<uint8_t>(b));  // the code whose byte is b
    const double a = static_cast<double>(in.scale) * (int32_t{code} - in.zero_point);
    table_[b] = output_code<Q>(a, p, out);
  }
}

template <typename Q>
void QuantizedOp<Q>::forward(std::span<const Q> x, std::span<Q> y) const {
  constexpr const char* fn = "QuantizedOp::forward";
  detail::check_size(fn, "x", x.size(), "y", y.size());
  detail::check_alias(fn, "x", x, "y", y, /*may_alias=*/true);
  (void)elu::simd_target();  // applies ELU_SIMD_TARGET before the first dispatch
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
