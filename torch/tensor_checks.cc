// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "tensor_checks.h"

#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <string>

namespace elu::nn::detail {

void check_supported(const char* fn, const char* name, const at::Tensor& x, bool allow_16bit) {
  TORCH_CHECK(x.defined(), fn, ": ", name, " is an undefined tensor");
  TORCH_CHECK(x.device().is_cpu(), fn, ": ", name, " is on device ", x.device(),
              "; only CPU tensors are supported");
  TORCH_CHECK(x.layout() == at::kStrided, fn, ": ", name, " has layout ", x.layout(),
              "; only strided (dense) tensors are supported");
  const at::ScalarType t = x.scalar_type();
  if (allow_16bit) {
    TORCH_CHECK(t == at::kFloat || t == at::kDouble || t == at::kBFloat16 || t == at::kHalf, fn,
                ": ", name, " has dtype ", t,
                "; only Float, Double, BFloat16 and Half are supported");
  } else {
    TORCH_CHECK(t == at::kFloat || t == at::kDouble, fn, ": ", name, " has dtype ", t,
                "; only Float (float32) and Double (float64) are supported here");
  }
}

void check_same_dtype(const char* fn, const char* name, const at::Tensor& x, const char* other_name,
                      const at::Tensor& other) {
  TORCH_CHECK(x.scalar_type() == other.scalar_type(), fn, ": ", other_name, " has dtype ",
              other.scalar_type(), " but ", name, " has dtype ", x.scalar_type(),
              "; they must match");
}

void check_inplace_inference(const char* fn, const at::Tensor& x) {
  TORCH_CHECK(!x.is_inference() || c10::InferenceMode::is_enabled(), fn,
              ": in-place update to an inference tensor outside InferenceMode is not allowed");
}

void raise_core_error(const char* fn, const std::exception& e) {
  C10_THROW_ERROR(Error, std::string(fn) + ": " + e.what());
}

void follow_torch_threads() { elu::set_num_threads(at::get_num_threads()); }

}  // namespace elu::nn::detail
