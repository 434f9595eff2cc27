# Installs the C API into a temporary prefix and builds a C program (tests/capi/consumer) against
# the installed tree twice: with CMake's find_package(liaison) and with pkg-config; runs both.
# Usage (from CTest): cmake -DBUILD_DIR=... -DWORK_DIR=... -DCONSUMER_DIR=... -DC_COMPILER=...
#                           -DPKG_CONFIG=... -DGENERATOR=... [-DSANITIZE=...] -P install_test.cmake

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    list(JOIN ARGN " " command)
    message(FATAL_ERROR "failed (${rc}): ${command}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} --component liaison)

# What is installed: the C header (and no C++ header), the library with its SONAME link, the CMake
# package and the pkg-config file.
file(GLOB_RECURSE installed RELATIVE ${prefix} ${prefix}/*)
message(STATUS "installed: ${installed}")
foreach(pattern "^include/liaison\\.h$" "/libliaison\\.so$" "/libliaison\\.so\\.[0-9]+$"
        "/cmake/liaison/liaisonConfig\\.cmake$" "/cmake/liaison/liaisonConfigVersion\\.cmake$"
        "/cmake/liaison/liaisonTargets\\.cmake$" "/pkgconfig/liaison\\.pc$")
  set(found FALSE)
  foreach(f IN LISTS installed)
    if(f MATCHES "${pattern}")
      set(found TRUE)
    endif()
  endforeach()
  if(NOT found)
    message(FATAL_ERROR "nothing installed matches ${pattern}")
  endif()
endforeach()
if(EXISTS ${prefix}/include/liaison/graph.h)
  message(FATAL_ERROR "the C++ headers must not be installed with the C API")
endif()

set(flags "")
if(SANITIZE)
  set(flags "-fsanitize=${SANITIZE}")
endif()

# 1. CMake: find_package(liaison) -> liaison::liaison.
run(${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/cmake-build -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_C_COMPILER=${C_COMPILER}
    "-DCMAKE_C_FLAGS=-std=c99 -Wall -Wextra -Werror -pedantic ${flags}"
    "-DCMAKE_EXE_LINKER_FLAGS=${flags}")
run(${CMAKE_COMMAND} --build ${WORK_DIR}/cmake-build)
run(${WORK_DIR}/cmake-build/consumer)
if(NOT run_output MATCHES "degree\\(10, 40\\) = 3")
  message(FATAL_ERROR "unexpected output of the find_package consumer: ${run_output}")
endif()
message(STATUS "find_package consumer: ${run_output}")

# 2. pkg-config.
if(NOT PKG_CONFIG)
  message(FATAL_ERROR "pkg-config not found")
endif()
file(GLOB_RECURSE pc_files ${prefix}/*/liaison.pc)
get_filename_component(pc_dir "${pc_files}" DIRECTORY)
set(pkg ${CMAKE_COMMAND} -E env PKG_CONFIG_PATH=${pc_dir} ${PKG_CONFIG})
run(${pkg} --cflags liaison)
string(STRIP "${run_output}" cflags)
run(${pkg} --libs liaison)
string(STRIP "${run_output}" libs)
run(${pkg} --variable=libdir liaison)
string(STRIP "${run_output}" libdir)
run(${pkg} --modversion liaison)
string(STRIP "${run_output}" version)
message(STATUS "pkg-config: version ${version}, cflags ${cflags}, libs ${libs}")
separate_arguments(cflags UNIX_COMMAND "${cflags}")
separate_arguments(libs UNIX_COMMAND "${libs}")
separate_arguments(flags UNIX_COMMAND "${flags}")
run(${C_COMPILER} -std=c99 -Wall -Wextra -Werror -pedantic ${flags} ${cflags}
    ${CONSUMER_DIR}/main.c ${libs} -Wl,-rpath,${libdir} -o ${WORK_DIR}/consumer-pc)
run(${WORK_DIR}/consumer-pc)
if(NOT run_output MATCHES "degree\\(10, 40\\) = 3")
  message(FATAL_ERROR "unexpected output of the pkg-config consumer: ${run_output}")
endif()
message(STATUS "pkg-config consumer: ${run_output}")
