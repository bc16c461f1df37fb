// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// elu-bench --compare OLD.json NEW.json: the ratio of every row measured in both runs, to judge a
// change against a run of the code before it (a regression shows as a ratio below 1).
#pragma once

#include <string>

namespace elu_bench {

/// Prints both runs' software and machine, then old ns, new ns and old/new per kernel, thread
/// count and size present in both, and their geometric mean. `filter` (a POSIX extended regex,
/// empty for all) selects kernels. Returns the exit status: 0, or 2 with one line on stderr when a
/// file cannot be read or is not an elu-bench report.
int compare_reports(const std::string& old_path, const std::string& new_path,
                    const std::string& filter);

}  // namespace elu_bench
