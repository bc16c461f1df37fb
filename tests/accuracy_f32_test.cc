// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// float accuracy on every compiled SIMD target: forward on 2^26 bit patterns spread over all 2^32
// (the full sweep is tests/exhaustive), backward and backward_from_output on random samples.
#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "elu/elu.hpp"
#include "reference.h"
#include "test_util.h"

namespace elu::test {
namespace {

class AccuracyF32 : public hwy::TestWithParamTarget {};
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(AccuracyF32);

struct Worst {
  double ulp = 0;
  double at = 0, got = 0, exact = 0;
  void take(double u, double x, double g, double e) {
    if (u > ulp || std::isnan(u)) *this = {std::isnan(u) ? INFINITY : u, x, g, e};
  }
  void merge(const Worst& o) {
    if (o.ulp > ulp) *this = o;
  }
};

std::string describe(const Worst& w) {
  return "max " + std::to_string(w.ulp) + " ULP at x=" + hex(w.at) + " got " + hex(w.got) +
         " exact " + hex(w.exact) + " on " + target_name();
}

// 2^26 patterns: one per block of 64 consecutive bit patterns, at a pseudo-random place in it.
constexpr uint64_t kSampleLog2 = 26;
uint32_t sample_bits(uint64_t i) {
  SplitMix m{i};
  return static_cast<uint32_t>((i << (32 - kSampleLog2)) |
                               (m.next() & ((1u << (32 - kSampleLog2)) - 1)));
}

TEST_P(AccuracyF32, ForwardStridedSample) {
  constexpr uint64_t kTotal = uint64_t{1} << kSampleLog2;
  constexpr uint64_t kBlock = 1 << 16;
  for (const Member& m : members()) {
    Worst worst;
#pragma omp parallel
    {
      Worst mine;
      std::vector<float> x(kBlock), y(kBlock);
#pragma omp for schedule(dynamic)
      for (long long b = 0; b < static_cast<long long>(kTotal / kBlock); ++b) {
        for (uint64_t j = 0; j < kBlock; ++j) x[j] = f32_from_bits(sample_bits(b * kBlock + j));
        elu::forward(std::span<const float>(x), std::span<float>(y), m.params);
        for (uint64_t j = 0; j < kBlock; ++j) {
          const double e = reference::forward(x[j], m.params);
          mine.take(reference::ulp_error(y[j], e), x[j], y[j], e);
        }
      }
#pragma omp critical
      worst.merge(mine);
    }
    EXPECT_LE(worst.ulp, m.max_ulp_f32) << m.name << ": " << describe(worst);
    std::printf("measured f32 forward  %-9s %-7s max %.4f ULP\n", m.name, target_name().c_str(),
                worst.ulp);
  }
}

// Every float in [-0.36, -0.25]: n = 0 with t at the end of the reduced range, where the
// polynomial's rounding reaches the result scaled by |sa t| and the error budget is smallest.
// The strided sample above missed 109 SELU inputs over 1 ULP here on the targets without FMA
// (found by the exhaustive sweep, since fixed); this range holds them.
TEST_P(AccuracyF32, ForwardEveryFloatNearReducedRangeEnd) {
  const uint32_t lo = bits_of(-0.25f), hi = bits_of(-0.36f);  // negative: bits grow with |x|
  std::vector<float> x(hi - lo + 1), y(x.size());
  for (uint32_t b = lo; b <= hi; ++b) x[b - lo] = f32_from_bits(b);
  for (const Member& m : members()) {
    elu::forward(std::span<const float>(x), std::span<float>(y), m.params);
    Worst worst;
    for (size_t j = 0; j < x.size(); ++j) {
      const double e = reference::forward(x[j], m.params);
      worst.take(reference::ulp_error(y[j], e), x[j], y[j], e);
    }
    EXPECT_LE(worst.ulp, m.max_ulp_f32) << m.name << ": " << describe(worst);
  }
}

// Random x over the interesting range (and all magnitudes), random dy.
std::vector<float> sample_x(size_t n, uint64_t seed) {
  SplitMix rng{seed};
  std::vector<float> x(n);
  for (size_t i = 0; i < n; ++i) {
    switch (i % 4) {
      case 0:
        x[i] = float(rng.uniform(-20, 1));
        break;
      case 1:
        x[i] = float(rng.uniform(-210, 0));
        break;
      case 2:
        x[i] = -float(std::ldexp(1.0, -int(rng.next() % 150)) * rng.uniform(1, 2));
        break;
      default:
        x[i] = f32_from_bits(static_cast<uint32_t>(rng.next()));
        break;
    }
  }
  return x;
}

std::vector<float> sample_dy(size_t n, uint64_t seed) {
  SplitMix rng{seed};
  std::vector<float> dy(n);
  for (size_t i = 0; i < n; ++i) {
    dy[i] = float(rng.uniform(-4, 4));
    if (i % 97 == 0) dy[i] = float(std::ldexp(rng.uniform(1, 2), int(rng.next() % 250) - 125));
  }
  return dy;
}

TEST_P(AccuracyF32, BackwardSample) {
  const size_t n = size_t{1} << 22;
  const auto x = sample_x(n, 11);
  const auto dy = sample_dy(n, 12);
  std::vector<float> dx(n);
  for (const Member& m : members()) {
    elu::backward(std::span<const float>(dy), std::span<const float>(x), std::span<float>(dx),
                  m.params);
    Worst worst;
    for (size_t i = 0; i < n; ++i) {
      const double e = reference::backward(dy[i], x[i], m.params);
      worst.take(reference::ulp_error(dx[i], e), x[i], dx[i], e);
    }
    EXPECT_LE(worst.ulp, 2.0) << m.name << ": " << describe(worst);
    std::printf("measured f32 backward %-9s %-7s max %.4f ULP\n", m.name, target_name().c_str(),
                worst.ulp);
  }
}

TEST_P(AccuracyF32, BackwardFromOutputSample) {
  const size_t n = size_t{1} << 22;
  const auto x = sample_x(n, 21);
  const auto dy = sample_dy(n, 22);
  std::vector<float> y(n), dx(n);
  for (const Member& m : members()) {
    elu::forward(std::span<const float>(x), std::span<float>(y), m.params);
    // Half real outputs, half arbitrary values in [-scale*alpha, 10].
    SplitMix rng{23};
    const double sa = float(m.params.scale * m.params.alpha);
    for (size_t i = 1; i < n; i += 2) y[i] = float(rng.uniform(-sa, 10));
    elu::backward_from_output(std::span<const float>(dy), std::span<const float>(y),
                              std::span<float>(dx), m.params);
    Worst worst;
    for (size_t i = 0; i < n; ++i) {
      const double e = reference::backward_from_output(dy[i], y[i], m.params);
      worst.take(reference::ulp_error(dx[i], e), y[i], dx[i], e);
    }
    EXPECT_LE(worst.ulp, 2.0) << m.name << ": " << describe(worst);
    std::printf("measured f32 from_output %-9s %-7s max %.4f ULP\n", m.name, target_name().c_str(),
                worst.ulp);
  }
}

}  // namespace
}  // namespace elu::test
