// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "cli/options.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>
#include <thread>

#include "models/activation_names.h"
#include "util/machine.h"

namespace elu::lab {
namespace {

std::string number(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

void check_alpha(double alpha, const std::string& act) {
  if (!std::isfinite(alpha) || alpha <= 0.0) {
    throw OptionError("--alpha must be a positive number (got " + number(alpha) + ")" +
                      (act == "selu" ? "; selu's alpha is fixed at 1.6733 in any case" : ""));
  }
}

// CLI11 reads "-1" into an unsigned option as 2^64 - 1 without a word; this runs on the text
// before the conversion.
const CLI::Validator kWholeNumber(
    [](std::string& input) -> std::string {
      unsigned long long value = 0;
      const char* end = input.data() + input.size();
      const auto [last, error] = std::from_chars(input.data(), end, value);
      if (input.empty() || error != std::errc() || last != end) {
        return "must be a whole number, 0 or more (got " + input + ")";
      }
      return "";
    },
    "WHOLE");

std::string bytes_text(double bytes) {
  char text[64];
  if (bytes < 1e19) {
    std::snprintf(text, sizeof text, "%.0f bytes", bytes);
  } else {
    std::snprintf(text, sizeof text, "%.3g bytes", bytes);
  }
  return text;
}

void check_model_fits(const RunSpec& s) {
  const double need = parameter_bytes(s);
  const double memory = static_cast<double>(physical_memory_bytes());
  if (memory > 0 && need > memory / 2) {
    std::string sizes = s.model == "mlp" ? "--depth " + std::to_string(s.depth) + " " : "";
    sizes += "--width " + std::to_string(s.width);
    throw OptionError(sizes + ": the " + s.model + "'s parameters need " + bytes_text(need) +
                      ", more than half of this machine's memory (" + bytes_text(memory) + ")");
  }
}

// An --out or --checkpoint must be a directory or become one: refused when it exists as something
// else, or when the nearest part of it that exists is not a directory (a path under a file).
void check_output_dir(const char* option, const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path path(dir);
  if (fs::exists(path, ec)) {
    if (!fs::is_directory(path, ec)) {
      throw OptionError(std::string(option) + " " + dir + ": exists and is not a directory");
    }
    return;
  }
  fs::path existing = fs::absolute(path, ec).lexically_normal();
  while (!existing.empty() && !fs::exists(existing, ec) && existing != existing.root_path()) {
    existing = existing.parent_path();
  }
  if (!fs::is_directory(existing, ec)) {
    throw OptionError(std::string(option) + " " + dir + ": cannot be created, " +
                      existing.string() + " is not a directory");
  }
}

}  // namespace

int max_threads() {
  return kMaxThreadsPerHardwareThread *
         static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

double parameter_bytes(const RunSpec& s) {
  // Weights plus biases of each layer, as the models in models/ build them; double, so that no
  // size overflows (exact below 2^53).
  const double w = s.width, classes = static_cast<double>(kClasses);
  const double pixels = static_cast<double>(kImageSide * kImageSide);
  double params = 0;
  if (s.model == "cnn") {
    const double convs = (1 * 32 * 9 + 32) + (32 * 64 * 9 + 64);
    params = convs + (64 * 5 * 5 + 1) * w + (w + 1) * classes;
    if (s.batchnorm) params += 2 * (32 + 64 + w);
  } else if (s.model == "autoencoder") {
    double in = pixels;
    for (const double out : {1000.0, 500.0, 250.0, 30.0, 250.0, 500.0, 1000.0, pixels}) {
      params += (in + 1) * out;
      in = out;
    }
  } else if (s.model == "rnn") {
    params = (static_cast<double>(kImageSide) + 1) * w + w * w + (w + 1) * classes;
  } else {
    params = (pixels + 1) * w + (s.depth - 1.0) * (w + 1) * w + (w + 1) * classes;
  }
  return 4 * params;
}

void add_train_options(CLI::App& app, TrainOptions& o, OptionSet set) {
  o.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  app.option_defaults()->always_capture_default();
  RunSpec& s = o.spec;
  if (set.model) {
    app.add_option("--model", s.model,
                   "Model: mlp (Clevert et al. 4.1), cnn, rnn (Elman) or autoencoder (4.2: "
                   "784-1000-500-250-30-250-500-1000-784, MSE)")
        ->check(CLI::IsMember({"mlp", "cnn", "rnn", "autoencoder"}));
  }
  if (set.act) {
    app.add_option("--act", s.act,
                   "Activation: elu, relu, leaky_relu, selu, celu, pelu, torch_elu, gelu, silu, "
                   "mish, prelu, softplus")
        ->check(CLI::IsMember(activation_names()));
  }
  if (set.single_alpha) {
    app.add_option("--alpha", s.alpha, "alpha of elu, torch_elu and celu")
        ->each([&o](const std::string&) { o.alpha_given = true; });
  }
  if (set.epochs_and_checkpoints) app.add_option("--epochs", s.epochs, "Training epochs");
  app.add_option("--batch", s.batch, "Minibatch size");
  if (set.single_lr) app.add_option("--lr", s.lr, "Learning rate");
  app.add_option("--optimizer", s.optimizer, "Optimizer: sgd or adam")
      ->check(CLI::IsMember({"sgd", "adam"}));
  app.add_option("--seed", s.seed, "Random seed (initialisation and data order)")
      ->check(kWholeNumber);
  app.add_option("--train-subset", s.train_subset,
                 "Train on the first N training images (0 = all 55,000 not held out)")
      ->check(kWholeNumber);
  if (set.epochs_and_checkpoints) {
    app.add_option("--eval-subset", s.eval_subset,
                   "Validate and test on the first N held-out and test images (0 = all)")
        ->check(kWholeNumber);
  }
  app.add_option("--depth", s.depth,
                 "Hidden layers of the mlp (the parameters must fit in half the memory)");
  app.add_option("--width", s.width,
                 "Units per hidden layer (mlp), state size (rnn), fc width (cnn) (the parameters "
                 "must fit in half the memory)");
  app.add_flag("--batchnorm", s.batchnorm, "cnn: batch normalisation before each activation");
  app.add_flag("--exact", s.exact,
               "elu, selu, celu: correctly rounded kernels (the same bits on every SIMD target)");
  app.add_option("--data", o.data_dir,
                 "Directory with the IDX files of 28x28 images (train-images-idx3-ubyte[.gz], "
                 "...; Fashion-MNIST, MNIST, ...)");
  app.add_option("--out", o.out_dir, "Directory for metrics, plots and report.md");
  if (set.epochs_and_checkpoints) {
    app.add_option("--checkpoint", o.checkpoint_dir, "Save a checkpoint here after every epoch");
    app.add_flag("--resume", o.resume, "Continue from the checkpoint in --checkpoint");
  }
  app.add_option("--threads", o.threads,
                 "LibTorch threads, at most 8x the hardware threads (" +
                     std::to_string(max_threads()) +
                     " here; default: all cores, shared among the ranks on this machine)")
      ->each([&o](const std::string&) { o.threads_given = true; });
  if (!set.distributed) return;
  app.add_option("--dist-url", o.dist.url,
                 "Rendezvous tcp://HOST:PORT (rank 0's host); default MASTER_ADDR and MASTER_PORT");
  app.add_option("--rank", o.dist.rank, "This process's rank (default RANK or SLURM_PROCID)")
      ->default_str("");
  app.add_option("--world-size", o.dist.world_size,
                 "Processes in the job (default WORLD_SIZE or SLURM_NTASKS, else 1)")
      ->default_str("");
  app.add_option("--dist-timeout", o.dist.timeout_s,
                 "Seconds after which a lost or hung rank, or a rendezvous that does not "
                 "complete, stops the others (exit status 3)");
  app.add_option("--parallel", o.parallel,
                 "In a job of several ranks: runs (each run on one rank; compare and sweep's "
                 "default) or data (each run over all ranks; train's)")
      ->check(CLI::IsMember({"runs", "data"}));
  app.add_flag(
      "--no-grad-overlap", [&o](std::int64_t) { o.grad_overlap = false; },
      "--parallel data: sum gradients after the backward pass, not during it");
}

Parallelism parallelism(const TrainOptions& o, bool single_run) {
  if (o.parallel == "runs" && single_run) {
    throw OptionError(
        "--parallel runs shares a grid of runs among the ranks; train has one run "
        "(use --parallel data, or compare or sweep)");
  }
  if (o.parallel.empty()) return single_run ? Parallelism::kData : Parallelism::kRuns;
  return o.parallel == "data" ? Parallelism::kData : Parallelism::kRuns;
}

dist::World resolve_job(const TrainOptions& o, Parallelism mode) {
  dist::World world;
  try {
    world = dist::resolve_world(o.dist, dist::launcher_environment());
  } catch (const std::invalid_argument& e) {
    throw OptionError(e.what());
  }
  if (world.distributed() && mode == Parallelism::kData && o.spec.batch % world.size != 0) {
    throw OptionError("--batch " + std::to_string(o.spec.batch) +
                      " is the global batch and must divide by the world size " +
                      std::to_string(world.size) + " (--parallel data)");
  }
  return world;
}

int threads_for(const TrainOptions& o, const dist::World& world) {
  if (o.threads_given || !world.distributed()) return o.threads;
  return std::max(1, o.threads / std::max(1, world.local_size));
}

void check_train_options(const TrainOptions& o, bool single_run_act) {
  const RunSpec& s = o.spec;
  check_alpha(s.alpha, single_run_act ? s.act : "");
  if (single_run_act && o.alpha_given && !activation_uses_alpha(s.act)) {
    throw OptionError("--alpha does not apply to --act " + s.act +
                      " (only elu, torch_elu and celu take an alpha)");
  }
  if (s.epochs < 1) throw OptionError("--epochs must be at least 1 (got " + number(s.epochs) + ")");
  if (s.batch < 1) throw OptionError("--batch must be at least 1 (got " + number(s.batch) + ")");
  if (!std::isfinite(s.lr) || s.lr <= 0) {
    throw OptionError("--lr must be a positive number (got " + number(s.lr) + ")");
  }
  if (s.depth < 1) throw OptionError("--depth must be at least 1 (got " + number(s.depth) + ")");
  if (s.width < 1) throw OptionError("--width must be at least 1 (got " + number(s.width) + ")");
  if (s.batchnorm && s.model != "cnn") throw OptionError("--batchnorm applies to --model cnn only");
  if (o.threads < 1)
    throw OptionError("--threads must be at least 1 (got " + number(o.threads) + ")");
  if (o.threads > max_threads()) {
    throw OptionError("--threads must be at most " + std::to_string(max_threads()) + " (" +
                      std::to_string(kMaxThreadsPerHardwareThread) + "x the " +
                      std::to_string(max_threads() / kMaxThreadsPerHardwareThread) +
                      " hardware threads; got " + std::to_string(o.threads) + ")");
  }
  check_model_fits(s);
  if (o.resume && o.checkpoint_dir.empty()) {
    throw OptionError("--resume needs --checkpoint DIR (where to resume from)");
  }
  if (o.out_dir.empty()) throw OptionError("--out must not be empty");
  check_output_dir("--out", o.out_dir);
  if (!o.checkpoint_dir.empty()) check_output_dir("--checkpoint", o.checkpoint_dir);
}

void add_lr_list_option(CLI::App& app, std::vector<double>& lrs) {
  app.add_option("--lr", lrs, "Learning rates, comma-separated (a report section for each)")
      ->delimiter(',');
}

void check_lr_list(const std::vector<double>& lrs) {
  if (lrs.empty()) throw OptionError("--lr needs at least one value");
  std::set<double> seen;
  for (double lr : lrs) {
    if (!std::isfinite(lr) || lr <= 0) {
      throw OptionError("--lr must be a positive number (got " + number(lr) + ")");
    }
    if (!seen.insert(lr).second) throw OptionError("--lr lists " + number(lr) + " twice");
  }
}

void check_compare_options(const CompareOptions& o) {
  check_train_options(o.train, false);
  check_lr_list(o.lrs);
  if (o.acts.empty()) throw OptionError("--acts needs at least one activation");
  std::set<std::string> seen;
  for (const auto& a : o.acts) {
    if (!seen.insert(a).second) throw OptionError("--acts lists " + a + " twice");
  }
  if (o.seeds < 1) throw OptionError("--seeds must be at least 1 (got " + number(o.seeds) + ")");
}

void check_sweep_options(const SweepOptions& o) {
  check_train_options(o.train, false);
  check_lr_list(o.lrs);
  const std::string& act = o.train.spec.act;
  if (act != "elu" && act != "celu") {
    throw OptionError("sweep tunes the alpha of --act elu or celu (got " + act + ")");
  }
  if (o.alphas.empty()) throw OptionError("--alpha needs at least one value");
  std::set<double> seen;
  for (double a : o.alphas) {
    check_alpha(a, act);
    if (!seen.insert(a).second) throw OptionError("--alpha lists " + number(a) + " twice");
  }
  if (o.seeds < 1) throw OptionError("--seeds must be at least 1 (got " + number(o.seeds) + ")");
}

void check_bench_options(const BenchOptions& o) {
  check_train_options(o.train, false);
  if (o.reps < 1) throw OptionError("--reps must be at least 1 (got " + number(o.reps) + ")");
}

}  // namespace elu::lab
