// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// What one run measured: every (threads, kernel, size) time, and the notes printed along the way.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace elu_bench {

struct Measurement {
  int threads = 1;
  std::string id;  // Kernel::id
  std::size_t n = 0;
  std::size_t bytes_per_element = 0;
  double ns_per_element = 0;
};

class Results {
 public:
  void add(Measurement m) { all_.push_back(std::move(m)); }
  const std::vector<Measurement>& all() const { return all_; }
  /// ns per element of `id` at n elements with `threads` threads, if it was measured.
  std::optional<double> find(int threads, const std::string& id, std::size_t n) const;

 private:
  std::vector<Measurement> all_;
};

/// Prints "note: <text>" the first time a text is seen and keeps it for the JSON report.
void note_once(const std::string& text);
const std::vector<std::string>& notes();

/// "4K", "64K", "1M", "128M" for powers of two in elements; the plain number otherwise.
std::string size_label(std::size_t n);

}  // namespace elu_bench
