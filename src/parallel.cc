// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "parallel.h"

#include <omp.h>

#include <atomic>
#include <stdexcept>
#include <string>

#include "elu/elu.hpp"

namespace elu {
namespace {
std::atomic<int> g_requested_threads{0};  // 0 = not set: the calling thread's default
// Set by a host runtime (the LibTorch adapter) per calling thread, so that following the host's
// thread count never overwrites a count the user chose with set_num_threads.
thread_local int t_default_threads = 0;  // 0 = all hardware threads

// Below this many bytes of traffic a call stays on the calling thread. Measured with
// bench/measure_thresholds.sh (docs/performance.md) when chunks were 64K elements (they are
// kChunkElements = 16K now; the threshold was not measured again): a second thread
// pays at the smallest two-chunk call of every type: f32 forward at 128K elements (1 MiB)
// 0.174 -> 0.095 ns/element, bf16 forward at 128K (512 KiB) 0.147 -> 0.082, int8 at 128K
// (256 KiB) 0.022 -> 0.018. A team wake-up costs about 0.6 us here (ReLU loop at 128K).
constexpr std::size_t kParallelMinBytes = std::size_t{256} << 10;

// Out-of-place outputs of at least this size use streaming stores. Measured with
// bench/measure_thresholds.sh (docs/performance.md): for 16-24 MiB outputs (f32 at 4M-6M) they
// lose 5-15% (the output still fits the last-level cache share), from 32 MiB (8M) they win in
// most runs and from 48 MiB in all, e.g. f32 forward at 12M, one thread: 0.44-0.50 ns/element
// streaming against 0.58-0.76 with ordinary stores.
constexpr std::size_t kStreamingMinBytes = std::size_t{32} << 20;
}  // namespace

void set_num_threads(int n) {
  if (n < 0) {
    throw std::invalid_argument(
        "elu::set_num_threads: n must be >= 0 (0 = all hardware threads), got " +
        std::to_string(n));
  }
  g_requested_threads.store(n, std::memory_order_relaxed);
}

void set_default_num_threads(int n) {
  if (n < 0) {
    throw std::invalid_argument(
        "elu::set_default_num_threads: n must be >= 0 (0 = all hardware threads), got " +
        std::to_string(n));
  }
  t_default_threads = n;
}

int num_threads() {
  int n = g_requested_threads.load(std::memory_order_relaxed);
  if (n == 0) n = t_default_threads;
  return n == 0 ? omp_get_num_procs() : n;
}

namespace detail {

int threads_for(std::size_t n, std::size_t bytes_per_element) {
  if (omp_in_parallel()) return 1;  // never nest inside the caller's parallel region
  if (n * bytes_per_element < kParallelMinBytes) return 1;
  const int wanted = num_threads();
  const std::size_t chunks = (n + kChunkElements - 1) / kChunkElements;
  return static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(wanted), chunks));
}

bool use_streaming_stores(std::size_t output_bytes) { return output_bytes >= kStreamingMinBytes; }

}  // namespace detail
}  // namespace elu
