// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// What one training run computes, as plain values (no LibTorch, no CLI11).
#pragma once

#include <cstddef>
#include <string>

namespace elu::lab {

/// Everything that decides what one training run computes. Two runs with equal specs (and one
/// thread) compute the same numbers; the checkpoint stores fingerprint() to refuse a mismatch.
struct RunSpec {
  std::string model = "mlp";  // mlp | cnn | rnn | autoencoder
  std::string act = "elu";    // one of activation_names()
  double alpha = 1.0;         // elu, torch_elu, celu only
  int depth = 8, width = 128;
  bool batchnorm = false;  // cnn only
  // elu, selu, celu: elu's correctly rounded float kernels (elu::nn::CorrectlyRoundedGuard), so
  // the run does not depend on elu's SIMD target (train --exact).
  bool exact = false;
  std::string optimizer = "sgd";
  double lr = 0.01;
  int batch = 64;
  int epochs = 20;
  unsigned long long seed = 0;
  std::size_t train_subset = 0, eval_subset = 0;

  std::string fingerprint() const;
  /// "elu", "elu(alpha=0.3)", ...: what a table or a plot legend calls this run's activation.
  std::string act_label() const;
};

}  // namespace elu::lab
