// Internal interface between the public API (src/api.cc) and the per-target SIMD kernels
// (src/kernels/elu.cc). No Highway types: the API layer validates, the kernels only compute.
#pragma once

#include <cstddef>
#include <string_view>

#include "elu/elu.hpp"

namespace elu::detail {

/// Parameters as the kernels of element type T consume them, derived once per call.
template <typename T>
struct KernelParams {
  T scale;        // slope of the positive branch
  T sa;           // scale * alpha, formed in double, rounded once to T
  T is;           // input_scale rounded to T
  T c;            // sa * is (rounded once to T): f'(x) on the negative branch is c * exp(is * x)
  T c_lo;         // sa * is - c, rounded: the part of the product c could not hold
  bool unit_is;   // is == 1: the exponent needs no two-term product
  bool pow2_sa;   // sa is a power of two: sa * expm1 needs no compensated reconstruction
};

template <typename T>
KernelParams<T> make_kernel_params(const Params& p);

// Each kernel processes n contiguous elements; the parallel layer splits large arrays into chunks.
// `stream` asks for non-temporal stores (never set for in-place calls).
void forward_kernel(const float* x, float* y, std::size_t n, const KernelParams<float>& k,
                    bool stream);
void forward_kernel(const double* x, double* y, std::size_t n, const KernelParams<double>& k,
                    bool stream);
void backward_kernel(const float* dy, const float* x, float* dx, std::size_t n,
                     const KernelParams<float>& k, bool stream);
void backward_kernel(const double* dy, const double* x, double* dx, std::size_t n,
                     const KernelParams<double>& k, bool stream);
void backward_from_output_kernel(const float* dy, const float* y, float* dx, std::size_t n,
                                 const KernelParams<float>& k, bool stream);
void backward_from_output_kernel(const double* dy, const double* y, double* dx, std::size_t n,
                                 const KernelParams<double>& k, bool stream);
GradSums backward_with_sums_kernel(const float* dy, const float* x, float* dx, std::size_t n,
                                   const KernelParams<float>& k);
GradSums backward_with_sums_kernel(const double* dy, const double* x, double* dx,
                                   std::size_t n, const KernelParams<double>& k);

/// Name of the Highway target that dynamic dispatch selects now.
std::string_view dispatch_target_name();

}  // namespace elu::detail
