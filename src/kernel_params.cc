// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Kernel parameters derived from Params: the constants of one call (KernelParams) and the padded
// per-channel arrays (ChannelKernelParams), for float and double.
#include <cmath>
#include <cstddef>
#include <span>

#include "elu/elu.hpp"
#include "kernels/kernels.h"

namespace elu::detail {
namespace {

bool is_power_of_two(double v) {
  int e = 0;
  return v > 0 && std::frexp(v, &e) == 0.5;
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

}  // namespace elu::detail
