# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# Finding what the build needs, and saying in one message which Debian package provides it when it
# is missing (scripts/install-deps.sh installs them all).

# elu_require_package(<Name> <debian-package> [find_package arguments...])
# A macro, not a function: find_package's result variables (TORCH_LIBRARIES, ...) must reach the
# caller's scope.
macro(elu_require_package name debian_package)
  find_package(${name} ${ARGN} QUIET)
  if(NOT ${name}_FOUND)
    message(FATAL_ERROR "elu: ${name} was not found. On Debian 12 install it with "
            "'apt-get install ${debian_package}' (or run scripts/install-deps.sh for everything).")
  endif()
endmacro()

# elu_require_library(<variable> <library> <header> <debian-package>): sets <variable> to the
# library's path, and checks that its header is there too.
macro(elu_require_library variable library header debian_package)
  find_library(${variable} ${library})
  find_path(${variable}_INCLUDE_DIR ${header})
  if(NOT ${variable} OR NOT ${variable}_INCLUDE_DIR)
    message(FATAL_ERROR "elu: lib${library} (${header}) was not found. On Debian 12 install it "
            "with 'apt-get install ${debian_package}' (or run scripts/install-deps.sh for "
            "everything).")
  endif()
endmacro()
