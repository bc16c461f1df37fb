// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The timing loop. Our own rather than Google Benchmark's: every kernel of every library must see
// exactly the same protocol (same warm-up, same work per repetition, same untimed restores for
// in-place calls), and the ratios between them are the product, not one kernel's absolute time.
#pragma once

#include <cstddef>

#include "kernel.h"

namespace elu_bench {

struct TimingPlan {
  /// Elements processed per repetition: ceil(work_elements / n) calls, at least one. Small sizes
  /// are timed over many calls (the clock's resolution does not matter), yet one repetition stays
  /// short, so that some repetitions run undisturbed on a shared machine.
  std::size_t work_elements = std::size_t{1} << 22;
  /// Repetitions; the minimum is reported (the run least disturbed by the rest of the machine).
  int reps = 20;
  /// Large sizes stop early, after at least min_reps repetitions, once a kernel has taken
  /// budget_seconds (one call at 128M takes 0.1 to 0.5 s).
  int min_reps = 5;
  double budget_seconds = 3.0;
};

/// Nanoseconds per element of one call of `k`: warm-up (one repetition's worth of calls, or one
/// call for sizes above work_elements), then the minimum over the timed repetitions.
double time_per_element(const Kernel& k, const TimingPlan& plan);

}  // namespace elu_bench
