// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu::nn::pelu against PELU written with LibTorch's own ops (autograd gives its gradients):
// shared and per-channel parameters, every block layout, the clamp, determinism and errors.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <functional>
#include <string>
#include <vector>

#include "channel_blocks.h"
#include "elu/nn.hpp"
#include "torch_test_util.h"

namespace elu::torch_test {
namespace {

// PELU from LibTorch ops, with the clamp; a and b broadcast over dim 1 when per channel.
at::Tensor pelu_composed(const at::Tensor& x, const at::Tensor& a, const at::Tensor& b) {
  std::vector<int64_t> shape(x.dim(), 1);
  if (a.numel() > 1) shape[1] = a.numel();
  const at::Tensor ae = a.clamp_min(elu::nn::kPeluMin).reshape(shape);
  const at::Tensor be = b.clamp_min(elu::nn::kPeluMin).reshape(shape);
  return at::where(x >= 0, ae / be * x, ae * (at::exp(x / be) - 1));
}

struct Grads {
  at::Tensor y, dx, da, db;
};
Grads run(
    const std::function<at::Tensor(const at::Tensor&, const at::Tensor&, const at::Tensor&)>& f,
    const at::Tensor& x0, const at::Tensor& a0, const at::Tensor& b0, const at::Tensor& w) {
  at::Tensor x = x0.detach().clone().requires_grad_(true);
  at::Tensor a = a0.detach().clone().requires_grad_(true);
  at::Tensor b = b0.detach().clone().requires_grad_(true);
  at::Tensor y = f(x, a, b);
  (y * w).sum().backward();
  return {y.detach(), x.grad(), a.grad(), b.grad()};
}

void expect_matches_composed(const at::Tensor& x, const at::Tensor& a, const at::Tensor& b) {
  const at::Tensor w = at::rand_like(x) - 0.3;
  const Grads ours = run(elu::nn::pelu, x, a, b, w);
  // The reference runs in double so that its own rounding does not count against ours.
  const Grads ref = run(pelu_composed, x.to(at::kDouble), a.to(at::kDouble), b.to(at::kDouble),
                        w.to(at::kDouble));
  const Tol t = tol_for(x.scalar_type());
  EXPECT_TRUE(AllClose(ours.y, ref.y, t));
  EXPECT_TRUE(AllClose(ours.dx, ref.dx, t));
  // Parameter gradients are sums over many positions; compare relative to their size.
  const Tol sum_tol{x.scalar_type() == at::kFloat ? 1e-4 : 1e-10, t.atol};
  EXPECT_TRUE(AllClose(ours.da, ref.da, sum_tol));
  EXPECT_TRUE(AllClose(ours.db, ref.db, sum_tol));
  EXPECT_EQ(ours.da.sizes(), a.sizes());
  EXPECT_EQ(ours.db.sizes(), b.sizes());
}

at::Tensor params(std::vector<double> v, at::ScalarType t) {
  return at::tensor(v, at::TensorOptions().dtype(at::kDouble)).to(t);
}

// PELU's values and all three gradients, bit for bit, with LibTorch on 1 and on 2 threads.
void expect_same_bits_on_one_and_two_threads(const at::Tensor& x, const at::Tensor& a,
                                             const at::Tensor& b) {
  const at::Tensor w = at::randn_like(x);
  const int saved = at::get_num_threads();
  at::set_num_threads(1);
  const Grads one = run(elu::nn::pelu, x, a, b, w);
  at::set_num_threads(2);
  const Grads two = run(elu::nn::pelu, x, a, b, w);
  at::set_num_threads(saved);
  EXPECT_TRUE(one.y.equal(two.y));
  EXPECT_TRUE(one.dx.equal(two.dx));
  EXPECT_TRUE(one.da.equal(two.da));
  EXPECT_TRUE(one.db.equal(two.db));
}

const at::ScalarType kTypes[] = {at::kFloat, at::kDouble};

TEST(TorchPelu, SharedParameters) {
  for (at::ScalarType t : kTypes) {
    SCOPED_TRACE(c10::toString(t));
    const at::Tensor x = at::randn({37, 53}, at::TensorOptions().dtype(t)) * 3;
    expect_matches_composed(x, params({1.7}, t), params({0.6}, t));
    expect_matches_composed(x, params({0.4}, t).reshape({}), params({2.5}, t).reshape({}));
    expect_matches_composed(x.t(), params({1.3}, t), params({1.1}, t));  // dense, permuted
    expect_matches_composed(x.slice(1, 0, 53, 4), params({1.3}, t), params({1.1}, t));
  }
}

TEST(TorchPelu, PerChannelSmallPlanes) {
  static_assert(7 * 6 < elu::nn::detail::kMinPlaneElements, "(3, 5, 7, 6) must be regrouped");
  for (at::ScalarType t : kTypes) {
    SCOPED_TRACE(c10::toString(t));
    const at::Tensor a = params({0.5, 1.0, 1.5, 2.0, 0.8}, t);
    const at::Tensor b = params({1.2, 0.7, 2.0, 1.0, 0.3}, t);
    expect_matches_composed(at::randn({64, 5}, at::TensorOptions().dtype(t)) * 2, a, b);
    expect_matches_composed(at::randn({3, 5, 7, 6}, at::TensorOptions().dtype(t)) * 2, a, b);
    expect_matches_composed(at::randn({5, 9}, at::TensorOptions().dtype(t)).t(), a, b);
  }
}

TEST(TorchPelu, PerChannelRowsUseThePerChannelCoreCalls) {
  // A (batch, features) matrix stays as it is (elu::forward_channels walks it); a small plane
  // larger than one element is regrouped by channel.
  using elu::nn::detail::BlockMode;
  using elu::nn::detail::ChannelBlocks;
  EXPECT_EQ(ChannelBlocks::choose(at::randn({64, 5}), 5).mode, BlockMode::kRows);
  EXPECT_EQ(ChannelBlocks::choose(at::randn({3, 5, 7, 6}), 5).mode, BlockMode::kByChannel);
  // Channels-last images have the channels innermost too: rows of C, no copy.
  EXPECT_EQ(
      ChannelBlocks::choose(at::randn({3, 5, 7, 6}).contiguous(at::MemoryFormat::ChannelsLast), 5)
          .mode,
      BlockMode::kRows);
  for (at::ScalarType t : kTypes) {
    SCOPED_TRACE(c10::toString(t));
    const at::Tensor a = at::rand({131}, at::TensorOptions().dtype(t)) * 2 + 0.2;
    const at::Tensor b = at::rand({131}, at::TensorOptions().dtype(t)) * 2 + 0.2;
    expect_matches_composed(at::randn({257, 131}, at::TensorOptions().dtype(t)) * 3, a, b);
  }
  // Large enough for both threads: the same bits for any thread count.
  const at::Tensor x = at::randn({2048, 300}) * 3;
  const at::Tensor a = at::rand({300}) + 0.5, b = at::rand({300}) + 0.5;
  expect_same_bits_on_one_and_two_threads(x, a, b);
}

TEST(TorchPelu, PerChannelLargePlanes) {
  static_assert(80 * 80 >= elu::nn::detail::kMinPlaneElements, "must take the plane path");
  for (at::ScalarType t : kTypes) {
    SCOPED_TRACE(c10::toString(t));
    const at::Tensor a = params({0.5, 1.0, 1.5}, t);
    const at::Tensor b = params({1.2, 0.7, 2.0}, t);
    const at::Tensor x =
        at::randn({4, 3, 80, 80}, at::TensorOptions().dtype(t)) * 2;  // 6400 per plane
    expect_matches_composed(x, a, b);
    expect_matches_composed(x.contiguous(at::MemoryFormat::ChannelsLast), a, b);
  }
}

TEST(TorchPelu, ClampToPointOneAndItsGradient) {
  const at::Tensor x = at::randn({200}, at::kDouble) * 2;
  // Below the bound the forward uses 0.1 and no gradient reaches the raw value.
  const Grads low = run(elu::nn::pelu, x, params({0.05}, at::kDouble), params({-3.0}, at::kDouble),
                        at::ones_like(x));
  const at::Tensor at_bound =
      pelu_composed(x, params({0.1}, at::kDouble), params({0.1}, at::kDouble));
  EXPECT_TRUE(AllClose(low.y, at_bound, tol_for(at::kDouble)));
  EXPECT_EQ(low.da.item<double>(), 0.0);
  EXPECT_EQ(low.db.item<double>(), 0.0);
  // At the bound itself the gradient passes (torch.clamp's rule), so projecting the parameters
  // back to 0.1 after each optimiser step reproduces the paper's training.
  const Grads edge = run(elu::nn::pelu, x, params({0.1}, at::kDouble), params({0.1}, at::kDouble),
                         at::ones_like(x));
  EXPECT_NE(edge.da.item<double>(), 0.0);
  EXPECT_NE(edge.db.item<double>(), 0.0);
}

TEST(TorchPelu, MatchesTheCoreParamsMapping) {
  // PELU(a, b) is the core's Params::pelu(a, b): one family, one kernel.
  const at::Tensor x = at::randn({1000});
  const at::Tensor via_elu =
      torch::elu(x, /*alpha=*/1.6, /*scale=*/0.9 / 1.6, /*input_scale=*/1 / 1.6);
  EXPECT_TRUE(AllClose(elu::nn::pelu(x, at::tensor({0.9f}), at::tensor({1.6f})), via_elu,
                       tol_for(at::kFloat)));
}

TEST(TorchPelu, SameResultForAnyThreadCount) {
  const at::Tensor x = at::randn({16, 8, 64, 64});
  const at::Tensor a = at::rand({8}) + 0.5, b = at::rand({8}) + 0.5;
  expect_same_bits_on_one_and_two_threads(x, a, b);
}

TEST(TorchPelu, OnlyTheNeededNodeIsRecorded) {
  const at::Tensor x = at::randn({4, 3});
  const at::Tensor a = at::ones({3}), b = at::ones({3});
  EXPECT_EQ(elu::nn::pelu(x, a, b).grad_fn(), nullptr);
  const at::Tensor a_learn = at::ones({3}).requires_grad_(true);
  const at::Tensor y = elu::nn::pelu(x, a_learn, b);
  ASSERT_NE(y.grad_fn(), nullptr);
  y.sum().backward();
  EXPECT_TRUE(a_learn.grad().defined());
  {
    torch::NoGradGuard no_grad;
    EXPECT_EQ(elu::nn::pelu(x, a_learn, b).grad_fn(), nullptr);
  }
}

TEST(TorchPelu, EmptyInputGivesZeroParameterGradients) {
  const Grads g =
      run(elu::nn::pelu, at::randn({0, 3}), at::ones({3}), at::ones({3}), at::ones({0, 3}));
  EXPECT_EQ(g.y.sizes(), (std::vector<int64_t>{0, 3}));
  EXPECT_TRUE(g.da.equal(at::zeros({3})));
}

// The output and dx come back in x's memory format, whatever layout the blocks took.
TEST(TorchPelu, OutputsKeepTheInputMemoryFormat) {
  const at::Tensor a = at::rand({3}) + 0.5, b = at::rand({3}) + 0.5;
  for (const at::Tensor& x0 : {at::randn({2, 3, 8, 8}), at::randn({2, 3, 80, 80}),
                               at::randn({2, 3, 8, 8}).contiguous(at::MemoryFormat::ChannelsLast),
                               at::randn({2, 3, 80, 80}).contiguous(at::MemoryFormat::ChannelsLast),
                               at::randn({8, 3}), at::randn({3, 8}).t()}) {
    SCOPED_TRACE(::testing::PrintToString(x0.strides()));
    const at::Tensor x = x0.detach().requires_grad_(true);
    const at::Tensor y = elu::nn::pelu(x, a, b);
    EXPECT_EQ(y.strides(), x.strides());
    y.backward(at::ones_like(y));
    EXPECT_EQ(x.grad().strides(), x.strides());
  }
  // A non-dense view gives what LibTorch gives it: its suggested format, here channels-last.
  const at::Tensor view =
      at::randn({2, 3, 8, 16}).contiguous(at::MemoryFormat::ChannelsLast).slice(3, 0, 16, 2);
  EXPECT_TRUE(elu::nn::pelu(view, a, b).is_contiguous(at::MemoryFormat::ChannelsLast));
}

// torch's type promotion over x, a and b; a 16-bit result is computed in float and rounded once.
TEST(TorchPelu, DtypesFollowTorchTypePromotion) {
  const at::Tensor x = at::randn({6, 3}) * 3;
  const at::Tensor a = at::rand({3}) + 0.5, b = at::rand({3}) + 0.5;
  EXPECT_EQ(elu::nn::pelu(x, a.to(at::kDouble), b).scalar_type(), at::kDouble);
  for (at::ScalarType t : {at::kBFloat16, at::kHalf}) {
    SCOPED_TRACE(c10::toString(t));
    const at::Tensor xt = x.to(t);
    EXPECT_EQ(elu::nn::pelu(xt, a, b).scalar_type(), at::kFloat);
    const at::Tensor y = elu::nn::pelu(xt, a.to(t), b.to(t));
    EXPECT_EQ(y.scalar_type(), t);
    const at::Tensor want =
        pelu_composed(xt.to(at::kDouble), a.to(t).to(at::kDouble), b.to(t).to(at::kDouble)).to(t);
    EXPECT_TRUE(y.equal(want)) << (y.to(at::kDouble) - want.to(at::kDouble)).abs().max();
    at::Tensor leaf = xt.detach().requires_grad_(true);
    at::Tensor pa = a.to(t).requires_grad_(true);
    elu::nn::pelu(leaf, pa, b.to(t)).sum().backward();
    EXPECT_EQ(leaf.grad().scalar_type(), t);
    EXPECT_EQ(pa.grad().scalar_type(), t);
  }
}

void expect_error_naming(const std::function<void()>& call, const std::string& words) {
  try {
    call();
    ADD_FAILURE() << "no error; expected one naming " << words;
  } catch (const c10::Error& e) {
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  }
}

TEST(TorchPelu, BadArgumentsRaiseNamingWhy) {
  const at::Tensor x = at::randn({4, 3});
  const at::Tensor one = at::ones({1});
  expect_error_naming([&] { elu::nn::pelu(x, at::ones({3}), at::ones({2})); }, "b has 2");
  expect_error_naming([&] { elu::nn::pelu(x, at::ones({4}), at::ones({4})); }, "shape [4, 3]");
  expect_error_naming([&] { elu::nn::pelu(at::randn({3}), at::ones({3}), at::ones({3})); },
                      "number of channels");
  expect_error_naming([&] { elu::nn::pelu(x, one.to(at::kLong), one); }, "Long");
  expect_error_naming([&] { elu::nn::pelu(x.to(at::kInt), one, one); }, "Int");
  expect_error_naming([&] { elu::nn::pelu(x.to(at::kMeta), one, one); }, "meta");
  expect_error_naming([&] { elu::nn::pelu(x, at::full({1}, NAN), one); }, "finite");
  expect_error_naming([&] { elu::nn::pelu(x, one, at::empty({0})); }, "b has 0");
}

}  // namespace
}  // namespace elu::torch_test
