// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Per-target instantiation and run-time dispatch of the kernels in elu-inl.h.
// Highway 1.0.3 has no HWY_EXPORT_T, so there is one plain wrapper per element type.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/elu.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "kernels/elu-inl.h"

HWY_BEFORE_NAMESPACE();
namespace elu {
namespace HWY_NAMESPACE {

void ForwardF32(const float* x, float* y, size_t n, const detail::KernelParams<float>& k,
                bool stream) {
  ForwardLoop(x, y, n, k, stream);
}
void ForwardF64(const double* x, double* y, size_t n, const detail::KernelParams<double>& k,
                bool stream) {
  ForwardLoop(x, y, n, k, stream);
}
void BackwardF32(const float* dy, const float* x, float* dx, size_t n,
                 const detail::KernelParams<float>& k, bool stream) {
  BackwardLoop(dy, x, dx, n, k, stream);
}
void BackwardF64(const double* dy, const double* x, double* dx, size_t n,
                 const detail::KernelParams<double>& k, bool stream) {
  BackwardLoop(dy, x, dx, n, k, stream);
}
void BackwardFromOutputF32(const float* dy, const float* y, float* dx, size_t n,
                           const detail::KernelParams<float>& k, bool stream) {
  BackwardFromOutputLoop(dy, y, dx, n, k, stream);
}
void BackwardFromOutputF64(const double* dy, const double* y, double* dx, size_t n,
                           const detail::KernelParams<double>& k, bool stream) {
  BackwardFromOutputLoop(dy, y, dx, n, k, stream);
}
GradSums BackwardWithSumsF32(const float* dy, const float* x, float* dx, size_t n,
                             const detail::KernelParams<float>& k) {
  return BackwardWithSumsLoop(dy, x, dx, n, k);
}
GradSums BackwardWithSumsF64(const double* dy, const double* x, double* dx, size_t n,
                             const detail::KernelParams<double>& k) {
  return BackwardWithSumsLoop(dy, x, dx, n, k);
}
void ForwardChannelsF32(const float* x, float* y, size_t rows,
                        const detail::ChannelKernelParams<float>& k) {
  ForwardChannelsLoop(x, y, rows, k);
}
void ForwardChannelsF64(const double* x, double* y, size_t rows,
                        const detail::ChannelKernelParams<double>& k) {
  ForwardChannelsLoop(x, y, rows, k);
}
void BackwardWithSumsChannelsF32(const float* dy, const float* x, float* dx, size_t rows,
                                 const detail::ChannelKernelParams<float>& k, double* dy_y,
                                 double* x_dx) {
  BackwardWithSumsChannelsLoop(dy, x, dx, rows, k, dy_y, x_dx);
}
void BackwardWithSumsChannelsF64(const double* dy, const double* x, double* dx, size_t rows,
                                 const detail::ChannelKernelParams<double>& k, double* dy_y,
                                 double* x_dx) {
  BackwardWithSumsChannelsLoop(dy, x, dx, rows, k, dy_y, x_dx);
}
const char* TargetNameHere() { return hwy::TargetName(HWY_TARGET); }

}  // namespace HWY_NAMESPACE
}  // namespace elu
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace elu {
HWY_EXPORT(ForwardF32);
HWY_EXPORT(ForwardF64);
HWY_EXPORT(BackwardF32);
HWY_EXPORT(BackwardF64);
HWY_EXPORT(BackwardFromOutputF32);
HWY_EXPORT(BackwardFromOutputF64);
HWY_EXPORT(BackwardWithSumsF32);
HWY_EXPORT(BackwardWithSumsF64);
HWY_EXPORT(ForwardChannelsF32);
HWY_EXPORT(ForwardChannelsF64);
HWY_EXPORT(BackwardWithSumsChannelsF32);
HWY_EXPORT(BackwardWithSumsChannelsF64);
HWY_EXPORT(TargetNameHere);

namespace detail {

void forward_kernel(const float* x, float* y, size_t n, const KernelParams<float>& k, bool stream) {
  HWY_DYNAMIC_DISPATCH(ForwardF32)(x, y, n, k, stream);
}
void forward_kernel(const double* x, double* y, size_t n, const KernelParams<double>& k,
                    bool stream) {
  HWY_DYNAMIC_DISPATCH(ForwardF64)(x, y, n, k, stream);
}
void backward_kernel(const float* dy, const float* x, float* dx, size_t n,
                     const KernelParams<float>& k, bool stream) {
  HWY_DYNAMIC_DISPATCH(BackwardF32)(dy, x, dx, n, k, stream);
}
void backward_kernel(const double* dy, const double* x, double* dx, size_t n,
                     const KernelParams<double>& k, bool stream) {
  HWY_DYNAMIC_DISPATCH(BackwardF64)(dy, x, dx, n, k, stream);
}
void backward_from_output_kernel(const float* dy, const float* y, float* dx, size_t n,
                                 const KernelParams<float>& k, bool stream) {
  HWY_DYNAMIC_DISPATCH(BackwardFromOutputF32)(dy, y, dx, n, k, stream);
}
void backward_from_output_kernel(const double* dy, const double* y, double* dx, size_t n,
                                 const KernelParams<double>& k, bool stream) {
  HWY_DYNAMIC_DISPATCH(BackwardFromOutputF64)(dy, y, dx, n, k, stream);
}
GradSums backward_with_sums_kernel(const float* dy, const float* x, float* dx, size_t n,
                                   const KernelParams<float>& k) {
  return HWY_DYNAMIC_DISPATCH(BackwardWithSumsF32)(dy, x, dx, n, k);
}
GradSums backward_with_sums_kernel(const double* dy, const double* x, double* dx, size_t n,
                                   const KernelParams<double>& k) {
  return HWY_DYNAMIC_DISPATCH(BackwardWithSumsF64)(dy, x, dx, n, k);
}
void forward_channels_kernel(const float* x, float* y, size_t rows,
                             const ChannelKernelParams<float>& k) {
  HWY_DYNAMIC_DISPATCH(ForwardChannelsF32)(x, y, rows, k);
}
void forward_channels_kernel(const double* x, double* y, size_t rows,
                             const ChannelKernelParams<double>& k) {
  HWY_DYNAMIC_DISPATCH(ForwardChannelsF64)(x, y, rows, k);
}
void backward_with_sums_channels_kernel(const float* dy, const float* x, float* dx, size_t rows,
                                        const ChannelKernelParams<float>& k, double* dy_y,
                                        double* x_dx) {
  HWY_DYNAMIC_DISPATCH(BackwardWithSumsChannelsF32)(dy, x, dx, rows, k, dy_y, x_dx);
}
void backward_with_sums_channels_kernel(const double* dy, const double* x, double* dx, size_t rows,
                                        const ChannelKernelParams<double>& k, double* dy_y,
                                        double* x_dx) {
  HWY_DYNAMIC_DISPATCH(BackwardWithSumsChannelsF64)(dy, x, dx, rows, k, dy_y, x_dx);
}
std::string_view dispatch_target_name() { return HWY_DYNAMIC_DISPATCH(TargetNameHere)(); }

}  // namespace detail
}  // namespace elu
#endif  // HWY_ONCE
