// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "software.h"

#ifdef ELU_BENCH_HAVE_TORCH
#include <torch/version.h>
#endif

#include "build_info.h"
#include "elu/version.hpp"

namespace elu_bench {

Software describe_software() {
  Software s{std::string(elu::version()), std::string(elu::build_info::git_commit()), ""};
#ifdef ELU_BENCH_HAVE_TORCH
  s.libtorch_version = TORCH_VERSION;
#endif
  return s;
}

std::string version_text() {
  std::string text = elu::build_info::version_line("elu-bench");
  const Software s = describe_software();
  if (!s.libtorch_version.empty()) text += ", LibTorch " + s.libtorch_version;
  return text;
}

}  // namespace elu_bench
