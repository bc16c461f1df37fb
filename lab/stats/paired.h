// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// One paired comparison over seeds: the Wilcoxon signed-rank test, the mean difference and its
// bootstrap interval, as the report quotes them.
#pragma once

#include <vector>

#include "stats/bootstrap.h"
#include "stats/wilcoxon.h"

namespace elu::lab {

struct PairedComparison {
  std::size_t pairs = 0;
  double mean_a = 0.0, mean_b = 0.0;
  double effect = 0.0;  // mean over pairs of a - b
  Interval effect_ci;   // 95 % bootstrap interval of `effect`
  WilcoxonResult test;  // on the differences a - b; p_less is the p of "a is lower"
};

/// a[i] and b[i] come from the same seed. Throws std::invalid_argument when the sizes differ,
/// there are no pairs, or a value is not finite.
PairedComparison compare_paired(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace elu::lab
