# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# `cpack -G DEB` in the build tree makes elu_<version>_<arch>.deb: it must hold the programs, the
# library and its package files, and its Depends must be computed from the binaries
# (dpkg-shlibdeps: libc6, LibTorch's libraries) besides the declared libhwy-dev.
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${CPACK} -G DEB --config ${ELU_BUILD_DIR}/CPackConfig.cmake -B ${WORK_DIR}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc)
  message(FATAL_ERROR "cpack -G DEB failed:\n${out}")
endif()
file(GLOB debs ${WORK_DIR}/elu_${VERSION}*.deb)
list(LENGTH debs count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "expected one elu_${VERSION}*.deb in ${WORK_DIR}, found '${debs}':\n${out}")
endif()
execute_process(COMMAND dpkg-deb --field ${debs} Package Version Depends
                OUTPUT_VARIABLE fields RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "dpkg-deb --field failed on ${debs}")
endif()
foreach(expected "Package: elu" "Version: ${VERSION}" "libc6 \\(>= " "libtorch1" "libgomp1"
                 "libhwy-dev")
  if(NOT fields MATCHES "${expected}")
    message(FATAL_ERROR "the package's control fields lack '${expected}':\n${fields}")
  endif()
endforeach()
execute_process(COMMAND dpkg-deb --contents ${debs} OUTPUT_VARIABLE contents RESULT_VARIABLE rc)
foreach(file usr/bin/elu-lab usr/bin/elu-bench usr/include/elu/elu.hpp usr/include/elu/version.hpp
             usr/lib/libelu.a usr/lib/cmake/elu/elu-config.cmake usr/lib/pkgconfig/elu.pc
             usr/share/doc/elu/LICENSE)
  if(NOT contents MATCHES "\\./${file}[ \n]")
    message(FATAL_ERROR "the package lacks /${file}:\n${contents}")
  endif()
endforeach()
if(NOT contents MATCHES "usr/lib/libelu_torch_ops\\.so\\.${SOVERSION}")
  message(FATAL_ERROR
          "the package lacks the ops library with soname .so.${SOVERSION}:\n${contents}")
endif()
message(STATUS "${debs}:\n${fields}")
