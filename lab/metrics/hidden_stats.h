// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Measures LayerStats (metrics/layer_stats.h) for every hidden layer of a model on a fixed set of
// training images.
#pragma once

#include <torch/types.h>

#include <vector>

#include "metrics/layer_stats.h"
#include "models/model.h"

namespace elu::lab {

/// Runs the probe images through the model in eval mode without touching any gradient the
/// trainer owns; f'(z) comes from autograd on each layer's own activation module.
std::vector<LayerStats> measure_hidden_layers(LabModel& model, const torch::Tensor& probe_images);

}  // namespace elu::lab
