// Snapshot::top_neighbors (include/liaison/graph.h, kTopNeighbors): each member's best-connected
// connections, derived from the CSR by the builder and checked by Snapshot::Validate().

#include <algorithm>

#include "liaison/graph.h"
#include "oneapi/tbb/blocked_range.h"
#include "oneapi/tbb/parallel_for.h"

namespace liaison {

void FillTopNeighbors(std::span<const uint64_t> offsets, std::span<const VertexId> neighbors,
                      std::span<VertexId> out) {
  const uint32_t n = offsets.empty() ? 0 : static_cast<uint32_t>(offsets.size() - 1);
  // The entries' degrees are read in list order, a cache miss each on a large graph: the offsets
  // of the entry this far ahead are prefetched.
  constexpr uint64_t kAhead = 16;
  const uint64_t m = neighbors.size();
  tbb::parallel_for(
      tbb::blocked_range<uint32_t>(0, n, 4096), [&](const tbb::blocked_range<uint32_t>& r) {
        for (uint32_t v = r.begin(); v != r.end(); ++v) {
          VertexId best[kTopNeighbors];
          uint64_t best_degree[kTopNeighbors];
          std::fill(best, best + kTopNeighbors, v);
          std::fill(best_degree, best_degree + kTopNeighbors, uint64_t{0});
          for (uint64_t e = offsets[v]; e < offsets[v + 1]; ++e) {
            if (e + kAhead < m) __builtin_prefetch(offsets.data() + neighbors[e + kAhead]);
            const VertexId y = neighbors[e];
            const uint64_t d = offsets[y + 1] - offsets[y];  // >= 1: y is connected to v
            // Insert y after every kept entry of at least its degree: a tie keeps the smaller index
            // (lists are sorted ascending) first.
            size_t k = kTopNeighbors;
            while (k > 0 && d > best_degree[k - 1]) --k;
            if (k == kTopNeighbors) continue;
            for (size_t j = kTopNeighbors - 1; j > k; --j) {
              best[j] = best[j - 1];
              best_degree[j] = best_degree[j - 1];
            }
            best[k] = y;
            best_degree[k] = d;
          }
          std::copy(best, best + kTopNeighbors, out.begin() + kTopNeighbors * v);
        }
      });
}

}  // namespace liaison
