// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Fuzzer of elu-lab's checkpoint loader (lab/train/checkpoint.h) with a small model and Adam
// (which has optimizer state). The first byte picks how the input becomes DIR/checkpoint.pt:
//   0: the bytes are the file (the seed corpus holds a real checkpoint from save_checkpoint);
//   1: a well-formed archive (real model, optimizer, generator) whose "meta" string is the input;
//   2: the same with the right fingerprint and the input as the "history" JSON;
//   3: a well-formed archive whose tensors have shapes and values drawn from the input.
// Checked: load_checkpoint returns or throws CheckpointError with a one-line message, nothing
// else; and after an error the model's parameters and torch's generator are as before.
// ELU_FUZZ_WRITE_SEED=DIR: save a checkpoint of this model into DIR and exit (the seed corpus).
#include <fuzzer/FuzzedDataProvider.h>
#include <torch/nn/modules/linear.h>
#include <torch/optim/adam.h>
#include <torch/serialize.h>
// After the torch headers: on its own it leaves c10::IValue incomplete for clang.
#include <ATen/CPUGeneratorImpl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "metrics/history.h"
#include "models/model.h"
#include "train/checkpoint.h"

namespace {

[[noreturn]] void report(const std::string& what) {
  std::fprintf(stderr, "fuzz_checkpoint: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

// 784 -> 4 -> 10: small enough that a checkpoint is a few tens of KB.
class TinyModel : public elu::lab::LabModel {
 public:
  TinyModel() {
    hidden_ = register_module("hidden", torch::nn::Linear(784, 4));
    out_ = register_module("out", torch::nn::Linear(4, 10));
  }
  torch::Tensor forward(const torch::Tensor& images, std::vector<torch::Tensor>*) override {
    return out_->forward(torch::relu(hidden_->forward(images.reshape({images.size(0), 784}))));
  }
  std::size_t hidden_layers() const override { return 0; }
  torch::nn::AnyModule& activation(std::size_t) override { report("no activation layers"); }
  std::string describe() const override { return "784 -> 4 -> 10"; }

 private:
  torch::nn::Linear hidden_{nullptr}, out_{nullptr};
};

elu::lab::RunSpec spec() {
  elu::lab::RunSpec s;
  s.depth = 1;
  s.width = 4;
  s.optimizer = "adam";
  s.epochs = 3;
  return s;
}

struct Trained {
  std::shared_ptr<TinyModel> model = std::make_shared<TinyModel>();
  torch::optim::Adam optimizer{model->parameters(), torch::optim::AdamOptions(1e-3)};
  Trained() {
    torch::manual_seed(1);
    const auto loss = model->forward(torch::ones({2, 1, 28, 28}), nullptr).sum();
    loss.backward();
    optimizer.step();
  }
};

elu::lab::TrainingState state() {
  elu::lab::TrainingState st;
  st.epochs_done = 1;
  st.order_rng = "5489";
  st.history.spec = spec();
  st.history.model_description = "784 -> 4 -> 10";
  st.history.train_images = 100;
  elu::lab::EpochRecord e;
  e.train_loss = 2.0;
  st.history.epochs.push_back(e);
  return st;
}

std::filesystem::path g_dir;
Trained* g_trained = nullptr;

std::string write_archive(const std::string& meta, const std::vector<torch::Tensor>* tensors) {
  torch::serialize::OutputArchive archive, model_archive, optimizer_archive;
  if (tensors == nullptr) {
    g_trained->model->save(model_archive);
  } else {
    const char* names[] = {"hidden.weight", "hidden.bias", "out.weight", "out.bias"};
    for (std::size_t i = 0; i < tensors->size() && i < 4; ++i) {
      model_archive.write(names[i], (*tensors)[i]);
    }
  }
  g_trained->optimizer.save(optimizer_archive);
  archive.write("model", model_archive);
  archive.write("optimizer", optimizer_archive);
  if (tensors != nullptr && tensors->size() > 4) {
    archive.write("torch_rng", (*tensors)[4]);
  } else {
    auto generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    archive.write("torch_rng", generator.get_state());
  }
  archive.write("meta", c10::IValue(meta));
  std::ostringstream bytes;
  archive.save_to(bytes);
  return bytes.str();
}

std::string good_meta(const nlohmann::json& history) {
  elu::lab::RunSpec s = spec();
  s.epochs = 0;
  return nlohmann::json{{"fingerprint", s.fingerprint()},
                        {"epochs_done", 1},
                        {"order_rng", "5489"},
                        {"history", history}}
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

torch::Tensor fuzzed_tensor(FuzzedDataProvider& fdp) {
  const int dims = fdp.ConsumeIntegralInRange<int>(0, 3);
  std::vector<int64_t> shape;
  int64_t elements = 1;
  for (int d = 0; d < dims; ++d) {
    shape.push_back(fdp.ConsumeIntegralInRange<int64_t>(0, 800));
    elements *= shape.back();
  }
  if (elements > 100000) shape.assign({elements % 1000});
  static constexpr c10::ScalarType kTypes[] = {torch::kFloat, torch::kDouble, torch::kUInt8,
                                               torch::kInt64, torch::kHalf,   torch::kBool};
  const auto type = kTypes[fdp.ConsumeIntegralInRange<int>(0, 5)];
  return torch::rand(shape).mul(fdp.ConsumeFloatingPoint<float>()).to(type);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  torch::set_num_threads(1);
  g_trained = new Trained;
  if (const char* seed_dir = std::getenv("ELU_FUZZ_WRITE_SEED")) {
    std::filesystem::create_directories(seed_dir);
    elu::lab::save_checkpoint(seed_dir, *g_trained->model, g_trained->optimizer, state());
    std::exit(0);
  }
  char dir[] = "/tmp/elu-fuzz-checkpoint-XXXXXX";
  if (mkdtemp(dir) == nullptr) report("cannot create a temporary directory");
  g_dir = dir;
  std::atexit([] {
    std::error_code ec;
    std::filesystem::remove_all(g_dir, ec);
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const int mode = data[0] % 4;
  FuzzedDataProvider fdp(data + 1, size - 1);
  std::string file;
  if (mode == 0) {
    file = fdp.ConsumeRemainingBytesAsString();
  } else if (mode == 1) {
    file = write_archive(fdp.ConsumeRemainingBytesAsString(), nullptr);
  } else if (mode == 2) {
    const std::string text = fdp.ConsumeRemainingBytesAsString();
    nlohmann::json history = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (history.is_discarded()) history = text;
    file = write_archive(good_meta(history), nullptr);
  } else {
    std::vector<torch::Tensor> tensors;
    const int count = fdp.ConsumeIntegralInRange<int>(0, 5);
    for (int i = 0; i < count; ++i) tensors.push_back(fuzzed_tensor(fdp));
    file = write_archive(good_meta(elu::lab::to_json(state().history)), &tensors);
  }
  {
    std::ofstream out(elu::lab::checkpoint_file(g_dir), std::ios::binary | std::ios::trunc);
    out.write(file.data(), static_cast<std::streamsize>(file.size()));
    if (!out) report("cannot write the checkpoint file");
  }

  // A fresh model and optimizer each time, so a partly loaded one cannot leak into the next run.
  auto model = std::make_shared<TinyModel>();
  torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(1e-3));
  std::vector<torch::Tensor> before;
  for (const auto& p : model->parameters()) before.push_back(p.detach().clone());
  torch::Tensor rng_before;
  {
    auto generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    rng_before = generator.get_state();
  }
  try {
    const elu::lab::TrainingState st = elu::lab::load_checkpoint(g_dir, spec(), *model, optimizer);
    (void)elu::lab::to_json(st.history).dump();
  } catch (const elu::lab::CheckpointError& e) {
    const std::string what = e.what();
    if (what.find('\n') != std::string::npos) report("error text is not one line: '" + what + "'");
    const auto params = model->parameters();
    for (std::size_t i = 0; i < before.size(); ++i) {
      if (!torch::equal(params[i], before[i])) {
        report("a failed load changed the model's parameters (" + what + ")");
      }
    }
    auto generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    if (!torch::equal(generator.get_state(), rng_before)) {
      report("a failed load changed torch's generator (" + what + ")");
    }
  } catch (const std::exception& e) {
    report(std::string("threw something other than CheckpointError: ") + e.what());
  }
  return 0;
}
