// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Checkpoints: single-threaded with the same seed, a run that is stopped (cleanly or by SIGKILL
// at an arbitrary moment) and resumed ends with exactly the metrics of an uninterrupted run.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <thread>

#include "lab_test_util.h"
#include "models/factory.h"
#include "train/checkpoint.h"
#include "train/trainer.h"

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

// The metrics without the wall-clock fields and the command line (a resume adds --resume), which
// legitimately differ between runs.
json without_times(json metrics) {
  metrics.erase("command_line");
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

// The issue this guards against: one flipped bit made a first-layer weight -3.6e37 and the
// resumed run trained on to a NaN loss with exit status 0.
TEST(Resume, RefusesAFlippedBitAndWritesNothing) {
  const auto work = test::fresh_dir("resume_bitflip");
  const auto ck = work / "ck", out = work / "out";
  ASSERT_EQ(test::run_elu_lab(run_args(out, 1, "512", {"--checkpoint", ck.string()})).exit_code, 0);
  std::string bytes = test::read_file(ck / "checkpoint.pt");
  // The middle of the model part (mostly the first layer's weights), found from the manifest.
  const std::size_t manifest = bytes.find('\n') + 1, parts = bytes.find('\n', manifest) + 1;
  const std::size_t model_bytes =
      json::parse(bytes.substr(manifest, parts - 1 - manifest)).at("parts")[0].at("bytes");
  bytes[parts + model_bytes / 2] ^= 0x10;
  std::ofstream(ck / "checkpoint.pt", std::ios::binary | std::ios::trunc) << bytes;
  const auto before_out = test::snapshot(out), before_ck = test::snapshot(ck);

  const auto r =
      test::run_elu_lab(run_args(out, 3, "512", {"--checkpoint", ck.string(), "--resume"}));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(test::lines(r.err), 1u) << r.err;
  EXPECT_EQ(r.err.rfind("elu-lab: " + (ck / "checkpoint.pt").string() +
                            ": damaged: the model part "
                            "fails its CRC-32 check",
                        0),
            0u)
      << r.err;
  EXPECT_EQ(test::snapshot(out), before_out) << "a refused resume writes nothing";
  EXPECT_EQ(test::snapshot(ck), before_ck) << "a refused resume writes nothing";
}

// The second case: "epochs_done": 3 edited to 1 was accepted, and metrics.csv then
// listed epochs 1,2,3,2,3,4,5,6.
TEST(Resume, RefusesAnEditedEpochCountAndWritesNothing) {
  const auto work = test::fresh_dir("resume_edited");
  const auto ck = work / "ck", out = work / "out";
  ASSERT_EQ(test::run_elu_lab(run_args(out, 3, "256", {"--checkpoint", ck.string()})).exit_code, 0);
  std::string bytes = test::read_file(ck / "checkpoint.pt");
  const std::size_t at = bytes.find("\"epochs_done\":3");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 14] = '1';
  std::ofstream(ck / "checkpoint.pt", std::ios::binary | std::ios::trunc) << bytes;
  const auto before_out = test::snapshot(out), before_ck = test::snapshot(ck);

  const auto r =
      test::run_elu_lab(run_args(out, 6, "256", {"--checkpoint", ck.string(), "--resume"}));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(test::lines(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("damaged: the meta part fails its CRC-32 check"), std::string::npos)
      << r.err;
  EXPECT_EQ(test::snapshot(out), before_out);
  EXPECT_EQ(test::snapshot(ck), before_ck);
}

std::vector<std::string> compare_args(const std::filesystem::path& out,
                                      const std::filesystem::path& ck, int epochs) {
  return {"compare",
          "--acts",
          "elu,relu",
          "--epochs",
          std::to_string(epochs),
          "--train-subset",
          "512",
          "--eval-subset",
          "300",
          "--width",
          "32",
          "--depth",
          "2",
          "--threads",
          "1",
          "--data",
          FASHION_MNIST_DIR,
          "--out",
          out.string(),
          "--checkpoint",
          ck.string()};
}

// compare trains the runs one after another; a damaged checkpoint of the last run must stop the
// command before the first run writes anything.
TEST(Resume, CompareChecksEveryCheckpointBeforeTrainingAny) {
  const auto work = test::fresh_dir("resume_compare_checks");
  const auto ck = work / "ck", out = work / "out";
  ASSERT_EQ(test::run_elu_lab(compare_args(out, ck, 1)).exit_code, 0);
  std::string bytes = test::read_file(ck / "relu-seed0" / "checkpoint.pt");
  bytes.resize(bytes.size() - 10);
  std::ofstream(ck / "relu-seed0" / "checkpoint.pt", std::ios::binary | std::ios::trunc) << bytes;
  const auto before_out = test::snapshot(out), before_ck = test::snapshot(ck);

  auto args = compare_args(out, ck, 2);
  args.push_back("--resume");
  const auto r = test::run_elu_lab(args);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(test::lines(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find((ck / "relu-seed0" / "checkpoint.pt").string() + ": damaged: truncated"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(test::snapshot(out), before_out) << "elu-seed0 trained before relu's was checked";
  EXPECT_EQ(test::snapshot(ck), before_ck);
}

// A checkpoint of `spec` that diverged in its first epoch: NaN weights and losses. Written here
// so that the test does not depend on which learning rate makes which activation diverge.
void write_diverged_checkpoint(const std::filesystem::path& dir, const RunSpec& spec) {
  std::filesystem::create_directories(dir);
  torch::manual_seed(spec.seed);
  auto model = make_model(spec);
  auto optimizer = make_optimizer(spec, *model);
  {
    torch::NoGradGuard no_grad;
    for (auto& p : model->parameters()) p.fill_(std::numeric_limits<float>::quiet_NaN());
  }
  TrainingState state;
  state.epochs_done = 1;
  std::ostringstream engine;
  engine << std::mt19937_64(spec.seed);
  state.order_rng = engine.str();
  state.history.spec = spec;
  state.history.model_description = model->describe();
  state.history.train_images = spec.train_subset;
  state.history.validation_images = state.history.test_images = spec.eval_subset;
  EpochRecord e;
  e.epoch = 1;
  e.train_loss = e.val_loss = e.test_loss = std::numeric_limits<double>::quiet_NaN();
  e.val_accuracy = e.test_accuracy = 0.1;
  state.history.epochs.push_back(e);
  state.history.diverged = Divergence{1, "training loss nan in minibatch 3 of 8"};
  save_checkpoint(dir, *model, *optimizer, state);
}

RunSpec compare_spec(const std::string& act) {
  RunSpec spec;
  spec.act = act;
  spec.depth = 2;
  spec.width = 32;
  spec.epochs = 2;
  spec.train_subset = 512;
  spec.eval_subset = 300;
  return spec;
}

// A diverged run is a result: compare resumes past it, trains the others, reports them all, and
// leaves the diverged group out of the claims.
TEST(Resume, CompareCarriesOnPastADivergedRun) {
  const auto work = test::fresh_dir("resume_compare_diverged");
  const auto ck = work / "ck", out = work / "out";
  write_diverged_checkpoint(ck / "elu-seed0", compare_spec("elu"));
  auto args = compare_args(out, ck, 2);
  args.push_back("--resume");
  const auto r = test::run_elu_lab(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("elu-lab: note: elu seed 0 diverged at epoch 1 (training loss nan in "
                       "minibatch 3 of 8), as recorded in "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("nothing is left to train"), std::string::npos) << r.err;

  const json elu = test::read_json(out / "runs" / "elu-seed0" / "metrics.json");
  EXPECT_EQ(elu.at("epochs").size(), 1u);
  EXPECT_EQ(elu.at("diverged").at("epoch"), 1);
  EXPECT_TRUE(elu.at("epochs")[0].at("train_loss").is_null());
  const json relu = test::read_json(out / "runs" / "relu-seed0" / "metrics.json");
  EXPECT_EQ(relu.at("epochs").size(), 2u);
  EXPECT_TRUE(relu.at("diverged").is_null());

  const std::string md = test::read_file(out / "report.md");
  EXPECT_NE(md.find("- elu seed 0 diverged at epoch 1 (training loss nan in minibatch 3 of 8)"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| elu (1 of 1 runs diverged) | — |"), std::string::npos) << md;
  EXPECT_NE(md.find("| relu | "), std::string::npos) << md;
  EXPECT_NE(md.find("- elu vs relu: **not tested: fewer than 5 seeds (0)**"), std::string::npos)
      << md;
  EXPECT_NE(md.find("Left out of the pairs: elu seed 0 diverged at epoch 1"), std::string::npos)
      << md;
  // relu's curves are drawn; elu contributes no finite point and is simply absent from them.
  for (const char* png :
       {"loss.png", "median_activation.png", "test_accuracy.png", "dead_units.png"}) {
    EXPECT_GT(std::filesystem::file_size(out / png), 1000u) << png;
  }
}

// The divergence case through train: resuming it says it diverged, trains nothing and
// exits 0 (a finished result, like resuming a run that reached its last epoch).
TEST(Resume, ADivergedTrainRunResumesToNothingWithExit0) {
  const auto work = test::fresh_dir("resume_diverged");
  const auto ck = work / "ck", out = work / "out";
  const std::vector<std::string> args{"train",
                                      "--lr",
                                      "1",
                                      "--epochs",
                                      "2",
                                      "--train-subset",
                                      "2000",
                                      "--eval-subset",
                                      "500",
                                      "--threads",
                                      "1",
                                      "--data",
                                      FASHION_MNIST_DIR,
                                      "--out",
                                      out.string(),
                                      "--checkpoint",
                                      ck.string()};
  const auto first = test::run_elu_lab(args);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_NE(first.err.find("diverged at epoch 1"), std::string::npos) << first.err;
  const auto ck_before = test::snapshot(ck);

  auto resume = args;
  resume[4] = "5";  // more epochs change nothing: NaN weights cannot train
  resume.push_back("--resume");
  const auto r = test::run_elu_lab(resume);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(test::lines(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("elu-lab: note: elu seed 0 diverged at epoch 1 ("), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("nothing is left to train"), std::string::npos) << r.err;
  EXPECT_EQ(test::snapshot(ck), ck_before) << "the checkpoint is not rewritten";
  const json metrics = test::read_json(out / "metrics.json");
  EXPECT_EQ(metrics.at("epochs").size(), 1u);
  EXPECT_EQ(metrics.at("diverged").at("epoch"), 1);
  EXPECT_NE(test::read_file(out / "report.md").find("diverged at epoch 1"), std::string::npos);
}

// A kill during plotting or saving leaves "<file>.tmp.<pid>"; the next run in the same
// directories removes those of dead processes, and only those.
TEST(Resume, TheNextRunRemovesStaleTemporaries) {
  const auto work = test::fresh_dir("resume_stale");
  const auto ck = work / "ck", out = work / "out";
  ASSERT_EQ(test::run_elu_lab(compare_args(out, ck, 1)).exit_code, 0);
  const std::string dead = std::to_string(test::dead_pid());
  const std::string alive = std::to_string(::getpid());  // this test: alive throughout
  const std::vector<std::filesystem::path> stale{
      out / ("loss.png.tmp." + dead), out / ("report.md.tmp." + dead),
      out / "runs" / "elu-seed0" / ("metrics.json.tmp." + dead),
      ck / "relu-seed0" / ("checkpoint.pt.tmp." + dead)};
  const std::vector<std::filesystem::path> kept{out / ("dead_units.png.tmp." + alive),
                                                out / "notes.tmp.txt",
                                                ck / "elu-seed0" / ("checkpoint.pt.tmp." + alive)};
  for (const auto& f : stale) std::ofstream(f) << "partial";
  for (const auto& f : kept) std::ofstream(f) << "partial";

  auto args = compare_args(out, ck, 2);
  args.push_back("--resume");
  const auto r = test::run_elu_lab(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const auto& f : stale) EXPECT_FALSE(std::filesystem::exists(f)) << f;
  for (const auto& f : kept) EXPECT_TRUE(std::filesystem::exists(f)) << f;
  EXPECT_NE(
      r.err.find("elu-lab: note: removed 2 temporary file(s) that an interrupted run left in " +
                 out.string()),
      std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace elu::lab
