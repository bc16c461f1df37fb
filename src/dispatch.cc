// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Choosing the SIMD target: the ELU_SIMD_TARGET override and elu::simd_target().
#include "dispatch.h"

#include <strings.h>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string_view>

#include "elu/elu.hpp"
#include "hwy/targets.h"
#include "kernels/kernels.h"

namespace elu {
namespace detail {

void apply_target_override() {
  static const bool once = [] {
    const char* want = std::getenv("ELU_SIMD_TARGET");
    if (want == nullptr || *want == '\0') return true;
    for (int64_t target : hwy::SupportedAndGeneratedTargets()) {
      // Any case: "avx2" names AVX2 as well (Highway's names are upper case).
      if (strcasecmp(hwy::TargetName(target), want) == 0) {
        hwy::SetSupportedTargetsForTest(target);
        return true;
      }
    }
    std::cerr << "elu: ELU_SIMD_TARGET=" << want
              << " is not a target this CPU supports and this build compiled; using the best one\n";
    return true;
  }();
  (void)once;
}

}  // namespace detail

std::string_view simd_target() {
  detail::apply_target_override();
  return detail::dispatch_target_name();
}

}  // namespace elu
