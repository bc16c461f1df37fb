// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The per-epoch record of a training run, and its two files: metrics.csv and metrics.json.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "metrics/layer_stats.h"
#include "train/run_spec.h"

namespace elu::lab {

struct EpochRecord {
  int epoch = 0;  // 1-based
  // Losses are cross-entropy, or for the autoencoder the MSE per pixel; its accuracies are NaN.
  double train_loss = 0.0;                      // mean over the epoch's minibatches
  double val_loss = 0.0, val_accuracy = 0.0;    // held-out last 5,000 training images
  double test_loss = 0.0, test_accuracy = 0.0;  // the 10,000 test images
  double train_seconds = 0.0;                   // wall time of the training pass
  double epoch_seconds = 0.0;                   // wall time including evaluation and the probe
  std::vector<LayerStats> layers;
};

/// Where a run stopped because a loss was not a finite number (NaN or infinite).
struct Divergence {
  int epoch = 0;       // 1-based: the run's last epoch
  std::string reason;  // e.g. "training loss nan in minibatch 3 of 32"
};

struct RunHistory {
  RunSpec spec;
  std::string model_description;
  std::size_t train_images = 0, validation_images = 0, test_images = 0;
  std::string data_dir;                      // the --data directory
  double pixel_mean = 0.0, pixel_std = 1.0;  // of the training images, pixels in [0, 1]
  std::string command_line, machine;         // what ran it, and where (metrics.json only)
  int data_parallel_ranks = 1;  // ranks that trained it together (elu-lab --parallel data)
  std::vector<EpochRecord> epochs;
  std::optional<Divergence> diverged;  // set: the run ended at diverged->epoch, by divergence
};

/// The first of train, validation and test loss that is not finite, as "training loss nan";
/// empty when all three are finite.
std::string non_finite_loss(const EpochRecord& e);

/// Network-wide views of one epoch's hidden-layer statistics.
double median_activation(const EpochRecord& e);  // mean over layers of the per-layer median
double mean_activation(const EpochRecord& e);    // mean over layers of the per-layer mean
double dead_fraction(const EpochRecord& e);      // dead units / hidden units, all layers together

nlohmann::json to_json(const RunSpec& spec);
RunSpec run_spec_from_json(const nlohmann::json& j);
/// Also records the software (elu version, git commit, SIMD target, LibTorch version), the data
/// and its normalisation, the command line and the machine.
nlohmann::json to_json(const RunHistory& history);
/// Non-finite numbers (a diverged run's losses) are written as null, which JSON can hold, and
/// null is read back as NaN. "diverged" is null or {"epoch": N, "reason": "..."}.
/// Throws nlohmann::json::exception on a malformed document.
RunHistory run_history_from_json(const nlohmann::json& j);

/// One header line, then one line per epoch; hidden-layer columns are layer<i>_mean,
/// layer<i>_median, layer<i>_dead (and layer<i>_pelu_a, layer<i>_pelu_b for PELU), and the last
/// column, diverged, is 1 on the epoch where the run diverged and 0 elsewhere. Non-finite numbers
/// are written nan, inf and -inf.
std::string to_csv(const RunHistory& history);

/// v for a CSV cell: 9 significant digits; "nan", "inf", "-inf" as CSV readers expect.
std::string csv_number(double v);

/// Writes dir/metrics.csv and dir/metrics.json, each atomically.
void write_metrics(const RunHistory& history, const std::filesystem::path& dir);

}  // namespace elu::lab
