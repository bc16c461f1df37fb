// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Checkpoints prove themselves: in-process, every single-byte change of a small checkpoint, any
// truncation or extension, another format or software version, and a history that disagrees
// with itself are all refused with one line naming the file; a diverged run's NaNs survive the
// round trip. Also the pieces the commands build on: metrics with NaN, one-line error text and
// the removal of stale temporaries.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <sstream>

#include <torch/nn/functional/loss.h>
#include <torch/optim/adam.h>
#include <torch/serialize/input-archive.h>

#include <ATen/CPUGeneratorImpl.h>

#include "elu/version.hpp"
#include "lab_test_util.h"
#include "models/factory.h"
#include "train/checkpoint.h"
#include "train/trainer.h"
#include "util/atomic_file.h"
#include "util/one_line.h"

namespace elu::lab {
namespace {

using nlohmann::json;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The smallest model that still has every part: PELU (its own parameters) with Adam (state).
RunSpec tiny_spec() {
  RunSpec spec;
  spec.act = "pelu";
  spec.depth = 1;
  spec.width = 2;
  spec.optimizer = "adam";
  spec.lr = 0.001;
  spec.epochs = 3;
  spec.seed = 5;
  spec.train_subset = 64;
  spec.eval_subset = 32;
  return spec;
}

EpochRecord record(int epoch, double loss) {
  EpochRecord e;
  e.epoch = epoch;
  e.train_loss = loss;
  e.val_loss = e.test_loss = loss + 0.1;
  e.val_accuracy = e.test_accuracy = 0.5;
  e.train_seconds = e.epoch_seconds = 0.01;
  LayerStats l;
  l.units = 2;
  l.mean = l.median_unit_mean = 0.25;
  l.pelu_a = 1.0;
  l.pelu_b = 1.0;
  e.layers = {l};
  return e;
}

struct Trained {
  std::shared_ptr<LabModel> model;
  std::unique_ptr<torch::optim::Optimizer> optimizer;
};

// A model and optimizer after one Adam step, so the optimizer has state to save.
Trained trained(const RunSpec& spec) {
  torch::manual_seed(spec.seed);
  Trained t{make_model(spec), nullptr};
  t.optimizer = make_optimizer(spec, *t.model);
  const torch::Tensor images = torch::randn({8, 1, 28, 28});
  const torch::Tensor labels = torch::arange(8, torch::kInt64);
  t.optimizer->zero_grad();
  torch::nn::functional::cross_entropy(t.model->forward(images), labels).backward();
  t.optimizer->step();
  return t;
}

TrainingState state_after(const RunSpec& spec, int epochs) {
  TrainingState s;
  s.epochs_done = epochs;
  std::ostringstream engine;
  engine << std::mt19937_64(spec.seed);
  s.order_rng = engine.str();
  s.history.spec = spec;
  s.history.model_description = "784 -> 1 x 2 -> 10";
  s.history.train_images = 64;
  s.history.validation_images = s.history.test_images = 32;
  for (int e = 1; e <= epochs; ++e) s.history.epochs.push_back(record(e, 2.0 / e));
  return s;
}

// Saves a two-epoch checkpoint into a fresh directory and returns the directory.
std::filesystem::path saved_checkpoint(const std::string& name) {
  const auto dir = test::fresh_dir(name);
  const RunSpec spec = tiny_spec();
  Trained t = trained(spec);
  save_checkpoint(dir, *t.model, *t.optimizer, state_after(spec, 2));
  return dir;
}

// What load_checkpoint says about the checkpoint in `dir`: empty if it was accepted. `into`
// saves building a model per call in the byte-flip loop.
std::string refusal(const std::filesystem::path& dir, Trained* into = nullptr) {
  const RunSpec spec = tiny_spec();
  Trained fresh;
  if (into == nullptr) {
    fresh.model = make_model(spec);
    fresh.optimizer = make_optimizer(spec, *fresh.model);
    into = &fresh;
  }
  try {
    load_checkpoint(dir, spec, *into->model, *into->optimizer);
  } catch (const CheckpointError& e) {
    return e.what();
  }
  return "";
}

void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      .write(bytes.data(), static_cast<long>(bytes.size()));
}

// A refusal must be one line naming the file.
void expect_one_line_naming(const std::string& message, const std::filesystem::path& file,
                            const std::string& context) {
  EXPECT_EQ(message.rfind(file.string() + ": ", 0), 0u) << context << ": " << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << context << ": " << message;
}

TEST(Checkpoint, AnUntouchedCheckpointLoads) {
  const auto dir = saved_checkpoint("ck_untouched");
  const RunSpec spec = tiny_spec();
  Trained original = trained(spec);
  auto model = make_model(spec);
  auto optimizer = make_optimizer(spec, *model);
  const TrainingState s = load_checkpoint(dir, spec, *model, *optimizer);
  EXPECT_EQ(s.epochs_done, 2);
  ASSERT_EQ(s.history.epochs.size(), 2u);
  EXPECT_DOUBLE_EQ(s.history.epochs[1].train_loss, 1.0);
  const auto a = original.model->parameters(), b = model->parameters();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_TRUE(torch::equal(a[i], b[i])) << i;
  // The header names the format; the manifest names the versions.
  const std::string bytes = test::read_file(checkpoint_file(dir));
  EXPECT_EQ(bytes.rfind("elu-lab checkpoint format 2 manifest-crc32 ", 0), 0u);
  EXPECT_NE(bytes.find(std::string("\"elu_version\":\"") + ELU_VERSION_STRING + "\""),
            std::string::npos);
}

// Every byte of the file, each changed two ways: all 8 bits inverted, and one bit (which one
// cycles with the offset), so every bit position is flipped somewhere in every region of the
// file. CRC-32 catches every error of up to 32 consecutive bits in the parts and the manifest,
// and the header is compared as text; so no change may pass.
TEST(Checkpoint, EveryByteChangedIsRefused) {
  const auto dir = saved_checkpoint("ck_flip");
  const auto file = checkpoint_file(dir);
  const std::string original = test::read_file(file);
  ASSERT_EQ(refusal(dir), "");
  Trained into = trained(tiny_spec());
  const int fd = ::open(file.c_str(), O_WRONLY);
  ASSERT_GE(fd, 0);
  const auto start = std::chrono::steady_clock::now();
  std::size_t refused = 0, tried = 0;
  for (std::size_t at = 0; at < original.size(); ++at) {
    for (const unsigned char mask :
         {static_cast<unsigned char>(0xff), static_cast<unsigned char>(1u << (at % 8))}) {
      const char changed = static_cast<char>(static_cast<unsigned char>(original[at]) ^ mask);
      ASSERT_EQ(::pwrite(fd, &changed, 1, static_cast<off_t>(at)), 1);
      const std::string why = refusal(dir, &into);
      ++tried;
      if (!why.empty()) {
        ++refused;
      } else {
        ADD_FAILURE() << "byte " << at << " ^ " << static_cast<int>(mask) << " was accepted";
      }
      if (at % 997 == 0) expect_one_line_naming(why, file, "byte " + std::to_string(at));
      ASSERT_EQ(::pwrite(fd, &original[at], 1, static_cast<off_t>(at)), 1);
    }
  }
  ::close(fd);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(refused, tried);
  EXPECT_EQ(tried, 2 * original.size());
  std::printf("[ info ] %zu changes of a %zu-byte checkpoint, all refused, in %.1f s\n", tried,
              original.size(), seconds);
  EXPECT_EQ(refusal(dir), "") << "restored file";
}

TEST(Checkpoint, TruncatedOrExtendedIsRefused) {
  const auto dir = saved_checkpoint("ck_truncate");
  const auto file = checkpoint_file(dir);
  const std::string original = test::read_file(file);
  Trained into = trained(tiny_spec());
  // Every length through the header and manifest, then every 61st.
  for (std::size_t n = 0; n < original.size(); n += (n < 1024 ? 1 : 61)) {
    write_bytes(file, original.substr(0, n));
    const std::string why = refusal(dir, &into);
    ASSERT_FALSE(why.empty()) << "truncated to " << n << " bytes was accepted";
    if (n % 101 == 0) expect_one_line_naming(why, file, "length " + std::to_string(n));
  }
  write_bytes(file, original.substr(0, original.size() - 1));
  EXPECT_NE(refusal(dir).find("truncated"), std::string::npos) << refusal(dir);
  write_bytes(file, original + "x");
  EXPECT_NE(refusal(dir).find("1 bytes after the last part"), std::string::npos) << refusal(dir);
}

TEST(Checkpoint, DamageNamesThePart) {
  const auto dir = saved_checkpoint("ck_part");
  const auto file = checkpoint_file(dir);
  std::string bytes = test::read_file(file);
  // The model part starts right after the manifest; flip a bit well inside it (a weight).
  const std::size_t parts = bytes.find('\n', bytes.find('\n') + 1) + 1;
  bytes[parts + 2000] ^= 0x40;
  write_bytes(file, bytes);
  const std::string why = refusal(dir);
  EXPECT_NE(why.find("damaged: the model part fails its CRC-32 check"), std::string::npos) << why;
  expect_one_line_naming(why, file, "model bit");
}

TEST(Checkpoint, AnEditedHistoryIsRefusedEvenWithValidChecksums) {
  const auto dir = saved_checkpoint("ck_history");
  const auto file = checkpoint_file(dir);
  const std::vector<CheckpointPart> parts = decode_checkpoint(test::read_file(file), file);
  ASSERT_EQ(parts.size(), 4u);
  ASSERT_EQ(parts[3].name, "meta");
  struct Edit {
    std::string what;
    std::function<void(json&)> edit;
    std::string problem;
  };
  const std::vector<Edit> edits{
      {"epochs_done 2 -> 1", [](json& m) { m["epochs_done"] = 1; },
       "inconsistent: epochs_done is 1 but the history lists 2 epoch(s)"},
      {"epochs_done 2 -> 3", [](json& m) { m["epochs_done"] = 3; },
       "inconsistent: epochs_done is 3 but the history lists 2 epoch(s)"},
      {"epoch renumbered", [](json& m) { m["history"]["epochs"][1]["epoch"] = 1; },
       "inconsistent: entry 2 of the history is epoch 1"},
      {"NaN without divergence", [](json& m) { m["history"]["epochs"][0]["train_loss"] = nullptr; },
       "inconsistent: epoch 1 has training loss nan but the run is not marked diverged"},
      {"divergence not at the end",
       [](json& m) {
         m["history"]["diverged"] = json{{"epoch", 1}, {"reason", "training loss nan"}};
       },
       "inconsistent: the run diverged at epoch 1 but its last epoch is 2"},
      {"history of another seed", [](json& m) { m["history"]["spec"]["seed"] = 6; },
       "inconsistent: the history's configuration"},
      {"order generator", [](json& m) { m["order_rng"] = "12 x"; },
       "inconsistent: the data-order generator's state is unreadable"},
      {"meta not JSON", [](json& m) { m = "x"; }, "damaged: unreadable meta part"},
  };
  for (const Edit& e : edits) {
    std::vector<CheckpointPart> edited = parts;
    json meta = json::parse(edited[3].bytes);
    e.edit(meta);
    edited[3].bytes = meta.is_string() ? "{not json" : meta.dump();
    write_bytes(file, encode_checkpoint(edited));
    const std::string why = refusal(dir);
    EXPECT_NE(why.find(e.problem), std::string::npos) << e.what << ": " << why;
    expect_one_line_naming(why, file, e.what);
  }
}

TEST(Checkpoint, AnotherFormatOrVersionIsRefused) {
  const auto dir = saved_checkpoint("ck_versions");
  const auto file = checkpoint_file(dir);
  const std::vector<CheckpointPart> parts = decode_checkpoint(test::read_file(file), file);
  const CheckpointVersions here = current_checkpoint_versions();
  struct Case {
    CheckpointVersions versions;
    std::string problem;
  };
  const std::vector<Case> cases{
      {{3, here.elu, here.libtorch}, "checkpoint format 3; this elu-lab reads format 2 only"},
      {{2, "0.0.1", here.libtorch}, "written by elu 0.0.1, this is elu " + here.elu},
      {{2, here.elu, "9.9.9"},
       "written with LibTorch 9.9.9, this elu-lab uses LibTorch " + here.libtorch},
  };
  for (const Case& c : cases) {
    write_bytes(file, encode_checkpoint(parts, c.versions));
    const std::string why = refusal(dir);
    EXPECT_NE(why.find(c.problem), std::string::npos) << why;
    expect_one_line_naming(why, file, c.problem);
  }
  // Parts missing, or in another order.
  write_bytes(file, encode_checkpoint({parts[0], parts[1], parts[2]}));
  EXPECT_NE(refusal(dir).find("lists parts model,optimizer,rng, not model,optimizer,rng,meta"),
            std::string::npos)
      << refusal(dir);
  // Format 1 was a bare LibTorch (zip) archive.
  write_bytes(file, std::string("PK\x03\x04", 4) + std::string(100, '\0'));
  EXPECT_NE(refusal(dir).find("checkpoint format 1"), std::string::npos) << refusal(dir);
  write_bytes(file, "\x1f\x8b not a checkpoint");
  EXPECT_NE(refusal(dir).find("not an elu-lab checkpoint"), std::string::npos) << refusal(dir);
  std::filesystem::remove(file);
  EXPECT_NE(refusal(dir).find("cannot read checkpoint: No such file or directory"),
            std::string::npos)
      << refusal(dir);
}

// LibTorch's own errors carry a backtrace; the refusal keeps only its first line.
TEST(Checkpoint, LibTorchErrorsBecomeOneLine) {
  const auto dir = saved_checkpoint("ck_torch_error");
  const auto file = checkpoint_file(dir);
  std::vector<CheckpointPart> parts = decode_checkpoint(test::read_file(file), file);
  parts[0].bytes = "PK\x03\x04 this is no archive";  // valid CRC-32, garbage inside
  write_bytes(file, encode_checkpoint(parts));
  std::string why = refusal(dir);
  EXPECT_NE(why.find("unreadable model part: "), std::string::npos) << why;
  EXPECT_EQ(why.find("Exception raised from"), std::string::npos) << why;
  expect_one_line_naming(why, file, "model archive");

  parts =
      decode_checkpoint(test::read_file(checkpoint_file(saved_checkpoint("ck_torch_rng"))), file);
  parts[2].bytes = "short";  // torch's generator refuses a state of the wrong size
  write_bytes(file, encode_checkpoint(parts));
  why = refusal(dir);
  EXPECT_NE(why.find("unusable rng part: "), std::string::npos) << why;
  expect_one_line_naming(why, file, "rng state");
}

// Adam's moments, parameter by parameter: what a restored optimizer must have again.
std::vector<torch::Tensor> adam_moments(torch::optim::Optimizer& optimizer) {
  std::vector<torch::Tensor> out;
  for (auto& group : optimizer.param_groups()) {
    for (auto& p : group.params()) {
      const auto it = optimizer.state().find(c10::guts::to_string(p.unsafeGetTensorImpl()));
      if (it == optimizer.state().end()) continue;
      const auto& s = static_cast<const torch::optim::AdamParamState&>(*it->second);
      out.push_back(s.exp_avg().clone());
      out.push_back(s.exp_avg_sq().clone());
    }
  }
  return out;
}

std::string model_bytes(LabModel& model) {
  torch::serialize::OutputArchive archive;
  model.save(archive);
  std::ostringstream bytes;
  archive.save_to(bytes);
  return bytes.str();
}

// A part LibTorch cannot use is found only after others were loaded; the refusal must leave the
// caller's model, optimizer and torch's generator as they were.
TEST(Checkpoint, ARefusalLeavesModelOptimizerAndGeneratorAsTheyWere) {
  const auto dir = saved_checkpoint("ck_rollback");
  const auto file = checkpoint_file(dir);
  const std::vector<CheckpointPart> good = decode_checkpoint(test::read_file(file), file);
  RunSpec wider = tiny_spec();
  wider.width = 3;
  Trained other = trained(wider);
  Trained nan_model = trained(tiny_spec());
  {
    torch::NoGradGuard no_grad;
    nan_model.model->parameters()[0][0][0] = std::numeric_limits<float>::quiet_NaN();
  }
  struct Case {
    std::string what;
    std::size_t part;
    std::string bytes;
    std::string problem;
  };
  const std::vector<Case> cases{
      {"optimizer garbage", 1, "PK\x03\x04 no archive", "unreadable optimizer part"},
      {"optimizer empty", 1, "", "unreadable optimizer part"},
      {"wrong shape", 0, model_bytes(*other.model),
       "unusable model part: fc0.weight is [3, 784] Float instead of [2, 784] Float"},
      {"NaN weight", 0, model_bytes(*nan_model.model),
       "inconsistent: parameter fc0.weight is not finite but the run is not marked diverged"},
      {"rng of the wrong size", 2, "0123", "unusable rng part"},
  };
  for (const Case& c : cases) {
    std::vector<CheckpointPart> parts = good;
    parts[c.part].bytes = c.bytes;
    write_bytes(file, encode_checkpoint(parts));
    // Another seed than the checkpoint's: a part loaded and not put back would show.
    RunSpec target_spec = tiny_spec();
    target_spec.seed = 9;
    Trained target = trained(target_spec);
    std::vector<torch::Tensor> params_before;
    for (const auto& p : target.model->parameters()) params_before.push_back(p.detach().clone());
    const std::vector<torch::Tensor> moments_before = adam_moments(*target.optimizer);
    ASSERT_FALSE(moments_before.empty());
    const torch::Tensor generator_before = at::detail::getDefaultCPUGenerator().get_state();

    const std::string why = refusal(dir, &target);
    EXPECT_NE(why.find(c.problem), std::string::npos) << c.what << ": " << why;
    expect_one_line_naming(why, file, c.what);
    const auto params_after = target.model->parameters();
    ASSERT_EQ(params_after.size(), params_before.size());
    for (std::size_t i = 0; i < params_before.size(); ++i) {
      EXPECT_TRUE(params_after[i].sizes() == params_before[i].sizes() &&
                  torch::equal(params_after[i], params_before[i]))
          << c.what << ": parameter " << i << " changed";
    }
    const std::vector<torch::Tensor> moments_after = adam_moments(*target.optimizer);
    ASSERT_EQ(moments_after.size(), moments_before.size()) << c.what;
    for (std::size_t i = 0; i < moments_before.size(); ++i) {
      EXPECT_TRUE(torch::equal(moments_after[i], moments_before[i]))
          << c.what << ": optimizer state " << i << " changed";
    }
    EXPECT_TRUE(torch::equal(at::detail::getDefaultCPUGenerator().get_state(), generator_before))
        << c.what;
  }
}

TEST(Checkpoint, ADivergedRunRoundTripsItsNaNs) {
  const auto dir = test::fresh_dir("ck_diverged");
  const RunSpec spec = tiny_spec();
  Trained t = trained(spec);
  TrainingState s = state_after(spec, 2);
  s.history.epochs[1].train_loss = kNaN;
  s.history.epochs[1].val_loss = std::numeric_limits<double>::infinity();
  s.history.epochs[1].layers[0].mean = kNaN;
  s.history.diverged = Divergence{2, "training loss nan in minibatch 1 of 1"};
  save_checkpoint(dir, *t.model, *t.optimizer, s);
  auto model = make_model(spec);
  auto optimizer = make_optimizer(spec, *model);
  const TrainingState back = load_checkpoint(dir, spec, *model, *optimizer);
  ASSERT_TRUE(back.history.diverged.has_value());
  EXPECT_EQ(back.history.diverged->epoch, 2);
  EXPECT_EQ(back.history.diverged->reason, "training loss nan in minibatch 1 of 1");
  EXPECT_TRUE(std::isnan(back.history.epochs[1].train_loss));
  EXPECT_TRUE(std::isnan(back.history.epochs[1].val_loss)) << "JSON keeps no infinity: null";
  EXPECT_TRUE(std::isnan(back.history.epochs[1].layers[0].mean));
  EXPECT_DOUBLE_EQ(back.history.epochs[0].train_loss, 2.0);
}

TEST(Metrics, NonFiniteValuesAreNullInJsonAndNanInCsv) {
  RunHistory h = state_after(tiny_spec(), 2).history;
  h.epochs[1].train_loss = kNaN;
  h.epochs[1].test_loss = -std::numeric_limits<double>::infinity();
  h.diverged = Divergence{2, "training loss nan"};
  const json j = json::parse(to_json(h).dump());
  EXPECT_TRUE(j.at("epochs")[1].at("train_loss").is_null());
  EXPECT_EQ(j.at("diverged"), (json{{"epoch", 2}, {"reason", "training loss nan"}}));
  const RunHistory back = run_history_from_json(j);
  EXPECT_TRUE(std::isnan(back.epochs[1].train_loss));
  ASSERT_TRUE(back.diverged.has_value());
  EXPECT_EQ(back.diverged->epoch, 2);
  // A run that did not diverge says so with null; files without the key read the same.
  RunHistory fine = state_after(tiny_spec(), 1).history;
  json jf = to_json(fine);
  EXPECT_TRUE(jf.at("diverged").is_null());
  jf.erase("diverged");
  EXPECT_FALSE(run_history_from_json(jf).diverged.has_value());

  const std::string csv = to_csv(h);
  const std::string header = csv.substr(0, csv.find('\n'));
  EXPECT_EQ(header.substr(header.size() - 9), ",diverged") << header;
  const std::string row2 = csv.substr(csv.find("\n2,") + 1);
  EXPECT_EQ(row2.rfind("2,nan,", 0), 0u) << row2;
  EXPECT_NE(row2.find(",-inf,"), std::string::npos) << row2;
  EXPECT_EQ(row2.substr(row2.size() - 3), ",1\n") << row2;
  EXPECT_NE(csv.find("\n1,2,"), std::string::npos) << csv;
  EXPECT_EQ(non_finite_loss(h.epochs[1]), "training loss nan");
  EXPECT_EQ(non_finite_loss(h.epochs[0]), "");
}

TEST(OneLine, KeepsTheFirstLineOfAMessage) {
  EXPECT_EQ(first_line("bad thing\nException raised from f at x.cpp:1\nframe #0"), "bad thing");
  EXPECT_EQ(first_line("\n\n  second  \nthird"), "second");
  EXPECT_EQ(first_line("one line"), "one line");
  EXPECT_EQ(first_line("crlf\r\nnext"), "crlf");
  EXPECT_EQ(first_line(" \n\t"), "(no message)");
  // What LibTorch really throws: its what() has the backtrace, the first line has the message.
  try {
    torch::serialize::InputArchive archive;
    archive.load_from("not a zip", 9);
    FAIL() << "no error";
  } catch (const c10::Error& e) {
    EXPECT_NE(std::string(e.what()).find("\nException raised from"), std::string::npos);
    EXPECT_EQ(first_line(e.what()),
              "PytorchStreamReader failed reading zip archive: not a ZIP archive");
  }
}

TEST(StaleTemporaries, OnlyThoseOfDeadProcessesAreRemoved) {
  const auto dir = test::fresh_dir("stale_temporaries");
  const std::string dead = std::to_string(test::dead_pid());
  const std::string alive = std::to_string(::getppid());  // the shell or ctest that runs us
  const std::vector<std::string> stale{"loss.png.tmp." + dead, "metrics.json.tmp." + dead,
                                       "checkpoint.pt.tmp." + dead};
  const std::vector<std::string> kept{
      "report.md.tmp." + alive, "notes.tmp.txt", "a.tmp.",     "a.tmp.12x",
      "a.tmp.0" + dead,         ".tmp." + dead,  "metrics.csv"};
  for (const auto& name : stale) std::ofstream(dir / name) << "x";
  for (const auto& name : kept) std::ofstream(dir / name) << "x";
  std::filesystem::create_directories(dir / ("sub.tmp." + dead));       // not a file: kept
  std::ofstream(dir / ("sub.tmp." + dead) / ("x.tmp." + dead)) << "x";  // not this directory

  const auto removed = remove_stale_temporaries(dir);
  EXPECT_EQ(removed.size(), stale.size());
  for (const auto& name : stale) EXPECT_FALSE(std::filesystem::exists(dir / name)) << name;
  for (const auto& name : kept) EXPECT_TRUE(std::filesystem::exists(dir / name)) << name;
  EXPECT_TRUE(std::filesystem::exists(dir / ("sub.tmp." + dead) / ("x.tmp." + dead)));
  EXPECT_TRUE(remove_stale_temporaries(dir / "missing").empty());
  // The name write_file_atomically uses is the pattern removed.
  EXPECT_EQ(temporary_path(dir / "a.csv").filename().string(),
            "a.csv.tmp." + std::to_string(::getpid()));
}

}  // namespace
}  // namespace elu::lab
