# The macro-benchmark harness `liaison-bench` (bench/macro/): named workloads over generated
# networks, with Boost.Graph and igraph as peers on the same graphs and inputs. Included by the
# top-level CMakeLists.txt when LIAISON_BUILD_BENCHMARKS is on.
#
# Both peers are optional: Boost.Graph through find_package(Boost), igraph through pkg-config
# (`igraph`, Debian's libigraph-dev). Without one the harness builds without it and says at run
# time which peer it skipped.

file(GLOB LIAISON_HARNESS_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.cc)
add_executable(liaison-bench ${LIAISON_HARNESS_SOURCES})
target_link_libraries(liaison-bench PRIVATE liaison_engine liaison_generators
                      nlohmann_json::nlohmann_json CLI11::CLI11 TBB::tbb Threads::Threads)
target_compile_definitions(liaison-bench PRIVATE
  LIAISON_BENCH_COMPILER="${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}"
  LIAISON_BENCH_BUILD_TYPE="${CMAKE_BUILD_TYPE}"
  LIAISON_BENCH_SOURCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}")

find_package(Boost 1.74 QUIET COMPONENTS graph)
if(TARGET Boost::graph)
  target_link_libraries(liaison-bench PRIVATE Boost::graph)
  target_compile_definitions(liaison-bench PRIVATE LIAISON_BENCH_HAVE_BGL=1)
else()
  message(STATUS "liaison-bench: Boost.Graph not found, the Boost.Graph peer is skipped")
endif()

find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(LIAISON_IGRAPH QUIET IMPORTED_TARGET igraph)
endif()
if(LIAISON_IGRAPH_FOUND)
  target_link_libraries(liaison-bench PRIVATE PkgConfig::LIAISON_IGRAPH)
  target_compile_definitions(liaison-bench PRIVATE LIAISON_BENCH_HAVE_IGRAPH=1)
else()
  message(STATUS "liaison-bench: igraph (pkg-config igraph) not found, the igraph peer is skipped")
endif()
