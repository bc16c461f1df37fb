// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// One training run: seed, build, train epoch by epoch, measure, write metrics, checkpoint.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <torch/optim/optimizer.h>

#include "train/run_spec.h"
#include "data/fashion_mnist.h"
#include "metrics/history.h"
#include "models/model.h"
#include "train/progress.h"

namespace elu::lab {

namespace dist {
class Communicator;
}

struct RunPaths {
  std::filesystem::path out_dir;         // metrics.csv and metrics.json, rewritten every epoch
  std::filesystem::path checkpoint_dir;  // empty: no checkpoints
  bool resume = false;                   // continue from checkpoint_dir if it holds one
};

/// What metrics.json records about where a run came from.
struct Provenance {
  std::string command_line, machine;
};

struct Evaluation {
  double loss = 0.0, accuracy = 0.0;
};

/// Mean cross-entropy and accuracy over a split, in eval mode, without gradients; for an
/// autoencoder the MSE per pixel, and accuracy NaN.
Evaluation evaluate(LabModel& model, const Split& split);

/// SGD (no momentum, as in the paper's MLP setup) or Adam, over all of the model's parameters.
std::unique_ptr<torch::optim::Optimizer> make_optimizer(const RunSpec& spec, LabModel& model);

/// Trains one epoch over the training data in an order drawn from `shuffle_seed`; returns the
/// mean minibatch loss. (bench uses this; run_training keeps its own order generator.)
double train_epoch(LabModel& model, torch::optim::Optimizer& optimizer, const Split& train,
                   int batch, std::uint64_t shuffle_seed, Progress* progress);

/// For a resume, checks that the checkpoint in paths.checkpoint_dir (if there is one) would be
/// accepted by run_training with this spec and data, without training or writing anything;
/// commands call it for every run before the first one starts. Throws CheckpointError.
void check_resumable(const RunSpec& spec, const FashionMnist& data, const RunPaths& paths);

/// How a run spreads over the ranks of a distributed job (docs/distributed.md). With a
/// communicator of more than one rank, every rank trains its share of each global batch
/// (spec.batch, which the world size must divide), the gradients are summed in flat buckets
/// (overlapped with the backward pass unless `overlap` is off), and rank 0 alone evaluates,
/// measures and writes; the others return a history without evaluations.
struct DataParallel {
  dist::Communicator* comm = nullptr;  // nullptr: this process alone, exactly as without a job
  bool overlap = true;
};

/// Runs spec.epochs epochs (fewer if resuming) and returns the whole history, which records
/// `provenance` and the data's directory and normalisation (in metrics.json). Directories in
/// `paths` must exist. Throws CheckpointError if a resume finds a foreign, damaged or
/// inconsistent checkpoint. A loss that is not finite (NaN or inf) ends the run at that epoch:
/// history.diverged records where, the checkpoint and metrics are written as for any epoch, and
/// a line on stderr says so. Resuming a diverged run trains nothing and rewrites its metrics.
RunHistory run_training(const RunSpec& spec, const FashionMnist& data, const RunPaths& paths,
                        Progress& progress, const std::string& run_label,
                        const Provenance& provenance = {}, const DataParallel& parallel = {});

}  // namespace elu::lab
