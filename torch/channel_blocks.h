// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// How PELU walks a tensor whose parameters change along dim 1 (channels). The core takes one
// Params per call over contiguous memory, or one Params per column of a row-major (rows, C) array
// (elu::forward_channels), so the tensor is cut into blocks:
//   - shared parameters (1 channel): the whole dense tensor is one block;
//   - channels innermost in memory (a contiguous (batch, features) matrix, channels-last images):
//     x stays as it is, one block of rows of C, walked by the core's per-channel calls;
//   - large planes: x contiguous, blocks are its N*C planes of S = numel/(N*C) elements;
//   - other layouts with small planes: x is copied to (C, N, S) so that each channel is one block
//     of N*S elements, instead of N*C calls on a few elements each.
// Outputs come back in x's memory format (to_output), copied only when the blocks differ from it.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace elu::nn::detail {

/// Planes smaller than this are regrouped by channel. Measured on 256K floats, C = 16, 1 thread,
/// forward + backward, as a multiple of the same tensor with shared parameters: planes of S = 64
/// took 1.90x as planes and 1.75x regrouped; S = 256 took 1.24x as planes and 1.60x regrouped.
inline constexpr int64_t kMinPlaneElements = 128;

enum class BlockMode : int64_t { kShared = 0, kRows = 1, kPlanes = 2, kByChannel = 3 };

struct ChannelBlocks {
  std::vector<int64_t> sizes;  // shape of x
  int64_t channels = 1;        // 1, or x.size(1)
  BlockMode mode = BlockMode::kShared;

  /// Chooses the layout for x with `channels` parameters (1 or x.size(1)).
  static ChannelBlocks choose(const at::Tensor& x, int64_t channels);

  int64_t numel() const;
  int64_t count() const;  // number of blocks (kRows: 1)
  int64_t len() const;    // elements per block

  /// x (of shape `sizes`) in block layout: dense, copied only when it must be.
  at::Tensor to_blocks(const at::Tensor& x) const;
  /// A gradient of shape `sizes` laid out exactly like `blocks` (as returned by to_blocks).
  at::Tensor grad_to_blocks(const at::Tensor& dy, const at::Tensor& blocks) const;
  /// A result in block layout as a tensor of shape `sizes` in the memory format of x (the input
  /// the blocks were made from): a view when the layouts agree, else a copy.
  at::Tensor to_output(const at::Tensor& blocks, const at::Tensor& x) const;
};

/// Calls body(i) for every block i, spread over LibTorch's threads when there are enough blocks
/// (the core then runs each call on one thread); otherwise in order, letting the core use the
/// threads within each block.
template <class Body>
void for_each_block(const ChannelBlocks& layout, Body&& body);

}  // namespace elu::nn::detail

#include "channel_blocks-inl.h"
