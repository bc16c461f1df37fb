// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The error a resume reports for a checkpoint it cannot use (main maps it to exit status 2).
#pragma once

#include <stdexcept>

namespace elu::lab {

/// The checkpoint cannot be read, or belongs to another configuration.
class CheckpointError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace elu::lab
