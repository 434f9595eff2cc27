// The connections parser behind ParseConnections / ReadConnectionsFile / ImportGraph (import.h),
// with an internal entry point that writes the builder's compact RowChunk form directly.

#ifndef LIAISON_ENGINE_IO_CONNECTIONS_PARSER_H_
#define LIAISON_ENGINE_IO_CONNECTIONS_PARSER_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/graph/row_chunks.h"
#include "liaison/import.h"

namespace liaison {

// Parses connections text into row chunks (ids in 32 bits where a whole chunk fits, self-loops
// listed apart), one per newline-aligned chunk, in parallel. Counts go to `report` (added to what
// it holds; may be null). When `report_progress`, options.progress is called with bytes of `text`.
absl::StatusOr<std::vector<RowChunk>> ParseConnectionRows(std::string_view text,
                                                          std::string_view file_name,
                                                          const ImportOptions& options,
                                                          bool report_progress, ImportReport* report);

// Opens `path` (plain or gzip) and parses it with ParseConnectionRows; appends "read" and "parse"
// phase times to report->phases.
absl::StatusOr<std::vector<RowChunk>> ReadConnectionRows(const std::string& path,
                                                         const ImportOptions& options,
                                                         ImportReport* report);

}  // namespace liaison

#endif  // LIAISON_ENGINE_IO_CONNECTIONS_PARSER_H_
