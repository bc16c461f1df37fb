// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The IDX reader and the Fashion-MNIST loader on files the test writes itself.
#include <gtest/gtest.h>

#include <cmath>

#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <fstream>

#include "data/fashion_mnist.h"
#include "data/idx.h"
#include "lab_test_util.h"

namespace elu::lab {
namespace {

using test::fresh_dir;
using test::idx_images;
using test::idx_labels;
using test::write_gz;

// Expects DataError whose message starts with the file's path and contains `problem`.
template <typename F>
void expect_data_error(F&& read, const std::filesystem::path& file, const std::string& problem) {
  try {
    read();
    FAIL() << "no DataError for " << file;
  } catch (const DataError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind(file.string() + ": ", 0), 0u) << what;
    EXPECT_NE(what.find(problem), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << "one line: " << what;
  }
}

TEST(IdxReader, ReadsGzippedImagesAndLabels) {
  const auto dir = fresh_dir("idx_good");
  write_gz(dir / "img.gz", idx_images(3, 28, 28));
  write_gz(dir / "lab.gz", idx_labels(3));
  const IdxImages images = read_idx_images(dir / "img.gz");
  EXPECT_EQ(images.count, 3u);
  EXPECT_EQ(images.rows, 28u);
  EXPECT_EQ(images.cols, 28u);
  ASSERT_EQ(images.pixels.size(), 3u * 28 * 28);
  EXPECT_EQ(images.pixels[0], 0);
  EXPECT_EQ(images.pixels[5], 35);
  EXPECT_EQ(images.pixels[100], (100 * 7) % 256);
  const IdxLabels labels = read_idx_labels(dir / "lab.gz");
  EXPECT_EQ(labels.labels, (std::vector<std::uint8_t>{0, 1, 2}));
}

TEST(IdxReader, ReadsUncompressedFilesToo) {
  const auto dir = fresh_dir("idx_plain");
  const auto bytes = idx_labels(12);
  std::ofstream(dir / "lab", std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  EXPECT_EQ(read_idx_labels(dir / "lab").labels.size(), 12u);
}

TEST(IdxReader, ReadsTheRealFashionMnistHeaders) {
  const std::filesystem::path dir = FASHION_MNIST_DIR;
  const IdxLabels labels = read_idx_labels(dir / "train-labels-idx1-ubyte.gz");
  ASSERT_EQ(labels.labels.size(), 60000u);
  EXPECT_EQ((std::vector<std::uint8_t>(labels.labels.begin(), labels.labels.begin() + 4)),
            (std::vector<std::uint8_t>{9, 0, 0, 3}));
  const IdxImages test_images = read_idx_images(dir / "t10k-images-idx3-ubyte.gz");
  EXPECT_EQ(test_images.pixels.size() + 16, 7840016u);
}

TEST(IdxReader, MissingFile) {
  const auto file = fresh_dir("idx_missing") / "nothing.gz";
  expect_data_error([&] { read_idx_images(file); }, file, "file not found");
}

TEST(IdxReader, WrongMagic) {
  const auto dir = fresh_dir("idx_magic");
  write_gz(dir / "img.gz", idx_images(2, 28, 28, 0x801));
  expect_data_error([&] { read_idx_images(dir / "img.gz"); }, dir / "img.gz",
                    "wrong magic number 0x00000801");
  write_gz(dir / "lab.gz", idx_labels(2, 0x803));
  expect_data_error([&] { read_idx_labels(dir / "lab.gz"); }, dir / "lab.gz",
                    "wrong magic number 0x00000803");
}

TEST(IdxReader, TruncatedPayload) {
  const auto dir = fresh_dir("idx_truncated");
  auto bytes = idx_images(4, 28, 28);
  bytes.resize(bytes.size() - 100);
  write_gz(dir / "img.gz", bytes);
  expect_data_error([&] { read_idx_images(dir / "img.gz"); }, dir / "img.gz", "truncated");
}

TEST(IdxReader, TruncatedHeader) {
  const auto dir = fresh_dir("idx_short_header");
  write_gz(dir / "lab.gz", {0, 0, 8, 1, 0, 0});
  expect_data_error([&] { read_idx_labels(dir / "lab.gz"); }, dir / "lab.gz", "truncated header");
  write_gz(dir / "empty.gz", {});
  expect_data_error([&] { read_idx_labels(dir / "empty.gz"); }, dir / "empty.gz",
                    "truncated header");
}

TEST(IdxReader, TruncatedGzipStream) {
  const auto dir = fresh_dir("idx_cut_gz");
  write_gz(dir / "full.gz", idx_images(20, 28, 28));
  std::ifstream in(dir / "full.gz", std::ios::binary);
  std::string gz((std::istreambuf_iterator<char>(in)), {});
  gz.resize(gz.size() / 2);
  std::ofstream(dir / "cut.gz", std::ios::binary) << gz;
  expect_data_error([&] { read_idx_images(dir / "cut.gz"); }, dir / "cut.gz", "truncated");
}

TEST(IdxReader, TrailingData) {
  const auto dir = fresh_dir("idx_trailing");
  auto bytes = idx_labels(5);
  bytes.push_back(1);
  write_gz(dir / "lab.gz", bytes);
  expect_data_error([&] { read_idx_labels(dir / "lab.gz"); }, dir / "lab.gz", "trailing data");
}

// Big-endian 32-bit words: an IDX header with nothing after it.
std::vector<std::uint8_t> header_only(const std::vector<std::uint32_t>& words) {
  std::vector<std::uint8_t> out;
  for (std::uint32_t w : words) {
    for (int shift = 24; shift >= 0; shift -= 8)
      out.push_back(static_cast<std::uint8_t>(w >> shift));
  }
  return out;
}

// Headers beyond the stated limits are refused from the header alone: the file holds no body,
// so a reader that went on would report "truncated" instead (or, for sizes whose product wraps
// to 0, accept the file).
TEST(IdxReader, RefusesHeadersBeyondTheLimitsBeforeReadingTheBody) {
  const auto dir = fresh_dir("idx_limits");
  const auto file = dir / "img.gz";
  struct Case {
    std::vector<std::uint32_t> header;
    std::string problem;
  };
  const std::vector<Case> cases{
      {{0x803, 100000001, 28, 28}, "100000001 images, more than the limit of 100000000"},
      {{0x803, 0xffffffffu, 28, 28}, "4294967295 images, more than the limit of 100000000"},
      {{0x803, 10, 4097, 28}, "4097x28, beyond the limit of 4096x4096"},
      {{0x803, 10, 28, 4097}, "28x4097, beyond the limit of 4096x4096"},
      // 4 * 2^31 * 2^31 = 2^64 would wrap to 0 bytes in 64 bits.
      {{0x803, 4, 0x80000000u, 0x80000000u}, "2147483648x2147483648, beyond the limit"},
      {{0x803, 0xffffffffu, 0xffffffffu, 0xffffffffu}, "more than the limit"},
      {{0x803, 100000000, 28, 28}, "more than the limit of 4294967296 data bytes"},
  };
  for (const Case& c : cases) {
    write_gz(file, header_only(c.header));
    expect_data_error([&] { read_idx_images(file); }, file, c.problem);
  }
  write_gz(dir / "lab.gz", header_only({0x801, 100000001}));
  expect_data_error([&] { read_idx_labels(dir / "lab.gz"); }, dir / "lab.gz",
                    "100000001 labels, more than the limit of 100000000");
  // At the limits the header is fine, and the missing body is what is reported.
  write_gz(file, header_only({0x803, 100000000, 1, 1}));
  expect_data_error([&] { read_idx_images(file); }, file, "truncated");
  write_gz(file, header_only({0x803, 1, 4096, 4096}));
  expect_data_error([&] { read_idx_images(file); }, file, "truncated");
}

// The pixel buffer grows as data arrives (a lying header fails on the short read), but never
// beyond what the header's counts imply: no doubling past the end.
TEST(IdxReader, AllocatesNoMoreThanTheHeaderImplies) {
  const auto dir = fresh_dir("idx_capacity");
  write_gz(dir / "img.gz", idx_images(16000, 28, 28));  // 12.5 MB: more than one 8 MiB step
  const IdxImages images = read_idx_images(dir / "img.gz");
  ASSERT_EQ(images.pixels.size(), std::size_t{16000} * 28 * 28);
  EXPECT_EQ(images.pixels.capacity(), images.pixels.size());
}

// A gzip bomb: a header claiming 3 images, then 1 GiB of zeros in a file of about 1 MB (gzip
// members may be concatenated; zlib reads them as one stream). Decompression must stop just
// past the promised bytes.
TEST(IdxReader, GzipBombIsRefusedQuickly) {
  const auto dir = fresh_dir("idx_bomb");
  const auto file = dir / "img.gz";
  write_gz(file, idx_images(3, 28, 28));
  std::ifstream in(file, std::ios::binary);
  const std::string first((std::istreambuf_iterator<char>(in)), {});
  const std::vector<std::uint8_t> zeros(std::size_t{64} << 20, 0);
  write_gz(dir / "zeros.gz", zeros);
  std::ifstream zin(dir / "zeros.gz", std::ios::binary);
  const std::string block((std::istreambuf_iterator<char>(zin)), {});
  {
    std::ofstream out(file, std::ios::binary);
    out << first;
    for (int i = 0; i < 16; ++i) out << block;  // 16 x 64 MiB
  }
  const auto start = std::chrono::steady_clock::now();
  expect_data_error([&] { read_idx_images(file); }, file, "trailing data");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 2.0) << "read on into the bomb";
}

TEST(FashionMnistLoader, SplitsAndNormalises) {
  const auto dir = fresh_dir("loader_good");
  test::write_small_dataset(dir, 5100);
  DataOptions options;
  options.dir = dir;
  const FashionMnist data = load_fashion_mnist(options);
  EXPECT_EQ(data.train.size(), 100u);  // 5,100 minus the 5,000 held out
  EXPECT_EQ(data.validation.size(), 5000u);
  EXPECT_EQ(data.test.size(), 100u);
  EXPECT_EQ(data.train.images.sizes(), (std::vector<int64_t>{100, 1, 28, 28}));
  // The generator's pixels are (i * 7) % 256, statistics far from Fashion-MNIST's (0.286, 0.353):
  // computed here over the 100 training images, and from them by the loader.
  double sum = 0, sq = 0;
  const std::size_t n = 100 * 28 * 28;
  for (std::size_t i = 0; i < n; ++i) {
    const double v = static_cast<double>((i * 7) % 256) / 255.0;
    sum += v;
    sq += v * v;
  }
  const double mean = sum / n, std = std::sqrt(sq / n - mean * mean);
  EXPECT_NEAR(data.train.pixel_mean, mean, 1e-9);
  EXPECT_NEAR(data.train.pixel_std, std, 1e-9);
  EXPECT_GT(std::fabs(mean - 0.286), 0.1);
  EXPECT_EQ(data.test.pixel_mean, data.train.pixel_mean) << "every split uses the training's";
  // Pixel 0 of image 0 is 0: normalised to (0 - mean) / std.
  EXPECT_NEAR(data.train.images[0][0][0][0].item<float>(), -mean / std, 1e-5);
  EXPECT_NEAR(data.train.images.mean().item<double>(), 0.0, 1e-4);
  // Validation starts at training image 100, whose label is 100 % 10.
  EXPECT_EQ(data.validation.labels[0].item<int64_t>(), 0);
  EXPECT_EQ(data.validation.labels[3].item<int64_t>(), 3);

  options.train_subset = 40;
  options.eval_subset = 30;
  const FashionMnist subset = load_fashion_mnist(options);
  EXPECT_EQ(subset.train.size(), 40u);
  EXPECT_EQ(subset.validation.size(), 30u);
  EXPECT_EQ(subset.test.size(), 30u);
  options.train_subset = 101;
  EXPECT_THROW(load_fashion_mnist(options), std::invalid_argument);
}

TEST(FashionMnistLoader, CountMismatchNamesTheLabelFile) {
  const auto dir = fresh_dir("loader_mismatch");
  test::write_small_dataset(dir, 5100);
  write_gz(dir / "t10k-labels-idx1-ubyte.gz", idx_labels(99));
  DataOptions options;
  options.dir = dir;
  expect_data_error([&] { load_fashion_mnist(options); }, dir / "t10k-labels-idx1-ubyte.gz",
                    "holds 99 labels but t10k-images-idx3-ubyte.gz holds 100 images");
}

TEST(FashionMnistLoader, RejectsOtherImageSizesAndLabels) {
  const auto dir = fresh_dir("loader_shape");
  test::write_small_dataset(dir, 5100);
  write_gz(dir / "t10k-images-idx3-ubyte.gz", idx_images(100, 32, 32));
  DataOptions options;
  options.dir = dir;
  expect_data_error([&] { load_fashion_mnist(options); }, dir / "t10k-images-idx3-ubyte.gz",
                    "images are 32x32, expected 28x28");

  test::write_small_dataset(dir, 5100);
  auto labels = idx_labels(100);
  labels.back() = 10;
  write_gz(dir / "t10k-labels-idx1-ubyte.gz", labels);
  expect_data_error([&] { load_fashion_mnist(options); }, dir / "t10k-labels-idx1-ubyte.gz",
                    "label 10 at index 99 is outside 0..9");
}

// An IDX file with count 0 is well formed, but an empty set has no metrics (0 / 0 = NaN).
TEST(FashionMnistLoader, EmptySetIsADataErrorNamingTheFile) {
  const auto dir = fresh_dir("loader_empty");
  DataOptions options;
  options.dir = dir;
  for (const std::string prefix : {"t10k", "train"}) {
    test::write_small_dataset(dir, 5100);
    write_gz(dir / (prefix + "-images-idx3-ubyte.gz"), idx_images(0, 28, 28));
    write_gz(dir / (prefix + "-labels-idx1-ubyte.gz"), idx_labels(0));
    expect_data_error([&] { load_fashion_mnist(options); },
                      dir / (prefix + "-images-idx3-ubyte.gz"), "holds no images");
  }
}

TEST(FashionMnistLoader, NeedsMoreThanTheValidationImages) {
  const auto dir = fresh_dir("loader_too_small");
  test::write_small_dataset(dir, 5000);
  DataOptions options;
  options.dir = dir;
  expect_data_error([&] { load_fashion_mnist(options); }, dir / "train-images-idx3-ubyte.gz",
                    "needs more than 5000");
}

}  // namespace
}  // namespace elu::lab

namespace elu::lab {
namespace {

void write_plain(const std::filesystem::path& file, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(file, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

TEST(FashionMnistLoader, ReadsMnistsOriginalUncompressedNames) {
  const auto dir = test::fresh_dir("loader_mnist_names");
  write_plain(dir / "train-images.idx3-ubyte", test::idx_images(5100, 28, 28));
  write_plain(dir / "train-labels.idx1-ubyte", test::idx_labels(5100));
  write_plain(dir / "t10k-images.idx3-ubyte", test::idx_images(100, 28, 28));
  write_plain(dir / "t10k-labels.idx1-ubyte", test::idx_labels(100));
  DataOptions options;
  options.dir = dir;
  const FashionMnist data = load_fashion_mnist(options);
  EXPECT_EQ(data.train.size(), 100u);
  EXPECT_EQ(data.test.size(), 100u);
}

TEST(FashionMnistLoader, ImagesOfOneValueCannotBeNormalised) {
  const auto dir = test::fresh_dir("loader_constant");
  test::write_small_dataset(dir, 5100);
  std::vector<std::uint8_t> flat = test::idx_images(5100, 28, 28);
  std::fill(flat.begin() + 16, flat.end(), std::uint8_t{9});  // after the 16-byte header
  test::write_gz(dir / "train-images-idx3-ubyte.gz", flat);
  DataOptions options;
  options.dir = dir;
  try {
    load_fashion_mnist(options);
    FAIL() << "constant images were accepted";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("train-images-idx3-ubyte.gz: every training pixel has the "
                                         "same value"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace elu::lab
