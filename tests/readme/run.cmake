# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# The README's snippets work as written: extracts them, builds and runs every C++ snippet against
# this build tree (find_package(elu) with elu_DIR), then installs this build (cmake --install,
# under DESTDIR with the configured prefix) and runs the Python snippet against the installed
# package elu_torch, checking that it used the installed package and library and left gradients.
file(REMOVE_RECURSE ${WORK_DIR})
set(snippets ${WORK_DIR}/snippets)
execute_process(COMMAND ${PYTHON} ${ELU_SOURCE_DIR}/tests/readme/extract_snippets.py
                        ${ELU_SOURCE_DIR}/README.md ${snippets}
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

set(root ${WORK_DIR}/root)
execute_process(COMMAND ${CMAKE_COMMAND} -E env DESTDIR=${root} ${CMAKE_COMMAND} --install ${ELU_BUILD_DIR}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc)
  message(FATAL_ERROR "cmake --install failed:\n${out}")
endif()
load_cache(${ELU_BUILD_DIR} READ_WITH_PREFIX elu_ CMAKE_INSTALL_PREFIX ELU_PYTHON_INSTALL_DIR)
if(IS_ABSOLUTE ${elu_ELU_PYTHON_INSTALL_DIR})
  set(site ${root}${elu_ELU_PYTHON_INSTALL_DIR})
else()
  set(site ${root}${elu_CMAKE_INSTALL_PREFIX}/${elu_ELU_PYTHON_INSTALL_DIR})
endif()
file(APPEND ${snippets}/snippet.py "
import os
assert all(p.grad is not None for p in net.parameters())
assert elu_torch.__file__.startswith('${site}/elu_torch/'), elu_torch.__file__
assert os.path.realpath(elu_torch.library_path()).startswith('${root}/'), elu_torch.library_path()
")
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=ELU_TORCH_LIBRARY PYTHONPATH=${site}
                        PYTHONDONTWRITEBYTECODE=1 ${PYTHON} ${snippets}/snippet.py
                WORKING_DIRECTORY ${snippets} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE out)
if(rc)
  message(FATAL_ERROR "the Python snippet failed:\n${out}")
endif()
message(STATUS "snippet.py: ran against the installed package in ${site}, gradients set")
