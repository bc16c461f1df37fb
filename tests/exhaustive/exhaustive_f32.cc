// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Opt-in exhaustive sweep: forward on all 2^32 float bit patterns for each member with a stated
// bound, on the target named by ELU_SIMD_TARGET (default: the best one). Multithreaded.
// An argument restricts the sweep to the members whose name contains it (e.g. "SELU").
// Prints the worst ULP per member with the input as a hexfloat; exits 1 if a bound is exceeded,
// 77 (CTest skip) if the requested target is not available on this machine.
#include <omp.h>
#include <strings.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "elu/elu.hpp"
#include "reference.h"
#include "test_util.h"

int main(int argc, char** argv) {
  using namespace elu;
  const char* want = std::getenv("ELU_SIMD_TARGET");
  const std::string target(simd_target());
  if (want != nullptr && strcasecmp(target.c_str(), want) != 0) {  // the variable takes any case
    std::printf("target %s not available here (dispatching to %s)\n", want, target.c_str());
    return 77;
  }
  std::printf("exhaustive float forward on %s, %d threads\n", target.c_str(),
              omp_get_max_threads());
  bool ok = true;
  constexpr uint64_t kBlock = 1 << 16;
  for (const test::Member& m : test::members()) {
    if (argc > 1 && std::string(m.name).find(argv[1]) == std::string::npos) continue;
    double worst = 0;
    uint32_t worst_bits = 0;
    uint64_t over = 0;
#pragma omp parallel
    {
      double my_worst = 0;
      uint32_t my_bits = 0;
      uint64_t my_over = 0;
      std::vector<float> x(kBlock), y(kBlock);
#pragma omp for schedule(dynamic)
      for (long long b = 0; b < static_cast<long long>((uint64_t{1} << 32) / kBlock); ++b) {
        for (uint64_t j = 0; j < kBlock; ++j) x[j] = test::f32_from_bits(uint32_t(b * kBlock + j));
        forward(std::span<const float>(x), std::span<float>(y), m.params);
        for (uint64_t j = 0; j < kBlock; ++j) {
          const double u = reference::ulp_error(y[j], reference::forward(x[j], m.params));
          if (u > m.max_ulp_f32 || std::isnan(u)) ++my_over;
          if (u > my_worst || std::isnan(u))
            my_worst = std::isnan(u) ? INFINITY : u, my_bits = test::bits_of(x[j]);
        }
      }
#pragma omp critical
      {
        over += my_over;
        if (my_worst > worst) worst = my_worst, worst_bits = my_bits;
      }
    }
    const float at = test::f32_from_bits(worst_bits);
    std::printf("%-10s max %.4f ULP (bound %.0f) at x = %a (0x%08x); %llu inputs over the bound\n",
                m.name, worst, m.max_ulp_f32, double(at), worst_bits, (unsigned long long)over);
    std::fflush(stdout);
    ok = ok && over == 0;
  }
  return ok ? 0 : 1;
}
