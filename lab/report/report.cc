// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "report/report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "report/claims.h"
#include "report/plots.h"
#include "util/atomic_file.h"

namespace elu::lab {
namespace {

std::string fmt(double v, const char* format) {
  if (std::isnan(v)) return "nan";  // not printf's "-nan"
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

// "0.8712 ± 0.0021" with several seeds, "0.8712" with one, "—" with none (all diverged).
std::string cell(const Stat& s, int seeds, const char* format = "%.4f") {
  if (seeds == 0) return "—";
  return seeds > 1 ? fmt(s.mean, format) + " ± " + fmt(s.std, format) : fmt(s.mean, format);
}

std::vector<std::string> all_divergence_notes(const std::vector<RunGroup>& groups) {
  std::vector<std::string> notes;
  for (const RunGroup& g : groups) {
    for (const std::string& n : divergence_notes(g)) notes.push_back(n);
  }
  return notes;
}

// The run whose last epoch the layer table shows: the first that did not diverge, if any.
const RunHistory& shown_run(const RunGroup& g) {
  for (const RunHistory& r : g.runs) {
    if (!r.diverged) return r;
  }
  return g.runs.front();
}

std::string setup_section(const ReportContext& context, const std::vector<RunGroup>& groups) {
  const RunHistory& first = groups.front().runs.front();
  const RunSpec& s = first.spec;
  std::size_t epochs = 0;  // the longest run's: a diverged one stops early
  for (const RunGroup& g : groups) {
    for (const RunHistory& r : g.runs) epochs = std::max(epochs, r.epochs.size());
  }
  std::ostringstream md;
  md << "## Setup\n\n";
  md << "- Command: `" << context.command_line << "`\n";
  md << "- Machine: " << context.machine << "; finished " << context.date << "\n";
  md << "- Model: " << s.model << ", " << first.model_description << "\n";
  md << "- Training: " << s.optimizer << ", lr " << s.lr << ", batch " << s.batch << ", " << epochs
     << " epoch(s), seeds " << s.seed << ".." << s.seed + groups.front().runs.size() - 1 << "\n";
  md << "- Data: Fashion-MNIST, " << first.train_images << " training images, "
     << first.validation_images
     << " validation images (held out from the end of the training file), " << first.test_images
     << " test images\n";
  md << "- Hidden-layer statistics on the first " << std::min(kProbeImages, first.train_images)
     << " training images; a unit is dead when |f'(z)| < " << kDeadDerivative
     << " on every one of them (conv: at every position; rnn: at every step)\n\n";
  return md.str();
}

std::string results_table(const std::vector<RunGroup>& groups, const std::string& kind) {
  std::ostringstream md;
  md << "| " << kind
     << " | final train loss | best val loss | test accuracy | median act. | mean act. | dead "
        "units | s/epoch |\n";
  md << "|---|---|---|---|---|---|---|---|\n";
  for (const RunGroup& g : groups) {
    const GroupSummary s = summarise(g);
    std::string label = s.label;
    if (s.diverged > 0) {
      label += " (" + std::to_string(s.diverged) + " of " + std::to_string(s.diverged + s.seeds) +
               " runs diverged)";
    }
    md << "| " << label << " | " << cell(s.final_train_loss, s.seeds) << " | "
       << cell(s.best_val_loss, s.seeds) << " | " << cell(s.test_accuracy, s.seeds) << " | "
       << cell(s.median_activation, s.seeds) << " | " << cell(s.mean_activation, s.seeds) << " | "
       << cell(s.dead_fraction, s.seeds, "%.3f") << " | "
       << cell(s.train_seconds_per_epoch, s.seeds, "%.2f") << " |\n";
  }
  md << "\nMean ± sample std over seeds where there are several. Median and mean activation and "
        "dead units are at the last epoch, over all hidden layers; s/epoch is the training pass "
        "alone.\n\n";
  const std::vector<std::string> diverged = all_divergence_notes(groups);
  if (!diverged.empty()) {
    md << "**Diverged** (a loss that is not a finite number ends a run at that epoch):\n\n";
    for (const std::string& n : diverged) md << "- " << n << "\n";
    md << "\nA diverged run has no final numbers: it is left out of this table (— where no run "
          "is left) and of the claims; the plots show its epochs before it diverged.\n\n";
  }
  return md.str();
}

std::string plots_section(const std::vector<PlotFile>& plots) {
  std::ostringstream md;
  md << "## Plots\n\n";
  for (const PlotFile& p : plots) {
    if (p.omitted.empty()) {
      md << "![" << p.caption << "](" << p.file << ")\n\n";
    } else {
      md << "- " << p.caption << " (" << p.file << "): not drawn, " << p.omitted << ".\n\n";
    }
  }
  return md.str();
}

std::string layer_detail(const std::vector<RunGroup>& groups) {
  std::ostringstream md;
  md << "## Hidden layers at the last epoch (first seed that did not diverge)\n\n";
  md << "| activation | layer | units | mean | median | dead | PELU a | PELU b |\n";
  md << "|---|---|---|---|---|---|---|---|\n";
  for (const RunGroup& g : groups) {
    const RunHistory& run = shown_run(g);
    if (run.epochs.empty()) continue;
    const EpochRecord& e = run.epochs.back();
    const std::string label = run.diverged ? g.label + " (diverged)" : g.label;
    for (std::size_t i = 0; i < e.layers.size(); ++i) {
      const LayerStats& l = e.layers[i];
      md << "| " << label << " | " << i << " | " << l.units << " | " << fmt(l.mean, "%.4f") << " | "
         << fmt(l.median_unit_mean, "%.4f") << " | " << fmt(l.dead_fraction, "%.3f") << " | "
         << (l.pelu_a ? fmt(*l.pelu_a, "%.4f") : "") << " | "
         << (l.pelu_b ? fmt(*l.pelu_b, "%.4f") : "") << " |\n";
    }
  }
  md << "\n";
  return md.str();
}

}  // namespace

void write_compare_report(const std::filesystem::path& dir, const ReportContext& context,
                          const std::vector<RunGroup>& groups) {
  const std::vector<PlotFile> plots = plot_training_curves(dir, groups);
  std::ostringstream md;
  md << "# elu-lab report: activations compared\n\n";
  md << setup_section(context, groups);
  md << "## Results\n\n" << results_table(groups, "activation");
  md << "## The ELU article's claims in this run\n\n";
  for (const ClaimResult& c : check_claims(groups)) {
    md << "- **" << c.claim << ": " << verdict_text(c.verdict) << ".** " << c.evidence << "\n";
  }
  md << "\n" << plots_section(plots) << layer_detail(groups);
  write_file_atomically(dir / "report.md", md.str());
}

std::optional<std::size_t> best_alpha_index(const std::vector<RunGroup>& groups) {
  std::optional<std::size_t> best;
  double best_loss = 0.0;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const GroupSummary s = summarise(groups[i]);
    if (s.diverged > 0 || s.seeds == 0) continue;
    if (!best || s.best_val_loss.mean < best_loss) {
      best = i;
      best_loss = s.best_val_loss.mean;
    }
  }
  return best;
}

void write_sweep_report(const std::filesystem::path& dir, const ReportContext& context,
                        const std::string& act, const std::vector<double>& alphas,
                        const std::vector<RunGroup>& groups) {
  std::vector<Stat> best_val;
  for (const RunGroup& g : groups) best_val.push_back(summarise(g).best_val_loss);
  std::vector<PlotFile> plots{plot_alpha_sweep(dir, act, alphas, best_val)};
  for (const PlotFile& p : plot_training_curves(dir, groups)) plots.push_back(p);
  const std::optional<std::size_t> best = best_alpha_index(groups);

  std::ostringstream md;
  md << "# elu-lab report: alpha sweep of " << act << "\n\n";
  md << setup_section(context, groups);
  md << "## Results\n\n" << results_table(groups, "alpha");
  if (best) {
    const int seeds = static_cast<int>(groups[*best].runs.size());
    md << "**Chosen alpha: " << alphas[*best] << "**, the lowest mean best validation loss ("
       << cell(best_val[*best], seeds)
       << "). Test accuracy at that alpha: " << cell(summarise(groups[*best]).test_accuracy, seeds)
       << ". The choice uses validation data only; the test column is for reading, not for "
          "choosing.";
    if (!all_divergence_notes(groups).empty())
      md << " Alphas with a diverged run were not candidates.";
    md << "\n\n";
  } else {
    md << "**No alpha chosen**: every alpha had a diverged run (listed above).\n\n";
  }
  md << plots_section(plots) << layer_detail(groups);
  write_file_atomically(dir / "report.md", md.str());
}

}  // namespace elu::lab
