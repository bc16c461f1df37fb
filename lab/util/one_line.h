// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Error text for one line of stderr. LibTorch's c10::Error::what() appends a backtrace after the
// first newline, and other libraries' messages may span lines; a user needs only the first.
#pragma once

#include <string>
#include <string_view>

namespace elu::lab {

/// The first non-blank line of `text`, trimmed; "(no message)" if there is none.
inline std::string first_line(std::string_view text) {
  constexpr std::string_view kBlank = " \t\r\n";
  const std::size_t begin = text.find_first_not_of(kBlank);
  if (begin == std::string_view::npos) return "(no message)";
  std::string_view line = text.substr(begin);
  line = line.substr(0, line.find_first_of("\r\n"));
  while (line.back() == ' ' || line.back() == '\t') line.remove_suffix(1);
  return std::string(line);
}

}  // namespace elu::lab
