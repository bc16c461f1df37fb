// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Per-target instantiation and run-time dispatch of the kernels in elu-inl.h, expanded from the
// registry (registry.h).
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/elu.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "kernels/elu_loops-inl.h"
#include "kernels/registry.h"

HWY_BEFORE_NAMESPACE();
namespace elu {
namespace HWY_NAMESPACE {
using detail::ChannelKernelParams;
using detail::KernelParams;

ELU_KERNELS(ELU_DEFINE_WRAPPER)
const char* TargetNameHere() { return hwy::TargetName(HWY_TARGET); }

}  // namespace HWY_NAMESPACE
}  // namespace elu
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace elu {
ELU_KERNELS(ELU_EXPORT_KERNEL)
HWY_EXPORT(TargetNameHere);

namespace detail {
ELU_KERNELS(ELU_DEFINE_DISPATCHER)
std::string_view dispatch_target_name() { return HWY_DYNAMIC_DISPATCH(TargetNameHere)(); }
}  // namespace detail
}  // namespace elu
#endif  // HWY_ONCE
