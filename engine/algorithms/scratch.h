// Per-thread query scratch that resets in O(1) and costs memory only where it is touched.
//
// StampedArray<T> is an array indexed by VertexId whose entries carry the epoch that last wrote
// them; starting a query bumps the epoch, so every entry of an older epoch reads as T{} without
// clearing anything. The backing Buffer is anonymous mmap memory, zero-filled by the kernel on
// first touch, so a thread's scratch is resident only in the pages a query touched (4 KiB per
// 512 entries of 8 bytes), never O(num_members) unless a query visits the whole graph.
//
// Thread-safety: none; use one instance per thread (ThreadLocal<S>()), one query at a time.

#ifndef LIAISON_ENGINE_ALGORITHMS_SCRATCH_H_
#define LIAISON_ENGINE_ALGORITHMS_SCRATCH_H_

#include <cstdint>
#include <cstring>
#include <vector>

#include "engine/util/buffer.h"
#include "liaison/graph.h"

namespace liaison {

template <typename T>
class StampedArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  // Starts a new query over `n` members: every entry now reads as T{}.
  void Begin(size_t n) {
    if (n > entries_.size()) {
      entries_ = Buffer<Entry>(std::max<size_t>(n, 1024));
      if (entries_.size() * sizeof(Entry) < Buffer<Entry>::kMapThreshold) {
        std::memset(static_cast<void*>(entries_.data()), 0, entries_.size() * sizeof(Entry));
      }
      epoch_ = 0;
    }
    if (++epoch_ == 0) {  // wrapped after 2^32 queries: clear once, start again
      std::memset(static_cast<void*>(entries_.data()), 0, entries_.size() * sizeof(Entry));
      epoch_ = 1;
    }
  }
  bool Has(VertexId v) const { return entries_[v].epoch == epoch_; }
  T Get(VertexId v) const { return Has(v) ? entries_[v].value : T{}; }
  // The entry for v, set to T{} first if it belongs to an older query.
  T& Ref(VertexId v) {
    Entry& e = entries_[v];
    if (e.epoch != epoch_) {
      e.epoch = epoch_;
      e.value = T{};
    }
    return e.value;
  }
  void Set(VertexId v, const T& value) { entries_[v] = {epoch_, value}; }

 private:
  struct Entry {
    uint32_t epoch;
    T value;
  };
  Buffer<Entry> entries_;
  uint32_t epoch_ = 0;
};

// One instance of S per thread, reused across queries.
template <typename S>
S& ThreadLocal() {
  thread_local S scratch;
  return scratch;
}

}  // namespace liaison

#endif  // LIAISON_ENGINE_ALGORITHMS_SCRATCH_H_
