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

  Progress progress(context.terminal);
  MadeDirectories dirs;
  std::vector<RunGroup> groups;
  for (const std::string& act : options.acts) {
    RunSpec spec = options.train.spec;
    spec.act = act;
    if (!activation_uses_alpha(act)) spec.alpha = 1.0;  // --alpha is for the acts that take one
    RunGroup group{spec.act_label(), {}};
    for (int k = 0; k < options.seeds; ++k) {
      spec.seed = options.train.spec.seed + static_cast<unsigned long long>(k);
      const RunPaths paths = nested_run_paths(options.train, run_name(spec, false), dirs);
      const std::string label = spec.act_label() + " seed " + std::to_string(spec.seed);
      group.runs.push_back(run_training(spec, data, paths, progress, label));
    }
    groups.push_back(std::move(group));
  }
  write_compare_report(options.train.out_dir, report_context(context), groups);
  progress.note("wrote " + (std::filesystem::path(options.train.out_dir) / "report.md").string());
  dirs.keep();
  return 0;
}

}  // namespace elu::lab
