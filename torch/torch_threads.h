// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// How many threads elu's kernels use when called from LibTorch.
#pragma once

namespace elu::nn::detail {

/// Before each core call: a count set with elu::set_num_threads wins; otherwise the calling
/// thread's default becomes at::get_num_threads(), so elu never runs more threads than LibTorch
/// was given. Touches no global setting (elu::set_default_num_threads is thread-local).
void follow_torch_threads();

}  // namespace elu::nn::detail
