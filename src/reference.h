// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Slow, exact reference values for the ELU family, for tests, the demo and the benchmarks.
// float: evaluated in double (glibc expm1/exp, < 1 double ULP), i.e. ~2^-29 float ULP of slack.
// double: evaluated with MPFR at 128 bits and returned as an unevaluated double-double.
#pragma once

#include "elu/elu.hpp"

namespace elu::reference {

/// An unevaluated sum hi + lo with |lo| <= ulp(hi)/2: about 106 significant bits.
struct DD {
  double hi = 0, lo = 0;
};

/// Exact f(x) for float input, with scale, input_scale and scale*alpha rounded to float first
/// (scale*alpha formed in double), exactly as the float kernels take them.
double forward(float x, const Params& p);
/// Exact dy * f'(x) for float inputs (f' from x; x = 0 takes the x <= 0 branch).
double backward(float dy, float x, const Params& p);
/// Exact dy * f'(y) for float inputs, f' recovered from the output y.
double backward_from_output(float dy, float y, const Params& p);

/// Exact f(x) for double input (scale*alpha rounded to double once), at 128 bits.
DD forward(double x, const Params& p);
DD backward(double dy, double x, const Params& p);
DD backward_from_output(double dy, double y, const Params& p);

/// The float nearest to the exact f(x) (ties to even), p's parameters taken as given doubles and
/// input_scale * x exact: what forward_correctly_rounded must return. Decided in double (glibc,
/// < 1 double ULP) where the value is more than 2^-44 (relative) from a float rounding boundary,
/// by MPFR at 256 bits otherwise. `gap`, if given, receives that relative distance for the
/// inputs MPFR decided (the hard cases) and +Inf for the others.
float forward_correctly_rounded(float x, const Params& p, double* gap = nullptr);
/// The float nearest to dy * f'(x), as backward_correctly_rounded must return. f'(-Inf) = 0.
float backward_correctly_rounded(float dy, float x, const Params& p, double* gap = nullptr);

/// |got - exact| in units of the last place of `exact` in the element type (subnormal spacing
/// below the normal range). 0 when both are the same infinity; +Inf when got is NaN and exact is
/// not or vice versa (two NaNs compare as 0).
double ulp_error(float got, double exact);
double ulp_error(double got, DD exact);

}  // namespace elu::reference
