// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "models/autoencoder.h"

#include "data/dataset_layout.h"
#include "models/activation.h"
#include "models/init.h"

namespace elu::lab {

Autoencoder::Autoencoder(const std::string& act, double alpha) {
  const auto pixels = static_cast<int64_t>(kImageSide * kImageSide);
  int64_t in = pixels;
  for (std::size_t i = 0; i < kAutoencoderHidden.size(); ++i) {
    auto layer =
        register_module("fc" + std::to_string(i), torch::nn::Linear(in, kAutoencoderHidden[i]));
    init_fan_in_normal(layer->weight, act);
    torch::NoGradGuard no_grad;
    layer->bias.zero_();
    hidden_.push_back(layer);
    acts_.push_back(make_activation(act, alpha));
    register_module("act" + std::to_string(i), acts_.back().ptr());
    in = kAutoencoderHidden[i];
  }
  output_ = register_module("out", torch::nn::Linear(in, pixels));
  init_fan_in_normal(output_->weight, act);
  torch::NoGradGuard no_grad;
  output_->bias.zero_();
}

torch::Tensor Autoencoder::forward(const torch::Tensor& images,
                                   std::vector<torch::Tensor>* preactivations) {
  torch::Tensor x = images.flatten(1);
  for (std::size_t i = 0; i < hidden_.size(); ++i) {
    torch::Tensor z = hidden_[i]->forward(x);
    if (preactivations != nullptr) preactivations->push_back(z);
    x = acts_[i].forward(z);
  }
  return torch::sigmoid(output_->forward(x));
}

std::string Autoencoder::describe() const {
  std::string shape = "784";
  for (int w : kAutoencoderHidden) shape += "-" + std::to_string(w);
  return shape + "-784, sigmoid output";
}

}  // namespace elu::lab
