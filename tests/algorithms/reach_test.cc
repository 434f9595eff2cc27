// Reach against an independent oracle (tests/testing/visible_graph_qa.h: the viewer's visible
// subgraph built explicitly, Boost.Graph BFS on it, filters compared as strings), on random shapes
// with members of every flag, with every step forced top-down, bottom-up and parallel as well as
// the direction-optimising default, on real networks and on the privacy fixture, whose expected
// answers are (see datasets/fixtures/privacy_degree_reach):
//
//   Reach(alice, 6)  levels [2,1,1,1,1,1]: bob carol | dan | grace | ivan | heidi | judy
//                    (plain graph: [2,2,2,2,1,0]; erin and frank are hidden from alice)
//   Reach(alice, 3, company=Acme) levels [1,1,0]: bob | dan | -
//   Reach(judy, 6)   levels [2,1,1,1,1,1]: frank heidi | ivan | grace | dan | bob | alice
//   Reach(erin, 3)   levels [2,0,0]: carol frank (both hide; nothing beyond them)
//   Reach(carol, 6)  levels [4,1,1,1,1,0]: alice bob dan erin | grace | ivan | heidi | judy

#include <random>

#include "engine/algorithms/reach_internal.h"
#include "gtest/gtest.h"
#include "oneapi/tbb/task_arena.h"
#include "liaison/query.h"
#include "tests/testing/fixture.h"
#include "tests/testing/graphs.h"
#include "tests/testing/paths.h"
#include "tests/testing/snap_reader_qa.h"
#include "tests/testing/visible_graph_qa.h"

namespace liaison {

// Found by argument-dependent lookup from std::vector's comparison.
bool operator==(const ReachMember& a, const ReachMember& b) {
  return a.member == b.member && a.distance == b.distance;
}

namespace {

using internal::ReachStats;
using internal::ReachTuning;
using Direction = ReachTuning::Direction;

std::vector<ReachTuning> AllTunings() {
  std::vector<ReachTuning> tunings(10);
  tunings[1].direction = Direction::kTopDownOnly;
  tunings[2].direction = Direction::kBottomUpOnly;
  tunings[3].parallel_entries = 0;  // every top-down step parallel
  tunings[3].parallel_members = 0;  // every bottom-up step parallel
  tunings[3].parallel_count_entries = 0;
  tunings[4] = tunings[3];
  tunings[4].direction = Direction::kBottomUpOnly;
  // The last level: counted in private bitmaps (serial, then parallel), claimed one by one, and
  // taken bottom-up from a top-down frontier whatever its size.
  tunings[5].last_level = ReachTuning::LastLevel::kDense;
  tunings[6] = tunings[3];
  tunings[6].last_level = ReachTuning::LastLevel::kDense;
  tunings[7].last_level = ReachTuning::LastLevel::kSparse;
  tunings[8].last_alpha = UINT64_MAX;
  tunings[9].direction = Direction::kTopDownOnly;  // every last level dense, hiding or not
  tunings[9].last_level = ReachTuning::LastLevel::kDense;
  return tunings;
}

std::vector<std::vector<ReachFilter>> Filters() {
  return {{},
          {{TextColumn::kCompany, "Acme"}},
          {{TextColumn::kCompany, "Globex"}, {TextColumn::kLocation, "Paris"}},
          {{TextColumn::kCompany, ""}},  // members without a company
          {{TextColumn::kCompany, "Nobody Inc"}}};
}

// Levels, total and listing (full, then limited) against the oracle, for each tuning.
void CheckReach(const Snapshot& g, VertexId from, int depth, const std::vector<ReachFilter>& where,
                const testing::VisibleGraphQa& oracle, const std::vector<ReachTuning>& tunings) {
  const std::vector<uint64_t> levels = oracle.ReachLevels(depth, where);
  const std::vector<ReachMember> listing = oracle.ReachListing(depth, where);
  uint64_t total = 0;
  for (uint64_t c : levels) total += c;
  ASSERT_EQ(total, listing.size());
  for (const ReachTuning& tuning : tunings) {
    ReachOptions o;
    o.depth = depth;
    o.where = where;
    o.list = true;
    o.limit = SIZE_MAX;
    auto r = internal::ReachTuned(g, from, o, tuning, nullptr);
    ASSERT_TRUE(r.ok()) << r.status();
    ASSERT_EQ(r->levels, levels) << "from " << from << " depth " << depth;
    ASSERT_EQ(r->total, total);
    ASSERT_FALSE(r->truncated);
    ASSERT_EQ(r->members, listing) << "from " << from << " depth " << depth;
    o.limit = 7;
    r = internal::ReachTuned(g, from, o, tuning, nullptr);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->levels, levels);
    const std::vector<ReachMember> prefix(listing.begin(),
                                          listing.begin() + std::min<size_t>(7, listing.size()));
    ASSERT_EQ(r->members, prefix);
    o.list = false;
    r = internal::ReachTuned(g, from, o, tuning, nullptr);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->levels, levels);
    ASSERT_TRUE(r->members.empty());
  }
}

struct Shape {
  const char* name;
  testing::EdgeList edges;
  uint32_t isolated;
};

TEST(Reach, MatchesOracleOnRandomShapesInEveryMode) {
  const std::vector<Shape> shapes = {
      {"uniform", testing::RandomUniformEdges(400, 900, 1), 0},
      {"power-law", testing::RandomPowerLawEdges(400, 1600, 2), 0},
      {"star", testing::StarEdges(300, 77), 0},
      {"two-components", testing::TwoComponentEdges(400, 700, 3), 0},
      {"sparse+isolated", testing::RandomUniformEdges(500, 450, 4), 40}};
  const auto tunings = AllTunings();
  for (const Shape& shape : shapes) {
    for (const double p_hide : {0.0, 0.15, 0.4}) {
      SCOPED_TRACE(::testing::Message() << shape.name << " p_hide " << p_hide);
      const MemberTable members = testing::RandomMembersQa(shape.edges, p_hide, 3, shape.isolated);
      const auto g = testing::BuildGraph(shape.edges, &members);
      VertexId hub = 0;
      for (VertexId v = 0; v < g->num_members(); ++v) {
        if (g->degree(v) > g->degree(hub)) hub = v;
      }
      for (const VertexId from : {hub, VertexId{1}, g->num_members() / 2, g->num_members() - 1}) {
        const testing::VisibleGraphQa oracle(*g, from);
        for (const int depth : {1, 2, 3, 16}) {
          for (const auto& where : Filters()) CheckReach(*g, from, depth, where, oracle, tunings);
        }
      }
    }
  }
}

// Big enough for the default thresholds to go bottom-up and parallel (and count the last level of
// a 3-hop reach densely although some members hide).
TEST(Reach, LargeGraphTakesBottomUpAndParallelSteps) {
  const auto edges = testing::RandomPowerLawEdges(90000, 200000, 8);
  for (const double p_hide : {0.1}) {
    const MemberTable members = testing::RandomMembersQa(edges, p_hide, 9);
    const auto g = testing::BuildGraph(edges, &members);
    ASSERT_GE(g->num_members(), 65536u);
    const VertexId from = g->num_members() / 3;
    const testing::VisibleGraphQa oracle(*g, from);
    for (const int depth : {3, 16}) {
      ReachOptions o;
      o.depth = depth;
      o.list = true;
      o.limit = 500;
      ReachStats stats;
      const auto r = internal::ReachTuned(*g, from, o, ReachTuning{}, &stats);
      ASSERT_TRUE(r.ok());
      EXPECT_EQ(r->levels, oracle.ReachLevels(depth, {}));
      const auto listing = oracle.ReachListing(depth, {});
      EXPECT_EQ(r->members, std::vector<ReachMember>(listing.begin(), listing.begin() + 500));
      // Depth 3 counts its last level top-down in private bitmaps (bottom-up must promise far
      // more there), serially at this size; the full search goes bottom-up and parallel.
      if (depth == 3) {
        EXPECT_EQ(stats.dense_count_steps, 1);
      } else {
        EXPECT_GE(stats.bottom_up_steps, 1) << depth;
        EXPECT_GE(stats.parallel_steps, 1) << depth;
      }
      EXPECT_GE(stats.top_down_steps, 1) << depth;
    }
  }
}

// The dense last level with more chunks than this machine may have cores (each chunk its own
// bitmap, OR-ed together at the end), and the default choice on a graph where it pays.
TEST(Reach, DenseLastLevelMatchesOracle) {
  const auto edges = testing::RandomPowerLawEdges(5000, 40000, 31);
  const MemberTable members = testing::RandomMembersQa(edges, 0.0, 3);
  const auto g = testing::BuildGraph(edges, &members);
  ReachTuning forced;
  forced.direction = Direction::kTopDownOnly;
  forced.last_level = ReachTuning::LastLevel::kDense;
  forced.parallel_count_entries = 0;
  for (const int threads : {1, 3, 4}) {
    tbb::task_arena arena(threads);
    arena.execute([&] {
      for (const VertexId from : {VertexId{0}, VertexId{17}, g->num_members() / 2}) {
        SCOPED_TRACE(::testing::Message() << "threads " << threads << " from " << from);
        const testing::VisibleGraphQa oracle(*g, from);
        for (const int depth : {1, 2, 3, 4}) {
          for (const auto& where : Filters()) {
            CheckReach(*g, from, depth, where, oracle, {forced, ReachTuning{}});
          }
          ReachOptions o;
          o.depth = depth;
          ReachStats stats;
          ASSERT_TRUE(internal::ReachTuned(*g, from, o, forced, &stats).ok());
          // The last level is counted densely whenever the one before it is not empty.
          const std::vector<uint64_t> levels = oracle.ReachLevels(depth, {});
          EXPECT_EQ(stats.dense_count_steps, depth > 1 && levels[depth - 2] > 0 ? 1 : 0);
        }
      }
    });
  }
  // The default thresholds count a 2-hop reach densely from a member whose connections hold
  // between one entry per bitmap word and a quarter of all entries.
  VertexId hub = 0;
  for (VertexId v = 0; v < g->num_members(); ++v) {
    uint64_t scout = 0;
    for (const VertexId u : g->neighbors(v)) scout += g->degree(u);
    if (scout >= g->num_members() / 64 + 1 && scout <= g->num_adjacencies() / 4) {
      hub = v;
      break;
    }
  }
  ReachOptions o;
  o.depth = 2;
  ReachStats stats;
  const auto r = internal::ReachTuned(*g, hub, o, ReachTuning{}, &stats);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->levels, testing::VisibleGraphQa(*g, hub).ReachLevels(2, {}));
  EXPECT_EQ(stats.dense_count_steps, 1);
}

TEST(Reach, MatchesBoostOnRealNetworks) {
  for (const char* file : {"ca-GrQc.txt", "CA-HepTh.txt"}) {
    LIAISON_REAL_DATASET(path, file);
    const testing::EdgeList edges = testing::ReadSnapEdgesQa(path);
    const auto plain = testing::BuildGraph(edges);
    std::mt19937_64 rng(13);
    for (int i = 0; i < 3; ++i) {
      const VertexId from = rng() % plain->num_members();
      const std::vector<int> dist = testing::BoostDistances(*plain, from);
      std::vector<uint64_t> expected(16, 0);
      for (const int d : dist) {
        if (d >= 1 && d <= 16) ++expected[d - 1];
      }
      ReachOptions o;
      o.depth = 16;
      const auto r = Reach(*plain, from, o);
      ASSERT_TRUE(r.ok());
      EXPECT_EQ(r->levels, expected) << file << " from " << from;
    }
    const MemberTable members = testing::RandomMembersQa(edges, 0.2, 14);
    const auto g = testing::BuildGraph(edges, &members);
    const std::vector<ReachTuning> tunings = {ReachTuning{}, AllTunings()[3]};
    for (int i = 0; i < 3; ++i) {
      const VertexId from = rng() % g->num_members();
      const testing::VisibleGraphQa oracle(*g, from);
      for (const int depth : {2, 4, 16}) {
        CheckReach(*g, from, depth, {}, oracle, tunings);
        CheckReach(*g, from, depth, {{TextColumn::kCompany, "Initech"}}, oracle, tunings);
      }
    }
  }
}

TEST(Reach, FixtureAnswers) {
  const auto g = testing::LoadFixture("privacy_degree_reach");
  auto reach = [&](ExternalId from, int depth, std::vector<ReachFilter> where = {}) {
    ReachOptions o;
    o.depth = depth;
    o.where = std::move(where);
    o.list = true;
    const auto r = Reach(*g, g->FindMember(from), o);
    EXPECT_TRUE(r.ok());
    return *r;
  };
  enum : ExternalId { alice = 1, bob, carol, dan, erin, frank, grace, heidi, ivan, judy };
  using L = std::vector<uint64_t>;
  EXPECT_EQ(reach(alice, 6).levels, (L{2, 1, 1, 1, 1, 1}));
  EXPECT_EQ(reach(alice, 6).total, 7u);
  EXPECT_EQ(reach(alice, 3, {{TextColumn::kCompany, "Acme"}}).levels, (L{1, 1, 0}));
  EXPECT_EQ(reach(judy, 6).levels, (L{2, 1, 1, 1, 1, 1}));
  EXPECT_EQ(reach(erin, 3).levels, (L{2, 0, 0}));
  EXPECT_EQ(reach(carol, 6).levels, (L{4, 1, 1, 1, 1, 0}));
  const auto listed = reach(alice, 3).members;
  const std::vector<ReachMember> expected = {{g->FindMember(bob), 1},
                                             {g->FindMember(carol), 1},
                                             {g->FindMember(dan), 2},
                                             {g->FindMember(grace), 3}};
  EXPECT_EQ(listed, expected);
  const auto tunings = AllTunings();
  for (VertexId from = 0; from < g->num_members(); ++from) {
    const testing::VisibleGraphQa oracle(*g, from);
    for (const int depth : {1, 3, 6}) {
      for (const auto& where : Filters()) CheckReach(*g, from, depth, where, oracle, tunings);
    }
  }
}

TEST(Reach, BudgetReturnsCompletedLevels) {
  const auto edges = testing::RandomPowerLawEdges(3000, 9000, 21);
  const auto g = testing::BuildGraph(edges);
  const VertexId from = 5;
  const testing::VisibleGraphQa oracle(*g, from);
  const std::vector<uint64_t> full = oracle.ReachLevels(16, {});
  const auto listing = oracle.ReachListing(16, {});
  for (const ReachTuning& tuning : AllTunings()) {
    for (const uint64_t budget : {0, 1, 2, 10, 100, 1000, 2500}) {
      ReachOptions o;
      o.depth = 16;
      o.list = true;
      o.limit = SIZE_MAX;
      o.budget.max_visited = budget;
      ReachStats stats;
      const auto r = internal::ReachTuned(*g, from, o, tuning, &stats);
      ASSERT_TRUE(r.ok());
      if (!r->truncated) {
        EXPECT_EQ(r->levels, full);
        continue;
      }
      const size_t done = r->levels.size();
      ASSERT_LT(done, 16u);
      EXPECT_EQ(r->levels, std::vector<uint64_t>(full.begin(), full.begin() + done)) << budget;
      uint64_t total = 0;
      for (uint64_t c : r->levels) total += c;
      EXPECT_EQ(r->total, total);
      ASSERT_EQ(r->members.size(), total);
      EXPECT_EQ(r->members, std::vector<ReachMember>(listing.begin(), listing.begin() + total));
    }
  }
  ReachOptions o;
  o.depth = 16;
  o.budget.max_visited = 0;
  EXPECT_TRUE(Reach(*g, from, o)->truncated);
  // A deadline already past stops a large search (checked per parallel chunk / 4,096 lists).
  const auto big = testing::BuildGraph(testing::RandomPowerLawEdges(90000, 200000, 22));
  o.budget.max_visited = UINT64_MAX;
  o.budget.deadline = absl::InfinitePast();
  const auto r = Reach(*big, 3, o);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->truncated);
  EXPECT_LT(r->levels.size(), 16u);
  // ... and a small one too: the first list read looks at the clock.
  o.depth = 1;
  const auto small = Reach(*g, from, o);
  ASSERT_TRUE(small.ok());
  EXPECT_TRUE(small->truncated);
  EXPECT_TRUE(small->levels.empty());
  o.budget.deadline = absl::InfiniteFuture();
  EXPECT_FALSE(Reach(*g, from, o)->truncated);
}

TEST(Reach, RejectsBadArguments) {
  const auto g = testing::BuildGraph(testing::StarEdges(5, 1));
  ReachOptions o;
  o.depth = 0;
  EXPECT_EQ(Reach(*g, 0, o).status().code(), absl::StatusCode::kInvalidArgument);
  o.depth = 17;
  EXPECT_EQ(Reach(*g, 0, o).status().code(), absl::StatusCode::kInvalidArgument);
  o.depth = 2;
  EXPECT_EQ(Reach(*g, 6, o).status().code(), absl::StatusCode::kInvalidArgument);
  o.where = {{static_cast<TextColumn>(9), "x"}};
  EXPECT_EQ(Reach(*g, 0, o).status().code(), absl::StatusCode::kInvalidArgument);
  // No members file: every text column is absent, so a non-empty value matches nobody.
  o.where = {{TextColumn::kCompany, "Acme"}};
  const auto none = Reach(*g, 0, o);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->levels, (std::vector<uint64_t>{0, 0}));
}

}  // namespace
}  // namespace liaison
