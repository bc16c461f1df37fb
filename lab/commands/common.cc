// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "commands/common.h"

#include <ATen/Parallel.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "util/atomic_file.h"
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
  FashionMnist loaded = load_fashion_mnist(data);
  std::printf(
      "data: %s: %zu training images; pixel mean %.4f, std %.4f (from them, for pixels in "
      "[0, 1])\n",
      options.data_dir.c_str(), loaded.train.size(), loaded.train.pixel_mean,
      loaded.train.pixel_std);
  std::fflush(stdout);
  return loaded;
}

std::string run_name(const RunSpec& spec, bool with_alpha, bool with_lr) {
  std::ostringstream name;
  name << spec.act;
  if (with_alpha) name << "-alpha" << spec.alpha;
  if (with_lr) name << "-lr" << spec.lr;
  name << "-seed" << spec.seed;
  return name.str();
}

MadeDirectories::~MadeDirectories() {
  if (keep_) return;
  for (auto it = created_.rbegin(); it != created_.rend(); ++it) {
    std::error_code ec;
    std::filesystem::remove(*it, ec);  // fails, and so keeps it, unless it is empty
  }
}

void MadeDirectories::create(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  fs::path p = fs::absolute(dir).lexically_normal();
  if (!p.has_filename()) p = p.parent_path();  // "out/"
  std::vector<fs::path> missing;
  for (; !fs::exists(p) && p != p.root_path(); p = p.parent_path()) missing.push_back(p);
  // Noted before creating: a failure halfway leaves the ones already made to the destructor.
  created_.insert(created_.end(), missing.rbegin(), missing.rend());
  fs::create_directories(dir);
}

RunPaths nested_run_paths(const TrainOptions& options, const std::string& name) {
  RunPaths paths;
  paths.out_dir = std::filesystem::path(options.out_dir) / "runs" / name;
  if (!options.checkpoint_dir.empty()) {
    paths.checkpoint_dir = std::filesystem::path(options.checkpoint_dir) / name;
  }
  paths.resume = options.resume;
  return paths;
}

void create_run_directories(const RunPaths& paths, MadeDirectories& dirs) {
  dirs.create(paths.out_dir);
  if (!paths.checkpoint_dir.empty()) dirs.create(paths.checkpoint_dir);
}

void remove_stale_temporaries_in(const std::vector<std::filesystem::path>& dirs) {
  for (const std::filesystem::path& dir : dirs) {
    if (dir.empty()) continue;
    const std::size_t removed = remove_stale_temporaries(dir).size();
    if (removed > 0) {
      std::fprintf(stderr,
                   "elu-lab: note: removed %zu temporary file(s) that an interrupted run left in "
                   "%s\n",
                   removed, dir.c_str());
    }
  }
}

Provenance provenance(const CommandContext& context) {
  return {context.command_line, describe_machine()};
}

ReportSection report_section(double lr, bool several, std::vector<RunGroup> groups) {
  if (!several) return {"", "", std::move(groups)};
  std::ostringstream text;
  text << lr;
  return {"lr " + text.str(), "lr" + text.str() + "-", std::move(groups)};
}

ReportContext report_context(const CommandContext& context) {
  return {context.command_line, describe_machine(), utc_now()};
}

}  // namespace elu::lab
