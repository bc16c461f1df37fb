// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Ratios between subjects and peers, and the speed targets, evaluated on one run.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "report.h"

namespace elu_bench {

/// One subject compared with several references: ratio = reference time / subject time, so a
/// ratio above 1 means the subject is faster.
struct Comparison {
  std::string subject;
  std::vector<std::string> references;
};
const std::vector<Comparison>& comparisons();

/// speed ratio (reference time / subject time) of one subject-reference pair, if both ran.
std::optional<double> speed_ratio(const Results& r, int threads, const std::string& subject,
                                  const std::string& reference, std::size_t n);

/// A speed target: a required ratio between two kernels at some sizes (docs/performance.md
/// explains each one and its measured result).
struct Target {
  std::string area;  // "kernels", "low precision", "LibTorch adapter"
  std::string what;  // the target in words
  enum class Kind { speed_at_least, time_at_most } kind;
  double required;
  bool all_threads;  // false: single thread
  struct Point {
    std::string subject, reference;
    std::size_t n;
  };
  std::vector<Point> points;
};
std::vector<Target> targets();

struct TargetVerdict {
  const Target* target;
  int threads;
  std::vector<std::optional<double>>
      ratios;  // per point: speed or time ratio, as target->kind says
  enum class State { met, not_met, not_measured } state;
};
/// `all_threads` is the thread count the run used for "all threads".
std::vector<TargetVerdict> evaluate(const std::vector<Target>& list, const Results& r,
                                    int all_threads);
const char* state_name(TargetVerdict::State s);

}  // namespace elu_bench
