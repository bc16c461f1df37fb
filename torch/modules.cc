// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu::nn's modules: drop-ins for torch::nn::ELU/SELU/CELU, and PELU with parameters a and b.
#include <torch/nn/init.h>
#include <torch/types.h>

#include <cmath>

#include "elu/nn.hpp"

namespace elu::nn {

ELUImpl::ELUImpl(const torch::nn::ELUOptions& options_) : options(options_) {}
at::Tensor ELUImpl::forward(at::Tensor input) {
  return options.inplace() ? nn::elu_(input, options.alpha()) : nn::elu(input, options.alpha());
}
void ELUImpl::reset() {}
void ELUImpl::pretty_print(std::ostream& stream) const {
  stream << "elu::nn::ELU(alpha=" << options.alpha();
  if (options.inplace()) stream << ", inplace=true";
  stream << ")";
}

SELUImpl::SELUImpl(const torch::nn::SELUOptions& options_) : options(options_) {}
at::Tensor SELUImpl::forward(at::Tensor input) {
  return options.inplace() ? nn::selu_(input) : nn::selu(input);
}
void SELUImpl::reset() {}
void SELUImpl::pretty_print(std::ostream& stream) const {
  stream << "elu::nn::SELU(";
  if (options.inplace()) stream << "inplace=true";
  stream << ")";
}

CELUImpl::CELUImpl(const torch::nn::CELUOptions& options_) : options(options_) {}
at::Tensor CELUImpl::forward(at::Tensor input) {
  return options.inplace() ? nn::celu_(input, options.alpha()) : nn::celu(input, options.alpha());
}
void CELUImpl::reset() {}
void CELUImpl::pretty_print(std::ostream& stream) const {
  stream << "elu::nn::CELU(alpha=" << options.alpha();
  if (options.inplace()) stream << ", inplace=true";
  stream << ")";
}

PELUImpl::PELUImpl(const PELUOptions& options_) : options(options_) { reset(); }
at::Tensor PELUImpl::forward(const at::Tensor& input) { return nn::pelu(input, a, b); }
void PELUImpl::reset() {
  TORCH_CHECK(options.num_parameters() >= 1, "elu::nn::PELU: num_parameters must be >= 1, got ",
              options.num_parameters());
  TORCH_CHECK(std::isfinite(options.init_a()) && std::isfinite(options.init_b()),
              "elu::nn::PELU: init_a and init_b must be finite, got ", options.init_a(), " and ",
              options.init_b());
  a = register_parameter("a", torch::full({options.num_parameters()}, options.init_a()));
  b = register_parameter("b", torch::full({options.num_parameters()}, options.init_b()));
}
void PELUImpl::pretty_print(std::ostream& stream) const {
  stream << "elu::nn::PELU(num_parameters=" << options.num_parameters()
         << ", init_a=" << options.init_a() << ", init_b=" << options.init_b() << ")";
}

}  // namespace elu::nn
