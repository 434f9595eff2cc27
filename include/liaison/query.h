// The five product queries over a Snapshot (DESIGN.md §3).
//
// Every query takes dense member ids (translate external ids with Snapshot::Member()), a viewer
// (the `from` / `a` / `for` member: answers use only the connections the viewer may see, see
// DESIGN.md §3 "Privacy") and a Budget. Queries never lock and never modify the snapshot; any
// number of threads may run queries on one snapshot at once. Scratch memory is pooled per thread.
//
// Errors (absl canonical codes): InvalidArgument for a bad option (depth 0 or above the cap,
// k = 0 or above kMaxK, from == to where that is meaningless), NotFound never (ids are already
// dense; REQUIRES: ids < num_members()), ResourceExhausted / DeadlineExceeded when the budget is
// exceeded and the query cannot return a partial answer. Where a partial answer makes sense it
// is returned with `truncated = true` instead.

#ifndef LIAISON_QUERY_H_
#define LIAISON_QUERY_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "liaison/graph.h"

namespace liaison {

inline constexpr int kMaxDegreeDepth = 6;
inline constexpr int kMaxReachDepth = 16;
inline constexpr int kMaxPathHops = 6;
inline constexpr size_t kMaxK = 10000;

// How much work one query may do. Members visited counts every member whose adjacency list the
// query reads (expansion work), so it bounds time and scratch memory.
struct Budget {
  uint64_t max_visited = 50'000'000;
  absl::Time deadline = absl::InfiniteFuture();
};

// ---- Degree of connection ----
struct DegreeOptions {
  int max_depth = 3;  // 1..kMaxDegreeDepth
  Budget budget;
};
struct DegreeResult {
  std::optional<int> degree;  // nullopt: farther than max_depth (or not reachable)
  uint32_t mutual = 0;        // visible mutual connections, when degree == 2
  bool truncated = false;     // the budget ran out; degree is then nullopt
};
// from == to answers degree 0. Past the budget: degree nullopt, truncated = true.
absl::StatusOr<DegreeResult> Degree(const Snapshot& g, VertexId from, VertexId to,
                                    const DegreeOptions& options);
// Many targets from one viewer, answered from one expansion of from's neighbourhood. One result
// per target, in target order (targets may repeat or equal `from`); the budget covers the whole
// call, and targets not answered when it runs out are truncated.
absl::StatusOr<std::vector<DegreeResult>> DegreeMany(const Snapshot& g, VertexId from,
                                                     std::span<const VertexId> to,
                                                     const DegreeOptions& options);

// ---- Reach ----
struct ReachFilter {
  TextColumn column;
  std::string value;  // exact match
};
struct ReachOptions {
  int depth = 3;                     // 1..kMaxReachDepth
  bool list = false;                 // fill ReachResult::members
  std::vector<ReachFilter> where;    // all must hold; filter listing AND counts
  size_t limit = 1000;               // at most this many listed members
  Budget budget;
};
struct ReachMember {
  VertexId member;
  int distance;
};
struct ReachResult {
  std::vector<uint64_t> levels;  // levels[i]: members at distance i+1 (matching `where`)
  uint64_t total = 0;            // sum of levels
  std::vector<ReachMember> members;  // by distance, then VertexId; at most `limit`
  bool truncated = false;
};
// levels.size() == depth (0 past the last reachable level), unless the budget ran out: then
// levels holds the levels completed before that, members only those levels, truncated = true.
// A filter on a column the snapshot lacks reads every member's value as "".
absl::StatusOr<ReachResult> Reach(const Snapshot& g, VertexId from, const ReachOptions& options);

// ---- Introduction paths ----
struct PathOptions {
  size_t k = 5;                   // 1..kMaxK
  int max_hops = 3;               // 1..kMaxPathHops
  std::vector<VertexId> avoid;    // never on a path (as an interior member)
  Budget budget;
};
struct PathHop {
  float strength;      // of the connection members[i]–members[i+1]
  PackedDate since;    // kNoDate when unknown
};
struct IntroPath {
  std::vector<VertexId> members;  // from, intermediaries..., to
  std::vector<PathHop> hops;      // members.size() - 1
  double warmth = 0;
};
struct PathsResult {
  std::optional<int> hops;        // shortest distance, nullopt when none within max_hops
  uint64_t count = 0;             // exact number of shortest paths (saturates at UINT64_MAX)
  std::vector<IntroPath> paths;   // top k by warmth, distinct first intermediaries first
  bool truncated = false;
};
absl::StatusOr<PathsResult> IntroPaths(const Snapshot& g, VertexId from, VertexId to,
                                       const PathOptions& options);

// ---- Mutual connections ----
struct MutualResult {
  std::vector<VertexId> members;  // ascending
};
// The connections of a and b that a may see. a == b is InvalidArgument.
absl::StatusOr<MutualResult> Mutual(const Snapshot& g, VertexId a, VertexId b);

// ---- People you may know ----
enum class SuggestScore { kCommon, kJaccard, kAdamicAdar, kResourceAllocation };
// "common", "jaccard", "adamic-adar", "resource-allocation".
absl::StatusOr<SuggestScore> ParseSuggestScore(std::string_view name);
std::string_view SuggestScoreName(SuggestScore score);

struct SuggestOptions {
  size_t k = 10;  // 1..kMaxK
  SuggestScore score = SuggestScore::kCommon;
  // Intermediaries with more visible connections than this are skipped (0 = no cap, exact).
  uint32_t hub_cap = 0;
  Budget budget;
};
struct Suggestion {
  VertexId member;
  uint32_t mutual;
  double score;
  std::vector<VertexId> reasons;  // up to 3 mutual connections, ascending
};
struct SuggestResult {
  std::vector<Suggestion> suggestions;  // best first; ties by smaller VertexId
  bool truncated = false;
};
absl::StatusOr<SuggestResult> Suggest(const Snapshot& g, VertexId member,
                                      const SuggestOptions& options);

}  // namespace liaison

#endif  // LIAISON_QUERY_H_
