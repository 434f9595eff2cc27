// Snapshot files (`.liaison`): a Snapshot written to disk in binary form and opened again by
// mapping the file into memory, so that opening costs the same few microseconds whatever the
// graph's size.
//
// Format, version 2 (version 1 files are read too). Every integer is little-endian (the engine
// refuses to compile on a big-endian host, see snapshot_file.cc). Layout of a file:
//   [0, 64)        header: magic "LIAISON\x1a", format version (u32), flags (u32, 0 so far),
//                  member count (u32), section count (u32), adjacency count (u64), section-table
//                  offset (u64), table checksum (u64), file size in bytes (u64), and the checksum
//                  of the header's first 56 bytes (u64).
//   [64, 64+32k)   the section table, k entries of {id u32, element size u32, offset u64,
//                  byte length u64, checksum u64}.
//   sections       one per array of Snapshot::Parts (offsets, neighbors, strength, since,
//                  external_ids, id_index, flags, last_updated, top_neighbors, and per text
//                  column its codes, dict_offsets and dict_chars), plus "scalars"
//                  (has_members_file, num_hiding). Version 2 added top_neighbors; a version-1
//                  file has none (DegreeMany then reads more adjacency lists, same answers).
//                  The writer starts each at a multiple of 4096 bytes and pads the file to one;
//                  readers accept any multiple of 64. An array that is empty in the snapshot
//                  (no strength, no since, no last_updated, an absent text column) has no section.
// Every checksum is XXH3-64 (xxHash) with seed 0 over the bytes it covers.
//
// What is checked when. Opening (OpenSnapshotFile without `verify`, ReadSnapshotFileInfo) never
// reads the big arrays: it maps the file and checks, in O(number of sections), the magic, the
// format version (a newer version is a FailedPrecondition naming both versions), the header and
// table checksums, the file size against the header (a truncated file is DataLoss), that every
// section lies inside the file, after the table, aligned to 64 bytes, with the element size its id
// demands and a byte length consistent with the counts (offsets = (n+1)*8, neighbors = 4 per
// adjacency, ...), the scalars section's checksum, and the end values offsets[0] = 0,
// offsets[n] = adjacencies and each dictionary's first and last offset. So a wrong, truncated or
// header/table-corrupted file is always a clear error naming the file, never a crash.
// Corruption *inside* a big section (a flipped neighbour id) is found only by verification:
// `SnapshotOpenOptions::verify` / VerifySnapshotFile check every section's checksum (naming the
// section) and then Snapshot::Validate(). `liaison stats --verify` does this; queries on an
// unverified corrupted file may read wrong data (or out of bounds), as with any mmap'd format.
//
// Crash safety: WriteSnapshotFile writes a temporary file next to `path`, fsyncs it, renames it
// over `path` and fsyncs the directory, so `path` holds either the old or the new snapshot.
// A reader that opened the old file keeps its mapping of the old inode. Truncating or rewriting a
// snapshot file in place (not through WriteSnapshotFile) while it is open is not supported: the
// kernel then raises SIGBUS on access to the missing pages.
//
// Thread-safety: the functions are free of shared state; an opened snapshot is immutable and may be
// shared by any number of threads.

#ifndef LIAISON_SNAPSHOT_FILE_H_
#define LIAISON_SNAPSHOT_FILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "liaison/graph.h"

namespace liaison {

// The newest format version this build reads and the one it writes.
inline constexpr uint32_t kSnapshotFormatVersion = 2;

struct SnapshotSectionInfo {
  std::string name;  // "offsets", "neighbors", ..., "text.company.codes", "scalars"
  uint32_t id = 0;
  uint32_t element_size = 0;
  uint64_t offset = 0;  // from the start of the file
  uint64_t bytes = 0;
  uint64_t checksum = 0;  // XXH3-64 of the section's bytes, as stored in the table
};

struct SnapshotFileInfo {
  uint32_t format_version = 0;
  uint64_t file_bytes = 0;
  uint32_t members = 0;
  uint64_t adjacencies = 0;   // directed entries: twice the number of connections
  uint64_t table_offset = 0;  // where the section table starts (the header ends at 64)
  uint64_t table_bytes = 0;
  std::vector<SnapshotSectionInfo> sections;  // in table order (ascending offset)
};

// Writes `g` to `path` (conventionally named *.liaison). The bytes go first to
// "<path>.tmp-<pid>-<random>" in the same directory, which is fsynced, renamed over `path`, and
// the directory fsynced. On any error the temporary file is removed and an existing file at
// `path` is untouched. Errors: InvalidArgument when the snapshot's array sizes are inconsistent
// (offsets not n+1 long, ...); the errno's code (NotFound for a missing directory,
// PermissionDenied, ResourceExhausted for a full disk, ...) naming the file otherwise.
// Streams each array with large writes and computes the checksums on the way (no copy of the
// graph is made).
absl::Status WriteSnapshotFile(const Snapshot& g, const std::string& path);

struct SnapshotOpenOptions {
  // Check every section's checksum and Snapshot::Validate() before returning. Reads the whole
  // file; costs O(m log d).
  bool verify = false;
  // Copy the file into anonymous memory on transparent huge pages (2 MiB, where the kernel
  // grants them) instead of viewing the mapping's 4 KiB page-cache pages: opening then reads the
  // whole file and the snapshot holds a private copy of it, and queries, which read the arrays at
  // random, miss the TLB far less often. The checks are the same (made before the copy).
  bool in_memory = false;
};

// Maps the snapshot file at `path` read-only and returns a snapshot whose arrays point into the
// mapping; the mapping is released when the last reference to the snapshot goes away. Checks
// described at the top of this file. Errors: NotFound (no such file), FailedPrecondition (a
// directory or other non-regular file, not a snapshot file, a newer format version),
// PermissionDenied, DataLoss (truncated or corrupted: the message names the file and the header,
// table or section at fault), ResourceExhausted (in_memory, and the copy cannot be allocated).
absl::StatusOr<std::shared_ptr<const Snapshot>> OpenSnapshotFile(
    const std::string& path, const SnapshotOpenOptions& options = {});

// The header and section table of the snapshot file at `path`, after the same checks as
// OpenSnapshotFile without `verify` (and with the same errors).
absl::StatusOr<SnapshotFileInfo> ReadSnapshotFileInfo(const std::string& path);

// OpenSnapshotFile with `verify`: every section checksum, then Snapshot::Validate(). OK when the
// file is intact.
absl::Status VerifySnapshotFile(const std::string& path);

// True when `path` is a readable regular file that starts with the snapshot magic bytes (whatever
// its version or state); false otherwise (text file, directory, missing). Reads 8 bytes.
bool LooksLikeSnapshotFile(const std::string& path);

}  // namespace liaison

#endif  // LIAISON_SNAPSHOT_FILE_H_
