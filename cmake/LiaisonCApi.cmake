# The C API (include/liaison.h, engine/capi/*.cc): the shared library libliaison.so (target
# liaison_c, exported as liaison::liaison), its install rules (header, library, CMake package,
# pkg-config file), its tests and the link of its benchmark. Included by the top-level
# CMakeLists.txt when engine/capi/*.cc exists (LIAISON_CAPI_SOURCES).
#
# Only the liaison_* functions are exported: the library is compiled with hidden visibility and
# liaison.h marks its declarations LIAISON_EXPORT; the engine (a static library compiled with
# default visibility), libstdc++'s inline instantiations and Abseil's are kept local by
# --exclude-libs and a version script. The test c_api_exports checks the result with nm.

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# ---- Versions: read from liaison.h, the single source ----
file(STRINGS ${PROJECT_SOURCE_DIR}/include/liaison.h _liaison_version_lines
     REGEX "^#define LIAISON_(VERSION_MAJOR|VERSION_MINOR|VERSION_PATCH|ABI_VERSION) +[0-9]+")
foreach(_line IN LISTS _liaison_version_lines)
  string(REGEX MATCH "LIAISON_([A-Z_]+) +([0-9]+)" _ "${_line}")
  set(LIAISON_C_${CMAKE_MATCH_1} ${CMAKE_MATCH_2})
endforeach()
set(LIAISON_C_VERSION
    "${LIAISON_C_VERSION_MAJOR}.${LIAISON_C_VERSION_MINOR}.${LIAISON_C_VERSION_PATCH}")
if(NOT LIAISON_C_VERSION VERSION_EQUAL PROJECT_VERSION)
  message(FATAL_ERROR "liaison.h says version ${LIAISON_C_VERSION}, project() says "
                      "${PROJECT_VERSION}: update both together")
endif()

# ---- The library ----
add_library(liaison_c SHARED ${LIAISON_CAPI_SOURCES})
add_library(liaison::liaison ALIAS liaison_c)
set(_liaison_version_script ${PROJECT_SOURCE_DIR}/engine/capi/liaison.map)
set_target_properties(liaison_c PROPERTIES
  OUTPUT_NAME liaison
  EXPORT_NAME liaison
  VERSION ${LIAISON_C_VERSION}
  SOVERSION ${LIAISON_C_ABI_VERSION}
  C_VISIBILITY_PRESET hidden
  CXX_VISIBILITY_PRESET hidden
  VISIBILITY_INLINES_HIDDEN ON
  LINK_DEPENDS ${_liaison_version_script})
target_include_directories(liaison_c PUBLIC
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_compile_definitions(liaison_c PRIVATE
  LIAISON_BUILDING_LIBRARY)
target_link_libraries(liaison_c PRIVATE liaison_engine)
target_link_options(liaison_c PRIVATE
  "LINKER:--exclude-libs,ALL"
  "LINKER:--version-script=${_liaison_version_script}")
if(NOT LIAISON_SANITIZE)
  # Every symbol resolved at link time (the sanitizer runtimes resolve theirs at load time).
  target_link_options(liaison_c PRIVATE "LINKER:--no-undefined")
endif()

# ---- Install: header, library, CMake package, pkg-config file ----
set(LIAISON_C_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/liaison)
install(TARGETS liaison_c EXPORT liaisonTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT liaison
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT liaison
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT liaison)
install(FILES ${PROJECT_SOURCE_DIR}/include/liaison.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT liaison)
install(EXPORT liaisonTargets NAMESPACE liaison:: DESTINATION ${LIAISON_C_CMAKE_DIR}
        COMPONENT liaison)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/liaisonConfig.cmake.in
  ${PROJECT_BINARY_DIR}/liaisonConfig.cmake INSTALL_DESTINATION ${LIAISON_C_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/liaisonConfigVersion.cmake
  VERSION ${LIAISON_C_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/liaisonConfig.cmake
              ${PROJECT_BINARY_DIR}/liaisonConfigVersion.cmake
        DESTINATION ${LIAISON_C_CMAKE_DIR} COMPONENT liaison)
# The .pc file finds its prefix from its own location, so the tree may be installed anywhere
# (cmake --install --prefix) or moved.
file(RELATIVE_PATH LIAISON_C_PC_TO_PREFIX
     /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(${PROJECT_SOURCE_DIR}/cmake/liaison.pc.in ${PROJECT_BINARY_DIR}/liaison.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/liaison.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT liaison)

# ---- Tests and benchmark: set up once the rest of the top-level file has run (the tests block
# finds GTest and defines liaison_testing; the benchmarks block defines capi_bench) ----
function(_liaison_capi_late_setup)
  if(TARGET capi_bench)
    target_link_libraries(capi_bench PRIVATE liaison_c)
  endif()
  if(NOT LIAISON_BUILD_TESTS)
    return()
  endif()
  set(src ${PROJECT_SOURCE_DIR})
  set(data ${PROJECT_BINARY_DIR}/capi_testdata)

  # C++ helper: writes the test graphs and the C++ API's answers (tests/capi/capi_oracle.cc).
  add_executable(capi_oracle ${src}/tests/capi/capi_oracle.cc)
  target_link_libraries(capi_oracle PRIVATE liaison_testing)
  add_test(NAME capi_oracle COMMAND capi_oracle ${data})
  set_tests_properties(capi_oracle PROPERTIES FIXTURES_SETUP capi_data LABELS "unit;concurrent")

  # The C tests, compiled as strict C11. The concurrent one first: the tsan preset
  # (LIAISON_ONLY_CONCURRENT_TESTS) builds only it and the data it needs.
  set(c_flags -Wall -Wextra -Werror -pedantic)
  function(_liaison_c_test name)
    add_executable(${name} ${PROJECT_SOURCE_DIR}/tests/capi/${name}.c)
    set_target_properties(${name} PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON
                          C_EXTENSIONS OFF)
    target_compile_options(${name} PRIVATE ${c_flags})
    target_link_libraries(${name} PRIVATE liaison_c liaison_flags m)
  endfunction()
  _liaison_c_test(c_api_concurrent_test)
  target_link_libraries(c_api_concurrent_test PRIVATE Threads::Threads)
  add_test(NAME c_api_concurrent_test COMMAND c_api_concurrent_test ${data})
  set_tests_properties(c_api_concurrent_test PROPERTIES FIXTURES_REQUIRED capi_data
                       LABELS concurrent TIMEOUT 600)
  if(LIAISON_ONLY_CONCURRENT_TESTS)
    return()
  endif()
  _liaison_c_test(c_api_test)
  add_test(NAME c_api_test COMMAND c_api_test ${data} ${LIAISON_DATASETS_DIR})
  set_tests_properties(c_api_test PROPERTIES FIXTURES_REQUIRED capi_data LABELS unit TIMEOUT 300)

  # Only liaison_* symbols are exported.
  find_program(LIAISON_NM NAMES nm REQUIRED)
  add_test(NAME c_api_exports
           COMMAND ${CMAKE_COMMAND} -DLIBRARY=$<TARGET_FILE:liaison_c> -DNM=${LIAISON_NM}
                   -DHEADER=${src}/include/liaison.h
                   -P ${src}/tests/capi/check_exports.cmake)
  set_tests_properties(c_api_exports PROPERTIES LABELS unit)

  # Install into a temporary prefix and build a C program against the installed tree, with
  # find_package(liaison) and with pkg-config.
  find_program(LIAISON_PKG_CONFIG NAMES pkg-config)
  add_test(NAME c_api_install
           COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${PROJECT_BINARY_DIR}
                   -DWORK_DIR=${PROJECT_BINARY_DIR}/capi_install_test
                   -DCONSUMER_DIR=${src}/tests/capi/consumer
                   -DC_COMPILER=${CMAKE_C_COMPILER} -DPKG_CONFIG=${LIAISON_PKG_CONFIG}
                   -DGENERATOR=${CMAKE_GENERATOR} -DSANITIZE=${LIAISON_SANITIZE}
                   -P ${src}/tests/capi/install_test.cmake)
  set_tests_properties(c_api_install PROPERTIES LABELS unit TIMEOUT 300
                       RUN_SERIAL ON)

  # The README's embedding examples, built and run so they stay correct.
  add_executable(embed_example ${src}/examples/embed.c)
  set_target_properties(embed_example PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON
                        C_EXTENSIONS OFF)
  target_compile_options(embed_example PRIVATE ${c_flags})
  target_link_libraries(embed_example PRIVATE liaison_c liaison_flags)

  # Python: the ctypes binding, with the system python3 and unittest only.
  find_program(LIAISON_PYTHON3 NAMES python3 HINTS /usr/bin)
  set(py_env "LIAISON_LIBRARY=$<TARGET_FILE:liaison_c>" "PYTHONPATH=${src}/python"
             "PYTHONDONTWRITEBYTECODE=1")
  if(LIAISON_SANITIZE MATCHES "address")
    # python3 is not instrumented: the sanitizer runtimes must be loaded first, and CPython's
    # own allocations are not ours to leak-check.
    execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libasan.so
                    OUTPUT_VARIABLE asan_rt OUTPUT_STRIP_TRAILING_WHITESPACE)
    execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libubsan.so
                    OUTPUT_VARIABLE ubsan_rt OUTPUT_STRIP_TRAILING_WHITESPACE)
    set(preload ${asan_rt})
    if(LIAISON_SANITIZE MATCHES "undefined")
      string(APPEND preload ":${ubsan_rt}")
    endif()
    list(APPEND py_env "LD_PRELOAD=${preload}"
         "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1")
  endif()

  if(LIAISON_PYTHON3 AND NOT LIAISON_SANITIZE MATCHES "thread")
    add_test(NAME python_liaison
             COMMAND ${LIAISON_PYTHON3} ${src}/tests/python/test_liaison.py -v)
    set_tests_properties(python_liaison PROPERTIES
      ENVIRONMENT "${py_env};LIAISON_TEST_DATA=${data}"
      FIXTURES_REQUIRED capi_data LABELS unit TIMEOUT 300)
  endif()

  # The examples print what examples/*.expected hold, exactly (the README quotes them).
  set(fixture ${src}/datasets/fixtures/intro_network)
  add_test(NAME embed_example_c
           COMMAND ${CMAKE_COMMAND} -DEXPECTED=${src}/examples/embed.c.expected
                   -P ${src}/tests/capi/run_example.cmake --
                   $<TARGET_FILE:embed_example> ${fixture}/connections.tsv ${fixture}/members.tsv)
  set_tests_properties(embed_example_c PROPERTIES LABELS unit)
  if(LIAISON_PYTHON3 AND NOT LIAISON_SANITIZE MATCHES "thread")
    add_test(NAME embed_example_py
             COMMAND ${CMAKE_COMMAND} -DEXPECTED=${src}/examples/embed.py.expected
                     -P ${src}/tests/capi/run_example.cmake --
                     ${LIAISON_PYTHON3} ${src}/examples/embed.py
                     ${fixture}/connections.tsv ${fixture}/members.tsv)
    set_tests_properties(embed_example_py PROPERTIES LABELS unit ENVIRONMENT "${py_env}")
  endif()
endfunction()
cmake_language(DEFER DIRECTORY ${PROJECT_SOURCE_DIR} CALL _liaison_capi_late_setup)
