// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu::nn: the ELU family for LibTorch users, computed by elu's kernels.
//
// Functions and torch::nn-style modules over CPU tensors of any shape and strides, differentiable
// through autograd (to any order: a backward run with create_graph is itself differentiable) and
// forward-mode AD: float32, float64, bfloat16 and float16 (16-bit tensors run the core's 16-bit
// kernels, computed in float and rounded once; PELU computes them in float32). Outputs keep the
// input's memory format (contiguous, channels-last). When grad mode is off (or nothing requires
// grad) the call goes straight to the kernel with no autograd node. elu's threads: a count set
// with elu::set_num_threads is used as it is; otherwise each call follows at::get_num_threads().
//
// Conventions (docs/torch.md): f'(0) uses the x <= 0 branch, as PyTorch does; in place under
// autograd saves the output and differentiates from it, which needs alpha >= 0; PELU clamps a and b
// to >= 0.1 in the forward pass. Unsupported tensors (not CPU, not strided, other dtypes) raise
// c10::Error ("elu::nn::<function>: ...") naming the device, layout or dtype, before anything is
// written.
// Linking elu::torch also registers the ops torch.ops.elu.* (elu, elu_, selu, selu_, celu, celu_,
// pelu) with LibTorch's dispatcher, so TorchScript models that use them load with
// torch::jit::load. CMake: find_package(elu) and find_package(Torch), then link elu::torch.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/arg.h>
#include <torch/nn/cloneable.h>
#include <torch/nn/options/activation.h>
#include <torch/nn/pimpl.h>

#include <cstdint>
#include <ostream>

namespace elu::nn {

/// Lower bound that PELU's a and b are clamped to in the forward pass (Trottier et al. 2017).
/// The gradient reaching a (or b) is zero wherever a < kPeluMin (torch.clamp's rule).
inline constexpr double kPeluMin = 0.1;

/// ELU(alpha): y = x for x > 0, alpha * expm1(x) otherwise. Max error as elu::forward (1 ULP).
at::Tensor elu(const at::Tensor& x, double alpha = 1.0);
/// SELU: scale * ELU(alpha) with the constants of Klambauer et al. 2017.
at::Tensor selu(const at::Tensor& x);
/// CELU(alpha): y = x for x > 0, alpha * expm1(x / alpha) otherwise. alpha must not be 0.
at::Tensor celu(const at::Tensor& x, double alpha = 1.0);
/// PELU(a, b): y = (a/b) x for x >= 0, a (exp(x/b) - 1) otherwise, with a, b clamped to >= 0.1.
/// a and b hold either 1 element or one per channel (dim 1 of x). The result has the dtype torch's
/// type promotion gives x, a and b (bfloat16 x with float32 parameters: float32); a 16-bit result
/// is computed in float32 (the parameter sums have no 16-bit kernels) and rounded once.
/// The gradients of a and b are summed over every position that shares them.
at::Tensor pelu(const at::Tensor& x, const at::Tensor& a, const at::Tensor& b);

/// In-place forms: x is overwritten and returned. Under autograd the output is saved and the
/// backward is computed from it (elu::backward_from_output); alpha < 0 then raises c10::Error
/// before x is touched, as PyTorch's in-place ELU cannot be differentiated for alpha < 0 either.
at::Tensor& elu_(at::Tensor& x, double alpha = 1.0);
at::Tensor& selu_(at::Tensor& x);
at::Tensor& celu_(at::Tensor& x, double alpha = 1.0);

/// Correctly rounded numerics for float32 ELU, SELU and CELU (functions and modules): while a
/// guard enabling them is alive on a thread, calls made there use elu::forward_correctly_rounded
/// and elu::backward_correctly_rounded, which give the same bits on every CPU, SIMD target and
/// thread count. The choice is made at the forward call; its autograd backward follows it, on
/// whatever thread runs it. Unaffected: other dtypes, PELU, the backward of in-place calls
/// (differentiated from the output), double backward and forward-mode AD (LibTorch formulas).
/// Guards nest; the destructor restores the previous setting.
class CorrectlyRoundedGuard {
 public:
  explicit CorrectlyRoundedGuard(bool enabled = true);
  ~CorrectlyRoundedGuard();
  CorrectlyRoundedGuard(const CorrectlyRoundedGuard&) = delete;
  CorrectlyRoundedGuard& operator=(const CorrectlyRoundedGuard&) = delete;

 private:
  bool previous_;
};
/// Whether calls from this thread use the correctly rounded kernels now (false by default).
bool correctly_rounded_enabled();
/// Sets this thread's mode and returns the previous one (what the guard does; also the op
/// torch.ops.elu.set_correctly_rounded, behind elu_torch.correctly_rounded() in Python).
bool set_correctly_rounded(bool enabled);

/// Options of elu::nn::PELU.
struct PELUOptions {
  /* implicit */ PELUOptions(int64_t num_parameters = 1) : num_parameters_(num_parameters) {}
  /// 1 (shared by all positions) or the number of channels (dim 1 of the input).
  TORCH_ARG(int64_t, num_parameters);
  /// Initial value of a (the paper starts from a = b = 1).
  TORCH_ARG(double, init_a) = 1.0;
  /// Initial value of b.
  TORCH_ARG(double, init_b) = 1.0;
};

/// Drop-in for torch::nn::ELU.
class ELUImpl : public torch::nn::Cloneable<ELUImpl> {
 public:
  explicit ELUImpl(const torch::nn::ELUOptions& options_ = {});
  at::Tensor forward(at::Tensor input);
  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  torch::nn::ELUOptions options;
};
TORCH_MODULE(ELU);

/// Drop-in for torch::nn::SELU.
class SELUImpl : public torch::nn::Cloneable<SELUImpl> {
 public:
  explicit SELUImpl(const torch::nn::SELUOptions& options_ = {});
  at::Tensor forward(at::Tensor input);
  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  torch::nn::SELUOptions options;
};
TORCH_MODULE(SELU);

/// Drop-in for torch::nn::CELU.
class CELUImpl : public torch::nn::Cloneable<CELUImpl> {
 public:
  explicit CELUImpl(const torch::nn::CELUOptions& options_ = {});
  at::Tensor forward(at::Tensor input);
  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  torch::nn::CELUOptions options;
};
TORCH_MODULE(CELU);

/// PELU with learnable parameters `a` and `b` (registered under those names, float32 shape
/// {num_parameters}; module.to(torch::kDouble) converts them).
class PELUImpl : public torch::nn::Cloneable<PELUImpl> {
 public:
  explicit PELUImpl(const PELUOptions& options_ = {});
  at::Tensor forward(const at::Tensor& input);
  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  PELUOptions options;
  at::Tensor a, b;
};
TORCH_MODULE(PELU);

}  // namespace elu::nn
