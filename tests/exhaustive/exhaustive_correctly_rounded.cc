// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Opt-in exhaustive proof of the correctly rounded float kernels, on the target named by
// ELU_SIMD_TARGET (default: the best one), multithreaded:
//   forward_correctly_rounded on all 2^32 inputs, backward_correctly_rounded on all 2^32 x with
//   dy = 1 and on 2^26 random (dy, x) pairs, each against the MPFR-decided correctly rounded
//   value (reference::*_correctly_rounded), for ELU(1), ELU(0.5), ELU(2), SELU, CELU(2), CELU(0.3).
// Prints per member and direction the inputs that differ (must be 0), the share that took the
// exact path, and the nearest approach to a rounding boundary. With --hard-cases FILE it writes
// the inputs nearest a boundary, with their MPFR values as hexfloats (the list CI checks).
// An argument that is not an option restricts the sweep to members whose name contains it.
// Exits 1 on any difference, 77 (CTest skip) if the requested target is unavailable.
#include <omp.h>
#include <strings.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "elu/elu.hpp"
#include "kernels/correctly_rounded.h"
#include "reference.h"
#include "test_util.h"

namespace {

using namespace elu;

struct HardCase {
  double gap;
  float dy, x, want;
};

constexpr size_t kKeep = 24;  // hard cases kept per member and direction

void keep_nearest(std::vector<HardCase>& list, const HardCase& c) {
  list.push_back(c);
  std::sort(list.begin(), list.end(),
            [](const HardCase& a, const HardCase& b) { return a.gap < b.gap; });
  if (list.size() > kKeep) list.resize(kKeep);
}

struct Result {
  uint64_t wrong = 0, exact_path = 0, inputs = 0;
  std::vector<HardCase> hard;
};

// Sweeps `count` inputs, element i given by make(i) -> (dy, x); backward when is_backward.
template <class Make>
Result sweep(const Params& p, bool is_backward, uint64_t count, Make make) {
  constexpr uint64_t kBlock = 1 << 16;
  Result total;
  total.inputs = count;
  const uint64_t exact_before = detail::exact_path_count();
#pragma omp parallel
  {
    Result mine;
    std::vector<float> dy(kBlock), x(kBlock), got(kBlock);
#pragma omp for schedule(dynamic)
    for (long long b = 0; b < static_cast<long long>(count / kBlock); ++b) {
      for (uint64_t j = 0; j < kBlock; ++j) make(uint64_t(b) * kBlock + j, dy[j], x[j]);
      if (is_backward) {
        backward_correctly_rounded(std::span<const float>(dy), std::span<const float>(x),
                                   std::span<float>(got), p);
      } else {
        forward_correctly_rounded(std::span<const float>(x), std::span<float>(got), p);
      }
      for (uint64_t j = 0; j < kBlock; ++j) {
        double gap = 0;
        const float want = is_backward ? reference::backward_correctly_rounded(dy[j], x[j], p, &gap)
                                       : reference::forward_correctly_rounded(x[j], p, &gap);
        const bool same =
            std::isnan(want) ? std::isnan(got[j]) : test::bits_of(got[j]) == test::bits_of(want);
        if (!same) {
          if (mine.wrong++ < 5) {
            std::printf("  DIFFERS: dy %a x %a: got %a, correctly rounded %a\n", double(dy[j]),
                        double(x[j]), double(got[j]), double(want));
          }
        }
        if (std::isfinite(gap)) keep_nearest(mine.hard, {gap, dy[j], x[j], want});
      }
    }
#pragma omp critical
    {
      total.wrong += mine.wrong;
      for (const HardCase& c : mine.hard) keep_nearest(total.hard, c);
    }
  }
  total.exact_path = detail::exact_path_count() - exact_before;
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  const char* want_target = std::getenv("ELU_SIMD_TARGET");
  const std::string target(simd_target());
  if (want_target != nullptr && strcasecmp(target.c_str(), want_target) != 0) {
    std::printf("target %s not available here (dispatching to %s)\n", want_target, target.c_str());
    return 77;
  }
  std::string filter, hard_path;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--hard-cases" && i + 1 < argc) {
      hard_path = argv[++i];
    } else {
      filter = a;
    }
  }
  const struct {
    const char* name;
    Params params;
  } members[] = {{"ELU(1)", Params::elu(1.0)},   {"ELU(0.5)", Params::elu(0.5)},
                 {"ELU(2)", Params::elu(2.0)},   {"SELU", Params::selu()},
                 {"CELU(2)", Params::celu(2.0)}, {"CELU(0.3)", Params::celu(0.3)}};
  std::printf("exhaustive correctly rounded float on %s, %d threads\n", target.c_str(),
              omp_get_max_threads());
  std::FILE* hard = hard_path.empty() ? nullptr : std::fopen(hard_path.c_str(), "w");
  if (!hard_path.empty() && hard == nullptr) {
    std::fprintf(stderr, "cannot write %s\n", hard_path.c_str());
    return 2;
  }
  if (hard != nullptr) {
    std::fprintf(hard,
                 "# Inputs nearest a float rounding boundary, found by the exhaustive sweep\n"
                 "# (tests/exhaustive/exhaustive_correctly_rounded.cc --hard-cases), with the\n"
                 "# correctly rounded value MPFR decided: forward MEMBER x y | backward MEMBER "
                 "dy x dx\n");
  }
  bool ok = true;
  for (const auto& m : members) {
    if (!filter.empty() && std::string(m.name).find(filter) == std::string::npos) continue;
    const uint64_t all = uint64_t{1} << 32;
    const struct {
      const char* what;
      bool backward;
      uint64_t count;
    } runs[] = {{"forward, all 2^32 x", false, all},
                {"backward, all 2^32 x, dy = 1", true, all},
                {"backward, 2^26 random (dy, x)", true, uint64_t{1} << 26}};
    for (const auto& run : runs) {
      const auto t0 = std::chrono::steady_clock::now();
      const bool random_pairs = run.count != all;
      const Result r =
          sweep(m.params, run.backward, run.count, [&](uint64_t i, float& dy, float& x) {
            if (!random_pairs) {
              dy = 1.0f;
              x = test::f32_from_bits(uint32_t(i));
              return;
            }
            test::SplitMix rng{i * 0x9e3779b97f4a7c15ULL + 1};
            dy = test::f32_from_bits(uint32_t(rng.next()));
            x = test::f32_from_bits(uint32_t(rng.next()));
          });
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      const double nearest = r.hard.empty() ? INFINITY : r.hard.front().gap;
      std::printf(
          "%-10s %-30s differ %llu; exact path %llu (%.3g of the inputs); nearest "
          "boundary %.3g relative; %.0f s\n",
          m.name, run.what, (unsigned long long)r.wrong, (unsigned long long)r.exact_path,
          double(r.exact_path) / double(r.inputs), nearest, s);
      std::fflush(stdout);
      ok = ok && r.wrong == 0;
      if (hard != nullptr && !random_pairs) {
        for (const HardCase& c : r.hard) {
          if (run.backward) {
            std::fprintf(hard, "backward %s %a %a %a\n", m.name, double(c.dy), double(c.x),
                         double(c.want));
          } else {
            std::fprintf(hard, "forward %s %a %a\n", m.name, double(c.x), double(c.want));
          }
        }
      }
    }
  }
  if (hard != nullptr) std::fclose(hard);
  return ok ? 0 : 1;
}
