// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The subjects: elu's own entry points, for every type this build has, out of place and in place.
#include <cstdint>
#include <cstring>
#include <span>

#include "elu/elu.hpp"
#include "kernel.h"
#include "providers.h"
#include "elu/half.hpp"
#include "elu/quantized.hpp"
#include "quant_params.h"

namespace elu_bench {
namespace {

template <class T>
std::span<const T> in(const T* p, std::size_t n) {
  return {p, n};
}
template <class T>
std::span<T> io(T* p, std::size_t n) {
  return {p, n};
}

template <class T>
void add_float_kernels(const Workspace& ws, const std::string& type, std::vector<Kernel>& out) {
  const std::size_t n = ws.n();
  T* x = ws.x<T>();
  T* dy = ws.dy<T>();
  T* y = ws.y<T>();
  T* dst = ws.out<T>();
  T* work = ws.work<T>();
  const std::size_t two = 2 * sizeof(T), three = 3 * sizeof(T);
  auto restore_from = [=](const T* src) { return [=] { std::memcpy(work, src, n * sizeof(T)); }; };
  out.push_back(
      {"elu/forward/" + type + "/out", n, two, [=] { elu::forward(in(x, n), io(dst, n)); }, {}});
  out.push_back({"elu/forward/" + type + "/inplace", n, two,
                 [=] { elu::forward(in(work, n), io(work, n)); }, restore_from(x)});
  out.push_back({"elu/backward/" + type + "/out",
                 n,
                 three,
                 [=] { elu::backward(in(dy, n), in(x, n), io(dst, n)); },
                 {}});
  out.push_back({"elu/backward/" + type + "/inplace", n, three,
                 [=] { elu::backward(in(work, n), in(x, n), io(work, n)); }, restore_from(dy)});
  out.push_back({"elu/backward_from_output/" + type + "/out",
                 n,
                 three,
                 [=] { elu::backward_from_output(in(dy, n), in(y, n), io(dst, n)); },
                 {}});
  out.push_back({"elu/backward_from_output/" + type + "/inplace", n, three,
                 [=] { elu::backward_from_output(in(work, n), in(y, n), io(work, n)); },
                 restore_from(dy)});
}

// The correctly rounded float kernels, out of place (compare with elu/forward/f32/out).
void add_correctly_rounded_kernels(const Workspace& ws, std::vector<Kernel>& out) {
  const std::size_t n = ws.n();
  float* x = ws.x<float>();
  float* dy = ws.dy<float>();
  float* dst = ws.out<float>();
  out.push_back({"elu/forward_correctly_rounded/f32/out",
                 n,
                 2 * sizeof(float),
                 [=] { elu::forward_correctly_rounded(in(x, n), io(dst, n)); },
                 {}});
  out.push_back({"elu/backward_correctly_rounded/f32/out",
                 n,
                 3 * sizeof(float),
                 [=] { elu::backward_correctly_rounded(in(dy, n), in(x, n), io(dst, n)); },
                 {}});
}

template <class H>
void add_half_kernels(const Workspace& ws, const std::string& type, std::vector<Kernel>& out) {
  const std::size_t n = ws.n();
  H* x = ws.x<H>();
  H* dst = ws.out<H>();
  out.push_back({"elu/forward/" + type + "/out",
                 n,
                 2 * sizeof(H),
                 [=] { elu::forward(in(x, n), io(dst, n)); },
                 {}});
}

class EluProvider final : public Provider {
 public:
  void set_threads(int threads) override { elu::set_num_threads(threads); }
  void add_kernels(const Workspace& ws, std::vector<Kernel>& out) override {
    switch (ws.type()) {
      case DType::f32:
        add_float_kernels<float>(ws, "f32", out);
        add_correctly_rounded_kernels(ws, out);
        break;
      case DType::f64:
        add_float_kernels<double>(ws, "f64", out);
        break;
      case DType::bf16:
        add_half_kernels<elu::bf16>(ws, "bf16", out);
        break;
      case DType::f16:
        add_half_kernels<elu::f16>(ws, "f16", out);
        break;
      case DType::qs8: {
        // Prepared once per size, like XNNPACK's operator; the table is built outside the timing.
        auto op = std::make_shared<elu::QuantizedOp<std::int8_t>>(
            elu::QuantParams{kQs8Input.scale, kQs8Input.zero_point},
            elu::QuantParams{kQs8Output.scale, kQs8Output.zero_point}, elu::Params::elu(1.0));
        const std::size_t n = ws.n();
        const std::int8_t* x = ws.x<std::int8_t>();
        std::int8_t* dst = ws.out<std::int8_t>();
        out.push_back(
            {"elu/forward/qs8/out", n, 2, [=] { op->forward(in(x, n), io(dst, n)); }, {}});
        break;
      }
      default:
        break;
    }
  }
};

}  // namespace

std::unique_ptr<Provider> make_elu_provider() { return std::make_unique<EluProvider>(); }

}  // namespace elu_bench
