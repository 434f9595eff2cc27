// Plain connections text files for the harness: writing generated connection rows as
// "a<TAB>b" lines (the one format that Liaison's importer, the harness's Boost.Graph loader and
// igraph's edge-list reader all accept), and the straightforward single-threaded reader that a
// Boost.Graph user would write (used by the Boost.Graph peer's load).
//
// The reader accepts what DESIGN.md §4 calls a connections file, minus gzip: '#' comment lines,
// one optional header line (a first line whose first field is not a number), fields separated by
// tabs, commas or spaces; it keeps the first two fields of every row (the member ids) and ignores
// the rest (strength, since), which no compared query uses.

#ifndef LIAISON_BENCH_MACRO_TEXT_EDGES_H_
#define LIAISON_BENCH_MACRO_TEXT_EDGES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "liaison/builder.h"

namespace liaison::bench {

struct EdgeRows {
  std::vector<uint64_t> a, b;  // row i is the connection a[i]-b[i] (may repeat, may be a self-loop)
};

// Reads every row of the connections file at `path`. InvalidArgument naming the file and line on
// a row whose first two fields are not unsigned integers.
absl::StatusOr<EdgeRows> ReadEdgeRows(const std::string& path);

// Writes the rows of `batches` to `path` as "a\tb\n" lines (no header, no other column).
// Returns the number of bytes written.
absl::StatusOr<uint64_t> WriteEdgeText(const std::vector<ConnectionBatch>& batches,
                                       const std::string& path);

}  // namespace liaison::bench

#endif  // LIAISON_BENCH_MACRO_TEXT_EDGES_H_
