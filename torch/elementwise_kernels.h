// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The ELU family (one elu::Params) on tensors, without autograd: layout, then one call into the
// core's span kernels. Arguments were checked at the entry (tensor_checks.h). Outputs are laid
// out like their dense input, so they keep x's memory format.
#pragma once

#include <ATen/core/Tensor.h>

#include "elu/elu.hpp"

namespace elu::nn::detail {

/// y = f(x). `correctly_rounded`: float32 tensors take elu::forward_correctly_rounded (other
/// dtypes are unaffected); the callers pass correctly_rounded_enabled() or what a node saved.
at::Tensor forward(const char* fn, const at::Tensor& x, const Params& p, bool correctly_rounded);

/// x = f(x), through a dense copy when x is not dense (x has no internal overlap: checked at the
/// entry). Bumps x's version counter.
void forward_inplace(const char* fn, const at::Tensor& x, const Params& p, bool correctly_rounded);

/// dx = dy * f'(x); x as returned by dense().
at::Tensor backward(const char* fn, const at::Tensor& dy, const at::Tensor& x, const Params& p,
                    bool correctly_rounded);

/// dx = dy * f'(x) recovered from y = f(x) (needs p.alpha >= 0); y dense.
at::Tensor backward_from_output(const char* fn, const at::Tensor& dy, const at::Tensor& y,
                                const Params& p);

}  // namespace elu::nn::detail
