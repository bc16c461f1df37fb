// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Element-wise work on a tensor whose elements fill one block of memory ("dense": contiguous or a
// permutation of it) can run over that block as one flat array, whatever the strides. These
// helpers bring tensors into such a layout, copying only when they must.
#pragma once

#include <ATen/core/Tensor.h>

#include <span>

namespace elu::nn::detail {

/// x itself when its elements fill one block of memory, else a copy in x's suggested memory format
/// (contiguous or channels-last), the layout LibTorch gives the outputs of such an x.
at::Tensor dense(const at::Tensor& x);

/// t laid out exactly like `like` (a dense tensor of the same sizes and dtype): t itself when its
/// strides already match, else a copy. Gradients usually arrive contiguous or expanded; autograd
/// has checked their shape.
at::Tensor match_layout(const at::Tensor& t, const at::Tensor& like);

/// The memory of a dense tensor as a span of its numel() elements of type T (the caller has
/// checked that T matches the dtype; elu::bf16 and elu::f16 share c10's 16-bit layouts).
template <class T>
std::span<T> flat_span(const at::Tensor& t) {
  return {static_cast<T*>(t.data_ptr()), static_cast<std::size_t>(t.numel())};
}
template <class T>
std::span<const T> flat_cspan(const at::Tensor& t) {
  return {static_cast<const T*>(t.data_ptr()), static_cast<std::size_t>(t.numel())};
}

}  // namespace elu::nn::detail
