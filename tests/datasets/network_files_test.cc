// The TSV writers: files written to a temporary directory and read back with the simple reader
// of tests/datasets/tsv.h. The professional network's files must hold exactly the in-memory
// network (row for row, field for field), import with every row kept, and report progress; the
// Kronecker writer must write edge_factor * 2^scale rows with ids below 2^scale, the same rows
// as KroneckerConnections. The writers' integer formatting (text_format.h) must match
// std::to_chars for every digit count.

#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "datasets/generators/kronecker.h"
#include "datasets/generators/professional_network.h"
#include "datasets/generators/text_format.h"
#include "gtest/gtest.h"
#include "liaison/builder.h"
#include "tests/datasets/tsv.h"

namespace liaison::generators {
namespace {

using ::liaison::testing::ReadTsv;
using ::liaison::testing::TsvRow;

const TsvRow kConnectionsHeader = {"a", "b", "strength", "since"};
const TsvRow kMembersHeader = {"id",       "name",      "headline",          "company",
                               "industry", "location",  "school",            "has_photo",
                               "has_phone", "last_updated", "hides_connections", "no_introductions",
                               "verified"};

class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(std::filesystem::path(::testing::TempDir()) /
              ("liaison_" + name + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string str() const { return path_.string(); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

uint64_t ParseId(const std::string& s) {
  EXPECT_FALSE(s.empty());
  for (char c : s) EXPECT_TRUE(c >= '0' && c <= '9') << s;
  return std::strtoull(s.c_str(), nullptr, 10);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "0.dd" or "1.00".
bool IsStrength(const std::string& s) {
  return s.size() == 4 && s[1] == '.' &&
         ((s[0] == '0' && IsDigit(s[2]) && IsDigit(s[3])) || s == "1.00");
}

// "YYYY-MM-DD" with a year in 1990..2026, a month 1..12 and a day 1..31.
bool IsDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(s[i])) return false;
  }
  const int year = std::stoi(s.substr(0, 4)), month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
  return year >= 1990 && year <= 2026 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

TEST(TextFormatTest, AppendUintMatchesToChars) {
  auto expect_same = [](uint64_t v) {
    char ours[24], theirs[24];
    char* end = AppendUint(ours, v);
    const auto r = std::to_chars(theirs, theirs + sizeof(theirs), v);
    ASSERT_EQ(std::string(ours, static_cast<size_t>(end - ours)), std::string(theirs, r.ptr)) << v;
    ASSERT_EQ(DecimalDigits(v), static_cast<uint32_t>(r.ptr - theirs)) << v;
  };
  expect_same(0);
  expect_same(~uint64_t{0});
  uint64_t power = 1;
  for (int digits = 1; digits <= 19; ++digits) {  // 10^0 .. 10^18, and their neighbours
    expect_same(power - 1);
    expect_same(power);
    expect_same(power + 1);
    power *= 10;
  }
  expect_same(power);  // 10^19
  uint64_t x = 0x243f6a8885a308d3ULL;  // xorshift64: values of every magnitude
  for (int i = 0; i < 100000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    expect_same(x >> (i % 64));
  }
}

TEST(NetworkFilesTest, WrittenFilesHoldTheInMemoryNetwork) {
  const ProfessionalNetworkOptions options{3000, 20, 5};
  auto net = GenerateProfessionalNetwork(options);
  ASSERT_TRUE(net.ok()) << net.status();
  TempDir dir("network_files");
  std::vector<std::pair<uint64_t, uint64_t>> progress;
  ASSERT_TRUE(WriteProfessionalNetwork(options, dir.str() + "/nested",
                                       [&](uint64_t done, uint64_t total) { progress.emplace_back(done, total); })
                  .ok());

  const auto connections = ReadTsv(dir.file("nested/connections.tsv"));
  ASSERT_FALSE(connections.empty());
  EXPECT_EQ(connections[0], kConnectionsHeader);
  size_t row = 1;
  for (const ConnectionBatch& batch : net->connections) {
    for (size_t i = 0; i < batch.size(); ++i, ++row) {
      ASSERT_LT(row, connections.size());
      const TsvRow& r = connections[row];
      ASSERT_EQ(r.size(), 4u) << "row " << row;
      EXPECT_EQ(ParseId(r[0]), batch.a[i]);
      EXPECT_EQ(ParseId(r[1]), batch.b[i]);
      ASSERT_TRUE(IsStrength(r[2])) << r[2];
      EXPECT_EQ(PackStrength(std::stof(r[2])), batch.strength[i]);
      ASSERT_TRUE(IsDate(r[3])) << r[3];
      EXPECT_EQ(r[3], FormatDate(batch.since[i]));
    }
  }
  EXPECT_EQ(row, connections.size()) << "the file has rows the in-memory network lacks";
  EXPECT_GT(row, 3000u * 20 / 2 * 0.9);

  const auto members = ReadTsv(dir.file("nested/members.tsv"));
  ASSERT_EQ(members.size(), options.members + 1);
  EXPECT_EQ(members[0], kMembersHeader);
  const MemberTable& m = net->members;
  for (size_t i = 0; i < m.size(); ++i) {
    const TsvRow& r = members[i + 1];
    ASSERT_EQ(r.size(), kMembersHeader.size()) << "member row " << i;
    EXPECT_EQ(ParseId(r[0]), m.ids[i]);
    for (int c = 0; c < kNumTextColumns; ++c) EXPECT_EQ(r[1 + c], m.text[c][i]);
    EXPECT_EQ(r[7], (m.flags[i] & kHasPhoto) ? "1" : "0");
    EXPECT_EQ(r[8], (m.flags[i] & kHasPhone) ? "1" : "0");
    EXPECT_EQ(r[9], FormatDate(m.last_updated[i]));
    EXPECT_EQ(r[10], (m.flags[i] & kHidesConnections) ? "1" : "0");
    EXPECT_EQ(r[11], (m.flags[i] & kNoIntroductions) ? "1" : "0");
    EXPECT_EQ(r[12], (m.flags[i] & kVerified) ? "1" : "0");
  }

  ASSERT_FALSE(progress.empty());
  for (size_t i = 1; i < progress.size(); ++i) {
    EXPECT_GE(progress[i].first, progress[i - 1].first);
    EXPECT_EQ(progress[i].second, progress[0].second);
  }
  EXPECT_EQ(progress.back().first, 2 * options.members);
  EXPECT_EQ(progress.back().second, 2 * options.members);
}

TEST(NetworkFilesTest, ParsedFilesImportWithEveryRowKept) {
  const ProfessionalNetworkOptions options{2000, 16, 9};
  TempDir dir("network_import");
  ASSERT_TRUE(WriteProfessionalNetwork(options, dir.str(), nullptr).ok());
  ConnectionBatch batch;
  const auto rows = ReadTsv(dir.file("connections.tsv"));
  for (size_t i = 1; i < rows.size(); ++i) {
    batch.a.push_back(ParseId(rows[i][0]));
    batch.b.push_back(ParseId(rows[i][1]));
  }
  MemberTable members;
  for (const TsvRow& r : ReadTsv(dir.file("members.tsv"))) {
    if (r[0] == "id") continue;
    members.ids.push_back(ParseId(r[0]));
  }
  const uint64_t written = batch.size();
  std::vector<ConnectionBatch> batches;
  batches.push_back(std::move(batch));
  BuildReport report;
  auto g = BuildSnapshot(std::move(batches), &members, &report);
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_EQ(report.connections_kept, written);
  EXPECT_EQ(report.duplicates_merged, 0u);
  EXPECT_EQ(report.self_loops_dropped, 0u);
  EXPECT_EQ((*g)->num_members(), options.members);
}

TEST(NetworkFilesTest, TinyAndFailingWrites) {
  TempDir dir("network_tiny");
  ASSERT_TRUE(WriteProfessionalNetwork({1, 0, 1}, dir.str(), nullptr).ok());
  const auto connections = ReadTsv(dir.file("connections.tsv"));
  ASSERT_EQ(connections.size(), 1u);
  EXPECT_EQ(connections[0], kConnectionsHeader);
  const auto members = ReadTsv(dir.file("members.tsv"));
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[1][0], "1");

  // A directory path that is a regular file, and invalid options.
  const std::string file = dir.file("members.tsv");
  EXPECT_FALSE(WriteProfessionalNetwork({100, 4, 1}, file, nullptr).ok());
  EXPECT_EQ(WriteProfessionalNetwork({100, 400, 1}, dir.str(), nullptr).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(WriteKroneckerNetwork({0, 16, 1}, dir.str(), nullptr).code(), absl::StatusCode::kInvalidArgument);
}

TEST(NetworkFilesTest, KroneckerWriterRowsAndIds) {
  const KroneckerOptions options{10, 8, 3};
  TempDir dir("kronecker_files");
  uint64_t last_done = 0, last_total = 0;
  ASSERT_TRUE(WriteKroneckerNetwork(options, dir.str(), [&](uint64_t done, uint64_t total) {
                last_done = done;
                last_total = total;
              }).ok());
  const auto rows = ReadTsv(dir.file("connections.tsv"));
  ASSERT_EQ(rows.size(), 8u * 1024 + 1);
  EXPECT_EQ(rows[0], kConnectionsHeader);
  EXPECT_FALSE(std::filesystem::exists(dir.file("members.tsv")));
  EXPECT_EQ(last_done, 8u * 1024);
  EXPECT_EQ(last_total, 8u * 1024);

  // The same rows, in the same order, as the in-memory generator.
  auto expected = KroneckerConnections(options);
  ASSERT_TRUE(expected.ok());
  size_t row = 1;
  for (const ConnectionBatch& batch : *expected) {
    for (size_t i = 0; i < batch.size(); ++i, ++row) {
      const TsvRow& r = rows[row];
      ASSERT_EQ(r.size(), 4u);
      const uint64_t a = ParseId(r[0]), b = ParseId(r[1]);
      EXPECT_LT(a, 1024u);
      EXPECT_LT(b, 1024u);
      EXPECT_EQ(a, batch.a[i]);
      EXPECT_EQ(b, batch.b[i]);
      EXPECT_TRUE(IsStrength(r[2]) && r[2] != "0.00") << r[2];
      EXPECT_TRUE(IsDate(r[3])) << r[3];
    }
  }
  EXPECT_EQ(row, rows.size());
}

}  // namespace
}  // namespace liaison::generators
