// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "stats/wilcoxon.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace elu::lab {
namespace {

// Ranks of |d| from 1, ties averaged. Doubled so that every rank (x.5 for ties) is an integer.
std::vector<long> doubled_ranks(const std::vector<double>& d) {
  std::vector<std::size_t> order(d.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return std::fabs(d[a]) < std::fabs(d[b]); });
  std::vector<long> ranks(d.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && std::fabs(d[order[j + 1]]) == std::fabs(d[order[i]])) ++j;
    const long doubled = static_cast<long>(i + 1 + j + 1);  // 2 x the mean of ranks i+1..j+1
    for (std::size_t k = i; k <= j; ++k) ranks[order[k]] = doubled;
    i = j + 1;
  }
  return ranks;
}

double normal_upper_tail(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

}  // namespace

WilcoxonResult wilcoxon_signed_rank(const std::vector<double>& differences) {
  std::vector<double> d;
  for (double v : differences) {
    if (!std::isfinite(v))
      throw std::invalid_argument("wilcoxon_signed_rank: a difference is not finite");
    if (v != 0.0) d.push_back(v);
  }
  WilcoxonResult r;
  r.n = d.size();
  if (d.empty()) return r;
  const std::vector<long> ranks = doubled_ranks(d);
  long w2_plus = 0, total2 = 0;  // doubled sums
  for (std::size_t i = 0; i < d.size(); ++i) {
    total2 += ranks[i];
    if (d[i] > 0) w2_plus += ranks[i];
  }
  r.w_plus = w2_plus / 2.0;
  r.w_minus = (total2 - w2_plus) / 2.0;

  if (r.n <= kWilcoxonExactMaxN) {
    // Under H0 each rank carries a + sign with probability 1/2, independently: count the sign
    // patterns per doubled W+ (at most 2 x 325 for n = 25).
    std::vector<double> ways(static_cast<std::size_t>(total2) + 1, 0.0);
    ways[0] = 1.0;
    long reach = 0;
    for (long rank : ranks) {
      for (long s = reach; s >= 0; --s)
        ways[static_cast<std::size_t>(s + rank)] += ways[static_cast<std::size_t>(s)];
      reach += rank;
    }
    const double patterns = std::ldexp(1.0, static_cast<int>(r.n));
    double below = 0.0, above = 0.0;
    for (long s = 0; s <= total2; ++s) {
      if (s <= w2_plus) below += ways[static_cast<std::size_t>(s)];
      if (s >= w2_plus) above += ways[static_cast<std::size_t>(s)];
    }
    r.p_less = below / patterns;
    r.p_greater = above / patterns;
  } else {
    r.exact = false;
    const double n = static_cast<double>(r.n);
    double tie_term = 0.0;  // sum over tie groups of t^3 - t
    std::vector<long> sorted = ranks;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size();) {
      std::size_t j = i;
      while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
      const double t = static_cast<double>(j - i);
      tie_term += t * t * t - t;
      i = j;
    }
    const double mean = n * (n + 1) / 4;
    const double sd = std::sqrt(n * (n + 1) * (2 * n + 1) / 24 - tie_term / 48);
    r.p_less = sd == 0.0 ? 1.0 : 1.0 - normal_upper_tail((r.w_plus + 0.5 - mean) / sd);
    r.p_greater = sd == 0.0 ? 1.0 : normal_upper_tail((r.w_plus - 0.5 - mean) / sd);
  }
  r.p_less = std::min(1.0, r.p_less);
  r.p_greater = std::min(1.0, r.p_greater);
  r.p_two_sided = std::min(1.0, 2.0 * std::min(r.p_less, r.p_greater));
  return r;
}

}  // namespace elu::lab
