// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "autograd_functions.h"

#include <torch/csrc/autograd/functions/basic_ops.h>

#include <string>

#include "elementwise_kernels.h"
#include "flat_layout.h"
#include "pelu_kernels.h"

namespace elu::nn::detail {
namespace {

void save_call(AutogradContext* ctx, const char* fn, const Params& p) {
  ctx->saved_data["fn"] = std::string(fn) + " (backward)";
  ctx->saved_data["alpha"] = p.alpha;
  ctx->saved_data["scale"] = p.scale;
  ctx->saved_data["input_scale"] = p.input_scale;
}

Params saved_params(AutogradContext* ctx) {
  return {ctx->saved_data["alpha"].toDouble(), ctx->saved_data["scale"].toDouble(),
          ctx->saved_data["input_scale"].toDouble()};
}

// With create_graph (grad mode on during the backward) the results would silently lack a second
// derivative; hand them out behind a node that raises if they are differentiated.
variable_list once_differentiable(variable_list results) {
  if (!at::GradMode::is_enabled()) return results;
  for (at::Tensor& r : results) {
    if (r.defined()) r = r.detach().requires_grad_(true);
  }
  torch::autograd::DelayedError error(
      "elu: the backward of elu's ops is not differentiable (no double backward)",
      static_cast<int>(results.size()));
  return error.apply(std::move(results));
}

}  // namespace

at::Tensor EluFunction::forward(AutogradContext* ctx, const char* fn, const at::Tensor& x,
                                const Params& p) {
  const at::Tensor xd = dense(x);
  at::Tensor y = detail::forward(fn, xd, p);
  save_call(ctx, fn, p);
  ctx->save_for_backward({xd});
  return y;
}

variable_list EluFunction::backward(AutogradContext* ctx, variable_list grads) {
  const std::string fn = ctx->saved_data["fn"].toStringRef();
  const at::Tensor x = ctx->get_saved_variables()[0];
  at::Tensor dx = detail::backward(fn.c_str(), grads[0], x, saved_params(ctx));
  return {at::Tensor(), once_differentiable({dx})[0], at::Tensor()};
}

at::Tensor EluInplaceFunction::forward(AutogradContext* ctx, const char* fn, at::Tensor x,
                                       const Params& p) {
  detail::forward_inplace(fn, x, p);
  ctx->mark_dirty({x});
  save_call(ctx, fn, p);
  ctx->save_for_backward({x});  // the output: x now holds f(x)
  return x;
}

variable_list EluInplaceFunction::backward(AutogradContext* ctx, variable_list grads) {
  const std::string fn = ctx->saved_data["fn"].toStringRef();
  const at::Tensor y = dense(ctx->get_saved_variables()[0]);
  at::Tensor dx = detail::backward_from_output(fn.c_str(), grads[0], y, saved_params(ctx));
  return {at::Tensor(), once_differentiable({dx})[0], at::Tensor()};
}

at::Tensor PeluFunction::forward(AutogradContext* ctx, const char* fn, const at::Tensor& x,
                                 const at::Tensor& a, const at::Tensor& b) {
  PeluForward f = pelu_forward(fn, x, a, b);
  ctx->saved_data["fn"] = std::string(fn) + " (backward)";
  ctx->saved_data["sizes"] = f.layout.sizes;
  ctx->saved_data["channels"] = f.layout.channels;
  ctx->saved_data["by_channel"] = f.layout.by_channel;
  ctx->saved_data["by_row"] = f.layout.by_row;
  ctx->save_for_backward({f.x_blocks, a, b});
  return f.y;
}

variable_list PeluFunction::backward(AutogradContext* ctx, variable_list grads) {
  const std::string fn = ctx->saved_data["fn"].toStringRef();
  const variable_list saved = ctx->get_saved_variables();
  ChannelBlocks layout;
  layout.sizes = ctx->saved_data["sizes"].toIntVector();
  layout.channels = ctx->saved_data["channels"].toInt();
  layout.by_channel = ctx->saved_data["by_channel"].toBool();
  layout.by_row = ctx->saved_data["by_row"].toBool();
  PeluGrads g = pelu_backward(fn.c_str(), grads[0], layout, saved[0], saved[1], saved[2]);
  variable_list r = once_differentiable({g.dx, g.da, g.db});
  return {at::Tensor(), r[0], r[1], r[2]};
}

}  // namespace elu::nn::detail
