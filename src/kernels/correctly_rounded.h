// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Internal interface of the correctly rounded float kernels (forward_correctly_rounded,
// backward_correctly_rounded): the per-call constants, the SIMD fast path
// (correctly_rounded-inl.h) and the scalar exact path (correctly_rounded_exact.cc) that takes the
// lanes whose fast result lies too near a rounding boundary. docs/accuracy.md has the algorithm
// and its error bounds.
#pragma once

#include <cstddef>
#include <cstdint>

#include "elu/elu.hpp"
#include "kernels/registry.h"

namespace elu::detail {

/// Parameters as the correctly rounded kernels use them: the given doubles, and what is derived
/// from them once per call.
struct ExactParams {
  double scale, alpha, input_scale;  // as given: the exact value is defined by these
  double sa_hi, sa_lo;               // scale * alpha = sa_hi + sa_lo exactly
  double sa;                         // sa_hi: scale * alpha rounded once
  double c;                          // scale * alpha * input_scale, rounded once
  // input_scale = is_hi + is_lo with 26 significant bits each, so that is_hi * x and is_lo * x
  // are exact in double for every float x: z = input_scale * x is formed without error.
  double is_hi, is_lo;
  // Inputs below x_min are clamped there: input_scale * x_min <= kExactMinZ.
  double x_min;
};

/// z below which exp(z) no longer matters: 2^-1010 < e^z, so 2^n stays a normal double, and the
/// largest |dy * f'| the validator allows (2^256 e^z) is below 2^-754, far under the float range.
inline constexpr double kExactMinZ = -700.0;

ExactParams make_exact_params(const Params& p);

/// The correctly rounded results for one element, evaluated in double-double (relative error
/// below 2^-100) and rounded once; used for the rare lanes the fast path cannot decide.
float forward_exact(float x, const ExactParams& p);
float backward_exact(float dy, float x, const ExactParams& p);

/// How many elements the exact path has evaluated in this process (all threads): the share of
/// the slow path, for the tests and docs/accuracy.md.
std::uint64_t exact_path_count();

/// The kernels (registry.h): n contiguous elements; out may equal the first input (in place).
ELU_CORRECTLY_ROUNDED_KERNELS(ELU_DECLARE_DISPATCHER)

}  // namespace elu::detail
