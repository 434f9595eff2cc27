// Internal entry points of the degree-of-connection kernel, for tests and benchmarks: the general
// bidirectional search without the 1st/2nd/3rd-degree fast paths, so it can be checked (and timed)
// on its own against the same oracle as Degree().

#ifndef LIAISON_ENGINE_ALGORITHMS_DEGREE_INTERNAL_H_
#define LIAISON_ENGINE_ALGORITHMS_DEGREE_INTERNAL_H_

#include <cstdint>
#include <span>
#include <vector>

#include "absl/status/statusor.h"
#include "liaison/graph.h"
#include "liaison/query.h"

namespace liaison::internal {

// As Degree(), answered by the bidirectional search alone (the fast paths are skipped). The
// mutual count of a 2nd-degree answer is still filled (by one intersection).
absl::StatusOr<DegreeResult> DegreeBySearch(const Snapshot& g, VertexId from, VertexId to,
                                            const DegreeOptions& options);

// How Degree() decides whether a pair is at distance 3 (degree.cc, WithinThree): kAuto chooses by
// cost; the others force one method (tests: every method on small graphs).
enum class ThirdMethod {
  kAuto,
  kIntersect,  // each list of the shorter side's members intersected with the longer list
  kScan,       // the longer list marked, the lists of the shorter side's members scanned
};

// As Degree(), with the 3rd-degree method forced.
absl::StatusOr<DegreeResult> DegreeWithThirdMethod(const Snapshot& g, VertexId from, VertexId to,
                                                   const DegreeOptions& options,
                                                   ThirdMethod method);

// How far DegreeMany() expands the viewer's neighbourhood before answering targets.
struct DegreeManyTuning {
  // The 2-hop expansion runs when it reads at most this many adjacency entries per target, less
  // expand_fixed_entries for the whole call (what the expansion costs whatever the number of
  // targets); otherwise each target's list is read against the distance-1 set. 0: never expand.
  uint64_t expand_entries_per_target = 512;
  uint64_t expand_fixed_entries = 8192;
  // The 3rd level is expanded too when it reads at most this many entries per target. 0: never.
  uint64_t third_level_entries_per_target = 32;
  // Keep every level in a MemberSet (tests: the sparse code paths on small graphs).
  bool force_sparse = false;
  // Test a target farther than 2 against its top neighbours (liaison/graph.h, kTopNeighbors)
  // before reading its list, when the snapshot has them (tests: false, the lists alone).
  bool probe_top_neighbors = true;
};

absl::StatusOr<std::vector<DegreeResult>> DegreeManyTuned(const Snapshot& g, VertexId from,
                                                          std::span<const VertexId> to,
                                                          const DegreeOptions& options,
                                                          const DegreeManyTuning& tuning);

// As DegreeMany(), answered by one Degree() call per target (the baseline DegreeMany is measured
// against).
absl::StatusOr<std::vector<DegreeResult>> DegreeManyBySingleCalls(const Snapshot& g, VertexId from,
                                                                  std::span<const VertexId> to,
                                                                  const DegreeOptions& options);

}  // namespace liaison::internal

#endif  // LIAISON_ENGINE_ALGORITHMS_DEGREE_INTERNAL_H_
