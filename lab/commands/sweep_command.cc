// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include <sstream>

#include "commands/commands.h"
#include "commands/common.h"

namespace elu::lab {

CLI::App* add_sweep_command(CLI::App& root, SweepOptions& options) {
  CLI::App* app = root.add_subcommand(
      "sweep", "Tune alpha of elu or celu: train each value, pick the best by validation loss");
  add_train_options(*app, options.train,
                    OptionSet{.model = true, .act = true, .single_alpha = false});
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

  Progress progress(context.terminal);
  MadeDirectories dirs;
  std::vector<RunGroup> groups;
  for (double alpha : options.alphas) {
    RunSpec spec = options.train.spec;
    spec.alpha = alpha;
    std::ostringstream label;
    label << "alpha=" << alpha;
    RunGroup group{label.str(), {}};
    for (int k = 0; k < options.seeds; ++k) {
      spec.seed = options.train.spec.seed + static_cast<unsigned long long>(k);
      const RunPaths paths = nested_run_paths(options.train, run_name(spec, true), dirs);
      group.runs.push_back(
          run_training(spec, data, paths, progress,
                       spec.act + " " + label.str() + " seed " + std::to_string(spec.seed)));
    }
    groups.push_back(std::move(group));
  }
  write_sweep_report(options.train.out_dir, report_context(context), options.train.spec.act,
                     options.alphas, groups);
  std::ostringstream done;
  done << "best alpha " << options.alphas[best_alpha_index(groups)]
       << " (lowest best validation loss); wrote "
       << (std::filesystem::path(options.train.out_dir) / "report.md").string();
  progress.note(done.str());
  dirs.keep();
  return 0;
}

}  // namespace elu::lab
