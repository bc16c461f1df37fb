// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The report's PNG plots: one line per group (activation or alpha) with a band of +-1 standard
// deviation over seeds.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "report/summary.h"

namespace elu::lab {

struct PlotFile {
  std::string file;     // name inside the output directory, e.g. "loss.png"
  std::string caption;  // one line for report.md
  std::string omitted;  // non-empty: not drawn (and any old one removed), and why
};

/// loss.png (training and validation loss), median_activation.png, test_accuracy.png (for
/// information; not for an autoencoder) and dead_units.png in `dir`, each name after `prefix`
/// (e.g. "lr0.01-"). Returns them in that order. Points that are not finite (a diverged
/// run's) are left out; a plot with no finite point at all is not drawn (PlotFile::omitted).
std::vector<PlotFile> plot_training_curves(const std::filesystem::path& dir,
                                           const std::vector<RunGroup>& groups,
                                           const std::string& prefix = "");

/// <prefix>alpha_sweep.png: best validation loss (mean +- std over seeds) against alpha, log x
/// axis; alphas whose value is not finite (every run diverged) are left out.
PlotFile plot_alpha_sweep(const std::filesystem::path& dir, const std::string& act,
                          const std::vector<double>& alphas, const std::vector<Stat>& best_val_loss,
                          const std::string& prefix = "");

}  // namespace elu::lab
