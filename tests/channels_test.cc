// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Per-channel parameters (forward_channels, backward_with_sums_channels) on every compiled SIMD
// target: accuracy against the exact reference per element, agreement with the one-Params calls
// within their bounds, the per-channel sums, thread determinism, aliasing and errors.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "elu/elu.hpp"
#include "reference.h"
#include "test_util.h"

namespace elu::test {
namespace {

class Channels : public hwy::TestWithParamTarget {};
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(Channels);

// PELU-style parameters that differ per channel, plus ELU, SELU and CELU among them.
std::vector<Params> channel_params(std::size_t channels) {
  std::vector<Params> p;
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> ab(0.1, 3.0);
  for (std::size_t c = 0; c < channels; ++c) {
    switch (c % 5) {
      case 0:
        p.push_back(Params::elu(1.0));
        break;
      case 1:
        p.push_back(Params::selu());
        break;
      case 2:
        p.push_back(Params::celu(2.0));
        break;
      default:
        p.push_back(Params::pelu(ab(rng), ab(rng)));
        break;
    }
  }
  return p;
}

template <typename T>
std::vector<T> random_values(std::size_t n, uint64_t seed, double lo, double hi) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(lo, hi);
  std::vector<T> v(n);
  for (T& e : v) e = static_cast<T>(u(rng));
  return v;
}

// Shapes with channel counts below, at and above a vector, and a ragged last block.
struct Shape {
  std::size_t rows, channels;
};
constexpr Shape kShapes[] = {{1, 1}, {7, 3}, {64, 16}, {33, 37}, {5, 200}, {300, 130}};

TEST_P(Channels, ForwardFloatWithinTwoUlpOfExactPerElement) {
  for (const Shape s : kShapes) {
    const auto params = channel_params(s.channels);
    const auto x = random_values<float>(s.rows * s.channels, s.channels, -20, 5);
    std::vector<float> y(x.size());
    forward_channels(std::span<const float>(x), std::span<float>(y), params);
    double worst = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      worst = std::max(
          worst, reference::ulp_error(y[i], reference::forward(x[i], params[i % s.channels])));
    }
    EXPECT_LE(worst, 2.0) << s.rows << "x" << s.channels;
  }
}

TEST_P(Channels, ForwardAgreesWithOneParamsCallsWithinTheirBounds) {
  // The one-Params call picks cheaper variants for unit input_scale; both are within their
  // bounds of the exact value, so they agree to within their sum.
  const Shape s{40, 23};
  const auto params = channel_params(s.channels);
  const auto x = random_values<double>(s.rows * s.channels, 9, -40, 5);
  std::vector<double> y(x.size()), col(s.rows), colx(s.rows);
  forward_channels(std::span<const double>(x), std::span<double>(y), params);
  for (std::size_t c = 0; c < s.channels; ++c) {
    for (std::size_t r = 0; r < s.rows; ++r) colx[r] = x[r * s.channels + c];
    forward(std::span<const double>(colx), std::span<double>(col), params[c]);
    for (std::size_t r = 0; r < s.rows; ++r) {
      const double got = y[r * s.channels + c];
      EXPECT_LE(std::fabs(got - col[r]),
                4 * std::fabs(std::nextafter(col[r], 0.0) - col[r]) + 1e-300)
          << "channel " << c << " row " << r;
    }
  }
}

template <typename T>
void CheckBackwardWithSums() {
  for (const Shape s : kShapes) {
    const auto params = channel_params(s.channels);
    const std::size_t n = s.rows * s.channels;
    const auto x = random_values<T>(n, 3 + s.channels, -30, 5);
    const auto dy = random_values<T>(n, 4 + s.channels, -2, 2);
    std::vector<T> dx(n);
    std::vector<GradSums> sums(s.channels);
    backward_with_sums_channels(std::span<const T>(dy), std::span<const T>(x), std::span<T>(dx),
                                params, sums);
    // Per channel: dx as backward_with_sums gives it with that channel's Params (within the
    // 2-ULP bounds of both), and sums that match a plain double loop.
    for (std::size_t c = 0; c < s.channels; ++c) {
      std::vector<T> cx(s.rows), cdy(s.rows), cdx(s.rows);
      for (std::size_t r = 0; r < s.rows; ++r) {
        cx[r] = x[r * s.channels + c];
        cdy[r] = dy[r * s.channels + c];
      }
      backward(std::span<const T>(cdy), std::span<const T>(cx), std::span<T>(cdx), params[c]);
      std::vector<T> cy(s.rows);
      forward(std::span<const T>(cx), std::span<T>(cy), params[c]);
      double dy_y = 0, x_dx = 0, scale = 0;
      for (std::size_t r = 0; r < s.rows; ++r) {
        const T got = dx[r * s.channels + c];
        EXPECT_LE(std::fabs(double(got) - double(cdx[r])),
                  8 * std::numeric_limits<T>::epsilon() * std::fabs(double(cdx[r])) + 1e-37)
            << "channel " << c << " row " << r;
        dy_y += double(cdy[r]) * double(cy[r]);
        x_dx += double(cx[r]) * double(got);
        scale += std::fabs(double(cdy[r]) * double(cy[r])) + std::fabs(double(cx[r]) * double(got));
      }
      const double tol = 1e-5 * (scale + 1e-30);
      EXPECT_NEAR(sums[c].dy_y, dy_y, tol) << "channel " << c;
      EXPECT_NEAR(sums[c].x_dx, x_dx, tol) << "channel " << c;
    }
  }
}
TEST_P(Channels, BackwardWithSumsFloat) { CheckBackwardWithSums<float>(); }
TEST_P(Channels, BackwardWithSumsDouble) { CheckBackwardWithSums<double>(); }

TEST_P(Channels, BitIdenticalForEveryThreadCountAndInPlace) {
  const std::size_t rows = 4096, C = 96;  // 393,216 elements: several row chunks, two threads
  const auto params = channel_params(C);
  const auto x = random_values<float>(rows * C, 5, -12, 4);
  const auto dy = random_values<float>(rows * C, 6, -1, 1);
  auto run = [&](int threads, std::vector<float>& y, std::vector<float>& dx,
                 std::vector<GradSums>& sums) {
    set_num_threads(threads);
    y.assign(x.size(), 0);
    dx.assign(x.size(), 0);
    sums.assign(C, GradSums{});
    forward_channels(std::span<const float>(x), std::span<float>(y), params);
    backward_with_sums_channels(std::span<const float>(dy), std::span<const float>(x),
                                std::span<float>(dx), params, sums);
  };
  std::vector<float> y1, dx1, y2, dx2;
  std::vector<GradSums> s1, s2;
  run(1, y1, dx1, s1);
  run(2, y2, dx2, s2);
  set_num_threads(0);
  EXPECT_EQ(y1, y2);
  EXPECT_EQ(dx1, dx2);
  for (std::size_t c = 0; c < C; ++c) {
    EXPECT_EQ(s1[c].dy_y, s2[c].dy_y);
    EXPECT_EQ(s1[c].x_dx, s2[c].x_dx);
  }
  // In place: y may be x, dx may be dy, with the same results.
  std::vector<float> inplace = x;
  forward_channels(std::span<const float>(inplace), std::span<float>(inplace), params);
  EXPECT_EQ(inplace, y1);
  std::vector<float> g = dy;
  std::vector<GradSums> s3(C);
  backward_with_sums_channels(std::span<const float>(g), std::span<const float>(x),
                              std::span<float>(g), params, s3);
  EXPECT_EQ(g, dx1);
  EXPECT_EQ(s3[7].dy_y, s1[7].dy_y);
}

TEST_P(Channels, SpecialValues) {
  const std::vector<Params> params = {Params::elu(1.0), Params::pelu(2.0, 0.5)};
  const float inf = std::numeric_limits<float>::infinity();
  const std::vector<float> x = {-inf, -inf, -0.0f, 0.0f, inf, std::nanf("")};
  std::vector<float> y(x.size());
  forward_channels(std::span<const float>(x), std::span<float>(y), params);
  EXPECT_EQ(y[0], -1.0f);           // ELU(1) saturates at exactly -alpha
  EXPECT_EQ(y[1], -2.0f);           // PELU(a=2, b=0.5) at -a
  EXPECT_TRUE(std::signbit(y[2]));  // f(-0) = -0
  EXPECT_EQ(y[3], 0.0f);
  EXPECT_EQ(y[4], inf);
  EXPECT_TRUE(std::isnan(y[5]));
}

TEST(ChannelsErrors, ThrowAndWriteNothing) {
  const std::vector<float> x(12, -1.0f), dy(12, 1.0f);
  std::vector<float> y(12, 7.0f);
  std::vector<GradSums> sums(4, GradSums{7, 7});
  const std::vector<Params> four(4, Params::elu(1.0)), five(5, Params::elu(1.0)), none;
  auto expect_error = [&](auto call, const std::string& needle) {
    try {
      call();
      ADD_FAILURE() << "no exception; expected one mentioning '" << needle << "'";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
    for (float v : y) ASSERT_EQ(v, 7.0f);
    for (const GradSums& s : sums) ASSERT_EQ(s.dy_y, 7.0);
  };
  using CS = std::span<const float>;
  using S = std::span<float>;
  expect_error([&] { forward_channels(CS(x), S(y), none); }, "params is empty");
  expect_error([&] { forward_channels(CS(x), S(y), five); }, "not a whole number of rows of 5");
  expect_error([&] { forward_channels(CS(x), S(y.data(), 11), four); }, "y has 11");
  std::vector<Params> bad = four;
  bad[2].scale = -1.0;
  expect_error([&] { forward_channels(CS(x), S(y), bad); }, "params[2]");
  expect_error([&] { forward_channels(CS(y.data() + 1, 8), S(y.data(), 8), four); }, "overlap");
  expect_error(
      [&] {
        backward_with_sums_channels(CS(dy), CS(x), S(y), four, std::span<GradSums>(sums.data(), 3));
      },
      "sums has 3 elements but params has 4");
  expect_error([&] { backward_with_sums_channels(CS(dy), CS(y), S(y), four, sums); }, "overlap");
  bad[2].scale = 1.0;
  bad[3].alpha = std::nan("");
  expect_error([&] { backward_with_sums_channels(CS(dy), CS(x), S(y), bad, sums); }, "params[3]");
}

}  // namespace
}  // namespace elu::test
