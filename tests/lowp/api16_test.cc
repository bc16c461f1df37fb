// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// bf16 / f16 API rules: the same errors as float (thrown before anything is written), in place,
// results independent of length, alignment and position (every compiled target), bit-identical
// results for every thread count, and the streaming-store path for large outputs.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "elu/elu.hpp"
#include "kernels/lowp.h"
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
  if (a.size() != b.size()) return false;
  return a.empty() || std::memcmp(a.data(), b.data(), a.size_bytes()) == 0;
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
  ExpectRejected<H>([&] { elu::backward_from_output(CS(dy), CS(y), S(y)); }, y, "y and dx overlap");
  // Parameters: the float rules, with float's range (compute is f32).
  ExpectRejected<H>([&] { elu::forward(CS(x), S(y), Params{NAN, 1, 1}); }, y, "alpha");
  ExpectRejected<H>([&] { elu::forward(CS(x), S(y), Params{1, 0, 1}); }, y, "scale must be > 0");
  ExpectRejected<H>([&] { elu::forward(CS(x), S(y), Params{1, 1, -1}); }, y, "input_scale");
  ExpectRejected<H>([&] { elu::forward(CS(x), S(y), Params{1, 1e39, 1}); }, y, "normal range");
  ExpectRejected<H>(
      [&] {
        elu::backward(CS(dy), CS(x), S(y), Params{1, 1, 1e-39});
      },
      y, "normal range");
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
  EXPECT_NO_THROW(
      elu::backward(std::span<const f16>(h), std::span<const f16>(h), std::span<f16>(h)));
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

// The lookup behind the table path, on every target: every length up to a few vectors, several
// offsets, with and without streaming stores, in place.
TEST_P(LowpApiTargets, TableLookupMatchesAScalarLookup) {
  SplitMix rng{41};
  std::vector<uint16_t> table(65537);
  for (auto& e : table) e = static_cast<uint16_t>(rng.next());
  std::vector<uint16_t> x(700), y(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = static_cast<uint16_t>(i < 4 ? 65535 - i : rng.next());  // the last entries too
  }
  for (bool stream : {false, true}) {
    for (size_t off = 0; off < 4; ++off) {
      for (size_t n = 0; n + off <= x.size(); n += (n < 300 ? 1 : 37)) {
        std::fill(y.begin(), y.end(), uint16_t{0xABCD});
        detail::lookup16_kernel(x.data() + off, y.data() + off, n, table.data(), stream);
        for (size_t i = 0; i < y.size(); ++i) {
          const bool inside = i >= off && i < off + n;
          ASSERT_EQ(y[i], inside ? table[x[i]] : 0xABCD)
              << "n=" << n << " off=" << off << " stream=" << stream << " on " << target_name();
        }
      }
    }
  }
  std::vector<uint16_t> z = x;
  detail::lookup16_kernel(z.data(), z.data(), z.size(), table.data(), false);
  for (size_t i = 0; i < z.size(); ++i) ASSERT_EQ(z[i], table[x[i]]);
}

// Large calls switch to a table of all 65,536 results (src/kernels/lowp_table.cc). It must give
// the same bits as computing, also once more parameter sets than the cache holds evict tables.
template <typename H>
void CheckTablePath() {
  using CS = std::span<const H>;
  using S = std::span<H>;
  const detail::HalfType type =
      std::is_same_v<H, bf16> ? detail::HalfType::kBF16 : detail::HalfType::kF16;
  const size_t n = detail::kTableAfterElements + 77;
  std::vector<H> x(n);
  SplitMix rng{51};
  for (size_t i = 0; i < n; ++i) {
    x[i] = H::from_bits(static_cast<uint16_t>(i < 65536 ? i : rng.next()));
  }
  const Params params[] = {Params::elu(1.0), Params::selu(),    Params::celu(2.0),
                           Params::elu(0.3), Params::celu(0.7), Params::pelu(1.5, 2.0)};
  for (int pass = 0; pass < 2; ++pass) {
    for (const Params& p : params) {
      std::vector<H> computed(n), looked_up(n);
      const size_t piece = detail::kTableMinCall - 1;  // small calls always compute
      for (size_t b = 0; b < n; b += piece) {
        const size_t len = std::min(piece, n - b);
        elu::forward(CS(x.data() + b, len), S(computed.data() + b, len), p);
      }
      elu::forward(CS(x), S(looked_up), p);
      const auto table = detail::forward_table(type, detail::make_kernel_params<float>(p), n);
      ASSERT_NE(table, nullptr) << "a call of " << n << " elements should have built a table";
      ASSERT_TRUE(same_bits<H>(looked_up, computed)) << "pass " << pass;
    }
  }
}
TEST(LowpApi, TablePathGivesTheComputedBitsBF16) { CheckTablePath<bf16>(); }
TEST(LowpApi, TablePathGivesTheComputedBitsF16) { CheckTablePath<f16>(); }

// Results are per element, so every thread count must give the same bits, on the table path
// (large forward calls) and on the computing path (a parameter set used on fewer than
// kTableAfterElements elements, in calls large enough to be split over threads). The arrays
// span several chunks with a ragged end. Restores the thread setting.
template <typename H>
void CheckThreads(size_t n, const Params& p, bool expect_table) {
  using CS = std::span<const H>;
  using S = std::span<H>;
  const auto x = random_values<H>(n, 21, -10, 4);
  const auto dy = random_values<H>(n, 22, -1, 1);
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
  for (int t : {2, 3}) EXPECT_TRUE(same_bits<H>(run(t), one)) << t << " threads";
  elu::set_num_threads(before);
  const detail::HalfType type =
      std::is_same_v<H, bf16> ? detail::HalfType::kBF16 : detail::HalfType::kF16;
  const auto k = detail::make_kernel_params<float>(p);
  EXPECT_EQ(detail::forward_table(type, k, detail::kTableMinCall) != nullptr, expect_table)
      << "the test meant to exercise the " << (expect_table ? "table" : "computing") << " path";
}
template <typename H>
void CheckThreadsBothPaths() {
  CheckThreads<H>(detail::kTableAfterElements + 37, Params::celu(2.0), /*expect_table=*/true);
  // 3 calls of 270,000 elements (over 1 MiB of traffic each, so split over threads): 810,000
  // elements in all, below kTableAfterElements, so no table.
  // ELU(0.123) is used by no other test.
  CheckThreads<H>(270000, Params::elu(0.123), /*expect_table=*/false);
}
TEST(LowpApi, BitIdenticalForEveryThreadCountBF16) { CheckThreadsBothPaths<bf16>(); }
TEST(LowpApi, BitIdenticalForEveryThreadCountF16) { CheckThreadsBothPaths<f16>(); }

// Large outputs use non-temporal stores (out of place only; src/parallel.cc sets the size). The
// kernels take the decision as a flag, so the streaming loops are checked here on every target with
// small arrays, at every output alignment, against the ordinary stores.
template <typename H>
void CheckStreaming() {
  const size_t n = 3000;
  const auto x = random_values<H>(n, 61, -9, 3);
  const auto dy = random_values<H>(n, 62, -2, 2);
  const auto k = detail::make_kernel_params<float>(Params::selu());
  std::vector<H> plain(n), plain_dx(n), plain_dxo(n);
  detail::forward_kernel(x.data(), plain.data(), n, k, false);
  detail::backward_kernel(dy.data(), x.data(), plain_dx.data(), n, k, false);
  detail::backward_from_output_kernel(dy.data(), plain.data(), plain_dxo.data(), n, k, false);
  for (size_t off = 0; off < 40; ++off) {
    std::vector<H> y(n + off), dx(n + off), dxo(n + off);
    detail::forward_kernel(x.data(), y.data() + off, n, k, true);
    detail::backward_kernel(dy.data(), x.data(), dx.data() + off, n, k, true);
    detail::backward_from_output_kernel(dy.data(), plain.data(), dxo.data() + off, n, k, true);
    ASSERT_TRUE(same_bits<H>(std::span<const H>(y.data() + off, n), plain)) << off;
    ASSERT_TRUE(same_bits<H>(std::span<const H>(dx.data() + off, n), plain_dx)) << off;
    ASSERT_TRUE(same_bits<H>(std::span<const H>(dxo.data() + off, n), plain_dxo)) << off;
  }
}
TEST_P(LowpApiTargets, StreamingStoresGiveTheSameResultsBF16) { CheckStreaming<bf16>(); }
TEST_P(LowpApiTargets, StreamingStoresGiveTheSameResultsF16) { CheckStreaming<f16>(); }

}  // namespace
}  // namespace elu::test
