// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Per-target instantiation and run-time dispatch of the bf16/f16 kernels in lowp-inl.h, expanded
// from the registry (registry.h).
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/lowp.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "kernels/lowp-inl.h"
#include "kernels/registry.h"

HWY_BEFORE_NAMESPACE();
namespace elu {
namespace HWY_NAMESPACE {
using detail::KernelParams;

ELU_HALF_KERNELS(ELU_DEFINE_WRAPPER)

}  // namespace HWY_NAMESPACE
}  // namespace elu
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "kernels/lowp.h"

namespace elu {
ELU_HALF_KERNELS(ELU_EXPORT_KERNEL)

namespace detail {
ELU_HALF_KERNELS(ELU_DEFINE_DISPATCHER)
}  // namespace detail
}  // namespace elu
#endif  // HWY_ONCE
