// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Peer: oneDNN 2.6 (Debian). Primitives are created once per size (outside the timing); a call is
// execute + wait. oneDNN's CPU runtime here is OpenMP, so the pinned thread count is the calling
// thread's omp_set_num_threads.
#include <omp.h>

#include <dnnl.hpp>
#include <string>

#include "kernel.h"
#include "providers.h"
#include "report.h"

namespace elu_bench {
namespace {

using dnnl::algorithm;
using dnnl::memory;
using dnnl::prop_kind;

class OnednnProvider final : public Provider {
 public:
  OnednnProvider() : engine_(dnnl::engine::kind::cpu, 0), stream_(engine_) {}

  void set_threads(int threads) override { omp_set_num_threads(threads); }

  void add_kernels(const Workspace& ws, std::vector<Kernel>& out) override {
    switch (ws.type()) {
      case DType::f32:
        add_f32(ws, out);
        break;
      case DType::bf16:
        add_forward(ws, memory::data_type::bf16, "bf16", out);
        break;
      case DType::f16:
        add_forward(ws, memory::data_type::f16, "f16", out);
        break;
      default:
        break;  // oneDNN 2.6 has no f64 eltwise and no int8 ELU
    }
  }

 private:
  using Args = std::unordered_map<int, memory>;

  // One call: run the primitive and wait for it.
  Kernel make(std::string id, std::size_t n, std::size_t bytes, dnnl::primitive prim, Args args) {
    dnnl::stream stream = stream_;
    return {std::move(id),
            n,
            bytes,
            [=]() mutable {
              prim.execute(stream, args);
              stream.wait();
            },
            {}};
  }

  memory wrap(memory::data_type dt, std::size_t n, void* data) {
    return memory(memory::desc({static_cast<memory::dim>(n)}, dt, memory::format_tag::a), engine_,
                  data);
  }

  void add_forward(const Workspace& ws, memory::data_type dt, const std::string& type,
                   std::vector<Kernel>& out) {
    const std::size_t n = ws.n();
    memory src = wrap(dt, n, ws.x<void>()), dst = wrap(dt, n, ws.out<void>());
    try {
      const dnnl::eltwise_forward::primitive_desc pd(
          {prop_kind::forward_inference, algorithm::eltwise_elu, src.get_desc(), 1.0f}, engine_);
      out.push_back(make("onednn/forward/" + type + "/out", n, 2 * dtype_size(ws.type()),
                         dnnl::eltwise_forward(pd), {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}}));
    } catch (const dnnl::error& e) {
      note_once("oneDNN has no " + type + " eltwise_elu on this CPU (" + e.what() +
                "): row skipped");
    }
  }

  void add_f32(const Workspace& ws, std::vector<Kernel>& out) {
    const std::size_t n = ws.n();
    const auto f32 = memory::data_type::f32;
    memory x = wrap(f32, n, ws.x<float>()), y = wrap(f32, n, ws.y<float>()),
           dy = wrap(f32, n, ws.dy<float>()), result = wrap(f32, n, ws.out<float>());
    const memory::desc md = x.get_desc();
    add_forward(ws, f32, "f32", out);

    // Backward from the output (oneDNN use_dst, its fastest form), then from the input.
    const dnnl::eltwise_forward::primitive_desc hint_dst(
        {prop_kind::forward_training, algorithm::eltwise_elu_use_dst_for_bwd, md, 1.0f}, engine_);
    const dnnl::eltwise_backward::primitive_desc bwd_dst(
        {algorithm::eltwise_elu_use_dst_for_bwd, md, md, 1.0f}, engine_, hint_dst);
    out.push_back(make("onednn/backward_from_output/f32/out", n, 12,
                       dnnl::eltwise_backward(bwd_dst),
                       {{DNNL_ARG_DST, y}, {DNNL_ARG_DIFF_DST, dy}, {DNNL_ARG_DIFF_SRC, result}}));

    const dnnl::eltwise_forward::primitive_desc hint_src(
        {prop_kind::forward_training, algorithm::eltwise_elu, md, 1.0f}, engine_);
    const dnnl::eltwise_backward::primitive_desc bwd_src({algorithm::eltwise_elu, md, md, 1.0f},
                                                         engine_, hint_src);
    out.push_back(make("onednn/backward/f32/out", n, 12, dnnl::eltwise_backward(bwd_src),
                       {{DNNL_ARG_SRC, x}, {DNNL_ARG_DIFF_DST, dy}, {DNNL_ARG_DIFF_SRC, result}}));
  }

  dnnl::engine engine_;
  dnnl::stream stream_;
};

}  // namespace

std::unique_ptr<Provider> make_onednn_provider() { return std::make_unique<OnednnProvider>(); }

}  // namespace elu_bench
