#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "engine/util/dates.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "liaison/builder.h"
#include "tests/testing/graphs.h"

namespace liaison {
namespace {

using ::liaison::testing::BuildGraph;
using ::liaison::testing::EdgeList;
using ::testing::ElementsAre;

std::vector<ExternalId> NeighborIds(const Snapshot& g, ExternalId id) {
  std::vector<ExternalId> out;
  for (VertexId u : g.neighbors(g.FindMember(id))) out.push_back(g.external_id(u));
  return out;
}

TEST(BuildSnapshot, MergesDuplicatesDropsSelfLoopsKeepsIsolated) {
  BuildReport report;
  auto g = BuildGraph({{10, 20}, {20, 10}, {10, 30}, {40, 40}, {30, 20}, {10, 20}}, nullptr, &report);
  EXPECT_EQ(g->num_members(), 4u);  // 40 exists, isolated
  EXPECT_EQ(g->num_connections(), 3u);
  EXPECT_EQ(report.connections_in, 6u);
  EXPECT_EQ(report.self_loops_dropped, 1u);
  EXPECT_EQ(report.duplicates_merged, 2u);
  EXPECT_EQ(report.connections_kept, 3u);
  EXPECT_EQ(report.isolated_members, 1u);
  EXPECT_THAT(NeighborIds(*g, 10), ElementsAre(20, 30));
  EXPECT_THAT(NeighborIds(*g, 20), ElementsAre(10, 30));
  EXPECT_THAT(NeighborIds(*g, 40), ElementsAre());
  EXPECT_EQ(g->FindMember(50), kNoVertex);
  EXPECT_FALSE(g->Member(50).ok());
  EXPECT_TRUE(g->Validate().ok()) << g->Validate();
}

TEST(BuildSnapshot, DenseIdsFollowExternalOrder) {
  auto g = BuildGraph({{900, 5}, {77, 5}, {3, 900}});
  ASSERT_EQ(g->num_members(), 4u);
  EXPECT_EQ(g->external_id(0), 3u);
  EXPECT_EQ(g->external_id(1), 5u);
  EXPECT_EQ(g->external_id(2), 77u);
  EXPECT_EQ(g->external_id(3), 900u);
}

TEST(BuildSnapshot, HugeSparseIdsUseTheHashPath) {
  const ExternalId big = ~ExternalId{0};
  auto g = BuildGraph({{big, 1}, {big - 1, big}, {1ull << 40, 1}});
  ASSERT_EQ(g->num_members(), 4u);
  EXPECT_EQ(g->external_id(3), big);
  EXPECT_THAT(NeighborIds(*g, big), ElementsAre(1, big - 1));
  EXPECT_TRUE(g->Validate().ok());
}

TEST(BuildSnapshot, EmptyInput) {
  auto g = BuildGraph({});
  EXPECT_EQ(g->num_members(), 0u);
  EXPECT_EQ(g->num_connections(), 0u);
  EXPECT_EQ(g->FindMember(0), kNoVertex);
  EXPECT_TRUE(g->Validate().ok());
}

TEST(BuildSnapshot, RelationshipDataMergedByRule) {
  ConnectionBatch b;
  auto add = [&](ExternalId x, ExternalId y, float s, PackedDate d) {
    b.a.push_back(x);
    b.b.push_back(y);
    b.strength.push_back(PackStrength(s));
    b.since.push_back(d);
  };
  const PackedDate d2010 = PackDate(DaysFromCivil(2010, 5, 1));
  const PackedDate d2015 = PackDate(DaysFromCivil(2015, 1, 31));
  add(1, 2, 0.2f, d2015);
  add(2, 1, 0.9f, kNoDate);
  add(1, 2, 0.5f, d2010);
  add(1, 3, 0.4f, kNoDate);
  ConnectionBatch plain;  // a batch without relationship data mixes in as strength 1, no date
  plain.a = {3};
  plain.b = {4};
  std::vector<ConnectionBatch> batches;
  batches.push_back(std::move(b));
  batches.push_back(std::move(plain));
  auto built = BuildSnapshot(std::move(batches), nullptr, nullptr);
  ASSERT_TRUE(built.ok()) << built.status();
  const Snapshot& g = **built;
  ASSERT_TRUE(g.has_strength());
  ASSERT_TRUE(g.has_since());
  const VertexId v1 = g.FindMember(1), v2 = g.FindMember(2), v3 = g.FindMember(3);
  for (auto [x, y] : {std::pair{v1, v2}, std::pair{v2, v1}}) {
    const EdgeIndex e = g.edge_begin(x) + (std::find(g.neighbors(x).begin(), g.neighbors(x).end(), y) -
                                            g.neighbors(x).begin());
    EXPECT_NEAR(g.strength(e), 0.9f, 1.0f / 255);
    EXPECT_EQ(FormatDate(g.since(e)), "2010-05-01");
  }
  EXPECT_EQ(g.since(g.edge_begin(v3)), kNoDate);   // 3-1
  EXPECT_NEAR(g.strength(g.edge_begin(v3) + 1), 1.0f, 1e-6);  // 3-4 from the plain batch
  EXPECT_TRUE(g.Validate().ok()) << g.Validate();
}

// Brute-force model: the set of undirected pairs without self-loops.
void ExpectMatchesModel(const EdgeList& edges) {
  std::map<ExternalId, std::set<ExternalId>> model;
  for (auto [a, b] : edges) {
    model[a];
    model[b];
    if (a != b) {
      model[a].insert(b);
      model[b].insert(a);
    }
  }
  BuildReport report;
  auto g = BuildGraph(edges, nullptr, &report);
  ASSERT_EQ(g->num_members(), model.size());
  uint64_t adj = 0;
  VertexId v = 0;
  for (const auto& [id, nbrs] : model) {
    ASSERT_EQ(g->external_id(v), id);
    ASSERT_EQ(g->FindMember(id), v);
    std::vector<ExternalId> got = NeighborIds(*g, id);
    ASSERT_EQ(got, std::vector<ExternalId>(nbrs.begin(), nbrs.end())) << "member " << id;
    adj += nbrs.size();
    ++v;
  }
  EXPECT_EQ(g->num_adjacencies(), adj);
  EXPECT_EQ(report.connections_kept + report.duplicates_merged + report.self_loops_dropped,
            edges.size());
  EXPECT_TRUE(g->Validate().ok()) << g->Validate();
}

TEST(BuildSnapshot, MatchesBruteForceOnRandomGraphs) {
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    ExpectMatchesModel(testing::RandomUniformEdges(2000, 10000, seed));
    ExpectMatchesModel(testing::RandomPowerLawEdges(3000, 30000, seed));
    ExpectMatchesModel(testing::TwoComponentEdges(1000, 5000, seed));
  }
  ExpectMatchesModel(testing::StarEdges(50000, 123456789));
}

TEST(BuildSnapshot, MemberTableFlagsAndColumns) {
  MemberTable members;
  members.ids = {5, 1, 99};  // 99 has no connection: isolated member
  members.flags = {kHidesConnections, 0, kNoIntroductions | kVerified};
  members.text[static_cast<int>(TextColumn::kCompany)] = {"Acme", "Globex", "Acme"};
  members.last_updated = {PackDate(DaysFromCivil(2024, 2, 29)), kNoDate, kNoDate};
  BuildReport report;
  auto g = BuildGraph({{1, 5}, {5, 7}}, &members, &report);
  EXPECT_EQ(g->num_members(), 4u);
  EXPECT_EQ(report.isolated_members, 1u);
  EXPECT_TRUE(g->has_members_file());
  EXPECT_TRUE(g->any_hidden());
  const VertexId v5 = g->FindMember(5), v7 = g->FindMember(7), v99 = g->FindMember(99);
  EXPECT_TRUE(g->hides_connections(v5));
  EXPECT_TRUE(g->no_introductions(v99));
  EXPECT_EQ(g->flags(v7), 0);  // not in the members file
  EXPECT_TRUE(g->flags(v5) & kHasProfile);
  EXPECT_EQ(g->text(TextColumn::kCompany, v5), "Acme");
  EXPECT_EQ(g->text(TextColumn::kCompany, v99), "Acme");
  EXPECT_EQ(g->text(TextColumn::kCompany, g->FindMember(1)), "Globex");
  EXPECT_EQ(g->text(TextColumn::kCompany, v7), "");
  EXPECT_EQ(g->text(TextColumn::kCompany).num_values(), 2u);
  EXPECT_EQ(g->text(TextColumn::kName, v5), "");  // absent column
  EXPECT_EQ(FormatDate(g->last_updated(v5)), "2024-02-29");
  EXPECT_TRUE(g->Validate().ok()) << g->Validate();
}

TEST(BuildSnapshot, RepeatedMemberIsAnError) {
  MemberTable members;
  members.ids = {1, 2, 1};
  std::vector<ConnectionBatch> none;
  auto g = BuildSnapshot(std::move(none), &members, nullptr);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(g.status().message()), ::testing::HasSubstr("member 1 is listed more than once"));
}

TEST(Dates, RoundTripAndRange) {
  for (int64_t days = -7305; days < 50000; days += 37) {
    const CivilDay c = CivilFromDays(days);
    EXPECT_EQ(DaysFromCivil(c.year, c.month, c.day), days);
    EXPECT_EQ(UnpackDate(PackDate(days)), days);
  }
  EXPECT_EQ(FormatDate(PackDate(0)), "1970-01-01");
  EXPECT_EQ(FormatDate(PackDate(DaysFromCivil(1950, 1, 1))), "1950-01-01");
  EXPECT_EQ(PackDate(DaysFromCivil(1949, 12, 31)), kNoDate);
  EXPECT_EQ(FormatDate(PackDate(DaysFromCivil(2129, 6, 5))), "2129-06-05");
  EXPECT_EQ(PackDate(DaysFromCivil(2129, 6, 6)), kNoDate);
}

}  // namespace
}  // namespace liaison
