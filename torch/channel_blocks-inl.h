// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Template part of channel_blocks.h.
#pragma once

#include <ATen/Parallel.h>

#include <algorithm>

namespace elu::nn::detail {

template <class Body>
void for_each_block(const ChannelBlocks& layout, Body&& body) {
  const int64_t count = layout.count();
  if (count >= at::get_num_threads() && count > 1) {
    // About 64K elements per task: below that a task costs more to hand out than to run.
    const int64_t grain =
        std::max<int64_t>(1, (int64_t{1} << 16) / std::max<int64_t>(1, layout.len()));
    at::parallel_for(0, count, grain, [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) body(i);
    });
  } else {
    for (int64_t i = 0; i < count; ++i) body(i);
  }
}

}  // namespace elu::nn::detail
