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

// Reads exactly n payload bytes and checks that nothing follows them.
std::vector<std::uint8_t> read_payload(GzReader& in, const std::filesystem::path& file,
                                       std::size_t n, const std::string& what) {
  std::vector<std::uint8_t> data;
  // Grow while reading, so a corrupt header that claims billions of items fails on the short
  // read instead of on a huge allocation.
  constexpr std::size_t kStep = std::size_t{8} << 20;
  while (data.size() < n) {
    const std::size_t old = data.size();
    const std::size_t step = std::min(kStep, n - old);
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
  out.count = h[1];
  out.rows = h[2];
  out.cols = h[3];
  if (out.rows == 0 || out.cols == 0) fail(file, "header gives an image size of 0");
  out.pixels = read_payload(in, file, out.count * out.rows * out.cols,
                            std::to_string(out.count) + " images of " + std::to_string(out.rows) +
                                "x" + std::to_string(out.cols));
  return out;
}

IdxLabels read_idx_labels(const std::filesystem::path& file) {
  GzReader in(file);
  const auto h = read_header(in, file, kIdxLabelsMagic, 2, "label");
  IdxLabels out;
  out.labels = read_payload(in, file, h[1], std::to_string(h[1]) + " labels");
  return out;
}

}  // namespace elu::lab
