// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The fully connected network of Clevert et al. (2015) section 4.1: 784 -> depth x width -> 10.
#pragma once

#include <torch/nn/modules/linear.h>

#include "models/model.h"

namespace elu::lab {

class Mlp : public LabModel {
 public:
  Mlp(const std::string& act, double alpha, int depth, int width);
  torch::Tensor forward(const torch::Tensor& images,
                        std::vector<torch::Tensor>* preactivations = nullptr) override;
  std::size_t hidden_layers() const override { return hidden_.size(); }
  torch::nn::AnyModule& activation(std::size_t layer) override { return acts_.at(layer); }
  std::string describe() const override;

 private:
  std::vector<torch::nn::Linear> hidden_;
  std::vector<torch::nn::AnyModule> acts_;
  torch::nn::Linear output_{nullptr};
  int width_;
};

}  // namespace elu::lab
