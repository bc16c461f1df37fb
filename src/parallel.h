// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// How one call is split over threads, and when outputs bypass the caches.
#pragma once

#include <cstddef>
#include <vector>

namespace elu::detail {

/// Elements per chunk handed to one thread: 16K (64 KiB of floats) lets a 64K-element call use
/// two threads (a 2-thread OpenMP call costs about 0.6 us here, docs/performance.md) and stays in
/// L2. Fixed, so per-chunk partial sums do not depend on the thread count.
inline constexpr std::size_t kChunkElements = std::size_t{1} << 14;

/// Threads to use for an array of n elements (1 inside an OpenMP parallel region, for small
/// arrays, or when set_num_threads(1) was called).
int threads_for(std::size_t n, std::size_t bytes_per_element);

/// Whether an out-of-place output of this many bytes should use non-temporal stores.
bool use_streaming_stores(std::size_t output_bytes);

/// Calls body(i) for every i in [0, count), on up to `threads` threads (static schedule).
template <class Body>
void for_each_index(std::size_t count, int threads, Body&& body) {
  if (threads <= 1 || count <= 1) {
    for (std::size_t i = 0; i < count; ++i) body(i);
    return;
  }
  const long long n = static_cast<long long>(count);
#pragma omp parallel for num_threads(threads) schedule(static)
  for (long long i = 0; i < n; ++i) body(static_cast<std::size_t>(i));
}

/// Calls body(begin, end) over [0, n) in kChunkElements pieces, on up to `threads` threads. The
/// pieces do not depend on the thread count, so per-chunk partial sums are bit-identical.
template <class Body>
void for_each_chunk(std::size_t n, int threads, Body&& body) {
  const std::size_t chunks = (n + kChunkElements - 1) / kChunkElements;
  for_each_index(chunks, threads, [&](std::size_t c) {
    const std::size_t begin = c * kChunkElements;
    body(begin, begin + kChunkElements < n ? begin + kChunkElements : n);
  });
}

}  // namespace elu::detail
