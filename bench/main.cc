// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu-bench: one run measures elu's kernels and its peers side by side and reports the ratios and
// its speed targets. README.md and docs/performance.md show how to run it.
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <thread>

#include "compare.h"
#include "filter.h"
#include "kernel.h"
#include "options.h"
#include "output.h"
#include "report.h"
#include "timing.h"
#include "verdicts.h"

namespace elu_bench {
namespace {

std::vector<DType> types_in_build() {
  return {DType::f32, DType::f64, DType::bf16, DType::f16, DType::qs8};
}

class Runner {
 public:
  Runner(const Options& o, std::vector<std::unique_ptr<Provider>>& providers)
      : o_(o), providers_(providers), filter_(o.filter) {}

  void run_sizes() {
    for (std::size_t n : o_.sizes) {
      for (DType type : types_in_build()) {
        if (!wanted(type)) continue;
        const Workspace ws(type, n);  // allocated and first-touched once per size and type
        for (int t : o_.threads) {
          pin_threads(t);
          std::vector<Kernel> kernels;
          for (auto& p : providers_) p->add_kernels(ws, kernels);
          measure(kernels, t);
        }
      }
    }
  }

  void run_shaped() {
    for (int t : o_.threads) {
      pin_threads(t);
      std::vector<Kernel> kernels;
      auto wanted = [this](const std::string& id) { return filter_.matches(id); };
      for (auto& p : providers_) p->add_shaped_kernels(wanted, kernels);
      measure(kernels, t);
    }
  }

  const Results& results() const { return results_; }

 private:
  // Whether any kernel of this type passes --filter (asked on a tiny workspace, as ids do not
  // depend on the size), so a filtered run does not allocate and fill arrays it never uses.
  bool wanted(DType type) {
    const Workspace probe(type, 64);
    std::vector<Kernel> kernels;
    for (auto& p : providers_) p->add_kernels(probe, kernels);
    for (const Kernel& k : kernels) {
      if (filter_.matches(k.id)) return true;
    }
    return false;
  }

  void pin_threads(int t) {
    for (auto& p : providers_) p->set_threads(t);
  }

  void measure(const std::vector<Kernel>& kernels, int threads) {
    for (const Kernel& k : kernels) {
      if (!filter_.matches(k.id)) continue;
      // Idle workers of the library measured before keep spinning for a while (libgomp, and
      // pthreadpool for up to ~50 ms) on the CPUs this kernel's team needs; let them fall asleep.
      if (threads > 1) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      const double ns = time_per_element(k, o_.plan);
      results_.add({threads, k.id, k.n, k.bytes_per_element, ns});
      std::fprintf(stderr, "  threads=%d %5s %-40s %8.3f ns/element\n", threads,
                   size_label(k.n).c_str(), k.id.c_str(), ns);
    }
  }

  const Options& o_;
  std::vector<std::unique_ptr<Provider>>& providers_;
  KernelFilter filter_;
  Results results_;
};

int run(int argc, char** argv) {
  const ParseOutcome parsed = parse_options(argc, argv);
  if (!parsed.options) return parsed.exit_code;
  const Options& o = *parsed.options;
  if (!o.compare.empty()) return compare_reports(o.compare[0], o.compare[1], o.filter);

  RunInfo info;
  for (int i = 0; i < argc; ++i) {
    if (i > 0) info.command += ' ';
    info.command += argv[i];
  }
  info.machine = describe_machine();
  info.software = describe_software();
  info.plan = o.plan;
  info.sizes = o.sizes;
  info.threads = o.threads;
  info.all_threads = info.machine.logical_cpus;
  std::vector<std::unique_ptr<Provider>> providers = make_providers(info.missing);
  print_header(info);

  Runner runner(o, providers);
  runner.run_sizes();
  runner.run_shaped();

  for (int t : o.threads) print_tables(info, runner.results(), t);
  const std::vector<Target> target_list = targets();
  const std::vector<TargetVerdict> verdicts =
      evaluate(target_list, runner.results(), info.all_threads);
  print_targets(verdicts);
  if (!o.json_path.empty()) write_json(o.json_path, info, runner.results(), verdicts);
  return 0;
}

}  // namespace
}  // namespace elu_bench

int main(int argc, char** argv) {
  try {
    return elu_bench::run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "elu-bench: %s\n", e.what());
    return 1;
  }
}
