// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Per-target instantiation and run-time dispatch of the bf16/f16 kernels in lowp-inl.h.
// Highway 1.0.3 has no HWY_EXPORT_T, so there is one plain wrapper per type and operation.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/lowp.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "kernels/lowp-inl.h"

HWY_BEFORE_NAMESPACE();
namespace elu {
namespace HWY_NAMESPACE {

using KP = detail::KernelParams<float>;

void ForwardBF16(const uint16_t* x, uint16_t* y, size_t n, const KP& k, bool stream) {
  ForwardLoop16<BF16Codec>(x, y, n, k, stream);
}
void ForwardF16(const uint16_t* x, uint16_t* y, size_t n, const KP& k, bool stream) {
  ForwardLoop16<F16Codec>(x, y, n, k, stream);
}
void LookupU16(const uint16_t* x, uint16_t* y, size_t n, const uint16_t* table, bool stream) {
  LookupLoop16(x, y, n, table, stream);
}
void BackwardBF16(const uint16_t* dy, const uint16_t* x, uint16_t* dx, size_t n, const KP& k,
                  bool stream) {
  BackwardLoop16<BF16Codec>(dy, x, dx, n, k, stream);
}
void BackwardF16(const uint16_t* dy, const uint16_t* x, uint16_t* dx, size_t n, const KP& k,
                 bool stream) {
  BackwardLoop16<F16Codec>(dy, x, dx, n, k, stream);
}
void BackwardFromOutputBF16(const uint16_t* dy, const uint16_t* y, uint16_t* dx, size_t n,
                            const KP& k, bool stream) {
  BackwardFromOutputLoop16<BF16Codec>(dy, y, dx, n, k, stream);
}
void BackwardFromOutputF16(const uint16_t* dy, const uint16_t* y, uint16_t* dx, size_t n,
                           const KP& k, bool stream) {
  BackwardFromOutputLoop16<F16Codec>(dy, y, dx, n, k, stream);
}

}  // namespace HWY_NAMESPACE
}  // namespace elu
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include <type_traits>

#include "kernels/lowp.h"

namespace elu {
HWY_EXPORT(ForwardBF16);
HWY_EXPORT(ForwardF16);
HWY_EXPORT(LookupU16);
HWY_EXPORT(BackwardBF16);
HWY_EXPORT(BackwardF16);
HWY_EXPORT(BackwardFromOutputBF16);
HWY_EXPORT(BackwardFromOutputF16);

namespace detail {
namespace {
// bf16 and f16 are standard-layout classes whose only member is the uint16_t bit pattern, so a
// pointer to one is pointer-interconvertible with a pointer to its bits.
template <typename H>
const uint16_t* raw(const H* p) {
  static_assert(sizeof(H) == sizeof(uint16_t) && std::is_standard_layout_v<H>);
  return reinterpret_cast<const uint16_t*>(p);
}
template <typename H>
uint16_t* raw(H* p) {
  return reinterpret_cast<uint16_t*>(p);
}
}  // namespace

void forward_kernel(const bf16* x, bf16* y, size_t n, const KernelParams<float>& k, bool stream) {
  HWY_DYNAMIC_DISPATCH(ForwardBF16)(raw(x), raw(y), n, k, stream);
}
void forward_kernel(const f16* x, f16* y, size_t n, const KernelParams<float>& k, bool stream) {
  HWY_DYNAMIC_DISPATCH(ForwardF16)(raw(x), raw(y), n, k, stream);
}
void lookup16_kernel(const uint16_t* x, uint16_t* y, size_t n, const uint16_t* table, bool stream) {
  HWY_DYNAMIC_DISPATCH(LookupU16)(x, y, n, table, stream);
}
void backward_kernel(const bf16* dy, const bf16* x, bf16* dx, size_t n,
                     const KernelParams<float>& k, bool stream) {
  HWY_DYNAMIC_DISPATCH(BackwardBF16)(raw(dy), raw(x), raw(dx), n, k, stream);
}
void backward_kernel(const f16* dy, const f16* x, f16* dx, size_t n, const KernelParams<float>& k,
                     bool stream) {
  HWY_DYNAMIC_DISPATCH(BackwardF16)(raw(dy), raw(x), raw(dx), n, k, stream);
}
void backward_from_output_kernel(const bf16* dy, const bf16* y, bf16* dx, size_t n,
                                 const KernelParams<float>& k, bool stream) {
  HWY_DYNAMIC_DISPATCH(BackwardFromOutputBF16)(raw(dy), raw(y), raw(dx), n, k, stream);
}
void backward_from_output_kernel(const f16* dy, const f16* y, f16* dx, size_t n,
                                 const KernelParams<float>& k, bool stream) {
  HWY_DYNAMIC_DISPATCH(BackwardFromOutputF16)(raw(dy), raw(y), raw(dx), n, k, stream);
}

}  // namespace detail
}  // namespace elu
#endif  // HWY_ONCE
