// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "flat_layout.h"

#include <ATen/Functions.h>

namespace elu::nn::detail {

at::Tensor dense(const at::Tensor& x) {
  return x.is_non_overlapping_and_dense() ? x : x.contiguous(x.suggest_memory_format());
}

at::Tensor match_layout(const at::Tensor& t, const at::Tensor& like) {
  if (t.scalar_type() == like.scalar_type() && t.strides() == like.strides()) return t;
  at::Tensor copy = at::empty_like(like);  // keeps like's strides, as like is dense
  copy.copy_(t);
  return copy;
}

}  // namespace elu::nn::detail
