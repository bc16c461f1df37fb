// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Peer: XNNPACK (Debian's 2022 snapshot). The ELU operators are created once (channels = 1, so a
// call of n elements is one contiguous batch); each call does setup + run, with a pthreadpool of
// the pinned thread count, as an inference engine would call it.
#include <pthreadpool.h>
#include <xnnpack.h>

#include <cstdint>
#include <stdexcept>
#include <string>

#include "kernel.h"
#include "providers.h"
#include "quant_params.h"

namespace elu_bench {
namespace {

void check(xnn_status status, const char* what) {
  if (status != xnn_status_success) {
    throw std::runtime_error(std::string("XNNPACK: ") + what + " failed with status " +
                             std::to_string(static_cast<int>(status)));
  }
}

class XnnpackProvider final : public Provider {
 public:
  XnnpackProvider() {
    check(xnn_initialize(nullptr), "xnn_initialize");
    check(xnn_create_elu_nc_f32(1, 1, 1, /*alpha=*/1.0f, 0, &f32_), "xnn_create_elu_nc_f32");
    check(xnn_create_elu_nc_qs8(1, 1, 1, /*alpha=*/1.0f,
                                static_cast<std::int8_t>(kQs8Input.zero_point), kQs8Input.scale,
                                static_cast<std::int8_t>(kQs8Output.zero_point), kQs8Output.scale,
                                INT8_MIN, INT8_MAX, 0, &qs8_),
          "xnn_create_elu_nc_qs8");
  }
  ~XnnpackProvider() override {
    xnn_delete_operator(f32_);
    xnn_delete_operator(qs8_);
    if (pool_ != nullptr) pthreadpool_destroy(pool_);
    xnn_deinitialize();
  }
  XnnpackProvider(const XnnpackProvider&) = delete;
  XnnpackProvider& operator=(const XnnpackProvider&) = delete;

  void set_threads(int threads) override {
    if (pool_ != nullptr) pthreadpool_destroy(pool_);
    pool_ = pthreadpool_create(static_cast<std::size_t>(threads));
    if (pool_ == nullptr) throw std::runtime_error("pthreadpool_create failed");
  }

  void add_kernels(const Workspace& ws, std::vector<Kernel>& out) override {
    const std::size_t n = ws.n();
    pthreadpool_t pool = pool_;
    if (ws.type() == DType::f32) {
      xnn_operator_t op = f32_;
      const float* x = ws.x<float>();
      float* y = ws.out<float>();
      out.push_back({"xnnpack/forward/f32/out",
                     n,
                     8,
                     [=] {
                       check(xnn_setup_elu_nc_f32(op, n, x, y, pool), "xnn_setup_elu_nc_f32");
                       check(xnn_run_operator(op, pool), "xnn_run_operator");
                     },
                     {}});
    } else if (ws.type() == DType::qs8) {
      xnn_operator_t op = qs8_;
      const std::int8_t* x = ws.x<std::int8_t>();
      std::int8_t* y = ws.out<std::int8_t>();
      out.push_back({"xnnpack/forward/qs8/out",
                     n,
                     2,
                     [=] {
                       check(xnn_setup_elu_nc_qs8(op, n, x, y, pool), "xnn_setup_elu_nc_qs8");
                       check(xnn_run_operator(op, pool), "xnn_run_operator");
                     },
                     {}});
    }
  }

 private:
  xnn_operator_t f32_ = nullptr, qs8_ = nullptr;
  pthreadpool_t pool_ = nullptr;
};

}  // namespace

std::unique_ptr<Provider> make_xnnpack_provider() { return std::make_unique<XnnpackProvider>(); }

}  // namespace elu_bench
