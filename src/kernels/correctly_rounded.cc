// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Per-target instantiation and run-time dispatch of the correctly rounded float kernels
// (correctly_rounded-inl.h).
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/correctly_rounded.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "kernels/correctly_rounded-inl.h"

HWY_BEFORE_NAMESPACE();
namespace elu {
namespace HWY_NAMESPACE {

void ForwardCorrectlyRounded(const float* x, float* y, size_t n, const detail::ExactParams& p) {
  cr::ForwardLoop(x, y, n, p);
}
void BackwardCorrectlyRounded(const float* dy, const float* x, float* dx, size_t n,
                              const detail::ExactParams& p) {
  cr::BackwardLoop(dy, x, dx, n, p);
}

}  // namespace HWY_NAMESPACE
}  // namespace elu
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace elu {
HWY_EXPORT(ForwardCorrectlyRounded);
HWY_EXPORT(BackwardCorrectlyRounded);

namespace detail {
void forward_correctly_rounded_kernel(const float* x, float* y, size_t n, const ExactParams& p) {
  HWY_DYNAMIC_DISPATCH(ForwardCorrectlyRounded)(x, y, n, p);
}
void backward_correctly_rounded_kernel(const float* dy, const float* x, float* dx, size_t n,
                                       const ExactParams& p) {
  HWY_DYNAMIC_DISPATCH(BackwardCorrectlyRounded)(dy, x, dx, n, p);
}
}  // namespace detail
}  // namespace elu
#endif  // HWY_ONCE
