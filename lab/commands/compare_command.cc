// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "commands/commands.h"
#include "commands/common.h"
#include "commands/grid.h"
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
  const Parallelism mode = parallelism(options.train, false);
  const dist::World world = resolve_job(options.train, mode);
  // Data first: a bad file must be the only line on stderr.
  const FashionMnist data = load_data(options.train);
  use_threads(threads_for(options.train, world));

  // The plan, lr by activation by seed.
  const bool several_lrs = options.lrs.size() > 1;
  std::vector<PlannedRun> plan;
  for (double lr : options.lrs) {
    for (const std::string& act : options.acts) {
      RunSpec spec = options.train.spec;
      spec.act = act;
      spec.lr = lr;
      if (!activation_uses_alpha(act)) spec.alpha = 1.0;  // --alpha is for the acts that take one
      for (int k = 0; k < options.seeds; ++k) {
        spec.seed = options.train.spec.seed + static_cast<unsigned long long>(k);
        const std::string name = run_name(spec, false, several_lrs);
        plan.push_back(
            {spec, nested_run_paths(options.train, name),
             several_lrs ? name : spec.act_label() + " seed " + std::to_string(spec.seed)});
      }
    }
  }
  MadeDirectories dirs;
  GridResult grid = run_grid("compare", plan, options.train, data, context, world, mode, dirs);
  if (grid.root) {
    std::vector<ReportSection> sections;
    std::vector<NamedRun> named;
    std::size_t next = 0;
    for (double lr : options.lrs) {
      std::vector<RunGroup> groups;
      for (std::size_t a = 0; a < options.acts.size(); ++a) {
        RunGroup group{plan[next].spec.act_label(), {}};
        for (int k = 0; k < options.seeds; ++k) group.runs.push_back(grid.runs[next++]);
        groups.push_back(std::move(group));
      }
      sections.push_back(report_section(lr, several_lrs, std::move(groups)));
    }
    next = 0;
    for (const ReportSection& section : sections) {
      for (const RunGroup& group : section.groups) {
        for (const RunHistory& run : group.runs) {
          named.push_back({plan[next++].paths.out_dir.filename().string(), &run});
        }
      }
    }
    write_results_csv(options.train.out_dir, named);
    write_compare_report(options.train.out_dir, report_context(context), sections);
    Progress(context.terminal)
        .note("wrote " + (std::filesystem::path(options.train.out_dir) / "report.md").string() +
              " and results.csv");
  }
  if (grid.comm) grid.comm->finish();
  dirs.keep();
  return 0;
}

}  // namespace elu::lab
