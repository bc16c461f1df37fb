// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The software a run measured, recorded with every table (a figure names what produced it).
#pragma once

#include <string>

namespace elu_bench {

struct Software {
  std::string elu_version;       // elu::version()
  std::string git_commit;        // empty when not built from a git checkout
  std::string libtorch_version;  // empty when elu-bench was built without LibTorch
};
Software describe_software();

/// What `elu-bench --version` prints: version, commit, SIMD target, LibTorch version.
std::string version_text();

}  // namespace elu_bench
