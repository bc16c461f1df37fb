// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "filter.h"

#include <stdexcept>

namespace elu_bench {

KernelFilter::KernelFilter(const std::string& pattern) {
  const int status = regcomp(&compiled_, pattern.c_str(), REG_EXTENDED | REG_NOSUB);
  if (status != 0) {
    char reason[256];
    regerror(status, &compiled_, reason, sizeof reason);
    std::string message = "pattern '";
    message.append(pattern).append("' is not a regex: ").append(reason);
    throw std::invalid_argument(message);
  }
}

KernelFilter::~KernelFilter() { regfree(&compiled_); }

bool KernelFilter::matches(const std::string& id) const {
  return regexec(&compiled_, id.c_str(), 0, nullptr, 0) == 0;
}

}  // namespace elu_bench
