// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// What elu's programs report about themselves (--version, and the JSON they write): the version,
// the git commit they were built from when known, and the SIMD target the kernels dispatch to.
#pragma once

#include <string>
#include <string_view>

namespace elu::build_info {

/// The short git commit of the source tree at build time, with "-dirty" when tracked files had
/// changes; empty when it was not built from a git checkout.
std::string_view git_commit() noexcept;

/// "<program> 0.2.0 (commit 1a2b3c4d5e6f, SIMD target AVX2)"; the commit part is left out when
/// unknown. Programs append what else they link (LibTorch's version).
std::string version_line(std::string_view program);

}  // namespace elu::build_info
