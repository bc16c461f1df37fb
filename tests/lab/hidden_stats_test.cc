// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The hidden-layer statistics on a network whose pre-activations are set by hand, so every
// number has a known value.
#include <gtest/gtest.h>

#include <cmath>

#include "metrics/hidden_stats.h"
#include "models/cnn.h"
#include "models/mlp.h"
#include "models/rnn.h"

namespace elu::lab {
namespace {

// One hidden layer of 4 units with zero weights: z = bias for every image.
Mlp constant_layer(const std::string& act, std::vector<float> bias) {
  Mlp model(act, 1.0, 1, 4);
  torch::NoGradGuard no_grad;
  for (auto& p : model.named_parameters()) {
    if (p.key() == "fc0.weight") p.value().zero_();
    if (p.key() == "fc0.bias") p.value().copy_(torch::tensor(bias));
  }
  return model;
}

TEST(HiddenStats, ReluUnitsWithNegativeInputEverywhereAreDead) {
  Mlp model = constant_layer("relu", {-1.f, 1.f, -2.f, 3.f});
  const auto stats = measure_hidden_layers(model, torch::randn({20, 1, 28, 28}));
  ASSERT_EQ(stats.size(), 1u);
  EXPECT_EQ(stats[0].units, 4);
  EXPECT_DOUBLE_EQ(stats[0].dead_fraction, 0.5);
  EXPECT_NEAR(stats[0].mean, (0 + 1 + 0 + 3) / 4.0, 1e-6);
  EXPECT_NEAR(stats[0].median_unit_mean, 0.5, 1e-6);  // unit means 0, 0, 1, 3
  EXPECT_FALSE(stats[0].pelu_a.has_value());
}

TEST(HiddenStats, EluKeepsTheSameUnitsAliveUntilTheDerivativeFallsBelowTheThreshold) {
  // ELU'(z) = exp(z): 0.37 at -1 (alive), 4.5e-5 at -10 (dead by the 1e-3 rule).
  Mlp model = constant_layer("elu", {-1.f, 1.f, -10.f, 3.f});
  const auto stats = measure_hidden_layers(model, torch::randn({20, 1, 28, 28}));
  EXPECT_DOUBLE_EQ(stats[0].dead_fraction, 0.25);
  const double m1 = std::expm1(-1.0), m10 = std::expm1(-10.0);
  EXPECT_NEAR(stats[0].mean, (m1 + 1 + m10 + 3) / 4.0, 1e-6);
  EXPECT_NEAR(stats[0].median_unit_mean, (m1 + 1) / 2, 1e-6);  // sorted: m10, m1, 1, 3
}

TEST(HiddenStats, ReportsPeluParameters) {
  Mlp model = constant_layer("pelu", {-1.f, 1.f, -2.f, 3.f});
  const auto stats = measure_hidden_layers(model, torch::randn({8, 1, 28, 28}));
  ASSERT_TRUE(stats[0].pelu_a.has_value());
  EXPECT_DOUBLE_EQ(*stats[0].pelu_a, 1.0);
  EXPECT_DOUBLE_EQ(*stats[0].pelu_b, 1.0);
}

TEST(HiddenStats, CoversEveryLayerOfEveryModelAndLeavesTrainingModeAlone) {
  torch::manual_seed(0);
  Cnn cnn("elu", 1.0, 16, true);
  Rnn rnn("relu", 1.0, 8);
  const torch::Tensor images = torch::randn({300, 1, 28, 28});  // more than one 250-image chunk
  cnn.train();
  const auto cnn_stats = measure_hidden_layers(cnn, images);
  EXPECT_TRUE(cnn.is_training());
  ASSERT_EQ(cnn_stats.size(), 3u);
  EXPECT_EQ(cnn_stats[0].units, 32);
  EXPECT_EQ(cnn_stats[1].units, 64);
  EXPECT_EQ(cnn_stats[2].units, 16);
  const auto rnn_stats = measure_hidden_layers(rnn, images);
  ASSERT_EQ(rnn_stats.size(), 1u);
  EXPECT_EQ(rnn_stats[0].units, 8);
  for (const auto& s : rnn_stats) {
    EXPECT_GE(s.dead_fraction, 0.0);
    EXPECT_LE(s.dead_fraction, 1.0);
    EXPECT_GE(s.mean, 0.0);  // relu outputs are never negative
  }
}

}  // namespace
}  // namespace elu::lab
