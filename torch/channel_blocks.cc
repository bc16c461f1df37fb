// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "channel_blocks.h"

#include <c10/util/Exception.h>

#include "flat_layout.h"
#include "output_allocation.h"

namespace elu::nn::detail {
namespace {

// Dense with dim 1 of stride 1: memory holds rows of all C channels, channel = index % C.
bool channels_innermost(const at::Tensor& x) {
  return x.dim() >= 2 && x.stride(1) == 1 && x.is_non_overlapping_and_dense();
}

}  // namespace

ChannelBlocks ChannelBlocks::choose(const at::Tensor& x, int64_t channels) {
  ChannelBlocks b;
  b.sizes = x.sizes().vec();
  b.channels = channels;
  if (channels == 1) return b;
  const int64_t planes = x.size(0) * channels;
  if (channels_innermost(x)) {
    b.mode = BlockMode::kRows;
  } else if (planes == 0 || x.numel() == 0 || x.numel() / planes >= kMinPlaneElements) {
    b.mode = BlockMode::kPlanes;
  } else {
    b.mode = BlockMode::kByChannel;
  }
  return b;
}

int64_t ChannelBlocks::numel() const {
  int64_t n = 1;
  for (int64_t s : sizes) n *= s;
  return n;
}

int64_t ChannelBlocks::count() const {
  if (numel() == 0) return 0;
  switch (mode) {
    case BlockMode::kShared:
    case BlockMode::kRows:
      return 1;
    case BlockMode::kPlanes:
      return sizes[0] * channels;
    case BlockMode::kByChannel:
      return channels;
  }
  return 1;
}

int64_t ChannelBlocks::len() const {
  const int64_t c = count();
  return c == 0 ? 0 : numel() / c;
}

at::Tensor ChannelBlocks::to_blocks(const at::Tensor& x) const {
  switch (mode) {
    case BlockMode::kShared:
    case BlockMode::kRows:
      return dense(x);
    case BlockMode::kPlanes:
      return x.contiguous();
    case BlockMode::kByChannel:
      return x.reshape({sizes[0], channels, -1}).transpose(0, 1).contiguous();
  }
  return x;
}

at::Tensor ChannelBlocks::grad_to_blocks(const at::Tensor& dy, const at::Tensor& blocks) const {
  if (mode != BlockMode::kByChannel) return match_layout(dy, blocks);
  return match_layout(dy.reshape({sizes[0], channels, -1}).transpose(0, 1), blocks);
}

at::Tensor ChannelBlocks::to_output(const at::Tensor& blocks, const at::Tensor& x) const {
  const at::Tensor view =
      mode == BlockMode::kByChannel ? blocks.transpose(0, 1).reshape(sizes) : blocks;
  const bool same = x.is_non_overlapping_and_dense()
                        ? view.strides() == x.strides()
                        : view.is_contiguous(x.suggest_memory_format());
  if (same) return view;
  at::Tensor out = new_output_like(x);  // x's strides, or its suggested format when not dense
  out.copy_(view);
  return out;
}

}  // namespace elu::nn::detail
