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

/// The runs of one activation (or one alpha), one per seed, with equal epoch counts unless a run
/// diverged (then it ends at that epoch).
struct RunGroup {
  std::string label;
  std::vector<RunHistory> runs;
};

struct Stat {
  double mean = 0.0, std = 0.0;  // std: sample standard deviation over seeds (0 for one seed);
                                 // both NaN when there is no value (every run diverged)
};

/// Over the runs that did not diverge: a diverged run has no final numbers, and a mean over the
/// survivors alone would flatter the group, so the report names diverged runs separately.
struct GroupSummary {
  std::string label;
  int seeds = 0, epochs = 0;  // seeds: runs that did not diverge; epochs: the longest of them
  int diverged = 0;           // runs that diverged, left out of every Stat below (NaN if all)
  Stat final_train_loss, mean_train_loss;  // mean_train_loss: averaged over all epochs
  Stat best_val_loss, final_val_loss;
  // At each run's epoch of lowest validation loss (chosen_epoch_index): the test set is only
  // read there, never used to choose.
  Stat chosen_epoch, test_accuracy, test_loss;
  Stat median_activation, mean_activation, dead_fraction;  // at the last epoch
  Stat train_seconds_per_epoch;
};

GroupSummary summarise(const RunGroup& group);

/// Index into r.epochs of the epoch with the lowest finite validation loss (the first of equal
/// ones; 0 when none is finite). r.epochs must not be empty.
std::size_t chosen_epoch_index(const RunHistory& r);

/// "elu seed 1 diverged at epoch 3 (training loss nan in minibatch 5 of 32)", one per diverged
/// run of the group, in order.
std::vector<std::string> divergence_notes(const RunGroup& group);

/// Stat over seeds of `metric` at every epoch; entry i is epoch i+1, up to the longest run. Each
/// entry is over the runs that have a finite value at that epoch (a diverged run counts until it
/// diverged); NaN where none has.
std::vector<Stat> curve(const RunGroup& group,
                        const std::function<double(const EpochRecord&)>& metric);

}  // namespace elu::lab
