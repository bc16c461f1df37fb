// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "data/fashion_mnist.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "data/idx.h"

namespace elu::lab {
namespace {

struct RawSplit {
  IdxImages images;
  IdxLabels labels;
};

RawSplit read_pair(const std::filesystem::path& dir, const std::string& prefix) {
  const auto image_file = dir / (prefix + "-images-idx3-ubyte.gz");
  const auto label_file = dir / (prefix + "-labels-idx1-ubyte.gz");
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

// Rows [begin, end) of a raw split as normalised tensors (cloned, so the raw buffers can go).
Split to_tensors(const RawSplit& raw, std::size_t begin, std::size_t end) {
  const auto n = static_cast<int64_t>(end - begin);
  const auto side = static_cast<int64_t>(kImageSide);
  auto pixels = torch::from_blob(
      const_cast<std::uint8_t*>(raw.images.pixels.data()) + begin * kImageSide * kImageSide,
      {n, 1, side, side}, torch::kUInt8);
  auto images =
      (pixels.to(torch::kFloat32).div_(255.0).sub_(kPixelMean).div_(kPixelStd)).contiguous();
  auto labels = torch::from_blob(const_cast<std::uint8_t*>(raw.labels.labels.data()) + begin, {n},
                                 torch::kUInt8)
                    .to(torch::kInt64);
  return {images, labels};
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
  const auto train_file = (options.dir / "train-images-idx3-ubyte.gz").string();
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

  FashionMnist data;
  data.train = to_tensors(train, 0, n_train);
  data.validation = to_tensors(train, train_available, train_available + n_val);
  data.test = to_tensors(test, 0, n_test);
  return data;
}

}  // namespace elu::lab
