// Snapshot::top_neighbors (kTopNeighbors in liaison/graph.h) against a brute-force oracle: each
// member's connections sorted by degree (descending) then index, the first kTopNeighbors kept,
// the member itself in the slots left. On random graphs of several shapes and on the builder's
// snapshots; Snapshot::Validate refuses top neighbours that are not these.

#include <algorithm>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "liaison/graph.h"
#include "tests/testing/graphs.h"

namespace liaison {
namespace {

using ::testing::HasSubstr;

std::vector<VertexId> Oracle(const Snapshot& g, VertexId v) {
  const auto nv = g.neighbors(v);
  std::vector<VertexId> sorted(nv.begin(), nv.end());
  std::sort(sorted.begin(), sorted.end(), [&](VertexId a, VertexId b) {
    return g.degree(a) != g.degree(b) ? g.degree(a) > g.degree(b) : a < b;
  });
  sorted.resize(kTopNeighbors, v);  // pads with v, or cuts to the first kTopNeighbors
  return sorted;
}

TEST(TopNeighbors, MatchBruteForceOnRandomShapes) {
  const std::vector<testing::EdgeList> shapes = {
      testing::RandomUniformEdges(300, 700, 1), testing::RandomPowerLawEdges(400, 1500, 2),
      testing::StarEdges(50, 9000), testing::TwoComponentEdges(200, 260, 3),
      testing::RandomUniformEdges(100, 60, 4)};  // many members with 0-3 connections
  for (size_t s = 0; s < shapes.size(); ++s) {
    const auto g = testing::BuildGraph(shapes[s]);
    ASSERT_TRUE(g->has_top_neighbors());
    uint32_t short_lists = 0, ties = 0;
    for (VertexId v = 0; v < g->num_members(); ++v) {
      const auto top = g->top_neighbors(v);
      ASSERT_EQ(std::vector<VertexId>(top.begin(), top.end()), Oracle(*g, v))
          << "shape " << s << " member " << v;
      short_lists += g->degree(v) < kTopNeighbors;
      ties += g->degree(v) > 1 && g->degree(top[0]) == g->degree(top[1]);
    }
    // The shapes exercise both the padding and the tie rule.
    if (s == 0 || s == 4) {
      EXPECT_GT(short_lists, 0u) << "shape " << s;
    }
    if (s == 0) {
      EXPECT_GT(ties, 0u);
    }
    EXPECT_TRUE(g->Validate().ok()) << "shape " << s;
  }
}

TEST(TopNeighbors, ValidateRefusesWrongOnes) {
  const auto g = testing::BuildGraph(testing::RandomPowerLawEdges(200, 600, 7));
  std::vector<VertexId> top(g->parts().top_neighbors.begin(), g->parts().top_neighbors.end());
  // A member whose best-connected connection has strictly more connections than its second.
  VertexId v = 0;
  while (v < g->num_members() && (g->degree(v) < 2 || g->degree(g->top_neighbors(v)[0]) ==
                                                          g->degree(g->top_neighbors(v)[1]))) {
    ++v;
  }
  ASSERT_LT(v, g->num_members());
  const std::string named = "top_neighbors of member " + std::to_string(v) + " are not";
  auto with = [&](const std::vector<VertexId>& t) {
    Snapshot::Parts p = g->parts();
    p.top_neighbors = t;
    return Snapshot(p).Validate();
  };
  ASSERT_TRUE(with(top).ok());
  {  // not the best-connected first
    auto t = top;
    std::swap(t[kTopNeighbors * v], t[kTopNeighbors * v + 1]);
    const absl::Status st = with(t);
    EXPECT_EQ(st.code(), absl::StatusCode::kDataLoss);
    EXPECT_THAT(st.message(), HasSubstr(named));
  }
  {  // a member that is not a connection
    auto t = top;
    t[kTopNeighbors * v] = v;
    EXPECT_THAT(with(t).message(), HasSubstr(named));
  }
  {  // wrong size
    auto t = top;
    t.pop_back();
    EXPECT_THAT(with(t).message(), HasSubstr("top_neighbors has"));
  }
  {  // none at all is valid (a version-1 snapshot file)
    EXPECT_TRUE(with({}).ok());
  }
}

}  // namespace
}  // namespace liaison
