// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "tensor_checks.h"

#include <c10/core/InferenceMode.h>

#include <cmath>
#include <limits>
#include <string>
#include <string_view>

#include "elu/nn.hpp"

namespace elu::nn::detail {
namespace {

void check_finite_values(const char* fn, const char* name, const at::Tensor& t) {
  // a and b are small (1 or C elements): reading them costs less than a tensor reduction.
  const bool wide = t.scalar_type() == at::kFloat || t.scalar_type() == at::kDouble;
  const at::Tensor c = wide ? t.contiguous() : t.to(at::kFloat).contiguous();
  dispatch_float_double(c.scalar_type(), [&](auto type) {
    using T = decltype(type);
    const T* p = c.data_ptr<T>();
    for (int64_t i = 0; i < c.numel(); ++i) {
      TORCH_CHECK(std::isfinite(p[i]), fn, ": ", name, " holds ", p[i], "; it must be finite");
    }
  });
}

}  // namespace

void check_supported(const char* fn, const char* name, const at::Tensor& x) {
  TORCH_CHECK(x.defined(), fn, ": ", name, " is an undefined tensor");
  TORCH_CHECK(x.device().is_cpu(), fn, ": ", name, " is on device ", x.device(),
              "; only CPU tensors are supported");
  TORCH_CHECK(x.layout() == at::kStrided, fn, ": ", name, " has layout ", x.layout(),
              "; only strided (dense) tensors are supported");
  const at::ScalarType t = x.scalar_type();
  TORCH_CHECK(t == at::kFloat || t == at::kDouble || t == at::kBFloat16 || t == at::kHalf, fn, ": ",
              name, " has dtype ", t, "; only Float, Double, BFloat16 and Half are supported");
}

void check_params(const char* fn, const Params& p, at::ScalarType dtype) {
  TORCH_CHECK(std::isfinite(p.alpha), fn, ": alpha must be finite, got ", p.alpha);
  TORCH_CHECK(std::isfinite(p.scale) && p.scale > 0, fn, ": scale must be finite and > 0, got ",
              p.scale);
  TORCH_CHECK(std::isfinite(p.input_scale) && p.input_scale > 0, fn,
              ": input_scale must be finite and > 0, got ", p.input_scale);
  if (dtype == at::kDouble) return;
  // The float kernels (and the 16-bit ones, computed in float) round the constants to float.
  auto check = [&](const char* name, double v) {
    const double a = std::fabs(v);
    TORCH_CHECK(a == 0 || (a <= std::numeric_limits<float>::max() &&
                           a >= std::numeric_limits<float>::min()),
                fn, ": ", name, " = ", v, " is outside float's normal range (dtype ", dtype, ")");
  };
  check("scale", p.scale);
  check("input_scale", p.input_scale);
  check("scale*alpha", p.scale * p.alpha);
  check("scale*alpha*input_scale", p.scale * p.alpha * p.input_scale);
}

void check_celu_alpha(const char* fn, double alpha) {
  TORCH_CHECK(std::isfinite(alpha) && alpha > 0, fn,
              ": alpha must be > 0 and finite (CELU divides x by alpha), got ", alpha);
}

int64_t check_pelu_args(const char* fn, const at::Tensor& x, const at::Tensor& a,
                        const at::Tensor& b) {
  check_supported(fn, "x", x);
  check_supported(fn, "a", a);
  check_supported(fn, "b", b);
  TORCH_CHECK(a.numel() == b.numel(), fn, ": a has ", a.numel(), " elements but b has ", b.numel(),
              "; they must match");
  const int64_t channels = a.numel();
  TORCH_CHECK(channels > 0, fn, ": a and b are empty; they need 1 element or one per channel");
  if (channels > 1) {
    TORCH_CHECK(x.dim() >= 2 && x.size(1) == channels, fn, ": a and b have ", channels,
                " elements, which must be 1 or the number of channels (dim 1) of x, but x has "
                "shape ",
                x.sizes());
  }
  check_finite_values(fn, "a", a);
  check_finite_values(fn, "b", b);
  return channels;
}

void check_inplace_inference(const char* fn, const at::Tensor& x) {
  TORCH_CHECK(!x.is_inference() || c10::InferenceMode::is_enabled(), fn,
              ": in-place update to an inference tensor outside InferenceMode is not allowed");
}

void raise_core_error(const char* fn, const std::exception& e) {
  // The core says "elu::<function>: <what>"; keep only <what> under the adapter's prefix.
  std::string_view what = e.what();
  if (what.starts_with("elu::")) {
    const std::size_t colon = what.find(": ");
    if (colon != std::string_view::npos) what.remove_prefix(colon + 2);
  }
  C10_THROW_ERROR(Error, std::string(fn) + ": " + std::string(what));
}

}  // namespace elu::nn::detail
