// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Threads: bit-identical results for every thread count, concurrent callers, and calls from inside
// an OpenMP parallel region (which must stay on the calling thread).
#include <gtest/gtest.h>
#include <omp.h>

#include <thread>
#include <vector>

#include "elu/elu.hpp"
#include "parallel.h"
#include "test_util.h"

namespace elu::test {
namespace {

struct Outputs {
  std::vector<float> y, dx, dxo, dxs;
  GradSums sums;
  bool operator==(const Outputs& o) const {
    return y == o.y && dx == o.dx && dxo == o.dxo && dxs == o.dxs && sums.dy_y == o.sums.dy_y &&
           sums.x_dx == o.sums.x_dx;
  }
};

Outputs run_all(const std::vector<float>& x, const std::vector<float>& dy, const Params& p) {
  Outputs o;
  o.y.resize(x.size());
  o.dx.resize(x.size());
  o.dxo.resize(x.size());
  o.dxs.resize(x.size());
  elu::forward(std::span<const float>(x), std::span<float>(o.y), p);
  elu::backward(std::span<const float>(dy), std::span<const float>(x), std::span<float>(o.dx), p);
  elu::backward_from_output(std::span<const float>(dy), std::span<const float>(o.y),
                            std::span<float>(o.dxo), p);
  o.sums = elu::backward_with_sums(std::span<const float>(dy), std::span<const float>(x),
                                   std::span<float>(o.dxs), p);
  return o;
}

std::vector<float> random_vector(size_t n, uint64_t seed, double lo, double hi) {
  SplitMix rng{seed};
  std::vector<float> v(n);
  for (auto& e : v) e = float(rng.uniform(lo, hi));
  return v;
}

TEST(Threads, BitIdenticalForEveryThreadCount) {
  const size_t n = (size_t{1} << 21) + 37;  // several chunks and a ragged end
  const auto x = random_vector(n, 1, -10, 4);
  const auto dy = random_vector(n, 2, -1, 1);
  const Params p = Params::selu();
  elu::set_num_threads(1);
  const Outputs one = run_all(x, dy, p);
  for (int t : {2, 3, 8, 0}) {
    elu::set_num_threads(t);
    EXPECT_TRUE(run_all(x, dy, p) == one) << "threads=" << t;
  }
  elu::set_num_threads(0);
}

TEST(Threads, DoubleSumsBitIdenticalForEveryThreadCount) {
  const size_t n = (size_t{1} << 20) + 3;
  SplitMix rng{9};
  std::vector<double> x(n), dy(n), dx(n);
  for (auto& v : x) v = rng.uniform(-10, 4);
  for (auto& v : dy) v = rng.uniform(-1, 1);
  const Params p = Params::pelu(1.3, 0.7);
  elu::set_num_threads(1);
  const GradSums one = elu::backward_with_sums(
      std::span<const double>(dy), std::span<const double>(x), std::span<double>(dx), p);
  for (int t : {2, 5, 0}) {
    elu::set_num_threads(t);
    const GradSums s = elu::backward_with_sums(
        std::span<const double>(dy), std::span<const double>(x), std::span<double>(dx), p);
    EXPECT_EQ(s.dy_y, one.dy_y) << "threads=" << t;
    EXPECT_EQ(s.x_dx, one.x_dx) << "threads=" << t;
  }
  elu::set_num_threads(0);
}

TEST(Threads, ConcurrentCallersAreSafe) {
  const size_t n = (size_t{1} << 20) + 5;
  const auto x = random_vector(n, 3, -8, 8);
  const auto dy = random_vector(n, 4, -1, 1);
  const Outputs expected = run_all(x, dy, Params::elu(0.5));
  std::vector<std::thread> callers;
  std::vector<int> ok(6, 0);
  for (int t = 0; t < 6; ++t) {
    callers.emplace_back([&, t] {
      bool all = true;
      for (int rep = 0; rep < 3; ++rep) all = all && run_all(x, dy, Params::elu(0.5)) == expected;
      ok[t] = all;
    });
  }
  for (auto& c : callers) c.join();
  for (int t = 0; t < 6; ++t) EXPECT_TRUE(ok[t]) << "caller " << t;
}

TEST(Threads, InsideParallelRegionStaysOnCallingThread) {
  const size_t n = size_t{1} << 22;
  elu::set_num_threads(2);
  EXPECT_EQ(elu::detail::threads_for(n, 8), 2) << "a large call outside a parallel region splits";
  EXPECT_EQ(elu::detail::threads_for(1000, 8), 1) << "a small call stays on the calling thread";
  const auto x = random_vector(n, 5, -8, 8);
  std::vector<float> expected(n);
  elu::forward(std::span<const float>(x), std::span<float>(expected));
  std::vector<int> planned(2, -1);
  std::vector<std::vector<float>> outs(2, std::vector<float>(n));
#pragma omp parallel num_threads(2)
  {
    const int me = omp_get_thread_num();
    planned[me] = elu::detail::threads_for(n, 8);
    elu::forward(std::span<const float>(x), std::span<float>(outs[me]));
  }
  EXPECT_EQ(planned[0], 1);
  EXPECT_EQ(planned[1], 1);
  EXPECT_EQ(outs[0], expected);
  EXPECT_EQ(outs[1], expected);
  elu::set_num_threads(0);
}

// A host runtime's per-thread default (the LibTorch adapter passes at::get_num_threads()) applies
// only while the user has set no count, and only on the thread that set it.
TEST(Threads, DefaultCountIsThreadLocalAndYieldsToSetNumThreads) {
  const int hardware = omp_get_num_procs();
  elu::set_num_threads(0);
  EXPECT_EQ(elu::num_threads(), hardware);
  elu::set_default_num_threads(3);
  EXPECT_EQ(elu::num_threads(), 3);
  int other_thread_sees = -1;
  std::thread([&] { other_thread_sees = elu::num_threads(); }).join();
  EXPECT_EQ(other_thread_sees, hardware);
  elu::set_num_threads(2);  // the user's choice wins
  EXPECT_EQ(elu::num_threads(), 2);
  elu::set_num_threads(0);
  EXPECT_EQ(elu::num_threads(), 3);
  EXPECT_THROW(elu::set_default_num_threads(-1), std::invalid_argument);
  EXPECT_EQ(elu::num_threads(), 3);  // unchanged by the refused call
  elu::set_default_num_threads(0);
  EXPECT_EQ(elu::num_threads(), hardware);
}

}  // namespace
}  // namespace elu::test
