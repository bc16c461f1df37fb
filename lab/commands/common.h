// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// What the training subcommands share: the context main hands them, data loading, threads, and
// the directory layout of runs.
#pragma once

#include <filesystem>
#include <string>

#include "cli/options.h"
#include "commands/context.h"
#include "data/fashion_mnist.h"
#include "report/report.h"
#include "train/trainer.h"

namespace elu::lab {

/// Sets LibTorch's thread count (it starts at 1 here, whatever the machine), and warns on stderr
/// when the machine is too busy for that many (busy_machine_warning).
void use_threads(int threads);

/// Loads and checks the data before anything is written (bad data must leave no trace).
FashionMnist load_data(const TrainOptions& options);

/// "elu-seed0", "elu-alpha0.3-seed1": the name of a run's directories inside --out/runs and
/// --checkpoint.
std::string run_name(const RunSpec& spec, bool with_alpha);

/// Creates <out>/runs/<name> (and <checkpoint>/<name>) and returns them as RunPaths.
RunPaths nested_run_paths(const TrainOptions& options, const std::string& name);

ReportContext report_context(const CommandContext& context);

}  // namespace elu::lab
