// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The Wilcoxon signed-rank test on paired values, as Clevert et al. (2015) decide their claims:
// exact p-values for small samples, the normal approximation for large ones. Plain C++.
#pragma once

#include <cstddef>
#include <vector>

namespace elu::lab {

/// Samples of at most this many non-zero differences get the exact distribution of W+
/// (enumerated over all 2^n sign patterns by dynamic programming, ties included); larger ones the
/// normal approximation with tie and continuity corrections.
inline constexpr std::size_t kWilcoxonExactMaxN = 25;

struct WilcoxonResult {
  std::size_t n = 0;         // non-zero differences (zeros are dropped, Wilcoxon's convention)
  double w_plus = 0.0;       // sum of the ranks of the positive differences
  double w_minus = 0.0;      // sum of the ranks of the negative differences
  double p_less = 1.0;       // one-sided p for "differences tend to be negative": P(W+ <= w_plus)
  double p_greater = 1.0;    // one-sided p for "differences tend to be positive": P(W+ >= w_plus)
  double p_two_sided = 1.0;  // min(1, 2 min(p_less, p_greater))
  bool exact = true;         // false: normal approximation
};

/// Ranks |d| (ties get their average rank) after dropping d == 0; n == 0 gives every p = 1.
/// Throws std::invalid_argument for a non-finite difference.
WilcoxonResult wilcoxon_signed_rank(const std::vector<double>& differences);

}  // namespace elu::lab
