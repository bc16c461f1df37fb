// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The deep autoencoder of Clevert et al. (2015) section 4.2 (after Hinton and Salakhutdinov 2006):
// encoder 784-1000-500-250-30, mirrored decoder, the activation in every hidden layer (the code
// layer included) and a sigmoid output.
#pragma once

#include <torch/nn/modules/linear.h>

#include <array>

#include "models/model.h"

namespace elu::lab {

/// Hidden layer widths, input to output.
inline constexpr std::array<int, 7> kAutoencoderHidden{1000, 500, 250, 30, 250, 500, 1000};

class Autoencoder : public LabModel {
 public:
  Autoencoder(const std::string& act, double alpha);
  torch::Tensor forward(const torch::Tensor& images,
                        std::vector<torch::Tensor>* preactivations = nullptr) override;
  std::size_t hidden_layers() const override { return hidden_.size(); }
  torch::nn::AnyModule& activation(std::size_t layer) override { return acts_.at(layer); }
  std::string describe() const override;
  bool reconstructs() const override { return true; }

 private:
  std::vector<torch::nn::Linear> hidden_;
  std::vector<torch::nn::AnyModule> acts_;
  torch::nn::Linear output_{nullptr};
};

}  // namespace elu::lab
