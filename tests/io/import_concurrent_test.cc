// The importer's parallel parts under ThreadSanitizer: a multi-chunk parse with progress
// callbacks and skipped lines, a failing parse (chunks cancelled after the first error), and
// several imports running at once from different threads, each compared with a serial count.

#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "liaison/import.h"
#include "tests/io/test_files.h"

namespace liaison {
namespace {

using ::testing::HasSubstr;

// `lines` rows "i<TAB>(i*7919) % 50000", every 1000th line malformed.
std::string Text(int lines, uint64_t* good_rows) {
  std::string text;
  *good_rows = 0;
  for (int i = 0; i < lines; ++i) {
    if (i % 1000 == 999) {
      text += "bad line\n";
      continue;
    }
    text += std::to_string(i % 50000) + "\t" + std::to_string((i * 7919ull) % 50000) + "\n";
    ++*good_rows;
  }
  return text;
}

TEST(ImportConcurrent, ParallelParseWithProgressAndSkippedLines) {
  uint64_t good = 0;
  const std::string text = Text(150000, &good);
  uint64_t calls = 0, last = 0;
  bool monotone = true;
  ImportOptions options;
  options.skip_bad = true;
  options.progress = [&](uint64_t done, uint64_t total) {  // serialised by the importer
    ++calls;
    monotone &= done >= last && total == text.size();
    last = done;
  };
  ImportReport report;
  auto batches = ParseConnections(text, "t", options, &report);
  ASSERT_TRUE(batches.ok()) << batches.status();
  EXPECT_GT(batches->size(), 2u);
  EXPECT_EQ(report.connection_rows, good);
  EXPECT_EQ(report.bad_lines_skipped, 150u);
  EXPECT_TRUE(monotone);
  EXPECT_GT(calls, 2u);
  EXPECT_EQ(last, text.size());

  options.skip_bad = false;
  auto failed = ParseConnections(text, "t", options, nullptr);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().message(), "t:1000: member id \"bad\" is not a number");
}

TEST(ImportConcurrent, SeveralImportsAtOnce) {
  testing::TempDir dir;
  uint64_t good = 0;
  const std::string path = dir.Write("c.tsv", Text(120000, &good));
  const std::string gz = dir.WriteGzip("c.tsv.gz", "1 2\n2 3\n3 1\n");
  std::vector<uint64_t> connections(4), rows(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      ImportOptions options;
      options.skip_bad = true;
      ImportReport report;
      auto g = ImportGraph(t % 2 ? gz : path, "", options, &report);
      if (g.ok()) {
        connections[t] = (*g)->num_connections();
        rows[t] = report.connection_rows;
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int t = 0; t < 4; ++t) {
    EXPECT_EQ(rows[t], t % 2 ? 3u : good);
    EXPECT_GT(connections[t], 0u);
  }
  EXPECT_EQ(connections[0], connections[2]);
}

}  // namespace
}  // namespace liaison
