// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Choosing the SIMD target (src/dispatch.cc): the ELU_SIMD_TARGET override, which every entry
// point applies before its first dispatch.
#pragma once

namespace elu::detail {

/// Applies the environment variable ELU_SIMD_TARGET once, before the first dispatch; later calls
/// do nothing.
void apply_target_override();

}  // namespace elu::detail
