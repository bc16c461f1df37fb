// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "models/rnn.h"

#include <torch/nn/init.h>
#include <torch/nn/utils/clip_grad.h>

#include "data/dataset_layout.h"
#include "models/activation.h"
#include "models/init.h"

namespace elu::lab {

Rnn::Rnn(const std::string& act, double alpha, int units) : units_(units) {
  const auto side = static_cast<int64_t>(kImageSide);
  input_ = register_module("input", torch::nn::Linear(side, units));
  recurrent_ = register_module(
      "recurrent", torch::nn::Linear(torch::nn::LinearOptions(units, units).bias(false)));
  output_ = register_module("out", torch::nn::Linear(units, static_cast<int64_t>(kClasses)));
  init_fan_in_normal(input_->weight, act);
  init_fan_in_normal(output_->weight, act);
  {
    // An orthogonal U keeps the state's norm through 28 steps at the start of training,
    // where a He-scaled random U would blow it up by about sqrt(2) per step.
    torch::NoGradGuard no_grad;
    torch::nn::init::orthogonal_(recurrent_->weight);
    input_->bias.zero_();
    output_->bias.zero_();
  }
  act_ = make_activation(act, alpha);
  register_module("act", act_.ptr());
}

torch::Tensor Rnn::forward(const torch::Tensor& images,
                           std::vector<torch::Tensor>* preactivations) {
  // [n, 1, 28, 28] -> rows as steps: W x_t for every step in one matmul, [n, 28, units].
  const torch::Tensor projected = input_->forward(images.squeeze(1));
  const int64_t steps = projected.size(1);
  torch::Tensor h = torch::zeros({images.size(0), units_}, projected.options());
  std::vector<torch::Tensor> seen;
  for (int64_t t = 0; t < steps; ++t) {
    torch::Tensor z = projected.select(1, t) + recurrent_->forward(h);
    if (preactivations != nullptr) seen.push_back(z);
    h = act_.forward(z);
  }
  if (preactivations != nullptr) preactivations->push_back(torch::stack(seen, 2));
  return output_->forward(h);
}

std::string Rnn::describe() const {
  return "Elman RNN, 28 steps of 28 pixels, " + std::to_string(units_) +
         " units, readout from the last state, gradient norm clipped at 1";
}

void Rnn::before_step() { torch::nn::utils::clip_grad_norm_(parameters(), kRnnGradientClip); }

}  // namespace elu::lab
