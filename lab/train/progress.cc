// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "train/progress.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace elu::lab {
namespace {

std::string clock_text(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

// 4 decimals; "nan" rather than printf's "-nan" for a diverged run.
std::string shown(double v) {
  if (std::isnan(v)) return "nan";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

}  // namespace

void Progress::begin_epoch(const std::string& run, int epoch, int epochs, std::size_t batches) {
  run_ = run;
  epoch_ = epoch;
  epochs_ = epochs;
  batches_ = batches;
  epoch_start_ = std::chrono::steady_clock::now();
  last_draw_ = {};
}

void Progress::batch_done(std::size_t done, double running_loss) {
  if (!terminal_) return;
  const auto now = std::chrono::steady_clock::now();
  // Redraw at most 10 times a second: the terminal, not the training, should wait.
  if (done != batches_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - epoch_start_).count();
  const double per_batch = elapsed / static_cast<double>(done);
  const double left = per_batch * static_cast<double>(batches_ - done) +
                      per_batch * static_cast<double>(batches_) * (epochs_ - epoch_);
  constexpr int kWidth = 24;
  const int filled = static_cast<int>(kWidth * done / batches_);
  std::string bar(filled, '#');
  bar.append(kWidth - filled, '.');
  std::printf("\r\033[K%s  epoch %d/%d [%s] %3d%%  loss %s  ETA %s", run_.c_str(), epoch_, epochs_,
              bar.c_str(), static_cast<int>(100 * done / batches_), shown(running_loss).c_str(),
              clock_text(left).c_str());
  std::fflush(stdout);
  bar_shown_ = true;
}

void Progress::end_epoch(const std::string& run, const EpochRecord& e, int epochs) {
  std::ostringstream line;
  // No test figures here: an epoch is chosen by validation loss, and the report reads the test
  // set at that epoch only.
  line << run << "  epoch " << e.epoch << "/" << epochs << "  train_loss " << shown(e.train_loss)
       << "  val_loss " << shown(e.val_loss);
  if (!std::isnan(e.val_accuracy)) line << "  val_acc " << shown(e.val_accuracy);
  line << "  median_act " << shown(median_activation(e)) << "  dead " << shown(dead_fraction(e));
  line.precision(2);
  line << std::fixed << "  " << e.train_seconds << " s";
  note(line.str());
}

void Progress::warn(const std::string& line) {
  if (bar_shown_) {
    std::printf("\r\033[K");
    std::fflush(stdout);
  }
  bar_shown_ = false;
  std::fprintf(stderr, "elu-lab: note: %s\n", line.c_str());
  std::fflush(stderr);
}

void Progress::note(const std::string& line) {
  if (bar_shown_) std::printf("\r\033[K");
  bar_shown_ = false;
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}

}  // namespace elu::lab
