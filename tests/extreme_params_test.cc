// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Parameters at the ends of the range the validator accepts (scale*alpha, input_scale and their
// product at 0.5, 0.75 and 0.99 of the type's largest value, and at its smallest normal value)
// give finite results within the documented bounds on every compiled SIMD target: forward,
// backward, backward from the output, backward with sums, and the per-channel kernels, for float
// and double. Subnormal parameters are refused with the limit in the message.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "elu/elu.hpp"
#include "reference.h"
#include "test_util.h"

namespace elu::test {
namespace {

class ExtremeParams : public hwy::TestWithParamTarget {};
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(ExtremeParams);

constexpr double kBound = 2.0;  // ULP: the general bound of forward and backward (README)

struct Case {
  std::string name;
  Params p;
};

template <typename T>
std::vector<Case> extreme_cases() {
  const double max = std::numeric_limits<T>::max(), min = std::numeric_limits<T>::min();
  std::vector<Case> cases;
  for (double f : {0.5, 0.75, 0.99}) {
    const std::string at = std::to_string(f) + "*max";
    cases.push_back({"scale*alpha=" + at, Params{f * max, 1.0, 1.0}});
    cases.push_back({"scale=" + at, Params{1.0, f * max, 1.0}});
    cases.push_back({"input_scale=" + at, Params{1.0, 1.0, f * max}});
    // Both large, their product (the backward's constant) at f * max.
    cases.push_back({"scale*alpha*input_scale=" + at, Params{f * max / 1.9, 1.0, 1.9}});
    cases.push_back({"input_scale*(scale*alpha)=" + at, Params{1.5, 1.0, f * max / 1.5}});
  }
  cases.push_back({"scale*alpha=min", Params{min, 1.0, 1.0}});
  cases.push_back({"scale=min", Params{1.0, min, 1.0}});
  cases.push_back({"input_scale=min", Params{1.0, 1.0, min}});
  cases.push_back(
      {"scale*alpha*input_scale=2*min", Params{std::sqrt(min) * 4, 1.0, std::sqrt(min) / 2}});
  // PELU with a large a and a small b: scale = a/b and input_scale = 1/b.
  cases.push_back({"pelu(0.9*max*b, 0.1)", Params::pelu(0.09 * max, 0.1)});
  return cases;
}

// Inputs where the branches, cuts and range reduction change, in units of z = input_scale * x
// (so that a huge or tiny input_scale still reaches them), plus a dense sweep of [-100, 0).
template <typename T>
std::vector<T> inputs_for(const Params& p) {
  const double max = std::numeric_limits<T>::max();
  const std::vector<double> z = {-0.5, -1e-30, -1,   -3,   -10,  -17.4,   -17.6,  -38.5, -41,
                                 -42,  -80,    -100, -150, -200, -500,    -750,   -1500, 0.0,
                                 -0.0, 1e-30,  0.5,  1,    3,    -0.3466, -0.3467};
  std::vector<T> x;
  for (double v : z) {
    x.push_back(static_cast<T>(v));
    const double scaled = v / p.input_scale;
    if (std::isfinite(scaled) && std::fabs(scaled) <= max) x.push_back(static_cast<T>(scaled));
  }
  x.push_back(-std::numeric_limits<T>::denorm_min());
  x.push_back(-std::numeric_limits<T>::min());
  x.push_back(-std::numeric_limits<T>::max());
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> uniform(-100.0, 0.0);
  for (int i = 0; i < 512; ++i) {
    const double v = uniform(rng) / p.input_scale;
    if (std::fabs(v) <= max) x.push_back(static_cast<T>(v));
  }
  for (int i = 0; i < 128; ++i) x.push_back(static_cast<T>(uniform(rng)));
  return x;
}

double exact_value(double e) { return e; }
double exact_value(const reference::DD& e) { return e.hi + e.lo; }

// got is within kBound ULP of exact; where exact is beyond the type's range, got is that infinity.
template <typename T, typename E>
::testing::AssertionResult Close(T got, E exact) {
  const double e = exact_value(exact);
  const double max = std::numeric_limits<T>::max();
  const double half_ulp_max = max * std::numeric_limits<T>::epsilon() / 4;
  if (std::fabs(e) >= max + half_ulp_max) {
    if (std::isinf(got) && std::signbit(got) == std::signbit(e)) {
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << "got " << got << ", exact " << e << " overflows";
  }
  const double err = reference::ulp_error(got, exact);
  if (std::isfinite(double(got)) && err <= kBound) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "got " << got << ", exact " << e << ": " << err << " ULP";
}

template <typename T>
void CheckCase(const Case& c) {
  SCOPED_TRACE(c.name);
  const std::vector<T> x = inputs_for<T>(c.p);
  const std::size_t n = x.size();
  std::vector<T> y(n), dx(n), dx_sums(n), dx_out(n);
  forward(std::span<const T>(x), std::span<T>(y), c.p);
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_TRUE(Close(y[i], reference::forward(x[i], c.p))) << "forward x=" << x[i];
  }
  for (double g : {1.0, -2.5, 1e-20, 3e20}) {
    const std::vector<T> dy(n, static_cast<T>(g));
    backward(std::span<const T>(dy), std::span<const T>(x), std::span<T>(dx), c.p);
    const GradSums sums = backward_with_sums(std::span<const T>(dy), std::span<const T>(x),
                                             std::span<T>(dx_sums), c.p);
    backward_from_output(std::span<const T>(dy), std::span<const T>(y), std::span<T>(dx_out), c.p);
    long double dy_y = 0, x_dx = 0, mag_y = 0, mag_x = 0;
    for (std::size_t i = 0; i < n; ++i) {
      EXPECT_TRUE(Close(dx[i], reference::backward(dy[i], x[i], c.p)))
          << "backward dy=" << g << " x=" << x[i];
      EXPECT_EQ(bits_of(dx_sums[i]), bits_of(dx[i])) << "backward_with_sums dx, x=" << x[i];
      EXPECT_TRUE(Close(dx_out[i], reference::backward_from_output(dy[i], y[i], c.p)))
          << "backward_from_output dy=" << g << " y=" << y[i];
      dy_y += static_cast<long double>(dy[i]) * y[i];
      x_dx += static_cast<long double>(x[i]) * dx[i];
      mag_y += std::fabs(static_cast<long double>(dy[i]) * y[i]);
      mag_x += std::fabs(static_cast<long double>(x[i]) * dx[i]);
    }
    // x_dx sums the very dx returned; dy_y sums f(x) as the sums' kernel forms it from dx's own
    // exponential, which may differ from forward()'s value within the bound. Then n double
    // roundings.
    const double eps = std::numeric_limits<T>::epsilon();
    if (std::isfinite(double(dy_y)) && std::isfinite(double(x_dx))) {
      EXPECT_NEAR(sums.dy_y, double(dy_y), double(mag_y) * (double(n) * 0x1p-52 + 2 * kBound * eps))
          << "dy=" << g;
      EXPECT_NEAR(sums.x_dx, double(x_dx), double(mag_x) * double(n) * 0x1p-52) << "dy=" << g;
    }
  }
}

// The per-channel kernels with one extreme case per channel, next to a plain ELU channel.
template <typename T>
void CheckChannels(const std::vector<Case>& cases) {
  std::vector<Params> params = {Params::elu(1.0)};
  for (const Case& c : cases) params.push_back(c.p);
  const std::size_t C = params.size(), rows = 96;
  std::vector<T> x(rows * C), dy(rows * C), y(rows * C), dx(rows * C);
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> z(-60.0, 2.0), g(-3.0, 3.0);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t j = 0; j < C; ++j) {
      x[r * C + j] = static_cast<T>(z(rng) / params[j].input_scale);
      dy[r * C + j] = static_cast<T>(g(rng));
    }
  }
  forward_channels(std::span<const T>(x), std::span<T>(y), std::span<const Params>(params));
  std::vector<GradSums> sums(C);
  backward_with_sums_channels(std::span<const T>(dy), std::span<const T>(x), std::span<T>(dx),
                              std::span<const Params>(params), std::span<GradSums>(sums));
  for (std::size_t i = 0; i < x.size(); ++i) {
    const Params& p = params[i % C];
    const std::string name = i % C == 0 ? "ELU(1)" : cases[i % C - 1].name;
    EXPECT_TRUE(Close(y[i], reference::forward(x[i], p))) << name << " forward x=" << x[i];
    EXPECT_TRUE(Close(dx[i], reference::backward(dy[i], x[i], p)))
        << name << " backward dy=" << dy[i] << " x=" << x[i];
  }
  // The sums: x_dx of the dx returned, to the double summation's bound; dy_y of the exact f(x),
  // which the kernel forms from dx's own exponential within kSumFormBound ULP (elu.hpp).
  constexpr double kSumFormBound = 4;
  const double eps = std::numeric_limits<T>::epsilon();
  for (std::size_t j = 0; j < C; ++j) {
    long double dy_y = 0, x_dx = 0, mag_y = 0, mag_x = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      const std::size_t i = r * C + j;
      const long double f = exact_value(reference::forward(x[i], params[j]));
      dy_y += static_cast<long double>(dy[i]) * f;
      x_dx += static_cast<long double>(x[i]) * dx[i];
      mag_y += std::fabs(static_cast<long double>(dy[i]) * f);
      mag_x += std::fabs(static_cast<long double>(x[i]) * dx[i]);
    }
    if (!std::isfinite(double(dy_y)) || !std::isfinite(double(x_dx))) continue;
    EXPECT_NEAR(sums[j].dy_y, double(dy_y),
                double(mag_y) * (double(rows) * 0x1p-52 + kSumFormBound * eps))
        << j;
    EXPECT_NEAR(sums[j].x_dx, double(x_dx), double(mag_x) * double(rows) * 0x1p-52) << j;
  }
}

TEST_P(ExtremeParams, FloatWithinBounds) {
  for (const Case& c : extreme_cases<float>()) CheckCase<float>(c);
}
TEST_P(ExtremeParams, DoubleWithinBounds) {
  for (const Case& c : extreme_cases<double>()) CheckCase<double>(c);
}
TEST_P(ExtremeParams, FloatChannelsWithinBounds) { CheckChannels<float>(extreme_cases<float>()); }
TEST_P(ExtremeParams, DoubleChannelsWithinBounds) {
  CheckChannels<double>(extreme_cases<double>());
}

// The failure that the probe found on AVX2: the exact 1.82e38 came out +Inf.
TEST_P(ExtremeParams, HugeScaleAlphaBackwardIsFinite) {
  const std::vector<float> dy = {1.0f}, x = {-0.5f};
  std::vector<float> dx(1);
  const Params p{3e38, 1.0, 1.0};
  backward(std::span<const float>(dy), std::span<const float>(x), std::span<float>(dx), p);
  EXPECT_TRUE(Close(dx[0], reference::backward(1.0f, -0.5f, p)));
}

// Subnormal parameters cannot be represented to the kernels' precision: refused, with the limit.
TEST(ExtremeParamsRefused, SubnormalParameters) {
  const double tiny = std::numeric_limits<float>::denorm_min() * 4;
  const std::vector<float> x = {-1.0f};
  std::vector<float> y = {7.0f};
  for (const Params& p : {Params{tiny, 1.0, 1.0}, Params{1.0, 1.0, tiny}}) {
    try {
      forward(std::span<const float>(x), std::span<float>(y), p);
      ADD_FAILURE() << "accepted a subnormal parameter";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("normal range: its magnitude must be 0 or in "
                                           "[1.1754943508222875e-38, 3.4028234663852886e+38]"),
                std::string::npos)
          << e.what();
    }
    EXPECT_EQ(y[0], 7.0f);  // nothing written
  }
}

}  // namespace
}  // namespace elu::test
