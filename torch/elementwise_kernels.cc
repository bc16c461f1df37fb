// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "elementwise_kernels.h"

#include <ATen/Functions.h>

#include "flat_layout.h"
#include "output_allocation.h"
#include "tensor_checks.h"
#include "torch_threads.h"

namespace elu::nn::detail {

at::Tensor forward(const char* fn, const at::Tensor& x, const Params& p) {
  const at::Tensor xd = dense(x);
  at::Tensor y = new_output_like(xd);
  follow_torch_threads();
  dispatch_elu_types(x.scalar_type(), [&](auto t) {
    using T = decltype(t);
    call_core(fn, [&] { elu::forward(flat_cspan<T>(xd), flat_span<T>(y), p); });
  });
  return y;
}

void forward_inplace(const char* fn, const at::Tensor& x, const Params& p) {
  // A strided view (e.g. every other column) is computed in a dense copy and copied back.
  const at::Tensor work = dense(x);
  follow_torch_threads();
  dispatch_elu_types(x.scalar_type(), [&](auto t) {
    using T = decltype(t);
    call_core(fn, [&] { elu::forward(flat_cspan<T>(work), flat_span<T>(work), p); });
  });
  if (work.is_same(x)) {
    x.unsafeGetTensorImpl()->bump_version();  // what LibTorch's own in-place ops do
  } else {
    x.copy_(work);  // bumps the version itself
  }
}

at::Tensor backward(const char* fn, const at::Tensor& dy, const at::Tensor& x, const Params& p) {
  const at::Tensor g = match_layout(dy, x);
  at::Tensor dx = new_output_like(x);
  follow_torch_threads();
  dispatch_elu_types(x.scalar_type(), [&](auto t) {
    using T = decltype(t);
    call_core(fn, [&] { elu::backward(flat_cspan<T>(g), flat_cspan<T>(x), flat_span<T>(dx), p); });
  });
  return dx;
}

at::Tensor backward_from_output(const char* fn, const at::Tensor& dy, const at::Tensor& y,
                                const Params& p) {
  const at::Tensor g = match_layout(dy, y);
  at::Tensor dx = new_output_like(y);
  follow_torch_threads();
  dispatch_elu_types(y.scalar_type(), [&](auto t) {
    using T = decltype(t);
    call_core(fn, [&] {
      elu::backward_from_output(flat_cspan<T>(g), flat_cspan<T>(y), flat_span<T>(dx), p);
    });
  });
  return dx;
}

}  // namespace elu::nn::detail
