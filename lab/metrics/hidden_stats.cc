// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "metrics/hidden_stats.h"

#include <torch/autograd.h>

#include <algorithm>

namespace elu::lab {
namespace {

// Per-unit sums over the probe set, gathered a chunk of images at a time (a conv layer's
// pre-activations for 1,000 images would take hundreds of MB at once).
struct UnitTally {
  torch::Tensor sum;    // float64 [units]: sum of f(z)
  torch::Tensor alive;  // bool [units]: |f'(z)| >= threshold somewhere
  double per_unit_count = 0.0;
};

void tally(UnitTally& t, torch::nn::AnyModule& act, const torch::Tensor& preactivation) {
  torch::AutoGradMode enable(true);
  torch::Tensor z = preactivation.detach().clone().requires_grad_(true);
  torch::Tensor y = act.forward(z);
  torch::Tensor dy = torch::autograd::grad({y}, {z}, {torch::ones_like(y)})[0];
  // Units are dim 1; reduce every other dim.
  std::vector<int64_t> others{0};
  for (int64_t d = 2; d < z.dim(); ++d) others.push_back(d);
  const torch::Tensor sums = y.detach().to(torch::kFloat64).sum(others);
  const torch::Tensor alive = (dy.abs() >= kDeadDerivative).flatten(2).any(2).any(0);
  if (!t.sum.defined()) {
    t.sum = sums;
    t.alive = alive;
  } else {
    t.sum += sums;
    t.alive |= alive;
  }
  t.per_unit_count += static_cast<double>(z.numel() / z.size(1));
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

std::vector<LayerStats> measure_hidden_layers(LabModel& model, const torch::Tensor& probe_images) {
  constexpr int64_t kChunk = 250;
  const bool was_training = model.is_training();
  model.eval();
  std::vector<UnitTally> tallies(model.hidden_layers());
  for (int64_t begin = 0; begin < probe_images.size(0); begin += kChunk) {
    const int64_t end = std::min(begin + kChunk, probe_images.size(0));
    std::vector<torch::Tensor> preactivations;
    {
      torch::NoGradGuard no_grad;
      model.forward(probe_images.slice(0, begin, end), &preactivations);
    }
    for (std::size_t i = 0; i < tallies.size(); ++i) {
      // A 2-D [n, units] tensor gets a trailing dim so flatten(2) works for every layer kind.
      torch::Tensor z =
          preactivations[i].dim() == 2 ? preactivations[i].unsqueeze(2) : preactivations[i];
      tally(tallies[i], model.activation(i), z);
    }
  }
  model.train(was_training);

  std::vector<LayerStats> stats;
  for (std::size_t i = 0; i < tallies.size(); ++i) {
    const UnitTally& t = tallies[i];
    const torch::Tensor unit_means = (t.sum / t.per_unit_count).contiguous();
    const auto* p = unit_means.data_ptr<double>();
    std::vector<double> means(p, p + unit_means.numel());
    LayerStats s;
    s.units = static_cast<int>(unit_means.numel());
    s.mean = unit_means.mean().item<double>();
    s.median_unit_mean = median(means);
    s.dead_fraction = 1.0 - t.alive.to(torch::kFloat64).mean().item<double>();
    for (const auto& param : model.activation(i).ptr()->named_parameters()) {
      if (param.key() == "a") s.pelu_a = param.value().item<double>();
      if (param.key() == "b") s.pelu_b = param.value().item<double>();
    }
    stats.push_back(s);
  }
  return stats;
}

}  // namespace elu::lab
