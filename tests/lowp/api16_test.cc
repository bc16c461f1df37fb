// bf16 / f16 API rules: the same errors as float (thrown before anything is written), in place,
// results independent of length, alignment and position (every compiled target), bit-identical
// results for every thread count, and the streaming-store path for large outputs.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "elu/elu.hpp"
#include "lowp_test_util.h"

namespace elu::test {
namespace {

template <typename H>
std::vector<H> random_values(size_t n, uint64_t seed, double lo, double hi) {
  SplitMix rng{seed};
  std::vector<H> v(n);
  for (auto& e : v) e = H(static_cast<float>(rng.uniform(lo, hi)));
  return v;
}

template <typename H>
bool same_bits(std::span<const H> a, std::span<const H> b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size_bytes()) == 0;
}

// Runs `call`, expects std::invalid_argument mentioning `needle`, and checks `out` untouched.
template <typename H, class Call>
void ExpectRejected(Call call, const std::vector<H>& out, const std::string& needle) {
  const std::vector<H> before = out;
  try {
    call();
    ADD_FAILURE() << "no exception; expected one mentioning '" << needle << "'";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos)
        << "message '" << e.what() << "' does not mention '" << needle << "'";
  }
  EXPECT_TRUE(same_bits<H>(out, before)) << "output written despite the error";
}

template <typename H>
void CheckErrors() {
  using CS = std::span<const H>;
  using S = std::span<H>;
  std::vector<H> x(10, H(-0.5f)), dy(10, H(1.0f)), y(10, H(7.0f)), short_y(9, H(7.0f));
  ExpectRejected<H>([&] { elu::forward(CS(x), S(short_y)); }, short_y,
                    "elu::forward: x has 10 elements but y has 9");
  ExpectRejected<H>([&] { elu::backward(CS(dy), CS(x), S(short_y)); }, short_y, "dx has 9");
  ExpectRejected<H>([&] { elu::backward_from_output(CS(dy.data(), 9), CS(x), S(y)); }, y,
                    "dy has 9");
  // Partial overlap is an error; the very same array is allowed (in place).
  ExpectRejected<H>([&] { elu::forward(CS(y.data(), 9), S(y.data() + 1, 9)); }, y,
                    "overlap partially");
  ExpectRejected<H>([&] { elu::backward(CS(dy), CS(y), S(y)); }, y, "x and dx overlap");
  ExpectRejected<H>([&] { elu::backward_from_output(CS(dy), CS(y), S(y)); }, y,
                    "y and dx overlap");
  // Parameters: the float rules, with float's range (compute is f32).
  ExpectRejected<H>([&] { elu::forward(CS(x), S(y), Params{NAN, 1, 1}); }, y, "alpha");
  ExpectRejected<H>([&] { elu::forward(CS(x), S(y), Params{1, 0, 1}); }, y, "scale must be > 0");
  ExpectRejected<H>([&] { elu::forward(CS(x), S(y), Params{1, 1, -1}); }, y, "input_scale");
  ExpectRejected<H>([&] { elu::forward(CS(x), S(y), Params{1, 1e39, 1}); }, y, "normal range");
  ExpectRejected<H>([&] { elu::backward(CS(dy), CS(x), S(y), Params{1, 1, 1e-39}); }, y,
                    "normal range");
  ExpectRejected<H>([&] { elu::backward_from_output(CS(dy), CS(x), S(y), Params::elu(-1)); }, y,
                    "alpha must be >= 0");
  // f16's own range is not the limit: a scale of 1e5 is fine (results overflow to Inf).
  EXPECT_NO_THROW(elu::forward(CS(x), S(y), Params{1, 1e5, 1}));
}
TEST(LowpApi, ErrorsBF16) { CheckErrors<bf16>(); }
TEST(LowpApi, ErrorsF16) { CheckErrors<f16>(); }

TEST(LowpApi, EmptySpansAreFine) {
  std::vector<bf16> e;
  EXPECT_NO_THROW(elu::forward(std::span<const bf16>(e), std::span<bf16>(e)));
  std::vector<f16> h;
  EXPECT_NO_THROW(elu::backward(std::span<const f16>(h), std::span<const f16>(h),
                                std::span<f16>(h)));
}

class LowpApiTargets : public hwy::TestWithParamTarget {};
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(LowpApiTargets);

// Every length from 0 to a few vectors, at several offsets, in place and not: each element's
// result must not depend on where it sits (tails go through the same vector code).
template <typename H>
void CheckPositionIndependence() {
  using CS = std::span<const H>;
  using S = std::span<H>;
  const Params p = Params::selu();
  const size_t kMax = 200;
  const auto x = random_values<H>(kMax + 8, 11, -8, 4);
  const auto dy = random_values<H>(kMax + 8, 12, -2, 2);
  std::vector<H> y_all(x.size()), dx_all(x.size()), dxo_all(x.size());
  elu::forward(CS(x), S(y_all), p);
  elu::backward(CS(dy), CS(x), S(dx_all), p);
  elu::backward_from_output(CS(dy), CS(y_all), S(dxo_all), p);
  for (size_t off = 0; off < 4; ++off) {
    for (size_t n = 0; n + off <= kMax; ++n) {
      std::vector<H> y(n + off), dx(n + off), dxo(n + off);
      elu::forward(CS(x.data() + off, n), S(y.data() + off, n), p);
      elu::backward(CS(dy.data() + off, n), CS(x.data() + off, n), S(dx.data() + off, n), p);
      elu::backward_from_output(CS(dy.data() + off, n), CS(y_all.data() + off, n),
                                S(dxo.data() + off, n), p);
      ASSERT_TRUE(same_bits<H>(CS(y.data() + off, n), CS(y_all.data() + off, n)))
          << "forward n=" << n << " off=" << off << " on " << target_name();
      ASSERT_TRUE(same_bits<H>(CS(dx.data() + off, n), CS(dx_all.data() + off, n)))
          << "backward n=" << n << " off=" << off << " on " << target_name();
      ASSERT_TRUE(same_bits<H>(CS(dxo.data() + off, n), CS(dxo_all.data() + off, n)))
          << "backward_from_output n=" << n << " off=" << off << " on " << target_name();
      // In place: y may be x, dx may be dy.
      std::vector<H> in_place(x.begin() + off, x.begin() + off + n);
      elu::forward(CS(in_place), S(in_place), p);
      ASSERT_TRUE(same_bits<H>(in_place, CS(y_all.data() + off, n))) << "in place n=" << n;
      std::vector<H> g(dy.begin() + off, dy.begin() + off + n);
      elu::backward(CS(g), CS(x.data() + off, n), S(g), p);
      ASSERT_TRUE(same_bits<H>(g, CS(dx_all.data() + off, n))) << "in place backward n=" << n;
    }
  }
}
TEST_P(LowpApiTargets, PositionIndependentBF16) { CheckPositionIndependence<bf16>(); }
TEST_P(LowpApiTargets, PositionIndependentF16) { CheckPositionIndependence<f16>(); }

// Results are per element, so every thread count must give the same bits; the arrays span many
// chunks with a ragged end. Restores the thread setting.
template <typename H>
void CheckThreads() {
  using CS = std::span<const H>;
  using S = std::span<H>;
  const size_t n = (size_t{1} << 21) + 37;
  const auto x = random_values<H>(n, 21, -10, 4);
  const auto dy = random_values<H>(n, 22, -1, 1);
  const Params p = Params::celu(2.0);
  auto run = [&](int threads) {
    elu::set_num_threads(threads);
    std::vector<H> y(n), dx(n), dxo(n);
    elu::forward(CS(x), S(y), p);
    elu::backward(CS(dy), CS(x), S(dx), p);
    elu::backward_from_output(CS(dy), CS(y), S(dxo), p);
    y.insert(y.end(), dx.begin(), dx.end());
    y.insert(y.end(), dxo.begin(), dxo.end());
    return y;
  };
  const int before = elu::num_threads();
  const auto one = run(1);
  for (int t : {2, 3, 0}) EXPECT_TRUE(same_bits<H>(run(t), one)) << t << " threads";
  elu::set_num_threads(before);
}
TEST(LowpApi, BitIdenticalForEveryThreadCountBF16) { CheckThreads<bf16>(); }
TEST(LowpApi, BitIdenticalForEveryThreadCountF16) { CheckThreads<f16>(); }

// Outputs of 64 MiB and more use non-temporal stores (out of place only); in-place calls never
// do. Both must agree, also when the output starts off a vector boundary.
TEST(LowpApi, StreamingStoresGiveTheSameResults) {
  const size_t n = (size_t{32} << 20) + 3;  // 64 MiB + 6 bytes of f16
  std::vector<f16> x(n + 1);
  SplitMix rng{31};
  for (auto& v : x) v = f16(static_cast<float>(rng.uniform(-9, 3)));
  std::vector<f16> streamed(n + 1);
  elu::forward(std::span<const f16>(x.data(), n), std::span<f16>(streamed.data() + 1, n));
  std::vector<f16> in_place(x.begin(), x.begin() + n);
  elu::forward(std::span<const f16>(in_place), std::span<f16>(in_place));
  EXPECT_TRUE(same_bits<f16>(std::span<const f16>(streamed.data() + 1, n), in_place));
}

}  // namespace
}  // namespace elu::test
