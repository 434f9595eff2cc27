// Building a Snapshot from connections and member rows, in parallel.
//
// The input is columnar: any number of ConnectionBatch chunks (the importer makes one per parsed
// block of text, the generator one per worker), plus optional member rows. BuildSnapshot
//   - assigns dense ids in ascending external-id order to every id that appears in a connection
//     or a member row (a member whose only line is a self-loop still exists, isolated);
//   - drops self-loops and merges duplicate connections (a–b and b–a are the same connection):
//     the merged connection keeps the highest strength and the earliest known since-date;
//   - builds the sorted CSR with its parallel strength/since arrays, the id index and the
//     dictionary-encoded attribute columns.
// Thread-safety: BuildSnapshot uses oneTBB's arena of the calling thread; call it from one thread.

#ifndef LIAISON_BUILDER_H_
#define LIAISON_BUILDER_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "liaison/graph.h"

namespace liaison {

// Connections a[i]–b[i]. `strength` and `since` are either empty or a.size() long; when some
// batches carry them and others do not, the missing values are 255 (strength 1.0) and kNoDate.
struct ConnectionBatch {
  std::vector<ExternalId> a;
  std::vector<ExternalId> b;
  std::vector<uint8_t> strength;  // PackStrength()
  std::vector<PackedDate> since;

  size_t size() const { return a.size(); }
};

// Member rows, column by column; every non-empty vector is ids.size() long.
struct MemberTable {
  std::vector<ExternalId> ids;
  std::vector<uint8_t> flags;               // MemberFlag bits; kHasProfile is added by the builder
  std::vector<PackedDate> last_updated;     // empty when the file had no such column
  std::array<std::vector<std::string>, kNumTextColumns> text;  // empty vector = absent column

  size_t size() const { return ids.size(); }
};

struct BuildReport {
  uint64_t connections_in = 0;      // connection rows given to the builder
  uint64_t self_loops_dropped = 0;
  uint64_t duplicates_merged = 0;   // rows folded into an earlier row of the same pair
  uint64_t connections_kept = 0;    // distinct undirected connections
  uint64_t members = 0;
  uint64_t isolated_members = 0;    // members with no connection
};

// Builds the snapshot. `members` may be null (no members file: nobody hides, no attributes).
// Fails with InvalidArgument on a member id repeated in `members`, and with ResourceExhausted
// when there would be 2^32-1 members or more.
absl::StatusOr<std::shared_ptr<const Snapshot>> BuildSnapshot(
    std::vector<ConnectionBatch> batches, const MemberTable* members, BuildReport* report);

}  // namespace liaison

#endif  // LIAISON_BUILDER_H_
