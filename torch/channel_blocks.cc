// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "channel_blocks.h"

#include <c10/util/Exception.h>

#include "flat_layout.h"

namespace elu::nn::detail {

ChannelBlocks ChannelBlocks::choose(const at::Tensor& x, int64_t channels) {
  ChannelBlocks b;
  b.sizes = x.sizes().vec();
  b.channels = channels;
  if (channels > 1) {
    const int64_t planes = x.size(0) * channels;
    b.by_row = planes > 0 && x.numel() == planes;
    b.by_channel =
        !b.by_row && planes > 0 && x.numel() > 0 && x.numel() / planes < kMinPlaneElements;
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
  if (channels == 1 || by_row) return 1;
  return by_channel ? channels : sizes[0] * channels;
}

int64_t ChannelBlocks::len() const {
  const int64_t c = count();
  return c == 0 ? 0 : numel() / c;
}

at::Tensor ChannelBlocks::to_blocks(const at::Tensor& x) const {
  if (channels == 1) return dense(x);
  if (by_row) return x.contiguous();
  if (!by_channel) return x.contiguous();
  return x.reshape({sizes[0], channels, -1}).transpose(0, 1).contiguous();
}

at::Tensor ChannelBlocks::grad_to_blocks(const char* fn, const at::Tensor& dy,
                                         const at::Tensor& blocks) const {
  TORCH_CHECK(dy.sizes() == at::IntArrayRef(sizes), fn, ": gradient has shape ", dy.sizes(),
              " but the input had shape ", at::IntArrayRef(sizes));
  if (!by_channel) return match_layout(fn, dy, blocks);
  return match_layout(fn, dy.reshape({sizes[0], channels, -1}).transpose(0, 1), blocks);
}

at::Tensor ChannelBlocks::from_blocks(const at::Tensor& blocks) const {
  if (!by_channel) return blocks;
  return blocks.transpose(0, 1).reshape(sizes);
}

}  // namespace elu::nn::detail
