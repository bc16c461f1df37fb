// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// PELU on tensors without autograd: parameter checks and clamping, then the core's kernels per
// channel block (channel_blocks.h). The parameter gradients come from the sums that
// elu::backward_with_sums returns with dx, so the backward reads x and dy once.
#pragma once

#include <ATen/core/Tensor.h>

#include <vector>

#include "channel_blocks.h"

namespace elu::nn::detail {

/// Checks x, a and b (CPU, same float dtype, a and b with 1 element or one per channel of x) and
/// returns the number of channels the parameters cover.
int64_t check_pelu_args(const char* fn, const at::Tensor& x, const at::Tensor& a,
                        const at::Tensor& b);

struct PeluForward {
  at::Tensor y;          // PELU(x), shape of x
  ChannelBlocks layout;  // how x was cut into blocks
  at::Tensor x_blocks;   // x in that layout, kept for the backward
};
PeluForward pelu_forward(const char* fn, const at::Tensor& x, const at::Tensor& a,
                         const at::Tensor& b);

struct PeluGrads {
  at::Tensor dx, da, db;  // shapes of x, a and b
};
/// Gradients for dy = dL/dy, from the saved blocks of x and the (unclamped) parameters.
PeluGrads pelu_backward(const char* fn, const at::Tensor& dy, const ChannelBlocks& layout,
                        const at::Tensor& x_blocks, const at::Tensor& a, const at::Tensor& b);

}  // namespace elu::nn::detail
