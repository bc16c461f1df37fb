# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# A user who skipped scripts/install-deps.sh: configure must stop with one message naming the
# Debian package to install, not a raw CMake error. Each dependency is hidden from CMake in turn.
file(REMOVE_RECURSE ${WORK_DIR})
# hidden packages ; Debian package the message must name
foreach(case "nlohmann_json;nlohmann-json3-dev" "hwy,PkgConfig;libhwy-dev"
             "CLI11;libcli11-dev" "Torch;libtorch-dev" "GTest;libgtest-dev")
  list(GET case 0 hidden)
  list(GET case 1 debian_package)
  string(REPLACE "," ";" hidden "${hidden}")
  set(args "")
  foreach(name IN LISTS hidden)
    list(APPEND args -DCMAKE_DISABLE_FIND_PACKAGE_${name}=ON)
  endforeach()
  string(MAKE_C_IDENTIFIER "${debian_package}" dir)
  execute_process(COMMAND ${CMAKE_COMMAND} -S ${ELU_SOURCE_DIR} -B ${WORK_DIR}/${dir} ${args}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 0)
    message(FATAL_ERROR "configure without ${hidden} succeeded; it must fail")
  endif()
  string(REGEX REPLACE "[ \n]+" " " flat "${err}")  # CMake wraps long messages
  string(FIND "${flat}" "apt-get install ${debian_package}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "configure without ${hidden} did not name ${debian_package}:\n${err}")
  endif()
  # One message: a single CMake Error, and no raw find_package complaint.
  string(REGEX MATCHALL "CMake Error" errors "${err}")
  list(LENGTH errors count)
  if(NOT count EQUAL 1 OR err MATCHES "Could not find a package configuration file")
    message(FATAL_ERROR "configure without ${hidden}: expected one message, got:\n${err}")
  endif()
  message(STATUS "without ${hidden}: names ${debian_package}")
endforeach()
