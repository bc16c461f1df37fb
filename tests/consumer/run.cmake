# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# Installs the build into a scratch prefix, then builds and runs a consumer the ways users do:
# find_package(elu CONFIG) from the install prefix (with and without Highway's CMake package) and
# from the build tree, and pkg-config from the install prefix.
include(${CMAKE_CURRENT_LIST_DIR}/consumers.cmake)
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${ELU_BUILD_DIR} --prefix ${WORK_DIR}/prefix
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(rc)
  message(FATAL_ERROR "install failed: ${rc}")
endif()
elu_consumer_cmake("find_package, install prefix" ${WORK_DIR}/install
                   -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix)
# Without Highway's CMake package, the installed config falls back to pkg-config's libhwy.
elu_consumer_cmake("find_package, install prefix, Highway from pkg-config" ${WORK_DIR}/install-pc
                   -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCMAKE_DISABLE_FIND_PACKAGE_hwy=ON)
elu_consumer_cmake("find_package, build tree" ${WORK_DIR}/build -Delu_DIR=${ELU_BUILD_DIR})
elu_consumer_pkg_config("pkg-config, install prefix" ${WORK_DIR}/pkg-config ${WORK_DIR}/prefix)
