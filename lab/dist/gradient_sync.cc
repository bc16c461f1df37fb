// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "dist/gradient_sync.h"

#include <chrono>
#include <stdexcept>

namespace elu::lab::dist {

GradientSync::GradientSync(Communicator& comm, std::vector<torch::Tensor> parameters, bool overlap)
    : comm_(comm), parameters_(std::move(parameters)), overlap_(overlap) {
  bucket_of_.resize(parameters_.size());
  std::size_t bytes = 0;
  for (std::size_t k = parameters_.size(); k-- > 0;) {
    const torch::Tensor& p = parameters_[k];
    if (p.scalar_type() != torch::kFloat32) {
      throw std::invalid_argument("GradientSync: every parameter must be float32");
    }
    const auto size = static_cast<std::size_t>(p.numel()) * sizeof(float);
    if (buckets_.empty() || (bytes > 0 && bytes + size > kBucketBytes)) {
      buckets_.emplace_back();
      bytes = 0;
    }
    Bucket& b = buckets_.back();
    b.offsets.push_back(b.params.empty() ? 0
                                         : b.offsets.back() + parameters_[b.params.back()].numel());
    b.params.push_back(k);
    bucket_of_[k] = buckets_.size() - 1;
    bytes += size;
  }
  for (Bucket& b : buckets_) {
    int64_t n = b.params.empty() ? 0 : b.offsets.back() + parameters_[b.params.back()].numel();
    if (&b == &buckets_.back()) loss_slot_ = n++;
    b.flat = torch::zeros({n}, torch::kFloat32);
  }
  if (overlap_) {
    for (std::size_t k = 0; k < parameters_.size(); ++k) {
      hooks_.push_back(parameters_[k].register_hook(
          [this, k](const torch::Tensor& grad) { on_gradient(k, grad); }));
    }
  }
}

GradientSync::~GradientSync() {
  for (std::size_t k = 0; k < hooks_.size(); ++k) parameters_[k].remove_hook(hooks_[k]);
}

void GradientSync::begin_step(double loss_share) {
  for (Bucket& b : buckets_) {
    b.pending = b.params.size();
    b.work.reset();
  }
  buckets_.back().flat[loss_slot_] = static_cast<float>(loss_share);
  in_step_ = true;
}

void GradientSync::on_gradient(std::size_t param, const torch::Tensor& grad) {
  if (!in_step_) return;  // a backward pass outside training (none today)
  Bucket& b = buckets_[bucket_of_[param]];
  if (b.work) return;  // launched already (a second gradient would be a bug in a model)
  std::size_t slot = 0;
  while (b.params[slot] != param) ++slot;
  b.flat.narrow(0, b.offsets[slot], grad.numel()).copy_(grad.reshape(-1));
  if (--b.pending == 0) launch(b);
}

void GradientSync::launch(Bucket& b) { b.work = comm_.allreduce_sum_async(b.flat); }

double GradientSync::finish_step(bool has_gradients) {
  const auto start = std::chrono::steady_clock::now();
  // Buckets the hooks did not start (overlap off, no rows here, a parameter without a gradient):
  // fill them from the gradients as they stand now, zeros where there are none.
  for (Bucket& b : buckets_) {
    if (b.work) continue;
    for (std::size_t slot = 0; slot < b.params.size(); ++slot) {
      const torch::Tensor& p = parameters_[b.params[slot]];
      torch::Tensor part = b.flat.narrow(0, b.offsets[slot], p.numel());
      if (has_gradients && p.grad().defined()) {
        part.copy_(p.grad().reshape(-1));
      } else {
        part.zero_();
      }
    }
    launch(b);
  }
  for (Bucket& b : buckets_) comm_.wait(b.work, "the gradient all-reduce");
  for (Bucket& b : buckets_) {
    for (std::size_t slot = 0; slot < b.params.size(); ++slot) {
      torch::Tensor& p = parameters_[b.params[slot]];
      const torch::Tensor summed = b.flat.narrow(0, b.offsets[slot], p.numel()).view(p.sizes());
      if (p.grad().defined()) {
        p.mutable_grad().copy_(summed);
      } else {
        p.mutable_grad() = summed.clone();
      }
    }
  }
  in_step_ = false;
  ++steps_;
  exposed_seconds_ +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return buckets_.back().flat[loss_slot_].item<double>();
}

}  // namespace elu::lab::dist
