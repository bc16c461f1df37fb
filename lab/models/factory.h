// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Builds the model a RunSpec names.
#pragma once

#include <memory>

#include "train/run_spec.h"
#include "models/model.h"

namespace elu::lab {

/// Draws the initial weights from torch's default generator (seed it first).
std::shared_ptr<LabModel> make_model(const RunSpec& spec);

}  // namespace elu::lab
