// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// PELU on tensors without autograd: clamping of the parameters, then the core's kernels per
// channel block (channel_blocks.h). The parameter gradients come from the sums that
// elu::backward_with_sums returns with dx, so the backward reads x and dy once. Arguments were
// checked at the entry, and x, a and b share one dtype, float32 or float64 (the entry converts
// others, grad_mode_dispatch.cc).
#pragma once

#include <ATen/core/Tensor.h>

#include "channel_blocks.h"

namespace elu::nn::detail {

struct PeluForward {
  at::Tensor y;          // PELU(x), shape and memory format of x
  ChannelBlocks layout;  // how x was cut into blocks
  at::Tensor x_blocks;   // x in that layout, kept for the backward
};
PeluForward pelu_forward(const char* fn, const at::Tensor& x, const at::Tensor& a,
                         const at::Tensor& b, int64_t channels);

struct PeluGrads {
  at::Tensor dx, da, db;  // shapes of x, a and b; dx in x's memory format
};
/// Gradients for dy = dL/dy, from the saved blocks of x (and x itself, for dx's memory format)
/// and the unclamped parameters.
PeluGrads pelu_backward(const char* fn, const at::Tensor& dy, const ChannelBlocks& layout,
                        const at::Tensor& x_blocks, const at::Tensor& x, const at::Tensor& a,
                        const at::Tensor& b);

}  // namespace elu::nn::detail
