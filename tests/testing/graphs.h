// Small-graph helpers for tests: build snapshots from edge lists, random graphs of several shapes,
// and a Boost.Graph adjacency_list twin of a snapshot built from the same connections.

#ifndef LIAISON_TESTS_TESTING_GRAPHS_H_
#define LIAISON_TESTS_TESTING_GRAPHS_H_

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "liaison/builder.h"
#include "liaison/graph.h"

namespace liaison::testing {

using EdgeList = std::vector<std::pair<ExternalId, ExternalId>>;

// Builds a snapshot from external-id pairs (aborts the test binary on a build error).
std::shared_ptr<const Snapshot> BuildGraph(const EdgeList& edges, const MemberTable* members = nullptr,
                                           BuildReport* report = nullptr);

// Random graphs, deterministic per seed. External ids are scattered (not 0..n-1) so that the
// id map is exercised; `edges` may contain duplicates and self-loops.
EdgeList RandomUniformEdges(uint32_t n, uint64_t m, uint64_t seed);        // Erdos-Renyi style
EdgeList RandomPowerLawEdges(uint32_t n, uint64_t m, uint64_t seed);       // skewed degrees
EdgeList StarEdges(uint32_t leaves, ExternalId hub);                       // one huge hub
EdgeList TwoComponentEdges(uint32_t n, uint64_t m, uint64_t seed);         // disconnected halves

// BFS distances from `source` over the plain graph (-1 = unreachable), by Boost.Graph's
// breadth_first_search on an adjacency_list built from the snapshot's member ids and neighbours
// copied into BGL's own structure (independent of the adapter).
std::vector<int> BoostDistances(const Snapshot& g, VertexId source);

}  // namespace liaison::testing

#endif  // LIAISON_TESTS_TESTING_GRAPHS_H_
