// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "data/idx.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <string>

namespace elu::lab {
namespace {

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& problem) {
  throw DataError(file.string() + ": " + problem);
}

std::string hex32(std::uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

std::uint32_t big_endian32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

// A gzip (or plain, zlib passes it through) stream that reports every failure against its file.
class GzReader {
 public:
  explicit GzReader(const std::filesystem::path& file) : file_(file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) fail(file, "file not found");
    if (!std::filesystem::is_regular_file(file, ec)) fail(file, "not a regular file");
    handle_ = gzopen(file.c_str(), "rb");
    if (handle_ == nullptr) fail(file, "cannot open for reading");
  }
  ~GzReader() {
    if (handle_ != nullptr) gzclose(handle_);
  }
  GzReader(const GzReader&) = delete;
  GzReader& operator=(const GzReader&) = delete;

  // Reads up to n bytes; returns how many were read (fewer only at the end of the data).
  std::size_t read(std::uint8_t* out, std::size_t n) {
    std::size_t done = 0;
    while (done < n) {
      // gzread takes an unsigned count; read in chunks well below its limit.
      const unsigned chunk = static_cast<unsigned>(std::min<std::size_t>(n - done, 1u << 24));
      const int got = gzread(handle_, out + done, chunk);
      if (got < 0) check_stream();
      if (got <= 0) break;
      done += static_cast<std::size_t>(got);
    }
    check_stream();
    return done;
  }

 private:
  void check_stream() {
    int err = Z_OK;
    const char* msg = gzerror(handle_, &err);
    // Z_BUF_ERROR at the end means the gzip stream itself was cut short.
    if (err == Z_BUF_ERROR) fail(file_, "truncated gzip stream");
    if (err != Z_OK) fail(file_, std::string("corrupt gzip data (") + msg + ")");
  }

  std::filesystem::path file_;
  gzFile handle_ = nullptr;
};

// Reads the header words after checking the magic number.
std::vector<std::uint32_t> read_header(GzReader& in, const std::filesystem::path& file,
                                       std::uint32_t magic, std::size_t words, const char* kind) {
  std::array<std::uint8_t, 16> raw{};
  const std::size_t want = 4 * words;
  const std::size_t got = in.read(raw.data(), want);
  if (got >= 4 && big_endian32(raw.data()) != magic) {
    fail(file, "wrong magic number " + hex32(big_endian32(raw.data())) + " (an IDX " + kind +
                   " file starts with " + hex32(magic) + ")");
  }
  if (got < want) {
    fail(file,
         "truncated header: " + std::to_string(got) + " of " + std::to_string(want) + " bytes");
  }
  std::vector<std::uint32_t> header(words);
  for (std::size_t i = 0; i < words; ++i) header[i] = big_endian32(raw.data() + 4 * i);
  return header;
}

void check_count(const std::filesystem::path& file, std::uint64_t count, const char* items) {
  if (count > kIdxMaxItems) {
    fail(file, "header gives " + std::to_string(count) + " " + items + ", more than the limit of " +
                   std::to_string(kIdxMaxItems));
  }
}

// count * rows * cols, refused above kIdxMaxDataBytes (and so never wrapped).
std::size_t checked_image_bytes(const std::filesystem::path& file, std::uint64_t count,
                                std::uint64_t rows, std::uint64_t cols) {
  check_count(file, count, "images");
  if (rows == 0 || cols == 0) fail(file, "header gives an image size of 0");
  if (rows > kIdxMaxSide || cols > kIdxMaxSide) {
    fail(file, "header gives images of " + std::to_string(rows) + "x" + std::to_string(cols) +
                   ", beyond the limit of " + std::to_string(kIdxMaxSide) + "x" +
                   std::to_string(kIdxMaxSide));
  }
  std::uint64_t bytes = 0;
  if (__builtin_mul_overflow(count, rows * cols, &bytes) || bytes > kIdxMaxDataBytes) {
    fail(file, "header promises " + std::to_string(count) + " images of " + std::to_string(rows) +
                   "x" + std::to_string(cols) + ", more than the limit of " +
                   std::to_string(kIdxMaxDataBytes) + " data bytes");
  }
  return static_cast<std::size_t>(bytes);
}

// Reads exactly n payload bytes and checks that nothing follows them.
std::vector<std::uint8_t> read_payload(GzReader& in, const std::filesystem::path& file,
                                       std::size_t n, const std::string& what) {
  std::vector<std::uint8_t> data;
  // Grow while reading, so a corrupt header that claims more than the file holds fails on the
  // short read instead of on a huge allocation. Capacity doubles (amortised copies) but never
  // passes n: resize alone would let it reach almost 2n.
  constexpr std::size_t kStep = std::size_t{8} << 20;
  while (data.size() < n) {
    const std::size_t old = data.size();
    const std::size_t step = std::min(kStep, n - old);
    if (old + step > data.capacity()) {
      data.reserve(std::min(n, std::max(old + step, 2 * data.capacity())));
    }
    data.resize(old + step);
    const std::size_t got = in.read(data.data() + old, step);
    if (got < step) {
      fail(file, "truncated: header promises " + what + " (" + std::to_string(n) +
                     " data bytes) but only " + std::to_string(old + got) + " follow");
    }
  }
  std::uint8_t extra = 0;
  if (in.read(&extra, 1) != 0) {
    fail(file, "trailing data after the " + what + " the header promises");
  }
  return data;
}

}  // namespace

IdxImages read_idx_images(const std::filesystem::path& file) {
  GzReader in(file);
  const auto h = read_header(in, file, kIdxImagesMagic, 4, "image");
  IdxImages out;
  const std::size_t bytes = checked_image_bytes(file, h[1], h[2], h[3]);
  out.count = h[1];
  out.rows = h[2];
  out.cols = h[3];
  out.pixels = read_payload(in, file, bytes,
                            std::to_string(out.count) + " images of " + std::to_string(out.rows) +
                                "x" + std::to_string(out.cols));
  return out;
}

IdxLabels read_idx_labels(const std::filesystem::path& file) {
  GzReader in(file);
  const auto h = read_header(in, file, kIdxLabelsMagic, 2, "label");
  check_count(file, h[1], "labels");
  IdxLabels out;
  out.labels = read_payload(in, file, h[1], std::to_string(h[1]) + " labels");
  return out;
}

}  // namespace elu::lab
