// Where tests find the fixtures, the real networks and the CLI binary.

#ifndef LIAISON_TESTS_TESTING_PATHS_H_
#define LIAISON_TESTS_TESTING_PATHS_H_

#include <cstdlib>
#include <filesystem>
#include <string>

namespace liaison::testing {

inline std::string SourceDir() { return LIAISON_SOURCE_DIR; }
inline std::string FixturePath(const std::string& name) {
  return SourceDir() + "/datasets/fixtures/" + name;
}
// The shared real networks (shared/datasets/real), or $LIAISON_DATASETS_DIR when set.
inline std::string DatasetsDir() {
  const char* env = std::getenv("LIAISON_DATASETS_DIR");
  return env && *env ? env : LIAISON_DATASETS_DIR;
}
inline std::string CliPath() { return LIAISON_CLI_PATH; }
inline bool InCi() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

}  // namespace liaison::testing

// Resolves a real dataset file into `var`. When the datasets folder is absent the test is skipped
// with a clear message, except in CI (CI=true), where it must be present and the test fails.
#define LIAISON_REAL_DATASET(var, name)                                                  \
  const std::string var = ::liaison::testing::DatasetsDir() + "/" + (name);             \
  if (!std::filesystem::exists(var)) {                                                  \
    if (::liaison::testing::InCi()) FAIL() << "dataset missing in CI: " << var;        \
    GTEST_SKIP() << "real dataset not found (" << var << "); set LIAISON_DATASETS_DIR"; \
  }

#endif  // LIAISON_TESTS_TESTING_PATHS_H_
