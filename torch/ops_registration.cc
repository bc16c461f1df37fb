// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The dispatcher ops of libelu_torch_ops.so (torch.ops.elu.* once loaded): CPU kernels run the
// plain kernels; Autograd kernels go through the same entry points as elu::nn, which record an
// autograd node only when an input requires grad.
#include <torch/library.h>

#include "elementwise_kernels.h"
#include "grad_mode_dispatch.h"
#include "pelu_kernels.h"

namespace elu::nn::detail {
namespace {

at::Tensor elu_cpu(const at::Tensor& x, double alpha, double scale, double input_scale) {
  return forward("elu::elu", x, {alpha, scale, input_scale});
}
at::Tensor& elu_inplace_cpu(at::Tensor& x, double alpha, double scale, double input_scale) {
  forward_inplace("elu::elu_", x, {alpha, scale, input_scale});
  return x;
}
at::Tensor pelu_cpu(const at::Tensor& x, const at::Tensor& a, const at::Tensor& b) {
  return pelu_forward("elu::pelu", x, a, b).y;
}

at::Tensor elu_autograd(const at::Tensor& x, double alpha, double scale, double input_scale) {
  return elu_family("elu::elu", x, {alpha, scale, input_scale});
}
at::Tensor& elu_inplace_autograd(at::Tensor& x, double alpha, double scale, double input_scale) {
  return elu_family_("elu::elu_", x, {alpha, scale, input_scale});
}
at::Tensor pelu_autograd(const at::Tensor& x, const at::Tensor& a, const at::Tensor& b) {
  return pelu("elu::pelu", x, a, b);
}

}  // namespace
}  // namespace elu::nn::detail

TORCH_LIBRARY(elu, m) {
  m.def("elu(Tensor x, float alpha=1, float scale=1, float input_scale=1) -> Tensor");
  m.def("elu_(Tensor(a!) x, float alpha=1, float scale=1, float input_scale=1) -> Tensor(a!)");
  m.def("pelu(Tensor x, Tensor a, Tensor b) -> Tensor");
}

TORCH_LIBRARY_IMPL(elu, CPU, m) {
  m.impl("elu", &elu::nn::detail::elu_cpu);
  m.impl("elu_", &elu::nn::detail::elu_inplace_cpu);
  m.impl("pelu", &elu::nn::detail::pelu_cpu);
}

TORCH_LIBRARY_IMPL(elu, Autograd, m) {
  m.impl("elu", &elu::nn::detail::elu_autograd);
  m.impl("elu_", &elu::nn::detail::elu_inplace_autograd);
  m.impl("pelu", &elu::nn::detail::pelu_autograd);
}
