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

/// Images as float32 [n, 1, 28, 28] (normalised to mean 0, std 1 over the training set) and labels
/// as int64 [n] in 0..9.
struct Split {
  torch::Tensor images, labels;
  std::size_t size() const { return static_cast<std::size_t>(labels.size(0)); }
};

struct FashionMnist {
  Split train, validation, test;
};

struct DataOptions {
  std::filesystem::path dir = kDefaultDataDir;
  std::size_t train_subset = 0;  // first N training images; 0 = all that are not held out
  std::size_t eval_subset = 0;   // first N validation and test images; 0 = all
};

/// Loads and checks train-{images-idx3,labels-idx1}-ubyte.gz and t10k-... in options.dir.
/// Throws DataError ("<file>: <problem>") for a missing or malformed file, a file with no images,
/// images that are not 28x28, a label above 9, or image and label counts that disagree; throws
/// std::invalid_argument when a subset asks for more images than there are.
FashionMnist load_fashion_mnist(const DataOptions& options);

}  // namespace elu::lab
