// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "pelu_kernels.h"

#include <ATen/Functions.h>
#include <c10/util/Exception.h>

#include <algorithm>
#include <cmath>

#include "elu/elu.hpp"
#include "elu/nn.hpp"
#include "flat_layout.h"
#include "output_allocation.h"
#include "tensor_checks.h"
#include "torch_threads.h"

namespace elu::nn::detail {
namespace {

// The parameters as used by the forward pass: clamped to >= kPeluMin (Trottier et al. 2017).
struct Clamped {
  std::vector<double> a, b;          // raw values
  std::vector<double> a_eff, b_eff;  // max(value, kPeluMin)
  std::vector<Params> params;        // Params::pelu(a_eff, b_eff) per channel
};

// Read straight from memory: a and b are small, and tensor ops to convert them would cost more
// than the reading (a few microseconds each). Their values were checked finite at the entry.
std::vector<double> read_values(const at::Tensor& t) {
  const at::Tensor c = t.contiguous();
  std::vector<double> v(static_cast<std::size_t>(c.numel()));
  dispatch_float_double(c.scalar_type(), [&](auto type) {
    using T = decltype(type);
    const T* p = c.data_ptr<T>();
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>(p[i]);
  });
  return v;
}

Clamped clamp_params(const at::Tensor& a, const at::Tensor& b) {
  Clamped c;
  c.a = read_values(a);
  c.b = read_values(b);
  for (std::size_t i = 0; i < c.a.size(); ++i) {
    c.a_eff.push_back(std::max(c.a[i], kPeluMin));
    c.b_eff.push_back(std::max(c.b[i], kPeluMin));
    c.params.push_back(Params::pelu(c.a_eff[i], c.b_eff[i]));
  }
  return c;
}

// A per-channel vector of doubles as a new tensor shaped and typed like `like`.
at::Tensor as_param_tensor(const std::vector<double>& v, const at::Tensor& like) {
  at::Tensor t = at::empty(like.sizes(), like.options());
  dispatch_float_double(t.scalar_type(), [&](auto type) {
    using T = decltype(type);
    T* p = t.data_ptr<T>();
    for (std::size_t i = 0; i < v.size(); ++i) p[i] = static_cast<T>(v[i]);
  });
  return t;
}

}  // namespace

PeluForward pelu_forward(const char* fn, const at::Tensor& x, const at::Tensor& a,
                         const at::Tensor& b, int64_t channels) {
  const Clamped c = clamp_params(a, b);
  PeluForward out;
  out.layout = ChannelBlocks::choose(x, channels);
  out.x_blocks = out.layout.to_blocks(x);
  at::Tensor y_blocks = new_output_like(out.x_blocks);
  const int64_t len = out.layout.len();
  follow_torch_threads();
  dispatch_float_double(x.scalar_type(), [&](auto t) {
    using T = decltype(t);
    const std::span<const T> xs = flat_cspan<T>(out.x_blocks);
    const std::span<T> ys = flat_span<T>(y_blocks);
    if (out.layout.mode == BlockMode::kRows) {
      call_core(fn, [&] { elu::forward_channels(xs, ys, c.params); });
      return;
    }
    for_each_block(out.layout, [&](int64_t i) {
      call_core(fn, [&] {
        elu::forward(xs.subspan(i * len, len), ys.subspan(i * len, len), c.params[i % channels]);
      });
    });
  });
  out.y = out.layout.to_output(y_blocks, x);
  return out;
}

PeluGrads pelu_backward(const char* fn, const at::Tensor& dy, const ChannelBlocks& layout,
                        const at::Tensor& x_blocks, const at::Tensor& x, const at::Tensor& a,
                        const at::Tensor& b) {
  const Clamped c = clamp_params(a, b);
  const at::Tensor g = layout.grad_to_blocks(dy, x_blocks);
  const bool by_row = layout.mode == BlockMode::kRows;
  at::Tensor dx_blocks = new_output_like(x_blocks);
  const int64_t channels = layout.channels;
  const int64_t len = layout.len();
  // One GradSums per block, or per channel when the per-channel core call walks the rows.
  std::vector<GradSums> sums(static_cast<std::size_t>(by_row ? channels : layout.count()));
  follow_torch_threads();
  dispatch_float_double(x_blocks.scalar_type(), [&](auto t) {
    using T = decltype(t);
    const std::span<const T> gs = flat_cspan<T>(g);
    const std::span<const T> xs = flat_cspan<T>(x_blocks);
    const std::span<T> dxs = flat_span<T>(dx_blocks);
    if (by_row) {
      call_core(fn, [&] { elu::backward_with_sums_channels(gs, xs, dxs, c.params, sums); });
      return;
    }
    for_each_block(layout, [&](int64_t i) {
      sums[i] = call_core(fn, [&] {
        return elu::backward_with_sums(gs.subspan(i * len, len), xs.subspan(i * len, len),
                                       dxs.subspan(i * len, len), c.params[i % channels]);
      });
    });
  });
  // Per channel, in block order: the same result for every thread count.
  std::vector<double> da(channels, 0.0), db(channels, 0.0);
  for (std::size_t i = 0; i < sums.size(); ++i) {
    da[i % channels] += sums[i].dy_y;
    db[i % channels] += sums[i].x_dx;
  }
  for (int64_t k = 0; k < channels; ++k) {
    // dL/da = sum(dy * y) / a and dL/db = -sum(x * dx) / b at the clamped values; the clamp
    // passes the gradient only where the raw value is >= kPeluMin (torch.clamp's rule).
    da[k] = c.a[k] >= kPeluMin ? da[k] / c.a_eff[k] : 0.0;
    db[k] = c.b[k] >= kPeluMin ? -db[k] / c.b_eff[k] : 0.0;
  }
  return {layout.to_output(dx_blocks, x), as_param_tensor(da, a), as_param_tensor(db, b)};
}

}  // namespace elu::nn::detail
