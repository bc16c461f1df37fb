// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The ELU article's claims, each decided by paired tests over seeds: every ELU-family member in
// the run against every baseline in it, one-sided Wilcoxon signed-rank test (Clevert et al. decide
// their claims with Wilcoxon tests too), effect size with a 95 % bootstrap interval.
#pragma once

#include <string>
#include <vector>

#include "report/summary.h"
#include "stats/paired.h"

namespace elu::lab {

/// A paired test needs this many seeds; with 5 seeds, all favouring one side, the one-sided exact
/// p is 1/32 = 0.031, the first below kSignificance.
inline constexpr std::size_t kMinSeedsForTest = 5;
inline constexpr double kSignificance = 0.05;

enum class Verdict { kHeld, kNotHeld, kNotTested };

/// One ELU-family member against one baseline on one measure.
struct PairTest {
  std::string member, baseline;           // group labels
  std::vector<unsigned long long> seeds;  // paired: both runs exist and neither diverged
  PairedComparison comparison;            // member - baseline; valid when seeds is not empty
  Verdict verdict = Verdict::kNotTested;
  std::string note;  // e.g. the target loss, or runs that never reached it
};

struct ClaimResult {
  std::string claim;    // the article's words, shortened
  std::string measure;  // what is compared per seed; lower favours the member
  std::vector<PairTest> pairs;
  std::string not_tested;  // non-empty: no pair could be formed, and why
};

/// True for elu, torch_elu, celu, selu and pelu; the other activations are baselines.
bool is_elu_family(const std::string& act);

/// Zero-centred activations, learning speed (epochs to a target loss, and the area under the
/// training-loss curve), dying units, and for the autoencoder the reconstruction error at the
/// epoch chosen by validation loss. `groups` are matched by activation name (labels may carry an
/// alpha); pairs are over the seeds both groups have without a diverged run.
std::vector<ClaimResult> check_claims(const std::vector<RunGroup>& groups);

/// "held (p = 0.031)", "not held (p = 0.41)", "not tested: fewer than 5 seeds (2)".
std::string verdict_text(const PairTest& t);

}  // namespace elu::lab
