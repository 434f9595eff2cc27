// InputText: the text of an input file, whatever its storage: a regular file is mapped read-only
// (no copy: reading a cached file through mmap is several times cheaper than touching fresh
// memory, DESIGN.md §3); a gzip file (recognised by its magic bytes 1f 8b, whatever its name) is
// inflated with zlib into one buffer; pipes and other non-regular files are read into memory.
// Concatenated gzip members are read one after another, as gzip does.

#ifndef LIAISON_ENGINE_IO_INPUT_FILE_H_
#define LIAISON_ENGINE_IO_INPUT_FILE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "engine/util/buffer.h"

namespace liaison {

using ProgressFn = std::function<void(uint64_t done_bytes, uint64_t total_bytes)>;

class InputText {
 public:
  // Opens `path`. NotFound when it does not exist, PermissionDenied when it may not be read,
  // FailedPrecondition for a directory, DataLoss for a truncated or corrupt gzip stream.
  // `progress` (may be empty) is called while a gzip file is inflated, with compressed bytes.
  static absl::StatusOr<InputText> Open(const std::string& path, const ProgressFn& progress);

  InputText() = default;
  InputText(InputText&& other) noexcept;
  InputText& operator=(InputText&& other) noexcept;
  InputText(const InputText&) = delete;
  InputText& operator=(const InputText&) = delete;
  ~InputText();

  std::string_view text() const { return {data_, size_}; }
  uint64_t stored_bytes() const { return stored_bytes_; }
  bool compressed() const { return compressed_; }

 private:
  void Release();

  const char* data_ = nullptr;
  size_t size_ = 0;
  void* mapping_ = nullptr;  // when the text is a file mapping
  size_t mapping_size_ = 0;
  Buffer<char> owned_;       // when the text was inflated or read
  uint64_t stored_bytes_ = 0;
  bool compressed_ = false;
};

// Inflates a gzip stream held in memory (`name` names it in errors). Exposed for tests.
absl::StatusOr<Buffer<char>> InflateGzip(std::string_view compressed, std::string_view name,
                                         const ProgressFn& progress, size_t* inflated_size);

// True when `bytes` starts with the gzip magic bytes.
inline bool IsGzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

}  // namespace liaison

#endif  // LIAISON_ENGINE_IO_INPUT_FILE_H_
