// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu::nn's functions: each member of the family is one elu::Params.
#include "elu/nn.hpp"
#include "grad_mode_dispatch.h"
#include "tensor_checks.h"

namespace elu::nn {
using detail::check_celu_alpha;

namespace {
thread_local bool correctly_rounded_mode = false;
}  // namespace

bool correctly_rounded_enabled() { return correctly_rounded_mode; }
bool set_correctly_rounded(bool enabled) {
  const bool previous = correctly_rounded_mode;
  correctly_rounded_mode = enabled;
  return previous;
}
CorrectlyRoundedGuard::CorrectlyRoundedGuard(bool enabled)
    : previous_(set_correctly_rounded(enabled)) {}
CorrectlyRoundedGuard::~CorrectlyRoundedGuard() { set_correctly_rounded(previous_); }

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
