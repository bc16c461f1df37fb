// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The two forms of a run's report: text tables on stdout and --json FILE. Both hold the same
// figures: machine, command, times in ns per element, subject-to-peer ratios, targets.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "kernel.h"
#include "machine.h"
#include "software.h"
#include "report.h"
#include "timing.h"
#include "verdicts.h"

namespace elu_bench {

struct RunInfo {
  std::string command;
  Machine machine;
  Software software;
  TimingPlan plan;
  std::vector<std::size_t> sizes;
  std::vector<int> threads;
  int all_threads = 1;
  std::vector<MissingPeer> missing;
};

void print_header(const RunInfo& run);
/// Times and ratios for one thread count (kernels of --sizes, then the shaped autograd rows).
void print_tables(const RunInfo& run, const Results& results, int threads);
void print_targets(const std::vector<TargetVerdict>& verdicts);
/// Throws std::runtime_error when the file cannot be written.
void write_json(const std::string& path, const RunInfo& run, const Results& results,
                const std::vector<TargetVerdict>& verdicts);

}  // namespace elu_bench
