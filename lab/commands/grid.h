// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// What compare and sweep share: a grid of planned runs, checked, given its directories, trained
// (alone, or shared over the ranks of a job) and gathered on rank 0.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "commands/common.h"
#include "dist/communicator.h"

namespace elu::lab {

struct PlannedRun {
  RunSpec spec;
  RunPaths paths;
  std::string label;  // in progress lines
};

struct GridResult {
  bool root = true;                          // this process writes the report (rank 0, or alone)
  std::vector<RunHistory> runs;              // in plan order; on rank 0 only
  std::unique_ptr<dist::Communicator> comm;  // finish() it once the report is written
};

/// Trains every run of `plan` and returns their histories.
/// - Before anything is written, every checkpoint is checked (check_resumable) and stale
///   temporaries are removed; then the directories are made.
/// - Alone (a world of one) the runs train here in order, as they always have.
/// - In a job with Parallelism::kRuns, run i trains on rank i % world size, alone there; each rank
///   writes its own runs' metrics and checkpoints, and rank 0 gathers every history and writes
///   every run's metrics too, so that its --out is complete without a shared file system.
/// - With Parallelism::kData every run trains over all ranks in turn (run_training's
///   DataParallel), and rank 0 writes.
/// `command` and the plan make the job text that every rank must agree on.
GridResult run_grid(const std::string& command, const std::vector<PlannedRun>& plan,
                    const TrainOptions& options, const FashionMnist& data,
                    const CommandContext& context, const dist::World& world, Parallelism mode,
                    MadeDirectories& dirs);

}  // namespace elu::lab
