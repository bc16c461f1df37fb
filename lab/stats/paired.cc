// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "stats/paired.h"

#include <numeric>
#include <stdexcept>

namespace elu::lab {

PairedComparison compare_paired(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) throw std::invalid_argument("compare_paired: sizes differ");
  if (a.empty()) throw std::invalid_argument("compare_paired: no pairs");
  std::vector<double> d(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) d[i] = a[i] - b[i];
  PairedComparison c;
  c.pairs = a.size();
  const double n = static_cast<double>(a.size());
  c.mean_a = std::accumulate(a.begin(), a.end(), 0.0) / n;
  c.mean_b = std::accumulate(b.begin(), b.end(), 0.0) / n;
  c.effect = std::accumulate(d.begin(), d.end(), 0.0) / n;
  c.test = wilcoxon_signed_rank(d);  // throws for a non-finite difference
  c.effect_ci = bootstrap_mean_ci(d);
  return c;
}

}  // namespace elu::lab
