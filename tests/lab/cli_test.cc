// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu-lab's command line, run as a separate process: help, bad options and bad data all end
// with the documented exit status, a clear message, and nothing written.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>

#include <torch/version.h>

#include "elu/elu.hpp"
#include "lab_test_util.h"
#include "util/machine.h"

namespace elu::lab {
namespace {

using test::run_elu_lab;

std::size_t lines(const std::string& s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

TEST(Cli, HelpShowsEverySubcommandAndTheDefaults) {
  const auto top = run_elu_lab({"--help"});
  EXPECT_EQ(top.exit_code, 0);
  for (const char* sub : {"train", "compare", "sweep", "bench"})
    EXPECT_NE(top.out.find(sub), std::string::npos) << sub;
  const auto train = run_elu_lab({"train", "--help"});
  EXPECT_EQ(train.exit_code, 0);
  for (const char* shown :
       {"--model", "=mlp", "--lr", "=0.01", "--batch", "=64", "--epochs", "=20", "--act", "=elu",
        "--threads", "--resume", "--checkpoint", "at most 8x the hardware threads",
        "parameters must fit in half the memory"}) {
    EXPECT_NE(train.out.find(shown), std::string::npos) << shown << "\n" << train.out;
  }
  for (const char* sub : {"compare", "sweep", "bench"}) {
    const auto r = run_elu_lab({sub, "--help"});
    EXPECT_EQ(r.exit_code, 0) << sub;
    EXPECT_NE(r.out.find("--out"), std::string::npos) << sub;
  }
}

TEST(Cli, VersionNamesTheReleaseTheSimdTargetAndLibTorch) {
  const auto r = run_elu_lab({"--version"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind(std::string("elu-lab ") + ELU_VERSION_STRING + " (", 0), 0u) << r.out;
  EXPECT_NE(r.out.find(std::string("SIMD target ") + std::string(elu::simd_target())),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(std::string("LibTorch ") + TORCH_VERSION), std::string::npos) << r.out;
  EXPECT_EQ(lines(r.out), 1u) << r.out;
}

TEST(Cli, BusyMachineWarningOnlyWhenThreadsLackACore) {
  EXPECT_EQ(busy_machine_warning(0.1, 2, 2), "");  // idle
  EXPECT_EQ(busy_machine_warning(3.0, 2, 1), "");  // one thread never waits on another
  EXPECT_EQ(busy_machine_warning(1.4, 4, 2), "");  // 2.6 cores idle
  const std::string w = busy_machine_warning(1.0, 2, 2);
  EXPECT_NE(w.find("load average 1.0 on 2 cores"), std::string::npos) << w;
  EXPECT_NE(w.find("--threads 1"), std::string::npos) << w;
  EXPECT_NE(busy_machine_warning(7.5, 16, 16), "");
}

struct BadOptions {
  std::vector<std::string> args;
  std::string message;  // part of the expected stderr
};

TEST(Cli, BadOptionsExitWithStatus2AndWriteNothing) {
  const auto work = test::fresh_dir("cli_bad_options");
  const std::string out = (work / "out").string();
  const std::vector<BadOptions> cases{
      {{}, "subcommand"},
      {{"train", "--act", "swish"}, "swish"},
      {{"train", "--act", "selu", "--alpha", "-1"}, "--alpha must be a positive number"},
      {{"train", "--act", "elu", "--alpha", "0"}, "--alpha must be a positive number"},
      {{"train", "--act", "relu", "--alpha", "0.5"}, "--alpha does not apply to --act relu"},
      {{"train", "--model", "transformer"}, "transformer"},
      {{"train", "--epochs", "0"}, "--epochs must be at least 1"},
      {{"train", "--lr", "fast"}, "--lr"},
      {{"train", "--lr", "-0.1"}, "--lr must be a positive number"},
      {{"train", "--batch", "0"}, "--batch must be at least 1"},
      {{"train", "--threads", "0"}, "--threads must be at least 1"},
      {{"train", "--resume"}, "--resume needs --checkpoint"},
      {{"train", "--batchnorm"}, "--batchnorm applies to --model cnn only"},
      {{"train", "--no-such-option"}, "--no-such-option"},
      {{"compare", "--acts", "elu,elu"}, "--acts lists elu twice"},
      {{"compare", "--acts", "elu,swish"}, "swish"},
      {{"sweep", "--act", "relu"}, "sweep tunes the alpha of --act elu or celu"},
      {{"sweep", "--alpha", "0.1,-1"}, "--alpha must be a positive number"},
      {{"bench", "--reps", "0"}, "--reps must be at least 1"},
      // bench times one epoch: it refuses the options it would ignore.
      {{"bench", "--epochs", "3"}, "--epochs"},
      {{"bench", "--checkpoint", "ck"}, "--checkpoint"},
      {{"bench", "--resume"}, "--resume"},
      {{"bench", "--eval-subset", "100"}, "--eval-subset"},
      {{"bench", "--model", "cnn"}, "--model"},
      {{"compare", "--lr", "0.1,0.1"}, "--lr lists 0.1 twice"},
      {{"compare", "--lr", "0.1,-1"}, "--lr must be a positive number"},
      {{"sweep", "--lr", "0"}, "--lr must be a positive number"},
      {{"train", "--lr", "0.1,0.01"}, "--lr"},
      {{"train", "--train-subset", "60000", "--epochs", "1"},
       "--train-subset 60000 exceeds the 55000"},
      // CLI11 would read a negative number into an unsigned option as 2^64 - n.
      {{"train", "--seed", "-1"}, "--seed: must be a whole number, 0 or more (got -1)"},
      {{"train", "--train-subset", "-1"}, "--train-subset: must be a whole number, 0 or more"},
      {{"train", "--eval-subset", "-1"}, "--eval-subset: must be a whole number, 0 or more"},
      {{"compare", "--seed", "-3"}, "--seed: must be a whole number, 0 or more (got -3)"},
      {{"sweep", "--eval-subset", "-2"}, "--eval-subset: must be a whole number, 0 or more"},
      {{"bench", "--train-subset", "-7"}, "--train-subset: must be a whole number, 0 or more"},
      {{"train", "--threads", "-2"}, "--threads must be at least 1"},
      {{"train", "--threads", "100000"}, "--threads must be at most"},
      {{"bench", "--threads", "100000"}, "--threads must be at most"},
      // Parameters that cannot fit in memory are refused with their size, before any allocation.
      {{"train", "--depth", "100000", "--width", "100000"},
       "the mlp's parameters need 4000000317600040 bytes"},
      {{"train", "--model", "rnn", "--width", "2000000000"}, "the rnn's parameters need"},
      {{"train", "--model", "cnn", "--width", "2000000000"}, "the cnn's parameters need"},
      {{"compare", "--width", "1000000000"}, "the mlp's parameters need"},
  };
  for (const BadOptions& c : cases) {
    std::vector<std::string> args = c.args;
    if (!args.empty()) {
      args.insert(args.end(), {"--out", out, "--data", FASHION_MNIST_DIR});
    }
    const auto r = run_elu_lab(args);
    std::string shown;
    for (const auto& a : c.args) shown += a + " ";
    EXPECT_EQ(r.exit_code, 2) << shown << "\n" << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << shown << "\nstderr: " << r.err;
    EXPECT_EQ(lines(r.err), 1u) << shown << "\nstderr: " << r.err;
    EXPECT_FALSE(std::filesystem::exists(out)) << shown;
  }
}

// Each case breaks one file of an otherwise valid data directory.
struct BadData {
  std::string name, file;
  std::function<void(const std::filesystem::path&)> damage;
  std::string problem;
};

TEST(Cli, BadDataExitsWith2NamingTheFileInOneLine) {
  using test::idx_images;
  using test::idx_labels;
  using test::write_gz;
  const std::vector<BadData> cases{
      {"missing", "train-labels-idx1-ubyte.gz", [](const auto& f) { std::filesystem::remove(f); },
       "file not found"},
      {"truncated", "train-images-idx3-ubyte.gz",
       [](const auto& f) {
         auto bytes = idx_images(5100, 28, 28);
         bytes.resize(bytes.size() / 2);
         write_gz(f, bytes);
       },
       "truncated"},
      {"wrong_magic", "t10k-images-idx3-ubyte.gz",
       [](const auto& f) { write_gz(f, idx_images(100, 28, 28, 0x804)); }, "wrong magic number"},
      {"huge_header", "train-images-idx3-ubyte.gz",
       [](const auto& f) {
         // 4 images of 2^31 x 2^31: the byte count would wrap to 0 in 64 bits.
         write_gz(f, {0, 0, 8, 3, 0, 0, 0, 4, 0x80, 0, 0, 0, 0x80, 0, 0, 0});
       },
       "beyond the limit of 4096x4096"},
      {"empty_test_set", "t10k-images-idx3-ubyte.gz",
       [](const auto& f) {
         write_gz(f, idx_images(0, 28, 28));
         write_gz(f.parent_path() / "t10k-labels-idx1-ubyte.gz", idx_labels(0));
       },
       "holds no images"},
      {"count_mismatch", "t10k-labels-idx1-ubyte.gz",
       [](const auto& f) { write_gz(f, idx_labels(90)); },
       "holds 90 labels but t10k-images-idx3-ubyte.gz holds 100 images"},
  };
  for (const BadData& c : cases) {
    const auto work = test::fresh_dir("cli_bad_data_" + c.name);
    const auto data = work / "data";
    test::write_small_dataset(data, 5100);
    c.damage(data / c.file);
    const auto out = work / "out", checkpoints = work / "ck";
    // Every damage through train; one of them through the other subcommands too (each loads the
    // data through the same function, so this checks the order: data first, then directories).
    std::vector<std::string> commands{"train"};
    if (c.name == "truncated") commands.insert(commands.end(), {"compare", "sweep", "bench"});
    for (const std::string& command : commands) {
      // bench takes neither --checkpoint nor --epochs.
      std::vector<std::string> args{command,     "--data", data.string(), "--out", out.string(),
                                    "--threads", "1"};
      if (command != "bench") {
        args.insert(args.end(), {"--checkpoint", checkpoints.string(), "--epochs", "1"});
      }
      const auto r = run_elu_lab(args);
      EXPECT_EQ(r.exit_code, 2) << c.name << " " << command << "\n" << r.err;
      EXPECT_EQ(lines(r.err), 1u) << c.name << " " << command << "\n" << r.err;
      EXPECT_NE(r.err.find((data / c.file).string()), std::string::npos) << r.err;
      EXPECT_NE(r.err.find(c.problem), std::string::npos) << r.err;
      EXPECT_FALSE(std::filesystem::exists(out)) << c.name << " " << command;
      EXPECT_FALSE(std::filesystem::exists(checkpoints)) << c.name << " " << command;
    }
  }
}

// --checkpoint and --out must be directories that can be made: a path that is a file, or lies
// under one, is refused (exit 2, one line naming the option) with no directory left behind.
TEST(Cli, BadOutputPathsExitWith2AndLeaveNoDirectories) {
  const auto work = test::fresh_dir("cli_bad_paths");
  const auto data = work / "data";
  test::write_small_dataset(data, 5100);
  const auto file = work / "a_file";
  std::ofstream(file) << "not a directory\n";
  const auto out = work / "out" / "nested", ck = work / "ck" / "nested";
  struct Case {
    std::string option;
    std::filesystem::path out, checkpoint;
    std::string problem;
  };
  const std::vector<Case> cases{
      {"--checkpoint", out, file, "exists and is not a directory"},
      {"--checkpoint", out, file / "sub", "is not a directory"},
      {"--out", file, ck, "exists and is not a directory"},
      {"--out", file / "sub" / "deeper", ck, "is not a directory"},
  };
  for (const Case& c : cases) {
    for (const std::string command : {"train", "compare", "sweep", "bench"}) {
      // bench has no --checkpoint (nor --epochs and --eval-subset): only its --out is checked.
      if (command == "bench" && c.option == "--checkpoint") continue;
      const std::string shown = command + " " + c.option + " " + c.out.string();
      std::vector<std::string> args{
          command,   "--data", data.string(), "--out", c.out.string(),   "--depth", "1",
          "--width", "8",      "--threads",   "1",     "--train-subset", "64"};
      if (command != "bench") {
        args.insert(args.end(), {"--checkpoint", c.checkpoint.string(), "--epochs", "1",
                                 "--eval-subset", "64"});
      }
      const auto r = run_elu_lab(args);
      EXPECT_EQ(r.exit_code, 2) << shown << "\n" << r.err;
      EXPECT_EQ(lines(r.err), 1u) << shown << "\n" << r.err;
      EXPECT_NE(r.err.find(c.option + " "), std::string::npos) << shown << "\n" << r.err;
      EXPECT_NE(r.err.find(c.problem), std::string::npos) << shown << "\n" << r.err;
      EXPECT_FALSE(std::filesystem::exists(work / "out")) << shown;
      EXPECT_FALSE(std::filesystem::exists(work / "ck")) << shown;
      EXPECT_TRUE(std::filesystem::is_regular_file(file)) << shown;
    }
  }
}

TEST(Cli, TrainsOnASmallValidDataDirectory) {
  // The same generator as the bad-data cases, undamaged: the failures above are the damage's.
  const auto work = test::fresh_dir("cli_small_data");
  test::write_small_dataset(work / "data", 5100);
  const auto r =
      run_elu_lab({"train", "--data", (work / "data").string(), "--out", (work / "out").string(),
                   "--epochs", "1", "--depth", "1", "--width", "8", "--threads", "1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(std::filesystem::exists(work / "out" / "metrics.json"));
  // Every result names the software it came from.
  const auto software = test::read_json(work / "out" / "metrics.json").at("software");
  EXPECT_EQ(software.at("elu_version"), ELU_VERSION_STRING);
  EXPECT_EQ(software.at("simd_target"), std::string(elu::simd_target()));
  EXPECT_EQ(software.at("libtorch_version"), TORCH_VERSION);
  EXPECT_TRUE(software.at("git_commit").is_null() || software.at("git_commit").is_string());
  const auto metrics = test::read_json(work / "out" / "metrics.json");
  EXPECT_NE(metrics.at("command_line").get<std::string>().find("train --data"), std::string::npos);
  EXPECT_FALSE(metrics.at("machine").get<std::string>().empty());
  // The generated images' statistics, not Fashion-MNIST's (0.2860, 0.3530): printed and recorded.
  const auto data = metrics.at("data");
  EXPECT_EQ(data.at("dir"), (work / "data").string());
  const double mean = data.at("pixel_mean"), std = data.at("pixel_std");
  EXPECT_NEAR(mean, 0.49995, 1e-4);
  EXPECT_NEAR(std, 0.28979, 1e-4);
  char printed[64];
  std::snprintf(printed, sizeof printed, "pixel mean %.4f, std %.4f", mean, std);
  EXPECT_NE(r.out.find(printed), std::string::npos) << r.out;
  EXPECT_EQ(lines(r.out), 3u)
      << "the data line, one line per epoch and one at the end when not on a terminal:\n"
      << r.out;
}

}  // namespace
}  // namespace elu::lab
