// Connections text files for the harness; see text_edges.h.

#include "bench/macro/text_edges.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace liaison::bench {
namespace {

inline bool IsSeparator(char c) { return c == '\t' || c == ',' || c == ' ' || c == '\r'; }

// Parses an unsigned integer at p (< end); advances p. False when there is no digit.
inline bool ParseUnsigned(const char*& p, const char* end, uint64_t* out) {
  const char* start = p;
  uint64_t v = 0;
  while (p < end && *p >= '0' && *p <= '9') {
    v = v * 10 + static_cast<uint64_t>(*p - '0');
    ++p;
  }
  *out = v;
  return p != start;
}

}  // namespace

absl::StatusOr<EdgeRows> ReadEdgeRows(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) {
    return absl::NotFoundError(absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    close(fd);
    return absl::InternalError(absl::StrCat("cannot stat ", path, ": ", std::strerror(errno)));
  }
  const size_t size = static_cast<size_t>(st.st_size);
  EdgeRows rows;
  if (size == 0) {
    close(fd);
    return rows;
  }
  void* map = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (map == MAP_FAILED) {
    return absl::InternalError(absl::StrCat("cannot map ", path, ": ", std::strerror(errno)));
  }
  madvise(map, size, MADV_SEQUENTIAL);
  const char* p = static_cast<const char*>(map);
  const char* const end = p + size;
  // About 14 bytes per row in generated files: reserve once instead of growing.
  rows.a.reserve(size / 12);
  rows.b.reserve(size / 12);
  uint64_t line = 0;
  absl::Status status;
  while (p < end) {
    ++line;
    const char* eol = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    if (eol == nullptr) eol = end;
    const char* q = p;
    while (q < eol && IsSeparator(*q)) ++q;
    if (q < eol && *q != '#') {
      uint64_t a = 0, b = 0;
      bool ok = ParseUnsigned(q, eol, &a);
      if (ok) {
        while (q < eol && IsSeparator(*q)) ++q;
        ok = ParseUnsigned(q, eol, &b) && (q == eol || IsSeparator(*q));
      }
      if (ok) {
        rows.a.push_back(a);
        rows.b.push_back(b);
      } else if (!(line == 1 && rows.a.empty())) {  // a header is allowed on the first line
        status = absl::InvalidArgumentError(
            absl::StrCat(path, ":", line, ": expected two member ids at the start of the line"));
        break;
      }
    }
    p = eol + 1;
  }
  munmap(map, size);
  if (!status.ok()) return status;
  return rows;
}

absl::StatusOr<uint64_t> WriteEdgeText(const std::vector<ConnectionBatch>& batches,
                                       const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) {
    return absl::NotFoundError(absl::StrCat("cannot create ", path, ": ", std::strerror(errno)));
  }
  std::string buf;
  buf.reserve(1 << 22);
  uint64_t bytes = 0;
  char num[24];
  auto append = [&](uint64_t v) {
    int len = 0;
    do {
      num[len++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    while (len > 0) buf.push_back(num[--len]);
  };
  bool write_ok = true;
  for (const ConnectionBatch& batch : batches) {
    for (size_t i = 0; i < batch.size(); ++i) {
      append(batch.a[i]);
      buf.push_back('\t');
      append(batch.b[i]);
      buf.push_back('\n');
      if (buf.size() > (1 << 22) - 64) {
        write_ok = write_ok && std::fwrite(buf.data(), 1, buf.size(), f) == buf.size();
        bytes += buf.size();
        buf.clear();
      }
    }
  }
  write_ok = write_ok && std::fwrite(buf.data(), 1, buf.size(), f) == buf.size();
  bytes += buf.size();
  if (std::fclose(f) != 0 || !write_ok) {
    return absl::ResourceExhaustedError(absl::StrCat("cannot write ", path, ": ",
                                                     std::strerror(errno)));
  }
  return bytes;
}

}  // namespace liaison::bench
