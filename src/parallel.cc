#include "parallel.h"

#include <omp.h>

#include <atomic>
#include <stdexcept>
#include <string>

#include "elu/elu.hpp"

namespace elu {
namespace {
std::atomic<int> g_requested_threads{0};  // 0 = all hardware threads

// Below this many bytes of traffic a call stays on the calling thread: waking an OpenMP team
// costs a few microseconds, about what one core needs for 1 MiB at L2 speed (docs/performance.md).
constexpr std::size_t kParallelMinBytes = std::size_t{1} << 20;

// Out-of-place outputs above this size use streaming stores: beyond the last-level cache share
// of one call the write-allocate read is pure waste (docs/performance.md).
constexpr std::size_t kStreamingMinBytes = std::size_t{64} << 20;
}  // namespace

void set_num_threads(int n) {
  if (n < 0) {
    throw std::invalid_argument("elu::set_num_threads: n must be >= 0 (0 = all hardware threads), got " +
                                std::to_string(n));
  }
  g_requested_threads.store(n, std::memory_order_relaxed);
}

int num_threads() {
  const int n = g_requested_threads.load(std::memory_order_relaxed);
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
