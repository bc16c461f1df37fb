// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu: the ELU activation family (ELU, SELU, CELU; PELU through Params) for float and double.
//
// One form covers the family (PyTorch's parametrisation):
//   f(x)  = scale * x                                  for x > 0
//         = scale * alpha * expm1(input_scale * x)     for x <= 0
//   f'(x) = scale                                      for x > 0
//         = scale * alpha * input_scale * exp(input_scale * x)   for x <= 0
//
// This header has no SIMD types in it; kernels are dispatched at run time (Google Highway).
// Conventions (signed zeros, NaN, infinities, f'(0), what the output-based backward can and cannot
// recover) are listed in README.md and docs/accuracy.md.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "elu/half.hpp"     // elu::bf16, elu::f16 (low-precision section below)
#include "elu/version.hpp"  // ELU_VERSION_*, elu::version()

namespace elu {

/// Parameters of one family member. The float kernels round scale*alpha (formed in double) and
/// input_scale to float once; the double kernels use them as given.
struct Params {
  double alpha = 1.0, scale = 1.0, input_scale = 1.0;

  /// ELU(alpha) = {alpha, 1, 1}.
  static Params elu(double alpha = 1.0);
  /// SELU = {1.6732632423543772848..., 1.0507009873554804934..., 1}.
  static Params selu();
  /// CELU(alpha) = {alpha, 1, 1/alpha}.
  static Params celu(double alpha = 1.0);
  /// PELU(a, b) of Trottier et al. = {b, a/b, 1/b}: f(x) = (a/b)x for x >= 0, a(exp(x/b) - 1) else.
  static Params pelu(double a, double b);
};

/// y = f(x) element-wise. Max error: float 1 ULP (ELU, SELU; exhaustive), 2 ULP when input_scale !=
/// 1; double 1 ULP (sampled against MPFR). docs/accuracy.md has the measured figures. y may be x
/// (in place); any other overlap, a size mismatch or a bad parameter throws std::invalid_argument
/// before anything is written.
void forward(std::span<const float> x, std::span<float> y, const Params& p = {});
void forward(std::span<const double> x, std::span<double> y, const Params& p = {});

/// dx = dy * f'(x) element-wise. Max error 2 ULP. dx may be dy (in place); x must not overlap dx.
/// A NaN in x gives a NaN in dx. At x = 0 the x <= 0 branch is used (as PyTorch does).
void backward(std::span<const float> dy, std::span<const float> x, std::span<float> dx,
              const Params& p = {});
void backward(std::span<const double> dy, std::span<const double> x, std::span<double> dx,
              const Params& p = {});

/// Correctly rounded float kernels: y = the float nearest to f(x) (ties to even), f evaluated
/// exactly with p's parameters as given (doubles; input_scale * x exact, not rounded). The same
/// bits on every CPU, SIMD target and thread count. Evaluated in double with a rounding test;
/// the rare undecided elements (about 1 in 10^6) are recomputed in double-double
/// (docs/accuracy.md). Argument rules, errors and special values are those of forward().
void forward_correctly_rounded(std::span<const float> x, std::span<float> y, const Params& p = {});
/// dx = the float nearest to dy * f'(x), evaluated exactly. As backward(): dx may be dy (in
/// place), x must not overlap dx, f'(0) uses the x <= 0 branch, f'(-Inf) = 0.
void backward_correctly_rounded(std::span<const float> dy, std::span<const float> x,
                                std::span<float> dx, const Params& p = {});

/// dx = dy * f'(x), with f' recovered from the output y = f(x): scale if y > 0, otherwise
/// input_scale * (y + scale * alpha). Needs no exponential. Max error 3 ULP against f' at the given
/// y (three roundings: y + scale * alpha and two products; 2.12 ULP is the worst found). Once y has
/// rounded to -scale*alpha (x far below zero) the gradient comes out as 0. dx may be dy (in place).
/// Throws std::invalid_argument if alpha < 0 (y no longer tells the branch).
void backward_from_output(std::span<const float> dy, std::span<const float> y, std::span<float> dx,
                          const Params& p = {});
void backward_from_output(std::span<const double> dy, std::span<const double> y,
                          std::span<double> dx, const Params& p = {});

/// Sums that the gradients of f's parameters need, computed in the same pass as dx = dy * f'(x):
/// dy_y = sum(dy * f(x)) and x_dx = sum(x * dx). For PELU(a, b): dL/da = dy_y / a and
/// dL/db = -x_dx / b. f(x) comes from the exponential that dx needs (one per element, not two),
/// within 4 ULP of the exact f(x), so it may differ from forward()'s value in the last bits.
/// Sums are accumulated in double in a fixed order (bit-identical for any thread count): float
/// products are exact in double, so a float sum of n products is within
/// (n - 1) * 2^-53 * sum|product| of the exact sum of the products. Same argument rules as
/// backward().
struct GradSums {
  double dy_y = 0.0, x_dx = 0.0;
};
GradSums backward_with_sums(std::span<const float> dy, std::span<const float> x,
                            std::span<float> dx, const Params& p = {});
GradSums backward_with_sums(std::span<const double> dy, std::span<const double> x,
                            std::span<double> dx, const Params& p = {});

/// Parameters per channel, for a row-major (rows, channels) array such as a (batch, features)
/// activation with PReLU-style per-feature parameters: channels = params.size(), and element
/// (r, c) uses params[c]. Channels take the general path (a block of channels whose input_scale
/// are all 1 the cheaper exponent of input_scale 1), so the bounds are those of a general Params:
/// 2 ULP (float). Same argument rules as forward(), plus:
/// params must not be empty, and x.size() must be a multiple of params.size().
void forward_channels(std::span<const float> x, std::span<float> y, std::span<const Params> params);
void forward_channels(std::span<const double> x, std::span<double> y,
                      std::span<const Params> params);

/// backward_with_sums per channel for the same layout: dx = dy * f'(x) for every element, and in
/// sums[c] the two sums over the elements of channel c (sums.size() must equal params.size()).
/// Bit-identical for every thread count. Same argument rules as backward().
void backward_with_sums_channels(std::span<const float> dy, std::span<const float> x,
                                 std::span<float> dx, std::span<const Params> params,
                                 std::span<GradSums> sums);
void backward_with_sums_channels(std::span<const double> dy, std::span<const double> x,
                                 std::span<double> dx, std::span<const Params> params,
                                 std::span<GradSums> sums);

/// Threads used for large arrays: 0 (the initial value) = the calling thread's default (below);
/// 1 = only the calling thread. Throws std::invalid_argument for n < 0. Calls from inside an OpenMP
/// parallel region always run on the calling thread only.
void set_num_threads(int n);
/// The count used by calls from the calling thread while set_num_threads has not set one (is 0):
/// 0 (the initial value) = all hardware threads. Thread-local, for libraries that embed elu in a
/// runtime with its own thread count (the LibTorch adapter passes at::get_num_threads() before
/// each call); throws std::invalid_argument for n < 0.
void set_default_num_threads(int n);
/// The count the next call from this thread would use (before capping by the array's size).
int num_threads();

/// Name of the SIMD target the kernels dispatch to, e.g. "AVX3", "AVX2", "SSE4", "SCALAR".
/// The environment variable ELU_SIMD_TARGET (same names, any case) restricts dispatch, for tests
/// and debugging.
std::string_view simd_target();

// --- Low-precision types (docs/lowp.md) ----------------------------------------------------------
// bf16 and f16 arrays: widened to f32, computed with the float kernels, narrowed once (round to
// nearest even; NaN stays a quiet NaN; +-Inf and +-0 keep their sign; f16 overflows to +-Inf and
// has subnormals). Same argument rules and errors as float; the parameters must be representable
// as float. forward: correctly rounded (f32 results near a 16-bit midpoint are recomputed
// exactly; exhaustive over all 65,536 inputs for ELU(1), ELU(0.5), SELU, CELU(2) on every
// target, docs/lowp.md). backward and backward_from_output: within 1 ULP of the 16-bit type.
void forward(std::span<const bf16> x, std::span<bf16> y, const Params& p = {});
void forward(std::span<const f16> x, std::span<f16> y, const Params& p = {});
void backward(std::span<const bf16> dy, std::span<const bf16> x, std::span<bf16> dx,
              const Params& p = {});
void backward(std::span<const f16> dy, std::span<const f16> x, std::span<f16> dx,
              const Params& p = {});
void backward_from_output(std::span<const bf16> dy, std::span<const bf16> y, std::span<bf16> dx,
                          const Params& p = {});
void backward_from_output(std::span<const f16> dy, std::span<const f16> y, std::span<f16> dx,
                          const Params& p = {});
// --- end of the low-precision section ------------------------------------------------------------

}  // namespace elu
