// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Fashion-MNIST as LibTorch tensors: the four IDX files of a directory, checked against each
// other, normalised, and split into training, validation (the last 5,000 training images) and test.
#pragma once

#include <torch/types.h>

#include <cstddef>
#include <filesystem>

#include "data/dataset_layout.h"

namespace elu::lab {

/// Images as float32 [n, 1, 28, 28], normalised as (pixel / 255 - pixel_mean) / pixel_std with the
/// training images' statistics, and labels as int64 [n] in 0..9.
struct Split {
  torch::Tensor images, labels;
  double pixel_mean = 0.0, pixel_std = 1.0;
  std::size_t size() const { return static_cast<std::size_t>(labels.size(0)); }
};

struct FashionMnist {
  Split train, validation, test;
  std::filesystem::path dir;
};

struct DataOptions {
  std::filesystem::path dir = kDefaultDataDir;
  std::size_t train_subset = 0;  // first N training images; 0 = all that are not held out
  std::size_t eval_subset = 0;   // first N validation and test images; 0 = all
};

/// Loads and checks the IDX files train-{images-idx3,labels-idx1}-ubyte and t10k-... in
/// options.dir (any 28x28 set with labels 0..9: Fashion-MNIST, MNIST, ...), each gzipped (.gz)
/// or plain, also under MNIST's original names (train-images.idx3-ubyte). The pixel mean and std
/// that normalise every split are computed from the training images used (--train-subset).
/// Throws DataError ("<file>: <problem>") for a missing or malformed file, a file with no images,
/// images that are not 28x28, a label above 9, image and label counts that disagree, or training
/// images that are all one value (std 0); throws std::invalid_argument when a subset asks for
/// more images than there are.
FashionMnist load_fashion_mnist(const DataOptions& options);

}  // namespace elu::lab
