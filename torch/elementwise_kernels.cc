// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "elementwise_kernels.h"

#include <ATen/Functions.h>

#include <span>
#include <type_traits>

#include "flat_layout.h"
#include "output_allocation.h"
#include "tensor_checks.h"
#include "torch_threads.h"

namespace elu::nn::detail {
namespace {

template <typename T>
void forward_span(std::span<const T> x, std::span<T> y, const Params& p, bool correctly_rounded) {
  if constexpr (std::is_same_v<T, float>) {
    if (correctly_rounded) return elu::forward_correctly_rounded(x, y, p);
  }
  elu::forward(x, y, p);
}

template <typename T>
void backward_span(std::span<const T> dy, std::span<const T> x, std::span<T> dx, const Params& p,
                   bool correctly_rounded) {
  if constexpr (std::is_same_v<T, float>) {
    if (correctly_rounded) return elu::backward_correctly_rounded(dy, x, dx, p);
  }
  elu::backward(dy, x, dx, p);
}

}  // namespace

at::Tensor forward(const char* fn, const at::Tensor& x, const Params& p, bool correctly_rounded) {
  const at::Tensor xd = dense(x);
  at::Tensor y = new_output_like(xd);
  follow_torch_threads();
  dispatch_elu_types(x.scalar_type(), [&](auto t) {
    using T = decltype(t);
    call_core(fn, [&] { forward_span(flat_cspan<T>(xd), flat_span<T>(y), p, correctly_rounded); });
  });
  return y;
}

void forward_inplace(const char* fn, const at::Tensor& x, const Params& p, bool correctly_rounded) {
  // A strided view (e.g. every other column) is computed in a dense copy and copied back.
  const at::Tensor work = dense(x);
  follow_torch_threads();
  dispatch_elu_types(x.scalar_type(), [&](auto t) {
    using T = decltype(t);
    call_core(fn,
              [&] { forward_span(flat_cspan<T>(work), flat_span<T>(work), p, correctly_rounded); });
  });
  if (work.is_same(x)) {
    x.unsafeGetTensorImpl()->bump_version();  // what LibTorch's own in-place ops do
  } else {
    x.copy_(work);  // bumps the version itself
  }
}

at::Tensor backward(const char* fn, const at::Tensor& dy, const at::Tensor& x, const Params& p,
                    bool correctly_rounded) {
  const at::Tensor g = match_layout(dy, x);
  at::Tensor dx = new_output_like(x);
  follow_torch_threads();
  dispatch_elu_types(x.scalar_type(), [&](auto t) {
    using T = decltype(t);
    call_core(fn, [&] {
      backward_span(flat_cspan<T>(g), flat_cspan<T>(x), flat_span<T>(dx), p, correctly_rounded);
    });
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
