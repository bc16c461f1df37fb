// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "elu/version.hpp"

namespace elu {

std::string_view version() noexcept { return ELU_VERSION_STRING; }

}  // namespace elu
