// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The kernel rows: every kernel of the registry (src/kernels/registry.h) called directly on the
// whole array, one chunk, the calling thread only, ELU(1). They show each kernel's own speed
// below the public calls, including the ones the public calls hide (the 16-bit forward's
// computing path behind its table, the per-channel loops). Expanded from the registry, so a
// kernel added there gets its row without another line.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "elu/elu.hpp"
#include "elu/half.hpp"
#include "kernel.h"
#include "kernels/correctly_rounded.h"
#include "kernels/kernels.h"
#include "kernels/lowp.h"
#include "kernels/registry.h"
#include "providers.h"

namespace elu_bench {
namespace {

using elu::bf16;
using elu::f16;
using elu::GradSums;
using elu::detail::ChannelKernelParams;
using elu::detail::ExactParams;
using elu::detail::KernelParams;

template <class T>
constexpr DType dtype_of();
template <>
constexpr DType dtype_of<float>() {
  return DType::f32;
}
template <>
constexpr DType dtype_of<double>() {
  return DType::f64;
}
template <>
constexpr DType dtype_of<bf16>() {
  return DType::bf16;
}
template <>
constexpr DType dtype_of<f16>() {
  return DType::f16;
}

// "forward_kernel" -> "kernel/forward/<type>/out".
std::string row_id(std::string_view dispatcher, const Workspace& ws) {
  dispatcher.remove_suffix(std::string_view("_kernel").size());
  return "kernel/" + std::string(dispatcher) + "/" + dtype_name(ws.type()) + "/out";
}

// Per-channel rows: 1,024 channels (a PReLU-like layer) when n is a multiple, else one row.
std::size_t channels_for(std::size_t n) { return n % 1024 == 0 ? 1024 : n; }

const elu::Params kParams = elu::Params::elu(1.0);

// One overload per kernel signature of the registry; each adds its row when the workspace holds
// its element type and does nothing otherwise.
template <class T, class C>
void add(const char* name, void (*f)(const T*, T*, std::size_t, const KernelParams<C>&, bool),
         const Workspace& ws, std::vector<Kernel>& out) {
  if (ws.type() != dtype_of<T>()) return;
  const std::size_t n = ws.n();
  const T* x = ws.x<T>();
  T* y = ws.out<T>();
  const auto k = elu::detail::make_kernel_params<C>(kParams);
  out.push_back({row_id(name, ws), n, 2 * sizeof(T), [=] { f(x, y, n, k, false); }, {}});
}
template <class T, class C>
void add(const char* name,
         void (*f)(const T*, const T*, T*, std::size_t, const KernelParams<C>&, bool),
         const Workspace& ws, std::vector<Kernel>& out) {
  if (ws.type() != dtype_of<T>()) return;
  const std::size_t n = ws.n();
  const T* dy = ws.dy<T>();
  // backward reads x, backward_from_output reads y = f(x): both are in the workspace.
  const T* second = std::string_view(name) == "backward_from_output_kernel" ? ws.y<T>() : ws.x<T>();
  T* dx = ws.out<T>();
  const auto k = elu::detail::make_kernel_params<C>(kParams);
  out.push_back({row_id(name, ws), n, 3 * sizeof(T), [=] { f(dy, second, dx, n, k, false); }, {}});
}
template <class T>
void add(const char* name,
         GradSums (*f)(const T*, const T*, T*, std::size_t, const KernelParams<T>&),
         const Workspace& ws, std::vector<Kernel>& out) {
  if (ws.type() != dtype_of<T>()) return;
  const std::size_t n = ws.n();
  const T *dy = ws.dy<T>(), *x = ws.x<T>();
  T* dx = ws.out<T>();
  const auto k = elu::detail::make_kernel_params<T>(kParams);
  out.push_back({row_id(name, ws), n, 3 * sizeof(T), [=] { (void)f(dy, x, dx, n, k); }, {}});
}
template <class T>
void add(const char* name, void (*f)(const T*, T*, std::size_t, const ChannelKernelParams<T>&),
         const Workspace& ws, std::vector<Kernel>& out) {
  if (ws.type() != dtype_of<T>()) return;
  const std::size_t n = ws.n(), channels = channels_for(n);
  const T* x = ws.x<T>();
  T* y = ws.out<T>();
  const auto k =
      elu::detail::make_channel_kernel_params<T>(std::vector<elu::Params>(channels, kParams));
  out.push_back({row_id(name, ws), n, 2 * sizeof(T), [=] { f(x, y, n / channels, k); }, {}});
}
template <class T>
void add(const char* name,
         void (*f)(const T*, const T*, T*, std::size_t, const ChannelKernelParams<T>&, double*,
                   double*),
         const Workspace& ws, std::vector<Kernel>& out) {
  if (ws.type() != dtype_of<T>()) return;
  const std::size_t n = ws.n(), channels = channels_for(n);
  const T *dy = ws.dy<T>(), *x = ws.x<T>();
  T* dx = ws.out<T>();
  const auto k =
      elu::detail::make_channel_kernel_params<T>(std::vector<elu::Params>(channels, kParams));
  out.push_back({row_id(name, ws),
                 n,
                 3 * sizeof(T),
                 [=] {
                   std::vector<double> dy_y(channels), x_dx(channels);
                   f(dy, x, dx, n / channels, k, dy_y.data(), x_dx.data());
                 },
                 {}});
}
// The correctly rounded kernels.
void add(const char* name, void (*f)(const float*, float*, std::size_t, const ExactParams&),
         const Workspace& ws, std::vector<Kernel>& out) {
  if (ws.type() != DType::f32) return;
  const std::size_t n = ws.n();
  const float* x = ws.x<float>();
  float* y = ws.out<float>();
  const ExactParams k = elu::detail::make_exact_params(kParams);
  out.push_back({row_id(name, ws), n, 2 * sizeof(float), [=] { f(x, y, n, k); }, {}});
}
void add(const char* name,
         void (*f)(const float*, const float*, float*, std::size_t, const ExactParams&),
         const Workspace& ws, std::vector<Kernel>& out) {
  if (ws.type() != DType::f32) return;
  const std::size_t n = ws.n();
  const float *dy = ws.dy<float>(), *x = ws.x<float>();
  float* dx = ws.out<float>();
  const ExactParams k = elu::detail::make_exact_params(kParams);
  out.push_back({row_id(name, ws), n, 3 * sizeof(float), [=] { f(dy, x, dx, n, k); }, {}});
}
// The 16-bit table lookup, on bf16 data with the table of ELU(1)'s bf16 results.
void add(const char* name,
         void (*f)(const std::uint16_t*, std::uint16_t*, std::size_t, const std::uint16_t*, bool),
         const Workspace& ws, std::vector<Kernel>& out) {
  if (ws.type() != DType::bf16) return;
  auto table = std::make_shared<std::vector<std::uint16_t>>(65537);
  std::vector<bf16> all(65536);
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = bf16::from_bits(std::uint16_t(i));
  elu::detail::forward_kernel(all.data(), reinterpret_cast<bf16*>(table->data()), all.size(),
                              elu::detail::make_kernel_params<float>(kParams), false);
  const std::size_t n = ws.n();
  const auto* x = reinterpret_cast<const std::uint16_t*>(ws.x<bf16>());
  auto* y = reinterpret_cast<std::uint16_t*>(ws.out<bf16>());
  out.push_back({row_id(name, ws),
                 n,
                 2 * sizeof(std::uint16_t),
                 [=] { f(x, y, n, table->data(), false); },
                 {}});
}

class KernelProvider final : public Provider {
 public:
  void set_threads(int /*threads*/) override {}  // one chunk on the calling thread, always
  void add_kernels(const Workspace& ws, std::vector<Kernel>& out) override {
    using namespace elu::detail;  // the registry names its types unqualified
#define ELU_BENCH_ADD_KERNEL(Export, dispatcher, Loop, Ret, Params, Args) \
  add(#dispatcher, static_cast<Ret(*) Params>(&dispatcher), ws, out);
    ELU_KERNELS(ELU_BENCH_ADD_KERNEL)
    ELU_HALF_KERNELS(ELU_BENCH_ADD_KERNEL)
    ELU_CORRECTLY_ROUNDED_KERNELS(ELU_BENCH_ADD_KERNEL)
#undef ELU_BENCH_ADD_KERNEL
  }
};

}  // namespace

std::unique_ptr<Provider> make_kernel_provider() { return std::make_unique<KernelProvider>(); }

}  // namespace elu_bench
