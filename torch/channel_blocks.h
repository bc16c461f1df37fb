// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// How PELU walks a tensor whose parameters change along dim 1 (channels). The core takes one
// Params per call over contiguous memory, so the tensor is cut into equal blocks that each use one
// channel's parameters; block i belongs to channel i % channels.
//   - shared parameters (1 channel): the whole dense tensor is one block;
//   - large planes: x contiguous, blocks are its N*C planes of S = numel/(N*C) elements;
//   - one element per plane (a (batch, features) matrix, S = 1): x stays as it is, one block,
//     and the core's per-channel calls (elu::forward_channels) walk it;
//   - other small planes: x is copied to (C, N, S) so that each channel is one block of N*S
//     elements, instead of N*C calls on a few elements each.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace elu::nn::detail {

/// Planes smaller than this are regrouped by channel. Measured on 256K floats, C = 16, 1 thread,
/// forward + backward, as a multiple of the same tensor with shared parameters: planes of S = 64
/// took 1.90x as planes and 1.75x regrouped; S = 256 took 1.24x as planes and 1.60x regrouped.
inline constexpr int64_t kMinPlaneElements = 128;

struct ChannelBlocks {
  std::vector<int64_t> sizes;  // shape of x
  int64_t channels = 1;        // 1, or x.size(1)
  bool by_channel = false;     // blocks hold x permuted to (C, N, S)
  bool by_row = false;         // S = 1: x dense as (N, C), handled by the per-channel core calls

  /// Chooses the layout for x with `channels` parameters (1 or x.size(1)).
  static ChannelBlocks choose(const at::Tensor& x, int64_t channels);

  int64_t numel() const;
  int64_t count() const;  // number of blocks
  int64_t len() const;    // elements per block

  /// x (of shape `sizes`) in block layout: dense, copied only when it must be.
  at::Tensor to_blocks(const at::Tensor& x) const;
  /// A gradient of shape `sizes` laid out exactly like `blocks` (as returned by to_blocks).
  at::Tensor grad_to_blocks(const char* fn, const at::Tensor& dy, const at::Tensor& blocks) const;
  /// A tensor in block layout seen with shape `sizes` again (a view, no copy).
  at::Tensor from_blocks(const at::Tensor& blocks) const;
};

/// Calls body(i) for every block i, spread over LibTorch's threads when there are enough blocks
/// (the core then runs each call on one thread); otherwise in order, letting the core use the
/// threads within each block.
template <class Body>
void for_each_block(const ChannelBlocks& layout, Body&& body);

}  // namespace elu::nn::detail

#include "channel_blocks-inl.h"
