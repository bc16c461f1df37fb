// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The text report: one table of ns per element per thread count, ratio tables, the speed targets.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <set>

#include "output.h"

namespace elu_bench {
namespace {

std::string fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// Rows of one table: id -> value per column; missing cells print as "-".
void print_table(const std::string& title, const std::vector<std::string>& columns,
                 const std::vector<std::pair<std::string, std::vector<std::string>>>& rows) {
  if (rows.empty()) return;
  std::size_t width = title.size();
  for (const auto& r : rows) width = std::max(width, r.first.size());
  std::printf("\n%-*s", static_cast<int>(width), title.c_str());
  for (const auto& c : columns) std::printf(" %9s", c.c_str());
  std::printf("\n");
  for (const auto& [name, cells] : rows) {
    std::printf("%-*s", static_cast<int>(width), name.c_str());
    for (const auto& c : cells) std::printf(" %9s", c.c_str());
    std::printf("\n");
  }
}

}  // namespace

void print_header(const RunInfo& run) {
  const Machine& m = run.machine;
  std::printf("elu-bench: %s\n", run.command.c_str());
  std::printf("software: elu %s%s%s, LibTorch %s\n", run.software.elu_version.c_str(),
              run.software.git_commit.empty() ? "" : ", commit ", run.software.git_commit.c_str(),
              run.software.libtorch_version.empty() ? "not built in"
                                                    : run.software.libtorch_version.c_str());
  std::printf("machine: %s, %d logical CPUs,", m.cpu_model.c_str(), m.logical_cpus);
  for (const auto& c : m.caches) std::printf(" %s", c.c_str());
  std::printf("; load average at start %s\n", m.load_average.c_str());
  std::printf(
      "elu SIMD target: %s; time = minimum over %d repetitions (%d once a kernel has run %.0f s) "
      "of >= %zu elements each\n",
      m.elu_simd_target.c_str(), run.plan.reps, run.plan.min_reps, run.plan.budget_seconds,
      run.plan.work_elements);
  for (const auto& p : run.missing) {
    std::printf("note: %s skipped: %s\n", p.name.c_str(), p.reason.c_str());
  }
  std::fflush(stdout);
}

void print_tables(const RunInfo& run, const Results& results, int threads) {
  std::vector<std::string> size_columns;
  for (std::size_t n : run.sizes) size_columns.push_back(size_label(n));

  // Kernels measured at the --sizes, in the order they ran; shaped ones separately.
  const std::set<std::size_t> sizes(run.sizes.begin(), run.sizes.end());
  std::vector<std::string> ids, shaped_ids;
  std::map<std::string, const Measurement*> shaped;
  for (const Measurement& m : results.all()) {
    if (m.threads != threads) continue;
    const bool is_shaped = m.id.find("_nn/") != std::string::npos;
    auto& list = is_shaped ? shaped_ids : ids;
    if (std::find(list.begin(), list.end(), m.id) == list.end()) list.push_back(m.id);
    if (is_shaped) shaped[m.id] = &m;
  }

  std::vector<std::pair<std::string, std::vector<std::string>>> rows;
  for (const auto& id : ids) {
    std::vector<std::string> cells;
    for (std::size_t n : run.sizes) {
      const auto v = results.find(threads, id, n);
      cells.push_back(v ? fixed(*v, 3) : "-");
    }
    rows.push_back({id, cells});
  }
  print_table("threads=" + std::to_string(threads) + ", ns/element", size_columns, rows);

  rows.clear();
  for (const auto& id : shaped_ids) {
    const Measurement& m = *shaped[id];
    rows.push_back({id, {fixed(m.ns_per_element, 3), fixed(m.ns_per_element * m.n / 1e3, 1)}});
  }
  print_table("threads=" + std::to_string(threads) + ", autograd", {"ns/elem", "us/call"}, rows);

  // Ratios: reference time / subject time (> 1: the elu subject is faster).
  rows.clear();
  for (const Comparison& c : comparisons()) {
    if (c.subject.find("_nn/") != std::string::npos) continue;  // shaped: the next table
    for (const auto& ref : c.references) {
      std::vector<std::string> cells;
      bool any = false;
      for (std::size_t n : run.sizes) {
        const auto r = speed_ratio(results, threads, c.subject, ref, n);
        any = any || r.has_value();
        cells.push_back(r ? fixed(*r, 2) : "-");
      }
      if (any) rows.push_back({c.subject + " vs " + ref, cells});
    }
  }
  print_table("threads=" + std::to_string(threads) + ", speed ratio (ref time / subject time)",
              size_columns, rows);

  rows.clear();
  for (const Comparison& c : comparisons()) {
    if (!shaped.count(c.subject)) continue;
    for (const auto& ref : c.references) {
      const auto r = speed_ratio(results, threads, c.subject, ref, shaped[c.subject]->n);
      if (r) rows.push_back({c.subject + " vs " + ref, {fixed(*r, 2)}});
    }
  }
  print_table("threads=" + std::to_string(threads) + ", autograd speed ratio", {"ratio"}, rows);
  std::fflush(stdout);
}

void print_targets(const std::vector<TargetVerdict>& verdicts) {
  std::printf("\nTargets (ratio: %s)\n", "speed = ref time / subject time; time = subject / ref");
  for (const TargetVerdict& v : verdicts) {
    const Target& b = *v.target;
    std::printf("%s, threads=%d: %s: %s %s %.2f:", b.area.c_str(), v.threads, b.what.c_str(),
                b.kind == Target::Kind::speed_at_least ? "speed" : "time",
                b.kind == Target::Kind::speed_at_least ? ">=" : "<=", b.required);
    for (std::size_t i = 0; i < b.points.size(); ++i) {
      // Shaped kernels (autograd rows) name their shape last in the id: "(...)/64x4096".
      const std::string& id = b.points[i].subject;
      const std::string label = id.find("_nn/") != std::string::npos ? id.substr(id.rfind('/') + 1)
                                                                     : size_label(b.points[i].n);
      std::printf(" %s %s", label.c_str(), v.ratios[i] ? fixed(*v.ratios[i], 2).c_str() : "-");
    }
    std::printf(" => %s\n", state_name(v.state));
  }
  std::fflush(stdout);
}

}  // namespace elu_bench
