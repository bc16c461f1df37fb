// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// One file per run, DIR/checkpoint.pt, holding everything a resumed run needs to continue
// bit-for-bit: the model, the optimizer state, torch's generator, the data-order generator and
// the metrics so far. Written atomically, so a kill at any moment leaves the previous one intact.
#pragma once

#include <torch/optim/optimizer.h>

#include <filesystem>
#include <string>

#include "metrics/history.h"
#include "train/checkpoint_error.h"
#include "models/model.h"

namespace elu::lab {

/// State outside the model and optimizer that a resumed run must get back.
struct TrainingState {
  int epochs_done = 0;
  std::string order_rng;  // std::mt19937_64 in its text form
  RunHistory history;
};

std::filesystem::path checkpoint_file(const std::filesystem::path& dir);

/// Saves model, optimizer, torch's default CPU generator and `state`.
void save_checkpoint(const std::filesystem::path& dir, LabModel& model,
                     torch::optim::Optimizer& optimizer, const TrainingState& state);

/// Loads a checkpoint saved by a run with the same spec (epochs aside) into model, optimizer and
/// torch's generator, and returns the rest. Throws CheckpointError for an unreadable file or a
/// different configuration.
TrainingState load_checkpoint(const std::filesystem::path& dir, const RunSpec& spec,
                              LabModel& model, torch::optim::Optimizer& optimizer);

}  // namespace elu::lab
