// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "data/fashion_mnist.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "data/idx.h"

namespace elu::lab {
namespace {

struct RawSplit {
  IdxImages images;
  IdxLabels labels;
};

// The first of the usual spellings that exists ("train-images-idx3-ubyte" with or without .gz,
// or MNIST's "train-images.idx3-ubyte"); the gzipped one when none does, for the message.
std::filesystem::path idx_file(const std::filesystem::path& dir, const std::string& prefix,
                               const std::string& what, const std::string& idx) {
  const std::string dashed = prefix + "-" + what + "-" + idx + "-ubyte";
  const std::string dotted = prefix + "-" + what + "." + idx + "-ubyte";
  for (const std::string& name : {dashed + ".gz", dashed, dotted, dotted + ".gz"}) {
    if (std::filesystem::exists(dir / name)) return dir / name;
  }
  return dir / (dashed + ".gz");
}

RawSplit read_pair(const std::filesystem::path& dir, const std::string& prefix) {
  const auto image_file = idx_file(dir, prefix, "images", "idx3");
  const auto label_file = idx_file(dir, prefix, "labels", "idx1");
  RawSplit raw{read_idx_images(image_file), read_idx_labels(label_file)};
  // Well formed, but a set without images has no loss or accuracy (0 / 0).
  if (raw.images.count == 0) throw DataError(image_file.string() + ": holds no images");
  if (raw.images.rows != kImageSide || raw.images.cols != kImageSide) {
    throw DataError(image_file.string() + ": images are " + std::to_string(raw.images.rows) + "x" +
                    std::to_string(raw.images.cols) + ", expected 28x28");
  }
  if (raw.labels.labels.size() != raw.images.count) {
    throw DataError(label_file.string() + ": holds " + std::to_string(raw.labels.labels.size()) +
                    " labels but " + image_file.filename().string() + " holds " +
                    std::to_string(raw.images.count) + " images");
  }
  for (std::size_t i = 0; i < raw.labels.labels.size(); ++i) {
    if (raw.labels.labels[i] >= kClasses) {
      throw DataError(label_file.string() + ": label " + std::to_string(raw.labels.labels[i]) +
                      " at index " + std::to_string(i) + " is outside 0..9");
    }
  }
  return raw;
}

struct PixelStats {
  double mean = 0.0, std = 1.0;
};

// Over rows [0, n) of the training images, pixels scaled to [0, 1]; in double, exact enough for
// 47 million pixels.
PixelStats pixel_stats(const RawSplit& raw, std::size_t n, const std::string& file) {
  const auto first = raw.images.pixels.begin();
  const auto last = first + static_cast<std::ptrdiff_t>(n * kImageSide * kImageSide);
  const auto [low, high] = std::minmax_element(first, last);
  if (*low == *high) {
    throw DataError(file + ": every training pixel has the same value; cannot normalise");
  }
  double sum = 0.0, sq = 0.0;
  for (auto p = first; p != last; ++p) {
    const double v = *p / 255.0;
    sum += v;
    sq += v * v;
  }
  const double count = static_cast<double>(last - first);
  const double mean = sum / count;
  return {mean, std::sqrt(std::max(0.0, sq / count - mean * mean))};
}

// Rows [begin, end) of a raw split as normalised tensors (cloned, so the raw buffers can go).
Split to_tensors(const RawSplit& raw, std::size_t begin, std::size_t end, const PixelStats& px) {
  const auto n = static_cast<int64_t>(end - begin);
  const auto side = static_cast<int64_t>(kImageSide);
  auto pixels = torch::from_blob(
      const_cast<std::uint8_t*>(raw.images.pixels.data()) + begin * kImageSide * kImageSide,
      {n, 1, side, side}, torch::kUInt8);
  auto images = (pixels.to(torch::kFloat32).div_(255.0).sub_(px.mean).div_(px.std)).contiguous();
  auto labels = torch::from_blob(const_cast<std::uint8_t*>(raw.labels.labels.data()) + begin, {n},
                                 torch::kUInt8)
                    .to(torch::kInt64);
  return {images, labels, px.mean, px.std};
}

std::size_t pick(std::size_t subset, std::size_t available, const char* option, const char* what) {
  if (subset == 0) return available;
  if (subset > available) {
    throw std::invalid_argument(std::string(option) + " " + std::to_string(subset) +
                                " exceeds the " + std::to_string(available) + " " + what);
  }
  return subset;
}

}  // namespace

FashionMnist load_fashion_mnist(const DataOptions& options) {
  const RawSplit train = read_pair(options.dir, "train");
  const RawSplit test = read_pair(options.dir, "t10k");
  const auto train_file = idx_file(options.dir, "train", "images", "idx3").string();
  if (train.images.count <= kValidationImages) {
    throw DataError(train_file + ": holds " + std::to_string(train.images.count) +
                    " images; needs more than 5000 to hold out a validation set");
  }
  const std::size_t train_available = train.images.count - kValidationImages;
  const std::size_t n_train =
      pick(options.train_subset, train_available, "--train-subset", "training images");
  // --eval-subset caps both evaluation sets; asking for more than one holds is not an error.
  auto capped = [&](std::size_t available) {
    return options.eval_subset == 0 ? available : std::min(options.eval_subset, available);
  };
  const std::size_t n_val = capped(kValidationImages);
  const std::size_t n_test = capped(test.images.count);

  const PixelStats px = pixel_stats(train, n_train, train_file);
  FashionMnist data;
  data.train = to_tensors(train, 0, n_train, px);
  data.validation = to_tensors(train, train_available, train_available + n_val, px);
  data.test = to_tensors(test, 0, n_test, px);
  data.dir = options.dir;
  return data;
}

}  // namespace elu::lab
