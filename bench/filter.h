// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// --filter: which kernel ids a run measures. POSIX extended regular expressions (regex.h) rather
// than std::regex, whose headers trip g++ 12's -Wmaybe-uninitialized in sanitizer builds.
#pragma once

#include <regex.h>

#include <string>

namespace elu_bench {

class KernelFilter {
 public:
  /// Throws std::invalid_argument naming the pattern and the reason if it is not a valid ERE.
  /// The empty pattern matches every id.
  explicit KernelFilter(const std::string& pattern);
  ~KernelFilter();
  KernelFilter(const KernelFilter&) = delete;
  KernelFilter& operator=(const KernelFilter&) = delete;

  /// Whether the pattern matches anywhere in id.
  bool matches(const std::string& id) const;

 private:
  regex_t compiled_;
};

}  // namespace elu_bench
