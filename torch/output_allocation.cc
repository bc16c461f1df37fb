// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "output_allocation.h"

#include <ATen/Functions.h>
#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace elu::nn::detail {
namespace {

bool huge_pages_enabled() {
  static const bool enabled = [] {
    const char* v = std::getenv("ELU_TORCH_HUGE_PAGES");
    return v == nullptr || std::strcmp(v, "0") != 0;
  }();
  return enabled;
}

// Advises the whole 2 MiB pages inside [p, p + bytes): never memory outside the tensor.
void advise_huge_pages(void* p, std::size_t bytes) {
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const std::uintptr_t begin = (reinterpret_cast<std::uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t end = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(kHuge - 1);
  // Only a hint: if the kernel refuses it, 4 KiB pages work as before.
  if (end > begin) (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

}  // namespace

at::Tensor new_output_like(const at::Tensor& like) {
  at::Tensor out = at::empty_like(like);
  if (out.nbytes() >= kHugePageMinBytes && huge_pages_enabled()) {
    advise_huge_pages(out.data_ptr(), out.nbytes());
  }
  return out;
}

}  // namespace elu::nn::detail
