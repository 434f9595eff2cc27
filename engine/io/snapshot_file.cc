// Writing and opening snapshot files (the format and the checks: include/liaison/snapshot_file.h,
// the byte layout: snapshot_file_format.h).
//
// Writing: the layout (every section's offset and length) follows from the snapshot's array sizes
// alone, so it is computed first; each array is then hashed and written in chunks of up to 1 MiB
// with pwrite at its final offset (the chunk is still in cache when the kernel copies it), the
// gaps between sections are left as holes, and the header and table, whose checksums are only
// known at the end, are written last at offset 0. Then fsync, rename, fsync of the directory.
//
// Alignment (measured with bench/micro/snapshot_file_bench, 128M adjacencies, file in the page
// cache): sections start at 4 KiB. With 2 MiB alignment the kernel still maps no file page as a
// huge page here (FilePmdMapped stays 0, also with a 2 MiB-aligned address and MADV_HUGEPAGE), and
// the first touch of the neighbour array costs the same (26-27 ms of CPU for 513 MB) once the write
// chunks end at 1 MiB file offsets; unaligned chunks made the 4 KiB file 35 ms (smaller page-cache
// folios). 2 MiB would add up to 2 MiB of padding per section for nothing.
//
// Opening: mmap of the whole file (PROT_READ, MAP_SHARED), then checks on the header and the
// table only, in this order: size >= magic, magic, version (before the header checksum, so that a
// newer header layout is reported as a newer version rather than as corruption), header size and
// checksum, flags, file size, table bounds and checksum, each entry, the sizes against the counts,
// and the few end values read from the arrays (one page each). The Parts' spans point into the
// mapping, and Parts::storage owns it. Verification adds the per-section checksums (sections in
// parallel) and Snapshot::Validate().

#include "liaison/snapshot_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <new>
#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/io/snapshot_file_format.h"
#include "engine/util/buffer.h"
#include "engine/util/status_macros.h"
#include "engine/util/strings.h"
#include "oneapi/tbb/parallel_for.h"

namespace liaison {

namespace snapshot_format {

std::string SectionName(uint32_t id) {
  switch (id) {
    case kScalars:
      return "scalars";
    case kOffsets:
      return "offsets";
    case kNeighbors:
      return "neighbors";
    case kStrength:
      return "strength";
    case kSince:
      return "since";
    case kExternalIds:
      return "external_ids";
    case kIdIndex:
      return "id_index";
    case kFlags:
      return "flags";
    case kLastUpdated:
      return "last_updated";
    case kTopNeighbors:
      return "top_neighbors";
    default:
      break;
  }
  if (id >= kTextBase && id <= kMaxSectionId) {
    static constexpr const char* kParts[3] = {"codes", "dict_offsets", "dict_chars"};
    const uint32_t column = (id - kTextBase) / 3;
    return absl::StrCat("text.", ToAbsl(TextColumnName(static_cast<TextColumn>(column))), ".",
                        kParts[(id - kTextBase) % 3]);
  }
  return absl::StrCat("section ", id);
}

uint32_t SectionElementSize(uint32_t id) {
  switch (id) {
    case kScalars:
      return sizeof(Scalars);
    case kOffsets:
      return sizeof(uint64_t);
    case kNeighbors:
      return sizeof(VertexId);
    case kStrength:
      return sizeof(uint8_t);
    case kSince:
      return sizeof(PackedDate);
    case kExternalIds:
      return sizeof(ExternalId);
    case kIdIndex:
      return sizeof(uint32_t);
    case kFlags:
      return sizeof(uint8_t);
    case kLastUpdated:
      return sizeof(PackedDate);
    case kTopNeighbors:
      return sizeof(VertexId);
    default:
      break;
  }
  if (id >= kTextBase && id <= kMaxSectionId) {
    switch ((id - kTextBase) % 3) {
      case kTextCodes:
        return sizeof(uint32_t);
      case kTextDictOffsets:
        return sizeof(uint64_t);
      default:
        return sizeof(char);
    }
  }
  return 0;
}

}  // namespace snapshot_format

namespace {

using snapshot_format::Header;
using snapshot_format::Scalars;
using snapshot_format::SectionElementSize;
using snapshot_format::SectionName;
using snapshot_format::TableEntry;
using snapshot_format::TextSectionId;
namespace sf = snapshot_format;

constexpr size_t kWriteChunk = size_t{1} << 20;  // hashed, then written, while in L2

uint64_t AlignUp(uint64_t x, uint64_t alignment) {
  return (x + alignment - 1) / alignment * alignment;
}

std::string Hex(uint64_t x) { return absl::StrFormat("%016x", x); }

absl::Status ErrnoError(int errnum, const std::string& what) {
  return absl::ErrnoToStatus(errnum, what);
}

// One array of a snapshot, as a run of bytes.
struct SectionData {
  uint32_t id;
  const void* data;
  uint64_t bytes;
};

template <typename T>
void AddSection(std::vector<SectionData>& out, uint32_t id, std::span<const T> s) {
  out.push_back({id, s.data(), s.size_bytes()});
}

// The sections of `p` in id order: required ones always, optional ones when their array is not
// empty. `scalars` must outlive the result.
std::vector<SectionData> CollectSections(const Snapshot::Parts& p, const Scalars* scalars) {
  std::vector<SectionData> out;
  out.push_back({sf::kScalars, scalars, sizeof(Scalars)});
  AddSection(out, sf::kOffsets, p.offsets);
  AddSection(out, sf::kNeighbors, p.neighbors);
  if (!p.strength.empty()) AddSection(out, sf::kStrength, p.strength);
  if (!p.since.empty()) AddSection(out, sf::kSince, p.since);
  AddSection(out, sf::kExternalIds, p.external_ids);
  AddSection(out, sf::kIdIndex, p.id_index);
  AddSection(out, sf::kFlags, p.flags);
  if (!p.last_updated.empty()) AddSection(out, sf::kLastUpdated, p.last_updated);
  if (!p.top_neighbors.empty()) AddSection(out, sf::kTopNeighbors, p.top_neighbors);
  for (int c = 0; c < kNumTextColumns; ++c) {
    const StringColumnView& col = p.text[c];
    if (col.codes.empty() && col.dict_offsets.empty()) continue;  // absent column
    AddSection(out, TextSectionId(c, sf::kTextCodes), col.codes);
    AddSection(out, TextSectionId(c, sf::kTextDictOffsets), col.dict_offsets);
    AddSection(out, TextSectionId(c, sf::kTextDictChars), col.dict_chars);
  }
  return out;
}

// The size relations between the arrays of `p` and the counts n (members) and m (adjacencies),
// plus the end values that bound every later index: offsets[0] = 0, offsets[n] = m, and each
// dictionary's first and last offset. Reads O(1) elements. Returns "" when all hold, else what
// does not.
std::string CheckShape(const Snapshot::Parts& p, uint64_t n, uint64_t m) {
  auto count = [](std::string_view name, uint64_t have, uint64_t want) {
    return absl::StrCat("section '", ToAbsl(name), "' has ", have, " elements, expected ", want);
  };
  if (p.offsets.size() != n + 1) return count("offsets", p.offsets.size(), n + 1);
  if (p.neighbors.size() != m) return count("neighbors", p.neighbors.size(), m);
  if (!p.strength.empty() && p.strength.size() != m) return count("strength", p.strength.size(), m);
  if (!p.since.empty() && p.since.size() != m) return count("since", p.since.size(), m);
  if (p.external_ids.size() != n) return count("external_ids", p.external_ids.size(), n);
  if (p.flags.size() != n) return count("flags", p.flags.size(), n);
  if (!p.last_updated.empty() && p.last_updated.size() != n) {
    return count("last_updated", p.last_updated.size(), n);
  }
  if (!p.top_neighbors.empty() && p.top_neighbors.size() != kTopNeighbors * n) {
    return count("top_neighbors", p.top_neighbors.size(), kTopNeighbors * n);
  }
  const uint64_t index_size = p.id_index.size();
  if ((index_size == 0 && n > 0) || (index_size & (index_size - 1)) != 0) {
    return absl::StrCat("section 'id_index' has ", index_size,
                        " slots, expected a power of two (at least 1 with ", n, " members)");
  }
  if (p.offsets[0] != 0) {
    return absl::StrCat("section 'offsets' starts with ", p.offsets[0], ", expected 0");
  }
  if (p.offsets[n] != m) {
    return absl::StrCat("section 'offsets' ends with ", p.offsets[n],
                        ", expected the adjacency count ", m);
  }
  if (p.num_hiding > n) {
    return absl::StrCat("section 'scalars' has num_hiding ", p.num_hiding, ", more than the ", n,
                        " members");
  }
  for (int c = 0; c < kNumTextColumns; ++c) {
    const StringColumnView& col = p.text[c];
    const std::string name =
        absl::StrCat("text.", ToAbsl(TextColumnName(static_cast<TextColumn>(c))));
    if (col.codes.empty() && col.dict_offsets.empty()) {
      if (!col.dict_chars.empty()) {
        return absl::StrCat("section '", name, ".dict_chars' has no dictionary");
      }
      continue;
    }
    if (col.codes.size() != n) return count(name + ".codes", col.codes.size(), n);
    if (col.dict_offsets.empty()) {
      return absl::StrCat("section '", name,
                          ".dict_offsets' is empty, expected at least 1 element");
    }
    if (col.dict_offsets.front() != 0) {
      return absl::StrCat("section '", name, ".dict_offsets' starts with ",
                          col.dict_offsets.front(), ", expected 0");
    }
    if (col.dict_offsets.back() != col.dict_chars.size()) {
      return absl::StrCat("section '", name, ".dict_offsets' ends with ", col.dict_offsets.back(),
                          ", but section '", name, ".dict_chars' has ", col.dict_chars.size(),
                          " bytes");
    }
  }
  return "";
}

// ---------------------------------------------------------------------------------------------
// Writing.

// A file descriptor closed on scope exit.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now and reports close()'s error (which may be a delayed write error).
  int Close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

// Removes the temporary file on scope exit unless Keep() was called.
class TempFileGuard {
 public:
  explicit TempFileGuard(std::string path) : path_(std::move(path)) {}
  ~TempFileGuard() {
    if (!kept_) ::unlink(path_.c_str());
  }
  void Keep() { kept_ = true; }

 private:
  std::string path_;
  bool kept_ = false;
};

absl::Status PwriteAll(int fd, const char* data, uint64_t len, uint64_t offset,
                       const std::string& path) {
  while (len > 0) {
    const ssize_t w =
        ::pwrite(fd, data, std::min<uint64_t>(len, size_t{1} << 30), static_cast<off_t>(offset));
    if (w < 0) {
      if (errno == EINTR) continue;
      return ErrnoError(errno, absl::StrCat("cannot write snapshot file '", path, "'"));
    }
    data += w;
    len -= static_cast<uint64_t>(w);
    offset += static_cast<uint64_t>(w);
  }
  return absl::OkStatus();
}

std::string TempPath(const std::string& path) {
  std::random_device rd;
  const uint64_t r = (uint64_t{rd()} << 32) ^ rd();
  return absl::StrCat(path, ".tmp-", ::getpid(), "-", Hex(r));
}

absl::Status FsyncDirectory(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  const std::string dir = parent.empty() ? std::string(".") : parent.string();
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) {
    return ErrnoError(errno, absl::StrCat("cannot open directory '", dir, "' to sync it"));
  }
  if (::fsync(fd.get()) != 0) {
    return ErrnoError(errno, absl::StrCat("cannot sync directory '", dir, "'"));
  }
  return absl::OkStatus();
}

// Hashes and writes `s` at its offset in chunks; returns its checksum.
absl::StatusOr<uint64_t> WriteSection(int fd, const SectionData& s, uint64_t offset,
                                      XXH3_state_t* state, const std::string& tmp) {
  if (XXH3_64bits_reset(state) != XXH_OK) return absl::InternalError("XXH3_64bits_reset failed");
  const char* data = static_cast<const char*>(s.data);
  for (uint64_t done = 0; done < s.bytes;) {
    // Chunks end at multiples of kWriteChunk in the file, so the page cache can hold the
    // section in large aligned folios (faster first touch through a mapping).
    const uint64_t len =
        std::min<uint64_t>(kWriteChunk - (offset + done) % kWriteChunk, s.bytes - done);
    XXH3_64bits_update(state, data + done, len);
    LIAISON_RETURN_IF_ERROR(PwriteAll(fd, data + done, len, offset + done, tmp));
    done += len;
  }
  return XXH3_64bits_digest(state);
}

// ---------------------------------------------------------------------------------------------
// Opening.

absl::Status FileError(absl::StatusCode code, const std::string& path, std::string_view what) {
  return absl::Status(code, absl::StrCat("snapshot file '", path, "': ", ToAbsl(what)));
}
absl::Status Corrupt(const std::string& path, std::string_view what) {
  return FileError(absl::StatusCode::kDataLoss, path, what);
}

// The bytes of a whole snapshot file: a read-only mapping of it, unmapped on destruction, or
// (SnapshotOpenOptions::in_memory) a copy in anonymous memory.
class Mapping {
 public:
  Mapping(const char* data, size_t size) : data_(data), size_(size) {}
  explicit Mapping(Buffer<char> copy)
      : data_(copy.data()), size_(copy.size()), copy_(std::move(copy)) {}
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  ~Mapping() {
    if (copy_.empty()) ::munmap(const_cast<char*>(data_), size_);
  }
  const char* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  const char* data_;
  size_t size_;
  Buffer<char> copy_;
};

// The file's bytes copied into anonymous memory on transparent huge pages (Buffer), in 2 MiB
// chunks in parallel; the mapping is released when the caller drops it. ResourceExhausted when
// the memory cannot be had.
absl::StatusOr<std::shared_ptr<const Mapping>> CopyToMemory(const std::string& path,
                                                            const Mapping& file) {
  Buffer<char> copy;
  try {
    copy = Buffer<char>(file.size());
  } catch (const std::bad_alloc&) {
    return FileError(absl::StatusCode::kResourceExhausted, path,
                     absl::StrCat("cannot allocate ", file.size(),
                                  " bytes to copy it into memory (open it mapped instead)"));
  }
  constexpr size_t kChunk = size_t{1} << 21;
  tbb::parallel_for(size_t{0}, (file.size() + kChunk - 1) / kChunk, [&](size_t c) {
    const size_t begin = c * kChunk;
    std::memcpy(copy.data() + begin, file.data() + begin, std::min(kChunk, file.size() - begin));
  });
  return std::make_shared<const Mapping>(std::move(copy));
}

// Opens `path` as a regular file for reading, with the errors the API promises.
absl::StatusOr<std::pair<int, uint64_t>> OpenRegularFile(const std::string& path) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; no effect on regular files.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    const int err = errno;
    return ErrnoError(err, absl::StrCat("cannot open snapshot file '", path, "'"));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return ErrnoError(err, absl::StrCat("cannot stat snapshot file '", path, "'"));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return FileError(absl::StatusCode::kFailedPrecondition, path,
                     S_ISDIR(st.st_mode) ? "is a directory, not a snapshot file"
                                         : "is not a regular file, so not a snapshot file");
  }
  return std::make_pair(fd, static_cast<uint64_t>(st.st_size));
}

// A mapped file whose header and table passed every check.
struct CheckedFile {
  std::shared_ptr<const Mapping> mapping;
  Header header;
  std::vector<TableEntry> table;  // ascending offset
  // Index into `table` by section id, -1 when absent.
  std::array<int, sf::kMaxSectionId + 1> by_id;

  template <typename T>
  std::span<const T> Span(uint32_t id) const {
    if (by_id[id] < 0) return {};
    const TableEntry& e = table[by_id[id]];
    return {reinterpret_cast<const T*>(mapping->data() + e.offset), e.bytes / sizeof(T)};
  }
};

absl::Status CheckHeader(const std::string& path, const char* data, uint64_t size, Header* h) {
  if (std::memcmp(data, sf::kMagic, std::min<uint64_t>(size, sizeof(sf::kMagic))) != 0) {
    std::string start;
    for (uint64_t i = 0; i < std::min<uint64_t>(size, 8); ++i) {
      absl::StrAppend(&start, i ? " " : "",
                      absl::Hex(static_cast<uint8_t>(data[i]), absl::kZeroPad2));
    }
    return FileError(
        absl::StatusCode::kFailedPrecondition, path,
        absl::StrCat("not a Liaison snapshot file: its header starts with bytes ", start,
                     ", not the magic 4c 49 41 49 53 4f 4e 1a (\"LIAISON\\x1a\")"));
  }
  if (size < sizeof(Header)) {
    return Corrupt(path, absl::StrCat("truncated: ", size, " bytes, shorter than the ",
                                      sizeof(Header), "-byte header"));
  }
  std::memcpy(h, data, sizeof(Header));
  if (h->format_version > kSnapshotFormatVersion) {
    return FileError(absl::StatusCode::kFailedPrecondition, path,
                     absl::StrCat("header says format version ", h->format_version,
                                  ", newer than version ", kSnapshotFormatVersion,
                                  ", the newest this build reads; open it with a newer liaison"));
  }
  if (h->format_version == 0) {
    return Corrupt(path, "header says format version 0, which does not exist");
  }
  const uint64_t sum = XXH3_64bits(data, sf::kHeaderChecksummedBytes);
  if (sum != h->header_checksum) {
    return Corrupt(path, absl::StrCat("header checksum mismatch (stored ", Hex(h->header_checksum),
                                      ", computed ", Hex(sum), "): the header is corrupted"));
  }
  if (h->flags != 0) {
    return FileError(absl::StatusCode::kFailedPrecondition, path,
                     absl::StrCat("header has feature flags 0x", absl::Hex(h->flags),
                                  " that this build does not know"));
  }
  if (size < h->file_bytes) {
    return Corrupt(
        path, absl::StrCat("truncated: ", size, " bytes, but the header says ", h->file_bytes));
  }
  if (size > h->file_bytes) {
    return Corrupt(path, absl::StrCat(size, " bytes, but the header says ", h->file_bytes,
                                      ": unexpected bytes at the end"));
  }
  if (h->members == kNoVertex) return Corrupt(path, "header member count 2^32-1 is out of range");
  return absl::OkStatus();
}

absl::Status CheckTable(const std::string& path, const char* data, const Header& h,
                        CheckedFile* f) {
  const uint64_t size = h.file_bytes;
  if (h.section_count == 0 || h.section_count > sf::kMaxSections) {
    return Corrupt(path, absl::StrCat("header says ", h.section_count, " sections, expected 1..",
                                      sf::kMaxSections));
  }
  const uint64_t table_bytes = uint64_t{h.section_count} * sizeof(TableEntry);
  if (h.table_offset < sizeof(Header) || h.table_offset % 8 != 0 || h.table_offset > size ||
      size - h.table_offset < table_bytes) {
    return Corrupt(
        path, absl::StrCat("header puts the ", table_bytes, "-byte section table at offset ",
                           h.table_offset, ", outside the ", size, "-byte file or misaligned"));
  }
  const uint64_t sum = XXH3_64bits(data + h.table_offset, table_bytes);
  if (sum != h.table_checksum) {
    return Corrupt(path,
                   absl::StrCat("section table checksum mismatch (stored ", Hex(h.table_checksum),
                                ", computed ", Hex(sum), "): the table is corrupted"));
  }
  f->table.resize(h.section_count);
  std::memcpy(f->table.data(), data + h.table_offset, table_bytes);
  f->by_id.fill(-1);
  const uint64_t table_end = h.table_offset + table_bytes;
  for (uint32_t i = 0; i < h.section_count; ++i) {
    const TableEntry& e = f->table[i];
    const uint32_t want_size = SectionElementSize(e.id);
    if (want_size == 0) {
      return Corrupt(path,
                     absl::StrCat("section table entry ", i, " has unknown section id ", e.id));
    }
    const std::string where =
        absl::StrCat("section table entry ", i, " ('", SectionName(e.id), "')");
    if (f->by_id[e.id] >= 0) return Corrupt(path, absl::StrCat(where, " repeats an earlier entry"));
    if (e.id == sf::kTopNeighbors && h.format_version < 2) {
      return Corrupt(path, absl::StrCat(where, " is a version-2 section in a version-",
                                        h.format_version, " file"));
    }
    f->by_id[e.id] = static_cast<int>(i);
    if (e.element_size != want_size) {
      return Corrupt(path, absl::StrCat(where, " has element size ", e.element_size, ", expected ",
                                        want_size));
    }
    if (e.offset % sf::kMinAlignment != 0) {
      return Corrupt(path, absl::StrCat(where, " starts at offset ", e.offset,
                                        ", not a multiple of ", sf::kMinAlignment));
    }
    if (e.offset < table_end || e.offset > size || size - e.offset < e.bytes) {
      return Corrupt(path,
                     absl::StrCat(where, " spans bytes [", e.offset, ", ", e.offset, "+", e.bytes,
                                  "), outside [", table_end, ", ", size, ") after the table"));
    }
    if (e.bytes % e.element_size != 0) {
      return Corrupt(
          path, absl::StrCat(where, " has ", e.bytes, " bytes, not a multiple of its element size ",
                             e.element_size));
    }
    if (i > 0 && f->table[i - 1].offset + f->table[i - 1].bytes > e.offset) {
      return Corrupt(path,
                     absl::StrCat(where, " overlaps the previous section or is out of order"));
    }
  }
  for (uint32_t id :
       {sf::kScalars, sf::kOffsets, sf::kNeighbors, sf::kExternalIds, sf::kIdIndex, sf::kFlags}) {
    if (f->by_id[id] < 0) {
      return Corrupt(path, absl::StrCat("required section '", SectionName(id), "' is missing"));
    }
  }
  for (int c = 0; c < kNumTextColumns; ++c) {
    const int present = (f->by_id[TextSectionId(c, sf::kTextCodes)] >= 0) +
                        (f->by_id[TextSectionId(c, sf::kTextDictOffsets)] >= 0) +
                        (f->by_id[TextSectionId(c, sf::kTextDictChars)] >= 0);
    if (present != 0 && present != 3) {
      return Corrupt(
          path, absl::StrCat("text column '", ToAbsl(TextColumnName(static_cast<TextColumn>(c))),
                             "' has ", present, " of its 3 sections"));
    }
  }
  return absl::OkStatus();
}

// Maps `path` and checks its header and table.
absl::StatusOr<CheckedFile> MapAndCheck(const std::string& path) {
  LIAISON_ASSIGN_OR_RETURN(auto opened, OpenRegularFile(path));
  Fd fd(opened.first);
  const uint64_t size = opened.second;
  if (size == 0) return Corrupt(path, "empty (0 bytes), not a snapshot");
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd.get(), 0);
  if (p == MAP_FAILED) {
    return ErrnoError(errno, absl::StrCat("cannot map snapshot file '", path, "'"));
  }
  CheckedFile f;
  f.mapping = std::make_shared<const Mapping>(static_cast<const char*>(p), size);
  const char* data = f.mapping->data();
  LIAISON_RETURN_IF_ERROR(CheckHeader(path, data, size, &f.header));
  LIAISON_RETURN_IF_ERROR(CheckTable(path, data, f.header, &f));
  return f;
}

// The Parts viewing `f`'s sections, after the count and end-value checks.
absl::StatusOr<Snapshot::Parts> PartsOf(const std::string& path, const CheckedFile& f) {
  Snapshot::Parts p;
  const TableEntry& se = f.table[f.by_id[sf::kScalars]];
  if (se.bytes != sizeof(Scalars)) {
    return Corrupt(path, absl::StrCat("section 'scalars' has ", se.bytes, " bytes, expected ",
                                      sizeof(Scalars)));
  }
  const char* scalar_bytes = f.mapping->data() + se.offset;
  if (XXH3_64bits(scalar_bytes, sizeof(Scalars)) != se.checksum) {
    return Corrupt(path, "section 'scalars' checksum mismatch: the section is corrupted");
  }
  Scalars scalars;
  std::memcpy(&scalars, scalar_bytes, sizeof(Scalars));
  if (scalars.has_members_file > 1) {
    return Corrupt(
        path, absl::StrCat("section 'scalars' has has_members_file = ", scalars.has_members_file));
  }
  p.has_members_file = scalars.has_members_file != 0;
  p.num_hiding = scalars.num_hiding;
  p.offsets = f.Span<uint64_t>(sf::kOffsets);
  p.neighbors = f.Span<VertexId>(sf::kNeighbors);
  p.strength = f.Span<uint8_t>(sf::kStrength);
  p.since = f.Span<PackedDate>(sf::kSince);
  p.external_ids = f.Span<ExternalId>(sf::kExternalIds);
  p.id_index = f.Span<uint32_t>(sf::kIdIndex);
  p.flags = f.Span<uint8_t>(sf::kFlags);
  p.last_updated = f.Span<PackedDate>(sf::kLastUpdated);
  p.top_neighbors = f.Span<VertexId>(sf::kTopNeighbors);
  for (int c = 0; c < kNumTextColumns; ++c) {
    p.text[c].codes = f.Span<uint32_t>(TextSectionId(c, sf::kTextCodes));
    p.text[c].dict_offsets = f.Span<uint64_t>(TextSectionId(c, sf::kTextDictOffsets));
    p.text[c].dict_chars = f.Span<char>(TextSectionId(c, sf::kTextDictChars));
  }
  const std::string problem = CheckShape(p, f.header.members, f.header.adjacencies);
  if (!problem.empty()) return Corrupt(path, problem);
  p.storage = f.mapping;
  return p;
}

// Every section's checksum, sections in parallel; reports the first bad one in table order.
absl::Status VerifyChecksums(const std::string& path, const CheckedFile& f) {
  std::vector<uint64_t> sums(f.table.size());
  tbb::parallel_for(size_t{0}, f.table.size(), [&](size_t i) {
    const TableEntry& e = f.table[i];
    sums[i] = XXH3_64bits(f.mapping->data() + e.offset, e.bytes);
  });
  for (size_t i = 0; i < f.table.size(); ++i) {
    const TableEntry& e = f.table[i];
    if (sums[i] != e.checksum) {
      return Corrupt(path,
                     absl::StrCat("section '", SectionName(e.id), "' checksum mismatch (stored ",
                                  Hex(e.checksum), ", computed ", Hex(sums[i]),
                                  "): the section is corrupted"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

namespace snapshot_format {

absl::Status WriteSnapshotFileAligned(const Snapshot& g, const std::string& path,
                                      uint64_t alignment) {
  if (alignment < kMinAlignment || (alignment & (alignment - 1)) != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("section alignment ", alignment, " is not a power of two >= ", kMinAlignment));
  }
  const Snapshot::Parts& p = g.parts();
  const uint64_t n = p.external_ids.size();
  const uint64_t m = p.neighbors.size();
  if (n >= kNoVertex) {
    return absl::InvalidArgumentError(absl::StrCat("snapshot has ", n, " members, too many"));
  }
  if (const std::string problem = CheckShape(p, n, m); !problem.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("cannot write snapshot file '", path,
                                                   "': the snapshot is inconsistent: ", problem));
  }
  const Scalars scalars{p.has_members_file ? 1u : 0u, p.num_hiding};
  const std::vector<SectionData> sections = CollectSections(p, &scalars);

  // Layout.
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof(kMagic));
  h.format_version = kSnapshotFormatVersion;
  h.members = static_cast<uint32_t>(n);
  h.section_count = static_cast<uint32_t>(sections.size());
  h.adjacencies = m;
  h.table_offset = sizeof(Header);
  std::vector<TableEntry> table(sections.size());
  uint64_t cursor = h.table_offset + sections.size() * sizeof(TableEntry);
  for (size_t i = 0; i < sections.size(); ++i) {
    table[i] = {sections[i].id, SectionElementSize(sections[i].id), AlignUp(cursor, alignment),
                sections[i].bytes, 0};
    cursor = table[i].offset + table[i].bytes;
  }
  h.file_bytes = AlignUp(cursor, alignment);

  const std::string tmp = TempPath(path);
  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (fd.get() < 0) {
    return ErrnoError(errno, absl::StrCat("cannot create temporary file '", tmp,
                                          "' for snapshot file '", path, "'"));
  }
  TempFileGuard guard(tmp);
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(),
                                                                 &XXH3_freeState);
  if (state == nullptr) return absl::ResourceExhaustedError("cannot allocate an XXH3 state");
  for (size_t i = 0; i < sections.size(); ++i) {
    LIAISON_ASSIGN_OR_RETURN(
        table[i].checksum, WriteSection(fd.get(), sections[i], table[i].offset, state.get(), tmp));
  }
  if (::ftruncate(fd.get(), static_cast<off_t>(h.file_bytes)) != 0) {
    return ErrnoError(errno, absl::StrCat("cannot size snapshot file '", tmp, "'"));
  }
  const uint64_t table_bytes = table.size() * sizeof(TableEntry);
  h.table_checksum = XXH3_64bits(table.data(), table_bytes);
  h.header_checksum = XXH3_64bits(&h, kHeaderChecksummedBytes);
  LIAISON_RETURN_IF_ERROR(
      PwriteAll(fd.get(), reinterpret_cast<const char*>(&h), sizeof(h), 0, tmp));
  LIAISON_RETURN_IF_ERROR(PwriteAll(fd.get(), reinterpret_cast<const char*>(table.data()),
                                    table_bytes, h.table_offset, tmp));
  if (::fsync(fd.get()) != 0) {
    return ErrnoError(errno, absl::StrCat("cannot sync snapshot file '", tmp, "'"));
  }
  if (fd.Close() != 0) {
    return ErrnoError(errno, absl::StrCat("cannot close snapshot file '", tmp, "'"));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    return ErrnoError(errno,
                      absl::StrCat("cannot rename '", tmp, "' to snapshot file '", path, "'"));
  }
  guard.Keep();  // the temporary name is gone; `path` is the new file
  return FsyncDirectory(path);
}

}  // namespace snapshot_format

absl::Status WriteSnapshotFile(const Snapshot& g, const std::string& path) {
  return snapshot_format::WriteSnapshotFileAligned(g, path, snapshot_format::kWriteAlignment);
}

absl::StatusOr<std::shared_ptr<const Snapshot>> OpenSnapshotFile(
    const std::string& path, const SnapshotOpenOptions& options) {
  LIAISON_ASSIGN_OR_RETURN(CheckedFile f, MapAndCheck(path));
  if (options.in_memory) {
    LIAISON_ASSIGN_OR_RETURN(f.mapping, CopyToMemory(path, *f.mapping));
  }
  LIAISON_ASSIGN_OR_RETURN(Snapshot::Parts parts, PartsOf(path, f));
  auto g = std::make_shared<const Snapshot>(std::move(parts));
  if (options.verify) {
    LIAISON_RETURN_IF_ERROR(VerifyChecksums(path, f));
    if (absl::Status st = g->Validate(); !st.ok()) {
      return Corrupt(path,
                     absl::StrCat("checksums match but the snapshot is invalid: ", st.message()));
    }
  }
  return std::shared_ptr<const Snapshot>(std::move(g));
}

absl::StatusOr<SnapshotFileInfo> ReadSnapshotFileInfo(const std::string& path) {
  LIAISON_ASSIGN_OR_RETURN(CheckedFile f, MapAndCheck(path));
  LIAISON_RETURN_IF_ERROR(PartsOf(path, f).status());
  SnapshotFileInfo info;
  info.format_version = f.header.format_version;
  info.file_bytes = f.header.file_bytes;
  info.members = f.header.members;
  info.adjacencies = f.header.adjacencies;
  info.table_offset = f.header.table_offset;
  info.table_bytes = f.table.size() * sizeof(TableEntry);
  for (const TableEntry& e : f.table) {
    info.sections.push_back(
        {SectionName(e.id), e.id, e.element_size, e.offset, e.bytes, e.checksum});
  }
  return info;
}

absl::Status VerifySnapshotFile(const std::string& path) {
  return OpenSnapshotFile(path, SnapshotOpenOptions{.verify = true}).status();
}

bool LooksLikeSnapshotFile(const std::string& path) {
  auto opened = OpenRegularFile(path);
  if (!opened.ok()) return false;
  Fd fd(opened->first);
  char magic[sizeof(snapshot_format::kMagic)];
  ssize_t got;
  do {
    got = ::pread(fd.get(), magic, sizeof(magic), 0);
  } while (got < 0 && errno == EINTR);
  return got == static_cast<ssize_t>(sizeof(magic)) &&
         std::memcmp(magic, snapshot_format::kMagic, sizeof(magic)) == 0;
}

}  // namespace liaison
