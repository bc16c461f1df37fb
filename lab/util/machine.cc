// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "util/machine.h"

#include <unistd.h>

#include <ATen/Parallel.h>
#include <torch/version.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <thread>

#include "build_info.h"
#include "elu/elu.hpp"

namespace elu::lab {

std::string describe_machine() {
  std::string cpu = "unknown CPU";
  std::ifstream info("/proc/cpuinfo");
  for (std::string line; std::getline(info, line);) {
    if (line.rfind("model name", 0) == 0) {
      cpu = line.substr(line.find(':') + 2);
      break;
    }
  }
  return cpu + " (" + std::to_string(std::thread::hardware_concurrency()) +
         " hardware threads), LibTorch " + TORCH_VERSION + ", " +
         std::to_string(at::get_num_threads()) + " LibTorch thread(s)";
}

std::string busy_machine_warning(double load, unsigned cores, int threads) {
  if (threads <= 1 || cores == 0) return "";
  const double idle = static_cast<double>(cores) - load;
  if (idle >= static_cast<double>(threads) - 0.5) return "";
  char line[256];
  std::snprintf(line, sizeof line,
                "note: load average %.1f on %u cores leaves fewer than %d idle; LibTorch's %d "
                "threads slow down sharply when one has no core (--threads 1 avoids it)",
                load, cores, threads, threads);
  return line;
}

SoftwareInfo software_info() {
  return {std::string(elu::version()), std::string(build_info::git_commit()),
          std::string(elu::simd_target()), TORCH_VERSION};
}

std::string version_text() {
  return build_info::version_line("elu-lab") + ", LibTorch " + TORCH_VERSION;
}

std::uint64_t physical_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page <= 0) return 0;
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page);
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

}  // namespace elu::lab
