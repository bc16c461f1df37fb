// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "report/report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "report/claims.h"
#include "report/plots.h"
#include "stats/bootstrap.h"
#include "stats/wilcoxon.h"
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

// "0.01" or "0.01, 0.001" (one per section).
std::string learning_rates(const std::vector<ReportSection>& sections) {
  std::ostringstream out;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    out << (i ? ", " : "") << sections[i].groups.front().runs.front().spec.lr;
  }
  return out.str();
}

// A section's part of the report under its own "## title" heading, its headings one level down.
std::string demoted(const std::string& part, const std::string& title) {
  std::string out = "## " + title + "\n\n";
  std::istringstream lines(part);
  for (std::string line; std::getline(lines, line);) {
    out += (line.rfind("#", 0) == 0 ? "#" : "") + line + "\n";
  }
  return out;
}

bool is_autoencoder(const std::vector<RunGroup>& groups) {
  return groups.front().runs.front().spec.model == "autoencoder";
}

std::string setup_section(const ReportContext& context, const std::vector<RunGroup>& groups,
                          const std::string& learning_rates) {
  const RunHistory& first = groups.front().runs.front();
  const RunSpec& s = first.spec;
  std::size_t epochs = 0;  // the longest run's: a diverged one stops early
  for (const RunGroup& g : groups) {
    for (const RunHistory& r : g.runs) epochs = std::max(epochs, r.epochs.size());
  }
  const std::size_t seeds = groups.front().runs.size();
  std::ostringstream md;
  md << "## Setup\n\n";
  md << "- Command: `" << context.command_line << "`\n";
  md << "- Machine: " << context.machine << "; finished " << context.date << "\n";
  md << "- Model: " << s.model << ", " << first.model_description << "\n";
  md << "- Training: " << s.optimizer << ", lr " << learning_rates << ", batch " << s.batch << ", "
     << epochs << " epoch(s), seeds " << s.seed << ".." << s.seed + seeds - 1 << "\n";
  md << "- Seeds: " << seeds << " per activation; "
     << (seeds >= kMinSeedsForTest ? "enough for the paired tests of the claims (they need "
                                   : "too few for the paired tests of the claims, which need ")
     << kMinSeedsForTest << (seeds >= kMinSeedsForTest ? ")" : " (`--seeds 5`)") << "\n";
  md << "- Data: " << (first.data_dir.empty() ? "?" : first.data_dir) << ", " << first.train_images
     << " training images, " << first.validation_images
     << " validation images (held out from the end of the training file), " << first.test_images
     << " test images; normalised with the training images' pixel mean "
     << fmt(first.pixel_mean, "%.4f") << " and std " << fmt(first.pixel_std, "%.4f") << "\n";
  md << "- Hidden-layer statistics on the first " << std::min(kProbeImages, first.train_images)
     << " training images; a unit is dead when |f'(z)| < " << kDeadDerivative
     << " on every one of them (conv: at every position; rnn: at every step)\n";
  md << "- Each run's epoch is chosen by its lowest validation loss; test figures are read at that "
        "epoch only\n\n";
  return md.str();
}

std::string results_table(const std::vector<RunGroup>& groups, const std::string& kind) {
  const bool ae = is_autoencoder(groups);
  std::ostringstream md;
  md << "| " << kind << " | final train " << (ae ? "MSE" : "loss") << " | best val "
     << (ae ? "MSE" : "loss") << " | chosen epoch | " << (ae ? "test MSE" : "test accuracy")
     << " | median act. | mean act. | dead units | s/epoch |\n";
  md << "|---|---|---|---|---|---|---|---|---|\n";
  for (const RunGroup& g : groups) {
    const GroupSummary s = summarise(g);
    std::string label = s.label;
    if (s.diverged > 0) {
      label += " (" + std::to_string(s.diverged) + " of " + std::to_string(s.diverged + s.seeds) +
               " runs diverged)";
    }
    const char* loss_format = ae ? "%.5f" : "%.4f";
    md << "| " << label << " | " << cell(s.final_train_loss, s.seeds, loss_format) << " | "
       << cell(s.best_val_loss, s.seeds, loss_format) << " | "
       << cell(s.chosen_epoch, s.seeds, "%.1f") << " | "
       << (ae ? cell(s.test_loss, s.seeds, loss_format) : cell(s.test_accuracy, s.seeds)) << " | "
       << cell(s.median_activation, s.seeds) << " | " << cell(s.mean_activation, s.seeds) << " | "
       << cell(s.dead_fraction, s.seeds, "%.3f") << " | "
       << cell(s.train_seconds_per_epoch, s.seeds, "%.2f") << " |\n";
  }
  md << "\nMean ± sample std over seeds where there are several. The chosen epoch is each run's "
        "lowest validation loss, and the test column is read there. Median and mean activation "
        "and dead units are at the last epoch, over all hidden layers; s/epoch is the training "
        "pass alone.\n\n";
  const std::vector<std::string> diverged = all_divergence_notes(groups);
  if (!diverged.empty()) {
    md << "**Diverged** (a loss that is not a finite number ends a run at that epoch):\n\n";
    for (const std::string& n : diverged) md << "- " << n << "\n";
    md << "\nA diverged run has no final numbers: it is left out of this table (— where no run "
          "is left) and of the claims; the plots show its epochs before it diverged.\n\n";
  }
  return md.str();
}

std::string claims_section(const std::vector<RunGroup>& groups) {
  const std::vector<ClaimResult> claims = check_claims(groups);
  std::ostringstream md;
  md << "## The ELU article's claims in this run\n\n";
  md << "Each ELU-family member in the run against each baseline in it, paired by seed: "
        "one-sided Wilcoxon signed-rank test (H1: the member's value is lower; exact p for up to "
     << kWilcoxonExactMaxN << " seeds), held when p < " << kSignificance << ", not tested below "
     << kMinSeedsForTest
     << " seeds. Effect: mean over seeds of member − baseline, with a 95 % bootstrap interval ("
     << kBootstrapResamples
     << " resamples, fixed seed). The p-values are not corrected for the number of pairs.\n\n";
  if (!claims.front().not_tested.empty()) {  // then every claim is, for the same reason
    md << "**Not tested**: " << claims.front().not_tested << ".\n\n";
    return md.str();
  }
  for (const ClaimResult& c : claims) {
    md << "### " << c.claim << "\n\n";
    md << "Measured per seed: " << c.measure << ".\n\n";
    for (const PairTest& t : c.pairs) {
      md << "- " << t.member << " vs " << t.baseline << ": **" << verdict_text(t) << "**\n";
    }
    md << "\n| member | baseline | seeds | member | baseline | effect | 95 % CI | W+ | p | "
          "note |\n|---|---|---|---|---|---|---|---|---|---|\n";
    for (const PairTest& t : c.pairs) {
      const PairedComparison& p = t.comparison;
      md << "| " << t.member << " | " << t.baseline << " | " << t.seeds.size() << " | ";
      if (t.seeds.empty()) {
        md << "— | — | — | — | — | — | " << t.note << " |\n";
        continue;
      }
      md << fmt(p.mean_a, "%.4g") << " | " << fmt(p.mean_b, "%.4g") << " | "
         << fmt(p.effect, "%+.4g") << " | [" << fmt(p.effect_ci.low, "%+.4g") << ", "
         << fmt(p.effect_ci.high, "%+.4g") << "] | " << fmt(p.test.w_plus, "%g") << " | "
         << fmt(p.test.p_less, "%.3g") << " | " << t.note << " |\n";
    }
    md << "\n";
  }
  const std::vector<std::string> diverged = all_divergence_notes(groups);
  if (!diverged.empty()) {
    md << "Left out of the pairs: ";
    for (std::size_t i = 0; i < diverged.size(); ++i) md << (i ? "; " : "") << diverged[i];
    md << ".\n\n";
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
                          const std::vector<ReportSection>& sections) {
  std::ostringstream md;
  md << "# elu-lab report: activations compared\n\n";
  md << setup_section(context, sections.front().groups, learning_rates(sections));
  for (const ReportSection& section : sections) {
    std::ostringstream part;
    const std::vector<PlotFile> plots = plot_training_curves(dir, section.groups, section.prefix);
    part << "## Results\n\n" << results_table(section.groups, "activation");
    part << claims_section(section.groups) << plots_section(plots) << layer_detail(section.groups);
    md << (section.title.empty() ? part.str() : demoted(part.str(), section.title));
  }
  write_file_atomically(dir / "report.md", md.str());
}

void write_compare_report(const std::filesystem::path& dir, const ReportContext& context,
                          const std::vector<RunGroup>& groups) {
  write_compare_report(dir, context, std::vector<ReportSection>{{"", "", groups}});
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
                        const std::vector<ReportSection>& sections) {
  std::ostringstream md;
  md << "# elu-lab report: alpha sweep of " << act << "\n\n";
  md << setup_section(context, sections.front().groups, learning_rates(sections));
  for (const ReportSection& section : sections) {
    const std::vector<RunGroup>& groups = section.groups;
    std::vector<Stat> best_val;
    for (const RunGroup& g : groups) best_val.push_back(summarise(g).best_val_loss);
    std::vector<PlotFile> plots{plot_alpha_sweep(dir, act, alphas, best_val, section.prefix)};
    for (const PlotFile& p : plot_training_curves(dir, groups, section.prefix)) plots.push_back(p);
    const std::optional<std::size_t> best = best_alpha_index(groups);

    std::ostringstream part;
    part << "## Results\n\n" << results_table(groups, "alpha");
    if (best) {
      const int seeds = static_cast<int>(groups[*best].runs.size());
      part << "**Chosen alpha: " << alphas[*best] << "**, the lowest mean best validation loss ("
           << cell(best_val[*best], seeds) << "). Test accuracy at that alpha: "
           << cell(summarise(groups[*best]).test_accuracy, seeds)
           << ". The choice uses validation data only; the test column is for reading, not for "
              "choosing.";
      if (!all_divergence_notes(groups).empty())
        part << " Alphas with a diverged run were not candidates.";
      part << "\n\n";
    } else {
      part << "**No alpha chosen**: every alpha had a diverged run (listed above).\n\n";
    }
    part << plots_section(plots) << layer_detail(groups);
    md << (section.title.empty() ? part.str() : demoted(part.str(), section.title));
  }
  write_file_atomically(dir / "report.md", md.str());
}

void write_sweep_report(const std::filesystem::path& dir, const ReportContext& context,
                        const std::string& act, const std::vector<double>& alphas,
                        const std::vector<RunGroup>& groups) {
  write_sweep_report(dir, context, act, alphas, std::vector<ReportSection>{{"", "", groups}});
}

}  // namespace elu::lab
