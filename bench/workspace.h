// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The arrays one size of one element type is measured on: allocated once, filled (which also
// first-touches every page, so no page fault lands inside a timed call) and shared by every kernel.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <memory>

namespace elu_bench {

enum class DType { f32, f64, bf16, f16, qs8 };
const char* dtype_name(DType t);
std::size_t dtype_size(DType t);

/// Inputs are drawn once per size from a fixed seed:
///   x  uniform in [-6, 6]: half the lanes take the exponential, mixed within every vector, and
///      none saturates, so no kernel gets a shortcut on all-positive or all-saturated vectors;
///   dy uniform in +-[0.5, 1.5] (a gradient far from subnormal);
///   y  = elu::forward(x) with ELU(1), the input of backward_from_output;
///   bf16 and f16: the same draws rounded to the type, y computed in the type;
///   qs8 codes uniform over all 256 values.
/// `out` and `work` are zero-filled; kernels write `out`, and in-place kernels restore `work`
/// from x (or dy) before each block of calls.
class Workspace {
 public:
  Workspace(DType type, std::size_t n);
  DType type() const { return type_; }
  std::size_t n() const { return n_; }

  template <class T>
  T* x() const {
    return as<T>(x_);
  }
  template <class T>
  T* dy() const {
    return as<T>(dy_);
  }
  template <class T>
  T* y() const {
    return as<T>(y_);
  }
  template <class T>
  T* out() const {
    return as<T>(out_);
  }
  template <class T>
  T* work() const {
    return as<T>(work_);
  }

 private:
  struct Free {
    void operator()(void* p) const { std::free(p); }
  };
  using Array = std::unique_ptr<void, Free>;
  template <class T>
  static T* as(const Array& a) {
    return static_cast<T*>(a.get());
  }
  Array allocate() const;

  DType type_;
  std::size_t n_;
  Array x_, dy_, y_, out_, work_;
};

}  // namespace elu_bench
