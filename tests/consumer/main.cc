// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// A program as a user writes it against an installed elu: it must compile, link and compute.
#include <elu/elu.hpp>

#include <cmath>
#include <cstdio>
#include <vector>

int main() {
  std::vector<float> x = {-1.0f, 0.5f}, y(2);
  elu::forward(std::span<const float>(x), std::span<float>(y), elu::Params::elu(1.0));
  const bool ok = std::fabs(y[0] - std::expm1(-1.0f)) < 1e-6f && y[1] == 0.5f &&
                  elu::version() == ELU_VERSION_STRING;
  std::printf("%s: elu %.*s on %.*s\n", ok ? "ok" : "WRONG", int(elu::version().size()),
              elu::version().data(), int(elu::simd_target().size()), elu::simd_target().data());
  return ok ? 0 : 1;
}
