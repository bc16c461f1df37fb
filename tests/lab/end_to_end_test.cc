// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Every model with every activation, trained for real on 512 Fashion-MNIST images: the loss goes
// down and every file the user is promised is written.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cmath>
#include <fstream>

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
  // Not a terminal: the data line, one line per epoch per run, and one at the end.
  const auto runs = static_cast<long>(activation_names().size());
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), runs * kEpochs + 2) << r.out;

  // results.csv: long format, one row per run, epoch and metric.
  const std::string csv = test::read_file(out / "results.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "run,act,alpha,seed,model,epoch,metric,value");
  EXPECT_EQ(test::lines(csv), 1 + static_cast<std::size_t>(runs) * kEpochs * 9);
  EXPECT_NE(csv.find("\ngelu-seed0,gelu,1,0," + model + ",2,test_accuracy,"), std::string::npos)
      << csv.substr(0, 2000);
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
       {"elu::nn::ELU", "torch::nn::ELU", "torch::nn::ReLU", "elu::nn::ELU / torch::nn::ELU",
        "target <= 1.05x: not decided (needs --reps 5 or more, got 1); spread over 1 "
        "repetitions: elu::nn::ELU 0.0 %"}) {
    EXPECT_NE(r.out.find(what), std::string::npos) << what << "\n" << r.out;
  }
  EXPECT_TRUE(std::filesystem::exists(out / "bench.md"));
}

// Clevert et al. 4.2 in small: the autoencoder at two learning rates reconstructs better after
// two epochs, with a report section per learning rate and results.csv over both.
TEST(Autoencoder, ReconstructionErrorGoesDownAtEachLearningRate) {
  const auto out = test::fresh_dir("e2e_autoencoder") / "out";
  const auto r = test::run_elu_lab({"compare",
                                    "--model",
                                    "autoencoder",
                                    "--acts",
                                    "elu,relu",
                                    "--lr",
                                    "0.001,0.0003",
                                    "--optimizer",
                                    "adam",
                                    "--epochs",
                                    std::to_string(kEpochs),
                                    "--train-subset",
                                    "512",
                                    "--eval-subset",
                                    "300",
                                    "--threads",
                                    "1",
                                    "--data",
                                    FASHION_MNIST_DIR,
                                    "--out",
                                    out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* run :
       {"elu-lr0.001-seed0", "relu-lr0.001-seed0", "elu-lr0.0003-seed0", "relu-lr0.0003-seed0"}) {
    const json metrics = test::read_json(out / "runs" / run / "metrics.json");
    EXPECT_EQ(metrics.at("model"), "784-1000-500-250-30-250-500-1000-784, sigmoid output");
    const auto& epochs = metrics.at("epochs");
    ASSERT_EQ(epochs.size(), static_cast<std::size_t>(kEpochs)) << run;
    const double first = epochs[0].at("train_loss"), last = epochs[kEpochs - 1].at("train_loss");
    EXPECT_LT(last, first) << run << ": reconstruction error did not go down";
    // Per-pixel MSE of pixels in [0, 1]: the mean pixel everywhere gives their variance, 0.125.
    EXPECT_LT(epochs[kEpochs - 1].at("test_loss").get<double>(), 0.1) << run;
    EXPECT_TRUE(epochs[kEpochs - 1].at("test_accuracy").is_null()) << "an autoencoder has none";
    EXPECT_EQ(epochs[kEpochs - 1].at("layers").size(), 7u) << run;
  }
  const std::string csv = test::read_file(out / "results.csv");
  EXPECT_EQ(test::lines(csv), 1u + 4 * kEpochs * 7) << csv.substr(0, 1000);
  EXPECT_EQ(csv.find("accuracy"), std::string::npos);
  const std::string md = test::read_file(out / "report.md");
  EXPECT_NE(md.find("## lr 0.001\n"), std::string::npos) << md;
  EXPECT_NE(md.find("## lr 0.0003\n"), std::string::npos) << md;
  EXPECT_NE(md.find("| activation | final train MSE | best val MSE | chosen epoch | test MSE |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("#### ELU gives the lowest reconstruction error"), std::string::npos) << md;
  EXPECT_GT(std::filesystem::file_size(out / "lr0.0003-loss.png"), 1000u);
  EXPECT_FALSE(std::filesystem::exists(out / "lr0.0003-test_accuracy.png"));
}

// The case: at lr 1 the paper MLP's loss becomes NaN in the first epoch. Before, plotting
// failed (exit 1, no report); now the run ends at that epoch as a result, with exit status 0.
TEST(Divergence, TrainEndsTheRunThereAndReportsIt) {
  const auto out = test::fresh_dir("e2e_diverged") / "out";
  const auto r = test::run_elu_lab({"train", "--lr", "1", "--epochs", "2", "--train-subset", "2000",
                                    "--eval-subset", "500", "--threads", "1", "--data",
                                    FASHION_MNIST_DIR, "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(test::lines(r.err), 1u) << r.err;
  EXPECT_EQ(r.err.rfind("elu-lab: note: elu seed 0 diverged at epoch 1 (training loss ", 0), 0u)
      << r.err;

  const json metrics = test::read_json(out / "metrics.json");
  ASSERT_EQ(metrics.at("epochs").size(), 1u) << "the run ends at the epoch that diverged";
  EXPECT_EQ(metrics.at("diverged").at("epoch"), 1);
  EXPECT_NE(metrics.at("diverged").at("reason").get<std::string>().find("in minibatch"),
            std::string::npos);
  EXPECT_TRUE(metrics.at("epochs")[0].at("train_loss").is_null());

  const std::string csv = test::read_file(out / "metrics.csv");
  const std::string header = csv.substr(0, csv.find('\n'));
  EXPECT_EQ(header.substr(header.size() - 9), ",diverged") << header;
  EXPECT_EQ(csv.substr(csv.size() - 3), ",1\n") << csv;
  EXPECT_NE(csv.find("\n1,nan,"), std::string::npos) << csv;

  const std::string md = test::read_file(out / "report.md");
  EXPECT_NE(md.find("- elu seed 0 diverged at epoch 1 (training loss"), std::string::npos) << md;
  EXPECT_NE(md.find("(loss.png): not drawn, no finite value to plot"), std::string::npos) << md;
  EXPECT_FALSE(std::filesystem::exists(out / "loss.png"));
  EXPECT_GT(std::filesystem::file_size(out / "test_accuracy.png"), 1000u);
  for (const auto& entry : std::filesystem::directory_iterator(out)) {
    EXPECT_EQ(entry.path().string().find(".tmp."), std::string::npos) << entry.path();
  }
}

// A directory holding only a fake gnuplot that prints `stderr_text` and exits with `status`.
std::filesystem::path fake_gnuplot(const std::filesystem::path& dir, const std::string& stderr_text,
                                   int status) {
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "gnuplot") << "#!/bin/sh\ncat > /dev/null\nprintf '" << stderr_text
                                 << "' >&2\nexit " << status << "\n";
  ::chmod((dir / "gnuplot").c_str(), 0755);
  return dir;
}

std::vector<std::string> quick_train(const std::filesystem::path& out) {
  return {"train",
          "--epochs",
          "1",
          "--train-subset",
          "256",
          "--eval-subset",
          "100",
          "--depth",
          "1",
          "--width",
          "8",
          "--threads",
          "1",
          "--data",
          FASHION_MNIST_DIR,
          "--out",
          out.string()};
}

// Internal errors are one line with exit status 1, whatever the failing tool prints.
TEST(Errors, AFailingGnuplotIsOneLineWithExit1) {
  const auto work = test::fresh_dir("e2e_gnuplot_fails");
  const auto bin = fake_gnuplot(work / "bin",
                                "\\ngnuplot> plot $s0 using 1:2\\n              ^\\n"
                                "         line 6: all points y value undefined!\\n\\n",
                                1);
  const auto r =
      test::run_elu_lab(quick_train(work / "out"), {"PATH=" + bin.string() + ":/usr/bin:/bin"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(test::lines(r.err), 1u) << r.err;
  EXPECT_EQ(r.err, "elu-lab: error: gnuplot failed to draw " +
                       (work / "out" / "loss.png").string() +
                       " (line 6: all points y value undefined!)\n");
  for (const auto& entry : std::filesystem::directory_iterator(work / "out")) {
    EXPECT_EQ(entry.path().string().find(".tmp."), std::string::npos) << entry.path();
  }
}

TEST(Errors, AMissingGnuplotIsOneLineWithExit1) {
  const auto work = test::fresh_dir("e2e_gnuplot_missing");
  const auto r = test::run_elu_lab(quick_train(work / "out"), {"PATH=" + (work / "none").string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err, "elu-lab: error: gnuplot not found on PATH (install gnuplot-nox)\n");
}

}  // namespace
}  // namespace elu::lab
