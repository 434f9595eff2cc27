// Importing networks from text files: connections files (TSV/CSV/SNAP edge lists) and members
// tables, plain or gzip-compressed (DESIGN.md §4).
//
// Connections file: one connection per line, `a <sep> b [<sep> strength [<sep> since]]`.
//   - sep: a comma (spaces or tabs around it are allowed), or a run of spaces and tabs;
//   - a, b: member ids, unsigned decimal integers up to 2^64-1;
//   - strength: a decimal number in [0,1] (stored quantised, PackStrength); since: `YYYY-MM-DD`
//     within 1950-01-01..2129-06-05. An empty strength or since field (`1,2,,2020-01-01`) means
//     "not given": strength 1, date unknown;
//   - lines whose first non-blank character is `#` are comments; blank lines are skipped;
//   - the first non-comment line is a header, and skipped, when its first field is not a number
//     (`a,b,strength,since`, musae's `id_1,id_2`); columns are positional, the header's names are
//     not interpreted;
//   - LF or CRLF line ends, the last line may lack its newline, a UTF-8 byte-order mark is skipped.
//   SNAP edge lists are valid input. Self-loops are dropped and duplicates (a-b, b-a, a-b again)
//   merged by the builder (builder.h), both counted in the report.
// Members file: TSV or CSV, the separator taken from the header line (a tab makes it TSV, else a
//   comma CSV). The header names the columns: `id` (required) and any of name, headline, company,
//   industry, location, school (text), has_photo, has_phone, hides_connections, no_introductions,
//   verified (booleans: 0, 1, true, false; empty = false) and last_updated (`YYYY-MM-DD`, empty =
//   unknown), in any order, case-insensitive; other columns are ignored and counted. CSV fields may
//   be double-quoted, with `""` for a quote inside, and may then hold commas and line breaks.
//   `#` comment lines and blank lines are skipped. A member id may appear once.
// Input files: gzip input is recognised by its magic bytes and decompressed transparently; plain
//   files are read through mmap.
//
// Errors name the file, the line and the problem, e.g.
//   `connections.tsv:17: member id "12a" is not a number`.
// InvalidArgument for malformed text (non-numeric or too large id, missing field, strength
// outside [0,1] or NaN, impossible or out-of-range date, control bytes, a file without connections,
// a members file without an `id` column, a member listed twice); DataLoss for a truncated or
// corrupt gzip stream; NotFound for a missing file; PermissionDenied / FailedPrecondition when it
// cannot be read. With `skip_bad`, malformed lines are counted and skipped (the first 10 messages
// kept), but a file without connections, a members header without `id`, a file holding NUL bytes
// in its first 64 KiB (binary, not text), gzip damage and unreadable files still fail.
//
// Speed: connections are parsed in parallel (oneTBB) over newline-aligned chunks of the mapped
// text, one batch per chunk; ImportGraph hands the parser's compact 32-bit rows straight to the
// builder.

#ifndef LIAISON_IMPORT_H_
#define LIAISON_IMPORT_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "liaison/builder.h"
#include "liaison/graph.h"

namespace liaison {

struct ImportOptions {
  // Count and skip malformed lines instead of failing (see the file comment for what still fails).
  bool skip_bad = false;
  // Called as the input is consumed, with non-decreasing `done_bytes` and the file's stored size
  // (or the text's size for ParseConnections) as `total_bytes`; the last call has done == total.
  // For gzip input the bytes are compressed bytes, reported while decompressing. May be called
  // from import worker threads, never two calls at once. May be empty.
  std::function<void(uint64_t done_bytes, uint64_t total_bytes)> progress;
};

// Time spent in one phase of an import (reading, parsing, each build step).
struct ImportPhase {
  std::string name;
  double wall_seconds = 0;
  double cpu_seconds = 0;     // CPU time of the whole process (all threads) during the phase
  double kernel_seconds = 0;  // the part of cpu_seconds spent in the kernel (mostly page faults)
};

struct ImportReport {
  // Lines of the files read into this report (connections and members add up).
  uint64_t lines_read = 0;
  uint64_t comment_lines = 0;  // `#` lines
  uint64_t blank_lines = 0;
  uint64_t header_lines = 0;
  uint64_t bad_lines_skipped = 0;
  std::vector<std::string> bad_line_messages;  // the first 10 skipped lines' errors, in file order
  uint64_t connection_rows = 0;  // connection lines accepted (self-loops and duplicates included)
  uint64_t member_rows = 0;      // member rows accepted
  std::vector<std::string> ignored_member_columns;  // header names not understood, in file order
  BuildReport build;  // connections kept, duplicates merged, self-loops dropped, members, isolated
  // Each phase (read, parse, build steps), in order.
  std::vector<ImportPhase> phases;
};

// Parses connections text; `file_name` only names the source in error messages. One batch per
// parsed chunk, rows in file order within a batch and batches in file order.
absl::StatusOr<std::vector<ConnectionBatch>> ParseConnections(std::string_view text,
                                                              std::string_view file_name,
                                                              const ImportOptions& options,
                                                              ImportReport* report);

// Reads and parses a connections file (plain or gzip).
absl::StatusOr<std::vector<ConnectionBatch>> ReadConnectionsFile(const std::string& path,
                                                                 const ImportOptions& options,
                                                                 ImportReport* report);

// Parses members text (see the file comment); `file_name` names the source in error messages.
absl::StatusOr<MemberTable> ParseMembers(std::string_view text, std::string_view file_name,
                                         const ImportOptions& options, ImportReport* report);

// Reads and parses a members file (plain or gzip).
absl::StatusOr<MemberTable> ReadMembersFile(const std::string& path, const ImportOptions& options,
                                            ImportReport* report);

// Reads the connections file and, unless `members_path` is empty, the members file, and builds the
// snapshot. `report` (may be null) receives the line counts, the build report and phase timings.
absl::StatusOr<std::shared_ptr<const Snapshot>> ImportGraph(const std::string& connections_path,
                                                            const std::string& members_path,
                                                            const ImportOptions& options,
                                                            ImportReport* report);

}  // namespace liaison

#endif  // LIAISON_IMPORT_H_
