// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The int8 quantization every qs8 kernel in the run uses, so elu and XNNPACK do the same work.
#pragma once

#include <cstdint>

namespace elu_bench {

struct Qs8Params {
  float scale;
  std::int32_t zero_point;
};
/// Codes -128..127 cover x in [-6.4, 6.35], the float inputs' range.
inline constexpr Qs8Params kQs8Input{0.05f, 0};
/// ELU(1) of that range is [-1, 6.35]: 255 steps of 1/34.5 with -1 at code -128.
inline constexpr Qs8Params kQs8Output{7.4f / 255.0f, -94};

}  // namespace elu_bench
