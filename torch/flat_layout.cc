// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "flat_layout.h"

#include <ATen/Functions.h>
#include <c10/util/Exception.h>

namespace elu::nn::detail {

at::Tensor dense(const at::Tensor& x) {
  return x.is_non_overlapping_and_dense() ? x : x.contiguous();
}

at::Tensor match_layout(const char* fn, const at::Tensor& t, const at::Tensor& like) {
  TORCH_CHECK(t.sizes() == like.sizes(), fn, ": gradient has shape ", t.sizes(),
              " but the saved tensor has shape ", like.sizes());
  if (t.scalar_type() == like.scalar_type() && t.strides() == like.strides()) return t;
  at::Tensor copy = at::empty_like(like);  // keeps like's strides, as like is dense
  copy.copy_(t);
  return copy;
}

}  // namespace elu::nn::detail
