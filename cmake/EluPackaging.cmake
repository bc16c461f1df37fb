# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# Install rules, the CMake package (find_package(elu)), the pkg-config file and the CPack
# configuration for Debian packages. Included last by the top-level CMakeLists.txt, after every
# part (torch/, lab/, bench/) has added its own install rules.
include(CMakePackageConfigHelpers)
set(ELU_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/elu)

install(TARGETS elu EXPORT elu-targets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/elu DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING
        PATTERN "*.hpp")
install(FILES ${ELU_GENERATED_INCLUDE_DIR}/elu/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/elu)
install(EXPORT elu-targets NAMESPACE elu:: DESTINATION ${ELU_CMAKE_DIR})
export(EXPORT elu-targets NAMESPACE elu:: FILE ${PROJECT_BINARY_DIR}/elu-targets.cmake)

# CMake package: the config finds Highway the way the build does (EluHighway.cmake beside it).
configure_package_config_file(cmake/elu-config.cmake.in ${PROJECT_BINARY_DIR}/elu-config.cmake
  INSTALL_DESTINATION ${ELU_CMAKE_DIR})
# 0.x: a minor release may break the API, so only the same major.minor is compatible.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/elu-config-version.cmake
  COMPATIBILITY SameMinorVersion)
configure_file(cmake/EluHighway.cmake ${PROJECT_BINARY_DIR}/EluHighway.cmake COPYONLY)
install(FILES ${PROJECT_BINARY_DIR}/elu-config.cmake ${PROJECT_BINARY_DIR}/elu-config-version.cmake
        cmake/EluHighway.cmake DESTINATION ${ELU_CMAKE_DIR})

# pkg-config: relocatable (paths relative to the .pc file), so the same file serves
# `cmake --install --prefix ANY` and the Debian package. A static libelu needs Highway and
# OpenMP at the consumer's link; a shared one only at its own.
file(RELATIVE_PATH ELU_PC_TO_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" ELU_PC_TO_PREFIX "${ELU_PC_TO_PREFIX}")
get_target_property(elu_type elu TYPE)
if(elu_type STREQUAL "STATIC_LIBRARY")
  set(ELU_PC_REQUIRES "Requires: libhwy")
  set(ELU_PC_LIBS_EXTRA "${OpenMP_CXX_FLAGS}")
else()
  set(ELU_PC_REQUIRES "Requires.private: libhwy")
  set(ELU_PC_LIBS_EXTRA "")
endif()
if(ELU_SANITIZE)
  # As the CMake target does (INTERFACE link options): a sanitized libelu needs the runtimes.
  string(APPEND ELU_PC_LIBS_EXTRA " -fsanitize=address,undefined")
endif()
configure_file(cmake/elu.pc.in ${PROJECT_BINARY_DIR}/elu.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/elu.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

install(FILES LICENSE README.md CHANGELOG.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

# Debian package: `cpack -G DEB` in the build tree makes elu_<version>_<arch>.deb with everything
# this build installs (library, headers, CMake and pkg-config files, the LibTorch adapter,
# elu-lab, elu-bench). Its Depends are computed by dpkg-shlibdeps from the binaries, plus
# libhwy-dev, which a consumer of the static library links against.
set(CPACK_PACKAGE_NAME elu)
set(CPACK_PACKAGE_VENDOR "The elu authors")
set(CPACK_PACKAGE_CONTACT "The elu authors <elu@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "ELU, SELU, CELU and PELU forward and backward for f32, f64, bf16, f16 and int8, with a\n"
    "LibTorch adapter, elu-lab (trains networks to test the ELU paper's claims) and elu-bench.")
string(JOIN "" CPACK_PACKAGE_DESCRIPTION ${CPACK_PACKAGE_DESCRIPTION})
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_RESOURCE_FILE_README ${PROJECT_SOURCE_DIR}/README.md)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libhwy-dev")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "pkg-config, dataset-fashion-mnist, gnuplot-nox, libopenblas0-openmp, python3-torch")
include(CPack)
