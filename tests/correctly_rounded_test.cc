// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// forward_correctly_rounded and backward_correctly_rounded: equal to the MPFR-decided correctly
// rounded value on a strided sample of 2^26 bit patterns per member on every compiled target,
// on the committed hard cases, and through the exact path alone; the same bits on every target
// and thread count; the argument rules of forward() and backward().
#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "elu/elu.hpp"
#include "hwy/targets.h"
#include "kernels/correctly_rounded.h"
#include "reference.h"
#include "test_util.h"

namespace elu::test {
namespace {

struct CrMember {
  const char* name;
  Params params;
};

// The members the exhaustive sweep proves (docs/accuracy.md), plus a general PELU.
std::vector<CrMember> cr_members() {
  return {{"ELU(1)", Params::elu(1.0)},
          {"ELU(0.5)", Params::elu(0.5)},
          {"ELU(2)", Params::elu(2.0)},
          {"SELU", Params::selu()},
          {"CELU(2)", Params::celu(2.0)},
          {"CELU(0.3)", Params::celu(0.3)},
          {"PELU(1.3,0.7)", Params::pelu(1.3, 0.7)}};
}

bool same_result(float got, float want) {
  if (std::isnan(got) || std::isnan(want)) return std::isnan(got) && std::isnan(want);
  return bits_of(got) == bits_of(want);
}

// Every compiled target this CPU supports, restored to the best one by the destructor.
struct TargetScope {
  ~TargetScope() { hwy::SetSupportedTargetsForTest(0); }
};
std::vector<int64_t> targets() { return hwy::SupportedAndGeneratedTargets(); }

std::string hexf(float v) { return hex(double(v)); }

#ifndef ELU_CR_SAMPLE_LOG2
#define ELU_CR_SAMPLE_LOG2 26
#endif
constexpr uint64_t kSample = uint64_t{1} << ELU_CR_SAMPLE_LOG2;
constexpr uint64_t kBlock = uint64_t{1} << 22;
// Bit pattern i of the strided sample: kSample patterns spread over all 2^32, low bits varying.
uint32_t sample_bits(uint64_t i) {
  const uint64_t stride = (uint64_t{1} << 32) / kSample;
  return uint32_t(i * stride + ((i * 37) & (stride - 1)));
}

TEST(CorrectlyRounded, ForwardStridedSampleOnEveryTarget) {
  TargetScope restore;
  std::vector<float> x(kBlock), want(kBlock), got(kBlock);
  for (const CrMember& m : cr_members()) {
    std::map<std::string, uint64_t> wrong;
    for (uint64_t b = 0; b < kSample; b += kBlock) {
#pragma omp parallel for
      for (long long j = 0; j < static_cast<long long>(kBlock); ++j) {
        x[j] = f32_from_bits(sample_bits(b + j));
        want[j] = reference::forward_correctly_rounded(x[j], m.params);
      }
      for (int64_t t : targets()) {
        hwy::SetSupportedTargetsForTest(t);
        forward_correctly_rounded(std::span<const float>(x), std::span<float>(got), m.params);
        for (uint64_t j = 0; j < kBlock; ++j) {
          if (!same_result(got[j], want[j]) && wrong[hwy::TargetName(t)]++ < 5) {
            ADD_FAILURE() << m.name << " on " << hwy::TargetName(t) << ": f(" << hexf(x[j])
                          << ") = " << hexf(got[j]) << ", correctly rounded " << hexf(want[j]);
          }
        }
      }
    }
    for (const auto& [target, count] : wrong) {
      ADD_FAILURE() << m.name << " on " << target << ": " << count << " of " << kSample;
    }
  }
}

// dy = 1 on the strided sample, then random (dy, x) pairs with dy over many binades.
TEST(CorrectlyRounded, BackwardStridedSampleOnEveryTarget) {
  TargetScope restore;
  std::vector<float> dy(kBlock), x(kBlock), want(kBlock), got(kBlock);
  for (const CrMember& m : cr_members()) {
    uint64_t wrong = 0;
    for (uint64_t b = 0; b < kSample + kBlock; b += kBlock) {
      const bool random_dy = b == kSample;
      SplitMix rng{b + 7};
#pragma omp parallel for
      for (long long j = 0; j < static_cast<long long>(kBlock); ++j) {
        SplitMix lane{rng.s + uint64_t(j) * 0x51ed27ULL};
        if (random_dy) {
          // dy: any sign, exponent in [-60, 60]; x: any pattern.
          dy[j] = float(std::ldexp(lane.uniform(1, 2), int(lane.next() % 121) - 60) *
                        (lane.next() & 1 ? -1 : 1));
          x[j] = f32_from_bits(uint32_t(lane.next()));
        } else {
          dy[j] = 1.0f;
          x[j] = f32_from_bits(sample_bits(b + j));
        }
        want[j] = reference::backward_correctly_rounded(dy[j], x[j], m.params);
      }
      for (int64_t t : targets()) {
        hwy::SetSupportedTargetsForTest(t);
        backward_correctly_rounded(std::span<const float>(dy), std::span<const float>(x),
                                   std::span<float>(got), m.params);
        for (uint64_t j = 0; j < kBlock; ++j) {
          if (!same_result(got[j], want[j]) && wrong++ < 5) {
            ADD_FAILURE() << m.name << " on " << hwy::TargetName(t) << ": dy " << hexf(dy[j])
                          << ", x " << hexf(x[j]) << ": " << hexf(got[j]) << ", correctly rounded "
                          << hexf(want[j]);
          }
        }
      }
    }
    EXPECT_EQ(wrong, 0u) << m.name;
  }
}

// The exact path alone (the fast path sends it only about one lane in a million): random inputs
// straight into forward_exact and backward_exact.
TEST(CorrectlyRounded, ExactPathAloneMatchesMpfr) {
  for (const CrMember& m : cr_members()) {
    const detail::ExactParams k = detail::make_exact_params(m.params);
    SplitMix rng{99};
    int wrong = 0;
    for (int i = 0; i < 200000; ++i) {
      // x mostly where the exponential matters, some anywhere.
      const float x = i % 4 == 0 ? f32_from_bits(uint32_t(rng.next()))
                                 : float(-std::ldexp(rng.uniform(1, 2), int(rng.next() % 40) - 30));
      const float dy = float(rng.uniform(-3, 3));
      const float fy = detail::forward_exact(x, k);
      const float fw = reference::forward_correctly_rounded(x, m.params);
      const float by = detail::backward_exact(dy, x, k);
      const float bw = reference::backward_correctly_rounded(dy, x, m.params);
      if ((!same_result(fy, fw) || !same_result(by, bw)) && wrong++ < 5) {
        ADD_FAILURE() << m.name << ": x " << hexf(x) << " dy " << hexf(dy) << ": forward "
                      << hexf(fy) << " (want " << hexf(fw) << "), backward " << hexf(by)
                      << " (want " << hexf(bw) << ")";
      }
    }
    EXPECT_EQ(wrong, 0) << m.name;
  }
}

// The inputs nearest a rounding boundary that the exhaustive sweep found (MPFR-decided values
// committed with their hexfloats), on every target.
TEST(CorrectlyRounded, KnownHardCasesOnEveryTarget) {
  std::ifstream in(ELU_CR_HARD_CASES);
  ASSERT_TRUE(in) << "cannot read " << ELU_CR_HARD_CASES;
  std::map<std::string, Params> by_name;
  for (const CrMember& m : cr_members()) by_name[m.name] = m.params;
  struct Case {
    bool forward;
    Params p;
    float dy, x, want;
    std::string line;
  };
  std::vector<Case> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string kind, member, a, b, c;
    ls >> kind >> member >> a >> b;
    ASSERT_TRUE(by_name.count(member)) << line;
    Case cs{kind == "forward", by_name[member], 1.0f, 0, 0, line};
    if (cs.forward) {
      cs.x = std::strtof(a.c_str(), nullptr);
      cs.want = std::strtof(b.c_str(), nullptr);
    } else {
      ls >> c;
      cs.dy = std::strtof(a.c_str(), nullptr);
      cs.x = std::strtof(b.c_str(), nullptr);
      cs.want = std::strtof(c.c_str(), nullptr);
    }
    // The committed value is MPFR's: the oracle must agree before the kernels are judged.
    const float oracle = cs.forward ? reference::forward_correctly_rounded(cs.x, cs.p)
                                    : reference::backward_correctly_rounded(cs.dy, cs.x, cs.p);
    ASSERT_TRUE(same_result(oracle, cs.want)) << line << ": oracle gives " << hexf(oracle);
    cases.push_back(cs);
  }
  ASSERT_GE(cases.size(), 100u);
  TargetScope restore;
  for (int64_t t : targets()) {
    hwy::SetSupportedTargetsForTest(t);
    for (const Case& cs : cases) {
      float got = 0;
      if (cs.forward) {
        forward_correctly_rounded(std::span<const float>(&cs.x, 1), std::span<float>(&got, 1),
                                  cs.p);
      } else {
        backward_correctly_rounded(std::span<const float>(&cs.dy, 1),
                                   std::span<const float>(&cs.x, 1), std::span<float>(&got, 1),
                                   cs.p);
      }
      EXPECT_TRUE(same_result(got, cs.want))
          << hwy::TargetName(t) << ": " << cs.line << ": got " << hexf(got);
    }
  }
}

// Inputs with every kind of special value, NaN payloads included, and a ragged length.
std::vector<float> mixed_inputs(size_t n, uint64_t seed) {
  SplitMix rng{seed};
  std::vector<float> v(n);
  const float specials[] = {0.0f,
                            -0.0f,
                            std::numeric_limits<float>::infinity(),
                            -std::numeric_limits<float>::infinity(),
                            std::numeric_limits<float>::quiet_NaN(),
                            f32_from_bits(0x7fa00001),  // signalling NaN
                            f32_from_bits(0xffc12345),  // negative quiet NaN with a payload
                            std::numeric_limits<float>::denorm_min(),
                            -std::numeric_limits<float>::denorm_min(),
                            std::numeric_limits<float>::max(),
                            -std::numeric_limits<float>::max()};
  for (size_t i = 0; i < n; ++i) {
    const uint64_t r = rng.next();
    if (r % 97 == 0) {
      v[i] = specials[(r >> 8) % std::size(specials)];
    } else if (r % 3 == 0) {
      v[i] = f32_from_bits(uint32_t(r >> 16));
    } else {
      v[i] = float(rng.uniform(-20, 5));
    }
  }
  return v;
}

TEST(CorrectlyRounded, SameBitsOnEveryTargetAndThreadCount) {
  const size_t n = (size_t{1} << 20) + 13;  // several chunks (threads) and a ragged tail
  const auto x = mixed_inputs(n, 5);
  const auto dy = mixed_inputs(n, 6);
  TargetScope restore;
  for (const CrMember& m : cr_members()) {
    std::vector<uint32_t> first_y, first_dx;
    std::string first;
    for (int64_t t : targets()) {
      hwy::SetSupportedTargetsForTest(t);
      for (int threads : {1, 2, 3, 8}) {
        set_num_threads(threads);
        std::vector<float> y(n), dx(n);
        forward_correctly_rounded(std::span<const float>(x), std::span<float>(y), m.params);
        backward_correctly_rounded(std::span<const float>(dy), std::span<const float>(x),
                                   std::span<float>(dx), m.params);
        std::vector<uint32_t> yb(n), dxb(n);
        for (size_t i = 0; i < n; ++i) yb[i] = bits_of(y[i]), dxb[i] = bits_of(dx[i]);
        const std::string here =
            std::string(hwy::TargetName(t)) + " with " + std::to_string(threads) + " threads";
        if (first.empty()) {
          first_y = yb, first_dx = dxb, first = here;
          continue;
        }
        EXPECT_TRUE(yb == first_y) << m.name << " forward: " << here << " differs from " << first;
        EXPECT_TRUE(dxb == first_dx)
            << m.name << " backward: " << here << " differs from " << first;
      }
    }
  }
  set_num_threads(0);
}

// Floats between a and b (0 for equal values, both NaN, or +0 and -0).
int64_t steps_between(float a, float b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b) ? 0 : INT64_MAX;
  auto ordered = [](float f) {
    const int64_t i = int32_t(bits_of(f));
    return i < 0 ? int64_t(INT32_MIN) - i : i;  // monotonic in f; +0 and -0 both map to 0
  };
  return std::llabs(ordered(a) - ordered(b));
}

// The default kernels against the correctly rounded ones on every target: within their bounds
// (at most 2 floats apart), and, printed for docs/accuracy.md, how many outputs differ between
// the best target and each other one (the correctly rounded kernels: none, test above).
TEST(CorrectlyRounded, DefaultKernelsAgainstCorrectlyRoundedOnEveryTarget) {
  const size_t n = size_t{1} << 20;
  const auto x = mixed_inputs(n, 5);
  const auto dy = mixed_inputs(n, 6);
  TargetScope restore;
  const std::vector<int64_t> all = targets();
  for (const CrMember& m : cr_members()) {
    // The default float kernels round scale, scale * alpha and input_scale to float first; the
    // comparison takes the correctly rounded value for those parameters.
    const double scale = float(m.params.scale);
    const Params as_float{double(float(m.params.scale * m.params.alpha)) / scale, scale,
                          float(m.params.input_scale)};
    std::vector<float> cr_y(n), cr_dx(n), y0(n), dx0(n), y(n), dx(n);
    forward_correctly_rounded(std::span<const float>(x), std::span<float>(cr_y), as_float);
    backward_correctly_rounded(std::span<const float>(dy), std::span<const float>(x),
                               std::span<float>(cr_dx), as_float);
    for (size_t t = 0; t < all.size(); ++t) {
      hwy::SetSupportedTargetsForTest(all[t]);
      forward(std::span<const float>(x), std::span<float>(y), m.params);
      backward(std::span<const float>(dy), std::span<const float>(x), std::span<float>(dx),
               m.params);
      size_t fwd = 0, bwd = 0, far = 0;
      for (size_t i = 0; i < n; ++i) {
        // Finite results only: a default result may overflow to Inf a step earlier or later.
        if (std::isfinite(cr_y[i]) && steps_between(y[i], cr_y[i]) > 2) ++far;
        if (std::isfinite(cr_dx[i]) && steps_between(dx[i], cr_dx[i]) > 2) ++far;
        if (t > 0) {
          fwd += !same_result(y[i], y0[i]);
          bwd += !same_result(dx[i], dx0[i]);
        }
      }
      EXPECT_EQ(far, 0u) << m.name << " on " << hwy::TargetName(all[t]);
      if (t == 0) {
        y0 = y, dx0 = dx;
      } else {
        std::printf("default kernels, %-14s %s vs %s: forward %zu, backward %zu of %zu differ\n",
                    m.name, hwy::TargetName(all[t]), hwy::TargetName(all.front()), fwd, bwd, n);
      }
    }
  }
}

TEST(CorrectlyRounded, SpecialValuesFollowTheConventions) {
  const float inf = std::numeric_limits<float>::infinity();
  for (const CrMember& m : cr_members()) {
    const Params& p = m.params;
    auto f = [&](float x) {
      float y = 0;
      forward_correctly_rounded(std::span<const float>(&x, 1), std::span<float>(&y, 1), p);
      return y;
    };
    auto g = [&](float dy, float x) {
      float dx = 0;
      backward_correctly_rounded(std::span<const float>(&dy, 1), std::span<const float>(&x, 1),
                                 std::span<float>(&dx, 1), p);
      return dx;
    };
    EXPECT_EQ(bits_of(f(0.0f)), bits_of(0.0f)) << m.name;
    EXPECT_EQ(bits_of(f(-0.0f)), bits_of(-0.0f)) << m.name;
    EXPECT_TRUE(std::isnan(f(std::numeric_limits<float>::quiet_NaN()))) << m.name;
    EXPECT_EQ(f(inf), inf) << m.name;
    EXPECT_EQ(f(-inf), float(-p.scale * p.alpha)) << m.name;
    EXPECT_EQ(g(1.0f, 0.0f), float(p.scale * p.alpha * p.input_scale)) << m.name;  // f'(0)
    EXPECT_EQ(g(1.0f, -inf), 0.0f) << m.name;
    EXPECT_EQ(g(std::numeric_limits<float>::max(), -inf), 0.0f) << m.name;
    EXPECT_EQ(g(3.0f, inf), float(3.0 * p.scale)) << m.name;
    EXPECT_TRUE(std::isnan(g(1.0f, std::numeric_limits<float>::quiet_NaN()))) << m.name;
    EXPECT_TRUE(std::isnan(g(std::numeric_limits<float>::quiet_NaN(), -1.0f))) << m.name;
    // Agreement with the default kernels where those are exact: zeros, infinities, saturation.
    for (float x : {0.0f, -0.0f, inf, -inf, -200.0f}) {
      float y = 0;
      forward(std::span<const float>(&x, 1), std::span<float>(&y, 1), p);
      EXPECT_EQ(bits_of(f(x)), bits_of(y)) << m.name << " at " << hexf(x);
    }
  }
}

TEST(CorrectlyRounded, InPlaceEqualsOutOfPlace) {
  const auto x = mixed_inputs(1000, 8);
  const auto dy = mixed_inputs(1000, 9);
  const Params p = Params::selu();
  std::vector<float> y(x.size()), dx(x.size());
  forward_correctly_rounded(std::span<const float>(x), std::span<float>(y), p);
  backward_correctly_rounded(std::span<const float>(dy), std::span<const float>(x),
                             std::span<float>(dx), p);
  std::vector<float> a = x, g = dy;
  forward_correctly_rounded(std::span<const float>(a), std::span<float>(a), p);
  backward_correctly_rounded(std::span<const float>(g), std::span<const float>(x),
                             std::span<float>(g), p);
  for (size_t i = 0; i < x.size(); ++i) {
    EXPECT_EQ(bits_of(a[i]), bits_of(y[i])) << i;
    EXPECT_EQ(bits_of(g[i]), bits_of(dx[i])) << i;
  }
}

// Bad arguments throw before anything is written.
TEST(CorrectlyRounded, BadArgumentsThrowAndWriteNothing) {
  std::vector<float> x(64, -1.0f), y(64, 7.0f), dy(64, 1.0f);
  auto untouched = [&] {
    for (float v : y) {
      if (v != 7.0f) return false;
    }
    return true;
  };
  EXPECT_THROW(forward_correctly_rounded(std::span<const float>(x).first(63), std::span<float>(y)),
               std::invalid_argument);
  EXPECT_THROW(forward_correctly_rounded(std::span<const float>(y).subspan(1, 32),
                                         std::span<float>(y).first(32)),
               std::invalid_argument);  // partial overlap
  EXPECT_THROW(forward_correctly_rounded(std::span<const float>(x), std::span<float>(y),
                                         Params{1.0, -1.0, 1.0}),
               std::invalid_argument);  // scale <= 0
  EXPECT_THROW(forward_correctly_rounded(std::span<const float>(x), std::span<float>(y),
                                         Params{1.0, 1.0, 1e300}),
               std::invalid_argument);  // outside the float range
  EXPECT_THROW(backward_correctly_rounded(std::span<const float>(dy), std::span<const float>(y),
                                          std::span<float>(y)),
               std::invalid_argument);  // x aliases dx
  EXPECT_THROW(backward_correctly_rounded(std::span<const float>(dy).first(10),
                                          std::span<const float>(x), std::span<float>(y)),
               std::invalid_argument);
  try {
    forward_correctly_rounded(std::span<const float>(x), std::span<float>(y),
                              Params{std::nan(""), 1.0, 1.0});
    ADD_FAILURE() << "NaN alpha accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("forward_correctly_rounded"), std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(untouched());
}

// The fast path decides almost every lane: the exact path takes fewer than one lane in 10^4 of
// 4M SELU inputs where the exponential matters (the measured share is in docs/accuracy.md).
TEST(CorrectlyRounded, ExactPathIsRare) {
  std::vector<float> x(kBlock), y(kBlock);
  for (uint64_t j = 0; j < kBlock; ++j) x[j] = -float(j + 1) * 0x1p-18f;  // (-16, 0): all in exp
  const uint64_t before = detail::exact_path_count();
  forward_correctly_rounded(std::span<const float>(x), std::span<float>(y), Params::selu());
  const uint64_t taken = detail::exact_path_count() - before;
  EXPECT_LT(taken, kBlock / 10000);
  std::printf("exact path: %llu of %llu lanes\n", static_cast<unsigned long long>(taken),
              static_cast<unsigned long long>(kBlock));
}

}  // namespace
}  // namespace elu::test
