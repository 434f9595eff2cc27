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
// query reads (expansion work), so it bounds time and scratch memory. The deadline is looked at
// when the query reads its first list, then after every few thousand entries read (every query
// alike), so a query that starts past its deadline is truncated unless it reads no list.
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
  uint32_t mutual = 0;        // visible mutual connections, when degree is 1 or 2
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
  std::vector<VertexId> avoid;    // never on a path (as an interior member); each < num_members()
  // false (default): candidates are the shortest paths within max_hops (DESIGN.md §5).
  // true: every simple path of at most max_hops hops is a candidate, ranked the same way (the
  // CLI sets it when --max-hops is given explicitly). `hops` and `count` still describe the
  // shortest paths.
  bool include_longer = false;
  Budget budget;
};
struct PathHop {
  float strength;      // of the connection members[i]–members[i+1]
  PackedDate since;    // kNoDate when unknown
};
struct IntroPath {
  std::vector<VertexId> members;  // from, intermediaries..., to
  std::vector<PathHop> hops;      // members.size() - 1
  // Product over hops of w / 1000, where w = max(1, (q * r + 127) / 255) (integer division),
  // q = the strength byte (round(strength * 255); 255 when the snapshot has no strengths) and
  // r = round(1000 * (0.5 + 0.5 * 2^(-age / 1826.25))), age = days from the hop's since-date to
  // the snapshot's newest since-date (clamped at 0); r = 750 (the factor of a 5-year-old
  // connection) when the date is unknown. So a hop counts between 0.001 and 1: full strength
  // and made on the reference day is 1, a 5-year-old one 0.75, a very old one tends to 0.5.
  // The ranking compares the exact integer products; ties go to the smaller member ids compared
  // in path order. Deterministic: no wall clock is involved.
  double warmth = 0;
};
struct PathsResult {
  std::optional<int> hops;        // shortest distance, nullopt when none within max_hops
  uint64_t count = 0;             // exact number of shortest paths (saturates at UINT64_MAX)
  // Top k by warmth: first, in rank order, the best path of each distinct first intermediary
  // (up to k), then the remaining paths in rank order. from == to answers hops 0, count 1 and
  // the one-member path [from] (warmth 1).
  std::vector<IntroPath> paths;
  // The budget ran out: before the shortest distance was known (hops nullopt, count 0) or while
  // ranking paths (hops and count exact, `paths` holds the best ones found so far, in order).
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

// Scores of a candidate z for member m (the viewer), over connections visible to m. M(z) = m's
// connections y whose connection y–z m may see; deg_V(x) = x's connections visible to m (for a
// mutual y it counts m, so it is >= 2); deg(m) = all of m's connections:
//   kCommon              |M(z)|
//   kJaccard             |M(z)| / (deg(m) + deg_V(z) - |M(z)|)
//   kAdamicAdar          sum over y in M(z) of 1 / ln(deg_V(y))
//   kResourceAllocation  sum over y in M(z) of 1 / deg_V(y)
// Visible degrees keep private connections private (without hidden members they are the plain
// degrees). Sums are added in ascending order of the mutuals' list lengths (then ids).
struct SuggestOptions {
  size_t k = 10;  // 1..kMaxK
  SuggestScore score = SuggestScore::kCommon;
  // Intermediaries with more visible connections than this are skipped (0 = no cap, exact).
  // With a cap the scores ignore those mutuals (faster on hubs, approximate ranking); `mutual`
  // and `reasons` stay exact.
  uint32_t hub_cap = 0;
  Budget budget;
};
struct Suggestion {
  VertexId member;
  uint32_t mutual;  // exact number of visible mutual connections
  double score;
  // Up to 3 mutual connections, ascending: the strongest ties, by strength(m–y) * strength(y–z)
  // (ties to the smaller id).
  std::vector<VertexId> reasons;
};
struct SuggestResult {
  std::vector<Suggestion> suggestions;  // best first; ties by smaller VertexId
  // The budget ran out: the ranking uses the lists read so far (and, if it ran out while
  // explaining, `mutual` is the counted one and `reasons` may be empty).
  bool truncated = false;
};
// Members two hops from `member` over visible connections, not `member` and not already
// connected to it, the k best by options.score.
absl::StatusOr<SuggestResult> Suggest(const Snapshot& g, VertexId member,
                                      const SuggestOptions& options);

}  // namespace liaison

#endif  // LIAISON_QUERY_H_
