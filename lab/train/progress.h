// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Training progress for a person: on a terminal, a bar with ETA and running loss redrawn in
// place; otherwise (a log file, a pipe, CI) exactly one plain line per epoch.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "metrics/history.h"

namespace elu::lab {

class Progress {
 public:
  /// Draws the bar only when `terminal` (main passes isatty(stdout)).
  explicit Progress(bool terminal) : terminal_(terminal) {}

  void begin_epoch(const std::string& run, int epoch, int epochs, std::size_t batches);
  void batch_done(std::size_t done, double running_loss);
  void end_epoch(const std::string& run, const EpochRecord& record, int epochs);
  /// A line of its own (clears a bar in progress first).
  void note(const std::string& line);
  /// "elu-lab: note: <line>" on stderr, for what a person must not miss in the log (a diverged
  /// run): stdout may be a file nobody reads.
  void warn(const std::string& line);

 private:
  bool terminal_;
  std::string run_;
  int epoch_ = 0, epochs_ = 0;
  std::size_t batches_ = 0;
  std::chrono::steady_clock::time_point epoch_start_, last_draw_;
  bool bar_shown_ = false;
};

}  // namespace elu::lab
