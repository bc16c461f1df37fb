// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu-lab's subcommands (this header keeps LibTorch out of main.cc). Each add_* registers its
// options on `root` and returns the subcommand; each run_* does the work and returns the exit
// status. Both throw the errors main maps to exit status 2 (OptionError, DataError,
// CheckpointError) before writing anything they concern.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/options.h"
#include "commands/context.h"

namespace elu::lab {

CLI::App* add_train_command(CLI::App& root, TrainOptions& options);
int run_train_command(const TrainOptions& options, const CommandContext& context);

CLI::App* add_compare_command(CLI::App& root, CompareOptions& options);
int run_compare_command(const CompareOptions& options, const CommandContext& context);

CLI::App* add_sweep_command(CLI::App& root, SweepOptions& options);
int run_sweep_command(const SweepOptions& options, const CommandContext& context);

CLI::App* add_bench_command(CLI::App& root, BenchOptions& options);
int run_bench_command(const BenchOptions& options, const CommandContext& context);

}  // namespace elu::lab
