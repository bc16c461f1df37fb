// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Where the adapter's outputs (y, dx) come from.
#pragma once

#include <ATen/core/Tensor.h>

namespace elu::nn::detail {

/// Outputs of at least this many bytes are advised onto transparent huge pages. glibc serves every
/// allocation above 32 MiB with its own mmap, so the advice covers memory of this tensor only.
inline constexpr std::size_t kHugePageMinBytes = std::size_t{32} << 20;

/// An uninitialised tensor with like's sizes, dtype and (when like is dense) strides.
///
/// A fresh 64 MiB output costs more in first-touch page faults than the ELU kernel itself: on
/// this machine (THP "madvise") writing a (256, 65536) float output took 63 ms on 4 KiB pages
/// and 30 ms with MADV_HUGEPAGE (kernel alone into a reused buffer: 18-23 ms; LibTorch's at::elu
/// 55-60 ms). So large outputs get MADV_HUGEPAGE, as PyTorch 2.x does behind
/// THP_MEM_ALLOC_ENABLE. Set ELU_TORCH_HUGE_PAGES=0 to turn it off. Where THP is "never" the
/// advice does nothing; where it is "always" it was not needed.
at::Tensor new_output_like(const at::Tensor& like);

}  // namespace elu::nn::detail
