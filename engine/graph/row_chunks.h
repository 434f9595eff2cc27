// RowChunk: connection rows in the compact form the importer's parser writes, and the builder
// entry point that takes them (internal to the engine; the public form is ConnectionBatch).
//
// Why a second form: ConnectionBatch holds each id in 64 bits, in std::vectors (zeroed on resize,
// no huge pages). For the common case of ids below 2^32 the parser writes pairs of 32-bit ids into
// a Buffer instead, half the memory to touch, and lists self-loop rows apart (the builder only
// needs their ids: such a member exists, isolated). A chunk whose ids do not all fit in 32 bits is
// written "wide", in 64 bits.

#ifndef LIAISON_ENGINE_GRAPH_ROW_CHUNKS_H_
#define LIAISON_ENGINE_GRAPH_ROW_CHUNKS_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/graph/build_timings.h"
#include "engine/util/buffer.h"
#include "liaison/builder.h"
#include "liaison/graph.h"

namespace liaison {

struct RowChunk {
  // Rows i in [0, rows): a = pairs[2i], b = pairs[2i+1], from pairs32 unless `wide`, else
  // pairs64. No row is a self-loop.
  const uint32_t* pairs32 = nullptr;
  const uint64_t* pairs64 = nullptr;
  bool wide = false;
  uint64_t rows = 0;
  // Empty, or at least `rows` entries (PackStrength / PackedDate of each row).
  Buffer<uint8_t> strength;
  Buffer<PackedDate> since;
  // One id per self-loop row (those rows are not in `pairs`).
  std::vector<ExternalId> self_loop_ids;
  // The largest id in pairs and self_loop_ids (0 when there is none).
  ExternalId max_id = 0;
  // Owns the memory `pairs32` / `pairs64` point into; several chunks may share one block.
  std::shared_ptr<const void> storage;

  uint64_t rows_with_self_loops() const { return rows + self_loop_ids.size(); }
};

// Builder knobs, for tests that must reach every code path on small inputs. 0 = automatic.
struct BuildTuning {
  // Count arrays for counting and scattering (see builder.cc). 1 with several threads selects
  // the single shared array with atomic counts, used automatically when keys far outnumber rows.
  size_t count_parts = 0;
};

// As BuildSnapshot (builder.h), from row chunks: same ids, same CSR, same report. When `timings`
// is not null, the time of each build phase is appended to it.
absl::StatusOr<std::shared_ptr<const Snapshot>> BuildSnapshotFromRows(
    std::vector<RowChunk> chunks, const MemberTable* members, BuildReport* report,
    PhaseTimings* timings = nullptr, const BuildTuning& tuning = {});

// BuildSnapshot with phase timings and knobs (for the benchmark and tests).
absl::StatusOr<std::shared_ptr<const Snapshot>> BuildSnapshotTimed(
    std::vector<ConnectionBatch> batches, const MemberTable* members, BuildReport* report,
    PhaseTimings* timings, const BuildTuning& tuning = {});

}  // namespace liaison

#endif  // LIAISON_ENGINE_GRAPH_ROW_CHUNKS_H_
