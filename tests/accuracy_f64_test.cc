// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// double accuracy on every compiled SIMD target against MPFR at 128 bits: forward on 10^7 inputs
// spread over the whole range plus edge cases, backward and backward_from_output on 10^6.
#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

#include "elu/elu.hpp"
#include "reference.h"
#include "test_util.h"

namespace elu::test {
namespace {

using reference::DD;

class AccuracyF64 : public hwy::TestWithParamTarget {};
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(AccuracyF64);

constexpr size_t kForwardInputs = 10'000'000;
constexpr size_t kBackwardInputs = 1'000'000;

// 40% bit patterns strided over all 2^64, 40% uniform on [-40, 1], 20% negative with log-uniform
// magnitude down to the subnormals; then the edge cases.
std::vector<double> forward_inputs(size_t n) {
  std::vector<double> x(n);
  SplitMix rng{99};
  const size_t strided = n * 4 / 10, uniform = n * 4 / 10;
  const uint64_t step = ~uint64_t{0} / strided;
  for (size_t i = 0; i < strided; ++i) x[i] = f64_from_bits(i * step + (rng.next() % step));
  for (size_t i = strided; i < strided + uniform; ++i) x[i] = rng.uniform(-40, 1);
  for (size_t i = strided + uniform; i < n; ++i) {
    x[i] = -std::ldexp(rng.uniform(1, 2), -int(rng.next() % 1075));
  }
  const double edges[] = {0.0,
                          -0.0,
                          -std::numeric_limits<double>::denorm_min(),
                          -std::numeric_limits<double>::min(),
                          -37.42994775023705,
                          -37.5,
                          -38,
                          -0.34657359027997264,
                          -0.34657359027997259,
                          -0.6931471805599453,
                          -1e-300,
                          -1e-17,
                          -1.0,
                          -709.78,
                          -745.2,
                          std::numeric_limits<double>::infinity(),
                          -std::numeric_limits<double>::infinity()};
  for (size_t i = 0; i < std::size(edges); ++i) x[i] = edges[i];
  return x;
}

// expm1(x) (x <= 0) or x (x > 0) at 128 bits, computed once and shared by the targets and by the
// members with input_scale == 1, which are sa * expm1(x).
const std::vector<DD>& base_reference(const std::vector<double>& x) {
  static const std::vector<DD> ref = [&] {
    std::vector<DD> r(x.size());
#pragma omp parallel for schedule(dynamic, 4096)
    for (long long i = 0; i < static_cast<long long>(x.size()); ++i) {
      r[i] = reference::forward(x[i], Params{1, 1, 1});
    }
    return r;
  }();
  return ref;
}

// c * (hi + lo) as a double-double, to ~2^-104 relative.
DD scaled(double c, DD v) {
  const double hi = c * v.hi;
  const double err = std::fma(c, v.hi, -hi);
  return {hi, err + c * v.lo};
}

TEST_P(AccuracyF64, ForwardUnitInputScale) {
  static const std::vector<double> x = forward_inputs(kForwardInputs);
  const std::vector<DD>& base = base_reference(x);
  std::vector<double> y(x.size());
  for (const Member& m : members()) {
    if (m.params.input_scale != 1.0) continue;
    elu::forward(std::span<const double>(x), std::span<double>(y), m.params);
    const double sa = m.params.scale * m.params.alpha;
    double worst = 0;
    size_t at = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      const DD e = std::isnan(x[i]) ? base[i] : scaled(x[i] > 0 ? m.params.scale : sa, base[i]);
      const double u = reference::ulp_error(y[i], e);
      if (u > worst) worst = u, at = i;
    }
    std::printf("measured f64 forward  %-9s %-7s max %.4f ULP at x = %a\n", m.name,
                target_name().c_str(), worst, x[at]);
    EXPECT_LE(worst, 1.0) << m.name << ": max " << worst << " ULP at x=" << hex(x[at]) << " got "
                          << hex(y[at]) << " on " << target_name();
  }
}

TEST_P(AccuracyF64, ForwardCelu) {
  static const std::vector<double> x = forward_inputs(kBackwardInputs);
  std::vector<double> y(x.size());
  for (const Member& m : members()) {
    if (m.params.input_scale == 1.0) continue;
    static std::vector<std::vector<DD>> cache;  // per CELU member, shared by targets
    static std::vector<std::string> names;
    size_t slot = std::find(names.begin(), names.end(), m.name) - names.begin();
    if (slot == names.size()) {
      names.push_back(m.name);
      cache.emplace_back(x.size());
#pragma omp parallel for schedule(dynamic, 4096)
      for (long long i = 0; i < static_cast<long long>(x.size()); ++i) {
        cache[slot][i] = reference::forward(x[i], m.params);
      }
    }
    elu::forward(std::span<const double>(x), std::span<double>(y), m.params);
    double worst = 0;
    size_t at = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      const double u = reference::ulp_error(y[i], cache[slot][i]);
      if (u > worst) worst = u, at = i;
    }
    std::printf("measured f64 forward  %-9s %-7s max %.4f ULP\n", m.name, target_name().c_str(),
                worst);
    EXPECT_LE(worst, 2.0) << m.name << ": max " << worst << " ULP at x=" << hex(x[at]) << " on "
                          << target_name();
  }
}

template <class Ref, class Kernel>
void CheckBackward(const char* what, Ref ref, Kernel kernel, bool from_output) {
  SplitMix rng{5};
  const size_t n = kBackwardInputs;
  std::vector<double> x(n), dy(n), dx(n);
  for (size_t i = 0; i < n; ++i) {
    x[i] = i % 3 == 0 ? rng.uniform(-40, 2)
                      : (i % 3 == 1 ? rng.uniform(-800, 0)
                                    : -std::ldexp(rng.uniform(1, 2), -int(rng.next() % 1000)));
    dy[i] = i % 101 == 0 ? std::ldexp(rng.uniform(1, 2), int(rng.next() % 2000) - 1000)
                         : rng.uniform(-4, 4);
  }
  for (const Member& m : {members()[0], members()[3], members()[4]}) {
    std::vector<double> in = x;
    if (from_output) {
      elu::forward(std::span<const double>(x), std::span<double>(in), m.params);
    }
    kernel(dy, in, dx, m.params);
    std::vector<double> ulp(n);
#pragma omp parallel for schedule(dynamic, 4096)
    for (long long i = 0; i < static_cast<long long>(n); ++i) {
      ulp[i] = reference::ulp_error(dx[i], ref(dy[i], in[i], m.params));
    }
    const size_t at = std::max_element(ulp.begin(), ulp.end()) - ulp.begin();
    std::printf("measured f64 %s %-9s %-7s max %.4f ULP\n", what, m.name, target_name().c_str(),
                ulp[at]);
    EXPECT_LE(ulp[at], 2.0) << what << " " << m.name << ": max " << ulp[at]
                            << " ULP at x=" << hex(in[at]) << " dy=" << hex(dy[at]) << " on "
                            << target_name();
  }
}

TEST_P(AccuracyF64, Backward) {
  CheckBackward(
      "backward",
      [](double dy, double x, const Params& p) { return reference::backward(dy, x, p); },
      [](const auto& dy, const auto& x, auto& dx, const Params& p) {
        elu::backward(std::span<const double>(dy), std::span<const double>(x),
                      std::span<double>(dx), p);
      },
      false);
}

TEST_P(AccuracyF64, BackwardFromOutput) {
  CheckBackward(
      "backward_from_output",
      [](double dy, double y, const Params& p) {
        return reference::backward_from_output(dy, y, p);
      },
      [](const auto& dy, const auto& y, auto& dx, const Params& p) {
        elu::backward_from_output(std::span<const double>(dy), std::span<const double>(y),
                                  std::span<double>(dx), p);
      },
      true);
}

}  // namespace
}  // namespace elu::test
