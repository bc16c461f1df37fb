# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# CTest smoke test of elu-bench (cmake -P): one tiny run must succeed and write a JSON report
# holding every kernel this build has, with a positive time each, its speed targets and the software it ran; --version; bad options must
# fail with a message naming the problem. No timing is asserted.
# Variables: BENCH (the program), OUT (JSON path), EXPECT (';'-separated kernel ids).
cmake_minimum_required(VERSION 3.25)

execute_process(COMMAND ${BENCH} --quick --sizes 4096 --threads 1 --reps 1 --json ${OUT}
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "elu-bench failed (${rc}): ${err}")
endif()

file(READ ${OUT} json)
string(JSON count LENGTH "${json}" results)
set(seen "")
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
  string(JSON kernel GET "${json}" results ${i} kernel)
  string(JSON ns GET "${json}" results ${i} ns_per_element)
  if(NOT ns GREATER 0)
    message(FATAL_ERROR "${kernel}: ns_per_element is ${ns}, not a positive time")
  endif()
  list(APPEND seen ${kernel})
endforeach()
foreach(kernel IN LISTS EXPECT)
  if(NOT kernel IN_LIST seen)
    message(FATAL_ERROR "the report has no result for ${kernel}; it has: ${seen}")
  endif()
endforeach()
string(JSON targets LENGTH "${json}" targets)
if(targets LESS 13)
  message(FATAL_ERROR "the report lists ${targets} speed targets, expected 13")
endif()
# What the figures came from: elu's version and SIMD target, and the LibTorch version when built.
foreach(field elu_version git_commit elu_simd_target libtorch_version)
  string(JSON value ERROR_VARIABLE missing GET "${json}" software ${field})
  if(missing)
    message(FATAL_ERROR "the report's software record has no ${field}: ${missing}")
  endif()
endforeach()
string(JSON version GET "${json}" software elu_version)
if(NOT version STREQUAL "${VERSION}")
  message(FATAL_ERROR "the report says elu ${version}, the build is ${VERSION}")
endif()
execute_process(COMMAND ${BENCH} --version RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(rc OR NOT out MATCHES "^elu-bench ${VERSION} .*SIMD target [A-Z0-9_]+")
  message(FATAL_ERROR "elu-bench --version: exit ${rc}, printed '${out}'")
endif()

# --target runs elu under another dispatch target (SCALAR is compiled into every build).
execute_process(COMMAND ${BENCH} --target scalar --quick --sizes 4096 --threads 1 --reps 1
                        --filter ^elu/forward/f32/out --json ${OUT}.scalar.json
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
file(READ ${OUT}.scalar.json scalar_json)
string(JSON scalar_target GET "${scalar_json}" software elu_simd_target)
if(rc OR NOT scalar_target STREQUAL "SCALAR")
  message(FATAL_ERROR "elu-bench --target scalar: exit ${rc}, target '${scalar_target}': ${err}")
endif()

# --compare of a report with itself: every row in both, each ratio exactly 1.
execute_process(COMMAND ${BENCH} --compare ${OUT} ${OUT} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
if(rc OR NOT out MATCHES "${count} rows in both runs; geometric mean of old/new 1.000")
  message(FATAL_ERROR "elu-bench --compare REPORT REPORT: exit ${rc}:\n${out}${err}")
endif()
file(WRITE ${OUT}.not-a-report.json "{\"results\": []}")
execute_process(COMMAND ${BENCH} --compare ${OUT} ${OUT}.not-a-report.json RESULT_VARIABLE rc
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "not-a-report.json: not an elu-bench --json report")
  message(FATAL_ERROR "elu-bench --compare with a bad report: exit ${rc}, '${err}'")
endif()

# Bad input: a non-zero exit and a message that names the bad value.
foreach(case "--sizes;4X;4X" "--threads;0;0" "--filter;(;(" "--reps;0;0" "--target;NOPE;NOPE")
  list(GET case 0 option)
  list(GET case 1 value)
  list(GET case 2 named)
  execute_process(COMMAND ${BENCH} ${option} ${value} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  string(FIND "${out}${err}" "${named}" at)
  if(rc EQUAL 0 OR at EQUAL -1)
    message(FATAL_ERROR "elu-bench ${option} ${value}: exit ${rc}, output '${out}${err}'")
  endif()
endforeach()
