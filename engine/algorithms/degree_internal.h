// Internal entry points of the degree-of-connection kernel, for tests and benchmarks: the general
// bidirectional search without the 1st/2nd/3rd-degree fast paths, so it can be checked (and timed)
// on its own against the same oracle as Degree().

#ifndef LIAISON_ENGINE_ALGORITHMS_DEGREE_INTERNAL_H_
#define LIAISON_ENGINE_ALGORITHMS_DEGREE_INTERNAL_H_

#include "absl/status/statusor.h"
#include "liaison/graph.h"
#include "liaison/query.h"

namespace liaison::internal {

// As Degree(), answered by the bidirectional search alone (the fast paths are skipped). The
// mutual count of a 2nd-degree answer is still filled (by one intersection).
absl::StatusOr<DegreeResult> DegreeBySearch(const Snapshot& g, VertexId from, VertexId to,
                                            const DegreeOptions& options);

// As DegreeMany(), answered by one Degree() call per target (the baseline DegreeMany is measured
// against).
absl::StatusOr<std::vector<DegreeResult>> DegreeManyBySingleCalls(const Snapshot& g, VertexId from,
                                                                  std::span<const VertexId> to,
                                                                  const DegreeOptions& options);

}  // namespace liaison::internal

#endif  // LIAISON_ENGINE_ALGORITHMS_DEGREE_INTERNAL_H_
