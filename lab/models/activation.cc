// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "models/activation.h"

#include <elu/nn.hpp>
#include <torch/nn/modules/activation.h>

#include <stdexcept>

namespace elu::lab {

torch::nn::AnyModule make_activation(const std::string& name, double alpha) {
  if (name == "elu")
    return torch::nn::AnyModule(elu::nn::ELU(torch::nn::ELUOptions().alpha(alpha)));
  if (name == "selu") return torch::nn::AnyModule(elu::nn::SELU());
  if (name == "celu") {
    return torch::nn::AnyModule(elu::nn::CELU(torch::nn::CELUOptions().alpha(alpha)));
  }
  if (name == "pelu") return torch::nn::AnyModule(elu::nn::PELU(elu::nn::PELUOptions(1)));
  if (name == "torch_elu") {
    return torch::nn::AnyModule(torch::nn::ELU(torch::nn::ELUOptions().alpha(alpha)));
  }
  if (name == "relu") return torch::nn::AnyModule(torch::nn::ReLU());
  if (name == "leaky_relu") return torch::nn::AnyModule(torch::nn::LeakyReLU());
  if (name == "gelu") return torch::nn::AnyModule(torch::nn::GELU());
  if (name == "silu") return torch::nn::AnyModule(torch::nn::SiLU());
  if (name == "mish") return torch::nn::AnyModule(torch::nn::Mish());
  if (name == "prelu") return torch::nn::AnyModule(torch::nn::PReLU());  // one slope, from 0.25
  if (name == "softplus") return torch::nn::AnyModule(torch::nn::Softplus());
  throw std::invalid_argument("unknown activation '" + name + "'");
}

}  // namespace elu::lab
