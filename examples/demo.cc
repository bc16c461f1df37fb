// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu-demo: prints the SIMD target in use and f, f' of ELU, SELU and CELU at a few points, each
// checked against the exact reference. Exits 1 if any value is off by more than its bound.
#include <cstdio>
#include <vector>

#include "elu/elu.hpp"
#include "reference.h"

int main() {
  std::printf("elu: SIMD target %.*s, %d thread(s)\n", int(elu::simd_target().size()),
              elu::simd_target().data(), elu::num_threads());
  const std::vector<float> x = {-20.0f, -3.0f, -1.0f, -0.5f, -1e-7f, -0.0f, 0.0f, 0.5f, 2.0f};
  const std::vector<float> ones(x.size(), 1.0f);
  struct Member {
    const char* name;
    elu::Params p;
  };
  const Member members[] = {{"ELU(1)", elu::Params::elu(1.0)},
                            {"SELU", elu::Params::selu()},
                            {"CELU(2)", elu::Params::celu(2.0)}};
  bool ok = true;
  for (const Member& m : members) {
    std::vector<float> y(x.size()), dx(x.size());
    elu::forward(x, y, m.p);
    elu::backward(ones, x, dx, m.p);
    std::printf("\n%s  {alpha %.6g, scale %.6g, input_scale %.6g}\n", m.name, m.p.alpha, m.p.scale,
                m.p.input_scale);
    std::printf("%12s %16s %16s %8s %16s %8s\n", "x", "f(x)", "exact", "ULP", "f'(x)", "ULP");
    for (size_t i = 0; i < x.size(); ++i) {
      const double fe = elu::reference::forward(x[i], m.p);
      const double ge = elu::reference::backward(1.0f, x[i], m.p);
      const double fu = elu::reference::ulp_error(y[i], fe);
      const double gu = elu::reference::ulp_error(dx[i], ge);
      ok = ok && fu <= 2 && gu <= 2;
      std::printf("%12.5g %16.9g %16.9g %8.3f %16.9g %8.3f\n", x[i], y[i], fe, fu, dx[i], gu);
    }
  }
  std::printf("\n%s\n", ok ? "all values within their ULP bounds" : "VALUE OUT OF BOUNDS");
  return ok ? 0 : 1;
}
