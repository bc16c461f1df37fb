// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include <filesystem>

#include "commands/commands.h"
#include "commands/common.h"
#include "dist/communicator.h"

namespace elu::lab {

CLI::App* add_train_command(CLI::App& root, TrainOptions& options) {
  CLI::App* app = root.add_subcommand("train", "Train one model with one activation");
  add_train_options(*app, options);
  return app;
}

int run_train_command(const TrainOptions& options, const CommandContext& context) {
  check_train_options(options, true);
  const dist::World world = resolve_job(options, parallelism(options, true));
  // Data first: a bad file must be the only line on stderr.
  const FashionMnist data = load_data(options);
  use_threads(threads_for(options, world));

  RunPaths paths;
  paths.out_dir = options.out_dir;
  paths.checkpoint_dir = options.checkpoint_dir;
  paths.resume = options.resume;
  // A checkpoint that cannot be resumed must be refused before anything is created or written.
  check_resumable(options.spec, data, paths);
  std::unique_ptr<dist::Communicator> comm;
  if (world.distributed()) {
    comm = dist::Communicator::connect(world, "train data " + options.spec.fingerprint());
  }
  const bool root = comm == nullptr || comm->is_root();
  MadeDirectories dirs;
  if (root) {
    create_run_directories(paths, dirs);
    remove_stale_temporaries_in({paths.out_dir, paths.checkpoint_dir});
  }

  Progress progress(context.terminal);
  const std::string label = options.spec.act_label() + " seed " + std::to_string(options.spec.seed);
  RunHistory history = run_training(options.spec, data, paths, progress, label, provenance(context),
                                    {comm.get(), options.grad_overlap});
  if (root) {
    write_compare_report(paths.out_dir, report_context(context),
                         {RunGroup{options.spec.act_label(), {history}}});
    progress.note("wrote " + (paths.out_dir / "report.md").string() +
                  ", metrics.csv, metrics.json");
  }
  if (comm) comm->finish();
  dirs.keep();
  return 0;
}

}  // namespace elu::lab
