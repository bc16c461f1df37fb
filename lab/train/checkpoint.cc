// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "train/checkpoint.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>

#include <mutex>
#include <sstream>

#include "util/atomic_file.h"

namespace elu::lab {
namespace {

// The fingerprint leaves out the epoch count, so a run can be resumed with more epochs.
std::string resumable_fingerprint(RunSpec spec) {
  spec.epochs = 0;
  return spec.fingerprint();
}

}  // namespace

std::filesystem::path checkpoint_file(const std::filesystem::path& dir) {
  return dir / "checkpoint.pt";
}

void save_checkpoint(const std::filesystem::path& dir, LabModel& model,
                     torch::optim::Optimizer& optimizer, const TrainingState& state) {
  torch::serialize::OutputArchive archive;
  torch::serialize::OutputArchive model_archive, optimizer_archive;
  model.save(model_archive);
  optimizer.save(optimizer_archive);
  archive.write("model", model_archive);
  archive.write("optimizer", optimizer_archive);
  {
    auto generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    archive.write("torch_rng", generator.get_state());
  }
  const nlohmann::json meta{{"fingerprint", resumable_fingerprint(state.history.spec)},
                            {"epochs_done", state.epochs_done},
                            {"order_rng", state.order_rng},
                            {"history", to_json(state.history)}};
  archive.write("meta", c10::IValue(meta.dump()));
  std::ostringstream bytes;
  archive.save_to(bytes);
  write_file_atomically(checkpoint_file(dir), bytes.str());
}

TrainingState load_checkpoint(const std::filesystem::path& dir, const RunSpec& spec,
                              LabModel& model, torch::optim::Optimizer& optimizer) {
  const auto file = checkpoint_file(dir);
  TrainingState state;
  nlohmann::json meta;
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(file.string());
    c10::IValue meta_value;
    archive.read("meta", meta_value);
    meta = nlohmann::json::parse(meta_value.toStringRef());
  } catch (const std::exception& e) {
    throw CheckpointError(file.string() + ": cannot read checkpoint (" +
                          std::string(e.what()).substr(0, 200) + ")");
  }
  const std::string want = resumable_fingerprint(spec);
  const std::string have = meta.value("fingerprint", "");
  if (have != want) {
    throw CheckpointError(file.string() + ": made by another configuration (" + have +
                          "), not this one (" + want + ")");
  }
  try {
    torch::serialize::InputArchive model_archive, optimizer_archive;
    archive.read("model", model_archive);
    archive.read("optimizer", optimizer_archive);
    model.load(model_archive);
    optimizer.load(optimizer_archive);
    torch::Tensor rng;
    archive.read("torch_rng", rng);
    auto generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(rng);
    state.epochs_done = meta.at("epochs_done").get<int>();
    state.order_rng = meta.at("order_rng").get<std::string>();
    state.history = run_history_from_json(meta.at("history"));
  } catch (const std::exception& e) {
    throw CheckpointError(file.string() + ": corrupt checkpoint (" +
                          std::string(e.what()).substr(0, 200) + ")");
  }
  return state;
}

}  // namespace elu::lab
