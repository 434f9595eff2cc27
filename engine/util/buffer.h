// Buffer<T>: a fixed-size array of trivially copyable T that is NOT value-initialised.
//
// Why not std::vector: first touch of fresh memory is the dominant cost of building a large
// graph on this machine (about 3 s per GB, DESIGN.md §3), and vector::resize touches every page
// once to zero it before the builder writes it again. Large buffers are mmap'd anonymous memory
// with MADV_HUGEPAGE, which cuts the page-fault count by 512x where transparent huge pages are in
// `madvise` mode; small ones come from operator new.

#ifndef LIAISON_ENGINE_UTIL_BUFFER_H_
#define LIAISON_ENGINE_UTIL_BUFFER_H_

#include <sys/mman.h>

#include <cstddef>
#include <cstring>
#include <new>
#include <span>
#include <type_traits>
#include <utility>

namespace liaison {

template <typename T>
class Buffer {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  static constexpr size_t kMapThreshold = size_t{1} << 21;  // 2 MiB

  Buffer() = default;
  // Uninitialised contents. Throws std::bad_alloc when memory cannot be had.
  explicit Buffer(size_t size) : size_(size) {
    const size_t bytes = size * sizeof(T);
    if (bytes == 0) return;
    if (bytes >= kMapThreshold) {
      void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p == MAP_FAILED) throw std::bad_alloc();
      madvise(p, bytes, MADV_HUGEPAGE);
      data_ = static_cast<T*>(p);
      mapped_ = true;
    } else {
      data_ = static_cast<T*>(::operator new(bytes));
    }
  }
  // Filled with `value`.
  Buffer(size_t size, const T& value) : Buffer(size) {
    for (size_t i = 0; i < size; ++i) data_[i] = value;
  }
  Buffer(Buffer&& other) noexcept { *this = std::move(other); }
  Buffer& operator=(Buffer&& other) noexcept {
    if (this != &other) {
      Release();
      data_ = std::exchange(other.data_, nullptr);
      size_ = std::exchange(other.size_, 0);
      mapped_ = std::exchange(other.mapped_, false);
    }
    return *this;
  }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer() { Release(); }

  T* data() { return data_; }
  const T* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  std::span<T> span() { return {data_, size_}; }
  std::span<const T> span() const { return {data_, size_}; }

  // Keeps the first `new_size` elements (new_size <= size()); releases the tail's pages.
  void Shrink(size_t new_size) {
    if (new_size >= size_) return;
    if (mapped_) {
      const size_t page = 4096;
      const size_t keep = (new_size * sizeof(T) + page - 1) / page * page;
      const size_t total = (size_ * sizeof(T) + page - 1) / page * page;
      if (keep < total) munmap(reinterpret_cast<char*>(data_) + keep, total - keep);
      if (keep == 0) data_ = nullptr, mapped_ = false;
    }
    size_ = new_size;
  }

 private:
  void Release() {
    if (data_ == nullptr) return;
    if (mapped_) {
      const size_t page = 4096;
      munmap(data_, (size_ * sizeof(T) + page - 1) / page * page);
    } else {
      ::operator delete(data_);
    }
    data_ = nullptr;
    size_ = 0;
    mapped_ = false;
  }

  T* data_ = nullptr;
  size_t size_ = 0;
  bool mapped_ = false;
};

}  // namespace liaison

#endif  // LIAISON_ENGINE_UTIL_BUFFER_H_
