// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Reduces runs to the numbers a report shows: per epoch and per group (one activation, or one
// alpha), mean and standard deviation over seeds.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "metrics/history.h"

namespace elu::lab {

/// The runs of one activation (or one alpha), one per seed, with equal epoch counts.
struct RunGroup {
  std::string label;
  std::vector<RunHistory> runs;
};

struct Stat {
  double mean = 0.0, std = 0.0;  // std: sample standard deviation over seeds (0 for one seed)
};

struct GroupSummary {
  std::string label;
  int seeds = 0, epochs = 0;
  Stat final_train_loss, mean_train_loss;  // mean_train_loss: averaged over all epochs
  Stat best_val_loss, final_val_loss, test_accuracy;
  Stat median_activation, mean_activation, dead_fraction;  // at the last epoch
  Stat train_seconds_per_epoch;
};

GroupSummary summarise(const RunGroup& group);

/// Stat over seeds of `metric` at every epoch; entry i is epoch i+1.
std::vector<Stat> curve(const RunGroup& group,
                        const std::function<double(const EpochRecord&)>& metric);

}  // namespace elu::lab
