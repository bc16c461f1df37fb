// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "validate.h"

#include <cmath>
#include <sstream>

namespace elu::detail {

void fail(const char* fn, const std::string& what) {
  throw std::invalid_argument(std::string("elu::") + fn + ": " + what);
}

std::string num(double v) {
  std::ostringstream os;
  os.precision(17);
  os << v;
  return os.str();
}

void check_params(const char* fn, const Params& p) {
  if (!std::isfinite(p.alpha)) fail(fn, "alpha must be finite, got " + num(p.alpha));
  if (!std::isfinite(p.scale)) fail(fn, "scale must be finite, got " + num(p.scale));
  if (!std::isfinite(p.input_scale)) {
    fail(fn, "input_scale must be finite, got " + num(p.input_scale));
  }
  if (!(p.scale > 0)) fail(fn, "scale must be > 0, got " + num(p.scale));
  if (!(p.input_scale > 0)) fail(fn, "input_scale must be > 0, got " + num(p.input_scale));
}

void check_representable(const char* fn, const Params& p, double max, double min_normal) {
  auto check = [&](const char* name, double v) {
    const double a = std::fabs(v);
    if (a != 0 && (a > max || a < min_normal)) {
      fail(fn, std::string(name) + " = " + num(v) +
                   " is outside the element type's normal range: its magnitude must be 0 or in [" +
                   num(min_normal) + ", " + num(max) + "]");
    }
  };
  check("scale", p.scale);
  check("input_scale", p.input_scale);
  check("scale*alpha", p.scale * p.alpha);
  check("scale*alpha*input_scale", p.scale * p.alpha * p.input_scale);
}

void check_alpha_for_output_backward(const char* fn, const Params& p) {
  if (p.alpha < 0) {
    fail(fn, "alpha must be >= 0 (got " + num(p.alpha) +
                 "): with alpha < 0 the output no longer tells which branch x was on");
  }
}

void check_size(const char* fn, const char* a_name, std::size_t a, const char* b_name,
                std::size_t b) {
  if (a != b) {
    fail(fn, std::string(a_name) + " has " + std::to_string(a) + " elements but " + b_name +
                 " has " + std::to_string(b));
  }
}

void check_alias_bytes(const char* fn, const char* in_name, const void* in, std::size_t in_bytes,
                       const char* out_name, const void* out, std::size_t out_bytes,
                       bool may_alias) {
  if (in_bytes == 0 || out_bytes == 0) return;
  const auto a0 = reinterpret_cast<std::uintptr_t>(in);
  const auto b0 = reinterpret_cast<std::uintptr_t>(out);
  if (!(a0 < b0 + out_bytes && b0 < a0 + in_bytes)) return;
  if (may_alias && a0 == b0 && in_bytes == out_bytes) return;
  fail(fn, std::string(in_name) + " and " + out_name +
               (may_alias ? " overlap partially (only the very same array is allowed)"
                          : " overlap (this input must not alias the output)"));
}

}  // namespace elu::detail
