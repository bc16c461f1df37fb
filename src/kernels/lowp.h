// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Internal interface to the low-precision kernels: bf16/f16 (src/kernels/lowp.cc, computing in
// f32) and the 256-entry byte table lookup behind the int8 operator (src/kernels/lowp_lookup.cc).
// No Highway types; the callers validate, the kernels only compute.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "elu/half.hpp"
#include "kernels/kernels.h"

namespace elu::detail {

// The kernels (registry.h), each on n contiguous elements with the float kernel parameters
// (compute is f32). `stream` asks for non-temporal stores (never set for in-place calls).
// forward_kernel always computes; the public forward may instead look results up with
// lookup16_kernel in a table that it built with it: y[i] = table[x[i]], where `table` has 65,536
// entries and one of padding.
ELU_HALF_KERNELS(ELU_DECLARE_DISPATCHER)

/// The 16-bit storage types, as table keys.
enum class HalfType { kBF16, kF16 };

/// Forward results for all 65,536 inputs (plus one entry of padding), computed by forward_kernel,
/// or nullptr when a table does not pay for a call of n elements yet. A table is built once the
/// same parameters have been seen for kTableAfterElements elements, so building it (65,536
/// evaluations) costs at most 1/16 of the work already done; the tables of the four most recent
/// parameter sets per type are kept (src/kernels/lowp_table.cc). Thread-safe.
inline constexpr std::size_t kTableAfterElements = std::size_t{1} << 20;
inline constexpr std::size_t kTableMinCall = std::size_t{1} << 12;  // below: compute directly
std::shared_ptr<const std::vector<uint16_t>> forward_table(HalfType type,
                                                           const KernelParams<float>& k,
                                                           std::size_t n);

/// An unevaluated sum hi + lo with hi = RN(hi + lo).
struct Sum {
  double hi, lo;
};

/// f(x) = scale x (x > 0), sa expm1(is x) (x <= 0) as hi + lo, evaluated in double so that the
/// sign of the remainder is right wherever f(x) lies structurally close to a rounding boundary
/// (linear branch: exact; tiny is*x; saturation). Scalar, for table building and rare lanes.
Sum forward_sum(double x, double scale, double sa, double is);

/// f(x) correctly rounded to the 16-bit type and returned as that value in float (so narrowing it
/// is exact). Scalar, in double (src/kernels/lowp_exact.cc); the kernels call it only for lanes
/// whose f32 result is within a few f32 ULPs of a midpoint of the 16-bit type.
float forward_rounded_bf16(float x, const KernelParams<float>& k);
float forward_rounded_f16(float x, const KernelParams<float>& k);

/// y[i] = table[x[i]] for n bytes; y may be x. `table` has 256 entries.
void lookup_bytes_kernel(const uint8_t* x, uint8_t* y, std::size_t n, const uint8_t* table);

/// The target lookup_bytes_kernel dispatches to now; it can be AVX3_DL, which only that file
/// compiles (simd_target() never names it).
std::string_view lookup_target_name();

}  // namespace elu::detail
