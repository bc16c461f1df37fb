// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Factories of the providers; each lives in its own file and is compiled only when its library
// was found (bench/CMakeLists.txt defines ELU_BENCH_HAVE_<PEER>).
#pragma once

#include <memory>

#include "kernel.h"

namespace elu_bench {

std::unique_ptr<Provider> make_elu_provider();
std::unique_ptr<Provider> make_kernel_provider();  // the registry's kernels, called directly
std::unique_ptr<Provider> make_roofs_provider();
std::unique_ptr<Provider> make_xnnpack_provider();
std::unique_ptr<Provider> make_onednn_provider();
std::unique_ptr<Provider> make_torch_provider();
std::unique_ptr<Provider> make_autograd_provider();

}  // namespace elu_bench
