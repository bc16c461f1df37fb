// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu-lab bench: one training epoch of the paper MLP with elu::nn::ELU, torch::nn::ELU and
// torch::nn::ReLU, interleaved in one process so that the ratio compares like with like.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>

#include "commands/commands.h"
#include "commands/common.h"
#include "models/factory.h"
#include "util/atomic_file.h"
#include "util/machine.h"

namespace elu::lab {
namespace {

inline constexpr double kSpeedTarget = 1.05;  // elu::nn::ELU epoch <= 1.05x torch::nn::ELU

struct Contender {
  std::string act, what;
  std::vector<double> seconds;
};

double epoch_seconds(const RunSpec& spec, const Split& train, int rep) {
  torch::manual_seed(spec.seed);  // same initial weights for every contender and repetition
  auto model = make_model(spec);
  auto optimizer = make_optimizer(spec, *model);
  const auto start = std::chrono::steady_clock::now();
  train_epoch(*model, *optimizer, train, spec.batch, spec.seed + static_cast<std::uint64_t>(rep),
              nullptr);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

double min_of(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }
double max_of(const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); }
double spread(const std::vector<double>& v) { return max_of(v) / min_of(v) - 1.0; }

}  // namespace

CLI::App* add_bench_command(CLI::App& root, BenchOptions& options) {
  CLI::App* app = root.add_subcommand(
      "bench",
      "Time a paper-MLP training epoch with elu::nn::ELU, torch::nn::ELU and torch::nn::ReLU");
  add_train_options(*app, options.train,
                    OptionSet{.model = false,
                              .act = false,
                              .single_alpha = false,
                              .single_lr = true,
                              .epochs_and_checkpoints = false,
                              .distributed = false});
  app->add_option("--reps", options.reps,
                  "Timed epochs per activation (interleaved); the target is decided from " +
                      std::to_string(kBenchMinReps) + " on");
  return app;
}

int run_bench_command(const BenchOptions& options, const CommandContext& context) {
  check_bench_options(options);
  // Data first: a bad file must be the only line on stderr.
  const FashionMnist data = load_data(options.train);
  use_threads(options.train.threads);
  MadeDirectories dirs;
  dirs.create(options.train.out_dir);
  remove_stale_temporaries_in({options.train.out_dir});

  std::vector<Contender> contenders{{"elu", "elu::nn::ELU", {}},
                                    {"torch_elu", "torch::nn::ELU", {}},
                                    {"relu", "torch::nn::ReLU", {}}};
  RunSpec spec = options.train.spec;
  spec.model = "mlp";
  // Warm-up (allocator, OpenBLAS buffers, code paths) on a slice, untimed.
  const Split warm{data.train.images.slice(0, 0, 2048), data.train.labels.slice(0, 0, 2048)};
  for (Contender& c : contenders) {
    spec.act = c.act;
    epoch_seconds(spec, warm, 0);
  }
  // Rotating the order each repetition spreads drift (other load, frequency) over all three.
  for (int rep = 0; rep < options.reps; ++rep) {
    for (std::size_t k = 0; k < contenders.size(); ++k) {
      Contender& c = contenders[(k + static_cast<std::size_t>(rep)) % contenders.size()];
      spec.act = c.act;
      c.seconds.push_back(epoch_seconds(spec, data.train, rep));
      std::printf("rep %d/%d  %-16s %.3f s\n", rep + 1, options.reps, c.what.c_str(),
                  c.seconds.back());
      std::fflush(stdout);
    }
  }

  const double ratio = min_of(contenders[0].seconds) / min_of(contenders[1].seconds);
  std::ostringstream md;
  md << "# elu-lab bench\n\n";
  md << "- Command: `" << context.command_line << "`\n";
  md << "- Machine: " << describe_machine() << "; " << utc_now() << "\n";
  md << "- One training epoch of the paper MLP (784 -> " << spec.depth << " x " << spec.width
     << " -> 10, SGD lr " << spec.lr << ", batch " << spec.batch << ") on " << data.train.size()
     << " images, " << options.reps << " interleaved repetitions\n\n";
  md << "| activation | min s/epoch | median s/epoch | max s/epoch | spread (max/min - 1) |\n"
        "|---|---|---|---|---|\n";
  char row[256];
  for (const Contender& c : contenders) {
    std::snprintf(row, sizeof row, "| %s | %.3f | %.3f | %.3f | %.1f %% |\n", c.what.c_str(),
                  min_of(c.seconds), median(c.seconds), max_of(c.seconds), 100 * spread(c.seconds));
    md << row;
  }
  // The ratio of minima is only as good as the repetitions behind it; a gap smaller than the
  // spread between repetitions is not a measurement.
  std::string verdict;
  if (options.reps < kBenchMinReps) {
    verdict = "not decided (needs --reps " + std::to_string(kBenchMinReps) + " or more, got " +
              std::to_string(options.reps) + ")";
  } else {
    verdict = ratio <= kSpeedTarget ? "met" : "NOT met";
  }
  std::snprintf(row, sizeof row,
                "\nelu::nn::ELU / torch::nn::ELU (min over repetitions): %.3fx; target <= %.2fx: "
                "%s; spread over %d repetitions: elu::nn::ELU %.1f %%, torch::nn::ELU %.1f %%\n",
                ratio, kSpeedTarget, verdict.c_str(), options.reps,
                100 * spread(contenders[0].seconds), 100 * spread(contenders[1].seconds));
  md << row;
  write_file_atomically(std::filesystem::path(options.train.out_dir) / "bench.md", md.str());
  std::printf("\n%s", md.str().c_str());
  dirs.keep();
  return 0;
}

}  // namespace elu::lab
