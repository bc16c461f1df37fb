// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "commands/grid.h"

#include <nlohmann/json.hpp>

namespace elu::lab {

GridResult run_grid(const std::string& command, const std::vector<PlannedRun>& plan,
                    const TrainOptions& options, const FashionMnist& data,
                    const CommandContext& context, const dist::World& world, Parallelism mode,
                    MadeDirectories& dirs) {
  const bool sharded = world.distributed() && mode == Parallelism::kRuns;
  const bool root = world.rank == 0;
  auto mine = [&](std::size_t i) {
    return !sharded || static_cast<int>(i % static_cast<std::size_t>(world.size)) == world.rank;
  };
  // Every checkpoint is checked before the first run writes anything. The ranks that write
  // clean their directories before joining, so no rank has started training yet.
  std::vector<std::filesystem::path> to_clean;
  if (root) to_clean.push_back(options.out_dir);
  for (const PlannedRun& p : plan) check_resumable(p.spec, data, p.paths);
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const bool writes_here = mode == Parallelism::kData ? root : mine(i);
    if (writes_here) to_clean.push_back(plan[i].paths.checkpoint_dir);
    if (writes_here || root) to_clean.push_back(plan[i].paths.out_dir);
  }
  if (root) dirs.create(options.out_dir);
  for (std::size_t i = 0; i < plan.size(); ++i) {
    if (mode == Parallelism::kData ? root : mine(i)) {
      create_run_directories(plan[i].paths, dirs);
    } else if (root) {
      dirs.create(plan[i].paths.out_dir);
    }
  }
  remove_stale_temporaries_in(to_clean);

  GridResult result;
  result.root = root;
  if (world.distributed()) {
    std::string job = command + (sharded ? " runs" : " data");
    for (const PlannedRun& p : plan) job += " | " + p.spec.fingerprint();
    result.comm = dist::Communicator::connect(world, job);
  }

  Progress progress(context.terminal);
  const Provenance origin = provenance(context);
  std::vector<RunHistory> histories(plan.size());
  for (std::size_t i = 0; i < plan.size(); ++i) {
    if (!mine(i)) continue;
    // A diverged run is a result: the others go on, and the report says which diverged.
    const DataParallel parallel{sharded ? nullptr : result.comm.get(), options.grad_overlap};
    histories[i] =
        run_training(plan[i].spec, data, plan[i].paths, progress, plan[i].label, origin, parallel);
  }
  if (sharded) {
    nlohmann::json own = nlohmann::json::array();
    for (std::size_t i = 0; i < plan.size(); ++i) {
      if (mine(i)) own.push_back({{"index", i}, {"history", to_json(histories[i])}});
    }
    // Ranks finish their shares at different times: meet without a collective's timeout first.
    result.comm->sync_point("the end of every rank's runs");
    const std::vector<std::string> all =
        result.comm->allgather_bytes(own.dump(), "the gathering of the runs' results");
    if (root) {
      for (int r = 1; r < world.size; ++r) {
        for (const nlohmann::json& item : nlohmann::json::parse(all[r])) {
          const auto i = item.at("index").get<std::size_t>();
          histories[i] = run_history_from_json(item.at("history"));
          write_metrics(histories[i], plan[i].paths.out_dir);
        }
      }
      progress.note("gathered the runs of " + std::to_string(world.size) + " ranks");
    }
  }
  if (root) result.runs = std::move(histories);
  return result;
}

}  // namespace elu::lab
