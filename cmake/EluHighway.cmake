# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# Defines hwy::hwy: from Highway's CMake package when it has one (Debian patches it in), else from
# pkg-config's libhwy. Used by the build and by the installed elu-config.cmake alike. Leaves
# hwy::hwy undefined when neither finds Highway; the caller says what to install.
if(NOT TARGET hwy::hwy)
  find_package(hwy CONFIG QUIET)
endif()
if(NOT TARGET hwy::hwy)
  find_package(PkgConfig QUIET)
  if(PkgConfig_FOUND)
    pkg_check_modules(ELU_HWY QUIET IMPORTED_TARGET libhwy)
    if(ELU_HWY_FOUND)
      add_library(hwy::hwy INTERFACE IMPORTED)
      set_target_properties(hwy::hwy PROPERTIES INTERFACE_LINK_LIBRARIES PkgConfig::ELU_HWY)
    endif()
  endif()
endif()
