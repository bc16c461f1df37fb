// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Argument checks shared by every public entry point. Each throws std::invalid_argument
// ("elu::<function>: <what>") before anything is written.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>

#include "elu/elu.hpp"

namespace elu::detail {

[[noreturn]] void fail(const char* fn, const std::string& what);

/// Shortest round-trip text of v, for messages.
std::string num(double v);

/// alpha, scale and input_scale finite; scale and input_scale > 0.
void check_params(const char* fn, const Params& p);

/// scale, input_scale, scale*alpha and scale*alpha*input_scale are zero or normal numbers of an
/// element type whose largest finite value is `max` and smallest normal is `min_normal`.
void check_representable(const char* fn, const Params& p, double max, double min_normal);

/// backward_from_output needs alpha >= 0 to tell the branch from y.
void check_alpha_for_output_backward(const char* fn, const Params& p);

void check_size(const char* fn, const char* a_name, std::size_t a, const char* b_name,
                std::size_t b);

/// Throws if input and output overlap, except when `may_alias` and they are the very same array.
void check_alias_bytes(const char* fn, const char* in_name, const void* in, std::size_t in_bytes,
                       const char* out_name, const void* out, std::size_t out_bytes,
                       bool may_alias);

template <typename T, typename U>
void check_alias(const char* fn, const char* in_name, std::span<const T> in, const char* out_name,
                 std::span<U> out, bool may_alias) {
  check_alias_bytes(fn, in_name, in.data(), in.size_bytes(), out_name, out.data(), out.size_bytes(),
                    may_alias);
}

}  // namespace elu::detail
