// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// One file per run, DIR/checkpoint.pt, holding everything a resumed run needs to continue
// bit-for-bit: the model, the optimizer state, torch's generator, the data-order generator and
// the metrics so far. Written atomically, so a kill at any moment leaves the previous one intact.
//
// The file proves itself (format 2):
//   elu-lab checkpoint format 2 manifest-crc32 <8 hex digits>\n
//   <manifest: one line of JSON>\n
//   <part model><part optimizer><part rng><part meta>
// The manifest names the elu and LibTorch versions that wrote the file and each part's size and
// zlib CRC-32; the header holds the manifest's own CRC-32, so every byte of the file is checked.
// model and optimizer are LibTorch archives, rng is torch's generator state, meta is JSON.
#pragma once

#include <torch/optim/optimizer.h>

#include <filesystem>
#include <string>
#include <vector>

#include "metrics/history.h"
#include "models/model.h"
#include "train/checkpoint_error.h"

namespace elu::lab {

inline constexpr int kCheckpointFormat = 2;

/// State outside the model and optimizer that a resumed run must get back.
struct TrainingState {
  int epochs_done = 0;
  std::string order_rng;  // std::mt19937_64 in its text form
  RunHistory history;     // history.epochs.size() == epochs_done
};

std::filesystem::path checkpoint_file(const std::filesystem::path& dir);

/// Saves model, optimizer, torch's default CPU generator and `state`.
void save_checkpoint(const std::filesystem::path& dir, LabModel& model,
                     torch::optim::Optimizer& optimizer, const TrainingState& state);

/// Loads a checkpoint saved by a run with the same spec (epochs aside) into model, optimizer and
/// torch's generator, and returns the rest. Throws CheckpointError, with one line naming the
/// file and the problem, for a file that cannot be read, is damaged (any CRC-32 or size that does
/// not match), was written by another format, elu or LibTorch version, belongs to another
/// configuration, or whose history disagrees with itself (epochs_done against the epochs listed,
/// epoch numbers, a non-finite loss in a run not marked diverged).
TrainingState load_checkpoint(const std::filesystem::path& dir, const RunSpec& spec,
                              LabModel& model, torch::optim::Optimizer& optimizer);

/// The two halves of load_checkpoint, for a distributed job in which rank 0 reads the file and
/// sends its bytes to the others: the file's bytes (CheckpointError if unreadable), and the load
/// of such bytes, `file` naming them in errors.
std::string read_checkpoint_bytes(const std::filesystem::path& dir);
TrainingState load_checkpoint_bytes(const std::string& bytes, const std::filesystem::path& file,
                                    const RunSpec& spec, LabModel& model,
                                    torch::optim::Optimizer& optimizer);

// --- The container, for tests and tools: no LibTorch in these ---------------------------------

struct CheckpointPart {
  std::string name;   // model, optimizer, rng, meta (in this order in a checkpoint)
  std::string bytes;  // opaque here
};

/// What a checkpoint records about the software that wrote it; all three must match to resume.
struct CheckpointVersions {
  int format = kCheckpointFormat;
  std::string elu, libtorch;
};
CheckpointVersions current_checkpoint_versions();

/// The file's bytes for `parts`, with their sizes and CRC-32s and `versions` in the manifest.
std::string encode_checkpoint(const std::vector<CheckpointPart>& parts,
                              const CheckpointVersions& versions = current_checkpoint_versions());

/// The parts of a checkpoint's bytes, after checking the header, the manifest's CRC-32, the
/// versions (against this build), the part names (model, optimizer, rng, meta, in order), that
/// the sizes add up to the file's, and every part's CRC-32. Throws CheckpointError naming `file`.
std::vector<CheckpointPart> decode_checkpoint(const std::string& bytes,
                                              const std::filesystem::path& file);

}  // namespace elu::lab
