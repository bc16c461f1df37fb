// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu::nn's functions: each member of the family is one elu::Params.
#include <c10/util/Exception.h>

#include "elu/nn.hpp"
#include "grad_mode_dispatch.h"

namespace elu::nn {
namespace {

// CELU's input_scale is 1/alpha, and the core needs input_scale > 0.
void check_celu_alpha(const char* fn, double alpha) {
  TORCH_CHECK(alpha > 0, fn, ": alpha must be > 0 (CELU divides x by alpha), got ", alpha);
}

}  // namespace

at::Tensor elu(const at::Tensor& x, double alpha) {
  return detail::elu_family("elu::nn::elu", x, Params::elu(alpha));
}
at::Tensor selu(const at::Tensor& x) {
  return detail::elu_family("elu::nn::selu", x, Params::selu());
}
at::Tensor celu(const at::Tensor& x, double alpha) {
  check_celu_alpha("elu::nn::celu", alpha);
  return detail::elu_family("elu::nn::celu", x, Params::celu(alpha));
}
at::Tensor pelu(const at::Tensor& x, const at::Tensor& a, const at::Tensor& b) {
  return detail::pelu("elu::nn::pelu", x, a, b);
}

at::Tensor& elu_(at::Tensor& x, double alpha) {
  return detail::elu_family_("elu::nn::elu_", x, Params::elu(alpha));
}
at::Tensor& selu_(at::Tensor& x) {
  return detail::elu_family_("elu::nn::selu_", x, Params::selu());
}
at::Tensor& celu_(at::Tensor& x, double alpha) {
  check_celu_alpha("elu::nn::celu_", alpha);
  return detail::elu_family_("elu::nn::celu_", x, Params::celu(alpha));
}

}  // namespace elu::nn
