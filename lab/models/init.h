// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Weight initialisation of elu-lab's models: He normal (Clevert et al. use it for ELU, ReLU and
// Leaky ReLU alike), LeCun normal for SELU (Klambauer et al.), zero biases.
#pragma once

#include <torch/types.h>

#include <string>

namespace elu::lab {

/// Fills a Linear or Conv weight from N(0, gain / fan_in), gain 2 (He) or 1 (LeCun for selu).
void init_fan_in_normal(torch::Tensor& weight, const std::string& act);

}  // namespace elu::lab
