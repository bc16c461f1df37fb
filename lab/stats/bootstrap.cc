// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "stats/bootstrap.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

namespace elu::lab {

Interval bootstrap_mean_ci(const std::vector<double>& values, std::size_t resamples,
                           std::uint64_t seed) {
  if (values.empty()) throw std::invalid_argument("bootstrap_mean_ci: no values");
  if (resamples == 0) throw std::invalid_argument("bootstrap_mean_ci: no resamples");
  // std::uniform_int_distribution differs between standard libraries; the engine does not.
  std::mt19937_64 engine(seed);
  const std::size_t n = values.size();
  std::vector<double> means(resamples);
  for (double& m : means) {
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) sum += values[engine() % n];
    m = sum / static_cast<double>(n);
  }
  std::sort(means.begin(), means.end());
  // Percentiles 2.5 and 97.5 by the nearest-rank rule.
  auto at = [&](double q) {
    const auto k = static_cast<std::size_t>(std::ceil(q * static_cast<double>(resamples)));
    return means[std::min(resamples, std::max<std::size_t>(k, 1)) - 1];
  };
  return {at(0.025), at(0.975)};
}

}  // namespace elu::lab
