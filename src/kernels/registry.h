// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The registry of the SIMD kernels: one line per kernel, expanded into the per-target wrappers
// and HWY_EXPORTs (elu.cc, lowp.cc, correctly_rounded.cc), the run-time dispatchers and their
// declarations (kernels.h, lowp.h, correctly_rounded.h), the batch-size test
// (tests/batch_sizes_test.cc) and the kernel rows of elu-bench (bench/kernel_subjects.cc), so
// adding a kernel is one line and no kernel goes untested or unmeasured.
//
// X(Export, dispatcher, Loop, Ret, Params, Args):
//   Export      per-target wrapper and its dispatch table (one name per element type, as
//               Highway 1.0.3 has no HWY_EXPORT_T)
//   dispatcher  the elu::detail function the API calls, overloaded by element type
//   Loop        the per-target implementation (elu_loops-inl.h, lowp-inl.h,
//   correctly_rounded-inl.h) Ret, Params, Args   its signature and the forwarding argument list
// The parameter types name elu::detail types unqualified: expand inside namespaces that see them.
#pragma once

#define ELU_TYPED_KERNELS(X, T, S)                                                                 \
  X(Forward##S, forward_kernel, ForwardLoop, void,                                                 \
    (const T* x, T* y, size_t n, const KernelParams<T>& k, bool stream), (x, y, n, k, stream))     \
  X(Backward##S, backward_kernel, BackwardLoop, void,                                              \
    (const T* dy, const T* x, T* dx, size_t n, const KernelParams<T>& k, bool stream),             \
    (dy, x, dx, n, k, stream))                                                                     \
  X(BackwardFromOutput##S, backward_from_output_kernel, BackwardFromOutputLoop, void,              \
    (const T* dy, const T* y, T* dx, size_t n, const KernelParams<T>& k, bool stream),             \
    (dy, y, dx, n, k, stream))                                                                     \
  X(BackwardWithSums##S, backward_with_sums_kernel, BackwardWithSumsLoop, GradSums,                \
    (const T* dy, const T* x, T* dx, size_t n, const KernelParams<T>& k), (dy, x, dx, n, k))       \
  X(ForwardChannels##S, forward_channels_kernel, ForwardChannelsLoop, void,                        \
    (const T* x, T* y, size_t rows, const ChannelKernelParams<T>& k), (x, y, rows, k))             \
  X(BackwardWithSumsChannels##S, backward_with_sums_channels_kernel, BackwardWithSumsChannelsLoop, \
    void,                                                                                          \
    (const T* dy, const T* x, T* dx, size_t rows, const ChannelKernelParams<T>& k, double* dy_y,   \
     double* x_dx),                                                                                \
    (dy, x, dx, rows, k, dy_y, x_dx))

/// The default kernels (elu_loops-inl.h), for float and double.
#define ELU_KERNELS(X)             \
  ELU_TYPED_KERNELS(X, float, F32) \
  ELU_TYPED_KERNELS(X, double, F64)

/// The bf16 and f16 kernels (lowp-inl.h), computing in f32, and the 16-bit table lookup behind
/// the public 16-bit forward.
#define ELU_HALF_TYPED_KERNELS(X, H, S)                                                            \
  X(Forward##S, forward_kernel, ForwardLoop16, void,                                               \
    (const H* x, H* y, size_t n, const KernelParams<float>& k, bool stream), (x, y, n, k, stream)) \
  X(Backward##S, backward_kernel, BackwardLoop16, void,                                            \
    (const H* dy, const H* x, H* dx, size_t n, const KernelParams<float>& k, bool stream),         \
    (dy, x, dx, n, k, stream))                                                                     \
  X(BackwardFromOutput##S, backward_from_output_kernel, BackwardFromOutputLoop16, void,            \
    (const H* dy, const H* y, H* dx, size_t n, const KernelParams<float>& k, bool stream),         \
    (dy, y, dx, n, k, stream))
#define ELU_HALF_KERNELS(X)                                                         \
  ELU_HALF_TYPED_KERNELS(X, bf16, BF16)                                             \
  ELU_HALF_TYPED_KERNELS(X, f16, F16)                                               \
  X(LookupU16, lookup16_kernel, LookupLoop16, void,                                 \
    (const uint16_t* x, uint16_t* y, size_t n, const uint16_t* table, bool stream), \
    (x, y, n, table, stream))

/// The correctly rounded float kernels (correctly_rounded-inl.h).
#define ELU_CORRECTLY_ROUNDED_KERNELS(X)                                                 \
  X(ForwardCorrectlyRounded, forward_correctly_rounded_kernel, cr::ForwardLoop, void,    \
    (const float* x, float* y, size_t n, const ExactParams& p), (x, y, n, p))            \
  X(BackwardCorrectlyRounded, backward_correctly_rounded_kernel, cr::BackwardLoop, void, \
    (const float* dy, const float* x, float* dx, size_t n, const ExactParams& p),        \
    (dy, x, dx, n, p))

// The expansions.
#define ELU_DECLARE_DISPATCHER(Export, dispatcher, Loop, Ret, Params, Args) Ret dispatcher Params;
#define ELU_DEFINE_WRAPPER(Export, dispatcher, Loop, Ret, Params, Args) \
  Ret Export Params { return Loop Args; }
#define ELU_EXPORT_KERNEL(Export, dispatcher, Loop, Ret, Params, Args) HWY_EXPORT(Export);
#define ELU_DEFINE_DISPATCHER(Export, dispatcher, Loop, Ret, Params, Args) \
  Ret dispatcher Params { return HWY_DYNAMIC_DISPATCH(Export) Args; }
