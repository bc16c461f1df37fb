// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu::nn's modules: drop-in behaviour next to torch::nn's, PELU's parameters, dtype conversion,
// serialization and training.
#include <gtest/gtest.h>
#include <torch/torch.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "elu/nn.hpp"
#include "torch_test_util.h"

namespace elu::torch_test {
namespace {

TEST(TorchModules, BehaveLikeLibTorchs) {
  const at::Tensor x = test_input(at::kFloat).nan_to_num(0.0, 1e3, -1e3);
  const Tol t = tol_for(at::kFloat);
  EXPECT_TRUE(AllClose(elu::nn::ELU(torch::nn::ELUOptions().alpha(0.5))(x),
                       torch::nn::ELU(torch::nn::ELUOptions().alpha(0.5))(x), t));
  EXPECT_TRUE(AllClose(elu::nn::SELU()(x), torch::nn::SELU()(x), t));
  EXPECT_TRUE(AllClose(elu::nn::CELU(torch::nn::CELUOptions().alpha(1.5))(x),
                       torch::nn::CELU(torch::nn::CELUOptions().alpha(1.5))(x), t));
}

TEST(TorchModules, InplaceOptionIsHonoured) {
  const at::Tensor x0 = at::randn({7, 9});
  for (bool inplace : {false, true}) {
    SCOPED_TRACE(inplace ? "inplace" : "out of place");
    at::Tensor xe = x0.clone(), xs = x0.clone(), xc = x0.clone();
    const at::Tensor ye = elu::nn::ELU(torch::nn::ELUOptions().alpha(0.5).inplace(inplace))(xe);
    const at::Tensor ys = elu::nn::SELU(torch::nn::SELUOptions(inplace))(xs);
    const at::Tensor yc = elu::nn::CELU(torch::nn::CELUOptions().alpha(2.0).inplace(inplace))(xc);
    EXPECT_EQ(ye.is_same(xe), inplace);
    EXPECT_EQ(ys.is_same(xs), inplace);
    EXPECT_EQ(yc.is_same(xc), inplace);
    EXPECT_EQ(xe.equal(x0), !inplace);
    EXPECT_TRUE(AllClose(ye, torch::elu(x0, 0.5), tol_for(at::kFloat)));
    EXPECT_TRUE(AllClose(yc, torch::celu(x0, 2.0), tol_for(at::kFloat)));
  }
}

TEST(TorchModules, InplaceModuleInsideANetworkTrains) {
  torch::nn::Sequential net(torch::nn::Linear(4, 8),
                            elu::nn::ELU(torch::nn::ELUOptions().inplace(true)),
                            torch::nn::Linear(8, 1));
  const at::Tensor x = at::randn({16, 4});
  net->forward(x).sum().backward();
  const auto params = net->parameters();
  EXPECT_TRUE(params.front().grad().defined());
  EXPECT_GT(params.front().grad().abs().sum().item<float>(), 0.0f);
}

TEST(TorchModules, PeluRegistersParametersAandB) {
  elu::nn::PELU pelu(elu::nn::PELUOptions(6).init_a(1.5).init_b(0.5));
  const auto named = pelu->named_parameters();
  ASSERT_EQ(named.size(), 2u);
  ASSERT_TRUE(named.contains("a"));
  ASSERT_TRUE(named.contains("b"));
  EXPECT_TRUE(named["a"].equal(at::full({6}, 1.5f)));
  EXPECT_TRUE(named["b"].equal(at::full({6}, 0.5f)));
  EXPECT_TRUE(named["a"].requires_grad());
  EXPECT_TRUE(pelu->a.is_same(named["a"]));
  EXPECT_EQ(elu::nn::PELU()->a.numel(), 1);
  EXPECT_DOUBLE_EQ(elu::nn::PELU()->a.item<double>(), 1.0);
  EXPECT_THROW(elu::nn::PELU(elu::nn::PELUOptions(0)), c10::Error);
  EXPECT_THROW(elu::nn::PELU(elu::nn::PELUOptions(1).init_b(NAN)), c10::Error);
}

TEST(TorchModules, PeluForwardAndParameterGradients) {
  elu::nn::PELU pelu(elu::nn::PELUOptions(3).init_a(1.2).init_b(0.8));
  const at::Tensor x = at::randn({5, 3, 4});
  const at::Tensor y = pelu(x);
  EXPECT_TRUE(y.equal(elu::nn::pelu(x, pelu->a.detach(), pelu->b.detach())));
  y.sum().backward();
  EXPECT_EQ(pelu->a.grad().sizes(), (std::vector<int64_t>{3}));
  EXPECT_GT(pelu->a.grad().abs().min().item<float>(), 0.0f);
}

TEST(TorchModules, ToDoubleConvertsTheParameters) {
  elu::nn::PELU pelu(elu::nn::PELUOptions(2).init_a(0.7));
  const at::Tensor xd = at::randn({3, 2}, at::kDouble);
  // Float parameters, double input: torch's type promotion gives double.
  EXPECT_EQ(pelu(xd).scalar_type(), at::kDouble);
  pelu->to(torch::kDouble);
  EXPECT_EQ(pelu->a.scalar_type(), at::kDouble);
  EXPECT_EQ(pelu->named_parameters()["b"].scalar_type(), at::kDouble);
  const at::Tensor y = pelu(xd);
  EXPECT_EQ(y.scalar_type(), at::kDouble);
  elu::nn::ELU e;
  e->to(torch::kDouble);
  EXPECT_EQ(e(xd).scalar_type(), at::kDouble);
}

TEST(TorchModules, SaveAndLoadRoundTrip) {
  elu::nn::PELU saved(elu::nn::PELUOptions(4));
  {
    torch::NoGradGuard no_grad;
    saved->a.copy_(at::tensor({0.5f, 1.0f, 1.5f, 2.0f}));
    saved->b.copy_(at::tensor({2.0f, 0.25f, 1.0f, 3.0f}));
  }
  const std::string path =
      (std::filesystem::temp_directory_path() / ("elu_pelu_" + std::to_string(::getpid()) + ".pt"))
          .string();
  torch::save(saved, path);
  elu::nn::PELU loaded(elu::nn::PELUOptions(4));
  torch::load(loaded, path);
  std::filesystem::remove(path);
  EXPECT_TRUE(loaded->a.equal(saved->a));
  EXPECT_TRUE(loaded->b.equal(saved->b));
  const at::Tensor x = at::randn({2, 4, 3});
  EXPECT_TRUE(loaded(x).equal(saved(x)));

  // Through a stream too, and inside a container.
  torch::nn::Sequential net(torch::nn::Linear(3, 4), elu::nn::PELU(elu::nn::PELUOptions(4)));
  std::stringstream buffer;
  torch::save(net, buffer);
  torch::nn::Sequential net2(torch::nn::Linear(3, 4), elu::nn::PELU(elu::nn::PELUOptions(4)));
  torch::load(net2, buffer);
  const at::Tensor xin = at::randn({5, 3});
  EXPECT_TRUE(net2->forward(xin).equal(net->forward(xin)));
}

TEST(TorchModules, CloneCopiesParameters) {
  elu::nn::PELU pelu(elu::nn::PELUOptions(2).init_a(0.9));
  auto copy = std::dynamic_pointer_cast<elu::nn::PELUImpl>(pelu->clone());
  ASSERT_NE(copy, nullptr);
  EXPECT_TRUE(copy->a.equal(pelu->a));
  EXPECT_NE(copy->a.data_ptr(), pelu->a.data_ptr());
}

TEST(TorchModules, PrettyPrint) {
  std::ostringstream s;
  s << *elu::nn::ELU(torch::nn::ELUOptions().alpha(0.5).inplace(true)) << " "
    << *elu::nn::PELU(elu::nn::PELUOptions(3));
  EXPECT_EQ(
      s.str(),
      "elu::nn::ELU(alpha=0.5, inplace=true) elu::nn::PELU(num_parameters=3, init_a=1, init_b=1)");
}

TEST(TorchModules, PeluTrainsWithSgd) {
  at::manual_seed(0);
  torch::nn::Sequential net(torch::nn::Linear(8, 16), elu::nn::PELU(elu::nn::PELUOptions(16)),
                            torch::nn::Linear(16, 1));
  const at::Tensor x = at::randn({128, 8});
  const at::Tensor target = (x.slice(1, 0, 1) - x.slice(1, 1, 2)).tanh();
  torch::optim::SGD opt(net->parameters(), torch::optim::SGDOptions(0.05));
  float first = 0, last = 0;
  for (int step = 0; step < 60; ++step) {
    opt.zero_grad();
    const at::Tensor loss = torch::mse_loss(net->forward(x), target);
    loss.backward();
    opt.step();
    (step == 0 ? first : last) = loss.item<float>();
  }
  EXPECT_LT(last, 0.5f * first);
}

}  // namespace
}  // namespace elu::torch_test
