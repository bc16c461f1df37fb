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

  struct Planned {
    RunSpec spec;
    RunPaths paths;
  };
  std::vector<std::vector<Planned>> plan;  // one per alpha, one entry per seed
  for (double alpha : options.alphas) {
    RunSpec spec = options.train.spec;
    spec.alpha = alpha;
    plan.emplace_back();
    for (int k = 0; k < options.seeds; ++k) {
      spec.seed = options.train.spec.seed + static_cast<unsigned long long>(k);
      plan.back().push_back({spec, nested_run_paths(options.train, run_name(spec, true))});
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
    std::ostringstream label;
    label << "alpha=" << runs.front().spec.alpha;
    RunGroup group{label.str(), {}};
    for (const Planned& p : runs) {
      group.runs.push_back(
          run_training(p.spec, data, p.paths, progress,
                       p.spec.act + " " + label.str() + " seed " + std::to_string(p.spec.seed)));
    }
    groups.push_back(std::move(group));
  }
  write_sweep_report(options.train.out_dir, report_context(context), options.train.spec.act,
                     options.alphas, groups);
  std::ostringstream done;
  const std::optional<std::size_t> best = best_alpha_index(groups);
  if (best) {
    done << "best alpha " << options.alphas[*best] << " (lowest best validation loss); wrote ";
  } else {
    done << "no alpha chosen (every alpha had a diverged run); wrote ";
  }
  done << (std::filesystem::path(options.train.out_dir) / "report.md").string();
  progress.note(done.str());
  dirs.keep();
  return 0;
}

}  // namespace elu::lab
