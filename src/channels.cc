// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Per-channel entry points (forward_channels, backward_with_sums_channels): one Params per
// channel of a (rows, channels) array, split over threads by whole rows.
#include <algorithm>
#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "dispatch.h"
#include "elementwise_call.h"
#include "elu/elu.hpp"
#include "kernels/kernels.h"
#include "prepare.h"

namespace elu {
namespace detail {
namespace {

// Every Params checked (the message names its index), the element count a whole number of rows.
template <typename T>
ChannelKernelParams<T> prepare_channels(const char* fn, std::span<const Params> params,
                                        std::size_t n) {
  if (params.empty()) fail(fn, "params is empty; give one Params per channel");
  if (n % params.size() != 0) {
    fail(fn, "x has " + std::to_string(n) + " elements, not a whole number of rows of " +
                 std::to_string(params.size()) + " channels");
  }
  for (std::size_t c = 0; c < params.size(); ++c) {
    try {
      check_params_for<T>(fn, params[c]);
    } catch (const std::invalid_argument& e) {
      // The same message with the channel named: "elu::<fn>: params[c]: <what>".
      const std::string prefix = std::string("elu::") + fn + ": ";
      std::string what = e.what();
      if (what.rfind(prefix, 0) == 0) what.erase(0, prefix.size());
      fail(fn, "params[" + std::to_string(c) + "]: " + what);
    }
  }
  apply_target_override();
  return make_channel_kernel_params<T>(params);
}

// Rows per task: about kChunkElements elements, but at most kMaxRowChunks tasks, so that the
// per-task partial sums (two doubles per channel each) stay small. Depends only on the shape,
// never on the thread count, so the sums are the same for every thread count.
constexpr std::size_t kMaxRowChunks = 64;
std::size_t rows_per_chunk(std::size_t rows, std::size_t channels) {
  const std::size_t by_size = std::max<std::size_t>(1, kChunkElements / channels);
  const std::size_t by_count = (rows + kMaxRowChunks - 1) / kMaxRowChunks;
  return std::max(by_size, by_count);
}

template <typename T>
void forward_channels_impl(std::span<const T> x, std::span<T> y, std::span<const Params> params) {
  constexpr const char* fn = "forward_channels";
  check_map_args(fn, x, y);
  const ChannelKernelParams<T> k = prepare_channels<T>(fn, params, x.size());
  const std::size_t C = k.channels, rows = x.size() / C, per = rows_per_chunk(rows, C);
  for_each_index((rows + per - 1) / per, threads_for(x.size(), 2 * sizeof(T)), [&](std::size_t i) {
    const std::size_t r0 = i * per, r1 = std::min(rows, r0 + per);
    forward_channels_kernel(x.data() + r0 * C, y.data() + r0 * C, r1 - r0, k);
  });
}

template <typename T>
void backward_with_sums_channels_impl(std::span<const T> dy, std::span<const T> x, std::span<T> dx,
                                      std::span<const Params> params, std::span<GradSums> sums) {
  constexpr const char* fn = "backward_with_sums_channels";
  check_grad_args(fn, "x", dy, x, dx);
  check_size(fn, "sums", sums.size(), "params", params.size());
  const ChannelKernelParams<T> k = prepare_channels<T>(fn, params, x.size());
  const std::size_t C = k.channels, rows = x.size() / C, per = rows_per_chunk(rows, C);
  const std::size_t chunks = (rows + per - 1) / per;
  std::vector<double> dy_y(chunks * C, 0.0), x_dx(chunks * C, 0.0);
  for_each_index(chunks, threads_for(x.size(), 3 * sizeof(T)), [&](std::size_t i) {
    const std::size_t r0 = i * per, r1 = std::min(rows, r0 + per);
    backward_with_sums_channels_kernel(dy.data() + r0 * C, x.data() + r0 * C, dx.data() + r0 * C,
                                       r1 - r0, k, dy_y.data() + i * C, x_dx.data() + i * C);
  });
  // Chunk by chunk, so each channel's sum adds its chunks in a fixed order (identical for every
  // thread count) while memory is read in sequence.
  std::vector<GradSums> total(C);
  for (std::size_t i = 0; i < chunks; ++i) {
    for (std::size_t c = 0; c < C; ++c) {
      total[c].dy_y += dy_y[i * C + c];
      total[c].x_dx += x_dx[i * C + c];
    }
  }
  std::copy(total.begin(), total.end(), sums.begin());
}

}  // namespace
}  // namespace detail

void forward_channels(std::span<const float> x, std::span<float> y,
                      std::span<const Params> params) {
  detail::forward_channels_impl(x, y, params);
}
void forward_channels(std::span<const double> x, std::span<double> y,
                      std::span<const Params> params) {
  detail::forward_channels_impl(x, y, params);
}
void backward_with_sums_channels(std::span<const float> dy, std::span<const float> x,
                                 std::span<float> dx, std::span<const Params> params,
                                 std::span<GradSums> sums) {
  detail::backward_with_sums_channels_impl(dy, x, dx, params, sums);
}
void backward_with_sums_channels(std::span<const double> dy, std::span<const double> x,
                                 std::span<double> dx, std::span<const Params> params,
                                 std::span<GradSums> sums) {
  detail::backward_with_sums_channels_impl(dy, x, dx, params, sums);
}

}  // namespace elu
