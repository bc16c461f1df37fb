// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// What the adapter accepts. The entry points (grad_mode_dispatch.cc, ops_registration.cc) check
// every argument once, before anything is written; the kernels behind them assume checked
// arguments. Each check raises c10::Error ("<fn>: ...", one prefix) naming the offending device,
// dtype, layout or value.
#pragma once

#include <ATen/core/Tensor.h>
#include <c10/util/Exception.h>

#include <exception>
#include <stdexcept>
#include <utility>

#include "elu/elu.hpp"

namespace elu::nn::detail {

/// x is a strided CPU tensor of dtype float32, float64, bfloat16 or float16.
void check_supported(const char* fn, const char* name, const at::Tensor& x);

/// p is a parameter set the core's kernels for `dtype` accept: finite, scale and input_scale > 0,
/// and for every type but float64 within float's normal range (the core's own rules).
void check_params(const char* fn, const Params& p, at::ScalarType dtype);

/// CELU's input_scale is 1/alpha, and the core needs input_scale > 0.
void check_celu_alpha(const char* fn, double alpha);

/// x, a and b are supported, a and b hold 1 element or one per channel (dim 1) of x, and their
/// values are finite. Returns the number of channels the parameters cover.
int64_t check_pelu_args(const char* fn, const at::Tensor& x, const at::Tensor& a,
                        const at::Tensor& b);

/// x may be updated in place here: not an inference tensor outside inference mode. LibTorch's
/// own in-place ops refuse that (ADInplaceOrView); an inference tensor has no Autograd key, so a
/// registered op reaches its CPU kernel directly and the kernel itself must check, before writing.
void check_inplace_inference(const char* fn, const at::Tensor& x);

/// The core's message without its own prefix, under fn's: "<fn>: <what>".
[[noreturn]] void raise_core_error(const char* fn, const std::exception& e);

/// Runs a call into the core, turning its std::invalid_argument (which the entry checks should
/// have made impossible) into c10::Error so that C++ and Python users see LibTorch's exception.
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
