// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The pinned API, argument rules and errors, on every compiled SIMD target.
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "elu/elu.hpp"
#include "test_util.h"

namespace elu::test {
namespace {

// ELU_SIMD_TARGET acts once per process, before the first dispatch, so it is tested in a child:
// this binary run again with ELU_API_TEST_PRINT_TARGET set prints simd_target() and exits
// before GoogleTest starts.
const bool kPrintTargetAndExit = [] {
  if (std::getenv("ELU_API_TEST_PRINT_TARGET") == nullptr) return false;
  std::printf("%s\n", std::string(elu::simd_target()).c_str());
  std::exit(0);
}();

// What simd_target() reports in a child run with ELU_SIMD_TARGET=`want`.
std::string target_in_child(const std::string& want) {
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  const std::string command =
      "ELU_API_TEST_PRINT_TARGET=1 ELU_SIMD_TARGET='" + want + "' '" + self + "' 2>/dev/null";
  FILE* child = ::popen(command.c_str(), "r");
  if (child == nullptr) return "(popen failed)";
  char line[128] = {};
  const bool got = std::fgets(line, sizeof line, child) != nullptr;
  ::pclose(child);
  std::string out = got ? line : "(no output)";
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

class Api : public hwy::TestWithParamTarget {};
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(Api);

TEST(ApiStatic, PinnedCallsCompileWithDefaults) {
  std::vector<float> x(5, -1.0f), y(5), dx(5);
  std::vector<double> xd(5, -1.0), yd(5), dxd(5);
  elu::forward(std::span<const float>(x), std::span<float>(y));
  elu::backward(std::span<const float>(x), std::span<const float>(x), std::span<float>(dx));
  elu::backward_from_output(std::span<const float>(x), std::span<const float>(y),
                            std::span<float>(dx));
  elu::forward(std::span<const double>(xd), std::span<double>(yd), elu::Params::selu());
  elu::backward(std::span<const double>(xd), std::span<const double>(xd), std::span<double>(dxd),
                elu::Params::celu(2.0));
  elu::backward_from_output(std::span<const double>(xd), std::span<const double>(yd),
                            std::span<double>(dxd), elu::Params::elu(0.5));
  EXPECT_FLOAT_EQ(y[0], std::expm1(-1.0f));
  EXPECT_FALSE(elu::simd_target().empty());
}

TEST(ApiStatic, SimdTargetEnvironmentVariableIgnoresCase) {
  (void)kPrintTargetAndExit;
  const std::vector<int64_t> targets = hwy::SupportedAndGeneratedTargets();
  ASSERT_FALSE(targets.empty());
  // The last one is the weakest, so that the override differs from the default when it can.
  const std::string name = hwy::TargetName(targets.back());
  std::string lower = name, mixed = name;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::size_t i = 0; i < mixed.size(); i += 2) {
    mixed[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(mixed[i])));
  }
  EXPECT_EQ(target_in_child(name), name);
  EXPECT_EQ(target_in_child(lower), name) << "ELU_SIMD_TARGET=" << lower;
  EXPECT_EQ(target_in_child(mixed), name) << "ELU_SIMD_TARGET=" << mixed;
  const std::string best = hwy::TargetName(targets.front());
  EXPECT_EQ(target_in_child("no-such-target"), best);  // warns on stderr, keeps the best
}

TEST(ApiStatic, NamedMembers) {
  const Params e = Params::elu(0.3);
  EXPECT_EQ(e.alpha, 0.3);
  EXPECT_EQ(e.scale, 1.0);
  EXPECT_EQ(e.input_scale, 1.0);
  const Params s = Params::selu();
  EXPECT_DOUBLE_EQ(s.alpha, 1.6732632423543772848170429916717);
  EXPECT_DOUBLE_EQ(s.scale, 1.0507009873554804934193349852946);
  EXPECT_EQ(s.input_scale, 1.0);
  const Params c = Params::celu(4.0);
  EXPECT_EQ(c.alpha, 4.0);
  EXPECT_EQ(c.input_scale, 0.25);
  const Params p = Params::pelu(3.0, 2.0);
  EXPECT_EQ(p.alpha, 2.0);
  EXPECT_EQ(p.scale, 1.5);
  EXPECT_EQ(p.input_scale, 0.5);
  const Params d{};
  EXPECT_EQ(d.alpha, 1.0);
  EXPECT_EQ(d.scale, 1.0);
  EXPECT_EQ(d.input_scale, 1.0);
}

// Runs `call`, expects std::invalid_argument whose message contains `needle`, and checks that
// the output buffer still holds its sentinel.
template <typename T, class Call>
void ExpectRejected(Call call, const std::vector<T>& out, const std::string& needle) {
  try {
    call();
    ADD_FAILURE() << "no exception; expected one mentioning '" << needle << "'";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos)
        << "message '" << e.what() << "' does not mention '" << needle << "'";
  }
  for (const T v : out) ASSERT_EQ(v, T(7)) << "output written despite the error";
}

template <typename T>
void CheckErrors() {
  const std::vector<T> x(10, T(-0.5)), dy(10, T(1));
  std::vector<T> y(10, T(7)), short_y(9, T(7));
  using CS = std::span<const T>;
  using S = std::span<T>;
  ExpectRejected<T>([&] { elu::forward(CS(x), S(short_y)); }, short_y,
                    "x has 10 elements but y has 9");
  ExpectRejected<T>([&] { elu::backward(CS(dy), CS(x), S(short_y)); }, short_y, "dx has 9");
  ExpectRejected<T>([&] { elu::backward(CS(dy.data(), 9), CS(x), S(y)); }, y, "dy has 9");
  ExpectRejected<T>([&] { elu::backward_from_output(CS(dy), CS(x), S(short_y)); }, short_y,
                    "dx has 9");
  ExpectRejected<T>([&] { elu::backward_with_sums(CS(dy), CS(x), S(short_y)); }, short_y,
                    "dx has 9");

  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  ExpectRejected<T>([&] { elu::forward(CS(x), S(y), Params{nan, 1, 1}); }, y, "alpha");
  ExpectRejected<T>([&] { elu::forward(CS(x), S(y), Params{1, inf, 1}); }, y, "scale");
  ExpectRejected<T>([&] { elu::forward(CS(x), S(y), Params{1, 1, nan}); }, y, "input_scale");
  ExpectRejected<T>([&] { elu::forward(CS(x), S(y), Params{1, 0, 1}); }, y, "scale must be > 0");
  ExpectRejected<T>([&] { elu::forward(CS(x), S(y), Params{1, -1, 1}); }, y, "scale must be > 0");
  ExpectRejected<T>(
      [&] {
        elu::backward(CS(dy), CS(x), S(y), Params{1, 1, 0});
      },
      y, "input_scale must be > 0");
  ExpectRejected<T>(
      [&] {
        elu::backward(CS(dy), CS(x), S(y), Params{1, 1, -2});
      },
      y, "input_scale must be > 0");
  ExpectRejected<T>([&] { elu::backward_from_output(CS(dy), CS(x), S(y), Params::elu(-0.5)); }, y,
                    "alpha must be >= 0");
  ExpectRejected<T>([&] { elu::forward(CS(x), S(y), Params{1e300, 1e10, 1}); }, y, "scale*alpha");

  // Partial overlap of input and output.
  std::vector<T> buf(20, T(7));
  auto check_untouched = [&] {
    for (const T v : buf) ASSERT_EQ(v, T(7));
  };
  try {
    elu::forward(CS(buf.data(), 10), S(buf.data() + 5, 10));
    ADD_FAILURE() << "partial overlap accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("overlap"), std::string::npos) << e.what();
  }
  check_untouched();
  // backward: dx may be dy, but not x.
  try {
    elu::backward(CS(dy), CS(buf.data(), 10), S(buf.data(), 10));
    ADD_FAILURE() << "dx == x accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("x and dx"), std::string::npos) << e.what();
  }
  check_untouched();
  try {
    elu::backward_from_output(CS(dy), CS(buf.data(), 10), S(buf.data() + 3, 10));
    ADD_FAILURE() << "y/dx overlap accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("y and dx"), std::string::npos) << e.what();
  }
  check_untouched();
  try {
    elu::backward(CS(buf.data(), 10), CS(x), S(buf.data() + 1, 10));
    ADD_FAILURE() << "partial dy/dx overlap accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("partially"), std::string::npos) << e.what();
  }
  check_untouched();
}

// Validation happens before dispatch, so these need not run per target.
TEST(ApiStatic, ErrorsThrowAndWriteNothingFloat) { CheckErrors<float>(); }
TEST(ApiStatic, ErrorsThrowAndWriteNothingDouble) { CheckErrors<double>(); }

TEST(ApiStatic, SetNumThreadsRejectsNegative) {
  const int before = elu::num_threads();
  EXPECT_THROW(elu::set_num_threads(-1), std::invalid_argument);
  EXPECT_EQ(elu::num_threads(), before);
  elu::set_num_threads(1);
  EXPECT_EQ(elu::num_threads(), 1);
  elu::set_num_threads(0);
  EXPECT_GE(elu::num_threads(), 1);
}

template <typename T>
void CheckEmptyAndInPlace() {
  std::vector<T> none;
  elu::forward(std::span<const T>(none), std::span<T>(none));
  elu::backward(std::span<const T>(none), std::span<const T>(none), std::span<T>(none));
  elu::backward_from_output(std::span<const T>(none), std::span<const T>(none), std::span<T>(none));
  const GradSums s = elu::backward_with_sums(std::span<const T>(none), std::span<const T>(none),
                                             std::span<T>(none));
  EXPECT_EQ(s.dy_y, 0.0);
  EXPECT_EQ(s.x_dx, 0.0);

  SplitMix rng{42};
  for (const Params& p : {Params::elu(1.0), Params::selu(), Params::celu(3.0)}) {
    std::vector<T> x(1001), dy(1001);
    for (auto& v : x) v = T(rng.uniform(-6, 3));
    for (auto& v : dy) v = T(rng.uniform(-2, 2));
    std::vector<T> y(x.size()), inplace = x;
    elu::forward(std::span<const T>(x), std::span<T>(y), p);
    elu::forward(std::span<const T>(inplace), std::span<T>(inplace), p);
    EXPECT_EQ(y, inplace);

    std::vector<T> dx(x.size()), dx_inplace = dy;
    elu::backward(std::span<const T>(dy), std::span<const T>(x), std::span<T>(dx), p);
    elu::backward(std::span<const T>(dx_inplace), std::span<const T>(x), std::span<T>(dx_inplace),
                  p);
    EXPECT_EQ(dx, dx_inplace);

    std::vector<T> dxo(x.size()), dxo_inplace = dy;
    elu::backward_from_output(std::span<const T>(dy), std::span<const T>(y), std::span<T>(dxo), p);
    elu::backward_from_output(std::span<const T>(dxo_inplace), std::span<const T>(y),
                              std::span<T>(dxo_inplace), p);
    EXPECT_EQ(dxo, dxo_inplace);

    // backward_with_sums gives the same dx as backward, and sums that match a plain loop.
    std::vector<T> dxs(x.size());
    const GradSums sums = elu::backward_with_sums(std::span<const T>(dy), std::span<const T>(x),
                                                  std::span<T>(dxs), p);
    EXPECT_EQ(dxs, dx);
    double dy_y = 0, x_dx = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      dy_y += double(dy[i]) * double(y[i]);
      x_dx += double(x[i]) * double(dx[i]);
    }
    EXPECT_NEAR(sums.dy_y, dy_y, 1e-4 * (1 + std::fabs(dy_y)));
    EXPECT_NEAR(sums.x_dx, x_dx, 1e-4 * (1 + std::fabs(x_dx)));
  }
}

TEST_P(Api, EmptyAndInPlaceFloat) { CheckEmptyAndInPlace<float>(); }
TEST_P(Api, EmptyAndInPlaceDouble) { CheckEmptyAndInPlace<double>(); }

// No result depends on where an element sits: every length around the vector width, at every
// start offset, gives the same value as the element computed alone.
template <typename T>
void CheckPositionIndependence() {
  SplitMix rng{7};
  std::vector<T> pool(300);
  for (auto& v : pool) v = T(rng.uniform(-20, 5));
  pool[3] = T(-0.0);
  pool[17] = T(1e-30);
  const Params p = Params::selu();
  std::vector<T> single(pool.size()), single_dx(pool.size());
  for (size_t i = 0; i < pool.size(); ++i) {
    elu::forward(std::span<const T>(&pool[i], 1), std::span<T>(&single[i], 1), p);
    elu::backward(std::span<const T>(&pool[i], 1), std::span<const T>(&pool[i], 1),
                  std::span<T>(&single_dx[i], 1), p);
  }
  for (size_t offset : {0, 1, 3, 7}) {
    for (size_t n : {1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 257}) {
      if (offset + n > pool.size()) continue;
      std::vector<T> y(n), dx(n);
      elu::forward(std::span<const T>(pool.data() + offset, n), std::span<T>(y), p);
      elu::backward(std::span<const T>(pool.data() + offset, n),
                    std::span<const T>(pool.data() + offset, n), std::span<T>(dx), p);
      for (size_t i = 0; i < n; ++i) {
        ASSERT_EQ(bits_of(y[i]), bits_of(single[offset + i])) << "n=" << n << " offset=" << offset;
        ASSERT_EQ(bits_of(dx[i]), bits_of(single_dx[offset + i])) << "n=" << n;
      }
    }
  }
}

TEST_P(Api, PositionIndependenceFloat) { CheckPositionIndependence<float>(); }
TEST_P(Api, PositionIndependenceDouble) { CheckPositionIndependence<double>(); }

// All targets agree with each other within the stated bounds (each is also checked against the
// reference in the accuracy tests); here: the dispatch really switches to the requested target.
TEST_P(Api, DispatchUsesRequestedTarget) {
  EXPECT_EQ(elu::simd_target(), std::string(hwy::TargetName(GetParam())));
}

}  // namespace
}  // namespace elu::test
