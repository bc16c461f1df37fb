// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The ELU article's three claims, each checked against the summaries of one compare run.
#pragma once

#include <string>
#include <vector>

#include "report/summary.h"

namespace elu::lab {

enum class Verdict { kHeld, kDidNotHold, kNotTested };

struct ClaimResult {
  std::string claim;  // the article's words, shortened
  Verdict verdict = Verdict::kNotTested;
  std::string evidence;  // the numbers, and the rule that decided
};

/// Zero-centred activations, learning speed and dying units: ELU (or torch_elu when elu was not
/// run) against ReLU and Leaky ReLU. `groups` are matched by activation name, so labels may carry
/// an alpha. A group with a diverged run counts as not run (so a claim that needs it is not
/// tested), and every claim's evidence names the runs left out.
std::vector<ClaimResult> check_claims(const std::vector<RunGroup>& groups);

std::string verdict_text(Verdict v);

}  // namespace elu::lab
