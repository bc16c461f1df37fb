// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Small convolutional network: conv3x3-32 -> act -> maxpool2 -> conv3x3-64 -> act -> maxpool2
// -> fc(width) -> act -> fc10, with optional batch normalisation before each hidden activation.
#pragma once

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

#include "models/model.h"

namespace elu::lab {

class Cnn : public LabModel {
 public:
  Cnn(const std::string& act, double alpha, int width, bool batchnorm);
  torch::Tensor forward(const torch::Tensor& images,
                        std::vector<torch::Tensor>* preactivations = nullptr) override;
  std::size_t hidden_layers() const override { return acts_.size(); }
  torch::nn::AnyModule& activation(std::size_t layer) override { return acts_.at(layer); }
  std::string describe() const override;

 private:
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
  torch::nn::Linear fc_{nullptr}, output_{nullptr};
  torch::nn::BatchNorm2d bn1_{nullptr}, bn2_{nullptr};
  torch::nn::BatchNorm1d bn3_{nullptr};
  std::vector<torch::nn::AnyModule> acts_;
  int width_;
  bool batchnorm_;
};

}  // namespace elu::lab
