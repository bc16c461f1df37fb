// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "train/checkpoint.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>
#include <torch/version.h>
#include <zlib.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <string_view>

#include "elu/version.hpp"
#include "util/atomic_file.h"
#include "util/one_line.h"

namespace elu::lab {
namespace {

using nlohmann::json;

constexpr std::string_view kMagic = "elu-lab checkpoint format ";
constexpr std::string_view kManifestTag = " manifest-crc32 ";
constexpr std::array<std::string_view, 4> kPartNames{"model", "optimizer", "rng", "meta"};
constexpr std::size_t kMaxHeaderBytes = 128;

// The fingerprint leaves out the epoch count, so a run can be resumed with more epochs.
std::string resumable_fingerprint(RunSpec spec) {
  spec.epochs = 0;
  return spec.fingerprint();
}

// zlib's CRC-32 as 8 lowercase hex digits: compared as text, so "ABCD" cannot pass for "abcd".
std::string crc32_hex(std::string_view bytes) {
  uLong crc = crc32_z(0L, Z_NULL, 0);
  crc = crc32_z(crc, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size());
  char text[9];
  std::snprintf(text, sizeof text, "%08lx", static_cast<unsigned long>(crc & 0xffffffffUL));
  return text;
}

std::string header_line(int format, std::string_view manifest) {
  std::string line(kMagic);
  line += std::to_string(format);
  line += kManifestTag;
  line += crc32_hex(manifest);
  line += '\n';
  return line;
}

[[noreturn]] void refuse(const std::filesystem::path& file, const std::string& problem) {
  throw CheckpointError(file.string() + ": " + problem);
}

// LibTorch's errors carry a backtrace after the message.
std::string torch_message(const std::exception& e) {
  if (const auto* c10 = dynamic_cast<const c10::Error*>(&e)) {
    return first_line(c10->what_without_backtrace());
  }
  return first_line(e.what());
}

std::string archive_bytes(torch::serialize::OutputArchive& archive) {
  std::ostringstream bytes;
  archive.save_to(bytes);
  return bytes.str();
}

void load_archive(const std::filesystem::path& file, const CheckpointPart& part,
                  torch::serialize::InputArchive& archive) {
  try {
    archive.load_from(part.bytes.data(), part.bytes.size());
  } catch (const std::exception& e) {
    refuse(file, "unreadable " + part.name + " part: " + torch_message(e));
  }
}

// A history that disagrees with itself was edited or written by a bug; resuming it would append
// epochs to the wrong place (epochs 1,2,3,2,3 in metrics.csv).
void check_history(const std::filesystem::path& file, const TrainingState& state,
                   const std::string& fingerprint) {
  const RunHistory& h = state.history;
  if (state.epochs_done < 1 || static_cast<std::size_t>(state.epochs_done) != h.epochs.size()) {
    refuse(file, "inconsistent: epochs_done is " + std::to_string(state.epochs_done) +
                     " but the history lists " + std::to_string(h.epochs.size()) + " epoch(s)");
  }
  for (std::size_t i = 0; i < h.epochs.size(); ++i) {
    if (h.epochs[i].epoch != static_cast<int>(i + 1)) {
      refuse(file, "inconsistent: entry " + std::to_string(i + 1) + " of the history is epoch " +
                       std::to_string(h.epochs[i].epoch));
    }
  }
  if (resumable_fingerprint(h.spec) != fingerprint) {
    refuse(file, "inconsistent: the history's configuration (" + resumable_fingerprint(h.spec) +
                     ") is not the checkpoint's (" + fingerprint + ")");
  }
  if (h.spec.epochs < state.epochs_done) {
    refuse(file, "inconsistent: " + std::to_string(state.epochs_done) +
                     " epochs done of a run of " + std::to_string(h.spec.epochs));
  }
  if (h.diverged && h.diverged->epoch != state.epochs_done) {
    refuse(file, "inconsistent: the run diverged at epoch " + std::to_string(h.diverged->epoch) +
                     " but its last epoch is " + std::to_string(state.epochs_done));
  }
  for (const EpochRecord& e : h.epochs) {
    if (h.diverged && e.epoch == h.diverged->epoch) continue;
    const std::string bad = non_finite_loss(e);
    if (!bad.empty()) {
      refuse(file, "inconsistent: epoch " + std::to_string(e.epoch) + " has " + bad +
                       " but the run is not marked diverged");
    }
  }
  std::mt19937_64 engine;
  std::istringstream order(state.order_rng);
  order >> engine;
  if (order.fail()) refuse(file, "inconsistent: the data-order generator's state is unreadable");
}

// What load_checkpoint may change before it finds a part unusable, kept to be put back.
class ModelState {
 public:
  ModelState(LabModel& model, torch::optim::Optimizer& optimizer) {
    torch::NoGradGuard no_grad;
    for (const auto& item : model.named_parameters()) {
      tensors_.emplace_back(item.key(), item.value().detach().clone());
    }
    for (const auto& item : model.named_buffers()) {
      tensors_.emplace_back(item.key(), item.value().detach().clone());
    }
    torch::serialize::OutputArchive archive;
    optimizer.save(archive);
    optimizer_ = archive_bytes(archive);
  }

  // LibTorch's load replaces each tensor with the file's, whatever its shape.
  void check_same_shapes(const std::filesystem::path& file, LabModel& model) const {
    std::size_t i = 0;
    for (const auto& item : model.named_parameters()) check(file, item.key(), item.value(), i++);
    for (const auto& item : model.named_buffers()) check(file, item.key(), item.value(), i++);
  }

  void restore(LabModel& model, torch::optim::Optimizer& optimizer) const {
    torch::NoGradGuard no_grad;
    std::size_t i = 0;
    for (auto& tensor : model.parameters()) tensor.set_(tensors_[i++].second.clone());
    for (auto& tensor : model.buffers()) tensor.set_(tensors_[i++].second.clone());
    torch::serialize::InputArchive archive;
    archive.load_from(optimizer_.data(), optimizer_.size());
    optimizer.load(archive);
  }

 private:
  void check(const std::filesystem::path& file, const std::string& name,
             const torch::Tensor& loaded, std::size_t i) const {
    const torch::Tensor& want = tensors_.at(i).second;
    if (loaded.sizes() != want.sizes() || loaded.scalar_type() != want.scalar_type()) {
      std::ostringstream shapes;
      shapes << loaded.sizes() << " " << loaded.scalar_type() << " instead of " << want.sizes()
             << " " << want.scalar_type();
      refuse(file, "unusable model part: " + name + " is " + shapes.str());
    }
  }

  std::vector<std::pair<std::string, torch::Tensor>> tensors_;
  std::string optimizer_;
};

}  // namespace

CheckpointVersions current_checkpoint_versions() {
  return {kCheckpointFormat, ELU_VERSION_STRING, TORCH_VERSION};
}

std::string encode_checkpoint(const std::vector<CheckpointPart>& parts,
                              const CheckpointVersions& versions) {
  json listed = json::array();
  for (const CheckpointPart& p : parts) {
    listed.push_back(
        json{{"name", p.name}, {"bytes", p.bytes.size()}, {"crc32", crc32_hex(p.bytes)}});
  }
  const std::string manifest = json{
      {"elu_version", versions.elu},
      {"libtorch_version", versions.libtorch},
      {"parts", listed}}.dump();
  std::string out = header_line(versions.format, manifest) + manifest + "\n";
  for (const CheckpointPart& p : parts) out += p.bytes;
  return out;
}

std::vector<CheckpointPart> decode_checkpoint(const std::string& bytes,
                                              const std::filesystem::path& file) {
  if (bytes.rfind("PK\x03\x04", 0) == 0) {
    refuse(file,
           "checkpoint format 1 (an earlier elu-lab, without checksums); this elu-lab "
           "reads format " +
               std::to_string(kCheckpointFormat) + " only: start the run again without --resume");
  }
  if (bytes.rfind(kMagic, 0) != 0) {
    refuse(file, "not an elu-lab checkpoint (it does not begin with \"elu-lab checkpoint\")");
  }
  const std::size_t header_end = bytes.find('\n');
  if (header_end == std::string::npos || header_end >= kMaxHeaderBytes) {
    refuse(file, "damaged: the header line is not terminated");
  }
  const std::string header = bytes.substr(0, header_end + 1);
  int format = 0;
  std::size_t at = kMagic.size();
  for (; at < header.size() && at < kMagic.size() + 4 && header[at] >= '0' && header[at] <= '9';
       ++at) {
    format = format * 10 + (header[at] - '0');
  }
  if (at == kMagic.size() || header.compare(at, kManifestTag.size(), kManifestTag) != 0) {
    refuse(file, "damaged: malformed header line");
  }
  if (format != kCheckpointFormat) {
    refuse(file, "checkpoint format " + std::to_string(format) + "; this elu-lab reads format " +
                     std::to_string(kCheckpointFormat) + " only");
  }
  const std::size_t manifest_end = bytes.find('\n', header_end + 1);
  if (manifest_end == std::string::npos) refuse(file, "damaged: the manifest is not terminated");
  const std::string_view manifest(bytes.data() + header_end + 1, manifest_end - header_end - 1);
  const std::string expected = header_line(format, manifest);
  if (header != expected) {
    if (header.size() != expected.size()) refuse(file, "damaged: malformed header line");
    refuse(file, "damaged: the manifest fails its CRC-32 check (header says " +
                     header.substr(at + kManifestTag.size(), 8) + ", computed " +
                     expected.substr(at + kManifestTag.size(), 8) + ")");
  }

  std::vector<CheckpointPart> parts;
  try {
    const json m = json::parse(manifest);
    const std::string elu = m.at("elu_version").get<std::string>();
    const std::string libtorch = m.at("libtorch_version").get<std::string>();
    const CheckpointVersions here = current_checkpoint_versions();
    // Another version may compute differently, and a resumed run must equal an uninterrupted one.
    if (elu != here.elu) {
      refuse(file, "written by elu " + elu + ", this is elu " + here.elu +
                       ", which cannot resume it bit-for-bit (start the run again without "
                       "--resume)");
    }
    if (libtorch != here.libtorch) {
      refuse(file, "written with LibTorch " + libtorch + ", this elu-lab uses LibTorch " +
                       here.libtorch +
                       ", which cannot resume it bit-for-bit (start the run "
                       "again without --resume)");
    }
    const json& listed = m.at("parts");
    std::string names;
    for (const json& p : listed)
      names += (names.empty() ? "" : ",") + p.at("name").get<std::string>();
    std::string expected_names;
    for (std::string_view n : kPartNames) {
      expected_names += (expected_names.empty() ? "" : ",") + std::string(n);
    }
    if (names != expected_names) {
      refuse(file, "damaged: the manifest lists parts " + names + ", not " + expected_names);
    }
    std::size_t offset = manifest_end + 1;
    for (const json& p : listed) {
      const std::size_t size = p.at("bytes").get<std::size_t>();
      const std::string name = p.at("name").get<std::string>();
      if (size > bytes.size() - offset) {
        refuse(file, "damaged: truncated in the " + name + " part (" +
                         std::to_string(bytes.size() - offset) + " of " + std::to_string(size) +
                         " bytes)");
      }
      parts.push_back({name, bytes.substr(offset, size)});
      offset += size;
      const std::string stored = p.at("crc32").get<std::string>();
      const std::string computed = crc32_hex(parts.back().bytes);
      if (stored != computed) {
        refuse(file, "damaged: the " + name + " part fails its CRC-32 check (stored " + stored +
                         ", computed " + computed + ")");
      }
    }
    if (offset != bytes.size()) {
      refuse(file,
             "damaged: " + std::to_string(bytes.size() - offset) + " bytes after the last part");
    }
  } catch (const json::exception& e) {
    refuse(file, "damaged: unreadable manifest (" + first_line(e.what()) + ")");
  }
  return parts;
}

std::filesystem::path checkpoint_file(const std::filesystem::path& dir) {
  return dir / "checkpoint.pt";
}

void save_checkpoint(const std::filesystem::path& dir, LabModel& model,
                     torch::optim::Optimizer& optimizer, const TrainingState& state) {
  torch::serialize::OutputArchive model_archive, optimizer_archive;
  model.save(model_archive);
  optimizer.save(optimizer_archive);
  std::string rng;
  {
    auto generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    const torch::Tensor s = generator.get_state().contiguous();
    rng.assign(static_cast<const char*>(s.data_ptr()), static_cast<std::size_t>(s.nbytes()));
  }
  const json meta{{"fingerprint", resumable_fingerprint(state.history.spec)},
                  {"epochs_done", state.epochs_done},
                  {"order_rng", state.order_rng},
                  {"history", to_json(state.history)}};
  const std::string bytes = encode_checkpoint({{"model", archive_bytes(model_archive)},
                                               {"optimizer", archive_bytes(optimizer_archive)},
                                               {"rng", rng},
                                               {"meta", meta.dump()}});
  write_file_atomically(checkpoint_file(dir), bytes);
}

std::string read_checkpoint_bytes(const std::filesystem::path& dir) {
  const auto file = checkpoint_file(dir);
  std::ifstream in(file, std::ios::binary);
  if (!in) refuse(file, std::string("cannot read checkpoint: ") + std::strerror(errno));
  std::ostringstream all;
  all << in.rdbuf();
  if (in.bad()) refuse(file, std::string("cannot read checkpoint: ") + std::strerror(errno));
  return std::move(all).str();
}

TrainingState load_checkpoint(const std::filesystem::path& dir, const RunSpec& spec,
                              LabModel& model, torch::optim::Optimizer& optimizer) {
  return load_checkpoint_bytes(read_checkpoint_bytes(dir), checkpoint_file(dir), spec, model,
                               optimizer);
}

TrainingState load_checkpoint_bytes(const std::string& bytes, const std::filesystem::path& file,
                                    const RunSpec& spec, LabModel& model,
                                    torch::optim::Optimizer& optimizer) {
  const std::vector<CheckpointPart> parts = decode_checkpoint(bytes, file);
  const CheckpointPart &model_part = parts[0], &optimizer_part = parts[1], &rng_part = parts[2],
                       &meta_part = parts[3];

  TrainingState state;
  std::string have;
  try {
    const json meta = json::parse(meta_part.bytes);
    have = meta.at("fingerprint").get<std::string>();
    state.epochs_done = meta.at("epochs_done").get<int>();
    state.order_rng = meta.at("order_rng").get<std::string>();
    state.history = run_history_from_json(meta.at("history"));
  } catch (const json::exception& e) {
    refuse(file, "damaged: unreadable meta part (" + first_line(e.what()) + ")");
  }
  const std::string want = resumable_fingerprint(spec);
  if (have != want) {
    refuse(file, "made by another configuration (" + have + "), not this one (" + want + ")");
  }
  check_history(file, state, have);

  torch::serialize::InputArchive model_archive, optimizer_archive;
  load_archive(file, model_part, model_archive);
  load_archive(file, optimizer_part, optimizer_archive);
  // A refused checkpoint leaves model, optimizer and generator as they were: loading stops
  // halfway through on a bad part, so the old state is kept to be put back.
  ModelState before(model, optimizer);
  try {
    try {
      model.load(model_archive);
    } catch (const std::exception& e) {
      refuse(file, "unusable model part: " + torch_message(e));
    }
    before.check_same_shapes(file, model);
    if (!state.history.diverged) {
      for (const auto& item : model.named_parameters()) {
        if (!torch::isfinite(item.value()).all().item<bool>()) {
          refuse(file, "inconsistent: parameter " + item.key() +
                           " is not finite but the run is not marked diverged");
        }
      }
    }
    try {
      optimizer.load(optimizer_archive);
    } catch (const std::exception& e) {
      refuse(file, "unusable optimizer part: " + torch_message(e));
    }
    try {
      torch::Tensor rng =
          torch::empty({static_cast<int64_t>(rng_part.bytes.size())}, torch::kUInt8);
      std::memcpy(rng.data_ptr(), rng_part.bytes.data(), rng_part.bytes.size());
      auto generator = at::detail::getDefaultCPUGenerator();
      std::lock_guard<std::mutex> lock(generator.mutex());
      generator.set_state(rng);
    } catch (const std::exception& e) {
      refuse(file, "unusable rng part: " + torch_message(e));
    }
  } catch (const CheckpointError&) {
    before.restore(model, optimizer);
    throw;
  }
  return state;
}

}  // namespace elu::lab
