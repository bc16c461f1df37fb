// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "grad_mode_dispatch.h"

#include <ATen/MemoryOverlap.h>
#include <ATen/native/TypeProperties.h>
#include <ATen/Functions.h>
#include <c10/core/GradMode.h>

#include "autograd_functions.h"
#include "elu/nn.hpp"
#include "differentiable_formulas.h"
#include "elementwise_kernels.h"
#include "pelu_kernels.h"
#include "tensor_checks.h"

namespace elu::nn::detail {
namespace {

// LibTorch 1.13 runs forward-mode AD at one level at a time, level 0 (nesting is refused).
constexpr uint64_t kForwardLevel = 0;

bool records(const at::Tensor& t) { return at::GradMode::is_enabled() && t.requires_grad(); }
bool has_tangent(const at::Tensor& t) { return t._fw_grad(kForwardLevel).defined(); }
// x without its tangent (a view that shares x's backward history), for the kernels and nodes:
// LibTorch's C++ custom functions refuse inputs that carry a tangent.
at::Tensor primal(const at::Tensor& t) { return has_tangent(t) ? t._fw_primal(kForwardLevel) : t; }

void check_elu_call(const char* fn, const at::Tensor& x, const Params& p) {
  check_supported(fn, "x", x);
  check_params(fn, p, x.scalar_type());
}

// LibTorch's own in-place ops refuse these before writing (VariableType's check_inplace); a
// custom autograd node would only notice after the kernel has run.
void check_inplace_call(const char* fn, const at::Tensor& x, const Params& p, bool autograd) {
  check_elu_call(fn, x, p);
  check_inplace_inference(fn, x);
  at::assert_no_internal_overlap(x);
  if (!autograd || !records(x)) return;
  TORCH_CHECK(!x.is_leaf(), fn,
              ": a leaf Variable that requires grad is being used in an in-place operation.");
  TORCH_CHECK(!(x.is_view() && x._base().is_leaf() && x._base().requires_grad()), fn,
              ": a view of a leaf Variable that requires grad is being used in an in-place "
              "operation.");
  TORCH_CHECK(p.alpha >= 0, fn, ": in-place ELU with a negative alpha (", p.alpha,
              ") cannot be differentiated, because the output no longer tells which branch "
              "was taken; call the out-of-place version instead.");
  TORCH_CHECK(!has_tangent(x), fn,
              ": forward-mode AD through the in-place op on a tensor that also requires grad is "
              "not supported; call the out-of-place version instead.");
}

struct PeluCall {
  int64_t channels;
  at::ScalarType result;   // torch's promotion of x, a and b
  at::ScalarType compute;  // float32 for a 16-bit result
};

PeluCall check_pelu_call(const char* fn, const at::Tensor& x, const at::Tensor& a,
                         const at::Tensor& b) {
  PeluCall c;
  c.channels = check_pelu_args(fn, x, a, b);
  at::native::ResultTypeState state;
  for (const at::Tensor* t : {&x, &a, &b}) state = at::native::update_result_type_state(*t, state);
  c.result = at::native::result_type(state);
  c.compute = (c.result == at::kFloat || c.result == at::kDouble) ? c.result : at::kFloat;
  return c;
}

// The kernels take one dtype, float32 or float64: other inputs are converted (differentiably).
at::Tensor as_compute(const at::Tensor& t, at::ScalarType compute) {
  return t.scalar_type() == compute ? t : t.to(compute);
}
at::Tensor as_result(const at::Tensor& t, at::ScalarType result) {
  return t.scalar_type() == result ? t : t.to(result);
}

at::Tensor pelu_checked(const char* fn, const at::Tensor& x, const at::Tensor& a,
                        const at::Tensor& b, int64_t channels) {
  if (!records(x) && !records(a) && !records(b)) return pelu_forward(fn, x, a, b, channels).y;
  return PeluFunction::apply(fn, x, a, b, channels);
}

}  // namespace

at::Tensor elu_family(const char* fn, const at::Tensor& x, const Params& p) {
  check_elu_call(fn, x, p);
  if (!has_tangent(x))
    return records(x) ? elu_with_autograd(fn, x, p)
                      : forward(fn, x, p, correctly_rounded_enabled());
  const at::Tensor xp = x._fw_primal(kForwardLevel);
  at::Tensor y =
      records(x) ? elu_with_autograd(fn, xp, p) : forward(fn, xp, p, correctly_rounded_enabled());
  at::Tensor tangent;
  {
    at::NoGradGuard no_grad;
    tangent = x._fw_grad(kForwardLevel).mul(elu_derivative(xp, p));
  }
  y._set_fw_grad(tangent, kForwardLevel, /*is_inplace_op=*/false);
  return y;
}

at::Tensor& elu_family_(const char* fn, at::Tensor& x, const Params& p) {
  check_inplace_call(fn, x, p, /*autograd=*/true);
  if (records(x)) {
    EluInplaceFunction::apply(fn, x, p);
    return x;
  }
  if (!has_tangent(x)) {
    forward_inplace(fn, x, p, correctly_rounded_enabled());
    return x;
  }
  // The tangent is updated in place, as LibTorch's own in-place ops do.
  at::Tensor tangent = x._fw_grad(kForwardLevel);
  {
    at::NoGradGuard no_grad;
    tangent.mul_(elu_derivative(x._fw_primal(kForwardLevel), p));
  }
  forward_inplace(fn, x, p, correctly_rounded_enabled());
  return x;
}

at::Tensor pelu(const char* fn, const at::Tensor& x, const at::Tensor& a, const at::Tensor& b) {
  const PeluCall c = check_pelu_call(fn, x, a, b);
  const bool tangent = has_tangent(x) || has_tangent(a) || has_tangent(b);
  const at::Tensor xc = as_compute(primal(x), c.compute);
  const at::Tensor ac = as_compute(primal(a), c.compute);
  const at::Tensor bc = as_compute(primal(b), c.compute);
  at::Tensor y = as_result(pelu_checked(fn, xc, ac, bc, c.channels), c.result);
  if (tangent) {
    at::Tensor t;
    {
      // The composite's own forward-mode AD gives the tangent for any mix of dual inputs.
      at::NoGradGuard no_grad;
      t = pelu_composite(as_compute(x, c.compute), as_compute(a, c.compute),
                         as_compute(b, c.compute))
              ._fw_grad(kForwardLevel);
    }
    y._set_fw_grad(as_result(t, c.result), kForwardLevel, /*is_inplace_op=*/false);
  }
  return y;
}

at::Tensor elu_family_no_autograd(const char* fn, const at::Tensor& x, const Params& p) {
  check_elu_call(fn, x, p);
  return forward(fn, x, p, correctly_rounded_enabled());
}

at::Tensor& elu_family_no_autograd_(const char* fn, at::Tensor& x, const Params& p) {
  check_inplace_call(fn, x, p, /*autograd=*/false);
  forward_inplace(fn, x, p, correctly_rounded_enabled());
  return x;
}

at::Tensor pelu_no_autograd(const char* fn, const at::Tensor& x, const at::Tensor& a,
                            const at::Tensor& b) {
  const PeluCall c = check_pelu_call(fn, x, a, b);
  const at::Tensor y = pelu_forward(fn, as_compute(x, c.compute), as_compute(a, c.compute),
                                    as_compute(b, c.compute), c.channels)
                           .y;
  return as_result(y, c.result);
}

}  // namespace elu::nn::detail
