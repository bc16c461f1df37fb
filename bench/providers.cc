// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "providers.h"

namespace elu_bench {

std::vector<std::unique_ptr<Provider>> make_providers(
    [[maybe_unused]] std::vector<MissingPeer>& missing) {
  std::vector<std::unique_ptr<Provider>> all;
  all.push_back(make_elu_provider());
  all.push_back(make_kernel_provider());
  all.push_back(make_roofs_provider());
#ifdef ELU_BENCH_HAVE_XNNPACK
  all.push_back(make_xnnpack_provider());
#else
  missing.push_back(
      {"XNNPACK", "xnnpack.h, libXNNPACK or libpthreadpool not found at configure time"});
#endif
#ifdef ELU_BENCH_HAVE_ONEDNN
  all.push_back(make_onednn_provider());
#else
  missing.push_back({"oneDNN", "find_package(dnnl) failed at configure time"});
#endif
#ifdef ELU_BENCH_HAVE_TORCH
  all.push_back(make_torch_provider());
  all.push_back(make_autograd_provider());
#else
  missing.push_back({"LibTorch", "find_package(Torch) failed at configure time"});
#endif
#if defined(ELU_BENCH_HAVE_TORCH) && !defined(ELU_BENCH_HAVE_ADAPTER)
  missing.push_back({"elu::nn adapter", "target elu::torch not built: no elu_nn autograd rows"});
#endif
  return all;
}

}  // namespace elu_bench
