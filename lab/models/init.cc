// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "models/init.h"

#include <cmath>

#include "models/activation_names.h"

namespace elu::lab {

void init_fan_in_normal(torch::Tensor& weight, const std::string& act) {
  torch::NoGradGuard no_grad;
  const double gain = activation_is_self_normalising(act) ? 1.0 : 2.0;
  const double fan_in = static_cast<double>(weight[0].numel());
  weight.normal_(0.0, std::sqrt(gain / fan_in));
}

}  // namespace elu::lab
