// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Elman network over the 28 rows of an image: h_t = act(W x_t + U h_{t-1} + b), h_0 = 0,
// logits from the last state. The activation is the recurrent one, so its gradient flows
// through all 28 steps.
#pragma once

#include <torch/nn/modules/linear.h>

#include "models/model.h"

namespace elu::lab {

inline constexpr double kRnnGradientClip = 1.0;  // max global gradient norm

class Rnn : public LabModel {
 public:
  Rnn(const std::string& act, double alpha, int units);
  torch::Tensor forward(const torch::Tensor& images,
                        std::vector<torch::Tensor>* preactivations = nullptr) override;
  std::size_t hidden_layers() const override { return 1; }
  torch::nn::AnyModule& activation(std::size_t) override { return act_; }
  std::string describe() const override;
  void before_step() override;

 private:
  torch::nn::Linear input_{nullptr}, recurrent_{nullptr}, output_{nullptr};
  torch::nn::AnyModule act_;
  int units_;
};

}  // namespace elu::lab
