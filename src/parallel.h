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

/// Calls body(begin, end) over [0, n) in kChunkElements pieces, on up to `threads` threads.
template <class Body>
void for_each_chunk(std::size_t n, int threads, Body&& body) {
  const std::size_t chunks = (n + kChunkElements - 1) / kChunkElements;
  if (chunks == 0) return;
  if (threads <= 1 || chunks == 1) {
    // Same pieces as the parallel loop, so that per-chunk partial sums are bit-identical.
    for (std::size_t begin = 0; begin < n; begin += kChunkElements) {
      body(begin, begin + kChunkElements < n ? begin + kChunkElements : n);
    }
    return;
  }
  const long long count = static_cast<long long>(chunks);
#pragma omp parallel for num_threads(threads) schedule(static)
  for (long long c = 0; c < count; ++c) {
    const std::size_t begin = static_cast<std::size_t>(c) * kChunkElements;
    const std::size_t end = begin + kChunkElements < n ? begin + kChunkElements : n;
    body(begin, end);
  }
}

}  // namespace elu::detail
