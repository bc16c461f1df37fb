// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Checkpoints: single-threaded with the same seed, a run that is stopped (cleanly or by SIGKILL
// at an arbitrary moment) and resumed ends with exactly the metrics of an uninterrupted run.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <thread>

#include "lab_test_util.h"

namespace elu::lab {
namespace {

using nlohmann::json;

std::vector<std::string> run_args(const std::filesystem::path& out, int epochs,
                                  const std::string& subset, std::vector<std::string> extra = {},
                                  const std::string& seed = "7") {
  // PELU with Adam: the optimizer state and the activation's own parameters must both survive.
  std::vector<std::string> args{"train",
                                "--act",
                                "pelu",
                                "--optimizer",
                                "adam",
                                "--lr",
                                "0.001",
                                "--epochs",
                                std::to_string(epochs),
                                "--train-subset",
                                subset,
                                "--eval-subset",
                                "500",
                                "--threads",
                                "1",
                                "--seed",
                                seed,
                                "--data",
                                FASHION_MNIST_DIR,
                                "--out",
                                out.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// The metrics without the wall-clock fields, which legitimately differ between runs.
json without_times(json metrics) {
  for (auto& e : metrics.at("epochs")) {
    e.erase("train_seconds");
    e.erase("epoch_seconds");
  }
  return metrics;
}

TEST(Resume, StoppedAfterAnEpochEndsLikeAnUninterruptedRun) {
  const auto work = test::fresh_dir("resume_clean");
  ASSERT_EQ(test::run_elu_lab(run_args(work / "whole", 3, "1024")).exit_code, 0);
  const auto ck = (work / "ck").string();
  ASSERT_EQ(test::run_elu_lab(run_args(work / "parts", 1, "1024", {"--checkpoint", ck})).exit_code,
            0);
  const auto resumed =
      test::run_elu_lab(run_args(work / "parts", 3, "1024", {"--checkpoint", ck, "--resume"}));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.out.find("resumed after epoch 1"), std::string::npos) << resumed.out;
  const json whole = without_times(test::read_json(work / "whole" / "metrics.json"));
  const json parts = without_times(test::read_json(work / "parts" / "metrics.json"));
  ASSERT_EQ(parts.at("epochs").size(), 3u);
  EXPECT_EQ(whole, parts) << "uninterrupted:\n" << whole.dump(1) << "\nresumed:\n" << parts.dump(1);
}

TEST(Resume, KilledAtAnyMomentLeavesReadableFilesAndResumesExactly) {
  const auto work = test::fresh_dir("resume_kill");
  const std::string subset = "3000";  // epochs long enough (~50 minibatches) for a mid-epoch kill
  ASSERT_EQ(test::run_elu_lab(run_args(work / "whole", 4, subset)).exit_code, 0);
  const auto ck = work / "ck";
  const auto args = run_args(work / "killed", 4, subset, {"--checkpoint", ck.string()});

  // Kill after the first checkpoint appears, then once more a little into the resumed run.
  for (int round = 0; round < 2; ++round) {
    std::vector<std::string> a = args;
    if (round > 0) a.push_back("--resume");
    const int pid = test::start_elu_lab(a);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    int epochs_before =
        round == 0 ? 0 : test::read_json(work / "killed" / "metrics.json").at("epochs").size();
    while (std::chrono::steady_clock::now() < deadline) {
      if (std::filesystem::exists(work / "killed" / "metrics.json") &&
          test::read_json(work / "killed" / "metrics.json").at("epochs").size() >
              static_cast<std::size_t>(epochs_before)) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(40 * round));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status))
        << "the run finished before it could be killed; round " << round;
    // Whatever the moment, both files are whole and agree with each other.
    const json metrics = test::read_json(work / "killed" / "metrics.json");
    EXPECT_GE(metrics.at("epochs").size(), 1u);
    EXPECT_LT(metrics.at("epochs").size(), 4u);
  }
  const auto resumed = test::run_elu_lab([&] {
    auto a = args;
    a.push_back("--resume");
    return a;
  }());
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(without_times(test::read_json(work / "whole" / "metrics.json")),
            without_times(test::read_json(work / "killed" / "metrics.json")));
  for (const auto& entry : std::filesystem::directory_iterator(ck)) {
    EXPECT_EQ(entry.path().filename(), "checkpoint.pt") << "leftover: " << entry.path();
  }
}

TEST(Resume, RefusesACheckpointOfAnotherConfiguration) {
  const auto work = test::fresh_dir("resume_mismatch");
  const auto ck = (work / "ck").string();
  ASSERT_EQ(test::run_elu_lab(run_args(work / "a", 1, "512", {"--checkpoint", ck})).exit_code, 0);
  const auto r =
      test::run_elu_lab(run_args(work / "b", 2, "512", {"--checkpoint", ck, "--resume"}, "8"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("made by another configuration"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(work / "b")) << "a refused resume leaves no --out behind";
}

TEST(Resume, RefusesACorruptCheckpoint) {
  const auto work = test::fresh_dir("resume_corrupt");
  std::filesystem::create_directories(work / "ck");
  test::write_gz(work / "ck" / "checkpoint.pt", {1, 2, 3});
  const auto r = test::run_elu_lab(
      run_args(work / "a", 1, "512", {"--checkpoint", (work / "ck").string(), "--resume"}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not an elu-lab checkpoint"), std::string::npos) << r.err;
  EXPECT_EQ(test::lines(r.err), 1u) << r.err;
  EXPECT_FALSE(std::filesystem::exists(work / "a")) << "a refused resume leaves no --out behind";
}

}  // namespace
}  // namespace elu::lab
