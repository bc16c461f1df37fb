// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "timing.h"

#include <algorithm>
#include <chrono>
#include <limits>

namespace elu_bench {
namespace {

// In-place kernels restore their input at least every this many calls. Inputs are >= -6, so 8
// multiplications of the gradient by f'(x) >= e^-6 keep it above 0.5 e^-48, far from subnormal.
constexpr std::size_t kRestoreEvery = 8;

double one_repetition(const Kernel& k, std::size_t calls) {
  using Clock = std::chrono::steady_clock;
  const std::size_t block = k.restore ? std::min(calls, kRestoreEvery) : calls;
  Clock::duration spent{};
  for (std::size_t done = 0; done < calls; done += block) {
    const std::size_t now = std::min(block, calls - done);
    if (k.restore) k.restore();  // untimed
    const Clock::time_point start = Clock::now();
    for (std::size_t c = 0; c < now; ++c) k.run();
    spent += Clock::now() - start;
  }
  const double ns = std::chrono::duration<double, std::nano>(spent).count();
  return ns / (static_cast<double>(calls) * static_cast<double>(k.n));
}

}  // namespace

double time_per_element(const Kernel& k, const TimingPlan& plan) {
  using Clock = std::chrono::steady_clock;
  const std::size_t n = std::max<std::size_t>(k.n, 1);
  const std::size_t calls = std::max<std::size_t>(1, (plan.work_elements + n - 1) / n);
  one_repetition(k, calls);  // warm-up: caches, lazy initialisation, thread teams
  const Clock::time_point start = Clock::now();
  double best = std::numeric_limits<double>::infinity();
  for (int r = 0; r < plan.reps; ++r) {
    best = std::min(best, one_repetition(k, calls));
    const double spent = std::chrono::duration<double>(Clock::now() - start).count();
    if (r + 1 >= plan.min_reps && spent > plan.budget_seconds) break;
  }
  return best;
}

}  // namespace elu_bench
