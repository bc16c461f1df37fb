// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The dispatcher ops (torch.ops.elu.*), with the schemas of LibTorch's own aten::elu, selu, celu
// and their in-place forms, plus pelu. CPU kernels run the plain kernels (reached when autograd is
// off or below, e.g. for inference tensors); Autograd kernels go through the same entry points as
// elu::nn, which record an autograd node only when an input requires grad. Compiled into both
// libelu_torch_ops.so (for torch.ops.load_library and the Python package) and elu::torch.
#include <torch/library.h>

#include "elu/elu.hpp"
#include "elu/nn.hpp"
#include "grad_mode_dispatch.h"
#include "tensor_checks.h"

// elu::torch's link options name this symbol (--undefined), so that a program linking the static
// elu::torch pulls this object, and with it the registration, even though it calls nothing here
// (a TorchScript model loaded with torch::jit::load finds the ops by name).
extern "C" {
int elu_torch_ops_anchor = 1;
}

namespace elu::nn::detail {
namespace {

Params elu_params(const at::Scalar& alpha, const at::Scalar& scale, const at::Scalar& input_scale) {
  return {alpha.toDouble(), scale.toDouble(), input_scale.toDouble()};
}
Params celu_params(const char* fn, const at::Scalar& alpha) {
  check_celu_alpha(fn, alpha.toDouble());
  return Params::celu(alpha.toDouble());
}

// Autograd kernels.
at::Tensor elu_op(const at::Tensor& x, const at::Scalar& alpha, const at::Scalar& scale,
                  const at::Scalar& input_scale) {
  return elu_family("elu::elu", x, elu_params(alpha, scale, input_scale));
}
at::Tensor& elu_inplace_op(at::Tensor& x, const at::Scalar& alpha, const at::Scalar& scale,
                           const at::Scalar& input_scale) {
  return elu_family_("elu::elu_", x, elu_params(alpha, scale, input_scale));
}
at::Tensor selu_op(const at::Tensor& x) { return elu_family("elu::selu", x, Params::selu()); }
at::Tensor& selu_inplace_op(at::Tensor& x) { return elu_family_("elu::selu_", x, Params::selu()); }
at::Tensor celu_op(const at::Tensor& x, const at::Scalar& alpha) {
  return elu_family("elu::celu", x, celu_params("elu::celu", alpha));
}
at::Tensor& celu_inplace_op(at::Tensor& x, const at::Scalar& alpha) {
  return elu_family_("elu::celu_", x, celu_params("elu::celu_", alpha));
}
at::Tensor pelu_op(const at::Tensor& x, const at::Tensor& a, const at::Tensor& b) {
  return pelu("elu::pelu", x, a, b);
}

// CPU kernels.
at::Tensor elu_cpu(const at::Tensor& x, const at::Scalar& alpha, const at::Scalar& scale,
                   const at::Scalar& input_scale) {
  return elu_family_no_autograd("elu::elu", x, elu_params(alpha, scale, input_scale));
}
at::Tensor& elu_inplace_cpu(at::Tensor& x, const at::Scalar& alpha, const at::Scalar& scale,
                            const at::Scalar& input_scale) {
  return elu_family_no_autograd_("elu::elu_", x, elu_params(alpha, scale, input_scale));
}
at::Tensor selu_cpu(const at::Tensor& x) {
  return elu_family_no_autograd("elu::selu", x, Params::selu());
}
at::Tensor& selu_inplace_cpu(at::Tensor& x) {
  return elu_family_no_autograd_("elu::selu_", x, Params::selu());
}
at::Tensor celu_cpu(const at::Tensor& x, const at::Scalar& alpha) {
  return elu_family_no_autograd("elu::celu", x, celu_params("elu::celu", alpha));
}
at::Tensor& celu_inplace_cpu(at::Tensor& x, const at::Scalar& alpha) {
  return elu_family_no_autograd_("elu::celu_", x, celu_params("elu::celu_", alpha));
}
at::Tensor pelu_cpu(const at::Tensor& x, const at::Tensor& a, const at::Tensor& b) {
  return pelu_no_autograd("elu::pelu", x, a, b);
}

}  // namespace
}  // namespace elu::nn::detail

TORCH_LIBRARY(elu, m) {
  m.def("set_correctly_rounded(bool enabled) -> bool", &elu::nn::set_correctly_rounded);
  m.def("elu(Tensor self, Scalar alpha=1, Scalar scale=1, Scalar input_scale=1) -> Tensor");
  m.def(
      "elu_(Tensor(a!) self, Scalar alpha=1, Scalar scale=1, Scalar input_scale=1) -> "
      "Tensor(a!)");
  m.def("selu(Tensor self) -> Tensor");
  m.def("selu_(Tensor(a!) self) -> Tensor(a!)");
  m.def("celu(Tensor self, Scalar alpha=1.0) -> Tensor");
  m.def("celu_(Tensor(a!) self, Scalar alpha=1.0) -> Tensor(a!)");
  m.def("pelu(Tensor self, Tensor a, Tensor b) -> Tensor");
}

TORCH_LIBRARY_IMPL(elu, CPU, m) {
  using namespace elu::nn::detail;
  m.impl("elu", &elu_cpu);
  m.impl("elu_", &elu_inplace_cpu);
  m.impl("selu", &selu_cpu);
  m.impl("selu_", &selu_inplace_cpu);
  m.impl("celu", &celu_cpu);
  m.impl("celu_", &celu_inplace_cpu);
  m.impl("pelu", &pelu_cpu);
}

TORCH_LIBRARY_IMPL(elu, Autograd, m) {
  using namespace elu::nn::detail;
  m.impl("elu", &elu_op);
  m.impl("elu_", &elu_inplace_op);
  m.impl("selu", &selu_op);
  m.impl("selu_", &selu_inplace_op);
  m.impl("celu", &celu_op);
  m.impl("celu_", &celu_inplace_op);
  m.impl("pelu", &pelu_op);
}

// Meta tensors reach no kernel otherwise under inference mode; these raise the adapter's own
// "only CPU tensors are supported" before anything else.
TORCH_LIBRARY_IMPL(elu, Meta, m) {
  using namespace elu::nn::detail;
  m.impl("elu", &elu_cpu);
  m.impl("elu_", &elu_inplace_cpu);
  m.impl("selu", &selu_cpu);
  m.impl("selu_", &selu_inplace_cpu);
  m.impl("celu", &celu_cpu);
  m.impl("celu_", &celu_inplace_cpu);
  m.impl("pelu", &pelu_cpu);
}
