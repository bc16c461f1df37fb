// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Every model with every activation, trained for real on 512 Fashion-MNIST images: the loss goes
// down and every file the user is promised is written.
#include <gtest/gtest.h>

#include <cmath>

#include "lab_test_util.h"
#include "models/activation_names.h"

namespace elu::lab {
namespace {

using nlohmann::json;

std::string all_activations() {
  std::string acts;
  for (const auto& a : activation_names()) acts += (acts.empty() ? "" : ",") + a;
  return acts;
}

constexpr int kEpochs = 2;

std::vector<std::string> tiny_run_args(const std::string& model, const std::filesystem::path& out) {
  // Small widths and evaluation sets keep 7 activations x 2 epochs within seconds; Adam makes
  // 8 minibatches per epoch enough to see every model learn.
  return {"--model",        model,       "--epochs",      std::to_string(kEpochs),
          "--train-subset", "512",       "--eval-subset", "300",
          "--width",        "32",        "--depth",       "2",
          "--optimizer",    "adam",      "--lr",          "0.003",
          "--threads",      "1",         "--data",        FASHION_MNIST_DIR,
          "--out",          out.string()};
}

class EveryModel : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryModel, EveryActivationLearnsAndWritesItsFiles) {
  const std::string model = GetParam();
  const auto out = test::fresh_dir("e2e_" + model) / "out";
  std::vector<std::string> args{"compare", "--acts", all_activations()};
  for (const auto& a : tiny_run_args(model, out)) args.push_back(a);
  const auto r = test::run_elu_lab(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;

  const std::size_t hidden_layers = model == "mlp" ? 2 : model == "cnn" ? 3 : 1;
  for (const auto& act : activation_names()) {
    const auto run_dir = out / "runs" / (act + "-seed0");
    ASSERT_TRUE(std::filesystem::exists(run_dir / "metrics.csv")) << act;
    const json metrics = test::read_json(run_dir / "metrics.json");
    const auto& epochs = metrics.at("epochs");
    ASSERT_EQ(epochs.size(), static_cast<std::size_t>(kEpochs)) << act;
    const auto& final_epoch = epochs[kEpochs - 1];
    const double first = epochs[0].at("train_loss"), last = final_epoch.at("train_loss");
    EXPECT_LT(last, first) << model << " " << act << ": training loss did not go down";
    EXPECT_LT(final_epoch.at("val_loss").get<double>(), std::log(10.0))
        << model << " " << act << ": validation loss no better than chance";
    EXPECT_GT(final_epoch.at("test_accuracy").get<double>(), 0.15)
        << model << " " << act << ": no better than chance (0.1)";
    const auto& layers = final_epoch.at("layers");
    ASSERT_EQ(layers.size(), hidden_layers) << act;
    for (const auto& layer : layers) {
      EXPECT_EQ(layer.contains("pelu_a"), act == "pelu") << act;
      EXPECT_GE(layer.at("dead_fraction").get<double>(), 0.0);
    }
  }
  const json elu = test::read_json(out / "runs" / "elu-seed0" / "metrics.json");
  EXPECT_EQ(elu.at("train_images"), 512);
  EXPECT_EQ(elu.at("validation_images"), 300);
  EXPECT_TRUE(std::filesystem::exists(out / "report.md"));
  for (const char* png :
       {"loss.png", "median_activation.png", "test_accuracy.png", "dead_units.png"}) {
    EXPECT_GT(std::filesystem::file_size(out / png), 1000u) << png;
  }
  // Not a terminal: one line per epoch per run, and one at the end.
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 7 * kEpochs + 1) << r.out;
}

INSTANTIATE_TEST_SUITE_P(Models, EveryModel, ::testing::Values("mlp", "cnn", "rnn"));

TEST(Sweep, TriesEachAlphaAndWritesTheChoice) {
  const auto out = test::fresh_dir("e2e_sweep") / "out";
  std::vector<std::string> args{"sweep", "--act", "celu", "--alpha", "0.5,2"};
  for (const auto& a : tiny_run_args("mlp", out)) args.push_back(a);
  const auto r = test::run_elu_lab(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(out / "runs" / "celu-alpha0.5-seed0" / "metrics.json"));
  EXPECT_TRUE(std::filesystem::exists(out / "runs" / "celu-alpha2-seed0" / "metrics.json"));
  EXPECT_GT(std::filesystem::file_size(out / "alpha_sweep.png"), 1000u);
  EXPECT_NE(r.out.find("best alpha"), std::string::npos) << r.out;
}

TEST(Bench, TimesTheThreeActivationsInOneRun) {
  const auto out = test::fresh_dir("e2e_bench") / "out";
  const auto r =
      test::run_elu_lab({"bench", "--train-subset", "512", "--reps", "1", "--depth", "2",
                         "--threads", "1", "--data", FASHION_MNIST_DIR, "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* what :
       {"elu::nn::ELU", "torch::nn::ELU", "torch::nn::ReLU", "elu::nn::ELU / torch::nn::ELU"}) {
    EXPECT_NE(r.out.find(what), std::string::npos) << what << "\n" << r.out;
  }
  EXPECT_TRUE(std::filesystem::exists(out / "bench.md"));
}

}  // namespace
}  // namespace elu::lab
