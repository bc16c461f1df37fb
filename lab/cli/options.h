// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The options of elu-lab's subcommands, their defaults, and the checks that CLI11's validators
// cannot express (rules between options). A violated rule throws OptionError; main exits with 2.
#pragma once

#include <CLI/CLI.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "data/dataset_layout.h"
#include "dist/world.h"
#include "train/run_spec.h"

namespace elu::lab {

class OptionError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// Options shared by every subcommand that trains.
struct TrainOptions {
  RunSpec spec;
  bool alpha_given = false;
  std::string data_dir = kDefaultDataDir;
  std::string out_dir = "elu-lab-out";
  std::string checkpoint_dir;  // empty: no checkpoints
  bool resume = false;
  int threads = 0;  // set to all cores by add_train_options
  bool threads_given = false;
  // A distributed job (docs/distributed.md): who this process is, and how the work is shared.
  dist::DistOptions dist;
  std::string parallel;      // --parallel runs|data; empty: the command's default
  bool grad_overlap = true;  // --no-grad-overlap: all-reduce after the backward pass instead
};

/// How a command spreads over the ranks of a job: each run on one rank, or each run over all.
enum class Parallelism { kRuns, kData };

/// --parallel, or the command's default (data for train, runs for compare and sweep). Throws
/// OptionError for train with runs (one run cannot be shared out).
Parallelism parallelism(const TrainOptions& options, bool single_run);

/// The world of this process (dist::resolve_world on the options and the environment), with the
/// checks that need it: --batch must divide by the world size in data mode. Throws OptionError.
dist::World resolve_job(const TrainOptions& options, Parallelism mode);

/// --threads, or when it is not given, the cores shared among the ranks on this machine.
int threads_for(const TrainOptions& options, const dist::World& world);

struct CompareOptions {
  TrainOptions train;
  std::vector<std::string> acts{"elu", "relu", "leaky_relu"};
  std::vector<double> lrs{0.01};  // --lr: a list here; each one a section of the report
  int seeds = 1;
};

struct SweepOptions {
  TrainOptions train;
  std::vector<double> alphas{0.1, 0.3, 1.0, 3.0};
  std::vector<double> lrs{0.01};
  int seeds = 1;
};

/// bench's verdict on the speed target needs this many repetitions.
inline constexpr int kBenchMinReps = 5;

struct BenchOptions {
  TrainOptions train;
  int reps = kBenchMinReps;
};

/// Which of the train options a subcommand takes: compare has --acts instead of --act, compare
/// and sweep a list of learning rates, sweep a list of alphas; bench times one epoch of the mlp
/// with its own three activations, so it has no --epochs, --eval-subset, --checkpoint or --resume
/// (CLI11 refuses them, exit status 2).
struct OptionSet {
  bool model = true, act = true, single_alpha = true, single_lr = true;
  bool epochs_and_checkpoints = true;  // --epochs, --eval-subset, --checkpoint, --resume
  bool distributed = true;             // --dist-url, --rank, --world-size, --parallel, ...
};

/// --threads may ask for up to this many LibTorch threads per hardware thread: more only slows
/// training down, and 100,000 threads stall the machine.
inline constexpr int kMaxThreadsPerHardwareThread = 8;
int max_threads();

/// Bytes of the float32 parameters of the model `spec` describes (its own count, before building
/// it). Options whose parameters need more than half the physical memory are refused.
double parameter_bytes(const RunSpec& spec);

/// Registers the train options (with defaults shown in --help) on a subcommand.
void add_train_options(CLI::App& app, TrainOptions& options, OptionSet set = {});

/// --lr as a comma-separated list (compare and sweep).
void add_lr_list_option(CLI::App& app, std::vector<double>& lrs);

/// Cross-option rules. Each throws OptionError with a message naming the option. The train
/// options' check also refuses an --out or --checkpoint that cannot be a directory (a file, or a
/// path under one), before anything is created.
void check_train_options(const TrainOptions& options, bool single_run_act);
void check_compare_options(const CompareOptions& options);
void check_sweep_options(const SweepOptions& options);
void check_bench_options(const BenchOptions& options);

}  // namespace elu::lab
