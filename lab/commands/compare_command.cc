// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "commands/commands.h"
#include "commands/common.h"
#include "metrics/results_csv.h"
#include "models/activation_names.h"

namespace elu::lab {

CLI::App* add_compare_command(CLI::App& root, CompareOptions& options) {
  CLI::App* app = root.add_subcommand(
      "compare",
      "Train each activation --seeds times at each --lr; write report.md with tables, plots and "
      "the article's claims tested over seeds, and results.csv");
  add_train_options(
      *app, options.train,
      OptionSet{.model = true, .act = false, .single_alpha = true, .single_lr = false});
  add_lr_list_option(*app, options.lrs);
  app->add_option("--acts", options.acts, "Activations to compare, comma-separated")
      ->delimiter(',')
      ->check(CLI::IsMember(activation_names()));
  app->add_option("--seeds", options.seeds, "Runs per activation (seeds --seed, --seed+1, ...)");
  return app;
}

int run_compare_command(const CompareOptions& options, const CommandContext& context) {
  check_compare_options(options);
  // Data first: a bad file must be the only line on stderr.
  const FashionMnist data = load_data(options.train);
  use_threads(options.train.threads);

  struct Planned {
    RunSpec spec;
    RunPaths paths;
  };
  // plan[lr][act][seed]
  const bool several_lrs = options.lrs.size() > 1;
  std::vector<std::vector<std::vector<Planned>>> plan;
  for (double lr : options.lrs) {
    plan.emplace_back();
    for (const std::string& act : options.acts) {
      RunSpec spec = options.train.spec;
      spec.act = act;
      spec.lr = lr;
      if (!activation_uses_alpha(act)) spec.alpha = 1.0;  // --alpha is for the acts that take one
      plan.back().emplace_back();
      for (int k = 0; k < options.seeds; ++k) {
        spec.seed = options.train.spec.seed + static_cast<unsigned long long>(k);
        plan.back().back().push_back(
            {spec, nested_run_paths(options.train, run_name(spec, false, several_lrs))});
      }
    }
  }
  // Every checkpoint is checked before the first run writes anything.
  std::vector<std::filesystem::path> dirs_to_clean{options.train.out_dir};
  for (const auto& acts : plan) {
    for (const auto& runs : acts) {
      for (const Planned& p : runs) {
        check_resumable(p.spec, data, p.paths);
        dirs_to_clean.push_back(p.paths.out_dir);
        dirs_to_clean.push_back(p.paths.checkpoint_dir);
      }
    }
  }
  MadeDirectories dirs;
  dirs.create(options.train.out_dir);
  for (const auto& acts : plan) {
    for (const auto& runs : acts) {
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
      RunGroup group{runs.front().spec.act_label(), {}};
      for (const Planned& p : runs) {
        std::string label = p.spec.act_label() + " seed " + std::to_string(p.spec.seed);
        if (several_lrs) label = run_name(p.spec, false, true);
        // A diverged run is a result: the others go on, and the report says which diverged.
        group.runs.push_back(run_training(p.spec, data, p.paths, progress, label, origin));
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
  write_compare_report(options.train.out_dir, report_context(context), sections);
  progress.note("wrote " + (std::filesystem::path(options.train.out_dir) / "report.md").string() +
                " and results.csv");
  dirs.keep();
  return 0;
}

}  // namespace elu::lab
