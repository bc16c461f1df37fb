// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// A percentile bootstrap confidence interval for the mean of paired differences, with its own
// fixed-seed generator so that a report is the same on every run and machine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace elu::lab {

inline constexpr std::size_t kBootstrapResamples = 10000;
inline constexpr std::uint64_t kBootstrapSeed = 20150101;  // fixed: reports must be reproducible

struct Interval {
  double low = 0.0, high = 0.0;
};

/// 95 % percentile interval of the mean of `values` over `resamples` resamples drawn with
/// replacement (std::mt19937_64 from `seed`; indices by modulo, whose bias at a few dozen values
/// is below 1e-17). One value gives [v, v]. Throws std::invalid_argument for no values.
Interval bootstrap_mean_ci(const std::vector<double>& values,
                           std::size_t resamples = kBootstrapResamples,
                           std::uint64_t seed = kBootstrapSeed);

}  // namespace elu::lab
