// Internal entry point of the reach kernel, for tests and benchmarks: the direction-optimising
// thresholds can be overridden (to force every step top-down, bottom-up or parallel on small
// graphs, so each code path meets the oracle), and the run reports which steps it took.

#ifndef LIAISON_ENGINE_ALGORITHMS_REACH_INTERNAL_H_
#define LIAISON_ENGINE_ALGORITHMS_REACH_INTERNAL_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "liaison/graph.h"
#include "liaison/query.h"

namespace liaison::internal {

struct ReachTuning {
  enum class Direction { kOptimising, kTopDownOnly, kBottomUpOnly };
  Direction direction = Direction::kOptimising;
  uint64_t alpha = 15;  // top-down -> bottom-up when frontier entries > unchecked entries / alpha
  uint64_t beta = 18;   // bottom-up -> top-down when the frontier shrinks below n / beta members
  uint64_t parallel_entries = uint64_t{1} << 15;  // top-down steps with fewer entries run serially
  uint64_t parallel_members = uint64_t{1} << 16;  // bottom-up steps over fewer members run serially
  // The last level (depth cap) when top-down on a graph nobody hides in: kAuto counts it in
  // private per-chunk bitmaps (no visited test per entry) when the frontier has at least one
  // adjacency entry per bitmap word, else claims members one by one; the others force a path.
  enum class LastLevel { kAuto, kSparse, kDense };
  LastLevel last_level = LastLevel::kAuto;
  // A dense last level with fewer entries runs serially: below this, waking a worker costs more
  // than the half of the step it would take over (a dense entry costs about a nanosecond).
  uint64_t parallel_count_entries = uint64_t{1} << 18;
  // The last level goes bottom-up from a top-down frontier only when its entries exceed 1/this of
  // the entries not yet checked (counting needs no next frontier, so top-down stays cheap longer).
  uint64_t last_alpha = 2;
};

struct ReachStats {
  int top_down_steps = 0;
  int bottom_up_steps = 0;
  int parallel_steps = 0;
  int dense_count_steps = 0;  // last levels counted in private bitmaps
  uint64_t lists_read = 0;       // adjacency lists read (what Budget::max_visited counts)
  double top_down_seconds = 0;   // wall time in top-down steps after the first level
  double bottom_up_seconds = 0;  // wall time in bottom-up steps
};

absl::StatusOr<ReachResult> ReachTuned(const Snapshot& g, VertexId from,
                                       const ReachOptions& options, const ReachTuning& tuning,
                                       ReachStats* stats);

}  // namespace liaison::internal

#endif  // LIAISON_ENGINE_ALGORITHMS_REACH_INTERNAL_H_
