// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// What main hands every subcommand besides its options.
#pragma once

#include <string>

namespace elu::lab {

struct CommandContext {
  std::string command_line;  // as typed, for the report
  bool terminal = false;     // stdout is a terminal: draw progress bars
};

}  // namespace elu::lab
