// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The interface every elu-lab model offers the trainer and the metrics probe.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/any.h>

#include <cstddef>
#include <string>
#include <vector>

namespace elu::lab {

/// A classifier of [n, 1, 28, 28] images into 10 logits, or an autoencoder of them
/// (reconstructs()), whose hidden layers the probe can see.
class LabModel : public torch::nn::Module {
 public:
  /// Logits [n, 10], or for an autoencoder the reconstructed pixels [n, 784] in [0, 1]. When
  /// `preactivations` is given, appends each hidden layer's input to its activation, with the units
  /// along dim 1 (dense [n, units]; conv [n, channels, h, w]; rnn [n, units, steps]), in the order
  /// of activation(i).
  virtual torch::Tensor forward(const torch::Tensor& images,
                                std::vector<torch::Tensor>* preactivations = nullptr) = 0;

  /// Number of hidden layers and the activation module of each (the rnn's one layer is its state).
  virtual std::size_t hidden_layers() const = 0;
  virtual torch::nn::AnyModule& activation(std::size_t layer) = 0;

  /// The shape in one line, e.g. "784 -> 8 x 128 -> 10".
  virtual std::string describe() const = 0;

  /// True: forward reconstructs the image, and the loss is the MSE against its pixels in [0, 1].
  virtual bool reconstructs() const { return false; }

  /// Called between backward and the optimizer step (the rnn clips the gradient norm here).
  virtual void before_step() {}
};

}  // namespace elu::lab
