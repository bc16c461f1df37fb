// What the adapter accepts, checked before anything is written: each check raises c10::Error
// ("<fn>: ...") naming the offending device, dtype or layout.
#pragma once

#include <exception>
#include <stdexcept>
#include <utility>

#include <ATen/core/Tensor.h>
#include <c10/util/Exception.h>

#include "elu/elu.hpp"

namespace elu::nn::detail {

/// x is a strided CPU tensor of dtype float32 or float64.
void check_supported(const char* fn, const char* name, const at::Tensor& x);

/// other has the same dtype as x (the kernels take one element type per call).
void check_same_dtype(const char* fn, const char* name, const at::Tensor& x,
                      const char* other_name, const at::Tensor& other);

/// elu's threads follow LibTorch's, so a call never oversubscribes the cores LibTorch was given.
void follow_torch_threads();

[[noreturn]] void raise_core_error(const char* fn, const std::exception& e);

/// Runs a call into the core, turning its std::invalid_argument (bad parameters, overlapping
/// arrays) into c10::Error so that C++ and Python users see LibTorch's usual exception.
template <class Call>
decltype(auto) call_core(const char* fn, Call&& call) {
  try {
    return std::forward<Call>(call)();
  } catch (const std::invalid_argument& e) {
    raise_core_error(fn, e);
  }
}

/// Calls body(T{}) with T the element type of dtype (float or double).
template <class Body>
void dispatch_float_types(at::ScalarType dtype, Body&& body) {
  if (dtype == at::kFloat) {
    body(float{});
  } else {
    body(double{});
  }
}

}  // namespace elu::nn::detail
