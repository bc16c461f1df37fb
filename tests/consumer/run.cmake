# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# Installs the build into a scratch prefix, then builds and runs a consumer that uses
# find_package(elu CONFIG) twice: once from the install prefix, once from the build tree.
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${ELU_BUILD_DIR} --prefix ${WORK_DIR}/prefix
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(rc)
  message(FATAL_ERROR "install failed: ${rc}")
endif()
foreach(mode install build)
  if(mode STREQUAL install)
    set(where -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix)
  else()
    set(where -Delu_DIR=${ELU_BUILD_DIR})
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -S ${ELU_SOURCE_DIR}/tests/consumer -B ${WORK_DIR}/${mode}
                          ${where} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(rc)
    message(FATAL_ERROR "configure (${mode}) failed:\n${out}")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/${mode} RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(rc)
    message(FATAL_ERROR "build (${mode}) failed:\n${out}")
  endif()
  execute_process(COMMAND ${WORK_DIR}/${mode}/consumer RESULT_VARIABLE rc OUTPUT_VARIABLE out)
  if(rc)
    message(FATAL_ERROR "consumer (${mode}) failed: ${out}")
  endif()
  message(STATUS "find_package(elu) from the ${mode} tree: ${out}")
endforeach()
