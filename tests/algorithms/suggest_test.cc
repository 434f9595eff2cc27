// Suggest (people you may know) against a brute-force oracle.
//
// Fixture datasets/fixtures/intro_network (see its README.md; external ids in brackets):
//   for Ann[1] (deg 5; Bob's visible degree is 3: Bob–Jon is hidden from Ann; Cat's is 2):
//     common               Hal[8] 3 (reasons Bob, Dan, Eve), Gus[7] 1 (Bob), Lee[12] 1 (Kim)
//     jaccard              Hal 3/(5+3-3) = 0.6, Lee 1/(5+1-1) = 0.2, Gus 1/(5+2-1) = 1/6
//     adamic-adar          Hal 2/ln 2 + 1/ln 3 = 3.7956, Gus 1/ln 3, Lee 1/ln 3 (tie: smaller id)
//                          (with Bob's raw degree 4, Gus would score 1/ln 4 and fall behind Lee)
//     resource-allocation  Hal 1/2 + 1/2 + 1/3, Gus 1/3, Lee 1/3
//     Fay[6] and Jon[10] are not suggested: Cat–Fay and Cat–Jon are hidden from Ann.
//   for Fay[6]: only Gus[7] (1, reason Ivy): Cat's other connections and Jon–Ivy are hidden.
//   for Jon[10] (hides; sees its own connections): Gus 2, then Ann[1], Fay[6], Hal[8] with 1.
//   for Kim[11]: Bob[2], Dan[4], Eve[5] with 1 each (via Ann; Cat's others are hidden).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "engine/util/strings.h"
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

constexpr SuggestScore kAllScores[] = {SuggestScore::kCommon, SuggestScore::kJaccard,
                                       SuggestScore::kAdamicAdar,
                                       SuggestScore::kResourceAllocation};

// ---- Brute force: every member, its visible mutual connections, the documented formulas ----

std::vector<Suggestion> BruteForce(const Snapshot& g, VertexId m, const SuggestOptions& o) {
  const auto adj = VisibleAdjacency(g, m);  // what m may see
  const auto nm = g.neighbors(m);
  const std::set<VertexId> mine(nm.begin(), nm.end());
  // Intermediaries in the documented summation order, hubs over the cap left out.
  std::vector<VertexId> order(nm.begin(), nm.end());
  std::sort(order.begin(), order.end(), [&](VertexId a, VertexId b) {
    return g.degree(a) != g.degree(b) ? g.degree(a) < g.degree(b) : a < b;
  });
  std::vector<std::pair<double, Suggestion>> all;
  for (VertexId z = 0; z < g.num_members(); ++z) {
    if (z == m || mine.count(z)) continue;
    uint32_t count = 0;
    double aa = 0, ra = 0;
    for (VertexId y : order) {
      const double dv = static_cast<double>(adj[y].size());
      if (o.hub_cap != 0 && adj[y].size() > o.hub_cap) continue;
      if (!std::binary_search(adj[y].begin(), adj[y].end(), z)) continue;
      ++count;
      aa += 1.0 / std::log(dv);
      ra += 1.0 / dv;
    }
    if (count == 0) continue;
    double score = 0;
    switch (o.score) {
      case SuggestScore::kCommon:
        score = count;
        break;
      case SuggestScore::kJaccard:
        score = count / (static_cast<double>(nm.size()) + static_cast<double>(adj[z].size()) - count);
        break;
      case SuggestScore::kAdamicAdar:
        score = aa;
        break;
      case SuggestScore::kResourceAllocation:
        score = ra;
        break;
    }
    // Exact mutual connections (the cap does not apply) and the three strongest as reasons.
    std::vector<std::pair<float, VertexId>> mutual;
    for (VertexId y : nm) {
      if (std::binary_search(adj[y].begin(), adj[y].end(), z)) {
        mutual.emplace_back(-g.strength(EdgeOf(g, m, y)) * g.strength(EdgeOf(g, y, z)), y);
      }
    }
    std::sort(mutual.begin(), mutual.end());
    Suggestion s{z, static_cast<uint32_t>(mutual.size()), score, {}};
    for (size_t i = 0; i < mutual.size() && i < 3; ++i) s.reasons.push_back(mutual[i].second);
    std::sort(s.reasons.begin(), s.reasons.end());
    all.emplace_back(score, s);
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second.member < b.second.member;
  });
  std::vector<Suggestion> out;
  for (size_t i = 0; i < all.size() && i < o.k; ++i) out.push_back(all[i].second);
  return out;
}

void ExpectMatches(const SuggestResult& got, const std::vector<Suggestion>& want,
                   const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_FALSE(got.truncated);
  ASSERT_EQ(got.suggestions.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    const Suggestion& a = got.suggestions[i];
    const Suggestion& b = want[i];
    EXPECT_EQ(a.member, b.member) << "rank " << i;
    EXPECT_EQ(a.score, b.score) << "rank " << i;
    EXPECT_EQ(a.mutual, b.mutual) << "rank " << i;
    EXPECT_EQ(a.reasons, b.reasons) << "rank " << i;
  }
}

// Suggest(m) with each k of `ks` against brute force. Brute force ranks every candidate once (for
// the largest k); the top k for a smaller k is a prefix of that ranking. Returns the ranking.
std::vector<Suggestion> ExpectTopKsMatch(const Snapshot& g, VertexId m, SuggestOptions o,
                                         std::initializer_list<size_t> ks,
                                         const std::string& what) {
  o.k = std::max(ks);
  const std::vector<Suggestion> ranking = BruteForce(g, m, o);
  for (const size_t k : ks) {
    o.k = k;
    auto got = Suggest(g, m, o);
    EXPECT_TRUE(got.ok()) << what;
    if (!got.ok()) break;
    const std::vector<Suggestion> want(ranking.begin(),
                                       ranking.begin() + std::min(k, ranking.size()));
    ExpectMatches(*got, want, absl::StrCat(what, " k ", k));
  }
  return ranking;
}

// ---- Names ----

TEST(SuggestScoreNames, RoundTrip) {
  for (SuggestScore s : kAllScores) {
    auto parsed = ParseSuggestScore(SuggestScoreName(s));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, s);
  }
  EXPECT_EQ(SuggestScoreName(SuggestScore::kAdamicAdar), "adamic-adar");
  auto bad = ParseSuggestScore("cosine");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("cosine"));
}

// ---- The fixture ----

class IntroNetworkSuggest : public ::testing::Test {
 protected:
  void SetUp() override { g_ = testing::LoadFixture("intro_network"); }
  SuggestResult For(ExternalId id, SuggestScore score) {
    SuggestOptions o;
    o.score = score;
    auto r = Suggest(*g_, g_->FindMember(id), o);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : SuggestResult{};
  }
  std::vector<ExternalId> Members(const SuggestResult& r) {
    std::vector<ExternalId> out;
    for (const Suggestion& s : r.suggestions) out.push_back(g_->external_id(s.member));
    return out;
  }
  std::vector<ExternalId> Reasons(const Suggestion& s) {
    std::vector<ExternalId> out;
    for (VertexId v : s.reasons) out.push_back(g_->external_id(v));
    return out;
  }
  std::shared_ptr<const Snapshot> g_;
};

TEST_F(IntroNetworkSuggest, Ann) {
  SuggestResult r = For(1, SuggestScore::kCommon);
  EXPECT_THAT(Members(r), ElementsAre(8, 7, 12));
  ASSERT_EQ(r.suggestions.size(), 3u);
  EXPECT_EQ(r.suggestions[0].score, 3.0);
  EXPECT_EQ(r.suggestions[0].mutual, 3u);
  EXPECT_THAT(Reasons(r.suggestions[0]), ElementsAre(2, 4, 5));
  EXPECT_THAT(Reasons(r.suggestions[1]), ElementsAre(2));
  EXPECT_THAT(Reasons(r.suggestions[2]), ElementsAre(11));

  r = For(1, SuggestScore::kJaccard);
  EXPECT_THAT(Members(r), ElementsAre(8, 12, 7));
  EXPECT_DOUBLE_EQ(r.suggestions[0].score, 0.6);
  EXPECT_DOUBLE_EQ(r.suggestions[1].score, 0.2);
  EXPECT_DOUBLE_EQ(r.suggestions[2].score, 1.0 / 6);

  r = For(1, SuggestScore::kAdamicAdar);
  EXPECT_THAT(Members(r), ElementsAre(8, 7, 12));
  EXPECT_NEAR(r.suggestions[0].score, 2 / std::log(2.0) + 1 / std::log(3.0), 1e-12);
  EXPECT_NEAR(r.suggestions[1].score, 1 / std::log(3.0), 1e-12);
  EXPECT_EQ(r.suggestions[1].score, r.suggestions[2].score);

  r = For(1, SuggestScore::kResourceAllocation);
  EXPECT_THAT(Members(r), ElementsAre(8, 7, 12));
  EXPECT_NEAR(r.suggestions[0].score, 1.0 / 2 + 1.0 / 2 + 1.0 / 3, 1e-12);
  EXPECT_NEAR(r.suggestions[2].score, 1.0 / 3, 1e-12);
}

TEST_F(IntroNetworkSuggest, OthersSeeOtherConnections) {
  SuggestResult r = For(6, SuggestScore::kCommon);
  EXPECT_THAT(Members(r), ElementsAre(7));
  EXPECT_THAT(Reasons(r.suggestions[0]), ElementsAre(9));
  r = For(10, SuggestScore::kCommon);
  EXPECT_THAT(Members(r), ElementsAre(7, 1, 6, 8));
  EXPECT_EQ(r.suggestions[0].mutual, 2u);
  EXPECT_THAT(Members(For(11, SuggestScore::kCommon)), ElementsAre(2, 4, 5));
}

TEST_F(IntroNetworkSuggest, EveryMemberEveryScoreMatchesBruteForce) {
  for (VertexId m = 0; m < g_->num_members(); ++m) {
    for (SuggestScore score : kAllScores) {
      SuggestOptions o;
      o.score = score;
      ExpectTopKsMatch(*g_, m, o, {1, 2, 10},
                       absl::StrCat("member ", m, " ", ToAbsl(SuggestScoreName(score))));
    }
  }
}

// ---- Random graphs of several shapes ----

TEST(SuggestRandom, MatchesBruteForce) {
  int nonempty = 0, total = 0;
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    EdgeList star = testing::StarEdges(120, 1);
    for (const auto& e : testing::RandomUniformEdges(121, 200, seed)) star.push_back({e.first % 121 + 1, e.second % 121 + 1});
    const std::vector<std::pair<std::string, EdgeList>> shapes = {
        {"uniform", testing::RandomUniformEdges(150, 700, seed)},
        {"power-law", testing::RandomPowerLawEdges(200, 900, seed)},
        {"star", star},
        {"two-components", testing::TwoComponentEdges(160, 600, seed)},
    };
    for (const auto& [name, edges] : shapes) {
      for (bool hidden : {false, true}) {
        RichGraphOptions ro;
        ro.seed = seed;
        ro.hide_probability = hidden ? 0.25 : 0;
        ro.strengths = seed % 2 == 1;
        auto g = BuildRichGraph(edges, ro);
        std::mt19937_64 rng(seed * 7 + hidden);
        for (int qi = 0; qi < 12; ++qi) {
          const VertexId m = rng() % g->num_members();
          for (SuggestScore score : kAllScores) {
            SuggestOptions o;
            o.score = score;
            // k 100: more suggestions than the block sweep explains in one batch.
            o.k = std::vector<size_t>{1, 3, 10, 40, 100}[rng() % 5];
            o.hub_cap = rng() % 4 == 0 ? 5 + rng() % 20 : 0;
            // A far deadline keeps the answer exact but takes the general pass even when nobody
            // hides (the block sweep needs a budget that cannot run out): both paths are checked.
            if (rng() % 2 == 0) o.budget.deadline = absl::Now() + absl::Hours(1);
            auto got = Suggest(*g, m, o);
            ASSERT_TRUE(got.ok());
            const auto want = BruteForce(*g, m, o);
            ExpectMatches(*got, want,
                          absl::StrCat(name, " seed ", seed, " hidden ", hidden, " member ", m, " ",
                                       ToAbsl(SuggestScoreName(score)), " k ", o.k, " cap ", o.hub_cap));
            ++total;
            nonempty += !want.empty();
          }
        }
      }
    }
  }
  EXPECT_GT(nonempty, total / 2);
}

// Hubs after small lists: the pass probes the hubs' lists instead of scanning them. `small`
// intermediaries share `shared` candidates; two hubs of `hub_size` members also hold them.
EdgeList SmallListsThenHubs(uint32_t small, uint32_t shared, uint32_t hub_size, uint64_t seed) {
  std::mt19937_64 rng(seed);
  EdgeList edges;
  const ExternalId m = 500000;
  auto y = [](uint32_t i) { return ExternalId{600000} + i; };
  for (uint32_t i = 0; i < small; ++i) {
    edges.push_back({m, y(i)});
    for (uint32_t z = 0; z < shared; ++z) {
      if (rng() % 4 != 0) edges.push_back({y(i), 1000 + z * 37});
    }
  }
  for (ExternalId hub : {ExternalId{700001}, ExternalId{700002}}) {
    edges.push_back({m, hub});
    for (uint32_t z = 0; z < hub_size; ++z) edges.push_back({hub, 1 + rng() % (hub_size * 4)});
    for (uint32_t z = 0; z < shared; z += 3) edges.push_back({hub, 1000 + z * 37});
  }
  return edges;
}

TEST(SuggestHubs, ProbedHubsMatchBruteForce) {
  for (uint64_t seed = 1; seed <= 2; ++seed) {
    // Few live candidates against long hubs (galloping), many against shorter ones (bitmap scan),
    // and a single small list (ties with the k-th: list heads are scanned).
    for (const auto& [small, shared, hub] : std::vector<std::tuple<uint32_t, uint32_t, uint32_t>>{
             {6, 20, 3000}, {1, 30, 3000}, {3, 12, 3000}, {8, 300, 1500}}) {
      for (bool hidden : {false, true}) {
        RichGraphOptions ro;
        ro.seed = seed;
        ro.hide_probability = hidden ? 0.1 : 0;
        ro.no_intro_probability = 0;
        auto g = BuildRichGraph(SmallListsThenHubs(small, shared, hub, seed), ro);
        const VertexId m = g->FindMember(500000);
        for (SuggestScore score : kAllScores) {
          SuggestOptions o;
          o.score = score;
          ExpectTopKsMatch(*g, m, o, {1, 5, 10, 25},
                           absl::StrCat("small ", small, " shared ", shared, " seed ", seed, " ",
                                        ToAbsl(SuggestScoreName(score)), " hidden ", hidden));
        }
      }
    }
  }
}

TEST(SuggestHubs, HubCapSkipsBigIntermediaries) {
  RichGraphOptions ro;
  ro.hide_probability = 0;
  auto g = BuildRichGraph(SmallListsThenHubs(4, 20, 3000, 1), ro);
  const VertexId m = g->FindMember(500000);
  SuggestOptions o;
  o.k = 30;
  o.hub_cap = 100;
  auto capped = Suggest(*g, m, o);
  ASSERT_TRUE(capped.ok());
  ExpectMatches(*capped, BruteForce(*g, m, o), "capped");
  // Only members of the small lists remain; the hubs' members are gone.
  for (const Suggestion& s : capped->suggestions) EXPECT_GE(g->external_id(s.member), 1000u);
  o.hub_cap = 0;
  auto exact = Suggest(*g, m, o);
  ASSERT_TRUE(exact.ok());
  EXPECT_NE(exact->suggestions[0].score, capped->suggestions[0].score);
}

// More members than two full blocks of the block sweep (2^15 members when the
// lists are long): many blocks, the longest lists only topping up scores once the k-th score
// allows it, the sweep stopping early. Without hidden members (that path: counts and sums) and
// with them (the general pass).
TEST(SuggestLarge, BlockSweepMatchesBruteForce) {
  const EdgeList edges = testing::RandomPowerLawEdges(70000, 210000, 5);
  for (bool hidden : {false, true}) {
    RichGraphOptions ro;
    ro.seed = 5;
    ro.hide_probability = hidden ? 0.1 : 0;
    auto g = BuildRichGraph(edges, ro);
    ASSERT_GT(g->num_members(), 65536u);
    // Members whose only connection is a big hub (the sweep stops after a few blocks), members
    // connected to several hubs, and random members (brute force costs members x degree: no hub
    // is asked itself).
    std::vector<VertexId> members;
    for (VertexId v = 0; v < g->num_members() && members.size() < 2; ++v) {
      if (g->degree(v) == 1 && g->degree(g->neighbors(v)[0]) > 500) members.push_back(v);
    }
    for (VertexId v = 0; v < g->num_members() && members.size() < 4; ++v) {
      if (g->degree(v) < 3 || g->degree(v) > 12) continue;
      int hubs = 0;
      for (VertexId y : g->neighbors(v)) hubs += g->degree(y) > 500 ? 1 : 0;
      if (hubs >= 2) members.push_back(v);
    }
    ASSERT_EQ(members.size(), 4u);
    std::mt19937_64 rng(11);
    while (members.size() < 6) {
      const VertexId v = rng() % g->num_members();
      if (g->degree(v) <= 12) members.push_back(v);
    }
    for (VertexId m : members) {
      for (SuggestScore score : {SuggestScore::kCommon, SuggestScore::kAdamicAdar}) {
        if (hidden && score != SuggestScore::kCommon) continue;  // the general pass: tested above
        SuggestOptions o;
        o.score = score;
        ExpectTopKsMatch(*g, m, o, {1, 10, 40},
                         absl::StrCat("member ", m, " degree ", g->degree(m), " ",
                                      ToAbsl(SuggestScoreName(score)), " hidden ", hidden));
      }
    }
  }
}

TEST(SuggestReal, MatchesBruteForce) {
  for (const char* file : {"ca-GrQc.txt", "CA-HepTh.txt"}) {
    LIAISON_REAL_DATASET(path, file);
    RichGraphOptions ro;
    ro.seed = 3;
    ro.hide_probability = 0.1;
    auto g = BuildRichGraph(testing::paths_suggest::ReadSnapEdges(path), ro);
    std::mt19937_64 rng(17);
    for (int qi = 0; qi < 12; ++qi) {
      const VertexId m = rng() % g->num_members();
      for (SuggestScore score : kAllScores) {
        SuggestOptions o;
        o.score = score;
        auto got = Suggest(*g, m, o);
        ASSERT_TRUE(got.ok());
        ExpectMatches(*got, BruteForce(*g, m, o),
                      absl::StrCat(file, " member ", m, " ", ToAbsl(SuggestScoreName(score))));
      }
    }
  }
}

// Suggestions with long lists next to a member with few connections: the block sweep's batch
// explanation intersects those by galloping search instead of scanning them (mutual counts and
// reasons with strengths, against brute force).
TEST(SuggestHubs, LongSuggestionListsExplained) {
  EdgeList edges;
  // m = 1 -- y = 2 and 3; y's both know members 10..29; members 10..14 know 1000 others each.
  for (ExternalId y : {2, 3}) {
    edges.push_back({1, y});
    for (ExternalId z = 10; z < 30; ++z) edges.push_back({y, z});
  }
  for (ExternalId z = 10; z < 15; ++z) {
    for (ExternalId w = 0; w < 1000; ++w) edges.push_back({z, 100000 + z * 10000 + w});
  }
  for (bool strengths : {false, true}) {
    RichGraphOptions ro;
    ro.seed = 5;
    ro.hide_probability = 0;  // nobody hides: the block sweep
    ro.strengths = strengths;
    auto g = BuildRichGraph(edges, ro);
    const VertexId m = g->FindMember(1);
    for (SuggestScore score : kAllScores) {
      SuggestOptions o;
      o.score = score;
      const std::vector<Suggestion> ranking = ExpectTopKsMatch(
          *g, m, o, {3, 10, 25},
          absl::StrCat(ToAbsl(SuggestScoreName(score)), " strengths ", strengths));
      ASSERT_FALSE(ranking.empty());
    }
  }
}

// ---- Arguments and budgets ----

TEST(SuggestArguments, Rejected) {
  auto g = testing::BuildGraph({{1, 2}, {2, 3}});
  EXPECT_EQ(Suggest(*g, 3, {}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(Suggest(*g, 3, {}).status().message()), HasSubstr("3"));
  SuggestOptions o;
  o.k = 0;
  EXPECT_THAT(std::string(Suggest(*g, 0, o).status().message()), HasSubstr("k = 0"));
  o.k = kMaxK + 1;
  EXPECT_EQ(Suggest(*g, 0, o).status().code(), absl::StatusCode::kInvalidArgument);
  o.k = 1;
  o.score = static_cast<SuggestScore>(17);
  EXPECT_THAT(std::string(Suggest(*g, 0, o).status().message()), HasSubstr("17"));
}

TEST(SuggestArguments, IsolatedAndSmall) {
  auto g = testing::BuildGraph({{1, 2}, {2, 3}, {7, 7}});
  auto none = Suggest(*g, g->FindMember(7), {});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->suggestions.empty());
  auto one = Suggest(*g, g->FindMember(1), {});
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->suggestions.size(), 1u);
  EXPECT_EQ(one->suggestions[0].member, g->FindMember(3));
  EXPECT_EQ(one->suggestions[0].mutual, 1u);
}

TEST(SuggestBudget, Truncates) {
  RichGraphOptions ro;
  auto g = BuildRichGraph(testing::RandomPowerLawEdges(300, 2000, 2), ro);
  SuggestOptions o;
  o.budget.max_visited = 3;
  int truncated = 0;
  for (VertexId m = 0; m < 50; ++m) {
    auto r = Suggest(*g, m, o);
    ASSERT_TRUE(r.ok());
    if (g->degree(m) >= 3) {
      EXPECT_TRUE(r->truncated);
      EXPECT_LE(r->suggestions.size(), o.k);
      truncated += r->truncated;
    }
  }
  EXPECT_GT(truncated, 0);
  o.budget = {};
  o.budget.deadline = absl::Now() - absl::Seconds(1);
  auto late = Suggest(*g, 0, o);
  ASSERT_TRUE(late.ok());
  EXPECT_TRUE(late->truncated);
}

}  // namespace
}  // namespace liaison
