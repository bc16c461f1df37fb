// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Fuzzer of elu-lab's option parser (lab/cli/options.h): the input, split at newlines, is the
// command line after "elu-lab". The subcommands are registered as lab/main.cc and
// lab/commands/*.cc register them. Checked: parsing either succeeds or throws a CLI11 ParseError;
// the cross-option checks either pass or throw OptionError with one line; options that pass obey
// every rule docs/lab.md states; and nothing is created on disk (the working directory, an empty
// temporary directory, stays empty).
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "cli/options.h"
#include "models/activation_names.h"
#include "util/machine.h"

namespace {

std::filesystem::path g_dir;

[[noreturn]] void report(const std::string& what) {
  std::fprintf(stderr, "fuzz_options: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

void check_error(const std::exception& e, const std::string& line) {
  const std::string what = e.what();
  if (what.empty() || what.find('\n') != std::string::npos) {
    report("error text is not one line: '" + what + "' for: " + line);
  }
}

// The rules of check_train_options, restated.
void check_accepted(const elu::lab::TrainOptions& o, const std::string& line) {
  const elu::lab::RunSpec& s = o.spec;
  const bool ok = std::isfinite(s.alpha) && s.alpha > 0 && s.epochs >= 1 && s.batch >= 1 &&
                  std::isfinite(s.lr) && s.lr > 0 && s.depth >= 1 && s.width >= 1 &&
                  (!s.batchnorm || s.model == "cnn") && o.threads >= 1 &&
                  o.threads <= elu::lab::max_threads() && !o.out_dir.empty() &&
                  (!o.resume || !o.checkpoint_dir.empty());
  const double memory = static_cast<double>(elu::lab::physical_memory_bytes());
  if (!ok || (memory > 0 && elu::lab::parameter_bytes(s) > memory / 2)) {
    report("options that break a rule were accepted: " + line);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  char dir[] = "/tmp/elu-fuzz-options-XXXXXX";
  if (mkdtemp(dir) == nullptr) report("cannot create a temporary directory");
  g_dir = dir;
  std::filesystem::current_path(g_dir);  // relative --out / --checkpoint paths land here
  std::atexit([] {
    std::error_code ec;
    std::filesystem::remove_all(g_dir, ec);
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace elu::lab;
  std::vector<std::string> args{"elu-lab"};
  std::string current;
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == '\n') {
      args.push_back(current);
      current.clear();
    } else {
      current += static_cast<char>(data[i]);
    }
  }
  if (size > 0) args.push_back(current);
  if (args.size() > 64) return 0;  // a command line, not a novel
  std::string line;
  for (const auto& a : args) line += "[" + a + "] ";

  CLI::App app{"elu-lab"};
  app.set_version_flag("--version", version_text(), "version");
  app.require_subcommand(1);
  TrainOptions train;
  CompareOptions compare;
  SweepOptions sweep;
  BenchOptions bench;
  CLI::App* train_cmd = app.add_subcommand("train", "train");
  add_train_options(*train_cmd, train);
  CLI::App* compare_cmd = app.add_subcommand("compare", "compare");
  add_train_options(*compare_cmd, compare.train, OptionSet{.model = true, .act = false});
  compare_cmd->add_option("--acts", compare.acts, "acts")
      ->delimiter(',')
      ->check(CLI::IsMember(activation_names()));
  compare_cmd->add_option("--seeds", compare.seeds, "seeds");
  CLI::App* sweep_cmd = app.add_subcommand("sweep", "sweep");
  add_train_options(*sweep_cmd, sweep.train, OptionSet{.single_alpha = false});
  sweep_cmd->add_option("--alpha", sweep.alphas, "alphas")->delimiter(',');
  sweep_cmd->add_option("--seeds", sweep.seeds, "seeds");
  CLI::App* bench_cmd = app.add_subcommand("bench", "bench");
  add_train_options(*bench_cmd, bench.train,
                    OptionSet{.model = false, .act = false, .single_alpha = false});
  bench_cmd->add_option("--reps", bench.reps, "reps");

  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);  // CLI11 takes them reversed
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return 0;  // help, version and every parse error; main prints e.what() on one line
  } catch (const std::exception& e) {
    report(std::string("parse threw something other than CLI::ParseError: ") + e.what() +
           " for: " + line);
  }
  try {
    if (*train_cmd) {
      check_train_options(train, true);
      check_accepted(train, line);
      if (train.alpha_given && !activation_uses_alpha(train.spec.act)) {
        report("--alpha accepted for an act without one: " + line);
      }
    } else if (*compare_cmd) {
      check_compare_options(compare);
      check_accepted(compare.train, line);
      const std::set<std::string> unique(compare.acts.begin(), compare.acts.end());
      if (compare.acts.empty() || unique.size() != compare.acts.size() || compare.seeds < 1) {
        report("compare options that break a rule were accepted: " + line);
      }
    } else if (*sweep_cmd) {
      check_sweep_options(sweep);
      check_accepted(sweep.train, line);
      const std::set<double> unique(sweep.alphas.begin(), sweep.alphas.end());
      bool alphas_ok = !sweep.alphas.empty() && unique.size() == sweep.alphas.size();
      for (double a : sweep.alphas) alphas_ok = alphas_ok && std::isfinite(a) && a > 0;
      if (!alphas_ok || sweep.seeds < 1 ||
          (sweep.train.spec.act != "elu" && sweep.train.spec.act != "celu")) {
        report("sweep options that break a rule were accepted: " + line);
      }
    } else if (*bench_cmd) {
      check_bench_options(bench);
      check_accepted(bench.train, line);
      if (bench.reps < 1) report("bench --reps < 1 accepted: " + line);
    } else {
      report("parse succeeded without a subcommand: " + line);
    }
  } catch (const OptionError& e) {
    check_error(e, line);
  } catch (const std::exception& e) {
    report(std::string("the option checks threw something other than OptionError: ") + e.what() +
           " for: " + line);
  }
  if (!std::filesystem::is_empty(g_dir)) report("the option checks created files: " + line);
  return 0;
}
