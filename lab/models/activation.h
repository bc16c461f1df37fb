// Activation modules by name: the ELU family from elu::nn (elu's kernels), torch's built-ins
// alongside for comparison (relu, leaky_relu, and torch_elu = torch::nn::ELU).
#pragma once

#include <torch/nn/modules/container/any.h>

#include <string>
#include <vector>

namespace elu::lab {

/// elu, relu, leaky_relu, selu, celu, pelu, torch_elu.
const std::vector<std::string>& activation_names();

/// True for elu, torch_elu and celu, whose alpha --alpha sets.
bool activation_uses_alpha(const std::string& name);

/// True for selu, which wants LeCun-normal initialisation instead of He.
bool activation_is_self_normalising(const std::string& name);

/// A fresh module (PELU: one learnable a and b per module, starting from a = b = 1).
/// Throws std::invalid_argument for an unknown name.
torch::nn::AnyModule make_activation(const std::string& name, double alpha);

}  // namespace elu::lab
