// Mutual against brute force over every member (tests/testing/visible_graph_qa.h), with members
// of every flag, on random shapes, a star (galloping: a hub's list against a leaf's), real networks
// and the privacy fixture, whose expected answers are (see datasets/fixtures/privacy_degree_reach):
//
//   Mutual(alice, bob) = [carol]   (bob is alice's connection: carol–bob visible to alice)
//   Mutual(alice, dan) = [bob]     (carol–dan hidden from alice; plain graph: [bob, carol])
//   Mutual(bob, dan)   = [carol]   (dan is bob's connection: carol–dan visible to bob)
//   Mutual(carol, grace) = [dan]   Mutual(grace, carol) = []   (carol hides: not symmetric)
//   Mutual(dan, alice) = [bob]

#include <algorithm>
#include <random>

#include "gtest/gtest.h"
#include "liaison/query.h"
#include "tests/testing/fixture.h"
#include "tests/testing/graphs.h"
#include "tests/testing/paths.h"
#include "tests/testing/snap_reader_qa.h"
#include "tests/testing/visible_graph_qa.h"

namespace liaison {
namespace {

std::vector<VertexId> Members(const Snapshot& g, std::initializer_list<ExternalId> ids) {
  std::vector<VertexId> out;
  for (const ExternalId id : ids) out.push_back(g.FindMember(id));
  std::sort(out.begin(), out.end());
  return out;
}

void CheckPairs(const Snapshot& g, const std::vector<VertexId>& viewers, int others) {
  std::mt19937_64 rng(7);
  for (const VertexId a : viewers) {
    const testing::VisibleGraphQa oracle(g, a);
    for (int i = 0; i < others; ++i) {
      // Half the partners among a's 2-hop neighbourhood (where mutuals exist), half anywhere.
      VertexId b = rng() % g.num_members();
      if (i % 2 == 0 && g.degree(a) > 0) {
        const auto na = g.neighbors(a);
        const VertexId x = na[rng() % na.size()];
        if (g.degree(x) > 0) b = g.neighbors(x)[rng() % g.degree(x)];
      }
      if (b == a) continue;
      const auto r = Mutual(g, a, b);
      ASSERT_TRUE(r.ok()) << r.status();
      ASSERT_EQ(r->members, oracle.BruteMutual(b)) << a << " " << b;
    }
  }
}

TEST(Mutual, MatchesBruteForceOnRandomShapes) {
  const std::vector<testing::EdgeList> shapes = {
      testing::RandomUniformEdges(200, 1500, 1), testing::RandomPowerLawEdges(300, 2000, 2),
      testing::StarEdges(3000, 7), testing::TwoComponentEdges(200, 800, 3)};
  for (const auto& edges : shapes) {
    for (const double p_hide : {0.0, 0.2, 0.5}) {
      const MemberTable members = testing::RandomMembersQa(edges, p_hide, 5, 10);
      const auto g = testing::BuildGraph(edges, &members);
      std::vector<VertexId> viewers = {0, 1, g->num_members() / 2, g->num_members() - 1};
      VertexId hub = 0;
      for (VertexId v = 0; v < g->num_members(); ++v) {
        if (g->degree(v) > g->degree(hub)) hub = v;
      }
      viewers.push_back(hub);
      CheckPairs(*g, viewers, 60);
    }
  }
}

TEST(Mutual, GallopingAgainstAHubMatchesBruteForce) {
  // Two hubs sharing every third leaf, plus leaves that know a few of each other: lists of sizes
  // from 2 to 3,000 meet, so both merge and galloping run.
  testing::EdgeList edges;
  for (ExternalId i = 0; i < 3000; ++i) {
    edges.emplace_back(1, 100 + i);
    if (i % 3 == 0) edges.emplace_back(2, 100 + i);
    if (i % 7 == 0) edges.emplace_back(100 + i, 100 + (i * 13) % 3000);
  }
  for (const double p_hide : {0.0, 0.3}) {
    const MemberTable members = testing::RandomMembersQa(edges, p_hide, 11);
    const auto g = testing::BuildGraph(edges, &members);
    CheckPairs(*g, {g->FindMember(1), g->FindMember(2), g->FindMember(100), g->FindMember(107)},
               200);
    // The two hubs share 1,000 leaves: more mutuals than Mutual buffers on its stack (256).
    const VertexId hub1 = g->FindMember(1), hub2 = g->FindMember(2);
    const auto r = Mutual(*g, hub1, hub2);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->members, testing::VisibleGraphQa(*g, hub1).BruteMutual(hub2));
    if (p_hide == 0.0) {
      EXPECT_EQ(r->members.size(), 1000u);
    }
  }
}

TEST(Mutual, MatchesBruteForceOnRealNetworks) {
  LIAISON_REAL_DATASET(path, "ca-GrQc.txt");
  const testing::EdgeList edges = testing::ReadSnapEdgesQa(path);
  for (const double p_hide : {0.0, 0.25}) {
    const MemberTable members = testing::RandomMembersQa(edges, p_hide, 3);
    const auto g = testing::BuildGraph(edges, &members);
    std::mt19937_64 rng(5);
    std::vector<VertexId> viewers;
    for (int i = 0; i < 6; ++i) viewers.push_back(rng() % g->num_members());
    CheckPairs(*g, viewers, 80);
  }
}

TEST(Mutual, FixtureAnswers) {
  const auto g = testing::LoadFixture("privacy_degree_reach");
  auto mutual = [&](ExternalId a, ExternalId b) {
    const auto r = Mutual(*g, g->FindMember(a), g->FindMember(b));
    EXPECT_TRUE(r.ok());
    return r->members;
  };
  enum : ExternalId { alice = 1, bob, carol, dan, erin, frank, grace, heidi, ivan, judy };
  EXPECT_EQ(mutual(alice, bob), Members(*g, {carol}));
  EXPECT_EQ(mutual(alice, dan), Members(*g, {bob}));
  EXPECT_EQ(mutual(bob, dan), Members(*g, {carol}));
  EXPECT_EQ(mutual(carol, grace), Members(*g, {dan}));
  EXPECT_EQ(mutual(grace, carol), Members(*g, {}));
  EXPECT_EQ(mutual(dan, alice), Members(*g, {bob}));
  for (VertexId a = 0; a < g->num_members(); ++a) {
    const testing::VisibleGraphQa oracle(*g, a);
    for (VertexId b = 0; b < g->num_members(); ++b) {
      if (a == b) continue;
      EXPECT_EQ(Mutual(*g, a, b)->members, oracle.BruteMutual(b)) << a << " " << b;
    }
  }
}

TEST(Mutual, RejectsBadArguments) {
  const auto g = testing::BuildGraph(testing::StarEdges(4, 1));
  const auto self = Mutual(*g, 1, 1);
  EXPECT_EQ(self.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(self.status().message().find(std::to_string(g->external_id(1))), std::string::npos);
  EXPECT_EQ(Mutual(*g, 0, 99).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Mutual(*g, 99, 0).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace liaison
