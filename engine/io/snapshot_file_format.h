// The on-disk layout of a snapshot file, version 2 (see include/liaison/snapshot_file.h for the
// description and the checks). Private to the engine; tests use it to craft damaged files and the
// benchmark to try other section alignments.
//
// The structs are written and read as raw bytes, so their layout is pinned by static_asserts and
// only little-endian hosts are supported.

#ifndef LIAISON_ENGINE_IO_SNAPSHOT_FILE_FORMAT_H_
#define LIAISON_ENGINE_IO_SNAPSHOT_FILE_FORMAT_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "liaison/graph.h"

namespace liaison::snapshot_format {

static_assert(std::endian::native == std::endian::little,
              "the snapshot file format is little-endian; this host is not");

inline constexpr char kMagic[8] = {'L', 'I', 'A', 'I', 'S', 'O', 'N', '\x1a'};

struct Header {
  char magic[8];
  uint32_t format_version;
  uint32_t flags;  // no flag is defined in versions 1 and 2: must be 0
  uint32_t members;
  uint32_t section_count;
  uint64_t adjacencies;
  uint64_t table_offset;
  uint64_t table_checksum;  // XXH3-64 of the section_count table entries
  uint64_t file_bytes;
  uint64_t header_checksum;  // XXH3-64 of the bytes before this field
};
static_assert(sizeof(Header) == 64);
static_assert(offsetof(Header, format_version) == 8);
static_assert(offsetof(Header, header_checksum) == 56);
inline constexpr size_t kHeaderChecksummedBytes = offsetof(Header, header_checksum);

struct TableEntry {
  uint32_t id;
  uint32_t element_size;
  uint64_t offset;
  uint64_t bytes;
  uint64_t checksum;
};
static_assert(sizeof(TableEntry) == 32);

// The "scalars" section: the Snapshot::Parts fields that are not arrays.
struct Scalars {
  uint32_t has_members_file;  // 0 or 1
  uint32_t num_hiding;
};
static_assert(sizeof(Scalars) == 8);

// Section ids. Text column c (TextColumn order) uses kTextBase + 3*c + {0 codes, 1 dict_offsets,
// 2 dict_chars}. Version 2 added kTopNeighbors (optional: a version-1 file has none, and a
// version-1 file that has one is corrupt).
enum SectionId : uint32_t {
  kScalars = 1,
  kOffsets = 2,
  kNeighbors = 3,
  kStrength = 4,
  kSince = 5,
  kExternalIds = 6,
  kIdIndex = 7,
  kFlags = 8,
  kLastUpdated = 9,
  kTopNeighbors = 10,
  kTextBase = 16,
};
inline constexpr uint32_t kTextCodes = 0, kTextDictOffsets = 1, kTextDictChars = 2;
inline constexpr uint32_t kMaxSectionId = kTextBase + 3 * kNumTextColumns - 1;
inline constexpr uint32_t TextSectionId(int column, uint32_t part) {
  return kTextBase + 3 * static_cast<uint32_t>(column) + part;
}

// Sections start at multiples of kMinAlignment in any valid file; the writer uses kWriteAlignment.
inline constexpr uint64_t kMinAlignment = 64;
inline constexpr uint64_t kWriteAlignment = 4096;
// More entries than any file can have is corruption, not a big graph.
inline constexpr uint32_t kMaxSections = kMaxSectionId;

// "offsets", "text.company.codes", ...; "section 99" for an unknown id.
std::string SectionName(uint32_t id);
// The element size of section `id`, or 0 for an unknown id.
uint32_t SectionElementSize(uint32_t id);

// WriteSnapshotFile with another section alignment (a power of two >= kMinAlignment), for the
// benchmark's comparison of 4 KiB and 2 MiB alignment.
absl::Status WriteSnapshotFileAligned(const Snapshot& g, const std::string& path,
                                      uint64_t alignment);

}  // namespace liaison::snapshot_format

#endif  // LIAISON_ENGINE_IO_SNAPSHOT_FILE_FORMAT_H_
