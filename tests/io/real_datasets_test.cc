// Imports every SNAP / MUSAE edge list in shared/datasets/real and checks members, connections,
// self-loops, merged duplicates, isolated members, line counts and (where stated) the maximum
// degree against the tables of that folder's README.md and README-more.md, which were counted by
// an independent script (stats.py, checked again with networkx). actor.dat.gz is not an edge list
// and is not imported here.
//
// Counting as in the READMEs: a member appears when its id is on an edge line, including a line
// that is a self-loop (such a member is isolated when it has no other line); "merged duplicates"
// counts every line folded into an earlier line of the same unordered pair.

#include <string>

#include "gtest/gtest.h"
#include "liaison/import.h"
#include "tests/testing/paths.h"

namespace liaison {
namespace {

struct Expected {
  const char* file;
  uint64_t members;
  uint64_t isolated;
  uint64_t connections;
  uint64_t edge_lines;
  uint64_t self_loops;
  uint64_t merged;
  uint64_t comment_lines;
  uint64_t header_lines;
  uint32_t max_degree;  // 0 = not stated in the README
};

// README.md (first table: nodes/edges; second: lines, self-loops, merged) and README-more.md.
constexpr Expected kDatasets[] = {
    {"facebook_combined.txt.gz", 4039, 0, 88234, 88234, 0, 0, 0, 0, 1045},
    {"ca-GrQc.txt", 5242, 1, 14484, 28980, 12, 14484, 4, 0, 81},
    {"CA-HepTh.txt", 9877, 2, 25973, 51971, 25, 25973, 4, 0, 65},
    {"email-Enron.txt.gz", 36692, 0, 183831, 367662, 0, 183831, 4, 0, 1383},
    {"ca-AstroPh.txt.gz", 18772, 1, 198050, 198110, 60, 0, 0, 0, 0},
    {"CA-CondMat.txt.gz", 23133, 0, 93439, 186936, 58, 93439, 4, 0, 0},
    {"Wiki-Vote.txt.gz", 7115, 0, 100762, 103689, 0, 2927, 4, 0, 0},
    {"soc-Slashdot0902.txt.gz", 82168, 0, 504230, 948464, 78303, 365931, 4, 0, 2552},
    {"email-Eu-core.txt.gz", 1005, 19, 16064, 25571, 642, 8865, 0, 0, 0},
    {"musae_git_edges.csv.gz", 37700, 0, 289003, 289003, 0, 0, 0, 1, 9458},
};

class RealDatasetTest : public ::testing::TestWithParam<Expected> {};

TEST_P(RealDatasetTest, ImportMatchesTheReadme) {
  const Expected& e = GetParam();
  LIAISON_REAL_DATASET(path, e.file);
  ImportReport report;
  auto g = ImportGraph(path, "", ImportOptions(), &report);
  ASSERT_TRUE(g.ok()) << g.status();
  const Snapshot& s = **g;
  EXPECT_EQ(s.num_members(), e.members);
  EXPECT_EQ(s.num_connections(), e.connections);
  EXPECT_EQ(report.build.members, e.members);
  EXPECT_EQ(report.build.isolated_members, e.isolated);
  EXPECT_EQ(report.build.connections_kept, e.connections);
  EXPECT_EQ(report.build.connections_in, e.edge_lines);
  EXPECT_EQ(report.connection_rows, e.edge_lines);
  EXPECT_EQ(report.build.self_loops_dropped, e.self_loops);
  EXPECT_EQ(report.build.duplicates_merged, e.merged);
  EXPECT_EQ(report.comment_lines, e.comment_lines);
  EXPECT_EQ(report.header_lines, e.header_lines);
  EXPECT_EQ(report.lines_read, e.edge_lines + e.comment_lines + e.header_lines);
  EXPECT_EQ(report.bad_lines_skipped, 0u);
  if (e.max_degree != 0) {
    uint32_t max_degree = 0;
    for (VertexId v = 0; v < s.num_members(); ++v) max_degree = std::max(max_degree, s.degree(v));
    EXPECT_EQ(max_degree, e.max_degree);
  }
  EXPECT_TRUE(s.Validate().ok()) << s.Validate();
}

INSTANTIATE_TEST_SUITE_P(Readme, RealDatasetTest, ::testing::ValuesIn(kDatasets),
                         [](const ::testing::TestParamInfo<Expected>& info) {
                           std::string name = info.param.file;
                           for (char& c : name) {
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace liaison
