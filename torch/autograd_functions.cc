// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "autograd_functions.h"

#include <ATen/Functions.h>
#include <c10/core/GradMode.h>
#include <torch/csrc/autograd/functions/utils.h>

#include <string>

#include "differentiable_formulas.h"
#include "elu/nn.hpp"
#include "elementwise_kernels.h"
#include "flat_layout.h"
#include "pelu_kernels.h"

namespace elu::nn::detail {
namespace {

void save_call(AutogradContext* ctx, const char* fn, const Params& p) {
  ctx->saved_data["fn"] = std::string(fn);
  ctx->saved_data["p"] = std::vector<double>{p.alpha, p.scale, p.input_scale};
}

Params saved_params(AutogradContext* ctx) {
  const auto v = ctx->saved_data["p"].toDoubleVector();
  return {v[0], v[1], v[2]};
}

}  // namespace

namespace {

struct EluBackward final : torch::autograd::Node {
  torch::autograd::SavedVariable x;
  Params p;
  const char* fn = "";
  bool correctly_rounded = false;  // the mode of the forward call

  variable_list apply(variable_list&& grads) override {
    const at::Tensor& dy = grads[0];
    if (!dy.defined()) return {at::Tensor()};
    const at::Tensor saved = x.unpack(shared_from_this());
    if (at::GradMode::is_enabled()) return {dy.mul(elu_derivative(saved, p))};
    return {detail::backward(fn, dy, dense(saved), p, correctly_rounded)};
  }
  std::string name() const override { return "EluBackward"; }
  void release_variables() override { x.reset_data(); }
};

}  // namespace

at::Tensor elu_with_autograd(const char* fn, const at::Tensor& x, const Params& p) {
  at::Tensor y;
  {
    at::NoGradGuard no_grad;  // a copy to a dense layout needs no history of its own
    y = detail::forward(fn, x, p, correctly_rounded_enabled());
  }
  auto node = std::shared_ptr<EluBackward>(new EluBackward(), torch::autograd::deleteNode);
  node->set_next_edges(torch::autograd::collect_next_edges(x));
  // x itself (not a dense copy of it): a double backward must reach x's own history.
  node->x = torch::autograd::SavedVariable(x, /*is_output=*/false);
  node->p = p;
  node->fn = fn;
  node->correctly_rounded = correctly_rounded_enabled();
  torch::autograd::set_history(y, node);
  return y;
}

at::Tensor EluInplaceFunction::forward(AutogradContext* ctx, const char* fn, at::Tensor x,
                                       const Params& p) {
  detail::forward_inplace(fn, x, p, correctly_rounded_enabled());
  ctx->mark_dirty({x});
  save_call(ctx, fn, p);
  ctx->save_for_backward({x});  // the output: x now holds f(x)
  return x;
}

variable_list EluInplaceFunction::backward(AutogradContext* ctx, variable_list grads) {
  const at::Tensor& dy = grads[0];
  if (!dy.defined()) return {at::Tensor(), at::Tensor(), at::Tensor()};
  const at::Tensor y = ctx->get_saved_variables()[0];
  const Params p = saved_params(ctx);
  if (at::GradMode::is_enabled()) {
    return {at::Tensor(), dy.mul(elu_derivative_from_output(y, p)), at::Tensor()};
  }
  const std::string fn = ctx->saved_data["fn"].toStringRef();
  return {at::Tensor(), detail::backward_from_output(fn.c_str(), dy, dense(y), p), at::Tensor()};
}

at::Tensor PeluFunction::forward(AutogradContext* ctx, const char* fn, const at::Tensor& x,
                                 const at::Tensor& a, const at::Tensor& b, int64_t channels) {
  PeluForward f = pelu_forward(fn, x, a, b, channels);
  ctx->saved_data["fn"] = std::string(fn);
  ctx->saved_data["channels"] = f.layout.channels;
  ctx->saved_data["mode"] = static_cast<int64_t>(f.layout.mode);
  // x_blocks is x itself unless the layout needed a copy.
  ctx->save_for_backward({x, f.x_blocks, a, b});
  return f.y;
}

variable_list PeluFunction::backward(AutogradContext* ctx, variable_list grads) {
  const at::Tensor& dy = grads[0];
  if (!dy.defined()) return {at::Tensor(), at::Tensor(), at::Tensor(), at::Tensor(), at::Tensor()};
  const variable_list saved = ctx->get_saved_variables();
  const at::Tensor &x = saved[0], &x_blocks = saved[1], &a = saved[2], &b = saved[3];
  if (at::GradMode::is_enabled()) {
    // create_graph: the same gradients through PELU written with LibTorch ops, for inputs that
    // need one, so that they can be differentiated again.
    variable_list inputs;
    for (const at::Tensor& t : {x, a, b}) {
      if (t.requires_grad()) inputs.push_back(t);
    }
    variable_list found;
    if (!inputs.empty()) {
      found = torch::autograd::grad({pelu_composite(x, a, b)}, inputs, {dy},
                                    /*retain_graph=*/true, /*create_graph=*/true,
                                    /*allow_unused=*/true);
    }
    variable_list out{at::Tensor()};
    std::size_t next = 0;
    for (const at::Tensor& t : {x, a, b})
      out.push_back(t.requires_grad() ? found[next++] : at::Tensor());
    out.push_back(at::Tensor());
    return out;
  }
  const std::string fn = ctx->saved_data["fn"].toStringRef();
  ChannelBlocks layout;
  layout.sizes = x.sizes().vec();
  layout.channels = ctx->saved_data["channels"].toInt();
  layout.mode = static_cast<BlockMode>(ctx->saved_data["mode"].toInt());
  PeluGrads g = pelu_backward(fn.c_str(), dy, layout, x_blocks, x, a, b);
  return {at::Tensor(), g.dx, g.da, g.db, at::Tensor()};
}

}  // namespace elu::nn::detail
