// Frontier and visited-set building blocks shared by the search kernels (degree, reach), and the
// one place where the privacy rule is turned into search pruning.
//
//   Bitmap     one bit per member over a Buffer of 64-bit words (anonymous mmap memory for big
//              graphs, so only the pages a query touches become resident). Plain and atomic
//              (fetch_or through std::atomic_ref) setters; ForEach visits set bits in ascending
//              order.
//   MemberSet  a Bitmap that remembers what it inserted, so clearing costs O(inserted) rather
//              than O(num_members): the sparse visited set of a small query on a huge graph.
//   ViewerSearch  which members a search for viewer V may enter and expand, derived from
//              Visibility (engine/algorithms/visibility.h).
//
// Why the pruning in ViewerSearch is exact (DESIGN.md §3 "Privacy"). A connection x–h where h
// hides and V is neither end is visible only when both x and h are V's connections. Hence:
//   (1) a hiding member h that is not V's connection has no visible connection at all: no search
//       for viewer V can ever reach it (it is "unreachable", not "far");
//   (2) a hiding member h that is V's connection (distance 1) has visible connections only to V
//       and to V's other connections, all at distance <= 1: expanding h finds nothing new.
// So a search from V enters a hiding member only from V itself, and expands hiding members only
// when the member is V. Every other connection a search crosses joins two members who do not hide,
// and is visible; kernels still ask Visibility::Visible() for it (one predictable branch when no
// member hides), so the rule is applied during the search, never as a filter afterwards.

#ifndef LIAISON_ENGINE_ALGORITHMS_FRONTIER_H_
#define LIAISON_ENGINE_ALGORITHMS_FRONTIER_H_

#include <atomic>
#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

#include "engine/algorithms/visibility.h"
#include "engine/util/buffer.h"
#include "liaison/graph.h"

namespace liaison {

class Bitmap {
 public:
  static constexpr size_t kBits = 64;

  // Capacity for n members; contents undefined until Clear() (fresh memory reads as zero).
  void Reserve(size_t n) {
    const size_t words = (n + kBits - 1) / kBits;
    if (words > words_.size()) {
      words_ = Buffer<uint64_t>(std::max<size_t>(words, 16));
      if (words_.size() * sizeof(uint64_t) < Buffer<uint64_t>::kMapThreshold) {
        std::memset(words_.data(), 0, words_.size() * sizeof(uint64_t));
      }
    }
  }
  // Zeroes the first `n` bits' words (O(n / 64)).
  void Clear(size_t n) { std::memset(words_.data(), 0, WordsFor(n) * sizeof(uint64_t)); }
  static size_t WordsFor(size_t n) { return (n + kBits - 1) / kBits; }

  bool Test(VertexId v) const { return (words_[v / kBits] >> (v % kBits)) & 1; }
  void Set(VertexId v) { words_[v / kBits] |= uint64_t{1} << (v % kBits); }
  void Reset(VertexId v) { words_[v / kBits] &= ~(uint64_t{1} << (v % kBits)); }
  // Sets the bit atomically; true when this call changed it from 0 to 1.
  bool AtomicTestAndSet(VertexId v) {
    const uint64_t bit = uint64_t{1} << (v % kBits);
    std::atomic_ref<uint64_t> word(words_[v / kBits]);
    if (word.load(std::memory_order_relaxed) & bit) return false;
    return !(word.fetch_or(bit, std::memory_order_relaxed) & bit);
  }
  // Racy-but-atomic read for parallel top-down steps (a stale 0 only costs a fetch_or).
  bool AtomicTest(VertexId v) const {
    std::atomic_ref<const uint64_t> word(words_[v / kBits]);
    return (word.load(std::memory_order_relaxed) >> (v % kBits)) & 1;
  }
  const uint64_t* data() const { return words_.data(); }
  uint64_t* data() { return words_.data(); }
  uint64_t word(size_t w) const { return words_[w]; }
  uint64_t& word(size_t w) { return words_[w]; }

  // Calls fn(v) for every set bit among words [word_begin, word_end), ascending.
  template <typename Fn>
  void ForEach(size_t word_begin, size_t word_end, Fn&& fn) const {
    for (size_t w = word_begin; w < word_end; ++w) {
      for (uint64_t bits = words_[w]; bits != 0; bits &= bits - 1) {
        fn(static_cast<VertexId>(w * kBits + std::countr_zero(bits)));
      }
    }
  }

 private:
  Buffer<uint64_t> words_;
};

class MemberSet {
 public:
  // Starts an empty set over n members (clears whatever the previous query left).
  void Begin(size_t n) {
    Clear();
    bits_.Reserve(n);
  }
  bool Contains(VertexId v) const { return bits_.Test(v); }
  // True when v was not in the set.
  bool Insert(VertexId v) {
    if (bits_.Test(v)) return false;
    bits_.Set(v);
    members_.push_back(v);
    return true;
  }
  size_t size() const { return members_.size(); }
  const std::vector<VertexId>& members() const { return members_; }
  void Clear() {
    for (VertexId v : members_) bits_.Reset(v);
    members_.clear();
  }

 private:
  Bitmap bits_;
  std::vector<VertexId> members_;
};

// The search rules for one viewer (see the file-top comment for why they are exact).
class ViewerSearch {
 public:
  ViewerSearch(const Snapshot& g, VertexId viewer) : g_(g), vis_(g, viewer) {}

  const Visibility& visibility() const { return vis_; }
  VertexId viewer() const { return vis_.viewer(); }
  bool all_visible() const { return vis_.all_visible(); }

  // May a search step from `u` (already reached) to its neighbour `v`?
  bool MayStep(VertexId u, VertexId v) const {
    if (vis_.all_visible()) return true;
    // Rules (1)/(2) above: a hiding member is entered only from the viewer (or is the viewer).
    if (g_.hides_connections(v) && u != vis_.viewer() && v != vis_.viewer()) return false;
    return vis_.Visible(u, v);
  }
  // Is `u`, once reached, worth expanding? False only for hiding members other than the viewer.
  bool MayExpand(VertexId u) const {
    return vis_.all_visible() || u == vis_.viewer() || !g_.hides_connections(u);
  }
  // Can `v` be reached at all at distance >= 2 (it is not the viewer's own connection)?
  bool MayEnterBeyondFirst(VertexId v) const {
    return vis_.all_visible() || !g_.hides_connections(v);
  }

 private:
  const Snapshot& g_;
  Visibility vis_;
};

}  // namespace liaison

#endif  // LIAISON_ENGINE_ALGORITHMS_FRONTIER_H_
