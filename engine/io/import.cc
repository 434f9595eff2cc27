// ImportGraph: members file (optional) + connections file -> Snapshot.
//
// The connections go from the mapped (or inflated) text to the builder in the compact RowChunk
// form (32-bit id pairs where they fit), never as 64-bit ConnectionBatch vectors: the text is
// read once, each row written once and read twice (degree count, scatter) by the builder.

#include <utility>

#include "absl/strings/str_cat.h"

#include "engine/graph/build_timings.h"
#include "engine/graph/row_chunks.h"
#include "engine/io/connections_parser.h"
#include "liaison/import.h"

namespace liaison {

absl::StatusOr<std::shared_ptr<const Snapshot>> ImportGraph(const std::string& connections_path,
                                                            const std::string& members_path,
                                                            const ImportOptions& options,
                                                            ImportReport* report) {
  ImportReport local_report;
  ImportReport& rep = report ? *report : local_report;
  MemberTable members;
  const bool with_members = !members_path.empty();
  if (with_members) {
    auto table = ReadMembersFile(members_path, options, &rep);
    if (!table.ok()) return table.status();
    members = *std::move(table);
  }
  auto rows = ReadConnectionRows(connections_path, options, &rep);
  if (!rows.ok()) return rows.status();
  PhaseTimings build_timings;
  auto snapshot = BuildSnapshotFromRows(*std::move(rows), with_members ? &members : nullptr,
                                        &rep.build, &build_timings);
  rep.phases.insert(rep.phases.end(), build_timings.begin(), build_timings.end());
  if (!snapshot.ok()) {
    return absl::Status(snapshot.status().code(),
                        absl::StrCat(connections_path, ": ", snapshot.status().message()));
  }
  return snapshot;
}

}  // namespace liaison
