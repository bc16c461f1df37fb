# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# The README's snippets work as written: extracts them, builds and runs every C++ snippet against
# this build tree (find_package(elu) with elu_DIR), then runs the Python snippet with this build's
# ops library and checks that it left gradients behind.
file(REMOVE_RECURSE ${WORK_DIR})
set(snippets ${WORK_DIR}/snippets)
execute_process(COMMAND ${PYTHON} ${ELU_SOURCE_DIR}/tests/readme/extract_snippets.py
                        ${ELU_SOURCE_DIR}/README.md ${snippets} --ops-library ${OPS_LIBRARY}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc)
  message(FATAL_ERROR "extracting the snippets failed:\n${out}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${ELU_SOURCE_DIR}/tests/readme -B ${WORK_DIR}/build
                        -DSNIPPET_DIR=${snippets} -Delu_DIR=${ELU_BUILD_DIR}
                        -DCMAKE_BUILD_TYPE=Release
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc)
  message(FATAL_ERROR "configure failed:\n${out}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/build RESULT_VARIABLE rc
                OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc)
  message(FATAL_ERROR "build failed:\n${out}")
endif()
file(GLOB sources ${snippets}/snippet_*.cc)
foreach(source IN LISTS sources)
  get_filename_component(name ${source} NAME_WE)
  execute_process(COMMAND ${WORK_DIR}/build/${name} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE out)
  if(rc)
    message(FATAL_ERROR "${source} exited with ${rc}:\n${out}")
  endif()
  message(STATUS "${name}: built and ran")
endforeach()

file(APPEND ${snippets}/snippet.py
     "\nassert x.grad is not None and a.grad is not None and b.grad is not None\n")
execute_process(COMMAND ${PYTHON} ${snippets}/snippet.py RESULT_VARIABLE rc
                OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc)
  message(FATAL_ERROR "the Python snippet failed:\n${out}")
endif()
message(STATUS "snippet.py: ran, gradients set")
