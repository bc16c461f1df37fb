// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "commands/common.h"

#include <ATen/Parallel.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "util/machine.h"

namespace elu::lab {

void use_threads(int threads) {
  at::set_num_threads(threads);
  double load = 0.0;
  if (getloadavg(&load, 1) == 1) {
    const std::string warning =
        busy_machine_warning(load, std::thread::hardware_concurrency(), threads);
    if (!warning.empty()) std::fprintf(stderr, "elu-lab: %s\n", warning.c_str());
  }
}

FashionMnist load_data(const TrainOptions& options) {
  DataOptions data;
  data.dir = options.data_dir;
  data.train_subset = options.spec.train_subset;
  data.eval_subset = options.spec.eval_subset;
  return load_fashion_mnist(data);
}

std::string run_name(const RunSpec& spec, bool with_alpha) {
  std::ostringstream name;
  name << spec.act;
  if (with_alpha) name << "-alpha" << spec.alpha;
  name << "-seed" << spec.seed;
  return name.str();
}

RunPaths nested_run_paths(const TrainOptions& options, const std::string& name) {
  RunPaths paths;
  paths.out_dir = std::filesystem::path(options.out_dir) / "runs" / name;
  std::filesystem::create_directories(paths.out_dir);
  if (!options.checkpoint_dir.empty()) {
    paths.checkpoint_dir = std::filesystem::path(options.checkpoint_dir) / name;
    std::filesystem::create_directories(paths.checkpoint_dir);
  }
  paths.resume = options.resume;
  return paths;
}

ReportContext report_context(const CommandContext& context) {
  return {context.command_line, describe_machine(), utc_now()};
}

}  // namespace elu::lab
