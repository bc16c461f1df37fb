// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "torch_threads.h"

#include <ATen/Parallel.h>

#include "elu/elu.hpp"

namespace elu::nn::detail {

void follow_torch_threads() { elu::set_default_num_threads(at::get_num_threads()); }

}  // namespace elu::nn::detail
