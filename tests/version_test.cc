// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// The version has one source, project(elu VERSION ...): the generated macros, the library's
// elu::version() and CMake's PROJECT_VERSION (passed in by tests/CMakeLists.txt) agree.
#include <gtest/gtest.h>

#include <string>

#include "elu/elu.hpp"

namespace {

TEST(Version, MacrosLibraryAndProjectAgree) {
  const std::string from_macros = std::to_string(ELU_VERSION_MAJOR) + "." +
                                  std::to_string(ELU_VERSION_MINOR) + "." +
                                  std::to_string(ELU_VERSION_PATCH);
  EXPECT_EQ(from_macros, ELU_VERSION_STRING);
  EXPECT_EQ(std::string(elu::version()), ELU_VERSION_STRING);
  EXPECT_EQ(std::string(elu::version()), ELU_PROJECT_VERSION);
}

}  // namespace
