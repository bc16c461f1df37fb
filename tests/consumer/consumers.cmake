# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# Builds and runs tests/consumer/main.cc the ways a user would (cmake -P helpers):
#   elu_consumer_cmake(<label> <work dir> <cmake args...>)  find_package(elu CONFIG)
#   elu_consumer_pkg_config(<label> <work dir> <prefix>)      c++ $(pkg-config --cflags --libs elu)
set(ELU_CONSUMER_DIR ${CMAKE_CURRENT_LIST_DIR})

function(elu_consumer_run label exe)
  execute_process(COMMAND ${exe} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(rc)
    message(FATAL_ERROR "consumer (${label}) failed: ${out}")
  endif()
  message(STATUS "consumer (${label}): ${out}")
endfunction()

function(elu_consumer_cmake label work)
  execute_process(COMMAND ${CMAKE_COMMAND} -S ${ELU_CONSUMER_DIR} -B ${work} ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(rc)
    message(FATAL_ERROR "configure (${label}) failed:\n${out}")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${work} RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(rc)
    message(FATAL_ERROR "build (${label}) failed:\n${out}")
  endif()
  elu_consumer_run(${label} ${work}/consumer)
endfunction()

function(elu_consumer_pkg_config label work prefix)
  find_program(PKG_CONFIG pkg-config REQUIRED)
  find_program(CXX NAMES c++ g++ REQUIRED)
  file(GLOB pc_files ${prefix}/lib*/pkgconfig/elu.pc ${prefix}/lib/*/pkgconfig/elu.pc)
  if(NOT pc_files)
    message(FATAL_ERROR "no elu.pc under ${prefix}")
  endif()
  list(GET pc_files 0 pc_file)
  get_filename_component(pc_dir ${pc_file} DIRECTORY)
  set(ENV{PKG_CONFIG_PATH} ${pc_dir})
  execute_process(COMMAND ${PKG_CONFIG} --cflags --libs elu RESULT_VARIABLE rc
                  OUTPUT_VARIABLE flags ERROR_VARIABLE err OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(rc)
    message(FATAL_ERROR "pkg-config --cflags --libs elu failed: ${err}")
  endif()
  execute_process(COMMAND ${PKG_CONFIG} --modversion elu OUTPUT_VARIABLE version
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(DEFINED EXPECTED_VERSION AND NOT version STREQUAL EXPECTED_VERSION)
    message(FATAL_ERROR "pkg-config says elu ${version}, expected ${EXPECTED_VERSION}")
  endif()
  separate_arguments(flags UNIX_COMMAND "${flags}")
  file(MAKE_DIRECTORY ${work})
  execute_process(COMMAND ${CXX} -std=c++20 ${ELU_CONSUMER_DIR}/main.cc ${flags} -o ${work}/consumer
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(rc)
    message(FATAL_ERROR "c++ main.cc $(pkg-config --cflags --libs elu) (${label}) failed:\n"
            "flags: ${flags}\n${out}")
  endif()
  elu_consumer_run(${label} ${work}/consumer)
endfunction()
