// IntroPaths against independent oracles.
//
// Fixture datasets/fixtures/intro_network (see its README.md; reference date 2024-01-01, the
// newest since-date; external ids in brackets), default options unless said:
//   Ann[1] -> Hal[8]: hops 2, count 2 (Dan[4] accepts no introductions):
//       [1,2,8] warmth 0.843 * 0.721 = 0.607803,  [1,5,8] 0.395 * 0.395 = 0.156025
//   Hal[8] -> Ann[1]: hops 2, count 2: [8,2,1], [8,5,1]
//   Ann[1] -> Hal[8] avoiding Bob[2]: hops 2, count 1: [1,5,8];  avoiding Bob and Eve: none
//   Ann[1] -> Ivy[9]: hops 3, count 1: [1,2,7,9] warmth 0.843 * 0.450 * 0.450 = 0.1707075
//       (Cat–Fay, Cat–Jon, Bob–Jon and Jon–Ivy are hidden from Ann)
//   Cat[3] -> Ivy[9]: hops 2, count 1: [3,6,9] (Cat sees its own Cat–Fay)
//   Ann[1] -> Dan[4]: hops 1, count 1: [1,4] warmth 1.0 (an end may accept no introductions)
//   Ann[1] -> Jon[10]: none, even within 6 hops (every connection of Jon is hidden from Ann)
//   Ann[1] -> Lee[12]: hops 2, count 1: [1,11,12] warmth 0.150 * 0.750 = 0.1125;
//       with include_longer: [1,3,11,12] 0.583 * 0.750 * 0.750 = 0.3279375 first (Ann sees
//       Cat–Kim because she knows both), then [1,11,12]
// Hop weights by hand (q = PackStrength of the float: 0.9 -> 230, 0.7 -> 179): Ann–Bob q=230
// age 365 d -> r=935, w=843; Bob–Hal q=204 age 579 d -> 901,
// 721; Eve hops q=128 age 1461 d -> 787, 395; Bob–Gus, Gus–Ivy q=153 age 1826 d -> 750, 450;
// Ann–Kim q=51, no date -> 750, 150; Kim–Lee, Cat–Kim q=255, no date -> 750; Ann–Cat q=179 age
// 1095 d -> 830, 583.
//
// Oracles: brute-force enumeration of every simple path on small random graphs (with the privacy
// rule written out in tests/testing/paths_suggest_oracle.cc and the warmth formula re-derived
// here), Boost.Graph breadth_first_search shortest-path counts on the viewer's restricted graph
// for larger random and real graphs, and a max-product DP over BGL's BFS layers for the best path.

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "engine/algorithms/warmth.h"
#include "engine/util/dates.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "liaison/builder.h"
#include "liaison/query.h"
#include "tests/testing/fixture.h"
#include "tests/testing/graphs.h"
#include "tests/testing/paths.h"
#include "tests/testing/paths_suggest_oracle.h"
#include "tests/testing/snap_reader_paths_suggest.h"

namespace liaison {
namespace {

using ::liaison::testing::EdgeList;
using ::liaison::testing::paths_suggest::BuildRichGraph;
using ::liaison::testing::paths_suggest::EdgeOf;
using ::liaison::testing::paths_suggest::RichGraphOptions;
using ::liaison::testing::paths_suggest::VisibleAdjacency;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// ---- The warmth formula, re-derived from its documentation (IntroPath::warmth) ----

PackedDate NewestDate(const Snapshot& g) {
  PackedDate newest = kNoDate;
  for (EdgeIndex e = 0; e < g.num_adjacencies(); ++e) newest = std::max(newest, g.since(e));
  return newest;
}

uint64_t OracleHopWeight(const Snapshot& g, VertexId u, VertexId v, PackedDate reference) {
  const EdgeIndex e = EdgeOf(g, u, v);
  const uint64_t q = g.has_strength() ? g.parts().strength[e] : 255;
  uint64_t r = 750;
  if (g.since(e) != kNoDate) {
    const double age = std::max(0, static_cast<int>(reference) - static_cast<int>(g.since(e)));
    r = static_cast<uint64_t>(std::llround(1000.0 * (0.5 + 0.5 * std::exp2(-age / 1826.25))));
  }
  return std::max<uint64_t>(1, (q * r + 127) / 255);
}

uint64_t OracleProduct(const Snapshot& g, const std::vector<VertexId>& path, PackedDate reference) {
  uint64_t p = 1;
  for (size_t i = 0; i + 1 < path.size(); ++i) p *= OracleHopWeight(g, path[i], path[i + 1], reference);
  return p;
}

// ---- Brute force: every simple path, then the documented ranking and diversity rule ----

struct OracleAnswer {
  std::optional<int> hops;
  uint64_t count = 0;
  std::vector<std::vector<VertexId>> paths;  // in answer order
};

OracleAnswer BruteForce(const Snapshot& g, VertexId from, VertexId to, const PathOptions& o) {
  const auto adj = VisibleAdjacency(g, from);
  const std::set<VertexId> avoid(o.avoid.begin(), o.avoid.end());
  auto interior_ok = [&](VertexId v) { return !g.no_introductions(v) && avoid.count(v) == 0; };
  std::vector<std::vector<VertexId>> found;
  std::vector<VertexId> path{from};
  auto dfs = [&](auto&& self) -> void {
    const VertexId last = path.back();
    for (VertexId w : adj[last]) {
      if (std::find(path.begin(), path.end(), w) != path.end()) continue;
      if (w == to) {
        path.push_back(w);
        found.push_back(path);
        path.pop_back();
      } else if (interior_ok(w) && static_cast<int>(path.size()) < o.max_hops) {
        path.push_back(w);
        self(self);
        path.pop_back();
      }
    }
  };
  dfs(dfs);
  OracleAnswer out;
  if (found.empty()) return out;
  size_t shortest = SIZE_MAX;
  for (const auto& p : found) shortest = std::min(shortest, p.size());
  out.hops = static_cast<int>(shortest) - 1;
  std::vector<std::pair<uint64_t, std::vector<VertexId>>> ranked;
  const PackedDate reference = NewestDate(g);
  for (const auto& p : found) {
    if (p.size() == shortest) ++out.count;
    if (p.size() != shortest && !o.include_longer) continue;
    uint64_t w = OracleProduct(g, p, reference);
    for (int pad = static_cast<int>(p.size()) - 1; pad < o.max_hops; ++pad) w *= 1000;
    ranked.emplace_back(w, p);
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::set<VertexId> firsts;  // kNoVertex stands for "no intermediary"
  std::vector<bool> taken(ranked.size(), false);
  for (size_t i = 0; i < ranked.size() && out.paths.size() < o.k; ++i) {
    const auto& p = ranked[i].second;
    const VertexId y = p.size() > 2 ? p[1] : kNoVertex;
    if (firsts.insert(y).second) {
      out.paths.push_back(p);
      taken[i] = true;
    }
  }
  for (size_t i = 0; i < ranked.size() && out.paths.size() < o.k; ++i) {
    if (!taken[i]) out.paths.push_back(ranked[i].second);
  }
  return out;
}

void ExpectMatches(const Snapshot& g, const PathsResult& got, const OracleAnswer& want,
                   const std::string& what) {
  SCOPED_TRACE(what);
  ASSERT_FALSE(got.truncated);
  EXPECT_EQ(got.hops, want.hops);
  EXPECT_EQ(got.count, want.count);
  ASSERT_EQ(got.paths.size(), want.paths.size());
  const PackedDate reference = NewestDate(g);
  for (size_t i = 0; i < want.paths.size(); ++i) {
    const IntroPath& p = got.paths[i];
    EXPECT_EQ(p.members, want.paths[i]) << "path " << i;
    if (p.members != want.paths[i]) continue;
    const uint64_t product = OracleProduct(g, p.members, reference);
    EXPECT_EQ(p.warmth, static_cast<double>(product) / std::pow(1000.0, p.members.size() - 1));
    ASSERT_EQ(p.hops.size(), p.members.size() - 1);
    for (size_t h = 0; h < p.hops.size(); ++h) {
      const EdgeIndex e = EdgeOf(g, p.members[h], p.members[h + 1]);
      EXPECT_EQ(p.hops[h].strength, g.strength(e));
      EXPECT_EQ(p.hops[h].since, g.since(e));
    }
  }
}

std::vector<VertexId> Ids(const Snapshot& g, std::initializer_list<ExternalId> ids) {
  std::vector<VertexId> out;
  for (ExternalId id : ids) out.push_back(g.FindMember(id));
  return out;
}

// ---- The warmth formula and the arithmetic ----

TEST(Warmth, HopWeightByHand) {
  const PackedDate ref = PackDate(DaysFromCivil(2024, 1, 1));
  EXPECT_EQ(HopWeight(255, ref, ref), 1000u);
  EXPECT_EQ(HopWeight(255, kNoDate, ref), 750u);
  EXPECT_EQ(HopWeight(0, ref, ref), 1u);  // never 0: a weak hop still ranks
  EXPECT_EQ(HopWeight(128, kNoDate, ref), 376u);                                // 96127 / 255
  EXPECT_EQ(HopWeight(229, PackDate(DaysFromCivil(2023, 1, 1)), ref), 840u);    // r = 935
  EXPECT_EQ(HopWeight(255, PackDate(DaysFromCivil(2019, 1, 1)), ref), 750u);    // 5 years: 750
  EXPECT_EQ(HopWeight(255, PackDate(DaysFromCivil(1950, 1, 1)), ref), 500u);    // tends to 1/2
  EXPECT_EQ(HopWeight(255, ref + 10, ref), 1000u);  // a date after the reference counts as new
  EXPECT_EQ(RecencyPermille(0), 1000u);
  EXPECT_EQ(RecencyPermille(1826), 750u);
}

TEST(Warmth, SaturatingArithmetic) {
  const uint64_t max = UINT64_MAX;
  EXPECT_EQ(SaturatingAdd(max - 1, 1), max);
  EXPECT_EQ(SaturatingAdd(max - 1, 2), max);
  EXPECT_EQ(SaturatingAdd(3, 4), 7u);
  EXPECT_EQ(SaturatingMul(uint64_t{1} << 32, uint64_t{1} << 32), max);
  EXPECT_EQ(SaturatingMul(uint64_t{1} << 31, uint64_t{1} << 32), uint64_t{1} << 63);
  EXPECT_EQ(SaturatingMul(0, max), 0u);
}

// ---- The fixture ----

class IntroNetwork : public ::testing::Test {
 protected:
  void SetUp() override { g_ = testing::LoadFixture("intro_network"); }
  PathsResult Paths(ExternalId a, ExternalId b, PathOptions o = {}) {
    auto r = IntroPaths(*g_, g_->FindMember(a), g_->FindMember(b), o);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : PathsResult{};
  }
  std::vector<std::vector<ExternalId>> Members(const PathsResult& r) {
    std::vector<std::vector<ExternalId>> out;
    for (const IntroPath& p : r.paths) {
      std::vector<ExternalId> ids;
      for (VertexId v : p.members) ids.push_back(g_->external_id(v));
      out.push_back(ids);
    }
    return out;
  }
  std::shared_ptr<const Snapshot> g_;
};

TEST_F(IntroNetwork, NoIntroductionsMemberIsNotAnIntermediary) {
  const PathsResult r = Paths(1, 8);
  EXPECT_EQ(r.hops, 2);
  EXPECT_EQ(r.count, 2u);
  EXPECT_THAT(Members(r), ElementsAre(ElementsAre(1, 2, 8), ElementsAre(1, 5, 8)));
  EXPECT_NEAR(r.paths[0].warmth, 0.607803, 1e-12);
  EXPECT_NEAR(r.paths[1].warmth, 0.156025, 1e-12);
  EXPECT_NEAR(r.paths[0].hops[0].strength, 0.9, 0.003);
  EXPECT_EQ(FormatDate(r.paths[0].hops[1].since), "2022-06-01");
  const PathsResult back = Paths(8, 1);
  EXPECT_EQ(back.count, 2u);
  EXPECT_THAT(Members(back), ElementsAre(ElementsAre(8, 2, 1), ElementsAre(8, 5, 1)));
}

TEST_F(IntroNetwork, AvoidRemovesIntermediariesButNotEnds) {
  PathOptions o;
  o.avoid = Ids(*g_, {2});
  PathsResult r = Paths(1, 8, o);
  EXPECT_EQ(r.count, 1u);
  EXPECT_THAT(Members(r), ElementsAre(ElementsAre(1, 5, 8)));
  o.avoid = Ids(*g_, {2, 5});
  r = Paths(1, 8, o);
  EXPECT_EQ(r.hops, std::nullopt);
  EXPECT_EQ(r.count, 0u);
  EXPECT_TRUE(r.paths.empty());
  o.avoid = Ids(*g_, {1, 8});  // the ends themselves
  EXPECT_EQ(Paths(1, 8, o).count, 2u);
}

TEST_F(IntroNetwork, HiddenConnectionsAreNotCrossed) {
  PathsResult r = Paths(1, 9);
  EXPECT_EQ(r.hops, 3);
  EXPECT_EQ(r.count, 1u);
  EXPECT_THAT(Members(r), ElementsAre(ElementsAre(1, 2, 7, 9)));
  EXPECT_NEAR(r.paths[0].warmth, 0.1707075, 1e-12);
  // Cat sees its own connection to Fay.
  r = Paths(3, 9);
  EXPECT_EQ(r.hops, 2);
  EXPECT_THAT(Members(r), ElementsAre(ElementsAre(3, 6, 9)));
  // Every connection of Jon is hidden from Ann.
  PathOptions six;
  six.max_hops = 6;
  r = Paths(1, 10, six);
  EXPECT_EQ(r.hops, std::nullopt);
  EXPECT_EQ(r.count, 0u);
  EXPECT_EQ(Paths(2, 10).hops, 1);  // Bob sees his own connection to Jon
}

TEST_F(IntroNetwork, EndsMayRefuseIntroductions) {
  const PathsResult r = Paths(1, 4);
  EXPECT_EQ(r.hops, 1);
  EXPECT_EQ(r.count, 1u);
  EXPECT_THAT(Members(r), ElementsAre(ElementsAre(1, 4)));
  EXPECT_EQ(r.paths[0].warmth, 1.0);
}

TEST_F(IntroNetwork, LongerPathsOnRequest) {
  PathsResult r = Paths(1, 12);
  EXPECT_EQ(r.hops, 2);
  EXPECT_THAT(Members(r), ElementsAre(ElementsAre(1, 11, 12)));
  EXPECT_NEAR(r.paths[0].warmth, 0.1125, 1e-12);
  PathOptions o;
  o.include_longer = true;
  r = Paths(1, 12, o);
  EXPECT_EQ(r.hops, 2);
  EXPECT_EQ(r.count, 1u);
  EXPECT_THAT(Members(r), ElementsAre(ElementsAre(1, 3, 11, 12), ElementsAre(1, 11, 12)));
  EXPECT_NEAR(r.paths[0].warmth, 0.3279375, 1e-12);
  o.max_hops = 6;
  EXPECT_THAT(Members(Paths(1, 12, o)), ElementsAre(ElementsAre(1, 3, 11, 12), ElementsAre(1, 11, 12)));
}

TEST_F(IntroNetwork, EveryQueryMatchesBruteForce) {
  const uint32_t n = g_->num_members();
  for (VertexId a = 0; a < n; ++a) {
    for (VertexId b = 0; b < n; ++b) {
      if (a == b) continue;
      for (int hops : {1, 3, 6}) {
        for (bool longer : {false, true}) {
          PathOptions o;
          o.max_hops = hops;
          o.include_longer = longer;
          auto got = IntroPaths(*g_, a, b, o);
          ASSERT_TRUE(got.ok());
          ExpectMatches(*g_, *got, BruteForce(*g_, a, b, o),
                        absl::StrCat(a, "->", b, " hops ", hops, " longer ", longer));
        }
      }
    }
  }
}

// ---- The meeting layer of the bidirectional search ----

// A–B–C–D where B hides and the viewer A does not know C: B–C is invisible to A. A–E–F–D is the
// only visible path. The frontiers are balanced so that the search meets exactly across B–C
// (forward frontier {B,E}, backward frontier {C,F}).
TEST(IntroPathsPrivacy, MeetingLayerChecksVisibility) {
  ConnectionBatch batch;
  for (auto [a, b] : std::vector<std::pair<ExternalId, ExternalId>>{
           {1, 2}, {2, 3}, {3, 4}, {1, 5}, {5, 6}, {6, 4}}) {
    batch.a.push_back(a);
    batch.b.push_back(b);
  }
  MemberTable members;
  members.ids = {1, 2, 3, 4, 5, 6};
  members.flags = {0, kHidesConnections, 0, 0, 0, 0};
  std::vector<ConnectionBatch> batches;
  batches.push_back(std::move(batch));
  auto built = BuildSnapshot(std::move(batches), &members, nullptr);
  ASSERT_TRUE(built.ok());
  const Snapshot& g = **built;
  const VertexId a = g.FindMember(1), d = g.FindMember(4);
  for (int max_hops : {3, 4, 6}) {  // 3: the meeting expansion probes; 4, 6: it scans
    for (bool longer : {false, true}) {
      PathOptions o;
      o.max_hops = max_hops;
      o.include_longer = longer;
      for (auto [from, to] : {std::pair{a, d}, std::pair{d, a}}) {
        auto r = IntroPaths(g, from, to, o);
        ASSERT_TRUE(r.ok());
        EXPECT_EQ(r->hops, 3);
        EXPECT_EQ(r->count, 1u) << "max_hops " << max_hops;
        ASSERT_EQ(r->paths.size(), 1u);
        EXPECT_EQ(r->paths[0].members, (std::vector<VertexId>{from, g.FindMember(from == a ? 5 : 6),
                                                              g.FindMember(from == a ? 6 : 5), to}));
      }
    }
  }
  // The hidden member's own view: B sees B–C, so B -> D is 2 hops.
  auto r = IntroPaths(g, g.FindMember(2), d, PathOptions{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->hops, 2);
}

// ---- Random graphs against brute force ----

struct Shape {
  std::string name;
  EdgeList edges;
};

std::vector<Shape> SmallShapes(uint64_t seed) {
  std::vector<Shape> shapes;
  shapes.push_back({"uniform", testing::RandomUniformEdges(24, 60, seed)});
  shapes.push_back({"power-law", testing::RandomPowerLawEdges(28, 55, seed)});
  EdgeList star = testing::StarEdges(14, 1000);
  for (const auto& e : testing::RandomUniformEdges(14, 10, seed)) star.push_back({e.first % 15 + 1000, e.second % 15 + 1000});
  shapes.push_back({"star", star});
  shapes.push_back({"two-components", testing::TwoComponentEdges(26, 50, seed)});
  EdgeList isolated = testing::RandomUniformEdges(16, 30, seed);
  isolated.push_back({900001, 900001});  // an isolated member (self-loop only)
  isolated.push_back({900002, 900002});
  shapes.push_back({"isolated", isolated});
  return shapes;
}

TEST(IntroPathsRandom, MatchesBruteForce) {
  int compared = 0, with_paths = 0;
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    for (const Shape& shape : SmallShapes(seed)) {
      RichGraphOptions ro;
      ro.seed = seed * 31;
      ro.strengths = seed % 3 != 0;
      ro.dates = seed % 2 == 0;
      ro.members_file = seed != 5;
      auto g = BuildRichGraph(shape.edges, ro);
      std::mt19937_64 rng(seed);
      const uint32_t n = g->num_members();
      for (int qi = 0; qi < 40; ++qi) {
        const VertexId from = rng() % n, to = rng() % n;
        if (from == to) continue;
        PathOptions o;
        o.k = std::vector<size_t>{1, 2, 3, 5, 10, 50}[rng() % 6];
        o.max_hops = 1 + static_cast<int>(rng() % 6);
        o.include_longer = rng() % 2 == 0;
        for (int i = static_cast<int>(rng() % 3); i > 0; --i) o.avoid.push_back(rng() % n);
        auto got = IntroPaths(*g, from, to, o);
        ASSERT_TRUE(got.ok()) << got.status();
        const OracleAnswer want = BruteForce(*g, from, to, o);
        ExpectMatches(*g, *got, want,
                      absl::StrCat(shape.name, " seed ", seed, " ", from, "->", to, " k ", o.k,
                                   " hops ", o.max_hops, " longer ", o.include_longer));
        ++compared;
        with_paths += !want.paths.empty();
      }
    }
  }
  EXPECT_GT(with_paths, compared / 3);  // the comparison is not vacuous
}

// ---- Larger graphs: shortest-path counts by Boost.Graph BFS, best path by a DP ----

struct BglAnswer {
  std::optional<int> hops;
  uint64_t count = 0;
  uint64_t best = 0;  // the largest warmth product of a shortest path
};

struct CountingVisitor : boost::default_bfs_visitor {
  std::vector<int>* dist;
  std::vector<uint64_t>* count;
  template <typename Edge, typename Graph>
  void tree_edge(Edge e, const Graph& bg) {
    const auto s = boost::source(e, bg), t = boost::target(e, bg);
    (*dist)[t] = (*dist)[s] + 1;
    (*count)[t] = (*count)[s];
  }
  template <typename Edge, typename Graph>
  void non_tree_edge(Edge e, const Graph& bg) {
    const auto s = boost::source(e, bg), t = boost::target(e, bg);
    if ((*dist)[t] == (*dist)[s] + 1) (*count)[t] += (*count)[s];
  }
};

// The viewer's restricted graph as arcs (ends never re-entered, interior members passable), then
// BGL's breadth_first_search counting shortest paths, then a max-product DP over its layers.
BglAnswer BglOracle(const Snapshot& g, VertexId from, VertexId to, int max_hops,
                    const std::vector<std::vector<VertexId>>& adj) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  const uint32_t n = g.num_members();
  Graph bg(n);
  std::vector<std::pair<VertexId, VertexId>> arcs;
  for (VertexId u = 0; u < n; ++u) {
    if (u == to || (u != from && g.no_introductions(u))) continue;
    for (VertexId v : adj[u]) {
      if (v == from) continue;
      boost::add_edge(u, v, bg);
      arcs.emplace_back(u, v);
    }
  }
  std::vector<int> dist(n, -1);
  std::vector<uint64_t> count(n, 0);
  dist[from] = 0;
  count[from] = 1;
  CountingVisitor vis;
  vis.dist = &dist;
  vis.count = &count;
  boost::breadth_first_search(bg, boost::vertex(from, bg), boost::visitor(vis));
  BglAnswer out;
  if (dist[to] < 0 || dist[to] > max_hops) return out;
  out.hops = dist[to];
  out.count = count[to];
  const PackedDate reference = NewestDate(g);
  std::vector<uint64_t> best(n, 0);
  best[from] = 1;
  std::sort(arcs.begin(), arcs.end(), [&](auto x, auto y) { return dist[x.first] < dist[y.first]; });
  for (auto [u, v] : arcs) {
    if (dist[u] >= 0 && dist[v] == dist[u] + 1) {
      best[v] = std::max(best[v], best[u] * OracleHopWeight(g, u, v, reference));
    }
  }
  out.best = best[to];
  return out;
}

// Checks a result against BGL: hops, count, the best path's warmth, and every path's validity.
void ExpectMatchesBgl(const Snapshot& g, VertexId from, VertexId to, const PathOptions& o,
                      const std::string& what) {
  SCOPED_TRACE(what);
  auto got = IntroPaths(g, from, to, o);
  ASSERT_TRUE(got.ok());
  ASSERT_FALSE(got->truncated);
  const auto adj = VisibleAdjacency(g, from);
  const BglAnswer want = BglOracle(g, from, to, o.max_hops, adj);
  EXPECT_EQ(got->hops, want.hops);
  EXPECT_EQ(got->count, want.count);
  if (!want.hops) return;
  ASSERT_EQ(got->paths.size(), std::min<uint64_t>(o.k, want.count));
  const PackedDate reference = NewestDate(g);
  std::set<std::vector<VertexId>> distinct;
  for (const IntroPath& p : got->paths) {
    ASSERT_EQ(static_cast<int>(p.members.size()), *want.hops + 1);
    EXPECT_EQ(p.members.front(), from);
    EXPECT_EQ(p.members.back(), to);
    for (size_t i = 0; i + 1 < p.members.size(); ++i) {
      EXPECT_TRUE(std::binary_search(adj[p.members[i]].begin(), adj[p.members[i]].end(), p.members[i + 1]));
      if (i > 0) {
        EXPECT_FALSE(g.no_introductions(p.members[i]));
      }
    }
    distinct.insert(p.members);
  }
  EXPECT_EQ(distinct.size(), got->paths.size());
  EXPECT_EQ(OracleProduct(g, got->paths[0].members, reference), want.best);
}

TEST(IntroPathsBgl, RandomGraphs) {
  for (uint64_t seed = 1; seed <= 2; ++seed) {
    for (const auto& [name, edges] :
         std::vector<std::pair<std::string, EdgeList>>{
             {"uniform", testing::RandomUniformEdges(2000, 6000, seed)},
             {"power-law", testing::RandomPowerLawEdges(2000, 8000, seed)},
             {"star", testing::StarEdges(1500, 5)},
             {"two-components", testing::TwoComponentEdges(2000, 6000, seed)}}) {
      RichGraphOptions ro;
      ro.seed = seed;
      ro.hide_probability = 0.1;
      ro.no_intro_probability = 0.1;
      auto g = BuildRichGraph(edges, ro);
      std::mt19937_64 rng(seed);
      for (int qi = 0; qi < 12; ++qi) {
        PathOptions o;
        o.max_hops = 1 + static_cast<int>(rng() % 6);
        o.k = 1 + rng() % 8;
        const VertexId from = rng() % g->num_members(), to = rng() % g->num_members();
        if (from == to) continue;
        ExpectMatchesBgl(*g, from, to, o, absl::StrCat(name, " ", seed, " ", from, "->", to));
      }
    }
  }
}

TEST(IntroPathsBgl, RealGraphs) {
  for (const char* file : {"ca-GrQc.txt", "CA-HepTh.txt"}) {
    LIAISON_REAL_DATASET(path, file);
    const EdgeList edges = testing::paths_suggest::ReadSnapEdges(path);
    RichGraphOptions ro;
    ro.seed = 7;
    ro.hide_probability = 0.1;
    ro.no_intro_probability = 0.05;
    auto g = BuildRichGraph(edges, ro);
    std::mt19937_64 rng(11);
    for (int qi = 0; qi < 16; ++qi) {
      PathOptions o;
      o.max_hops = qi % 2 == 0 ? 6 : 3;
      o.k = 5;
      const VertexId from = rng() % g->num_members(), to = rng() % g->num_members();
      if (from == to) continue;
      ExpectMatchesBgl(*g, from, to, o, absl::StrCat(file, " ", from, "->", to));
    }
  }
}

// ---- Many shortest paths (hubs): counted, never enumerated ----

// Layers {s}, A, B, C, {t} with complete bipartite connections between consecutive layers:
// width^3 shortest paths.
EdgeList Layered(uint32_t width) {
  EdgeList edges;
  const ExternalId s = 1, t = 2;
  auto id = [](int layer, uint32_t i) { return ExternalId{100000} * layer + i; };
  for (uint32_t i = 0; i < width; ++i) {
    edges.push_back({s, id(1, i)});
    edges.push_back({id(3, i), t});
    for (uint32_t j = 0; j < width; ++j) {
      edges.push_back({id(1, i), id(2, j)});
      edges.push_back({id(2, i), id(3, j)});
    }
  }
  return edges;
}

TEST(IntroPathsHubs, ManyShortestPathsMatchBruteForce) {
  RichGraphOptions ro;
  ro.hide_probability = 0;
  ro.no_intro_probability = 0;
  auto g = BuildRichGraph(Layered(24), ro);  // 13,824 shortest paths
  PathOptions o;
  o.max_hops = 4;
  for (size_t k : {1, 5, 40}) {
    o.k = k;
    auto got = IntroPaths(*g, g->FindMember(1), g->FindMember(2), o);
    ASSERT_TRUE(got.ok());
    ExpectMatches(*g, *got, BruteForce(*g, g->FindMember(1), g->FindMember(2), o), "layered 24");
  }
}

TEST(IntroPathsHubs, MillionsOfPathsWithinASmallBudget) {
  RichGraphOptions ro;
  ro.hide_probability = 0;
  ro.no_intro_probability = 0;
  auto g = BuildRichGraph(Layered(200), ro);  // 8,000,000 shortest paths, 80k connections
  PathOptions o;
  o.max_hops = 4;
  o.k = 10;
  // Enumerating the paths would read lists millions of times; the search reads each of the 402
  // lists at most a few times.
  o.budget.max_visited = 2000;
  auto got = IntroPaths(*g, g->FindMember(1), g->FindMember(2), o);
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(got->truncated);
  EXPECT_EQ(got->hops, 4);
  EXPECT_EQ(got->count, 8'000'000u);
  ASSERT_EQ(got->paths.size(), 10u);
  const BglAnswer want =
      BglOracle(*g, g->FindMember(1), g->FindMember(2), 4, VisibleAdjacency(*g, g->FindMember(1)));
  EXPECT_EQ(want.count, 8'000'000u);
  EXPECT_EQ(OracleProduct(*g, got->paths[0].members, NewestDate(*g)), want.best);
  std::set<VertexId> firsts;
  for (const IntroPath& p : got->paths) firsts.insert(p.members[1]);
  EXPECT_EQ(firsts.size(), 10u);  // 200 first intermediaries: all distinct
}

// ---- Arguments, ends, budgets ----

TEST(IntroPathsArguments, Rejected) {
  auto g = testing::BuildGraph({{1, 2}, {2, 3}});
  auto expect_invalid = [&](VertexId a, VertexId b, PathOptions o, const std::string& text) {
    auto r = IntroPaths(*g, a, b, o);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(r.status().message()), HasSubstr(text));
  };
  expect_invalid(3, 0, {}, "3");
  expect_invalid(0, 7, {}, "7");
  PathOptions o;
  o.k = 0;
  expect_invalid(0, 2, o, "k = 0");
  o.k = kMaxK + 1;
  expect_invalid(0, 2, o, "10001");
  o = {};
  o.max_hops = 0;
  expect_invalid(0, 2, o, "max_hops = 0");
  o.max_hops = kMaxPathHops + 1;
  expect_invalid(0, 2, o, "max_hops = 7");
  o = {};
  o.avoid = {1, 9};
  expect_invalid(0, 2, o, "9");
}

TEST(IntroPathsArguments, SameMemberAndUnreachable) {
  auto g = testing::BuildGraph({{1, 2}, {2, 3}, {3, 4}, {4, 5}, {8, 9}});
  auto same = IntroPaths(*g, 1, 1, PathOptions{});
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->hops, 0);
  EXPECT_EQ(same->count, 1u);
  ASSERT_EQ(same->paths.size(), 1u);
  EXPECT_THAT(same->paths[0].members, ElementsAre(1));
  EXPECT_EQ(same->paths[0].warmth, 1.0);
  // 1 -> 5 is 4 hops: beyond the default 3, found with 4.
  auto far = IntroPaths(*g, 0, 4, PathOptions{});
  ASSERT_TRUE(far.ok());
  EXPECT_EQ(far->hops, std::nullopt);
  EXPECT_EQ(far->count, 0u);
  EXPECT_TRUE(far->paths.empty());
  EXPECT_FALSE(far->truncated);
  PathOptions four;
  four.max_hops = 4;
  EXPECT_EQ(IntroPaths(*g, 0, 4, four)->hops, 4);
  // Different components.
  auto apart = IntroPaths(*g, 0, 6, four);
  ASSERT_TRUE(apart.ok());
  EXPECT_EQ(apart->hops, std::nullopt);
  EXPECT_FALSE(apart->truncated);
}

TEST(IntroPathsBudget, TruncatesWithMeaningfulAnswers) {
  RichGraphOptions ro;
  ro.seed = 3;
  auto g = BuildRichGraph(testing::RandomPowerLawEdges(400, 1600, 3), ro);
  std::mt19937_64 rng(5);
  int partial = 0, unknown = 0;
  for (int qi = 0; qi < 30; ++qi) {
    const VertexId from = rng() % g->num_members(), to = rng() % g->num_members();
    if (from == to) continue;
    for (bool longer : {false, true}) {
      PathOptions o;
      o.max_hops = 4;
      o.k = 4;
      o.include_longer = longer;
      auto full = IntroPaths(*g, from, to, o);
      ASSERT_TRUE(full.ok());
      ASSERT_FALSE(full->truncated);
      for (uint64_t budget : {1, 2, 5, 20, 100}) {
        o.budget.max_visited = budget;
        auto r = IntroPaths(*g, from, to, o);
        ASSERT_TRUE(r.ok());
        if (!r->truncated) {
          EXPECT_EQ(r->count, full->count);
          EXPECT_EQ(r->paths.size(), full->paths.size());
          continue;
        }
        if (!r->hops) {
          ++unknown;
          EXPECT_EQ(r->count, 0u);
          EXPECT_TRUE(r->paths.empty());
          continue;
        }
        ++partial;  // hops and count known; the paths found so far are among the answer's best
        EXPECT_EQ(r->hops, full->hops);
        EXPECT_EQ(r->count, full->count);
        EXPECT_LE(r->paths.size(), full->paths.size());
      }
    }
  }
  EXPECT_GT(unknown, 0);
  EXPECT_GT(partial, 0);
}

TEST(IntroPathsBudget, PastDeadline) {
  auto g = testing::BuildGraph(testing::RandomUniformEdges(200, 800, 1));
  PathOptions o;
  o.max_hops = 6;
  o.budget.deadline = absl::Now() - absl::Seconds(1);
  auto r = IntroPaths(*g, 0, 1, o);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->truncated);
  EXPECT_EQ(r->hops, std::nullopt);
}

}  // namespace
}  // namespace liaison
