// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Data-parallel gradients without a C++ DistributedDataParallel (LibTorch has none): the
// parameters' gradients are summed over the ranks in a few flat buckets, each a Gloo all-reduce.
// With overlap on, a bucket starts as soon as the backward pass has produced all of its
// gradients (hooks on the parameters), while the pass goes on with the earlier layers.
#pragma once

#include <torch/types.h>

#include <cstddef>
#include <vector>

#include "dist/communicator.h"

namespace elu::lab::dist {

/// A bucket holds parameters (from the last layer back) up to this many bytes; a larger tensor has
/// a bucket of its own. DDP's 25 MiB (and its first bucket's 1 MiB) would put each of elu-lab's
/// models, all under 1 MiB but the autoencoder, in one bucket that starts only when the whole
/// backward pass is done.
inline constexpr std::size_t kBucketBytes = 512u << 10;

class GradientSync {
 public:
  /// `parameters` in the model's order; buckets fill from the last one, as gradients arrive.
  GradientSync(Communicator& comm, std::vector<torch::Tensor> parameters, bool overlap);
  GradientSync(const GradientSync&) = delete;
  GradientSync& operator=(const GradientSync&) = delete;
  ~GradientSync();  // removes the hooks

  /// Before backward. `loss_share` is this rank's loss already weighted by its share of the
  /// global batch (its rows / the batch's rows), so the sum over ranks is the global mean loss.
  void begin_step(double loss_share);
  /// After backward (or, for a rank with no rows in this batch, instead of it: `has_gradients`
  /// false sends zeros). Leaves the summed gradients in every parameter's grad and returns the
  /// global loss.
  double finish_step(bool has_gradients = true);

  std::size_t buckets() const { return buckets_.size(); }
  /// Seconds spent in finish_step (waiting for the all-reduces and copying their sums back):
  /// the communication the backward pass did not hide. And the steps so far.
  double exposed_seconds() const { return exposed_seconds_; }
  std::size_t steps() const { return steps_; }

 private:
  struct Bucket {
    std::vector<std::size_t> params;  // indices into parameters_
    std::vector<int64_t> offsets;     // of each in flat
    torch::Tensor flat;               // float, the gradients (and, in the last bucket, the loss)
    std::size_t pending = 0;          // gradients still to arrive this step
    c10::intrusive_ptr<c10d::Work> work;
  };
  void on_gradient(std::size_t param, const torch::Tensor& grad);
  void launch(Bucket& bucket);

  Communicator& comm_;
  std::vector<torch::Tensor> parameters_;
  bool overlap_;
  std::vector<Bucket> buckets_;
  std::vector<std::size_t> bucket_of_;  // per parameter
  std::vector<unsigned> hooks_;         // per parameter, with overlap
  int64_t loss_slot_ = 0;               // in buckets_.back().flat
  bool in_step_ = false;
  double exposed_seconds_ = 0;
  std::size_t steps_ = 0;
};

}  // namespace elu::lab::dist
