// InputText: mmap for regular files, zlib inflate for gzip, a read loop for anything else.

#include "engine/io/input_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/util/strings.h"

namespace liaison {
namespace {

absl::Status OpenError(const std::string& path, int err) {
  const std::string what = absl::StrCat(path, ": ", std::strerror(err));
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return absl::NotFoundError(what);
    case EACCES:
    case EPERM:
      return absl::PermissionDeniedError(what);
    case EISDIR:
      return absl::FailedPreconditionError(what);
    case ENOMEM:
      return absl::ResourceExhaustedError(what);
    default:
      return absl::UnavailableError(what);
  }
}

// Closes a file descriptor on scope exit.
struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) close(fd);
  }
};

// Grows `buffer` (holding `used` bytes) to at least `want` bytes.
void Grow(Buffer<char>& buffer, size_t used, size_t want) {
  size_t size = std::max<size_t>(buffer.size(), 1 << 16);
  while (size < want) size *= 2;
  Buffer<char> bigger(size);
  if (used) std::memcpy(bigger.data(), buffer.data(), used);
  buffer = std::move(bigger);
}

absl::StatusOr<Buffer<char>> ReadAll(int fd, const std::string& path, size_t* size) {
  Buffer<char> buffer(1 << 20);
  size_t used = 0;
  while (true) {
    if (used == buffer.size()) Grow(buffer, used, used + 1);
    const ssize_t got = read(fd, buffer.data() + used, buffer.size() - used);
    if (got < 0) {
      if (errno == EINTR) continue;
      return OpenError(path, errno);
    }
    if (got == 0) break;
    used += static_cast<size_t>(got);
  }
  *size = used;
  return buffer;
}

}  // namespace

absl::StatusOr<Buffer<char>> InflateGzip(std::string_view in, std::string_view name,
                                         const ProgressFn& progress, size_t* inflated_size) {
  // Size guess: the last member's ISIZE field (size mod 2^32) when plausible, else 4x.
  size_t guess = in.size() * 4 + 4096;
  if (in.size() >= 18) {
    uint32_t isize;
    std::memcpy(&isize, in.data() + in.size() - 4, 4);
    if (isize >= in.size()) guess = std::max<size_t>(guess, size_t{isize} + 1);
  }
  Buffer<char> out(guess);
  size_t used = 0;
  z_stream zs;
  std::memset(&zs, 0, sizeof(zs));
  if (inflateInit2(&zs, 15 + 16) != Z_OK) {
    return absl::ResourceExhaustedError(absl::StrCat(ToAbsl(name), ": cannot start zlib"));
  }
  struct Ender {
    z_stream* zs;
    ~Ender() { inflateEnd(zs); }
  } ender{&zs};
  size_t consumed = 0;         // input bytes handed to zlib
  size_t next_report = 1 << 24;
  constexpr size_t kMaxPiece = size_t{1} << 30;  // zlib counts in 32 bits
  bool ended = false;          // the current member reached its end
  while (true) {
    if (zs.avail_in == 0 && consumed < in.size()) {
      const size_t piece = std::min(kMaxPiece, in.size() - consumed);
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + consumed));
      zs.avail_in = static_cast<uInt>(piece);
      consumed += piece;
    }
    if (ended) {
      // Another gzip member may follow; zero padding after the last one is tolerated.
      const size_t left = zs.avail_in + (in.size() - consumed);
      if (left == 0) break;
      const char* rest = reinterpret_cast<const char*>(zs.next_in);
      if (zs.avail_in >= 2 && IsGzip(std::string_view(rest, zs.avail_in))) {
        inflateReset(&zs);
        ended = false;
        continue;
      }
      const std::string_view tail(rest, in.data() + in.size() - rest);
      if (std::all_of(tail.begin(), tail.end(), [](char c) { return c == 0; })) break;
      return absl::DataLossError(absl::StrCat(ToAbsl(name), ": unexpected data after the gzip stream (",
                                              tail.size(), " bytes)"));
    }
    if (used == out.size()) Grow(out, used, used + 1);
    const size_t room = std::min(kMaxPiece, out.size() - used);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + used);
    zs.avail_out = static_cast<uInt>(room);
    const int ret = inflate(&zs, Z_NO_FLUSH);
    used += room - zs.avail_out;
    if (ret == Z_STREAM_END) {
      ended = true;
      continue;
    }
    if (ret == Z_DATA_ERROR || ret == Z_NEED_DICT) {
      return absl::DataLossError(absl::StrCat(ToAbsl(name), ": corrupt gzip data after ", used,
                                              " decompressed bytes (", zs.msg ? zs.msg : "zlib error", ")"));
    }
    if (ret == Z_MEM_ERROR) {
      return absl::ResourceExhaustedError(absl::StrCat(ToAbsl(name), ": out of memory while inflating"));
    }
    if (ret == Z_BUF_ERROR || ret == Z_OK) {
      if (zs.avail_in == 0 && consumed == in.size() && zs.avail_out != 0) {
        return absl::DataLossError(absl::StrCat(ToAbsl(name), ": gzip stream is truncated (ends after ",
                                                used, " decompressed bytes)"));
      }
    } else {
      return absl::InternalError(absl::StrCat(ToAbsl(name), ": zlib error ", ret));
    }
    const size_t done = consumed - zs.avail_in;
    if (progress && done >= next_report) {
      progress(done, in.size());
      next_report = done + (1 << 24);
    }
  }
  if (progress) progress(in.size(), in.size());
  *inflated_size = used;
  return out;
}

absl::StatusOr<InputText> InputText::Open(const std::string& path, const ProgressFn& progress) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return OpenError(path, errno);
  FdCloser closer{fd};
  struct stat st;
  if (fstat(fd, &st) != 0) return OpenError(path, errno);
  if (S_ISDIR(st.st_mode)) return OpenError(path, EISDIR);

  InputText input;
  if (!S_ISREG(st.st_mode)) {  // a pipe or device: read it all
    size_t size = 0;
    auto read = ReadAll(fd, path, &size);
    if (!read.ok()) return read.status();
    input.owned_ = *std::move(read);
    input.data_ = input.owned_.data();
    input.size_ = size;
    input.stored_bytes_ = size;
  } else if (st.st_size > 0) {
    const size_t size = static_cast<size_t>(st.st_size);
    void* map = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) return OpenError(path, errno);
    madvise(map, size, MADV_SEQUENTIAL);
    madvise(map, size, MADV_WILLNEED);
    input.mapping_ = map;
    input.mapping_size_ = size;
    input.data_ = static_cast<const char*>(map);
    input.size_ = size;
    input.stored_bytes_ = size;
  }
  if (IsGzip(input.text())) {
    size_t size = 0;
    auto inflated = InflateGzip(input.text(), path, progress, &size);
    if (!inflated.ok()) return inflated.status();
    InputText out;
    out.owned_ = *std::move(inflated);
    out.data_ = out.owned_.data();
    out.size_ = size;
    out.stored_bytes_ = input.stored_bytes_;
    out.compressed_ = true;
    return out;
  }
  return input;
}

InputText::InputText(InputText&& other) noexcept { *this = std::move(other); }

InputText& InputText::operator=(InputText&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    mapping_ = std::exchange(other.mapping_, nullptr);
    mapping_size_ = std::exchange(other.mapping_size_, 0);
    owned_ = std::move(other.owned_);
    stored_bytes_ = std::exchange(other.stored_bytes_, 0);
    compressed_ = std::exchange(other.compressed_, false);
  }
  return *this;
}

InputText::~InputText() { Release(); }

void InputText::Release() {
  if (mapping_ != nullptr) munmap(mapping_, mapping_size_);
  mapping_ = nullptr;
  mapping_size_ = 0;
  owned_ = Buffer<char>();
  data_ = nullptr;
  size_ = 0;
}

}  // namespace liaison
