// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Facts about the IDX image sets (Fashion-MNIST by default) and how elu-lab splits it
// (docs/background.md), free of LibTorch so that option parsing and reports can use them without
// compiling against it.
#pragma once

#include <cstddef>

namespace elu::lab {

inline constexpr const char* kDefaultDataDir = "/usr/share/datasets/fashion-mnist";
inline constexpr std::size_t kValidationImages =
    5000;  // held out from the end of the training file
inline constexpr std::size_t kImageSide = 28;
inline constexpr std::size_t kClasses = 10;

}  // namespace elu::lab
