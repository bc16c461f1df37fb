// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Peer: LibTorch 1.13 (Debian), its ATen ops at::elu_out and at::elu_backward_out on tensors that
// wrap the workspace arrays (no copies). Threads are pinned with at::set_num_threads.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <string>

#include "kernel.h"
#include "providers.h"
#include "report.h"

namespace elu_bench {
namespace {

at::Tensor wrap(void* data, std::size_t n, at::ScalarType type) {
  return at::from_blob(data, {static_cast<int64_t>(n)}, at::TensorOptions().dtype(type));
}

// Whether at::elu runs on CPU tensors of this type in this LibTorch build.
bool has_elu(at::ScalarType type) {
  try {
    at::Tensor t = at::zeros({8}, at::TensorOptions().dtype(type));
    at::elu_out(t, t);
    return true;
  } catch (const c10::Error&) {
    return false;
  }
}

class TorchProvider final : public Provider {
 public:
  void set_threads(int threads) override { at::set_num_threads(threads); }

  void add_kernels(const Workspace& ws, std::vector<Kernel>& out) override {
    switch (ws.type()) {
      case DType::f32:
        add_float(ws, at::kFloat, out);
        break;
      case DType::f64:
        add_float(ws, at::kDouble, out);
        break;
      case DType::bf16:
        add_forward(ws, at::kBFloat16, out);
        break;
      case DType::f16:
        if (has_elu(at::kHalf)) {
          add_forward(ws, at::kHalf, out);
        } else {
          note_once("this LibTorch has no CPU at::elu for float16: its f16 row is skipped");
        }
        break;
      default:
        break;
    }
  }

 private:
  void add_forward(const Workspace& ws, at::ScalarType st, std::vector<Kernel>& out) {
    const std::size_t n = ws.n();
    const std::string type = dtype_name(ws.type());
    at::Tensor x = wrap(ws.x<void>(), n, st), y = wrap(ws.out<void>(), n, st);
    out.push_back({"torch/forward/" + type + "/out",
                   n,
                   2 * dtype_size(ws.type()),
                   [=]() mutable { at::elu_out(y, x); },
                   {}});
  }

  void add_float(const Workspace& ws, at::ScalarType st, std::vector<Kernel>& out) {
    add_forward(ws, st, out);
    const std::size_t n = ws.n();
    const std::string type = dtype_name(ws.type());
    const std::size_t bytes = 3 * dtype_size(ws.type());
    at::Tensor x = wrap(ws.x<void>(), n, st), y = wrap(ws.y<void>(), n, st),
               dy = wrap(ws.dy<void>(), n, st), dx = wrap(ws.out<void>(), n, st);
    out.push_back({"torch/backward/" + type + "/out",
                   n,
                   bytes,
                   [=]() mutable { at::elu_backward_out(dx, dy, 1, 1, 1, false, x); },
                   {}});
    out.push_back({"torch/backward_from_output/" + type + "/out",
                   n,
                   bytes,
                   [=]() mutable { at::elu_backward_out(dx, dy, 1, 1, 1, true, y); },
                   {}});
  }
};

}  // namespace

std::unique_ptr<Provider> make_torch_provider() { return std::make_unique<TorchProvider>(); }

}  // namespace elu_bench
