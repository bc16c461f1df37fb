// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu-lab: train MLP, CNN and RNN models with the ELU family on Fashion-MNIST and check the ELU
// article's claims. Exit status: 0 done (a diverged run is a result, noted on stderr), 2 bad
// options, bad data or an unusable checkpoint (nothing written), 3 a distributed job that lost a
// rank or could not form (docs/distributed.md), 1 anything else that went wrong. Every error is
// one line on stderr.
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "commands/commands.h"
#include "data/idx.h"
#include "dist/communicator.h"
#include "train/checkpoint_error.h"
#include "util/machine.h"
#include "util/one_line.h"

namespace {

constexpr int kUsageError = 2;
constexpr int kInternalError = 1;

// LibTorch's messages carry a backtrace on the lines after the first.
int fail(int status, const char* prefix, const std::exception& e) {
  std::fprintf(stderr, "elu-lab: %s%s\n", prefix, elu::lab::first_line(e.what()).c_str());
  return status;
}

std::string joined_command_line(int argc, char** argv) {
  std::string line = "elu-lab";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    line += ' ';
    line += arg.find_first_of(" \t'\"") == std::string::npos ? arg : "'" + arg + "'";
  }
  return line;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace elu::lab;
  CLI::App app{
      "elu-lab: the ELU family on Fashion-MNIST (MLP, CNN, RNN), measured against the "
      "ELU article's claims"};
  app.set_version_flag("--version", version_text(),
                       "Print the version, commit, SIMD target and "
                       "LibTorch version, then exit");
  app.require_subcommand(1);
  TrainOptions train;
  CompareOptions compare;
  SweepOptions sweep;
  BenchOptions bench;
  CLI::App* train_cmd = add_train_command(app, train);
  CLI::App* compare_cmd = add_compare_command(app, compare);
  CLI::App* sweep_cmd = add_sweep_command(app, sweep);
  CLI::App* bench_cmd = add_bench_command(app, bench);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One line, as for every other bad input.
    std::fprintf(stderr, "elu-lab: %s (run with --help for the options)\n",
                 first_line(e.what()).c_str());
    return kUsageError;
  }

  const CommandContext context{joined_command_line(argc, argv), ::isatty(STDOUT_FILENO) == 1};
  try {
    if (*train_cmd) return run_train_command(train, context);
    if (*compare_cmd) return run_compare_command(compare, context);
    if (*sweep_cmd) return run_sweep_command(sweep, context);
    if (*bench_cmd) return run_bench_command(bench, context);
  } catch (const elu::lab::dist::RendezvousError& e) {
    // The others may still wait for this rank; quit without running LibTorch's destructors.
    fail(elu::lab::dist::kLostPeerStatus, "", e);
    std::fflush(stdout);
    std::_Exit(elu::lab::dist::kLostPeerStatus);
  } catch (const OptionError& e) {
    return fail(kUsageError, "", e);
  } catch (const DataError& e) {
    return fail(kUsageError, "", e);
  } catch (const CheckpointError& e) {
    return fail(kUsageError, "", e);
  } catch (const std::invalid_argument& e) {  // a subset larger than the data
    return fail(kUsageError, "", e);
  } catch (const std::exception& e) {
    return fail(kInternalError, "error: ", e);
  } catch (...) {
    std::fprintf(stderr, "elu-lab: error: unknown exception\n");
    return kInternalError;
  }
  return kInternalError;
}
