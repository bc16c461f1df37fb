// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Activation modules by name: the ELU family from elu::nn (elu's kernels), torch's built-ins
// alongside for comparison (relu, leaky_relu, gelu, silu, mish, prelu, softplus, and
// torch_elu = torch::nn::ELU).
#pragma once

#include <torch/nn/modules/container/any.h>

#include <string>

#include "models/activation_names.h"

namespace elu::lab {

/// A fresh module (PELU: one learnable a and b per module, starting from a = b = 1).
/// Throws std::invalid_argument for an unknown name.
torch::nn::AnyModule make_activation(const std::string& name, double alpha);

}  // namespace elu::lab
