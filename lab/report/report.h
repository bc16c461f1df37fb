// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// report.md and its plots, for a compare run (one group per activation) or a sweep (one group per
// alpha). Written into the output directory; report.md is replaced atomically.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "report/summary.h"

namespace elu::lab {

/// Where the numbers came from: shown at the top of the report.
struct ReportContext {
  std::string command_line;
  std::string machine;
  std::string date;
};

/// The runs of one learning rate. With several sections each gets a heading (`title`) and its
/// plots a file-name prefix; a single section has neither.
struct ReportSection {
  std::string title;   // e.g. "lr 0.01"
  std::string prefix;  // e.g. "lr0.01-"
  std::vector<RunGroup> groups;
};

/// Per section: table per activation, the article's claims as paired tests over seeds, plots, and
/// per-layer detail of the last epoch. Diverged runs are listed ("elu seed 0 diverged at epoch 3
/// (...)") and left out of the table and the claims; plots that have no finite point are named as
/// not drawn.
void write_compare_report(const std::filesystem::path& dir, const ReportContext& context,
                          const std::vector<ReportSection>& sections);
void write_sweep_report(const std::filesystem::path& dir, const ReportContext& context,
                        const std::string& act, const std::vector<double>& alphas,
                        const std::vector<RunGroup>& groups);
void write_compare_report(const std::filesystem::path& dir, const ReportContext& context,
                          const std::vector<RunGroup>& groups);

/// Per section: table per alpha, the chosen alpha (lowest mean best-validation-loss), plots.
/// section.groups[i] holds the runs of alphas[i].
void write_sweep_report(const std::filesystem::path& dir, const ReportContext& context,
                        const std::string& act, const std::vector<double>& alphas,
                        const std::vector<ReportSection>& sections);
void write_sweep_report(const std::filesystem::path& dir, const ReportContext& context,
                        const std::string& act, const std::vector<double>& alphas,
                        const std::vector<RunGroup>& groups);

/// Index of the alpha with the lowest mean best-validation loss (ties: the first), among the
/// alphas none of whose runs diverged (a survivor's loss would flatter its alpha); none if every
/// alpha had a diverged run.
std::optional<std::size_t> best_alpha_index(const std::vector<RunGroup>& groups);

}  // namespace elu::lab
