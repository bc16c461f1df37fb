// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include <sstream>

#include "commands/commands.h"
#include "commands/common.h"
#include "metrics/results_csv.h"

namespace elu::lab {

CLI::App* add_sweep_command(CLI::App& root, SweepOptions& options) {
  CLI::App* app = root.add_subcommand(
      "sweep",
      "Tune alpha of elu or celu: train each value (at each --lr), pick the best by validation "
      "loss; write report.md and results.csv");
  add_train_options(
      *app, options.train,
      OptionSet{.model = true, .act = true, .single_alpha = false, .single_lr = false});
  add_lr_list_option(*app, options.lrs);
  app->add_option("--alpha", options.alphas, "alpha values to try, comma-separated")
      ->delimiter(',');
  app->add_option("--seeds", options.seeds, "Runs per alpha (seeds --seed, --seed+1, ...)");
  return app;
}

int run_sweep_command(const SweepOptions& options, const CommandContext& context) {
  check_sweep_options(options);
  // Data first: a bad file must be the only line on stderr.
  const FashionMnist data = load_data(options.train);
  use_threads(options.train.threads);

  struct Planned {
    RunSpec spec;
    RunPaths paths;
  };
  // plan[lr][alpha][seed]
  const bool several_lrs = options.lrs.size() > 1;
  std::vector<std::vector<std::vector<Planned>>> plan;
  for (double lr : options.lrs) {
    plan.emplace_back();
    for (double alpha : options.alphas) {
      RunSpec spec = options.train.spec;
      spec.alpha = alpha;
      spec.lr = lr;
      plan.back().emplace_back();
      for (int k = 0; k < options.seeds; ++k) {
        spec.seed = options.train.spec.seed + static_cast<unsigned long long>(k);
        plan.back().back().push_back(
            {spec, nested_run_paths(options.train, run_name(spec, true, several_lrs))});
      }
    }
  }
  // Every checkpoint is checked before the first run writes anything.
  std::vector<std::filesystem::path> dirs_to_clean{options.train.out_dir};
  for (const auto& alphas : plan) {
    for (const auto& runs : alphas) {
      for (const Planned& p : runs) {
        check_resumable(p.spec, data, p.paths);
        dirs_to_clean.push_back(p.paths.out_dir);
        dirs_to_clean.push_back(p.paths.checkpoint_dir);
      }
    }
  }
  MadeDirectories dirs;
  dirs.create(options.train.out_dir);
  for (const auto& alphas : plan) {
    for (const auto& runs : alphas) {
      for (const Planned& p : runs) create_run_directories(p.paths, dirs);
    }
  }
  remove_stale_temporaries_in(dirs_to_clean);

  Progress progress(context.terminal);
  const Provenance origin = provenance(context);
  std::vector<ReportSection> sections;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    std::vector<RunGroup> groups;
    for (const auto& runs : plan[i]) {
      std::ostringstream label;
      label << "alpha=" << runs.front().spec.alpha;
      RunGroup group{label.str(), {}};
      for (const Planned& p : runs) {
        std::string run_label =
            p.spec.act + " " + label.str() + " seed " + std::to_string(p.spec.seed);
        if (several_lrs) run_label = run_name(p.spec, true, true);
        group.runs.push_back(run_training(p.spec, data, p.paths, progress, run_label, origin));
      }
      groups.push_back(std::move(group));
    }
    sections.push_back(report_section(options.lrs[i], several_lrs, std::move(groups)));
  }
  std::vector<NamedRun> named;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    for (std::size_t a = 0; a < plan[i].size(); ++a) {
      for (std::size_t k = 0; k < plan[i][a].size(); ++k) {
        named.push_back(
            {plan[i][a][k].paths.out_dir.filename().string(), &sections[i].groups[a].runs[k]});
      }
    }
  }
  write_results_csv(options.train.out_dir, named);
  write_sweep_report(options.train.out_dir, report_context(context), options.train.spec.act,
                     options.alphas, sections);
  std::ostringstream done;
  for (const ReportSection& section : sections) {
    const std::optional<std::size_t> best = best_alpha_index(section.groups);
    if (!section.title.empty()) done << section.title << ": ";
    if (best) {
      done << "best alpha " << options.alphas[*best] << " (lowest best validation loss); ";
    } else {
      done << "no alpha chosen (every alpha had a diverged run); ";
    }
  }
  done << "wrote " << (std::filesystem::path(options.train.out_dir) / "report.md").string()
       << " and results.csv";
  progress.note(done.str());
  dirs.keep();
  return 0;
}

}  // namespace elu::lab
