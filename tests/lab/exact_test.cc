// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu-lab train --exact: with the correctly rounded kernels, training does not depend on elu's
// SIMD target. Two runs under different ELU_SIMD_TARGETs give the same metrics bit for bit (the
// timings aside); the same pair with the default kernels is printed for docs/lab.md.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "lab_test_util.h"

namespace elu::lab {
namespace {

using nlohmann::json;

// Every number of the run except the timings.
json results_of(const json& metrics) {
  json epochs = metrics.at("epochs");
  for (json& e : epochs) {
    e.erase("train_seconds");
    e.erase("epoch_seconds");
  }
  return epochs;
}

json train(const std::string& name, const std::string& target, bool exact) {
  const auto out = test::fresh_dir(name) / "out";
  std::vector<std::string> args{"train",
                                "--model",
                                "mlp",
                                "--act",
                                "selu",
                                "--epochs",
                                "2",
                                "--train-subset",
                                "1024",
                                "--eval-subset",
                                "256",
                                "--width",
                                "32",
                                "--depth",
                                "3",
                                "--optimizer",
                                "adam",
                                "--lr",
                                "0.003",
                                "--seed",
                                "5",
                                "--threads",
                                "1",
                                "--data",
                                FASHION_MNIST_DIR,
                                "--out",
                                out.string()};
  if (exact) args.push_back("--exact");
  const test::ProcessResult r = test::run_elu_lab(args, {"ELU_SIMD_TARGET=" + target});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const json metrics = test::read_json(out / "metrics.json");
  EXPECT_EQ(metrics.at("software").at("simd_target").get<std::string>(), target);
  EXPECT_EQ(metrics.at("spec").at("exact").get<bool>(), exact);
  return metrics;
}

// SSE4 has no FMA and AVX2 has: the default kernels round differently on the two, so a run on
// either is a run on a different machine as far as elu is concerned. Both exist on every x86-64
// CPU this project supports (AMD and Intel).
TEST(Exact, SameMetricsOnEverySimdTarget) {
  const json avx2 = train("exact_avx2", "AVX2", true);
  const json sse4 = train("exact_sse4", "SSE4", true);
  EXPECT_EQ(results_of(avx2), results_of(sse4));
  EXPECT_GT(results_of(avx2).size(), 0u);

  const json plain_avx2 = train("default_avx2", "AVX2", false);
  const json plain_sse4 = train("default_sse4", "SSE4", false);
  const double a = plain_avx2.at("epochs").back().at("train_loss").get<double>();
  const double b = plain_sse4.at("epochs").back().at("train_loss").get<double>();
  std::printf("default kernels: final train loss %.17g on AVX2, %.17g on SSE4 (%s)\n", a, b,
              results_of(plain_avx2) == results_of(plain_sse4) ? "same metrics" : "metrics differ");
}

}  // namespace
}  // namespace elu::lab
