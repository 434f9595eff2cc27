// An independent, deliberately plain model of what one viewer may see (DESIGN.md §3 "Privacy"),
// the oracle of the degree, reach and mutual tests. It shares no code with the engine's
// Visibility / ViewerSearch: the rule is written out again below, the viewer's visible subgraph is
// built explicitly as a boost::adjacency_list, and Boost.Graph's breadth_first_search runs on it.

#ifndef LIAISON_TESTS_TESTING_VISIBLE_GRAPH_QA_H_
#define LIAISON_TESTS_TESTING_VISIBLE_GRAPH_QA_H_

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "liaison/builder.h"
#include "liaison/graph.h"
#include "liaison/query.h"
#include "tests/testing/graphs.h"

namespace liaison::testing {

// Member rows for every id in `edges`, plus `extra_isolated` ids in no connection (isolated
// members). Each member hides their connections with probability p_hide, and independently is
// no_introductions / verified with probability 0.2; company is one of "Acme", "Globex",
// "Initech" or missing, location one of "Paris", "Oslo". Deterministic per seed.
MemberTable RandomMembersQa(const EdgeList& edges, double p_hide, uint64_t seed,
                            uint32_t extra_isolated = 0);

class VisibleGraphQa {
 public:
  // Builds viewer's visible subgraph of g and runs BFS from the viewer on it.
  VisibleGraphQa(const Snapshot& g, VertexId viewer);

  // The rule, plainly: the connection u–v is visible to the viewer when the viewer is u or v, or
  // neither u nor v hides, or the viewer is connected to both. REQUIRES: u–v is a connection.
  bool Visible(VertexId u, VertexId v) const;
  bool Connected(VertexId u, VertexId v) const;

  // Shortest visible distance from the viewer (-1: unreachable), by Boost.Graph BFS.
  int Distance(VertexId v) const { return dist_[v]; }
  const std::vector<int>& distances() const { return dist_; }

  // The answer Degree(viewer, to, max_depth) must give.
  std::optional<int> ExpectedDegree(VertexId to, int max_depth) const;

  // Mutual connections of the viewer and b as the viewer sees them, by brute force over every
  // member x: x is connected to both and both connections viewer–x and x–b are visible.
  std::vector<VertexId> BruteMutual(VertexId b) const;

  // Reach levels 1..depth over members matching every filter (compared as strings).
  std::vector<uint64_t> ReachLevels(int depth, const std::vector<ReachFilter>& where) const;
  // The full listing (no limit): by distance, then VertexId.
  std::vector<ReachMember> ReachListing(int depth, const std::vector<ReachFilter>& where) const;

 private:
  bool Matches(VertexId v, const std::vector<ReachFilter>& where) const;

  const Snapshot& g_;
  VertexId viewer_;
  std::set<VertexId> viewer_connections_;
  std::vector<int> dist_;
};

}  // namespace liaison::testing

#endif  // LIAISON_TESTS_TESTING_VISIBLE_GRAPH_QA_H_
