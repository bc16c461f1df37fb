// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// A description of the machine a run is on, printed with every table (a figure names its machine).
#pragma once

#include <string>
#include <vector>

namespace elu_bench {

struct Machine {
  std::string cpu_model;            // /proc/cpuinfo "model name"
  int logical_cpus = 0;             // as OpenMP sees them
  std::vector<std::string> caches;  // "L1d 48K", "L2 2048K", ... of cpu0, from sysfs
  std::string load_average;         // /proc/loadavg's first three fields at the start
  std::string elu_simd_target;      // elu::simd_target()
};
Machine describe_machine();

}  // namespace elu_bench
