// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "report.h"

#include <algorithm>
#include <iostream>

namespace elu_bench {

std::optional<double> Results::find(int threads, const std::string& id, std::size_t n) const {
  for (const Measurement& m : all_) {
    if (m.threads == threads && m.n == n && m.id == id) return m.ns_per_element;
  }
  return std::nullopt;
}

namespace {
std::vector<std::string>& note_list() {
  static std::vector<std::string> list;
  return list;
}
}  // namespace

void note_once(const std::string& text) {
  auto& list = note_list();
  if (std::find(list.begin(), list.end(), text) != list.end()) return;
  list.push_back(text);
  std::cout << "note: " << text << std::endl;
}

const std::vector<std::string>& notes() { return note_list(); }

std::string size_label(std::size_t n) {
  constexpr std::size_t kM = std::size_t{1} << 20, kK = std::size_t{1} << 10;
  if (n >= kM && n % kM == 0) return std::to_string(n / kM) + "M";
  if (n >= kK && n % kK == 0) return std::to_string(n / kK) + "K";
  return std::to_string(n);
}

}  // namespace elu_bench
