// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu::nn's functions against LibTorch's own ELU/SELU/CELU: values, gradients, layouts, in place,
// grad mode, threads and the errors for unsupported tensors.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <cstring>
#include <span>
#include <functional>
#include <string>
#include <vector>

#include "elu/elu.hpp"
#include "elu/nn.hpp"
#include "reference.h"
#include "torch_test_util.h"

namespace elu::torch_test {
namespace {

struct Case {
  std::string name;
  std::function<at::Tensor(const at::Tensor&)> ours, theirs;
  std::function<at::Tensor&(at::Tensor&)> ours_, theirs_;
};

std::vector<Case> cases() {
  std::vector<Case> c;
  for (double alpha : {1.0, 0.5, 2.0}) {
    c.push_back({"ELU(" + std::to_string(alpha) + ")",
                 [=](const at::Tensor& x) { return elu::nn::elu(x, alpha); },
                 [=](const at::Tensor& x) { return torch::elu(x, alpha); },
                 [=](at::Tensor& x) -> at::Tensor& { return elu::nn::elu_(x, alpha); },
                 [=](at::Tensor& x) -> at::Tensor& { return torch::elu_(x, alpha); }});
  }
  c.push_back({"SELU", [](const at::Tensor& x) { return elu::nn::selu(x); },
               [](const at::Tensor& x) { return torch::selu(x); },
               [](at::Tensor& x) -> at::Tensor& { return elu::nn::selu_(x); },
               [](at::Tensor& x) -> at::Tensor& { return torch::selu_(x); }});
  for (double alpha : {0.7, 2.0}) {
    c.push_back({"CELU(" + std::to_string(alpha) + ")",
                 [=](const at::Tensor& x) { return elu::nn::celu(x, alpha); },
                 [=](const at::Tensor& x) { return torch::celu(x, alpha); },
                 [=](at::Tensor& x) -> at::Tensor& { return elu::nn::celu_(x, alpha); },
                 [=](at::Tensor& x) -> at::Tensor& { return torch::celu_(x, alpha); }});
  }
  return c;
}

const at::ScalarType kTypes[] = {at::kFloat, at::kDouble};

// Gradient parity tolerance: LibTorch's CELU gradient is float-accurate even in double (see
// CeluDoubleGradientIsExact), so CELU in double is compared at float's tolerance.
Tol grad_tol(const Case& c, at::ScalarType t) {
  return c.name.rfind("CELU", 0) == 0 ? tol_for(at::kFloat) : tol_for(t);
}

// dL/dx for L = sum(f(x) * w), with x a fresh leaf.
at::Tensor grad_of(const std::function<at::Tensor(const at::Tensor&)>& f, const at::Tensor& x0,
                   const at::Tensor& w) {
  at::Tensor x = x0.detach().clone().requires_grad_(true);
  (f(x) * w).sum().backward();
  return x.grad();
}

TEST(TorchFunctional, ForwardMatchesLibTorch) {
  for (const Case& c : cases()) {
    for (at::ScalarType t : kTypes) {
      SCOPED_TRACE(c.name + " " + std::string(c10::toString(t)));
      const at::Tensor x = test_input(t);
      const at::Tensor y = c.ours(x);
      EXPECT_EQ(y.scalar_type(), t);
      EXPECT_TRUE(AllClose(y, c.theirs(x), tol_for(t)));
    }
  }
}

TEST(TorchFunctional, GradientMatchesLibTorch) {
  for (const Case& c : cases()) {
    for (at::ScalarType t : kTypes) {
      SCOPED_TRACE(c.name + " " + std::string(c10::toString(t)));
      // LibTorch gives dx = dy for a NaN input (its test x <= 0 fails); ours propagates the NaN,
      // which GradientOfNaNIsNaN checks. Compare everywhere else.
      const at::Tensor x = test_input(t).nan_to_num(0.0, INFINITY, -INFINITY);
      const at::Tensor w = at::rand_like(x) + 0.5;
      EXPECT_TRUE(AllClose(grad_of(c.ours, x, w), grad_of(c.theirs, x, w), grad_tol(c, t)));
    }
  }
}

// LibTorch 1.13's CELU backward rounds alpha to float before forming 1/alpha (measured: at x = -1,
// alpha = 0.7 it gives exp(-1/0.7f) = 0.23965103469 instead of 0.23965103644), so in double its
// gradient is only float-accurate; ours matches the exact derivative exp(x/alpha).
TEST(TorchFunctional, CeluDoubleGradientIsExact) {
  const double alpha = 0.7;
  const at::Tensor x = test_input(at::kDouble).nan_to_num(0.0, 1e3, -1e3);
  const at::Tensor w = at::rand_like(x) + 0.5;
  const at::Tensor exact = at::where(x > 0, w, w * at::exp(x / alpha));
  EXPECT_TRUE(AllClose(grad_of([&](const at::Tensor& v) { return elu::nn::celu(v, alpha); }, x, w),
                       exact, {1e-14, 1e-300}));
  const at::Tensor libtorch =
      grad_of([&](const at::Tensor& v) { return torch::celu(v, alpha); }, x, w);
  EXPECT_FALSE(AllClose(libtorch, exact, {1e-12, 1e-300}))
      << "LibTorch's CELU gradient became exact";
}

TEST(TorchFunctional, GradientOfNaNIsNaN) {
  const at::Tensor x = at::tensor({NAN, -1.0, 1.0});
  const at::Tensor g =
      grad_of([](const at::Tensor& v) { return elu::nn::elu(v); }, x, at::ones_like(x));
  EXPECT_TRUE(std::isnan(g[0].item<float>()));
  EXPECT_FLOAT_EQ(g[2].item<float>(), 1.0f);
}

TEST(TorchFunctional, NonContiguousInputs) {
  for (const Case& c : cases()) {
    for (at::ScalarType t : kTypes) {
      SCOPED_TRACE(c.name + " " + std::string(c10::toString(t)));
      const at::Tensor base = test_input(t, 40, 66).nan_to_num(0.0, 1e3, -1e3);
      const at::Tensor views[] = {
          base.t(),                                                         // dense, permuted
          base.slice(1, 0, 66, 3),                                          // strided columns
          base.reshape({40, 6, 11}).permute({2, 0, 1}).slice(0, 1, 11, 2),  // both
          base.select(1, 5),                                                // one column, stride 66
      };
      for (const at::Tensor& v : views) {
        EXPECT_TRUE(AllClose(c.ours(v), c.theirs(v), tol_for(t)));
        const at::Tensor w = at::rand_like(v);
        EXPECT_TRUE(AllClose(grad_of(c.ours, v, w), grad_of(c.theirs, v, w), grad_tol(c, t)));
      }
    }
  }
}

TEST(TorchFunctional, DenseOutputKeepsInputLayout) {
  const at::Tensor x = at::randn({8, 16}).t();
  const at::Tensor y = elu::nn::elu(x);
  EXPECT_EQ(y.strides(), x.strides());
  const at::Tensor cl = at::randn({2, 3, 4, 5}).contiguous(at::MemoryFormat::ChannelsLast);
  EXPECT_TRUE(elu::nn::selu(cl).is_contiguous(at::MemoryFormat::ChannelsLast));
}

// LibTorch 1.13 computes exp(x) - 1, which cancels near 0; ours uses an expm1 and stays within
// 1 ULP. Against the exact value: ours <= 1 ULP, LibTorch's is off by millions of ULP here.
TEST(TorchFunctional, MoreAccurateThanLibTorchNearZero) {
  const std::vector<float> xs = {-1e-7f, -3e-8f, -1.5e-6f, -2e-5f};
  const at::Tensor x = at::tensor(xs);
  const at::Tensor ours = elu::nn::elu(x), theirs = torch::elu(x);
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double exact = elu::reference::forward(xs[i], Params::elu(1.0));
    const double ours_ulp = elu::reference::ulp_error(ours[i].item<float>(), exact);
    const double theirs_ulp = elu::reference::ulp_error(theirs[i].item<float>(), exact);
    EXPECT_LE(ours_ulp, 1.0) << "x = " << xs[i];
    EXPECT_GT(theirs_ulp, 100.0) << "x = " << xs[i] << " (LibTorch became accurate here?)";
  }
}

TEST(TorchFunctional, InPlaceWritesIntoItsArgument) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.name);
    at::Tensor x = test_input(at::kFloat);
    const at::Tensor want = c.theirs(x);
    const void* data = x.data_ptr();
    const auto version = x._version();
    at::Tensor& r = c.ours_(x);
    EXPECT_TRUE(r.is_same(x));
    EXPECT_EQ(x.data_ptr(), data);
    EXPECT_GT(x._version(), version);
    EXPECT_TRUE(AllClose(x, want, tol_for(at::kFloat)));
  }
}

TEST(TorchFunctional, InPlaceOnStridedViewTouchesOnlyTheView) {
  at::Tensor base = at::randn({10, 12});
  const at::Tensor before = base.clone();
  at::Tensor view = base.slice(1, 0, 12, 2);  // every other column: not dense
  elu::nn::elu_(view, 0.5);
  EXPECT_TRUE(AllClose(view, torch::elu(before.slice(1, 0, 12, 2), 0.5), tol_for(at::kFloat)));
  EXPECT_TRUE(base.slice(1, 1, 12, 2).equal(before.slice(1, 1, 12, 2)));
}

TEST(TorchFunctional, InPlaceGradientMatchesLibTorch) {
  for (const Case& c : cases()) {
    for (at::ScalarType t : kTypes) {
      SCOPED_TRACE(c.name + " " + std::string(c10::toString(t)));
      // Far below zero the output rounds to -scale*alpha and an output-based backward gives 0,
      // for LibTorch as for us; keep x where f' is recoverable.
      const at::Tensor x = test_input(t).nan_to_num(0.0, 50.0, -5.0).clamp(-5.0, 50.0);
      const at::Tensor w = at::rand_like(x) + 0.5;
      auto through = [&](const std::function<at::Tensor&(at::Tensor&)>& f) {
        at::Tensor leaf = x.clone().requires_grad_(true);
        at::Tensor h = leaf * 1.0;  // in place needs a non-leaf
        f(h);
        EXPECT_NE(h.grad_fn(), nullptr);
        (h * w).sum().backward();
        return leaf.grad();
      };
      EXPECT_TRUE(AllClose(through(c.ours_), through(c.theirs_), grad_tol(c, t)));
    }
  }
}

TEST(TorchFunctional, InPlaceRefusalsLeaveTheTensorUntouched) {
  at::Tensor leaf = at::randn({5}).requires_grad_(true);
  const at::Tensor before = leaf.detach().clone();
  EXPECT_THROW(elu::nn::elu_(leaf), c10::Error);
  at::Tensor leaf_view = leaf.slice(0, 1, 3);
  EXPECT_THROW(elu::nn::elu_(leaf_view), c10::Error);
  at::Tensor h = leaf * 1.0;
  try {
    elu::nn::elu_(h, -0.5);
    ADD_FAILURE() << "in place with alpha < 0 under autograd did not raise";
  } catch (const c10::Error& e) {
    EXPECT_NE(std::string(e.what()).find("negative alpha"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(h.detach().equal(before));
  EXPECT_TRUE(leaf.detach().equal(before));
  at::Tensor expanded = at::zeros({1}).expand({4});  // 4 elements share one memory location
  EXPECT_THROW(elu::nn::elu_(expanded), c10::Error);
  at::Tensor x = at::randn({6});
  const at::Tensor x0 = x.clone();
  EXPECT_THROW(elu::nn::elu_(x, NAN), c10::Error);  // rejected by the core before writing
  EXPECT_TRUE(x.equal(x0));
}

TEST(TorchFunctional, InPlaceWithNegativeAlphaIsFineWithoutAutograd) {
  at::Tensor x = at::randn({50});
  const at::Tensor want = torch::elu(x, -0.5);
  elu::nn::elu_(x, -0.5);
  EXPECT_TRUE(AllClose(x, want, tol_for(at::kFloat)));
  at::Tensor leaf = at::randn({5}).requires_grad_(true);
  {
    torch::NoGradGuard no_grad;  // as LibTorch: a leaf may be updated in place under no_grad
    EXPECT_NO_THROW(elu::nn::elu_(leaf, -0.5));
  }
}

TEST(TorchFunctional, NoAutogradNodeWhenNothingIsRecorded) {
  const at::Tensor x = at::randn({4, 4}).requires_grad_(true);
  {
    torch::NoGradGuard no_grad;
    const at::Tensor y = elu::nn::elu(x);
    EXPECT_EQ(y.grad_fn(), nullptr);
    EXPECT_FALSE(y.requires_grad());
  }
  EXPECT_EQ(elu::nn::elu(x.detach()).grad_fn(), nullptr);
  const at::Tensor y = elu::nn::celu(x, 0.5);
  ASSERT_NE(y.grad_fn(), nullptr);
  EXPECT_NE(y.grad_fn()->name().find("EluBackward"), std::string::npos) << y.grad_fn()->name();
  {
    c10::InferenceMode guard;
    const at::Tensor z = elu::nn::selu(at::randn({3}));
    EXPECT_TRUE(z.is_inference());
  }
}

// A gradient computed with create_graph is differentiable again, and its derivative is LibTorch's.
TEST(TorchFunctional, SecondDerivativesMatchLibTorch) {
  const at::Tensor x0 = at::randn({40}, at::kDouble) * 3;
  using Fn = std::function<at::Tensor(const at::Tensor&)>;
  const std::pair<Fn, Fn> pairs[] = {{[](const at::Tensor& t) { return elu::nn::elu(t, 0.7); },
                                      [](const at::Tensor& t) { return torch::elu(t, 0.7); }},
                                     {[](const at::Tensor& t) { return elu::nn::selu(t); },
                                      [](const at::Tensor& t) { return torch::selu(t); }},
                                     {[](const at::Tensor& t) { return elu::nn::celu(t, 2.0); },
                                      [](const at::Tensor& t) { return torch::celu(t, 2.0); }},
                                     {[](const at::Tensor& t) {
                                        at::Tensor c = t.clone();
                                        return elu::nn::elu_(c, 0.7);
                                      },
                                      [](const at::Tensor& t) {
                                        at::Tensor c = t.clone();
                                        return torch::elu_(c, 0.7);
                                      }}};
  for (const auto& [ours, theirs] : pairs) {
    auto second = [&](const Fn& f) {
      const at::Tensor x = x0.clone().requires_grad_(true);
      const at::Tensor g = torch::autograd::grad({f(x).sum()}, {x}, {}, true, true)[0];
      return torch::autograd::grad({(g * g).sum()}, {x})[0];
    };
    EXPECT_TRUE(AllClose(second(ours), second(theirs), {1e-6, 1e-9}));  // torch's CELU: float
  }
}

TEST(TorchFunctional, ShapesWithoutElements) {
  const at::Tensor empty = at::randn({0, 3});
  EXPECT_EQ(elu::nn::elu(empty).sizes(), empty.sizes());
  const at::Tensor scalar = at::scalar_tensor(-2.0, at::kDouble);
  EXPECT_DOUBLE_EQ(elu::nn::elu(scalar).item<double>(), std::expm1(-2.0));
  EXPECT_EQ(elu::nn::elu(scalar).dim(), 0);
}

// Outputs of 32 MiB and more are advised onto huge pages (torch/output_allocation.h); they
// must still be ordinary, correct tensors, forward and backward.
TEST(TorchFunctional, LargeOutputsOnHugePages) {
  const at::Tensor x = at::randn({128, 65536});  // 32 MiB
  at::Tensor leaf = x.clone().requires_grad_(true);
  const at::Tensor y = elu::nn::elu(leaf);
  ASSERT_GE(y.nbytes(), std::size_t{32} << 20);
  const at::Tensor dy = at::rand_like(x);
  y.backward(dy);
  // Bit for bit what the core writes into memory of its own.
  at::Tensor want_y = at::empty_like(x), want_dx = at::empty_like(x);
  const auto n = static_cast<std::size_t>(x.numel());
  elu::forward({x.data_ptr<float>(), n}, {want_y.data_ptr<float>(), n});
  elu::backward({dy.data_ptr<float>(), n}, {x.data_ptr<float>(), n},
                {want_dx.data_ptr<float>(), n});
  EXPECT_TRUE(y.equal(want_y));
  EXPECT_TRUE(leaf.grad().equal(want_dx));
}

TEST(TorchFunctional, ThreadsFollowLibTorch) {
  const int saved = at::get_num_threads();
  for (int n : {2, 1}) {
    at::set_num_threads(n);
    elu::nn::elu(at::randn({16}));
    EXPECT_EQ(elu::num_threads(), n);
  }
  at::set_num_threads(saved);
}

// A count set with elu::set_num_threads wins over LibTorch's, and following LibTorch never
// overwrites it.
TEST(TorchFunctional, ThreadsSetForEluAreRespected) {
  const int saved = at::get_num_threads();
  elu::set_num_threads(1);
  at::set_num_threads(2);
  elu::nn::elu(at::randn({16}));
  EXPECT_EQ(elu::num_threads(), 1);
  elu::set_num_threads(0);  // back to following LibTorch
  elu::nn::elu(at::randn({16}));
  EXPECT_EQ(elu::num_threads(), 2);
  at::set_num_threads(saved);
}

TEST(TorchFunctional, ResultsDoNotDependOnTheThreadCount) {
  const at::Tensor x = at::randn({3, 400000});  // big enough for the core to split it
  const int saved = at::get_num_threads();
  at::set_num_threads(1);
  const at::Tensor one = elu::nn::selu(x);
  at::set_num_threads(2);
  const at::Tensor two = elu::nn::selu(x);
  at::set_num_threads(saved);
  EXPECT_TRUE(one.equal(two));
}

// bf16 and f16 tensors run the core's 16-bit kernels (computed in float, rounded once).
// Bound: within one unit of the 16-bit type's precision of the exact value (relative 2^-7 for
// bf16, 2^-10 for f16, or the smallest subnormal), forward and gradient, in place too.
TEST(TorchFunctional, SixteenBitTensors) {
  struct Type {
    at::ScalarType t;
    double rel, abs;
  };
  for (const Type& ty :
       {Type{at::kBFloat16, 0x1p-7, 0x1p-133}, Type{at::kHalf, 0x1p-10, 0x1p-24}}) {
    SCOPED_TRACE(c10::toString(ty.t));
    const double alpha = 0.5;
    const at::Tensor x = test_input(at::kDouble).nan_to_num(0.0, 100.0, -100.0).to(ty.t);
    const at::Tensor xd = x.to(at::kDouble);  // exactly the 16-bit values
    auto within_one_unit = [&](const at::Tensor& got, const at::Tensor& exact) {
      EXPECT_EQ(got.scalar_type(), ty.t);
      const at::Tensor err = (got.to(at::kDouble) - exact).abs();
      const at::Tensor bound = at::clamp_min(exact.abs() * ty.rel, ty.abs);
      EXPECT_TRUE((err <= bound).all().item<bool>())
          << "worst excess " << (err - bound).max().item<double>();
    };
    const at::Tensor exact_y = at::where(xd > 0, xd, alpha * at::expm1(xd));
    within_one_unit(elu::nn::elu(x, alpha), exact_y);
    at::Tensor xi = x.clone();
    elu::nn::elu_(xi, alpha);
    within_one_unit(xi, exact_y);

    const at::Tensor dy = (at::rand_like(xd) + 0.5).to(ty.t);
    at::Tensor leaf = x.clone().requires_grad_(true);
    elu::nn::elu(leaf, alpha).backward(dy);
    const at::Tensor exact_dx =
        dy.to(at::kDouble) * at::where(xd > 0, at::ones_like(xd), alpha * at::exp(xd));
    within_one_unit(leaf.grad(), exact_dx);
  }
}

// Each message has to name what is wrong, so check the text as well as the type.
void expect_error_naming(const std::function<void()>& call, const std::string& words) {
  try {
    call();
    ADD_FAILURE() << "no error; expected one naming " << words;
  } catch (const c10::Error& e) {
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  }
}

TEST(TorchFunctional, UnsupportedTensorsRaiseNamingWhy) {
  expect_error_naming([] { elu::nn::elu(at::arange(4)); }, "Long");
  expect_error_naming([] { elu::nn::selu(at::ones({3}, at::kInt)); }, "Int");
  expect_error_naming([] { elu::nn::elu(at::ones({3}, at::kComplexFloat)); }, "ComplexFloat");
  expect_error_naming([] { elu::nn::elu(at::empty({3}, at::Device(at::kMeta))); }, "meta");
  expect_error_naming([] { elu::nn::elu(at::eye(3).to_sparse()); }, "Sparse");
  expect_error_naming([] { elu::nn::elu(at::Tensor()); }, "undefined");
  expect_error_naming([] { elu::nn::celu(at::ones({3}), 0.0); }, "alpha must be > 0");
  expect_error_naming([] { elu::nn::elu(at::ones({3}), INFINITY); },
                      "elu::nn::elu: alpha must be finite");
  // One prefix: the adapter's, never the core's behind it.
  try {
    elu::nn::elu(at::ones({3}, at::kFloat), 1e300);
    ADD_FAILURE() << "no error for alpha = 1e300 in float";
  } catch (const c10::Error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find("elu::forward"), std::string::npos) << what;
    EXPECT_NE(what.find("elu::nn::elu: scale*alpha"), std::string::npos) << what;
  }
  at::Tensor i = at::arange(4);
  expect_error_naming([&] { elu::nn::elu_(i); }, "Long");
}

// CorrectlyRoundedGuard: float32 calls made under it equal the core's correctly rounded kernels
// bit for bit, forward and backward, even when the backward runs after the guard has ended.
TEST(CorrectlyRounded, GuardSelectsTheCorrectlyRoundedKernels) {
  const at::Tensor x0 = torch::randn({64, 257}, torch::kFloat) * 4;
  const std::span<const float> xs(x0.data_ptr<float>(), x0.numel());
  std::vector<float> want_y(xs.size()), want_dx(xs.size()), default_y(xs.size());
  const std::vector<float> ones(xs.size(), 1.0f);
  const Params p = Params::celu(0.7);
  elu::forward_correctly_rounded(xs, std::span<float>(want_y), p);
  elu::backward_correctly_rounded(std::span<const float>(ones), xs, std::span<float>(want_dx), p);
  elu::forward(xs, std::span<float>(default_y), p);
  auto same_bits = [](const at::Tensor& t, const std::vector<float>& v) {
    return std::memcmp(t.contiguous().data_ptr<float>(), v.data(), v.size() * sizeof(float)) == 0;
  };
  EXPECT_FALSE(elu::nn::correctly_rounded_enabled());
  at::Tensor x = x0.clone().requires_grad_(true);
  at::Tensor y;
  {
    elu::nn::CorrectlyRoundedGuard exact;
    EXPECT_TRUE(elu::nn::correctly_rounded_enabled());
    {
      elu::nn::CorrectlyRoundedGuard off(false);  // nesting restores the outer setting
      EXPECT_FALSE(elu::nn::correctly_rounded_enabled());
    }
    EXPECT_TRUE(elu::nn::correctly_rounded_enabled());
    y = elu::nn::CELU(torch::nn::CELUOptions().alpha(0.7))->forward(x);
    EXPECT_TRUE(same_bits(y.detach(), want_y));
    torch::NoGradGuard no_grad;
    EXPECT_TRUE(same_bits(elu::nn::celu(x0, 0.7), want_y));
  }
  EXPECT_FALSE(elu::nn::correctly_rounded_enabled());
  y.sum().backward();  // after the guard: the node kept the forward call's choice
  EXPECT_TRUE(same_bits(x.grad(), want_dx));
  // Without the guard: the default kernels (which differ from the correctly rounded ones in some
  // last bits on this input, or the test would show nothing).
  EXPECT_TRUE(same_bits(elu::nn::celu(x0, 0.7), default_y));
  EXPECT_FALSE(same_bits(elu::nn::celu(x0, 0.7), want_y));
  // float64 is unaffected.
  const at::Tensor xd = x0.to(torch::kDouble);
  at::Tensor exact_d;
  {
    elu::nn::CorrectlyRoundedGuard exact;
    exact_d = elu::nn::celu(xd, 0.7);
  }
  EXPECT_TRUE(torch::equal(exact_d, elu::nn::celu(xd, 0.7)));
}

}  // namespace
}  // namespace elu::torch_test
