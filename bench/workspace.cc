// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "workspace.h"

#include <cstdint>
#include <cstring>
#include <new>
#include <random>
#include <span>
#include <stdexcept>
#include <vector>

#include "elu/elu.hpp"
#include "elu/half.hpp"

namespace elu_bench {

const char* dtype_name(DType t) {
  switch (t) {
    case DType::f32:
      return "f32";
    case DType::f64:
      return "f64";
    case DType::bf16:
      return "bf16";
    case DType::f16:
      return "f16";
    case DType::qs8:
      return "qs8";
  }
  return "?";
}

std::size_t dtype_size(DType t) {
  switch (t) {
    case DType::f32:
      return 4;
    case DType::f64:
      return 8;
    case DType::bf16:
    case DType::f16:
      return 2;
    case DType::qs8:
      return 1;
  }
  return 0;
}

namespace {

// Draws in float from one fixed-seed generator, so every type and run sees the same values.
// (minstd is enough for benchmark data and fills 128M values in well under a second.)
class Draw {
 public:
  explicit Draw(std::uint32_t seed) : gen_(seed) {}
  float uniform(float lo, float hi) {
    return lo + (hi - lo) * static_cast<float>(gen_() - gen_.min()) /
                    static_cast<float>(gen_.max() - gen_.min());
  }
  float gradient() {
    const float magnitude = uniform(0.5f, 1.5f);
    return (gen_() & 1) ? magnitude : -magnitude;
  }
  std::uint32_t bits() { return static_cast<std::uint32_t>(gen_()); }

 private:
  std::minstd_rand gen_;
};

template <class T, class Convert>
void fill(T* a, std::size_t n, Convert&& value) {
  for (std::size_t i = 0; i < n; ++i) a[i] = value();
}

// The 16-bit arrays: the float draws rounded to the type, and y = elu::forward(x) in the type.
template <class H>
void fill_half(H* x, H* dy, H* y, std::size_t n, Draw& draw) {
  fill(x, n, [&] { return H(draw.uniform(-6.0f, 6.0f)); });
  fill(dy, n, [&] { return H(draw.gradient()); });
  elu::forward(std::span<const H>(x, n), std::span<H>(y, n));
}

}  // namespace

Workspace::Array Workspace::allocate() const {
  constexpr std::size_t kAlign = 64;  // one AVX-512 vector, one cache line
  const std::size_t bytes = (n_ * dtype_size(type_) + kAlign - 1) / kAlign * kAlign;
  void* p = std::aligned_alloc(kAlign, bytes == 0 ? kAlign : bytes);
  if (p == nullptr) throw std::bad_alloc();
  std::memset(p, 0, bytes);  // first touch
  return Array(p);
}

Workspace::Workspace(DType type, std::size_t n) : type_(type), n_(n) {
  x_ = allocate();
  out_ = allocate();
  work_ = allocate();
  Draw draw(20240601u);
  switch (type) {
    case DType::f32:
    case DType::f64: {
      dy_ = allocate();
      y_ = allocate();
      if (type == DType::f32) {
        fill(x<float>(), n, [&] { return draw.uniform(-6.0f, 6.0f); });
        fill(dy<float>(), n, [&] { return draw.gradient(); });
        elu::forward(std::span<const float>(x<float>(), n), std::span<float>(y<float>(), n));
      } else {
        fill(x<double>(), n, [&] { return double{draw.uniform(-6.0f, 6.0f)}; });
        fill(dy<double>(), n, [&] { return double{draw.gradient()}; });
        elu::forward(std::span<const double>(x<double>(), n), std::span<double>(y<double>(), n));
      }
      break;
    }
    case DType::qs8:
      fill(x<std::int8_t>(), n, [&] { return static_cast<std::int8_t>(draw.bits() >> 8); });
      break;
    case DType::bf16:
    case DType::f16:
      dy_ = allocate();
      y_ = allocate();
      if (type == DType::bf16) {
        fill_half(x<elu::bf16>(), dy<elu::bf16>(), y<elu::bf16>(), n, draw);
      } else {
        fill_half(x<elu::f16>(), dy<elu::f16>(), y<elu::f16>(), n, draw);
      }
      break;
  }
}

}  // namespace elu_bench
