// What the ELU article's claims are about, measured per hidden layer on a fixed set of training
// images: the mean activation, the median over units of each unit's mean activation (Clevert et
// al.'s Fig. 2 measure), and the fraction of dead units.
#pragma once

#include <torch/types.h>

#include <cstddef>
#include <optional>
#include <vector>

#include "models/model.h"

namespace elu::lab {

/// A unit is dead when |f'(z)| < kDeadDerivative on every probe image (and, for conv channels and
/// rnn units, at every position or step): no gradient reaches its inputs through it.
inline constexpr double kDeadDerivative = 1e-3;
/// Size of the fixed probe set: the first training images.
inline constexpr std::size_t kProbeImages = 1000;

struct LayerStats {
  int units = 0;                  // units (dense), channels (conv) or state size (rnn)
  double mean = 0.0;              // mean of f(z) over images, units (and positions or steps)
  double median_unit_mean = 0.0;  // median over units of each unit's mean f(z)
  double dead_fraction = 0.0;     // dead units / units
  std::optional<double> pelu_a, pelu_b;  // PELU's learned parameters (before the forward clamp)
};

/// Runs the probe images through the model in eval mode without touching any gradient the
/// trainer owns; f'(z) comes from autograd on each layer's own activation module.
std::vector<LayerStats> measure_hidden_layers(LabModel& model, const torch::Tensor& probe_images);

}  // namespace elu::lab
