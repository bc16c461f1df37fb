// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The activations elu-lab knows, by name, and what sets them apart; free of LibTorch so that
// option parsing can use it. models/activation.h builds the modules.
#pragma once

#include <string>
#include <vector>

namespace elu::lab {

/// elu, relu, leaky_relu, selu, celu, pelu, torch_elu (the ELU family and its baselines of
/// 2015), then gelu, silu, mish, prelu, softplus (today's baselines, torch's modules).
const std::vector<std::string>& activation_names();

/// True for elu, torch_elu and celu, whose alpha --alpha sets.
bool activation_uses_alpha(const std::string& name);

/// True for selu, which wants LeCun-normal initialisation instead of He.
bool activation_is_self_normalising(const std::string& name);

}  // namespace elu::lab
