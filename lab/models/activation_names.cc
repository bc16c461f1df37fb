// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "models/activation_names.h"

namespace elu::lab {

const std::vector<std::string>& activation_names() {
  static const std::vector<std::string> names{"elu",  "relu", "leaky_relu", "selu",
                                              "celu", "pelu", "torch_elu",  "gelu",
                                              "silu", "mish", "prelu",      "softplus"};
  return names;
}

bool activation_uses_alpha(const std::string& name) {
  return name == "elu" || name == "torch_elu" || name == "celu";
}

bool activation_is_self_normalising(const std::string& name) { return name == "selu"; }

}  // namespace elu::lab
