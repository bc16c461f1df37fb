// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "commands/commands.h"
#include "commands/common.h"
#include "models/activation_names.h"

namespace elu::lab {

CLI::App* add_compare_command(CLI::App& root, CompareOptions& options) {
  CLI::App* app = root.add_subcommand(
      "compare",
      "Train each activation --seeds times; write report.md with tables, plots and the "
      "article's claims");
  add_train_options(*app, options.train,
                    OptionSet{.model = true, .act = false, .single_alpha = true});
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
  std::vector<std::vector<Planned>> plan;  // one per activation, one entry per seed
  for (const std::string& act : options.acts) {
    RunSpec spec = options.train.spec;
    spec.act = act;
    if (!activation_uses_alpha(act)) spec.alpha = 1.0;  // --alpha is for the acts that take one
    plan.emplace_back();
    for (int k = 0; k < options.seeds; ++k) {
      spec.seed = options.train.spec.seed + static_cast<unsigned long long>(k);
      plan.back().push_back({spec, nested_run_paths(options.train, run_name(spec, false))});
    }
  }
  // Every checkpoint is checked before the first run writes anything.
  std::vector<std::filesystem::path> dirs_to_clean{options.train.out_dir};
  for (const auto& runs : plan) {
    for (const Planned& p : runs) {
      check_resumable(p.spec, data, p.paths);
      dirs_to_clean.push_back(p.paths.out_dir);
      dirs_to_clean.push_back(p.paths.checkpoint_dir);
    }
  }
  MadeDirectories dirs;
  dirs.create(options.train.out_dir);
  for (const auto& runs : plan) {
    for (const Planned& p : runs) create_run_directories(p.paths, dirs);
  }
  remove_stale_temporaries_in(dirs_to_clean);

  Progress progress(context.terminal);
  std::vector<RunGroup> groups;
  for (const auto& runs : plan) {
    RunGroup group{runs.front().spec.act_label(), {}};
    for (const Planned& p : runs) {
      const std::string label = p.spec.act_label() + " seed " + std::to_string(p.spec.seed);
      // A diverged run is a result: the others go on, and the report says which diverged.
      group.runs.push_back(run_training(p.spec, data, p.paths, progress, label));
    }
    groups.push_back(std::move(group));
  }
  write_compare_report(options.train.out_dir, report_context(context), groups);
  progress.note("wrote " + (std::filesystem::path(options.train.out_dir) / "report.md").string());
  dirs.keep();
  return 0;
}

}  // namespace elu::lab
