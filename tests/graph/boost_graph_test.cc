// The Boost.Graph adapter: BGL's breadth_first_search runs on the snapshot itself and agrees with
// the same search on a boost::adjacency_list built from the same connections.

#include "engine/graph/boost_graph.h"

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/graph_concepts.hpp>
#include <boost/graph/visitors.hpp>

#include "gtest/gtest.h"
#include "tests/testing/graphs.h"

namespace liaison {
namespace {

BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<Snapshot>));
BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<Snapshot>));
BOOST_CONCEPT_ASSERT((boost::AdjacencyGraphConcept<Snapshot>));

std::vector<int> AdapterDistances(const Snapshot& g, VertexId source) {
  std::vector<int> dist(g.num_members(), -1);
  dist[source] = 0;
  boost::breadth_first_search(
      g, source,
      boost::visitor(boost::make_bfs_visitor(boost::record_distances(dist.data(), boost::on_tree_edge()))));
  return dist;
}

TEST(BoostAdapter, BreadthFirstSearchAgreesWithAdjacencyList) {
  const std::vector<testing::EdgeList> shapes = {
      testing::RandomUniformEdges(3000, 9000, 7), testing::RandomPowerLawEdges(3000, 20000, 8),
      testing::TwoComponentEdges(2000, 3000, 9), testing::StarEdges(1000, 42)};
  for (const auto& edges : shapes) {
    auto g = testing::BuildGraph(edges);
    for (VertexId s = 0; s < g->num_members(); s += g->num_members() / 7 + 1) {
      EXPECT_EQ(AdapterDistances(*g, s), testing::BoostDistances(*g, s)) << "source " << s;
    }
  }
}

TEST(BoostAdapter, OutEdgesAndAdjacencyMatchNeighbors) {
  auto g = testing::BuildGraph(testing::RandomUniformEdges(100, 400, 3));
  for (VertexId v = 0; v < g->num_members(); ++v) {
    auto [ei, ee] = out_edges(v, *g);
    auto [ai, ae] = adjacent_vertices(v, *g);
    ASSERT_EQ(out_degree(v, *g), static_cast<uint32_t>(ee - ei));
    for (; ei != ee; ++ei, ++ai) {
      EXPECT_EQ(source(*ei, *g), v);
      EXPECT_EQ(target(*ei, *g), *ai);
    }
    EXPECT_EQ(ai, ae);
  }
}

}  // namespace
}  // namespace liaison
