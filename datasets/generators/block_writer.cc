// WriteBlocksInOrder: oneTBB parallel_pipeline over block indexes, POSIX write(2) of whole blocks.

#include "datasets/generators/block_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <memory>
#include <mutex>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/util/strings.h"
#include "oneapi/tbb/parallel_pipeline.h"
#include "oneapi/tbb/task_arena.h"

namespace liaison::generators {
namespace {

absl::Status FileError(int error, std::string_view what, const std::string& path) {
  return absl::ErrnoToStatus(error, absl::StrCat("cannot ", ToAbsl(what), " ", path));
}

absl::Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return FileError(errno, "write", path);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

// Reused block buffers; the pipeline's token limit bounds how many exist.
class BufferPool {
 public:
  CharBuffer* Get() {
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.empty()) {
      all_.push_back(std::make_unique<CharBuffer>());
      return all_.back().get();
    }
    CharBuffer* b = free_.back();
    free_.pop_back();
    return b;
  }
  void Put(CharBuffer* b) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(b);
  }

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<CharBuffer>> all_;
  std::vector<CharBuffer*> free_;
};

struct Item {
  uint64_t block = 0;
  CharBuffer* buffer = nullptr;
};

}  // namespace

absl::Status WriteBlocksInOrder(const std::string& path, std::string_view header, uint64_t num_blocks,
                                const std::function<void(uint64_t, CharBuffer&)>& format,
                                const std::function<void(uint64_t)>& written) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return FileError(errno, "create", path);
  absl::Status status = WriteAll(fd, header, path);

  BufferPool pool;
  uint64_t next = 0;
  std::atomic<bool> failed{!status.ok()};
  const size_t tokens = 2 * static_cast<size_t>(tbb::this_task_arena::max_concurrency()) + 1;
  tbb::parallel_pipeline(
      tokens,
      tbb::make_filter<void, Item>(tbb::filter_mode::serial_in_order,
                                   [&](tbb::flow_control& fc) -> Item {
                                     if (next == num_blocks || failed.load()) {
                                       fc.stop();
                                       return {};
                                     }
                                     return Item{next++, pool.Get()};
                                   }) &
          tbb::make_filter<Item, Item>(tbb::filter_mode::parallel,
                                       [&](Item item) {
                                         item.buffer->Clear();
                                         if (!failed.load(std::memory_order_relaxed)) {
                                           format(item.block, *item.buffer);
                                         }
                                         return item;
                                       }) &
          tbb::make_filter<Item, void>(tbb::filter_mode::serial_in_order, [&](Item item) {
            if (!failed.load()) {
              absl::Status s = WriteAll(fd, item.buffer->view(), path);
              if (s.ok()) {
                if (written) written(item.block);
              } else {
                status = std::move(s);
                failed.store(true);
              }
            }
            pool.Put(item.buffer);
          }));

  if (::close(fd) != 0 && status.ok()) status = FileError(errno, "close", path);
  return status;
}

}  // namespace liaison::generators
