// Public entry points: validate arguments (throwing before anything is written), derive kernel
// parameters, split the work over threads, and dispatch to the SIMD kernels.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <limits>
#include <vector>

#include "elementwise_call.h"
#include "elu/elu.hpp"
#include "hwy/targets.h"
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
      if (std::strcmp(hwy::TargetName(target), want) == 0) {
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
  k.unit_is = k.is == T(1);
  k.pow2_sa = is_power_of_two(static_cast<double>(k.sa));
  return k;
}
template KernelParams<float> make_kernel_params<float>(const Params&);
template KernelParams<double> make_kernel_params<double>(const Params&);

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
void backward_from_output(std::span<const float> dy, std::span<const float> y,
                          std::span<float> dx, const Params& p) {
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

std::string_view simd_target() {
  detail::apply_target_override();
  return detail::dispatch_target_name();
}

}  // namespace elu
