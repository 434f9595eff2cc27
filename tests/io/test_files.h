// Helpers for importer tests: a temporary directory removed at the end of the test, plain and
// gzip files written into it (gzip with zlib's own writer, independent of the reader under test).

#ifndef LIAISON_TESTS_IO_TEST_FILES_H_
#define LIAISON_TESTS_IO_TEST_FILES_H_

#include <stdlib.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "gtest/gtest.h"

namespace liaison::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "liaison_io_test_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string File(std::string_view name) const { return path_ + "/" + std::string(name); }

  // Writes `content` to `name` and returns the path.
  std::string Write(std::string_view name, std::string_view content) const {
    const std::string path = File(name);
    FILE* f = std::fopen(path.c_str(), "wb");
    EXPECT_NE(f, nullptr) << path;
    if (f == nullptr) return path;
    EXPECT_EQ(std::fwrite(content.data(), 1, content.size(), f), content.size());
    std::fclose(f);
    return path;
  }

  // Writes `content` gzip-compressed (zlib's gzwrite) to `name` and returns the path.
  std::string WriteGzip(std::string_view name, std::string_view content) const {
    const std::string path = File(name);
    gzFile f = gzopen(path.c_str(), "wb9");
    EXPECT_NE(f, nullptr) << path;
    if (f == nullptr) return path;
    if (!content.empty()) {
      EXPECT_EQ(gzwrite(f, content.data(), static_cast<unsigned>(content.size())),
                static_cast<int>(content.size()));
    }
    gzclose(f);
    return path;
  }

  // The bytes of file `path`.
  static std::string Read(const std::string& path) {
    std::string out;
    FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) return out;
    char buf[1 << 16];
    size_t got;
    while ((got = std::fread(buf, 1, sizeof(buf), f)) > 0) out.append(buf, got);
    std::fclose(f);
    return out;
  }

 private:
  std::string path_;
};

}  // namespace liaison::testing

#endif  // LIAISON_TESTS_IO_TEST_FILES_H_
