// Kronecker (R-MAT) graphs with the Graph500 parameters: the standard benchmark graphs of the field.
//
// 2^scale members with ids 0..2^scale-1 and edge_factor * 2^scale connection rows. Each row picks
// its two ends bit by bit with the initiator probabilities A=0.57, B=0.19, C=0.19, D=0.05, then
// the ids are scrambled by a seeded bijection so that high-degree members are not all small ids.
// Rows may repeat and may be self-loops, as in Graph500; the builder merges and drops them.
// Deterministic per (scale, edge_factor, seed), whatever the thread count.

#ifndef LIAISON_DATASETS_GENERATORS_KRONECKER_H_
#define LIAISON_DATASETS_GENERATORS_KRONECKER_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "liaison/builder.h"

namespace liaison::generators {

struct KroneckerOptions {
  int scale = 20;        // 2^scale members, 1..31
  int edge_factor = 16;  // rows per member
  uint64_t seed = 1;
};

// InvalidArgument naming the value when scale or edge_factor is out of range.
absl::Status ValidateKroneckerOptions(const KroneckerOptions& options);

// The connection rows, in batches of at most 2^20 rows (one per parallel task).
absl::StatusOr<std::vector<ConnectionBatch>> KroneckerConnections(const KroneckerOptions& options);

// Rows [begin, end) of the same row sequence, into `out->a` and `out->b` (resized; strength and
// since untouched). Lets a writer stream the rows without holding them all.
// REQUIRES: valid options, begin <= end <= edge_factor << scale.
void KroneckerRows(const KroneckerOptions& options, uint64_t begin, uint64_t end, ConnectionBatch* out);

}  // namespace liaison::generators

#endif  // LIAISON_DATASETS_GENERATORS_KRONECKER_H_
