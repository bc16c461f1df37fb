// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The merged results.csv at the top of a compare or sweep: every run's every epoch in long format,
// one number per row, so that pandas, R or gnuplot read it without reshaping.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "metrics/history.h"

namespace elu::lab {

struct NamedRun {
  std::string name;  // the run's directory under runs/, e.g. "elu-lr0.01-seed0"
  const RunHistory* history = nullptr;
};

/// The per-epoch metrics results.csv holds, in its row order. Accuracies are left out for the
/// autoencoder, which has none.
std::vector<std::string> result_metrics(const std::string& model);

/// Header "run,act,alpha,seed,model,epoch,metric,value", then one row per run, epoch and metric.
/// Non-finite values are written nan, inf and -inf.
std::string results_csv(const std::vector<NamedRun>& runs);

/// Writes dir/results.csv atomically.
void write_results_csv(const std::filesystem::path& dir, const std::vector<NamedRun>& runs);

}  // namespace elu::lab
