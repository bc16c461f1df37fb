// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "models/cnn.h"

#include <torch/nn/functional/pooling.h>

#include "data/dataset_layout.h"
#include "models/activation.h"
#include "models/init.h"

namespace elu::lab {
namespace {

// 28 -> conv3 26 -> pool 13 -> conv3 11 -> pool 5: 64 channels of 5x5 reach the dense layer.
constexpr int64_t kFlatFeatures = 64 * 5 * 5;

template <typename Layer>
void init_layer(Layer& layer, const std::string& act) {
  init_fan_in_normal(layer->weight, act);
  torch::NoGradGuard no_grad;
  layer->bias.zero_();
}

}  // namespace

Cnn::Cnn(const std::string& act, double alpha, int width, bool batchnorm)
    : width_(width), batchnorm_(batchnorm) {
  conv1_ = register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 32, 3)));
  conv2_ = register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(32, 64, 3)));
  fc_ = register_module("fc", torch::nn::Linear(kFlatFeatures, width));
  output_ = register_module("out", torch::nn::Linear(width, static_cast<int64_t>(kClasses)));
  init_layer(conv1_, act);
  init_layer(conv2_, act);
  init_layer(fc_, act);
  init_layer(output_, act);
  if (batchnorm_) {
    bn1_ = register_module("bn1", torch::nn::BatchNorm2d(32));
    bn2_ = register_module("bn2", torch::nn::BatchNorm2d(64));
    bn3_ = register_module("bn3", torch::nn::BatchNorm1d(width));
  }
  for (int i = 0; i < 3; ++i) {
    acts_.push_back(make_activation(act, alpha));
    register_module("act" + std::to_string(i), acts_.back().ptr());
  }
}

torch::Tensor Cnn::forward(const torch::Tensor& images,
                           std::vector<torch::Tensor>* preactivations) {
  auto hidden = [&](std::size_t i, torch::Tensor z) {
    if (preactivations != nullptr) preactivations->push_back(z);
    return acts_[i].forward(z);
  };
  namespace F = torch::nn::functional;
  torch::Tensor z = conv1_->forward(images);
  if (batchnorm_) z = bn1_->forward(z);
  torch::Tensor x = F::max_pool2d(hidden(0, z), F::MaxPool2dFuncOptions(2));
  z = conv2_->forward(x);
  if (batchnorm_) z = bn2_->forward(z);
  x = F::max_pool2d(hidden(1, z), F::MaxPool2dFuncOptions(2));
  z = fc_->forward(x.flatten(1));
  if (batchnorm_) z = bn3_->forward(z);
  return output_->forward(hidden(2, z));
}

std::string Cnn::describe() const {
  return std::string("conv3x3-32 -> pool -> conv3x3-64 -> pool -> fc") + std::to_string(width_) +
         " -> 10" + (batchnorm_ ? ", batch norm" : "");
}

}  // namespace elu::lab
