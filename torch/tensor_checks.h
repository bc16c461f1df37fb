// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// What the adapter accepts, checked before anything is written: each check raises c10::Error
// ("<fn>: ...") naming the offending device, dtype or layout.
#pragma once

#include <ATen/core/Tensor.h>
#include <c10/util/Exception.h>

#include <exception>
#include <stdexcept>
#include <utility>

#include "elu/elu.hpp"

namespace elu::nn::detail {

/// x is a strided CPU tensor of dtype float32 or float64, or also bfloat16 / float16 when
/// `allow_16bit` (the ELU family has 16-bit kernels; PELU's parameter sums do not).
void check_supported(const char* fn, const char* name, const at::Tensor& x,
                     bool allow_16bit = false);

/// other has the same dtype as x (the kernels take one element type per call).
void check_same_dtype(const char* fn, const char* name, const at::Tensor& x, const char* other_name,
                      const at::Tensor& other);

/// x may be updated in place here: not an inference tensor outside inference mode. LibTorch's
/// own in-place ops refuse that (ADInplaceOrView); an inference tensor has no Autograd key, so a
/// registered op reaches its CPU kernel directly and the kernel itself must check, before writing.
void check_inplace_inference(const char* fn, const at::Tensor& x);

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

/// Calls body(T{}) with T the element type of dtype: float or double (checked before).
template <class Body>
void dispatch_float_double(at::ScalarType dtype, Body&& body) {
  if (dtype == at::kFloat) {
    body(float{});
  } else {
    body(double{});
  }
}

/// The same over every type the ELU family takes: float, double, elu::bf16 (kBFloat16) and
/// elu::f16 (kHalf), which have the bit layouts of c10::BFloat16 and c10::Half.
template <class Body>
void dispatch_elu_types(at::ScalarType dtype, Body&& body) {
  switch (dtype) {
    case at::kBFloat16:
      body(elu::bf16{});
      break;
    case at::kHalf:
      body(elu::f16{});
      break;
    default:
      dispatch_float_double(dtype, body);
  }
}

}  // namespace elu::nn::detail
