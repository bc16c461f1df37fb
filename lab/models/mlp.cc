// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "models/mlp.h"

#include "data/dataset_layout.h"
#include "models/activation.h"
#include "models/init.h"

namespace elu::lab {

Mlp::Mlp(const std::string& act, double alpha, int depth, int width) : width_(width) {
  int64_t in = static_cast<int64_t>(kImageSide * kImageSide);
  for (int i = 0; i < depth; ++i) {
    auto layer = register_module("fc" + std::to_string(i), torch::nn::Linear(in, width));
    init_fan_in_normal(layer->weight, act);
    torch::NoGradGuard no_grad;
    layer->bias.zero_();
    hidden_.push_back(layer);
    acts_.push_back(make_activation(act, alpha));
    register_module("act" + std::to_string(i), acts_.back().ptr());
    in = width;
  }
  output_ = register_module("out", torch::nn::Linear(in, static_cast<int64_t>(kClasses)));
  init_fan_in_normal(output_->weight, act);
  torch::NoGradGuard no_grad;
  output_->bias.zero_();
}

torch::Tensor Mlp::forward(const torch::Tensor& images,
                           std::vector<torch::Tensor>* preactivations) {
  torch::Tensor x = images.flatten(1);
  for (std::size_t i = 0; i < hidden_.size(); ++i) {
    torch::Tensor z = hidden_[i]->forward(x);
    if (preactivations != nullptr) preactivations->push_back(z);
    x = acts_[i].forward(z);
  }
  return output_->forward(x);
}

std::string Mlp::describe() const {
  return "784 -> " + std::to_string(hidden_.size()) + " x " + std::to_string(width_) + " -> 10";
}

}  // namespace elu::lab
