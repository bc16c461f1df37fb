// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "report/summary.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace elu::lab {
namespace {

// NaN for no values: a group whose runs all diverged has no numbers, and 0 would look like one.
Stat stat(const std::vector<double>& v) {
  Stat s;
  if (v.empty())
    return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  s.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  if (v.size() > 1) {
    double sq = 0.0;
    for (double x : v) sq += (x - s.mean) * (x - s.mean);
    s.std = std::sqrt(sq / static_cast<double>(v.size() - 1));
  }
  return s;
}

Stat over_runs(const RunGroup& g, const std::function<double(const RunHistory&)>& f) {
  std::vector<double> v;
  for (const RunHistory& r : g.runs) {
    if (!r.epochs.empty() && !r.diverged) v.push_back(f(r));
  }
  return stat(v);
}

}  // namespace

std::size_t chosen_epoch_index(const RunHistory& r) {
  std::size_t best = 0;
  for (std::size_t i = 0; i < r.epochs.size(); ++i) {
    const double v = r.epochs[i].val_loss;
    if (std::isfinite(v) &&
        (!std::isfinite(r.epochs[best].val_loss) || v < r.epochs[best].val_loss))
      best = i;
  }
  return best;
}

GroupSummary summarise(const RunGroup& g) {
  GroupSummary s;
  s.label = g.label;
  for (const RunHistory& r : g.runs) {
    if (r.diverged) {
      ++s.diverged;
    } else {
      ++s.seeds;
      s.epochs = std::max(s.epochs, static_cast<int>(r.epochs.size()));
    }
  }
  s.final_train_loss = over_runs(g, [](const RunHistory& r) { return r.epochs.back().train_loss; });
  s.mean_train_loss = over_runs(g, [](const RunHistory& r) {
    double sum = 0.0;
    for (const EpochRecord& e : r.epochs) sum += e.train_loss;
    return sum / static_cast<double>(r.epochs.size());
  });
  s.best_val_loss = over_runs(g, [](const RunHistory& r) {
    double best = r.epochs.front().val_loss;
    for (const EpochRecord& e : r.epochs) best = std::min(best, e.val_loss);
    return best;
  });
  s.final_val_loss = over_runs(g, [](const RunHistory& r) { return r.epochs.back().val_loss; });
  s.chosen_epoch = over_runs(
      g, [](const RunHistory& r) { return static_cast<double>(chosen_epoch_index(r) + 1); });
  s.test_accuracy = over_runs(
      g, [](const RunHistory& r) { return r.epochs[chosen_epoch_index(r)].test_accuracy; });
  s.test_loss =
      over_runs(g, [](const RunHistory& r) { return r.epochs[chosen_epoch_index(r)].test_loss; });
  s.median_activation =
      over_runs(g, [](const RunHistory& r) { return median_activation(r.epochs.back()); });
  s.mean_activation =
      over_runs(g, [](const RunHistory& r) { return mean_activation(r.epochs.back()); });
  s.dead_fraction =
      over_runs(g, [](const RunHistory& r) { return dead_fraction(r.epochs.back()); });
  s.train_seconds_per_epoch = over_runs(g, [](const RunHistory& r) {
    double sum = 0.0;
    for (const EpochRecord& e : r.epochs) sum += e.train_seconds;
    return sum / static_cast<double>(r.epochs.size());
  });
  return s;
}

std::vector<std::string> divergence_notes(const RunGroup& g) {
  std::vector<std::string> notes;
  for (const RunHistory& r : g.runs) {
    if (!r.diverged) continue;
    notes.push_back(g.label + " seed " + std::to_string(r.spec.seed) + " diverged at epoch " +
                    std::to_string(r.diverged->epoch) + " (" + r.diverged->reason + ")");
  }
  return notes;
}

std::vector<Stat> curve(const RunGroup& g,
                        const std::function<double(const EpochRecord&)>& metric) {
  std::size_t epochs = 0;
  for (const RunHistory& r : g.runs) epochs = std::max(epochs, r.epochs.size());
  std::vector<Stat> out;
  for (std::size_t i = 0; i < epochs; ++i) {
    std::vector<double> v;
    for (const RunHistory& r : g.runs) {
      if (i < r.epochs.size() && std::isfinite(metric(r.epochs[i])))
        v.push_back(metric(r.epochs[i]));
    }
    out.push_back(stat(v));
  }
  return out;
}

}  // namespace elu::lab
