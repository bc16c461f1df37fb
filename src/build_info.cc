// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "build_info.h"

#include "elu/elu.hpp"
#include "elu/version.hpp"

namespace elu::build_info {

std::string_view git_commit() noexcept {
  // Written at build time by cmake/git_commit.cmake (rebuilt only when the commit changes).
  static constexpr const char kCommit[] =
#include "git_commit.inc"
      ;
  return kCommit;
}

std::string version_line(std::string_view program) {
  std::string line(program);
  line.append(" ").append(version()).append(" (");
  if (!git_commit().empty()) line.append("commit ").append(git_commit()).append(", ");
  line.append("SIMD target ").append(simd_target()).append(")");
  return line;
}

}  // namespace elu::build_info
