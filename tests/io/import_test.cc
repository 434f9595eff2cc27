// ImportGraph and the file readers: plain and gzip files, members with connections, file-level
// errors (missing file, directory, truncated or corrupt gzip), and imports of generated networks
// compared array by array with BuildSnapshot on the same rows.

#include <algorithm>
#include <string>
#include <vector>

#include "datasets/generators/kronecker.h"
#include "engine/util/dates.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "liaison/builder.h"
#include "liaison/import.h"
#include "tests/io/test_files.h"

namespace liaison {
namespace {

using ::liaison::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

template <typename T>
std::vector<T> Vec(std::span<const T> s) {
  return std::vector<T>(s.begin(), s.end());
}

void ExpectSameSnapshot(const Snapshot& a, const Snapshot& b) {
  EXPECT_EQ(Vec(a.parts().external_ids), Vec(b.parts().external_ids));
  EXPECT_EQ(Vec(a.parts().offsets), Vec(b.parts().offsets));
  EXPECT_EQ(Vec(a.parts().neighbors), Vec(b.parts().neighbors));
  EXPECT_EQ(Vec(a.parts().strength), Vec(b.parts().strength));
  EXPECT_EQ(Vec(a.parts().since), Vec(b.parts().since));
  EXPECT_EQ(Vec(a.parts().flags), Vec(b.parts().flags));
  EXPECT_EQ(Vec(a.parts().last_updated), Vec(b.parts().last_updated));
  for (int c = 0; c < kNumTextColumns; ++c) {
    for (VertexId v = 0; v < std::min(a.num_members(), b.num_members()); ++v) {
      EXPECT_EQ(a.text(static_cast<TextColumn>(c), v), b.text(static_cast<TextColumn>(c), v));
    }
  }
}

std::vector<ExternalId> NeighborIds(const Snapshot& g, ExternalId id) {
  std::vector<ExternalId> out;
  for (VertexId u : g.neighbors(g.FindMember(id))) out.push_back(g.external_id(u));
  return out;
}

constexpr char kConnections[] =
    "# a small professional network\n"
    "member_a\tmember_b\tstrength\tsince\n"
    "1\t2\t0.9\t2015-06-01\n"
    "2\t3\t0.5\t\n"
    "3\t1\n"
    "2\t1\t0.2\t2012-01-31\n"  // duplicate of 1-2: highest strength, earliest date
    "4\t4\n"                   // self-loop: 4 exists, isolated
    "3\t5\t0.1\t2020-12-31";   // no final newline
constexpr char kMembers[] =
    "id,name,company,hides_connections,no_introductions,verified,last_updated,shoe_size\n"
    "1,Ada,Acme,0,0,1,2024-01-15,38\n"
    "3,\"Lovelace, Ada\",Globex,1,0,0,,40\n"
    "5,Bob,Acme,false,true,false,2023-07-01,44\n"
    "9,Zed,,0,0,0,,\n";  // 9 has no connection

TEST(ImportGraph, MembersAndConnectionsPlainAndGzip) {
  TempDir dir;
  const std::string conn = dir.Write("connections.tsv", kConnections);
  const std::string mem = dir.Write("members.csv", kMembers);
  ImportReport report;
  auto g = ImportGraph(conn, mem, ImportOptions(), &report);
  ASSERT_TRUE(g.ok()) << g.status();
  const Snapshot& s = **g;
  ASSERT_TRUE(s.Validate().ok()) << s.Validate();
  EXPECT_EQ(s.num_members(), 6u);  // 1 2 3 4 5 9
  EXPECT_EQ(s.num_connections(), 4u);
  EXPECT_EQ(report.build.connections_in, 6u);
  EXPECT_EQ(report.build.self_loops_dropped, 1u);
  EXPECT_EQ(report.build.duplicates_merged, 1u);
  EXPECT_EQ(report.build.connections_kept, 4u);
  EXPECT_EQ(report.build.isolated_members, 2u);  // 4 and 9
  EXPECT_EQ(report.header_lines, 2u);            // one per file
  EXPECT_EQ(report.comment_lines, 1u);
  EXPECT_EQ(report.connection_rows, 6u);
  EXPECT_EQ(report.member_rows, 4u);
  EXPECT_THAT(report.ignored_member_columns, ElementsAre("shoe_size"));
  EXPECT_THAT(NeighborIds(s, 1), ElementsAre(2, 3));
  EXPECT_THAT(NeighborIds(s, 3), ElementsAre(1, 2, 5));
  EXPECT_THAT(NeighborIds(s, 4), ElementsAre());
  const VertexId v1 = s.FindMember(1), v2 = s.FindMember(2), v3 = s.FindMember(3), v5 = s.FindMember(5);
  const EdgeIndex e12 = s.edge_begin(v1);  // 1's first neighbour is 2
  EXPECT_NEAR(s.strength(e12), 0.9f, 1.0f / 255);
  EXPECT_EQ(FormatDate(s.since(e12)), "2012-01-31");
  EXPECT_NEAR(s.strength(s.edge_begin(v1) + 1), 1.0f, 1e-6);  // 1-3 had no strength
  EXPECT_EQ(s.since(s.edge_begin(v1) + 1), kNoDate);
  EXPECT_TRUE(s.hides_connections(v3));
  EXPECT_TRUE(s.no_introductions(v5));
  EXPECT_TRUE(s.flags(v1) & kVerified);
  EXPECT_EQ(s.flags(v2), 0);  // not in the members file
  EXPECT_EQ(s.text(TextColumn::kName, v3), "Lovelace, Ada");
  EXPECT_EQ(s.text(TextColumn::kCompany, v5), "Acme");
  EXPECT_EQ(s.text(TextColumn::kCompany, s.FindMember(9)), "");
  EXPECT_EQ(FormatDate(s.last_updated(v1)), "2024-01-15");
  EXPECT_EQ(s.num_members(), report.build.members);

  // The same files gzipped (names without .gz: the magic bytes decide) give the same snapshot.
  const std::string conn_gz = dir.WriteGzip("connections_gz.tsv", kConnections);
  const std::string mem_gz = dir.WriteGzip("members.csv.gz", kMembers);
  auto gz = ImportGraph(conn_gz, mem_gz, ImportOptions(), nullptr);
  ASSERT_TRUE(gz.ok()) << gz.status();
  ExpectSameSnapshot(s, **gz);
}

TEST(ImportGraph, MissingFilesAndDirectories) {
  TempDir dir;
  const std::string conn = dir.Write("c.tsv", "1 2\n");
  auto g = ImportGraph(dir.File("nope.tsv"), "", ImportOptions(), nullptr);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(g.status().message()), HasSubstr("nope.tsv"));
  g = ImportGraph(conn, dir.File("missing_members.csv"), ImportOptions(), nullptr);
  EXPECT_EQ(g.status().code(), absl::StatusCode::kNotFound);
  g = ImportGraph(dir.File(""), "", ImportOptions(), nullptr);
  EXPECT_EQ(g.status().code(), absl::StatusCode::kFailedPrecondition) << g.status();
  ImportOptions skip;
  skip.skip_bad = true;
  EXPECT_EQ(ReadMembersFile(dir.File("x/y.csv"), skip, nullptr).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ReadConnectionsFile(dir.File("x"), skip, nullptr).status().code(), absl::StatusCode::kNotFound);
}

TEST(ImportGraph, TruncatedAndCorruptGzipIsDataLoss) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 20000; ++i) text += std::to_string(i) + "\t" + std::to_string(i * 7 % 20000) + "\n";
  const std::string whole = TempDir::Read(dir.WriteGzip("whole.gz", text));
  ASSERT_GT(whole.size(), 1000u);
  ImportOptions skip;
  skip.skip_bad = true;  // changes nothing for damaged files
  for (size_t cut : {whole.size() - 1, whole.size() - 8, whole.size() / 2, size_t{10}, size_t{2}}) {
    const std::string path = dir.Write("cut.gz", whole.substr(0, cut));
    auto g = ImportGraph(path, "", skip, nullptr);
    ASSERT_FALSE(g.ok()) << cut;
    EXPECT_EQ(g.status().code(), absl::StatusCode::kDataLoss) << cut << ": " << g.status();
    EXPECT_THAT(std::string(g.status().message()), HasSubstr("cut.gz"));
    EXPECT_THAT(std::string(g.status().message()), HasSubstr("truncated"));
    auto m = ReadMembersFile(path, skip, nullptr);
    EXPECT_EQ(m.status().code(), absl::StatusCode::kDataLoss);
  }
  std::string corrupt = whole;
  for (size_t i = 100; i < 140; ++i) corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
  auto g = ImportGraph(dir.Write("corrupt.gz", corrupt), "", skip, nullptr);
  EXPECT_EQ(g.status().code(), absl::StatusCode::kDataLoss) << g.status();
  g = ImportGraph(dir.Write("trailing.gz", whole + "garbage"), "", skip, nullptr);
  EXPECT_EQ(g.status().code(), absl::StatusCode::kDataLoss) << g.status();
  EXPECT_THAT(std::string(g.status().message()), HasSubstr("after the gzip stream"));
  // Zero padding after the stream is tolerated, as gzip does; so are concatenated members.
  auto padded = ImportGraph(dir.Write("padded.gz", whole + std::string(512, '\0')), "", skip, nullptr);
  ASSERT_TRUE(padded.ok()) << padded.status();
  const std::string second = TempDir::Read(dir.WriteGzip("second.gz", "20000\t1\n"));
  ImportReport report;
  auto concatenated = ImportGraph(dir.Write("two.gz", whole + second), "", ImportOptions(), &report);
  ASSERT_TRUE(concatenated.ok()) << concatenated.status();
  EXPECT_EQ(report.connection_rows, 20001u);
  // A gzip stream of nothing is an empty file.
  g = ImportGraph(dir.WriteGzip("empty.gz", ""), "", skip, nullptr);
  EXPECT_EQ(g.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(g.status().message()), HasSubstr("empty file"));
}

TEST(ImportGraph, ErrorsFromEitherFileNameTheirFile) {
  TempDir dir;
  const std::string conn = dir.Write("conn.tsv", "1 2\n2 x3\n");
  const std::string good = dir.Write("good.tsv", "1 2\n");
  const std::string mem = dir.Write("mem.tsv", "id\tverified\n1\t2\n");
  auto g = ImportGraph(conn, "", ImportOptions(), nullptr);
  EXPECT_EQ(g.status().message(), conn + ":2: member id \"x3\" is not a number");
  g = ImportGraph(good, mem, ImportOptions(), nullptr);
  EXPECT_EQ(g.status().message(), mem + ":2: verified \"2\" is not a boolean (0, 1, true or false)");
  ImportOptions skip;
  skip.skip_bad = true;
  ImportReport report;
  g = ImportGraph(conn, mem, skip, &report);
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_EQ(report.bad_lines_skipped, 2u);
  EXPECT_EQ((*g)->num_members(), 2u);
  EXPECT_FALSE((*g)->has_members_file() && (*g)->any_hidden());
}

TEST(ImportGraph, ProgressOnGzipCountsStoredBytes) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 50000; ++i) text += std::to_string(i) + " " + std::to_string(i + 1) + "\n";
  const std::string path = dir.WriteGzip("p.gz", text);
  const uint64_t stored = TempDir::Read(path).size();
  std::vector<std::pair<uint64_t, uint64_t>> calls;
  ImportOptions options;
  options.progress = [&](uint64_t done, uint64_t total) { calls.emplace_back(done, total); };
  ASSERT_TRUE(ImportGraph(path, "", options, nullptr).ok());
  ASSERT_FALSE(calls.empty());
  for (size_t i = 0; i < calls.size(); ++i) {
    EXPECT_EQ(calls[i].second, stored);
    if (i > 0) {
      EXPECT_GE(calls[i].first, calls[i - 1].first);
    }
  }
  EXPECT_EQ(calls.back().first, stored);
}

// Writes batches as text, `u<TAB>v[<TAB>strength<TAB>since]` lines.
std::string AsText(const std::vector<ConnectionBatch>& batches) {
  std::string text;
  for (const ConnectionBatch& b : batches) {
    for (size_t i = 0; i < b.size(); ++i) {
      text += std::to_string(b.a[i]) + "\t" + std::to_string(b.b[i]);
      if (!b.strength.empty()) {
        char buf[32];
        std::snprintf(buf, sizeof(buf), "\t%.6f\t%s", b.strength[i] / 255.0, FormatDate(b.since[i]).c_str());
        text += buf;
      }
      text += "\n";
    }
  }
  return text;
}

std::vector<ConnectionBatch> Kronecker(int scale, uint64_t seed) {
  generators::KroneckerOptions o;
  o.scale = scale;
  o.edge_factor = 8;
  o.seed = seed;
  return *generators::KroneckerConnections(o);
}

TEST(ImportGraph, KroneckerTextMatchesBuildSnapshot) {
  TempDir dir;
  std::vector<ConnectionBatch> batches = Kronecker(14, 3);
  ImportReport report;
  auto imported = ImportGraph(dir.Write("k.tsv", AsText(batches)), "", ImportOptions(), &report);
  ASSERT_TRUE(imported.ok()) << imported.status();
  BuildReport expected_report;
  auto expected = BuildSnapshot(batches, nullptr, &expected_report);
  ASSERT_TRUE(expected.ok());
  ExpectSameSnapshot(**imported, **expected);
  EXPECT_EQ(report.build.self_loops_dropped, expected_report.self_loops_dropped);
  EXPECT_EQ(report.build.duplicates_merged, expected_report.duplicates_merged);
  EXPECT_EQ(report.build.connections_kept, expected_report.connections_kept);
  EXPECT_EQ(report.build.isolated_members, expected_report.isolated_members);
  EXPECT_GT(report.build.self_loops_dropped, 0u);
  EXPECT_GT(report.build.duplicates_merged, 0u);
  EXPECT_FALSE(report.phases.empty());
}

TEST(ImportGraph, WideIdsAndRelationshipDataMatchBuildSnapshot) {
  TempDir dir;
  std::vector<ConnectionBatch> batches = Kronecker(12, 5);
  uint64_t r = 1;
  for (ConnectionBatch& b : batches) {
    for (size_t i = 0; i < b.size(); ++i) {
      if (i % 3 == 0) b.a[i] += uint64_t{1} << 40;  // sparse 64-bit ids: the sorted-key path
      r = r * 6364136223846793005ULL + 1442695040888963407ULL;
      b.strength.push_back(static_cast<uint8_t>(r >> 56));
      b.since.push_back(PackDate(static_cast<int64_t>((r >> 20) % 50000) - 7000));
    }
  }
  // Strengths go through text as decimals; compare with what the text says.
  const std::string text = AsText(batches);
  auto reparsed = ParseConnections(text, "k", ImportOptions(), nullptr);
  ASSERT_TRUE(reparsed.ok()) << reparsed.status();
  auto imported = ImportGraph(dir.WriteGzip("k.tsv.gz", text), "", ImportOptions(), nullptr);
  ASSERT_TRUE(imported.ok()) << imported.status();
  auto expected = BuildSnapshot(*std::move(reparsed), nullptr, nullptr);
  ASSERT_TRUE(expected.ok());
  ExpectSameSnapshot(**imported, **expected);
  ASSERT_TRUE((*imported)->has_strength());
  ASSERT_TRUE((*imported)->has_since());
  EXPECT_TRUE((*imported)->Validate().ok());
}

TEST(ReadConnectionsFile, SameRowsAsParseConnections) {
  TempDir dir;
  const std::string text = "# c\r\n1\t2\r\n3\t4\r\n5\t5";
  auto from_file = ReadConnectionsFile(dir.WriteGzip("c.gz", text), ImportOptions(), nullptr);
  auto from_text = ParseConnections(text, "c", ImportOptions(), nullptr);
  ASSERT_TRUE(from_file.ok()) << from_file.status();
  ASSERT_TRUE(from_text.ok());
  auto flat = [](const std::vector<ConnectionBatch>& batches) {
    std::vector<std::pair<ExternalId, ExternalId>> out;
    for (const ConnectionBatch& b : batches) {
      for (size_t i = 0; i < b.size(); ++i) out.emplace_back(b.a[i], b.b[i]);
    }
    return out;
  };
  EXPECT_EQ(flat(*from_file), flat(*from_text));
  using P = std::pair<ExternalId, ExternalId>;
  EXPECT_THAT(flat(*from_file), ElementsAre(P{1, 2}, P{3, 4}, P{5, 5}));
}

}  // namespace
}  // namespace liaison
