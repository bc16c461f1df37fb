// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Parameter preparation shared by the entry points: validate the Params for the range of the
// type the kernels compute in, apply ELU_SIMD_TARGET, derive the kernel parameters.
#pragma once

#include <limits>

#include "dispatch.h"
#include "elu/elu.hpp"
#include "kernels/kernels.h"
#include "validate.h"

namespace elu::detail {

/// Throws unless p is valid and its constants are zero or normal numbers of T, the type the
/// kernels compute in (float for bf16/f16, double for the int8 table).
template <typename T>
void check_params_for(const char* fn, const Params& p) {
  check_params(fn, p);
  check_representable(fn, p, std::numeric_limits<T>::max(), std::numeric_limits<T>::min());
}

/// The checks, then the override (before the first dispatch), then the parameters of T's kernels.
template <typename T>
KernelParams<T> prepare(const char* fn, const Params& p) {
  check_params_for<T>(fn, p);
  apply_target_override();
  return make_kernel_params<T>(p);
}

}  // namespace elu::detail
