// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "compare.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <tuple>

#include "filter.h"
#include "report.h"

namespace elu_bench {
namespace {

using nlohmann::json;

struct Row {
  std::string kernel;
  int threads;
  std::size_t n;
  auto key() const { return std::tie(kernel, threads, n); }
  bool operator<(const Row& o) const { return key() < o.key(); }
};

struct Report {
  std::string description;   // one line: command, software, machine
  std::map<Row, double> ns;  // ns per element per row
};

Report read_report(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot be read");
  json j;
  try {
    j = json::parse(in);
    Report r;
    const json& sw = j.at("software");
    const json& m = j.at("machine");
    r.description =
        j.at("command").get<std::string>() + " | elu " + sw.at("elu_version").get<std::string>() +
        (sw.at("git_commit").is_string() ? " (" + sw.at("git_commit").get<std::string>() + ")"
                                         : std::string()) +
        " | " + m.at("cpu_model").get<std::string>() + " | SIMD target " +
        sw.at("elu_simd_target").get<std::string>();
    for (const json& e : j.at("results")) {
      r.ns[{e.at("kernel").get<std::string>(), e.at("threads").get<int>(),
            e.at("n").get<std::size_t>()}] = e.at("ns_per_element").get<double>();
    }
    return r;
  } catch (const json::exception& e) {
    throw std::runtime_error(path + ": not an elu-bench --json report (" + e.what() + ")");
  }
}

}  // namespace

int compare_reports(const std::string& old_path, const std::string& new_path,
                    const std::string& filter) {
  Report before, after;
  try {
    before = read_report(old_path);
    after = read_report(new_path);
  } catch (const std::runtime_error& e) {
    std::fprintf(stderr, "elu-bench --compare: %s\n", e.what());
    return 2;
  }
  const KernelFilter wanted(filter);
  std::printf("old: %s\nnew: %s\n\n", before.description.c_str(), after.description.c_str());
  std::printf("%-44s %7s %5s %9s %9s %9s\n", "kernel", "threads", "size", "old ns", "new ns",
              "old/new");
  double log_sum = 0.0;
  int rows = 0;
  for (const auto& [row, old_ns] : before.ns) {
    const auto it = after.ns.find(row);
    if (it == after.ns.end() || !wanted.matches(row.kernel)) continue;
    const double ratio = old_ns / it->second;
    std::printf("%-44s %7d %5s %9.3f %9.3f %9.3f\n", row.kernel.c_str(), row.threads,
                size_label(row.n).c_str(), old_ns, it->second, ratio);
    log_sum += std::log(ratio);
    ++rows;
  }
  if (rows == 0) {
    std::printf("no row was measured in both runs\n");
    return 0;
  }
  std::printf("\n%d rows in both runs; geometric mean of old/new %.3f (above 1: new is faster)\n",
              rows, std::exp(log_sum / rows));
  return 0;
}

}  // namespace elu_bench
