# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# CTest smoke test of elu-bench (cmake -P): one tiny run must succeed and write a JSON report
# holding every kernel this build has, with a positive time each, and the bars; bad options must
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
string(JSON bars LENGTH "${json}" bars)
if(bars LESS 13)
  message(FATAL_ERROR "the report lists ${bars} bars, expected the 13 of issues 3, 4 and 5")
endif()

# Bad input: a non-zero exit and a message that names the bad value.
foreach(case "--sizes;4X;4X" "--threads;0;0" "--filter;(;(" "--reps;0;0")
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
