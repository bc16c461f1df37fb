// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Public float/double entry points (one Params per call): validate arguments (throwing before
// anything is written), prepare the parameters, split the work over threads, call the kernels.
#include <cstddef>
#include <span>
#include <vector>

#include "elementwise_call.h"
#include "elu/elu.hpp"
#include "kernels/correctly_rounded.h"
#include "kernels/kernels.h"
#include "prepare.h"

namespace elu {

Params Params::elu(double alpha) { return {alpha, 1.0, 1.0}; }
Params Params::selu() {
  return {1.6732632423543772848170429916717, 1.0507009873554804934193349852946, 1.0};
}
Params Params::celu(double alpha) { return {alpha, 1.0, 1.0 / alpha}; }
Params Params::pelu(double a, double b) { return {b, a / b, 1.0 / b}; }

namespace detail {
namespace {

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
// forward's and backward's, float range included, so they prepare as float does.
void forward_correctly_rounded_impl(std::span<const float> x, std::span<float> y, const Params& p) {
  constexpr const char* fn = "forward_correctly_rounded";
  check_map_args(fn, x, y);
  (void)prepare<float>(fn, p);
  const ExactParams k = make_exact_params(p);
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
  (void)prepare<float>(fn, p);
  const ExactParams k = make_exact_params(p);
  for_each_chunk(
      x.size(), threads_for(x.size(), 3 * sizeof(float)), [&](std::size_t b, std::size_t e) {
        backward_correctly_rounded_kernel(dy.data() + b, x.data() + b, dx.data() + b, e - b, k);
      });
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

}  // namespace elu
