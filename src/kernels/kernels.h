// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Internal interface between the public calls (src/api.cc, src/channels.cc) and the per-target
// SIMD kernels (src/kernels/elu.cc). No Highway types: the API layer validates, the kernels only
// compute.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "elu/elu.hpp"
#include "kernels/registry.h"

namespace elu::detail {

/// Parameters as the kernels of element type T consume them, derived once per call.
template <typename T>
struct KernelParams {
  T scale;  // slope of the positive branch
  T sa;     // scale * alpha, formed in double, rounded once to T
  T is;     // input_scale rounded to T
  T c;      // sa * is (rounded once to T): f'(x) on the negative branch is c * exp(is * x)
  T c_lo;   // sa * is - c, rounded: the part of the product c could not hold
  // sa * is = (c_norm + c_norm_lo) * 2^c_exp with |c_norm| in [1, 2): the backward's slow path
  // scales by powers of two itself, so that c * exp(t) never overflows near the type's maximum.
  T c_norm, c_norm_lo, c_exp;
  bool from_output_is_first;  // backward_from_output forms dy * (is * (y + sa)) (is >= 1)
  bool unit_is;               // is == 1: the exponent needs no two-term product
  bool pow2_sa;  // sa is a power of two: sa * expm1 needs no compensated reconstruction
};

template <typename T>
KernelParams<T> make_kernel_params(const Params& p);

/// Per-channel parameters for the (rows, channels) kernels: the fields of KernelParams that the
/// general path loads, one entry per channel, padded with copies of channel 0 to a whole number
/// of the widest vectors so that a vector load at any channel index below `channels` is in range.
inline constexpr std::size_t kChannelPadBytes = 64;  // the widest vector of the x86 targets
template <typename T>
struct ChannelKernelParams {
  std::size_t channels = 0;
  std::vector<T> scale, sa, is, c, c_lo, c_norm, c_norm_lo, c_exp;
};

template <typename T>
ChannelKernelParams<T> make_channel_kernel_params(std::span<const Params> params);

// The kernels (registry.h), each on n contiguous elements (rows for the per-channel ones, which
// add the per-channel sums of their rows to dy_y[c] and x_dx[c] in a fixed order); the parallel
// layer splits large arrays into chunks. `stream` asks for non-temporal stores (never set for
// in-place calls).
ELU_KERNELS(ELU_DECLARE_DISPATCHER)

/// Name of the Highway target that dynamic dispatch selects now.
std::string_view dispatch_target_name();

}  // namespace elu::detail
