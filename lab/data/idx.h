// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Reader for the IDX files of (Fashion-)MNIST, plain or gzipped (zlib reads both).
// Every failure throws DataError with one line that names the file and the problem.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace elu::lab {

/// A data file is missing or malformed. what() is "<path>: <problem>", one line.
class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr std::uint32_t kIdxImagesMagic = 0x00000803;  // unsigned bytes, 3 dimensions
inline constexpr std::uint32_t kIdxLabelsMagic = 0x00000801;  // unsigned bytes, 1 dimension

// Limits checked on the header alone, before any of the body is read or allocated: a corrupt or
// hostile header fails at once instead of after gigabytes (Fashion-MNIST: 60,000 images of 28x28,
// 47 MB). docs/lab.md lists them.
inline constexpr std::uint64_t kIdxMaxItems = 100'000'000;  // images or labels per file
inline constexpr std::uint64_t kIdxMaxSide = 4096;          // rows, and columns, per image
inline constexpr std::uint64_t kIdxMaxDataBytes = std::uint64_t{1} << 32;  // count * rows * cols

struct IdxImages {
  std::size_t count = 0, rows = 0, cols = 0;
  std::vector<std::uint8_t> pixels;  // count * rows * cols, row-major
};

struct IdxLabels {
  std::vector<std::uint8_t> labels;
};

/// Reads an image file (magic 0x803, big-endian count, rows, cols). Throws DataError if the file
/// is missing, unreadable, has the wrong magic, a header beyond the limits above, or holds fewer
/// or more bytes than its header says. Allocates no more than the header's counts imply, and stops
/// decompressing one byte past them (a gzip bomb fails on "trailing data").
IdxImages read_idx_images(const std::filesystem::path& file);

/// Reads a label file (magic 0x801, big-endian count). Same errors as read_idx_images.
IdxLabels read_idx_labels(const std::filesystem::path& file);

}  // namespace elu::lab
