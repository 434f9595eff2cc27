// Degree and DegreeMany against an independent oracle (tests/testing/visible_graph_qa.h: the
// viewer's visible subgraph built explicitly, Boost.Graph BFS on it, brute-force mutual counts),
// on random graphs of several shapes with members of every flag, on real networks, and on the
// hand-drawn fixture datasets/fixtures/privacy_degree_reach, whose expected answers are:
//
//   Degree(alice, bob) = 1
//   Degree(alice, dan) = 2, mutual 1 (bob; carol–dan is hidden)
//   Degree(alice, grace) = 3
//   Degree(alice, erin) = none (carol–erin is hidden; plain graph: 2)
//   Degree(alice, heidi, max 6) = 5 (through ivan, who is no_introductions: no effect on degree)
//   Degree(alice, judy, max 6) = 6 (plain graph: 4); Degree(alice, judy, max 5) = none
//   Degree(carol, grace) = 2, mutual 1 (dan); Degree(grace, carol) = none (carol hides)
//   Degree(dan, carol) = 1; Degree(judy, erin, max 6) = none (plain graph: 2)
//   Degree(erin, alice) = none; Degree(carol, frank, max 6) = none

#include <algorithm>
#include <random>

#include "engine/algorithms/degree_internal.h"
#include "gtest/gtest.h"
#include "liaison/query.h"
#include "tests/testing/fixture.h"
#include "tests/testing/graphs.h"
#include "tests/testing/paths.h"
#include "tests/testing/snap_reader_qa.h"
#include "tests/testing/visible_graph_qa.h"

namespace liaison {
namespace {

using testing::VisibleGraphQa;

DegreeOptions MaxDepth(int d) {
  DegreeOptions o;
  o.max_depth = d;
  return o;
}

VertexId Id(const Snapshot& g, ExternalId e) {
  const VertexId v = g.FindMember(e);
  EXPECT_NE(v, kNoVertex) << e;
  return v;
}

// Degree, the bidirectional search alone and DegreeMany for one viewer and these targets, against
// the oracle.
void CheckViewer(const Snapshot& g, VertexId from, const std::vector<VertexId>& targets,
                 int max_depth) {
  const VisibleGraphQa oracle(g, from);
  const DegreeOptions options = MaxDepth(max_depth);
  const auto many = DegreeMany(g, from, targets, options);
  ASSERT_TRUE(many.ok()) << many.status();
  ASSERT_EQ(many->size(), targets.size());
  // DegreeMany chooses how far to expand by the number of targets: also ask for short prefixes
  // (1, 4 and 40 targets), which take the per-target and 2-hop-only paths.
  for (const size_t prefix : {size_t{1}, size_t{4}, size_t{40}}) {
    if (prefix >= targets.size()) break;
    const std::span<const VertexId> some(targets.data(), prefix);
    const auto few = DegreeMany(g, from, some, options);
    ASSERT_TRUE(few.ok());
    for (size_t i = 0; i < prefix; ++i) {
      ASSERT_EQ((*few)[i].degree, (*many)[i].degree) << "prefix " << prefix << " target " << i;
      ASSERT_EQ((*few)[i].mutual, (*many)[i].mutual) << "prefix " << prefix << " target " << i;
    }
  }
  // Every expansion strategy: sparse levels, no 3rd level (with and without the top-neighbour
  // probes), no expansion at all.
  std::vector<internal::DegreeManyTuning> tunings(5);
  tunings[0].force_sparse = true;
  tunings[1].third_level_entries_per_target = 0;
  tunings[2].third_level_entries_per_target = 0;
  tunings[2].force_sparse = true;
  tunings[3].expand_entries_per_target = 0;
  tunings[4].third_level_entries_per_target = 0;
  tunings[4].probe_top_neighbors = false;
  for (const auto& tuning : tunings) {
    const auto tuned = internal::DegreeManyTuned(g, from, targets, options, tuning);
    ASSERT_TRUE(tuned.ok());
    for (size_t i = 0; i < targets.size(); ++i) {
      ASSERT_EQ((*tuned)[i].degree, (*many)[i].degree) << "target " << targets[i];
      ASSERT_EQ((*tuned)[i].mutual, (*many)[i].mutual) << "target " << targets[i];
      ASSERT_FALSE((*tuned)[i].truncated);
    }
  }
  for (size_t i = 0; i < targets.size(); ++i) {
    const VertexId to = targets[i];
    const std::optional<int> expected = oracle.ExpectedDegree(to, max_depth);
    const uint32_t expected_mutual =
        (expected == 1 || expected == 2) ? static_cast<uint32_t>(oracle.BruteMutual(to).size()) : 0;
    const auto one = Degree(g, from, to, options);
    const auto search = internal::DegreeBySearch(g, from, to, options);
    // Both 3rd-degree methods, forced (Degree() picks one by cost).
    const auto intersect =
        internal::DegreeWithThirdMethod(g, from, to, options, internal::ThirdMethod::kIntersect);
    const auto scan =
        internal::DegreeWithThirdMethod(g, from, to, options, internal::ThirdMethod::kScan);
    ASSERT_TRUE(one.ok() && search.ok() && intersect.ok() && scan.ok());
    for (const DegreeResult* r : {&*one, &*search, &*intersect, &*scan, &(*many)[i]}) {
      ASSERT_EQ(r->degree, expected) << "from " << from << " to " << to << " max " << max_depth
                                     << (r == &*one         ? " Degree"
                                         : r == &*search    ? " search"
                                         : r == &*intersect ? " intersect"
                                         : r == &*scan      ? " scan"
                                                            : " many");
      ASSERT_EQ(r->mutual, expected_mutual) << "from " << from << " to " << to;
      ASSERT_FALSE(r->truncated);
    }
  }
}

std::vector<VertexId> AllMembers(const Snapshot& g) {
  std::vector<VertexId> all(g.num_members());
  for (VertexId v = 0; v < g.num_members(); ++v) all[v] = v;
  return all;
}

// Viewers: the highest-degree member, a lowest-degree one, and a few spread over the ids.
std::vector<VertexId> Viewers(const Snapshot& g, int spread) {
  std::vector<VertexId> viewers;
  VertexId hub = 0, low = 0;
  for (VertexId v = 0; v < g.num_members(); ++v) {
    if (g.degree(v) > g.degree(hub)) hub = v;
    if (g.degree(v) < g.degree(low)) low = v;
  }
  viewers.push_back(hub);
  viewers.push_back(low);
  for (int i = 0; i < spread; ++i) viewers.push_back((g.num_members() / spread) * i + 1);
  return viewers;
}

struct Shape {
  const char* name;
  testing::EdgeList edges;
  uint32_t isolated;
};

std::vector<Shape> Shapes() {
  return {{"uniform", testing::RandomUniformEdges(250, 600, 1), 0},
          {"power-law", testing::RandomPowerLawEdges(250, 900, 2), 0},
          {"star", testing::StarEdges(120, 5000), 0},
          {"two-components", testing::TwoComponentEdges(240, 500, 3), 0},
          {"sparse+isolated", testing::RandomUniformEdges(300, 330, 4), 25}};
}

TEST(Degree, MatchesOracleOnRandomShapesAndHidingRates) {
  for (const Shape& shape : Shapes()) {
    for (const double p_hide : {0.0, 0.15, 0.4}) {
      SCOPED_TRACE(::testing::Message() << shape.name << " p_hide " << p_hide);
      const MemberTable members = testing::RandomMembersQa(shape.edges, p_hide, 17, shape.isolated);
      const auto g = testing::BuildGraph(shape.edges, &members);
      ASSERT_EQ(g->any_hidden(), p_hide > 0);
      const auto targets = AllMembers(*g);
      for (const VertexId from : Viewers(*g, 3)) {
        for (const int max_depth : {1, 2, 3, 4, 6}) CheckViewer(*g, from, targets, max_depth);
      }
    }
  }
}

// DegreeMany with targets out of member order and repeated (each member twice, some more often):
// every position gets its own member's answer, and the mutual counts of a repeated target are
// counted once (the expansion keeps one counter per distinct target).
TEST(Degree, ManyWithShuffledAndRepeatedTargets) {
  std::mt19937_64 rng(23);
  for (const Shape& shape : Shapes()) {
    for (const double p_hide : {0.0, 0.3}) {
      SCOPED_TRACE(::testing::Message() << shape.name << " p_hide " << p_hide);
      const MemberTable members = testing::RandomMembersQa(shape.edges, p_hide, 29, shape.isolated);
      const auto g = testing::BuildGraph(shape.edges, &members);
      std::vector<VertexId> targets = AllMembers(*g);
      targets.insert(targets.end(), targets.begin(), targets.end());
      for (int i = 0; i < 50; ++i) targets.push_back(rng() % g->num_members());
      std::shuffle(targets.begin(), targets.end(), rng);
      for (const VertexId from : Viewers(*g, 2)) {
        for (const int max_depth : {2, 3, 4}) CheckViewer(*g, from, targets, max_depth);
      }
    }
  }
}

// A members-visited budget that runs out among the target lists DegreeMany reads after its
// expansion: the targets at distance <= 2 are answered from the expansion; of the others, each
// costs its own list, so with room for k of them after the expansion the first k in target order
// are answered and the rest are truncated.
TEST(Degree, ManyBudgetRunsOutAmongTargetLists) {
  const auto g = testing::BuildGraph(testing::RandomPowerLawEdges(3000, 6000, 41));
  ASSERT_FALSE(g->any_hidden());
  std::vector<VertexId> targets = AllMembers(*g);
  std::shuffle(targets.begin(), targets.end(), std::mt19937_64(43));
  internal::DegreeManyTuning tuning;
  tuning.third_level_entries_per_target = 0;  // distance 3 from the targets' own lists
  tuning.probe_top_neighbors = false;         // ... all of them (probes: the next test)
  int viewers_checked = 0;
  for (const VertexId from : Viewers(*g, 8)) {
    if (g->degree(from) == 0) continue;
    const auto full = internal::DegreeManyTuned(*g, from, targets, MaxDepth(3), tuning);
    ASSERT_TRUE(full.ok());
    std::vector<size_t> far;  // positions of the targets farther than 2
    for (size_t i = 0; i < targets.size(); ++i) {
      ASSERT_FALSE((*full)[i].truncated);
      const std::optional<int>& d = (*full)[i].degree;
      if (!d || *d == 3) far.push_back(i);
    }
    if (far.size() < 10) continue;
    ++viewers_checked;
    // The expansion reads from's list and the list of each of its connections.
    const uint64_t expansion = 1 + g->degree(from);
    for (const size_t k : {size_t{0}, size_t{1}, size_t{7}, far.size() / 2, far.size()}) {
      SCOPED_TRACE(::testing::Message() << "from " << from << ", room for " << k);
      DegreeOptions o = MaxDepth(3);
      o.budget.max_visited = expansion + k;
      const auto part = internal::DegreeManyTuned(*g, from, targets, o, tuning);
      ASSERT_TRUE(part.ok());
      std::vector<bool> is_far(targets.size(), false);
      for (size_t j = 0; j < far.size(); ++j) is_far[far[j]] = true;
      for (size_t j = 0; j < far.size(); ++j) {
        const DegreeResult& r = (*part)[far[j]];
        if (j < k) {
          ASSERT_FALSE(r.truncated) << j;
          ASSERT_EQ(r.degree, (*full)[far[j]].degree) << j;
        } else {
          ASSERT_TRUE(r.truncated) << j;
          ASSERT_EQ(r.degree, std::nullopt) << j;
        }
      }
      for (size_t i = 0; i < targets.size(); ++i) {
        if (is_far[i]) continue;
        ASSERT_FALSE((*part)[i].truncated) << i;
        ASSERT_EQ((*part)[i].degree, (*full)[i].degree) << i;
        ASSERT_EQ((*part)[i].mutual, (*full)[i].mutual) << i;
      }
    }
  }
  EXPECT_GE(viewers_checked, 3);
}

// The top-neighbour probes answer targets farther than 2 without reading their lists: with a
// budget that covers the expansion and no target list, every target farther than 2 is either
// answered by its top neighbours, as the lists answer it, or truncated; some of each.
TEST(Degree, ManyAnswersFarTargetsFromTopNeighbors) {
  const auto g = testing::BuildGraph(testing::RandomPowerLawEdges(3000, 6000, 41));
  ASSERT_TRUE(g->has_top_neighbors());
  std::vector<VertexId> targets = AllMembers(*g);
  std::shuffle(targets.begin(), targets.end(), std::mt19937_64(47));
  internal::DegreeManyTuning lists_only, probing;
  lists_only.third_level_entries_per_target = probing.third_level_entries_per_target = 0;
  lists_only.probe_top_neighbors = false;
  uint64_t by_probe_three = 0, by_probe_beyond = 0, truncated = 0;
  for (const VertexId from : Viewers(*g, 8)) {
    if (g->degree(from) == 0) continue;
    const auto want = internal::DegreeManyTuned(*g, from, targets, MaxDepth(3), lists_only);
    const auto got = internal::DegreeManyTuned(*g, from, targets, MaxDepth(3), probing);
    ASSERT_TRUE(want.ok() && got.ok());
    DegreeOptions o = MaxDepth(3);
    o.budget.max_visited = 1 + g->degree(from);  // from's list and its connections' lists
    const auto part = internal::DegreeManyTuned(*g, from, targets, o, probing);
    ASSERT_TRUE(part.ok());
    for (size_t i = 0; i < targets.size(); ++i) {
      ASSERT_EQ((*got)[i].degree, (*want)[i].degree) << "from " << from << " to " << targets[i];
      ASSERT_EQ((*got)[i].mutual, (*want)[i].mutual) << "from " << from << " to " << targets[i];
      const DegreeResult& r = (*part)[i];
      if (r.truncated) {
        ASSERT_TRUE(!(*want)[i].degree || *(*want)[i].degree == 3) << targets[i];
        ++truncated;
        continue;
      }
      ASSERT_EQ(r.degree, (*want)[i].degree) << "from " << from << " to " << targets[i];
      ASSERT_EQ(r.mutual, (*want)[i].mutual);
      if (!r.degree) ++by_probe_beyond;
      if (r.degree == 3) ++by_probe_three;
    }
  }
  EXPECT_GT(by_probe_three, 0u);
  EXPECT_GT(by_probe_beyond, 0u);
  EXPECT_GT(truncated, 0u);
}

// Without the 2-hop expansion each target's list is charged before it is read, a connection's of
// the viewer (read for its mutual count) too: with room for from's list and k target lists, the
// first k connections are answered and the rest truncated; from itself needs no list.
TEST(Degree, ManyWithoutExpansionChargesEachTargetList) {
  const auto g = testing::BuildGraph(testing::RandomPowerLawEdges(3000, 6000, 41));
  internal::DegreeManyTuning tuning;
  tuning.expand_entries_per_target = 0;
  int viewers_checked = 0;
  for (const VertexId from : Viewers(*g, 8)) {
    if (g->degree(from) < 4) continue;
    ++viewers_checked;
    std::vector<VertexId> targets(g->neighbors(from).begin(), g->neighbors(from).end());
    std::shuffle(targets.begin(), targets.end(), std::mt19937_64(from));
    targets.insert(targets.begin() + 1, from);
    const auto full = internal::DegreeManyTuned(*g, from, targets, MaxDepth(3), tuning);
    ASSERT_TRUE(full.ok());
    for (const size_t k : {size_t{0}, size_t{1}, size_t{3}}) {
      SCOPED_TRACE(::testing::Message() << "from " << from << ", room for " << k);
      DegreeOptions o = MaxDepth(3);
      o.budget.max_visited = 1 + k;
      const auto part = internal::DegreeManyTuned(*g, from, targets, o, tuning);
      ASSERT_TRUE(part.ok());
      size_t lists = 0;  // target lists charged so far
      for (size_t i = 0; i < targets.size(); ++i) {
        const DegreeResult& r = (*part)[i];
        if (targets[i] == from) {
          EXPECT_EQ(r.degree, 0);
          EXPECT_FALSE(r.truncated);
        } else if (lists++ < k) {
          EXPECT_EQ(r.degree, 1) << i;
          EXPECT_EQ(r.mutual, (*full)[i].mutual) << i;
          EXPECT_FALSE(r.truncated) << i;
        } else {
          EXPECT_EQ(r.degree, std::nullopt) << i;
          EXPECT_TRUE(r.truncated) << i;
        }
      }
    }
  }
  EXPECT_GE(viewers_checked, 3);
}

TEST(Degree, MatchesBoostOnPlainGraphWithoutMembersFile) {
  const auto g = testing::BuildGraph(testing::RandomPowerLawEdges(400, 1200, 5));
  ASSERT_FALSE(g->any_hidden());
  for (const VertexId from : Viewers(*g, 3)) {
    const std::vector<int> dist = testing::BoostDistances(*g, from);
    for (VertexId to = 0; to < g->num_members(); ++to) {
      const auto r = Degree(*g, from, to, MaxDepth(6));
      ASSERT_TRUE(r.ok());
      const std::optional<int> expected =
          dist[to] >= 0 && dist[to] <= 6 ? std::optional<int>(dist[to]) : std::nullopt;
      ASSERT_EQ(r->degree, expected) << from << " -> " << to;
    }
  }
}

// Long chains: distances 4..6 and beyond, where only the bidirectional search answers.
TEST(Degree, LongChainsUseTheBidirectionalSearch) {
  testing::EdgeList edges;
  for (ExternalId i = 1; i < 40; ++i) edges.emplace_back(i, i + 1);  // a path 1..40
  for (ExternalId i = 100; i < 130; ++i) edges.emplace_back(20, i);  // a hub in the middle
  for (const double p_hide : {0.0, 0.3}) {
    const MemberTable members = testing::RandomMembersQa(edges, p_hide, 9);
    const auto g = testing::BuildGraph(edges, &members);
    for (const ExternalId from : {1, 10, 20, 25}) {
      for (const int max_depth : {3, 4, 5, 6})
        CheckViewer(*g, Id(*g, from), AllMembers(*g), max_depth);
    }
  }
}

TEST(Degree, MatchesOracleOnRealNetworks) {
  for (const char* file : {"ca-GrQc.txt", "CA-HepTh.txt"}) {
    LIAISON_REAL_DATASET(path, file);
    const testing::EdgeList edges = testing::ReadSnapEdgesQa(path);
    for (const double p_hide : {0.0, 0.2}) {
      SCOPED_TRACE(::testing::Message() << file << " p_hide " << p_hide);
      const MemberTable members = testing::RandomMembersQa(edges, p_hide, 23);
      const auto g = testing::BuildGraph(edges, &members);
      std::mt19937_64 rng(31);
      for (int trial = 0; trial < 4; ++trial) {
        const VertexId from = rng() % g->num_members();
        std::vector<VertexId> targets;
        for (int i = 0; i < 150; ++i) targets.push_back(rng() % g->num_members());
        for (const int max_depth : {3, 6}) CheckViewer(*g, from, targets, max_depth);
      }
    }
  }
}

TEST(Degree, FixtureAnswers) {
  const auto g = testing::LoadFixture("privacy_degree_reach");
  ASSERT_TRUE(g->any_hidden());
  auto degree = [&](ExternalId a, ExternalId b, int max_depth) {
    const auto r = Degree(*g, Id(*g, a), Id(*g, b), MaxDepth(max_depth));
    EXPECT_TRUE(r.ok());
    return *r;
  };
  enum : ExternalId { alice = 1, bob, carol, dan, erin, frank, grace, heidi, ivan, judy };
  EXPECT_EQ(degree(alice, bob, 3).degree, 1);
  EXPECT_EQ(degree(alice, dan, 3).degree, 2);
  EXPECT_EQ(degree(alice, dan, 3).mutual, 1u);
  EXPECT_EQ(degree(alice, grace, 3).degree, 3);
  EXPECT_EQ(degree(alice, erin, 6).degree, std::nullopt);
  EXPECT_EQ(degree(alice, heidi, 6).degree, 5);
  EXPECT_EQ(degree(alice, judy, 6).degree, 6);
  EXPECT_EQ(degree(alice, judy, 5).degree, std::nullopt);
  EXPECT_EQ(degree(carol, grace, 3).degree, 2);
  EXPECT_EQ(degree(carol, grace, 3).mutual, 1u);
  EXPECT_EQ(degree(grace, carol, 6).degree, std::nullopt);
  EXPECT_EQ(degree(dan, carol, 3).degree, 1);
  EXPECT_EQ(degree(judy, erin, 6).degree, std::nullopt);
  EXPECT_EQ(degree(erin, alice, 6).degree, std::nullopt);
  EXPECT_EQ(degree(carol, frank, 6).degree, std::nullopt);
  EXPECT_EQ(degree(alice, alice, 3).degree, 0);
  // The same answers from DegreeMany, in target order, duplicates and the viewer included.
  const std::vector<VertexId> targets = {Id(*g, dan),   Id(*g, erin), Id(*g, judy), Id(*g, alice),
                                         Id(*g, heidi), Id(*g, dan),  Id(*g, bob)};
  const auto many = DegreeMany(*g, Id(*g, alice), targets, MaxDepth(6));
  ASSERT_TRUE(many.ok());
  const std::vector<std::optional<int>> expected = {2, std::nullopt, 6, 0, 5, 2, 1};
  for (size_t i = 0; i < targets.size(); ++i) EXPECT_EQ((*many)[i].degree, expected[i]) << i;
  EXPECT_EQ((*many)[0].mutual, 1u);
  // And every pair against the oracle.
  for (VertexId from = 0; from < g->num_members(); ++from) {
    for (const int max_depth : {1, 2, 3, 6}) CheckViewer(*g, from, AllMembers(*g), max_depth);
  }
}

TEST(Degree, RejectsBadArguments) {
  const auto g = testing::BuildGraph(testing::StarEdges(5, 1));
  const VertexId n = g->num_members();
  EXPECT_EQ(Degree(*g, 0, 1, MaxDepth(0)).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Degree(*g, 0, 1, MaxDepth(7)).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Degree(*g, n, 1, MaxDepth(3)).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Degree(*g, 0, n, MaxDepth(3)).status().code(), absl::StatusCode::kInvalidArgument);
  const std::vector<VertexId> bad = {1, n + 3};
  const auto many = DegreeMany(*g, 0, bad, MaxDepth(3));
  EXPECT_EQ(many.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(many.status().message().find(std::to_string(n + 3)), std::string::npos);
  EXPECT_EQ(DegreeMany(*g, 0, {}, MaxDepth(9)).status().code(), absl::StatusCode::kInvalidArgument);
  const auto none = DegreeMany(*g, 0, {}, MaxDepth(3));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  const auto self = Degree(*g, 2, 2, MaxDepth(1));
  ASSERT_TRUE(self.ok());
  EXPECT_EQ(self->degree, 0);
}

TEST(Degree, BudgetTruncates) {
  // Two leaves of a star: distance 2 through the hub; reading both lists costs 2 members.
  const auto star = testing::BuildGraph(testing::StarEdges(50, 1));
  const VertexId a = Id(*star, 2), b = Id(*star, 3);
  DegreeOptions o = MaxDepth(3);
  o.budget.max_visited = 1;
  auto r = Degree(*star, a, b, o);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->truncated);
  EXPECT_EQ(r->degree, std::nullopt);
  o.budget.max_visited = 2;
  r = Degree(*star, a, b, o);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->truncated);
  EXPECT_EQ(r->degree, 2);
  o.budget.max_visited = 0;
  r = Degree(*star, a, a, o);  // nothing to read
  ASSERT_TRUE(r.ok() && !r->truncated && r->degree == 0);

  // A broom: a hub with 70,000 leaves, each with its own pendant, and a member z connected to
  // three pendants. From leaf l1 to z (4 hops), the 3rd-degree test intersects the hub's 70,000
  // entries (as does DegreeMany's 2-hop expansion), so a past deadline is noticed there.
  testing::EdgeList broom;
  for (ExternalId i = 0; i < 70000; ++i) {
    broom.emplace_back(1, 10 + 2 * i);
    broom.emplace_back(10 + 2 * i, 11 + 2 * i);
  }
  for (const ExternalId p : {13, 15, 17}) broom.emplace_back(5, p);
  const auto g = testing::BuildGraph(broom);
  const VertexId hub = Id(*g, 1), z = Id(*g, 5), l1 = Id(*g, 10), p1 = Id(*g, 11), l2 = Id(*g, 12),
                 p2 = Id(*g, 13);
  o = MaxDepth(3);
  r = Degree(*g, l1, z, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->degree, std::nullopt);
  EXPECT_FALSE(r->truncated);
  o.budget.deadline = absl::InfinitePast();
  r = Degree(*g, l1, z, o);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->truncated);
  EXPECT_EQ(r->degree, std::nullopt);
  o.budget.deadline = absl::InfiniteFuture();
  r = Degree(*g, l1, z, MaxDepth(6));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->degree, 4);
  o.budget.deadline = absl::InfinitePast();
  // A deadline already past is noticed at the first list read (VisitMeter, as in every query):
  // DegreeMany answers only the target that needs no list (from itself); the others are truncated,
  // whether or not the expansion is affordable (5 targets: it is not; 1,000: it is).
  const std::vector<VertexId> targets = {hub, p1, l2, p2, l1};
  auto many = DegreeMany(*g, l1, targets, o);
  ASSERT_TRUE(many.ok());
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_TRUE((*many)[i].truncated) << i;
    EXPECT_EQ((*many)[i].degree, std::nullopt) << i;
  }
  EXPECT_EQ((*many)[4].degree, 0);
  EXPECT_FALSE((*many)[4].truncated);
  std::vector<VertexId> many_targets(1000, p2);
  many_targets[0] = hub;
  many = DegreeMany(*g, l1, many_targets, o);
  ASSERT_TRUE(many.ok());
  EXPECT_TRUE((*many)[0].truncated);
  EXPECT_TRUE((*many)[1].truncated);
  // Without a deadline, members visited decide: l1's list (1) and its neighbours' lists (the hub's
  // 70,000 entries and p1's) make the 2-hop expansion; a budget of 2 runs out inside it.
  o.budget.deadline = absl::InfiniteFuture();
  o.budget.max_visited = 2;
  many = DegreeMany(*g, l1, many_targets, o);
  ASSERT_TRUE(many.ok());
  EXPECT_EQ((*many)[0].degree, 1);
  EXPECT_TRUE((*many)[1].truncated);
  o.budget.max_visited = Budget{}.max_visited;
  many = DegreeMany(*g, l1, many_targets, o);
  ASSERT_TRUE(many.ok());
  EXPECT_EQ((*many)[1].degree, 3);
  EXPECT_FALSE((*many)[1].truncated);
  many = DegreeMany(*g, l1, targets, o);
  ASSERT_TRUE(many.ok());
  EXPECT_EQ((*many)[2].degree, 2);
  EXPECT_EQ((*many)[2].mutual, 1u);
  EXPECT_EQ((*many)[3].degree, 3);
  for (const DegreeResult& d : *many) EXPECT_FALSE(d.truncated);
}

}  // namespace
}  // namespace liaison
