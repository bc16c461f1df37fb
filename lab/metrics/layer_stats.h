// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// What the ELU article's claims are about, per hidden layer: the mean activation, the median over
// units of each unit's mean activation (Clevert et al.'s Fig. 2 measure), and the fraction of dead
// units. Plain numbers, free of LibTorch; metrics/hidden_stats.h measures them.
#pragma once

#include <cstddef>
#include <optional>

namespace elu::lab {

/// A unit is dead when |f'(z)| < kDeadDerivative on every probe image (and, for conv channels and
/// rnn units, at every position or step): no gradient reaches its inputs through it.
inline constexpr double kDeadDerivative = 1e-3;
/// Size of the fixed probe set: the first training images.
inline constexpr std::size_t kProbeImages = 1000;

struct LayerStats {
  int units = 0;                         // units (dense), channels (conv) or state size (rnn)
  double mean = 0.0;                     // mean of f(z) over images, units (and positions or steps)
  double median_unit_mean = 0.0;         // median over units of each unit's mean f(z)
  double dead_fraction = 0.0;            // dead units / units
  std::optional<double> pelu_a, pelu_b;  // PELU's learned parameters (before the forward clamp)
};

}  // namespace elu::lab
