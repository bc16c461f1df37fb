// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "verdicts.h"

namespace elu_bench {
namespace {

constexpr std::size_t kK = 1024, kM = kK * kK;
const std::vector<std::size_t> kAllSizes = {4 * kK, 64 * kK, kM, 16 * kM, 128 * kM};

std::vector<Target::Point> at(const std::string& subject, const std::string& reference,
                              const std::vector<std::size_t>& sizes) {
  std::vector<Target::Point> points;
  for (std::size_t n : sizes) points.push_back({subject, reference, n});
  return points;
}

}  // namespace

const std::vector<Comparison>& comparisons() {
  static const std::vector<Comparison> list = {
      {"elu/forward/f32/out",
       {"xnnpack/forward/f32/out", "onednn/forward/f32/out", "torch/forward/f32/out",
        "relu/forward/f32/out", "memcpy/copy/f32/out"}},
      {"elu/forward/f32/inplace", {"xnnpack/forward/f32/out", "relu/forward/f32/out"}},
      {"elu/backward/f32/out",
       {"onednn/backward/f32/out", "onednn/backward_from_output/f32/out",
        "torch/backward/f32/out"}},
      {"elu/backward_from_output/f32/out",
       {"onednn/backward_from_output/f32/out", "torch/backward_from_output/f32/out"}},
      {"elu/forward/f64/out",
       {"torch/forward/f64/out", "relu/forward/f64/out", "memcpy/copy/f64/out"}},
      {"elu/backward/f64/out", {"torch/backward/f64/out"}},
      {"elu/backward_from_output/f64/out", {"torch/backward_from_output/f64/out"}},
      {"elu/forward/bf16/out",
       {"torch/forward/bf16/out", "onednn/forward/bf16/out", "elu/forward/f32/out",
        "memcpy/copy/bf16/out"}},
      {"elu/forward/f16/out",
       {"torch/forward/bf16/out", "onednn/forward/f16/out", "elu/forward/f32/out",
        "memcpy/copy/f16/out"}},
      {"elu/forward/qs8/out", {"xnnpack/forward/qs8/out", "memcpy/copy/qs8/out"}},
      {"elu_nn/elu_autograd/f32/64x4096", {"torch_nn/elu_autograd/f32/64x4096"}},
      {"elu_nn/elu_autograd/f32/256x65536", {"torch_nn/elu_autograd/f32/256x65536"}},
      {"elu_nn/pelu_autograd/f32/64x4096", {"elu_nn/elu_autograd/f32/64x4096"}},
      {"elu_nn/pelu_autograd/f32/256x65536", {"elu_nn/elu_autograd/f32/256x65536"}},
  };
  return list;
}

std::optional<double> speed_ratio(const Results& r, int threads, const std::string& subject,
                                  const std::string& reference, std::size_t n) {
  const auto s = r.find(threads, subject, n), ref = r.find(threads, reference, n);
  if (!s || !ref || *s <= 0) return std::nullopt;
  return *ref / *s;
}

std::vector<Target> targets() {
  using K = Target::Kind;
  const std::string fwd = "elu/forward/f32/out", xnn = "xnnpack/forward/f32/out";
  const std::string dnnl_bwd = "onednn/backward_from_output/f32/out";
  const std::size_t small = 64 * kK * 4, large = 256 * 64 * kK;  // (64, 4096), (256, 65536)
  return {
      {"kernels", "f32 forward throughput vs XNNPACK at 4K, 64K, 1M, 16M", K::speed_at_least, 1.0,
       false, at(fwd, xnn, {4 * kK, 64 * kK, kM, 16 * kM})},
      {"kernels", "f32 forward throughput vs XNNPACK at 128M", K::speed_at_least, 1.25, false,
       at(fwd, xnn, {128 * kM})},
      {"kernels", "f32 forward time vs ReLU loop at 16M, 128M", K::time_at_most, 1.1, false,
       at(fwd, "relu/forward/f32/out", {16 * kM, 128 * kM})},
      {"kernels", "f32 backward vs oneDNN backward (use_dst), every size", K::speed_at_least, 1.0,
       false, at("elu/backward/f32/out", dnnl_bwd, kAllSizes)},
      {"kernels", "f32 backward_from_output vs oneDNN backward (use_dst), every size",
       K::speed_at_least, 1.0, false, at("elu/backward_from_output/f32/out", dnnl_bwd, kAllSizes)},
      {"kernels", "f64 forward vs LibTorch double at 64K", K::speed_at_least, 2.0, false,
       at("elu/forward/f64/out", "torch/forward/f64/out", {64 * kK})},
      {"kernels", "all threads: f32 forward vs XNNPACK (same pool size), 64K and above",
       K::speed_at_least, 1.0, true, at(fwd, xnn, {64 * kK, kM, 16 * kM, 128 * kM})},
      {"low precision", "bf16 forward throughput vs elu f32 forward at 16M, 128M",
       K::speed_at_least, 1.7, false, at("elu/forward/bf16/out", fwd, {16 * kM, 128 * kM})},
      {"low precision", "f16 forward throughput vs elu f32 forward at 16M, 128M", K::speed_at_least,
       1.7, false, at("elu/forward/f16/out", fwd, {16 * kM, 128 * kM})},
      {"low precision", "bf16 forward vs LibTorch bf16 at 64K", K::speed_at_least, 2.0, false,
       at("elu/forward/bf16/out", "torch/forward/bf16/out", {64 * kK})},
      {"low precision", "int8 forward time vs memcpy of the same bytes at 1M", K::time_at_most, 2.0,
       false, at("elu/forward/qs8/out", "memcpy/copy/qs8/out", {kM})},
      {"LibTorch adapter",
       "elu::nn::ELU vs torch::nn::ELU, forward + backward, (64,4096) and (256,65536)",
       K::speed_at_least,
       2.0,
       false,
       {{"elu_nn/elu_autograd/f32/64x4096", "torch_nn/elu_autograd/f32/64x4096", small},
        {"elu_nn/elu_autograd/f32/256x65536", "torch_nn/elu_autograd/f32/256x65536", large}}},
      {"LibTorch adapter",
       "elu::nn::PELU time vs elu::nn::ELU, forward + backward with parameter gradients",
       K::time_at_most,
       1.5,
       false,
       {{"elu_nn/pelu_autograd/f32/64x4096", "elu_nn/elu_autograd/f32/64x4096", small},
        {"elu_nn/pelu_autograd/f32/256x65536", "elu_nn/elu_autograd/f32/256x65536", large}}},
  };
}

std::vector<TargetVerdict> evaluate(const std::vector<Target>& list, const Results& r,
                                    int all_threads) {
  std::vector<TargetVerdict> out;
  for (const Target& target : list) {
    TargetVerdict v{&target, target.all_threads ? all_threads : 1, {}, TargetVerdict::State::met};
    bool missing = false, failed = false;
    for (const Target::Point& p : target.points) {
      std::optional<double> ratio = speed_ratio(r, v.threads, p.subject, p.reference, p.n);
      if (ratio && target.kind == Target::Kind::time_at_most) ratio = 1.0 / *ratio;
      v.ratios.push_back(ratio);
      if (!ratio) {
        missing = true;
      } else if (target.kind == Target::Kind::speed_at_least ? *ratio < target.required
                                                             : *ratio > target.required) {
        failed = true;
      }
    }
    // One failing point decides; otherwise a missing one leaves the target unjudged.
    v.state = failed    ? TargetVerdict::State::not_met
              : missing ? TargetVerdict::State::not_measured
                        : TargetVerdict::State::met;
    out.push_back(std::move(v));
  }
  return out;
}

const char* state_name(TargetVerdict::State s) {
  switch (s) {
    case TargetVerdict::State::met:
      return "MET";
    case TargetVerdict::State::not_met:
      return "NOT MET";
    case TargetVerdict::State::not_measured:
      return "NOT MEASURED";
  }
  return "?";
}

}  // namespace elu_bench
