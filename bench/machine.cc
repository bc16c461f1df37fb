// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "machine.h"

#include <omp.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "elu/elu.hpp"

namespace elu_bench {
namespace {

std::string first_line(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace

Machine describe_machine() {
  Machine m;
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.rfind("model name", 0) == 0) {
      m.cpu_model = line.substr(line.find(':') + 2);
      break;
    }
  }
  m.logical_cpus = omp_get_num_procs();
  const std::filesystem::path cache_dir = "/sys/devices/system/cpu/cpu0/cache";
  for (int i = 0; std::filesystem::exists(cache_dir / ("index" + std::to_string(i))); ++i) {
    const auto dir = cache_dir / ("index" + std::to_string(i));
    const std::string type = first_line(dir / "type");
    if (type == "Instruction") continue;
    std::string cache = "L";
    cache.append(first_line(dir / "level")).append(type == "Data" ? "d " : " ");
    m.caches.push_back(cache.append(first_line(dir / "size")));
  }
  std::istringstream load(first_line("/proc/loadavg"));
  std::string a, b, c;
  load >> a >> b >> c;
  m.load_average = a + " " + b + " " + c;
  m.elu_simd_target = std::string(elu::simd_target());
  return m;
}

}  // namespace elu_bench
