// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the kernel tests: per-target fixtures, family members, bit patterns.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "elu/elu.hpp"
#include "hwy/highway.h"
#include "hwy/tests/hwy_gtest.h"

namespace elu::test {

struct Member {
  const char* name;
  Params params;
  double max_ulp_f32;  // forward bound for float
};

/// The members the accuracy bounds are stated for.
inline std::vector<Member> members() {
  return {{"ELU(1)", Params::elu(1.0), 1.0},    {"ELU(0.5)", Params::elu(0.5), 1.0},
          {"ELU(2)", Params::elu(2.0), 1.0},    {"SELU", Params::selu(), 1.0},
          {"CELU(2)", Params::celu(2.0), 2.0},  {"CELU(3)", Params::celu(3.0), 2.0},
          {"CELU(0.7)", Params::celu(0.7), 2.0}};
}

inline float f32_from_bits(uint32_t b) {
  float f;
  std::memcpy(&f, &b, sizeof f);
  return f;
}
inline uint32_t bits_of(float f) {
  uint32_t b;
  std::memcpy(&b, &f, sizeof b);
  return b;
}
inline uint64_t bits_of(double f) {
  uint64_t b;
  std::memcpy(&b, &f, sizeof b);
  return b;
}
inline double f64_from_bits(uint64_t b) {
  double f;
  std::memcpy(&f, &b, sizeof f);
  return f;
}

/// SplitMix64: a small, well-mixed deterministic generator for test inputs.
struct SplitMix {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform(double lo, double hi) { return lo + (hi - lo) * double(next() >> 11) * 0x1p-53; }
};

inline std::string hex(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", v);
  return buf;
}

/// Name of the target a fixture runs on, for messages.
inline std::string target_name() { return std::string(elu::simd_target()); }

}  // namespace elu::test
