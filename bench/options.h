// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu-bench's command line.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "timing.h"

namespace elu_bench {

struct Options {
  std::vector<std::size_t> sizes;  // elements
  std::vector<int> threads;        // each >= 1
  std::string filter;              // POSIX extended regex searched in kernel ids; empty: all
  std::string json_path;           // empty: no JSON file
  TimingPlan plan;
  bool quick = false;
  std::string target;                // --target: the dispatch target to measure; empty: best
  std::vector<std::string> compare;  // --compare OLD NEW: compare two reports, measure nothing
};

/// Parses argv (CLI11). Returns the exit code instead of options when the program should stop
/// (--help, or bad input, with the message already printed).
struct ParseOutcome {
  std::optional<Options> options;
  int exit_code = 0;
};
ParseOutcome parse_options(int argc, char** argv);

/// "4K" -> 4096, "1M" -> 1048576, "1000" -> 1000; throws std::invalid_argument otherwise.
std::size_t parse_size(const std::string& text);

}  // namespace elu_bench
