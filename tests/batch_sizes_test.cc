// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Every kernel of the registry (src/kernels/registry.h), on every compiled target, at sizes
// below, equal to, above and multiples of every vector width, for several parameter sets: a
// batch gives the same bits as each element (or row) computed alone, in place as out of place,
// with streaming stores as without. The tests are expanded from the registry itself, so a kernel
// added there is tested here without another line.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>
#include <vector>

#include "elu/elu.hpp"
#include "elu/half.hpp"
#include "kernels/correctly_rounded.h"
#include "kernels/kernels.h"
#include "kernels/lowp.h"
#include "kernels/registry.h"
#include "test_util.h"

namespace elu::detail {
namespace {

using test::SplitMix;

// Lanes are 1 to 16 floats (8 doubles, 32 16-bit values): these cover below, at, above and
// multiples of each.
const std::vector<size_t> kSizes = {0,  1,  2,  3,  4,  5,  7,  8,   9,   15,  16,  17,
                                    31, 32, 33, 47, 63, 64, 65, 100, 255, 256, 257, 1000};

std::vector<Params> param_sets() {
  return {Params::elu(1.0),  Params::elu(0.5),       Params::selu(),
          Params::celu(0.7), Params::pelu(1.3, 0.7), Params{-0.4, 2.5, 3.0}};
}

template <typename T>
std::vector<T> inputs(size_t n, uint64_t seed) {
  SplitMix rng{seed};
  std::vector<T> v(n);
  for (size_t i = 0; i < n; ++i) {
    const uint64_t r = rng.next();
    if (r % 29 == 0) {
      const T specials[] = {T(0),
                            -T(0),
                            std::numeric_limits<T>::infinity(),
                            -std::numeric_limits<T>::infinity(),
                            std::numeric_limits<T>::denorm_min(),
                            T(-1e-30)};
      v[i] = specials[(r >> 8) % std::size(specials)];
    } else {
      v[i] = T(rng.uniform(-25, 6));
    }
  }
  return v;
}

template <typename T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  // memcmp must not see the null data() of an empty vector, even for 0 bytes (UBSan).
  return a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

// Sums agree with the per-element sums up to the summation order.
void expect_close_sum(double batch, double parts, double magnitude, const char* what) {
  EXPECT_LE(std::fabs(batch - parts), 1e-12 * magnitude + 1e-300) << what;
}

// y = f(x): forward.
template <typename T>
void check(void (*f)(const T*, T*, size_t, const KernelParams<T>&, bool)) {
  for (const Params& p : param_sets()) {
    const KernelParams<T> k = make_kernel_params<T>(p);
    for (size_t n : kSizes) {
      const auto x = inputs<T>(n, n + 1);
      std::vector<T> y(n), one(n), in_place = x, streamed(n);
      f(x.data(), y.data(), n, k, false);
      for (size_t i = 0; i < n; ++i) f(&x[i], &one[i], 1, k, false);
      f(in_place.data(), in_place.data(), n, k, false);
      f(x.data(), streamed.data(), n, k, true);
      EXPECT_TRUE(same_bits(y, one)) << "n=" << n << " alpha=" << p.alpha;
      EXPECT_TRUE(same_bits(y, in_place)) << "n=" << n;
      EXPECT_TRUE(same_bits(y, streamed)) << "n=" << n;
    }
  }
}

// dx = g(dy, x): backward, backward_from_output.
template <typename T>
void check(void (*f)(const T*, const T*, T*, size_t, const KernelParams<T>&, bool)) {
  for (const Params& p : param_sets()) {
    if (p.alpha < 0) continue;  // backward_from_output's rule; backward is covered by the others
    const KernelParams<T> k = make_kernel_params<T>(p);
    for (size_t n : kSizes) {
      const auto dy = inputs<T>(n, n + 2), x = inputs<T>(n, n + 3);
      std::vector<T> dx(n), one(n), in_place = dy, streamed(n);
      f(dy.data(), x.data(), dx.data(), n, k, false);
      for (size_t i = 0; i < n; ++i) f(&dy[i], &x[i], &one[i], 1, k, false);
      f(in_place.data(), x.data(), in_place.data(), n, k, false);
      f(dy.data(), x.data(), streamed.data(), n, k, true);
      EXPECT_TRUE(same_bits(dx, one)) << "n=" << n << " alpha=" << p.alpha;
      EXPECT_TRUE(same_bits(dx, in_place)) << "n=" << n;
      EXPECT_TRUE(same_bits(dx, streamed)) << "n=" << n;
    }
  }
}

// dx and the two sums: backward_with_sums.
template <typename T>
void check(GradSums (*f)(const T*, const T*, T*, size_t, const KernelParams<T>&)) {
  for (const Params& p : param_sets()) {
    const KernelParams<T> k = make_kernel_params<T>(p);
    for (size_t n : kSizes) {
      const auto dy = inputs<T>(n, n + 4), x = inputs<T>(n, n + 5);
      std::vector<T> dx(n), one(n), in_place = dy;
      const GradSums batch = f(dy.data(), x.data(), dx.data(), n, k);
      GradSums parts;
      double mag_y = 0, mag_x = 0;
      for (size_t i = 0; i < n; ++i) {
        const GradSums s = f(&dy[i], &x[i], &one[i], 1, k);
        parts.dy_y += s.dy_y, parts.x_dx += s.x_dx;
        mag_y += std::fabs(s.dy_y), mag_x += std::fabs(s.x_dx);
      }
      f(in_place.data(), x.data(), in_place.data(), n, k);
      EXPECT_TRUE(same_bits(dx, one)) << "n=" << n;
      EXPECT_TRUE(same_bits(dx, in_place)) << "n=" << n;
      if (std::isfinite(mag_y)) expect_close_sum(batch.dy_y, parts.dy_y, mag_y, "dy_y");
      if (std::isfinite(mag_x)) expect_close_sum(batch.x_dx, parts.x_dx, mag_x, "x_dx");
    }
  }
}

template <typename T>
ChannelKernelParams<T> channel_params(size_t channels) {
  std::vector<Params> ps;
  const auto sets = param_sets();
  for (size_t c = 0; c < channels; ++c) ps.push_back(sets[c % sets.size()]);
  return make_channel_kernel_params<T>(ps);
}
const std::vector<size_t> kChannels = {1, 2, 3, 4, 7, 8, 9, 16, 17, 33};
const std::vector<size_t> kRows = {1, 2, 3, 5};

// y = f(x) per channel: forward_channels. A batch of rows equals the rows one at a time.
template <typename T>
void check(void (*f)(const T*, T*, size_t, const ChannelKernelParams<T>&)) {
  for (size_t channels : kChannels) {
    const ChannelKernelParams<T> k = channel_params<T>(channels);
    for (size_t rows : kRows) {
      const size_t n = rows * channels;
      const auto x = inputs<T>(n, n + 6);
      std::vector<T> y(n), one(n), in_place = x;
      f(x.data(), y.data(), rows, k);
      for (size_t r = 0; r < rows; ++r) f(&x[r * channels], &one[r * channels], 1, k);
      f(in_place.data(), in_place.data(), rows, k);
      EXPECT_TRUE(same_bits(y, one)) << "channels=" << channels << " rows=" << rows;
      EXPECT_TRUE(same_bits(y, in_place)) << "channels=" << channels << " rows=" << rows;
    }
  }
}

// dx and per-channel sums: backward_with_sums_channels.
template <typename T>
void check(void (*f)(const T*, const T*, T*, size_t, const ChannelKernelParams<T>&, double*,
                     double*)) {
  for (size_t channels : kChannels) {
    const ChannelKernelParams<T> k = channel_params<T>(channels);
    for (size_t rows : kRows) {
      const size_t n = rows * channels;
      const auto dy = inputs<T>(n, n + 7), x = inputs<T>(n, n + 8);
      std::vector<T> dx(n), one(n), in_place = dy;
      std::vector<double> dy_y(channels), x_dx(channels), p_dy_y(channels), p_x_dx(channels);
      std::vector<double> scratch_a(channels), scratch_b(channels);
      f(dy.data(), x.data(), dx.data(), rows, k, dy_y.data(), x_dx.data());
      for (size_t r = 0; r < rows; ++r) {
        f(&dy[r * channels], &x[r * channels], &one[r * channels], 1, k, p_dy_y.data(),
          p_x_dx.data());
      }
      f(in_place.data(), x.data(), in_place.data(), rows, k, scratch_a.data(), scratch_b.data());
      EXPECT_TRUE(same_bits(dx, one)) << "channels=" << channels << " rows=" << rows;
      EXPECT_TRUE(same_bits(dx, in_place)) << "channels=" << channels << " rows=" << rows;
      for (size_t c = 0; c < channels; ++c) {
        const double mag = std::fabs(p_dy_y[c]) + std::fabs(p_x_dx[c]);
        if (!std::isfinite(mag)) continue;
        expect_close_sum(dy_y[c], p_dy_y[c], mag, "dy_y");
        expect_close_sum(x_dx[c], p_x_dx[c], mag, "x_dx");
      }
    }
  }
}

// The correctly rounded kernels: forward, then backward.
void check(void (*f)(const float*, float*, size_t, const ExactParams&)) {
  for (const Params& p : param_sets()) {
    const ExactParams k = make_exact_params(p);
    for (size_t n : kSizes) {
      const auto x = inputs<float>(n, n + 9);
      std::vector<float> y(n), one(n), in_place = x;
      f(x.data(), y.data(), n, k);
      for (size_t i = 0; i < n; ++i) f(&x[i], &one[i], 1, k);
      f(in_place.data(), in_place.data(), n, k);
      EXPECT_TRUE(same_bits(y, one)) << "n=" << n;
      EXPECT_TRUE(same_bits(y, in_place)) << "n=" << n;
    }
  }
}
void check(void (*f)(const float*, const float*, float*, size_t, const ExactParams&)) {
  for (const Params& p : param_sets()) {
    const ExactParams k = make_exact_params(p);
    for (size_t n : kSizes) {
      const auto dy = inputs<float>(n, n + 10), x = inputs<float>(n, n + 11);
      std::vector<float> dx(n), one(n), in_place = dy;
      f(dy.data(), x.data(), dx.data(), n, k);
      for (size_t i = 0; i < n; ++i) f(&dy[i], &x[i], &one[i], 1, k);
      f(in_place.data(), x.data(), in_place.data(), n, k);
      EXPECT_TRUE(same_bits(dx, one)) << "n=" << n;
      EXPECT_TRUE(same_bits(dx, in_place)) << "n=" << n;
    }
  }
}

// The 16-bit kernels: inputs are the float inputs rounded to the type (specials included).
template <typename H>
std::vector<H> half_inputs(size_t n, uint64_t seed) {
  std::vector<H> v;
  for (float e : inputs<float>(n, seed)) v.push_back(H(e));
  return v;
}
template <typename H>
concept Half = std::is_same_v<H, bf16> || std::is_same_v<H, f16>;
template <Half H>
void check(void (*f)(const H*, H*, size_t, const KernelParams<float>&, bool)) {
  for (const Params& p : param_sets()) {
    const KernelParams<float> k = make_kernel_params<float>(p);
    for (size_t n : kSizes) {
      const auto x = half_inputs<H>(n, n + 12);
      std::vector<H> y(n), one(n), in_place = x, streamed(n);
      f(x.data(), y.data(), n, k, false);
      for (size_t i = 0; i < n; ++i) f(&x[i], &one[i], 1, k, false);
      f(in_place.data(), in_place.data(), n, k, false);
      f(x.data(), streamed.data(), n, k, true);
      EXPECT_TRUE(same_bits(y, one)) << "n=" << n << " alpha=" << p.alpha;
      EXPECT_TRUE(same_bits(y, in_place)) << "n=" << n;
      EXPECT_TRUE(same_bits(y, streamed)) << "n=" << n;
    }
  }
}
template <Half H>
void check(void (*f)(const H*, const H*, H*, size_t, const KernelParams<float>&, bool)) {
  for (const Params& p : param_sets()) {
    if (p.alpha < 0) continue;  // backward_from_output's rule, as for float
    const KernelParams<float> k = make_kernel_params<float>(p);
    for (size_t n : kSizes) {
      const auto dy = half_inputs<H>(n, n + 13), x = half_inputs<H>(n, n + 14);
      std::vector<H> dx(n), one(n), in_place = dy, streamed(n);
      f(dy.data(), x.data(), dx.data(), n, k, false);
      for (size_t i = 0; i < n; ++i) f(&dy[i], &x[i], &one[i], 1, k, false);
      f(in_place.data(), x.data(), in_place.data(), n, k, false);
      f(dy.data(), x.data(), streamed.data(), n, k, true);
      EXPECT_TRUE(same_bits(dx, one)) << "n=" << n << " alpha=" << p.alpha;
      EXPECT_TRUE(same_bits(dx, in_place)) << "n=" << n;
      EXPECT_TRUE(same_bits(dx, streamed)) << "n=" << n;
    }
  }
}
// The table lookup, with a table of random entries (65,536 and one of padding).
void check(void (*f)(const uint16_t*, uint16_t*, size_t, const uint16_t*, bool)) {
  SplitMix rng{99};
  std::vector<uint16_t> table(65537);
  for (auto& e : table) e = static_cast<uint16_t>(rng.next());
  for (size_t n : kSizes) {
    std::vector<uint16_t> x(n);
    for (auto& e : x) e = static_cast<uint16_t>(rng.next());
    std::vector<uint16_t> y(n), one(n), in_place = x, streamed(n), expected(n);
    for (size_t i = 0; i < n; ++i) expected[i] = table[x[i]];
    f(x.data(), y.data(), n, table.data(), false);
    for (size_t i = 0; i < n; ++i) f(&x[i], &one[i], 1, table.data(), false);
    f(in_place.data(), in_place.data(), n, table.data(), false);
    f(x.data(), streamed.data(), n, table.data(), true);
    EXPECT_TRUE(same_bits(y, expected)) << "n=" << n;
    EXPECT_TRUE(same_bits(y, one)) << "n=" << n;
    EXPECT_TRUE(same_bits(y, in_place)) << "n=" << n;
    EXPECT_TRUE(same_bits(y, streamed)) << "n=" << n;
  }
}

class KernelBatchSizes : public hwy::TestWithParamTarget {};
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(KernelBatchSizes);

#define ELU_BATCH_SIZE_TEST(Export, dispatcher, Loop, Ret, Params, Args) \
  TEST_P(KernelBatchSizes, Export) { check(static_cast<Ret(*) Params>(&dispatcher)); }
ELU_KERNELS(ELU_BATCH_SIZE_TEST)
ELU_HALF_KERNELS(ELU_BATCH_SIZE_TEST)
ELU_CORRECTLY_ROUNDED_KERNELS(ELU_BATCH_SIZE_TEST)
#undef ELU_BATCH_SIZE_TEST

}  // namespace
}  // namespace elu::detail
