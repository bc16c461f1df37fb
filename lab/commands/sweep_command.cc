// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include <sstream>

#include "commands/commands.h"
#include "commands/common.h"
#include "commands/grid.h"
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
  const Parallelism mode = parallelism(options.train, false);
  const dist::World world = resolve_job(options.train, mode);
  // Data first: a bad file must be the only line on stderr.
  const FashionMnist data = load_data(options.train);
  use_threads(threads_for(options.train, world));

  // The plan, lr by alpha by seed.
  const bool several_lrs = options.lrs.size() > 1;
  auto alpha_label = [](double alpha) {
    std::ostringstream label;
    label << "alpha=" << alpha;
    return label.str();
  };
  std::vector<PlannedRun> plan;
  for (double lr : options.lrs) {
    for (double alpha : options.alphas) {
      RunSpec spec = options.train.spec;
      spec.alpha = alpha;
      spec.lr = lr;
      for (int k = 0; k < options.seeds; ++k) {
        spec.seed = options.train.spec.seed + static_cast<unsigned long long>(k);
        const std::string name = run_name(spec, true, several_lrs);
        plan.push_back({spec, nested_run_paths(options.train, name),
                        several_lrs ? name
                                    : spec.act + " " + alpha_label(alpha) + " seed " +
                                          std::to_string(spec.seed)});
      }
    }
  }
  MadeDirectories dirs;
  GridResult grid = run_grid("sweep", plan, options.train, data, context, world, mode, dirs);
  if (grid.root) {
    std::vector<ReportSection> sections;
    std::size_t next = 0;
    for (double lr : options.lrs) {
      std::vector<RunGroup> groups;
      for (double alpha : options.alphas) {
        RunGroup group{alpha_label(alpha), {}};
        for (int k = 0; k < options.seeds; ++k) group.runs.push_back(grid.runs[next++]);
        groups.push_back(std::move(group));
      }
      sections.push_back(report_section(lr, several_lrs, std::move(groups)));
    }
    std::vector<NamedRun> named;
    next = 0;
    for (const ReportSection& section : sections) {
      for (const RunGroup& group : section.groups) {
        for (const RunHistory& run : group.runs) {
          named.push_back({plan[next++].paths.out_dir.filename().string(), &run});
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
    Progress(context.terminal).note(done.str());
  }
  if (grid.comm) grid.comm->finish();
  dirs.keep();
  return 0;
}

}  // namespace elu::lab
