// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The shape shared by every element-wise entry point (float, double, bf16, f16): check sizes and
// aliasing first (throwing before anything is written), then run the kernel over fixed chunks on
// the threads the size warrants, with streaming stores for large out-of-place outputs.
#pragma once

#include <cstddef>
#include <span>

#include "parallel.h"
#include "validate.h"

namespace elu::detail {

/// y = f(x): one size; y may be x itself but must not partly overlap it.
template <typename In, typename Out>
void check_map_args(const char* fn, std::span<const In> x, std::span<Out> y) {
  check_size(fn, "x", x.size(), "y", y.size());
  check_alias(fn, "x", x, "y", y, /*may_alias=*/true);
}

/// dx from dy and a saved array (x or y, named `saved_name`): one size; dx may be dy itself but
/// must not overlap the saved array.
template <typename T>
void check_grad_args(const char* fn, const char* saved_name, std::span<const T> dy,
                     std::span<const T> saved, std::span<T> dx) {
  check_size(fn, "dy", dy.size(), saved_name, saved.size());
  check_size(fn, "dy", dy.size(), "dx", dx.size());
  check_alias(fn, "dy", dy, "dx", dx, /*may_alias=*/true);
  check_alias(fn, saved_name, saved, "dx", dx, /*may_alias=*/false);
}

/// Calls kernel(begin, end, stream) over [0, out.size()) in kChunkElements pieces.
/// `in_place`: out is one of the inputs (never streamed: the stores must stay in cache).
/// `bytes_per_element`: memory traffic per element, which decides the thread count.
template <typename Out, typename Kernel>
void run_chunks(std::span<Out> out, bool in_place, std::size_t bytes_per_element, Kernel&& kernel) {
  const bool stream = !in_place && use_streaming_stores(out.size_bytes());
  for_each_chunk(out.size(), threads_for(out.size(), bytes_per_element),
                 [&](std::size_t b, std::size_t e) { kernel(b, e, stream); });
}

}  // namespace elu::detail
