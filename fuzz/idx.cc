// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Fuzzer of elu-lab's IDX reader (lab/data/idx.h). The first byte picks images or labels and
// whether the rest is written as it is (plain, or gzip when it starts like gzip) or first
// compressed with gzip here (so mutations reach the IDX parser through a valid gzip stream).
// Checked: the reader returns or throws DataError ("<path>: <problem>", one line), nothing else;
// for input known to be plain, it accepts exactly the files an independent parser accepts and
// returns exactly their bytes.
#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "data/idx.h"

namespace {

std::filesystem::path g_file;

[[noreturn]] void report(const std::string& what) {
  std::fprintf(stderr, "fuzz_idx: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

std::vector<uint8_t> gzip(const uint8_t* data, std::size_t size, int level) {
  z_stream z{};
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    report("deflateInit2 failed");
  }
  std::vector<uint8_t> out(deflateBound(&z, size) + 32);
  z.next_in = const_cast<uint8_t*>(data);
  z.avail_in = static_cast<uInt>(size);
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  if (deflate(&z, Z_FINISH) != Z_STREAM_END) report("deflate did not finish");
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

uint32_t be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

// What an IDX file of this kind holds, by the format and the limits in idx.h; nullopt if invalid.
struct Parsed {
  uint64_t count = 0, rows = 0, cols = 0;
  std::vector<uint8_t> body;
};
std::optional<Parsed> parse(const uint8_t* d, std::size_t n, bool images) {
  const std::size_t header = images ? 16 : 8;
  if (n < header || be32(d) != (images ? elu::lab::kIdxImagesMagic : elu::lab::kIdxLabelsMagic)) {
    return std::nullopt;
  }
  Parsed p;
  p.count = be32(d + 4);
  if (p.count > elu::lab::kIdxMaxItems) return std::nullopt;
  uint64_t bytes = p.count;
  if (images) {
    p.rows = be32(d + 8);
    p.cols = be32(d + 12);
    if (p.rows == 0 || p.cols == 0 || p.rows > elu::lab::kIdxMaxSide ||
        p.cols > elu::lab::kIdxMaxSide) {
      return std::nullopt;
    }
    bytes = p.count * p.rows * p.cols;  // < 2^27 * 2^24: no wrap
    if (bytes > elu::lab::kIdxMaxDataBytes) return std::nullopt;
  }
  if (n - header != bytes) return std::nullopt;
  p.body.assign(d + header, d + n);
  return p;
}

void check_error(const elu::lab::DataError& e) {
  const std::string what = e.what();
  const std::string prefix = g_file.string() + ": ";
  if (what.rfind(prefix, 0) != 0 || what.size() == prefix.size() ||
      what.find('\n') != std::string::npos) {
    report("error text is not one line '<path>: <problem>': '" + what + "'");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  char dir[] = "/tmp/elu-fuzz-idx-XXXXXX";
  if (mkdtemp(dir) == nullptr) report("cannot create a temporary directory");
  g_file = std::filesystem::path(dir) / "data.idx";
  std::atexit([] {
    std::error_code ec;
    std::filesystem::remove_all(g_file.parent_path(), ec);
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const uint8_t mode = data[0];
  const bool images = (mode & 1) != 0, compress_here = (mode & 2) != 0;
  const uint8_t* body = data + 1;
  const std::size_t n = size - 1;
  std::vector<uint8_t> file_bytes;
  if (compress_here) {
    file_bytes = gzip(body, n, (mode >> 2) % 10);
  } else {
    file_bytes.assign(body, body + n);
  }
  {
    std::ofstream out(g_file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(file_bytes.data()),
              static_cast<std::streamsize>(file_bytes.size()));
    if (!out) report("cannot write the temporary file");
  }
  // zlib reads a file as gzip when it starts with the gzip magic, else passes it through.
  const bool plain = compress_here || n < 2 || body[0] != 0x1f || body[1] != 0x8b;
  const std::optional<Parsed> want = plain ? parse(body, n, images) : std::nullopt;
  try {
    if (images) {
      const elu::lab::IdxImages got = elu::lab::read_idx_images(g_file);
      if (got.pixels.size() != got.count * got.rows * got.cols) report("pixels != count*rows*cols");
      if (plain) {
        if (!want) report("accepted an invalid image file");
        if (got.count != want->count || got.rows != want->rows || got.cols != want->cols ||
            got.pixels != want->body) {
          report("images differ from the file's content");
        }
      }
    } else {
      const elu::lab::IdxLabels got = elu::lab::read_idx_labels(g_file);
      if (plain) {
        if (!want) report("accepted an invalid label file");
        if (got.labels != want->body) report("labels differ from the file's content");
      }
    }
  } catch (const elu::lab::DataError& e) {
    check_error(e);
    if (plain && want) report(std::string("refused a valid file: ") + e.what());
  }
  return 0;
}
