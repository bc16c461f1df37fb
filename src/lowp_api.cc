// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Public bf16/f16 entry points: the same argument checks as float (throwing before anything is
// written), the float kernel parameters (compute is f32), the same chunking over threads, then
// dispatch to the 16-bit kernels (forward: to a lookup in a table of all 65,536 results once
// one pays, src/kernels/lowp_table.cc).
#include <span>
#include <type_traits>

#include "elementwise_call.h"
#include "elu/elu.hpp"
#include "kernels/lowp.h"
#include "prepare.h"

namespace elu {
namespace detail {
namespace {

template <typename H>
void forward16(std::span<const H> x, std::span<H> y, const Params& p) {
  constexpr const char* fn = "forward";
  check_map_args(fn, x, y);
  // Compute is f32, so the parameters must be representable as float, not as the 16-bit type.
  const KernelParams<float> k = prepare<float>(fn, p);
  // A table of all 65,536 results, once one pays (src/kernels/lowp_table.cc): the same bits,
  // looked up instead of computed.
  const auto table =
      forward_table(std::is_same_v<H, bf16> ? HalfType::kBF16 : HalfType::kF16, k, x.size());
  const bool in_place = x.data() == y.data();
  if (table != nullptr) {
    const auto* in = reinterpret_cast<const uint16_t*>(x.data());
    auto* out = reinterpret_cast<uint16_t*>(y.data());
    run_chunks(y, in_place, 2 * sizeof(H), [&](std::size_t b, std::size_t e, bool stream) {
      lookup16_kernel(in + b, out + b, e - b, table->data(), stream);
    });
    return;
  }
  run_chunks(y, in_place, 2 * sizeof(H), [&](std::size_t b, std::size_t e, bool stream) {
    forward_kernel(x.data() + b, y.data() + b, e - b, k, stream);
  });
}

template <typename H>
void backward16(std::span<const H> dy, std::span<const H> x, std::span<H> dx, const Params& p) {
  constexpr const char* fn = "backward";
  check_grad_args(fn, "x", dy, x, dx);
  const KernelParams<float> k = prepare<float>(fn, p);
  const bool in_place = dy.data() == dx.data();
  run_chunks(dx, in_place, 3 * sizeof(H), [&](std::size_t b, std::size_t e, bool stream) {
    backward_kernel(dy.data() + b, x.data() + b, dx.data() + b, e - b, k, stream);
  });
}

template <typename H>
void backward_from_output16(std::span<const H> dy, std::span<const H> y, std::span<H> dx,
                            const Params& p) {
  constexpr const char* fn = "backward_from_output";
  check_grad_args(fn, "y", dy, y, dx);
  check_alpha_for_output_backward(fn, p);
  const KernelParams<float> k = prepare<float>(fn, p);
  const bool in_place = dy.data() == dx.data();
  run_chunks(dx, in_place, 3 * sizeof(H), [&](std::size_t b, std::size_t e, bool stream) {
    backward_from_output_kernel(dy.data() + b, y.data() + b, dx.data() + b, e - b, k, stream);
  });
}

}  // namespace
}  // namespace detail

void forward(std::span<const bf16> x, std::span<bf16> y, const Params& p) {
  detail::forward16(x, y, p);
}
void forward(std::span<const f16> x, std::span<f16> y, const Params& p) {
  detail::forward16(x, y, p);
}
void backward(std::span<const bf16> dy, std::span<const bf16> x, std::span<bf16> dx,
              const Params& p) {
  detail::backward16(dy, x, dx, p);
}
void backward(std::span<const f16> dy, std::span<const f16> x, std::span<f16> dx, const Params& p) {
  detail::backward16(dy, x, dx, p);
}
void backward_from_output(std::span<const bf16> dy, std::span<const bf16> y, std::span<bf16> dx,
                          const Params& p) {
  detail::backward_from_output16(dy, y, dx, p);
}
void backward_from_output(std::span<const f16> dy, std::span<const f16> y, std::span<f16> dx,
                          const Params& p) {
  detail::backward_from_output16(dy, y, dx, p);
}

}  // namespace elu
