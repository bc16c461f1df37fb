// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "grad_mode_dispatch.h"

#include <c10/core/GradMode.h>

#include "autograd_functions.h"
#include "elementwise_kernels.h"
#include "pelu_kernels.h"
#include "tensor_checks.h"

namespace elu::nn::detail {
namespace {

bool records(const at::Tensor& t) { return at::GradMode::is_enabled() && t.requires_grad(); }

// LibTorch's own in-place ops refuse these before writing (VariableType's check_inplace); a
// custom autograd node would only notice after the kernel has run.
void check_inplace_allowed(const char* fn, const at::Tensor& x, const Params& p) {
  check_inplace_inference(fn, x);
  if (!records(x)) return;
  TORCH_CHECK(!x.is_leaf(), fn,
              ": a leaf Variable that requires grad is being used in an in-place operation.");
  TORCH_CHECK(!(x.is_view() && x._base().is_leaf() && x._base().requires_grad()), fn,
              ": a view of a leaf Variable that requires grad is being used in an in-place "
              "operation.");
  TORCH_CHECK(p.alpha >= 0, fn, ": in-place ELU with a negative alpha (", p.alpha,
              ") cannot be differentiated, because the output no longer tells which branch "
              "was taken; call the out-of-place version instead.");
}

}  // namespace

at::Tensor elu_family(const char* fn, const at::Tensor& x, const Params& p) {
  check_supported(fn, "x", x, /*allow_16bit=*/true);
  if (!records(x)) return forward(fn, x, p);
  return EluFunction::apply(fn, x, p);
}

at::Tensor& elu_family_(const char* fn, at::Tensor& x, const Params& p) {
  check_supported(fn, "x", x, /*allow_16bit=*/true);
  check_inplace_allowed(fn, x, p);
  if (!records(x)) {
    forward_inplace(fn, x, p);
  } else {
    EluInplaceFunction::apply(fn, x, p);
  }
  return x;
}

at::Tensor pelu(const char* fn, const at::Tensor& x, const at::Tensor& a, const at::Tensor& b) {
  check_pelu_args(fn, x, a, b);
  if (!records(x) && !records(a) && !records(b)) return pelu_forward(fn, x, a, b).y;
  return PeluFunction::apply(fn, x, a, b);
}

}  // namespace elu::nn::detail
