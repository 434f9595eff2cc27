// Test helpers shared by the paths and suggest tests: random graphs carrying every kind of data a
// query reads (strengths, since-dates, member flags), and the privacy rule of DESIGN.md §3 written
// out plainly, independently of engine/algorithms/visibility.h.

#ifndef LIAISON_TESTS_TESTING_PATHS_SUGGEST_ORACLE_H_
#define LIAISON_TESTS_TESTING_PATHS_SUGGEST_ORACLE_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "liaison/graph.h"
#include "tests/testing/graphs.h"

namespace liaison::testing::paths_suggest {

struct RichGraphOptions {
  uint64_t seed = 1;
  double hide_probability = 0.2;         // hides_connections
  double no_intro_probability = 0.15;    // no_introductions
  bool strengths = true;                 // random strength bytes, 0 and 255 included
  bool dates = true;                     // random since-dates 2000..2024, some unknown
  bool members_file = true;              // false: no flags at all
};

// A snapshot of `edges` with random relationship data and member flags (deterministic per seed).
std::shared_ptr<const Snapshot> BuildRichGraph(const EdgeList& edges, const RichGraphOptions& options);

// The connections `viewer` may see, as adjacency sets (ascending): u–v is visible when the viewer
// is u or v, or neither hides, or the viewer is connected to both.
std::vector<std::vector<VertexId>> VisibleAdjacency(const Snapshot& g, VertexId viewer);

// The edge index of u–v in u's list; REQUIRES: connected.
EdgeIndex EdgeOf(const Snapshot& g, VertexId u, VertexId v);

}  // namespace liaison::testing::paths_suggest

#endif  // LIAISON_TESTS_TESTING_PATHS_SUGGEST_ORACLE_H_
