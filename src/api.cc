// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Public entry points: validate arguments (throwing before anything is written), derive kernel
// parameters, split the work over threads, and dispatch to the SIMD kernels.
#include <strings.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "elementwise_call.h"
#include "elu/elu.hpp"
#include "hwy/targets.h"
#include "kernels/correctly_rounded.h"
#include "kernels/kernels.h"

namespace elu {

Params Params::elu(double alpha) { return {alpha, 1.0, 1.0}; }
Params Params::selu() {
  return {1.6732632423543772848170429916717, 1.0507009873554804934193349852946, 1.0};
}
Params Params::celu(double alpha) { return {alpha, 1.0, 1.0 / alpha}; }
Params Params::pelu(double a, double b) { return {b, a / b, 1.0 / b}; }

namespace detail {
namespace {

bool is_power_of_two(double v) {
  int e = 0;
  return v > 0 && std::frexp(v, &e) == 0.5;
}

// Applies the environment variable ELU_SIMD_TARGET once, before the first dispatch.
void apply_target_override() {
  static const bool once = [] {
    const char* want = std::getenv("ELU_SIMD_TARGET");
    if (want == nullptr || *want == '\0') return true;
    for (int64_t target : hwy::SupportedAndGeneratedTargets()) {
      // Any case: "avx2" names AVX2 as well (Highway's names are upper case).
      if (strcasecmp(hwy::TargetName(target), want) == 0) {
        hwy::SetSupportedTargetsForTest(target);
        return true;
      }
    }
    std::cerr << "elu: ELU_SIMD_TARGET=" << want
              << " is not a target this CPU supports and this build compiled; using the best one\n";
    return true;
  }();
  (void)once;
}

}  // namespace

template <typename T>
KernelParams<T> make_kernel_params(const Params& p) {
  KernelParams<T> k{};
  k.scale = static_cast<T>(p.scale);
  k.sa = static_cast<T>(p.scale * p.alpha);
  k.is = static_cast<T>(p.input_scale);
  // Formed from the rounded parts, so the backward uses the same constants as the forward.
  // (long double keeps the double product exact enough to round once: 64-bit significand.)
  const long double c = static_cast<long double>(k.sa) * static_cast<long double>(k.is);
  k.c = static_cast<T>(c);
  k.c_lo = static_cast<T>(c - static_cast<long double>(k.c));
  const int c_exp = c == 0 ? 0 : std::ilogb(c);
  const long double c_norm = std::scalbn(c, -c_exp);
  k.c_norm = static_cast<T>(c_norm);
  k.c_norm_lo = static_cast<T>(c_norm - static_cast<long double>(k.c_norm));
  k.c_exp = static_cast<T>(c_exp);
  k.from_output_is_first = k.is >= T(1);
  k.unit_is = k.is == T(1);
  k.pow2_sa = is_power_of_two(static_cast<double>(k.sa));
  return k;
}
template KernelParams<float> make_kernel_params<float>(const Params&);
template KernelParams<double> make_kernel_params<double>(const Params&);

template <typename T>
ChannelKernelParams<T> make_channel_kernel_params(std::span<const Params> params) {
  constexpr std::size_t kPad = kChannelPadBytes / sizeof(T);  // lanes of the widest vector
  ChannelKernelParams<T> k;
  k.channels = params.size();
  const std::size_t padded = (params.size() + kPad - 1) / kPad * kPad;
  for (auto* field : {&k.scale, &k.sa, &k.is, &k.c, &k.c_lo, &k.c_norm, &k.c_norm_lo, &k.c_exp}) {
    field->resize(padded);
  }
  for (std::size_t i = 0; i < padded; ++i) {
    const KernelParams<T> p = make_kernel_params<T>(params[i < params.size() ? i : 0]);
    k.scale[i] = p.scale;
    k.sa[i] = p.sa;
    k.is[i] = p.is;
    k.c[i] = p.c;
    k.c_lo[i] = p.c_lo;
    k.c_norm[i] = p.c_norm;
    k.c_norm_lo[i] = p.c_norm_lo;
    k.c_exp[i] = p.c_exp;
  }
  return k;
}
template ChannelKernelParams<float> make_channel_kernel_params<float>(std::span<const Params>);
template ChannelKernelParams<double> make_channel_kernel_params<double>(std::span<const Params>);

namespace {

template <typename T>
KernelParams<T> prepare(const char* fn, const Params& p) {
  check_params(fn, p);
  check_representable(fn, p, std::numeric_limits<T>::max(), std::numeric_limits<T>::min());
  apply_target_override();
  return make_kernel_params<T>(p);
}

template <typename T>
void forward_impl(std::span<const T> x, std::span<T> y, const Params& p) {
  constexpr const char* fn = "forward";
  check_map_args(fn, x, y);
  const KernelParams<T> k = prepare<T>(fn, p);
  const bool in_place = x.data() == y.data();
  run_chunks(y, in_place, 2 * sizeof(T), [&](std::size_t b, std::size_t e, bool stream) {
    forward_kernel(x.data() + b, y.data() + b, e - b, k, stream);
  });
}

template <typename T>
void backward_impl(std::span<const T> dy, std::span<const T> x, std::span<T> dx, const Params& p) {
  constexpr const char* fn = "backward";
  check_grad_args(fn, "x", dy, x, dx);
  const KernelParams<T> k = prepare<T>(fn, p);
  const bool in_place = dy.data() == dx.data();
  run_chunks(dx, in_place, 3 * sizeof(T), [&](std::size_t b, std::size_t e, bool stream) {
    backward_kernel(dy.data() + b, x.data() + b, dx.data() + b, e - b, k, stream);
  });
}

template <typename T>
void backward_from_output_impl(std::span<const T> dy, std::span<const T> y, std::span<T> dx,
                               const Params& p) {
  constexpr const char* fn = "backward_from_output";
  check_grad_args(fn, "y", dy, y, dx);
  check_alpha_for_output_backward(fn, p);
  const KernelParams<T> k = prepare<T>(fn, p);
  const bool in_place = dy.data() == dx.data();
  run_chunks(dx, in_place, 3 * sizeof(T), [&](std::size_t b, std::size_t e, bool stream) {
    backward_from_output_kernel(dy.data() + b, y.data() + b, dx.data() + b, e - b, k, stream);
  });
}

// The correctly rounded float kernels take the parameters as given (doubles); the checks are
// forward's and backward's, float range included.
ExactParams prepare_exact(const char* fn, const Params& p) {
  (void)prepare<float>(fn, p);
  return make_exact_params(p);
}

void forward_correctly_rounded_impl(std::span<const float> x, std::span<float> y, const Params& p) {
  constexpr const char* fn = "forward_correctly_rounded";
  check_map_args(fn, x, y);
  const ExactParams k = prepare_exact(fn, p);
  // No streaming stores here: the kernel writes through the cache.
  for_each_chunk(x.size(), threads_for(x.size(), 2 * sizeof(float)),
                 [&](std::size_t b, std::size_t e) {
                   forward_correctly_rounded_kernel(x.data() + b, y.data() + b, e - b, k);
                 });
}

void backward_correctly_rounded_impl(std::span<const float> dy, std::span<const float> x,
                                     std::span<float> dx, const Params& p) {
  constexpr const char* fn = "backward_correctly_rounded";
  check_grad_args(fn, "x", dy, x, dx);
  const ExactParams k = prepare_exact(fn, p);
  for_each_chunk(
      x.size(), threads_for(x.size(), 3 * sizeof(float)), [&](std::size_t b, std::size_t e) {
        backward_correctly_rounded_kernel(dy.data() + b, x.data() + b, dx.data() + b, e - b, k);
      });
}

// Per-channel calls: every Params checked (the message names its index), the element count a
// whole number of rows.
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
      check_params(fn, params[c]);
      check_representable(fn, params[c], std::numeric_limits<T>::max(),
                          std::numeric_limits<T>::min());
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

template <typename T>
GradSums backward_with_sums_impl(std::span<const T> dy, std::span<const T> x, std::span<T> dx,
                                 const Params& p) {
  constexpr const char* fn = "backward_with_sums";
  check_grad_args(fn, "x", dy, x, dx);
  const KernelParams<T> k = prepare<T>(fn, p);
  const std::size_t n = x.size();
  const std::size_t chunks = (n + kChunkElements - 1) / kChunkElements;
  std::vector<GradSums> partial(chunks);
  for_each_chunk(n, threads_for(n, 3 * sizeof(T)), [&](std::size_t b, std::size_t e) {
    partial[b / kChunkElements] =
        backward_with_sums_kernel(dy.data() + b, x.data() + b, dx.data() + b, e - b, k);
  });
  GradSums total;
  for (const GradSums& s : partial) {  // fixed order: identical for every thread count
    total.dy_y += s.dy_y;
    total.x_dx += s.x_dx;
  }
  return total;
}

}  // namespace
}  // namespace detail

void forward(std::span<const float> x, std::span<float> y, const Params& p) {
  detail::forward_impl(x, y, p);
}
void forward(std::span<const double> x, std::span<double> y, const Params& p) {
  detail::forward_impl(x, y, p);
}
void backward(std::span<const float> dy, std::span<const float> x, std::span<float> dx,
              const Params& p) {
  detail::backward_impl(dy, x, dx, p);
}
void backward(std::span<const double> dy, std::span<const double> x, std::span<double> dx,
              const Params& p) {
  detail::backward_impl(dy, x, dx, p);
}
void backward_from_output(std::span<const float> dy, std::span<const float> y, std::span<float> dx,
                          const Params& p) {
  detail::backward_from_output_impl(dy, y, dx, p);
}
void backward_from_output(std::span<const double> dy, std::span<const double> y,
                          std::span<double> dx, const Params& p) {
  detail::backward_from_output_impl(dy, y, dx, p);
}
GradSums backward_with_sums(std::span<const float> dy, std::span<const float> x,
                            std::span<float> dx, const Params& p) {
  return detail::backward_with_sums_impl(dy, x, dx, p);
}
GradSums backward_with_sums(std::span<const double> dy, std::span<const double> x,
                            std::span<double> dx, const Params& p) {
  return detail::backward_with_sums_impl(dy, x, dx, p);
}

void forward_correctly_rounded(std::span<const float> x, std::span<float> y, const Params& p) {
  detail::forward_correctly_rounded_impl(x, y, p);
}
void backward_correctly_rounded(std::span<const float> dy, std::span<const float> x,
                                std::span<float> dx, const Params& p) {
  detail::backward_correctly_rounded_impl(dy, x, dx, p);
}

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

std::string_view simd_target() {
  detail::apply_target_override();
  return detail::dispatch_target_name();
}

}  // namespace elu
