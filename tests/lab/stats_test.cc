// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The statistics behind the report's claims against textbook values: the Wilcoxon signed-rank
// statistic, its exact p-values (the table of critical values found in statistics textbooks), the
// normal approximation, and the bootstrap's reproducibility.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "stats/bootstrap.h"
#include "stats/paired.h"
#include "stats/wilcoxon.h"

namespace elu::lab {
namespace {

// Differences whose ranks are 1..n, with the ranks in `negative` carrying a minus sign.
std::vector<double> ranked(int n, const std::vector<int>& negative) {
  std::vector<double> d;
  for (int r = 1; r <= n; ++r) {
    const bool minus = std::find(negative.begin(), negative.end(), r) != negative.end();
    d.push_back(minus ? -r * 0.1 : r * 0.1);
  }
  return d;
}

TEST(Wilcoxon, StatisticWithTiesAndZeros) {
  // |d| = 1, 2, 2, 3 after the zero is dropped: ranks 1, 2.5, 2.5, 4.
  const WilcoxonResult r = wilcoxon_signed_rank({0.0, 1.0, -2.0, 2.0, -3.0});
  EXPECT_EQ(r.n, 4u);
  EXPECT_DOUBLE_EQ(r.w_plus, 3.5);
  EXPECT_DOUBLE_EQ(r.w_minus, 6.5);
  EXPECT_TRUE(r.exact);
}

TEST(Wilcoxon, ExactPForFiveAllOneWay) {
  // Every difference negative: W+ = 0, whose probability is 1/2^5.
  const WilcoxonResult r = wilcoxon_signed_rank({-0.1, -0.3, -0.2, -0.5, -0.4});
  EXPECT_DOUBLE_EQ(r.w_plus, 0.0);
  EXPECT_DOUBLE_EQ(r.p_less, 1.0 / 32);
  EXPECT_DOUBLE_EQ(r.p_greater, 1.0);
  EXPECT_DOUBLE_EQ(r.p_two_sided, 2.0 / 32);
}

TEST(Wilcoxon, ExactPMatchesEnumeration) {
  // n = 8, ranks 1, 2 negative: W+ = 33, W- = 3. P(W- <= 3) counts the rank sets with sum <= 3:
  // {}, {1}, {2}, {3}, {1,2}: 5 of 256.
  const WilcoxonResult r = wilcoxon_signed_rank(ranked(8, {1, 2}));
  EXPECT_DOUBLE_EQ(r.w_minus, 3.0);
  EXPECT_DOUBLE_EQ(r.p_greater, 5.0 / 256);
}

// Two-sided critical values at alpha = 0.05 (the largest T = min(W+, W-) with p <= 0.05), as
// printed in textbook tables of the signed-rank test (e.g. Siegel, Nonparametric Statistics).
TEST(Wilcoxon, TextbookCriticalValues) {
  const std::vector<std::pair<int, int>> table{{6, 0},   {7, 2},   {8, 3},   {9, 5},   {10, 8},
                                               {11, 10}, {12, 13}, {13, 17}, {14, 21}, {15, 25},
                                               {16, 29}, {17, 34}, {18, 40}, {19, 46}, {20, 52}};
  for (const auto& [n, critical] : table) {
    // T = critical and T = critical + 1 built as W- from distinct ranks: the largest rank <= T
    // plus what remains.
    for (int t : {critical, critical + 1}) {
      std::vector<int> negative;
      int left = t;
      for (int r = n; r >= 1 && left > 0; --r) {
        if (r <= left) {
          negative.push_back(r);
          left -= r;
        }
      }
      ASSERT_EQ(left, 0);
      const WilcoxonResult w = wilcoxon_signed_rank(ranked(n, negative));
      ASSERT_DOUBLE_EQ(w.w_minus, t);
      if (t == critical) {
        EXPECT_LE(w.p_two_sided, 0.05) << "n " << n << " T " << t;
      } else {
        EXPECT_GT(w.p_two_sided, 0.05) << "n " << n << " T " << t;
      }
    }
  }
}

TEST(Wilcoxon, NormalApproximationForLargeSamples) {
  // n = 30, ranks 6 and 25..30 negative: W- = 171, W+ = 294. Under H0 W+ has mean 232.5 and
  // sd sqrt(30 * 31 * 61 / 24) = 48.618, so p_greater = P(Z >= (293.5 - 232.5) / 48.618) = 0.1048.
  const WilcoxonResult r = wilcoxon_signed_rank(ranked(30, {30, 29, 28, 27, 26, 25, 6}));
  EXPECT_FALSE(r.exact);
  EXPECT_DOUBLE_EQ(r.w_plus, 294.0);
  EXPECT_NEAR(r.p_greater, 0.1048, 5e-4);
  EXPECT_NEAR(r.p_two_sided, 2 * r.p_greater, 1e-12);
}

TEST(Wilcoxon, NoDifferenceGivesPOne) {
  const WilcoxonResult r = wilcoxon_signed_rank({0.0, 0.0, 0.0});
  EXPECT_EQ(r.n, 0u);
  EXPECT_DOUBLE_EQ(r.p_less, 1.0);
  EXPECT_THROW(wilcoxon_signed_rank({NAN}), std::invalid_argument);
}

TEST(Bootstrap, SameSeedSameIntervalOtherSeedOther) {
  std::vector<double> v;
  for (int i = 0; i < 15; ++i) v.push_back(std::sin(1.7 * i) * 0.3 + 0.05);
  const Interval a = bootstrap_mean_ci(v), b = bootstrap_mean_ci(v);
  EXPECT_EQ(a.low, b.low);
  EXPECT_EQ(a.high, b.high);
  const Interval c = bootstrap_mean_ci(v, kBootstrapResamples, kBootstrapSeed + 1);
  EXPECT_TRUE(a.low != c.low || a.high != c.high);
  double mean = 0;
  for (double x : v) mean += x / v.size();
  EXPECT_LT(a.low, mean);
  EXPECT_GT(a.high, mean);
  EXPECT_GE(a.low, *std::min_element(v.begin(), v.end()));
  EXPECT_LE(a.high, *std::max_element(v.begin(), v.end()));
  // About 1.96 standard errors either side of the mean.
  double sq = 0;
  for (double x : v) sq += (x - mean) * (x - mean);
  const double se = std::sqrt(sq / v.size() / v.size());
  EXPECT_NEAR(a.high - a.low, 2 * 1.96 * se, 0.25 * 2 * 1.96 * se);
  const Interval one = bootstrap_mean_ci({2.5});
  EXPECT_EQ(one.low, 2.5);
  EXPECT_EQ(one.high, 2.5);
}

TEST(Paired, EffectIsTheMeanDifference) {
  const PairedComparison c = compare_paired({1, 2, 3, 4, 5}, {2, 3, 4, 5, 6.5});
  EXPECT_EQ(c.pairs, 5u);
  EXPECT_DOUBLE_EQ(c.effect, -1.1);
  EXPECT_DOUBLE_EQ(c.test.p_less, 1.0 / 32);
  EXPECT_LE(c.effect_ci.low, -1.1);
  EXPECT_GE(c.effect_ci.high, -1.1);
  EXPECT_THROW(compare_paired({1}, {1, 2}), std::invalid_argument);
}

}  // namespace
}  // namespace elu::lab
