// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Autograd rows (the LibTorch adapter targets): forward + backward through LibTorch's autograd of
// torch::nn::ELU and, when the adapter is built, elu::nn::ELU and elu::nn::PELU, on (64, 4096) and
// (256, 65536) float tensors. Each call clears the gradients (as zero_grad(set_to_none) does), runs
// the module and backpropagates a fixed upstream gradient.
#include <torch/torch.h>

#include <string>

#include "kernel.h"
#include "providers.h"
#ifdef ELU_BENCH_HAVE_ADAPTER
#include "elu/nn.hpp"
#endif

namespace elu_bench {
namespace {

struct Shape {
  int64_t rows, cols;
  std::string name() const { return std::to_string(rows) + "x" + std::to_string(cols); }
};
constexpr Shape kShapes[] = {{64, 4096}, {256, 65536}};

// x read and y written in the forward; dy and the saved tensor read and dx written in the backward.
constexpr std::size_t kBytesPerElement = 5 * sizeof(float);

template <class Module>
Kernel autograd_kernel(std::string id, Module module, const Shape& shape) {
  torch::manual_seed(0);
  at::Tensor x = (torch::rand({shape.rows, shape.cols}) * 12 - 6).requires_grad_(true);
  at::Tensor dy = torch::rand({shape.rows, shape.cols}) + 0.5;
  const std::size_t n = static_cast<std::size_t>(shape.rows * shape.cols);
  return {std::move(id),
          n,
          kBytesPerElement,
          [=]() mutable {
            x.mutable_grad().reset();
            for (auto& p : module->parameters()) p.mutable_grad().reset();
            module->forward(x).backward(dy);
          },
          {}};
}

class AutogradProvider final : public Provider {
 public:
  void set_threads(int threads) override { at::set_num_threads(threads); }
  void add_kernels(const Workspace&, std::vector<Kernel>&) override {}

  void add_shaped_kernels(const std::function<bool(const std::string&)>& wanted,
                          std::vector<Kernel>& out) override {
    for (const Shape& s : kShapes) {
      const std::string suffix = "/f32/" + s.name();
      if (wanted("torch_nn/elu_autograd" + suffix)) {
        out.push_back(autograd_kernel("torch_nn/elu_autograd" + suffix,
                                      torch::nn::ELU(torch::nn::ELUOptions()), s));
      }
#ifdef ELU_BENCH_HAVE_ADAPTER
      if (wanted("elu_nn/elu_autograd" + suffix)) {
        out.push_back(autograd_kernel("elu_nn/elu_autograd" + suffix,
                                      elu::nn::ELU(torch::nn::ELUOptions()), s));
      }
      if (wanted("elu_nn/pelu_autograd" + suffix)) {
        out.push_back(autograd_kernel("elu_nn/pelu_autograd" + suffix,
                                      elu::nn::PELU(elu::nn::PELUOptions()), s));
      }
#endif
    }
  }
};

}  // namespace

std::unique_ptr<Provider> make_autograd_provider() { return std::make_unique<AutogradProvider>(); }

}  // namespace elu_bench
