# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# The core library embeds with nothing but a C++20 compiler, CMake and Highway: configure the
# source with every optional part off, check that configure never looked for another dependency,
# build and install it, and build users' programs against the install (find_package, pkg-config).
include(${ELU_SOURCE_DIR}/tests/consumer/consumers.cmake)
file(REMOVE_RECURSE ${WORK_DIR})
set(build ${WORK_DIR}/build)
execute_process(COMMAND ${CMAKE_COMMAND} -S ${ELU_SOURCE_DIR} -B ${build} -DCMAKE_BUILD_TYPE=Release
                        -DELU_BUILD_TESTS=OFF -DELU_BUILD_TORCH=OFF -DELU_BUILD_LAB=OFF
                        -DELU_BUILD_BENCH=OFF
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc)
  message(FATAL_ERROR "core-only configure failed:\n${out}")
endif()
# find_package and find_library leave a cache entry for whatever they looked for.
file(READ ${build}/CMakeCache.txt cache)
foreach(entry Torch_DIR GTest_DIR CLI11_DIR nlohmann_json_DIR ZLIB_INCLUDE_DIR MPFR_LIBRARY
              GMP_LIBRARY benchmark_DIR Python3_EXECUTABLE)
  if(cache MATCHES "(^|\n)${entry}:")
    message(FATAL_ERROR "the core-only configure looked for ${entry}; it must need only Highway")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${build} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE out)
if(rc)
  message(FATAL_ERROR "core-only build failed:\n${out}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --install ${build} --prefix ${WORK_DIR}/prefix
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc)
  message(FATAL_ERROR "core-only install failed:\n${out}")
endif()
foreach(unwanted bin/elu-lab bin/elu-bench bin/elu-demo)
  if(EXISTS ${WORK_DIR}/prefix/${unwanted})
    message(FATAL_ERROR "the core-only install has ${unwanted}")
  endif()
endforeach()
elu_consumer_cmake("core only, find_package" ${WORK_DIR}/find_package
                   -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix)
elu_consumer_pkg_config("core only, pkg-config" ${WORK_DIR}/pkg-config ${WORK_DIR}/prefix)
