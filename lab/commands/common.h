// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// What the training subcommands share: the context main hands them, data loading, threads, and
// the directory layout of runs.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cli/options.h"
#include "commands/context.h"
#include "data/fashion_mnist.h"
#include "report/report.h"
#include "train/trainer.h"

namespace elu::lab {

/// Sets LibTorch's thread count (it starts at 1 here, whatever the machine), and warns on stderr
/// when the machine is too busy for that many (busy_machine_warning).
void use_threads(int threads);

/// Loads and checks the data before anything is written (bad data must leave no trace), and
/// prints one line with the normalisation computed from its training images.
FashionMnist load_data(const TrainOptions& options);

/// "elu-seed0", "elu-alpha0.3-seed1", "elu-lr0.001-seed2": the name of a run's directories inside
/// --out/runs and --checkpoint.
std::string run_name(const RunSpec& spec, bool with_alpha, bool with_lr = false);

/// The command line and machine, for metrics.json.
Provenance provenance(const CommandContext& context);

/// "lr 0.01" and "lr0.01-": a report section's heading and plot prefix when a command runs several
/// learning rates; both empty for one.
ReportSection report_section(double lr, bool several, std::vector<RunGroup> groups);

/// The directories a command makes. Unless keep() is called, the destructor removes again the
/// ones it created that are still empty (deepest first; it never removes a file), so a command
/// that fails before writing (a refused --resume, say) leaves no empty --out behind.
class MadeDirectories {
 public:
  MadeDirectories() = default;
  MadeDirectories(const MadeDirectories&) = delete;
  MadeDirectories& operator=(const MadeDirectories&) = delete;
  ~MadeDirectories();

  /// std::filesystem::create_directories(dir), noting each directory that did not exist.
  void create(const std::filesystem::path& dir);
  /// The command succeeded: leave everything.
  void keep() { keep_ = true; }

 private:
  std::vector<std::filesystem::path> created_;  // parents before children
  bool keep_ = false;
};

/// <out>/runs/<name> and <checkpoint>/<name> (if --checkpoint), as RunPaths; creates nothing.
RunPaths nested_run_paths(const TrainOptions& options, const std::string& name);

/// Creates the directories of `paths` through `dirs`.
void create_run_directories(const RunPaths& paths, MadeDirectories& dirs);

/// remove_stale_temporaries in each of `dirs` (empty paths skipped), with one line on stderr per
/// directory that had any. Commands call it once their checks have passed, before writing.
void remove_stale_temporaries_in(const std::vector<std::filesystem::path>& dirs);

ReportContext report_context(const CommandContext& context);

}  // namespace elu::lab
