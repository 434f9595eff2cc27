// BuildSnapshot: connection rows -> CSR snapshot, in parallel with oneTBB.
//
// Two inputs share one core, templated on a row source: ConnectionBatch (public, 64-bit ids, may
// hold self-loop rows) and RowChunk (the importer's form: 32-bit ids when they fit, self-loops
// listed apart; see row_chunks.h).
//
// Steps (each a parallel pass; large arrays are sized once and touched as few times as possible,
// since first touch of fresh memory dominates on this machine, DESIGN.md §3):
//   1. Keys. When the largest external id is small compared with the number of ids (generated,
//      Kronecker and most SNAP networks), the external id itself is the key, in [0, max_id].
//      Otherwise the ids are sorted and deduplicated, the id index is built from them, and every
//      row is rewritten once with dense keys (the position in that sorted list).
//   2. Count: the rows are cut into P parts, each counting degrees per key in its own array with
//      plain increments; self-loop rows and member rows mark their key present in a bitmap (a
//      member whose only line is a self-loop exists, isolated).
//   3. Number: one blocked parallel scan over the keys gives dense ids in ascending key order
//      (= ascending external id), the external ids and the CSR offsets (prefix sums of counts),
//      and turns each part's count into that part's next slot in the key's list.
//   4. Scatter both directions of every row, each part through its own cursors (no atomics).
//      With relationship data each entry is packed (neighbour << 32 | strength << 16 | since) so
//      the sort carries it along.
//   5. Sort each list (insertion sort when short, else LSD radix sort on the neighbour's bits)
//      and merge duplicates (a merged connection keeps the highest strength and the earliest
//      known since-date); when duplicates were found, compact in parallel blocks, then one move
//      per block.
//   6. Id index (open addressing, filled with CAS), member flags and dictionary-encoded columns.
//
// Measured on Kronecker scale 20, edge factor 16 (16.8M rows, 2 cores; bench/micro/import_bench):
// CPU seconds per phase are in the benchmark's counters; the scatter (random stores into the
// neighbour array) and first-touch page faults dominate.

#include <algorithm>
#include <atomic>
#include <cstring>
#include <limits>
#include <numeric>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "engine/graph/row_chunks.h"
#include "engine/util/buffer.h"
#include "engine/util/strings.h"
#include "liaison/builder.h"
#include "oneapi/tbb/blocked_range.h"
#include "oneapi/tbb/enumerable_thread_specific.h"
#include "oneapi/tbb/parallel_for.h"
#include "oneapi/tbb/parallel_reduce.h"
#include "oneapi/tbb/parallel_sort.h"
#include "oneapi/tbb/partitioner.h"
#include "oneapi/tbb/task_arena.h"

namespace liaison {
namespace {

constexpr size_t kGrain = 1 << 14;
constexpr uint64_t kKeyBlock = 1 << 16;  // keys per block of the numbering scan

// Memory behind a built snapshot.
struct BuiltStorage {
  Buffer<uint64_t> offsets;
  Buffer<VertexId> neighbors;
  Buffer<uint8_t> strength;
  Buffer<PackedDate> since;
  Buffer<ExternalId> external_ids;
  Buffer<uint32_t> id_index;
  Buffer<VertexId> top_neighbors;
  Buffer<uint8_t> flags;
  Buffer<PackedDate> last_updated;
  struct Text {
    Buffer<uint32_t> codes;
    std::vector<uint64_t> dict_offsets;
    std::string dict_chars;
  };
  std::array<Text, kNumTextColumns> text;
};

template <typename T>
void ParallelFill(T* data, size_t size, T value) {
  tbb::parallel_for(tbb::blocked_range<size_t>(0, size, kGrain),
                    [&](const tbb::blocked_range<size_t>& r) {
                      std::fill(data + r.begin(), data + r.end(), value);
                    });
}

absl::Status TooManyMembers(uint64_t n) {
  return absl::ResourceExhaustedError(
      absl::StrCat(n, " distinct members; at most ", kNoVertex - 1, " fit in 32-bit member ids"));
}

// ---------------------------------------------------------------------------------------------
// Row sources. Each offers chunks of rows; Visit(c, begin, end, fn) calls fn(a, b, i) for rows
// [begin, end) of chunk c, with a and b as keys (uint64_t).

class BatchRows {
 public:
  explicit BatchRows(const std::vector<ConnectionBatch>& batches) : batches_(batches) {
    for (const ConnectionBatch& b : batches) {
      has_strength_ |= !b.strength.empty();
      has_since_ |= !b.since.empty();
    }
  }
  size_t num_chunks() const { return batches_.size(); }
  uint64_t rows(size_t c) const { return batches_[c].size(); }
  template <typename Fn>
  void Visit(size_t c, uint64_t begin, uint64_t end, Fn&& fn) const {
    const ExternalId* a = batches_[c].a.data();
    const ExternalId* b = batches_[c].b.data();
    for (uint64_t i = begin; i < end; ++i) fn(a[i], b[i], i);
  }
  bool has_strength() const { return has_strength_; }
  bool has_since() const { return has_since_; }
  uint8_t strength(size_t c, uint64_t i) const {
    const auto& s = batches_[c].strength;
    return s.empty() ? 255 : s[i];
  }
  PackedDate since(size_t c, uint64_t i) const {
    const auto& s = batches_[c].since;
    return s.empty() ? kNoDate : s[i];
  }
  // Self-loop rows are among the rows; none is listed apart.
  size_t num_listed_self_loops(size_t c) const { return 0; }
  uint64_t listed_self_loop(size_t c, size_t j) const { return 0; }
  // The largest key of chunk c when known without a pass over it.
  bool knows_max_key() const { return false; }
  uint64_t max_key(size_t c) const { return 0; }

 private:
  const std::vector<ConnectionBatch>& batches_;
  bool has_strength_ = false, has_since_ = false;
};

class ChunkRows {
 public:
  explicit ChunkRows(const std::vector<RowChunk>& chunks) : chunks_(chunks) {
    for (const RowChunk& c : chunks) {
      has_strength_ |= !c.strength.empty();
      has_since_ |= !c.since.empty();
    }
  }
  size_t num_chunks() const { return chunks_.size(); }
  uint64_t rows(size_t c) const { return chunks_[c].rows; }
  template <typename Fn>
  void Visit(size_t c, uint64_t begin, uint64_t end, Fn&& fn) const {
    const RowChunk& chunk = chunks_[c];
    if (chunk.wide) {
      const uint64_t* p = chunk.pairs64;
      for (uint64_t i = begin; i < end; ++i) fn(p[2 * i], p[2 * i + 1], i);
    } else {
      const uint32_t* p = chunk.pairs32;
      for (uint64_t i = begin; i < end; ++i) fn(uint64_t{p[2 * i]}, uint64_t{p[2 * i + 1]}, i);
    }
  }
  bool has_strength() const { return has_strength_; }
  bool has_since() const { return has_since_; }
  uint8_t strength(size_t c, uint64_t i) const {
    const auto& s = chunks_[c].strength;
    return s.empty() ? 255 : s[i];
  }
  PackedDate since(size_t c, uint64_t i) const {
    const auto& s = chunks_[c].since;
    return s.empty() ? kNoDate : s[i];
  }
  size_t num_listed_self_loops(size_t c) const { return chunks_[c].self_loop_ids.size(); }
  uint64_t listed_self_loop(size_t c, size_t j) const { return chunks_[c].self_loop_ids[j]; }
  bool knows_max_key() const { return true; }
  uint64_t max_key(size_t c) const { return chunks_[c].max_id; }

 private:
  const std::vector<RowChunk>& chunks_;
  bool has_strength_ = false, has_since_ = false;
};

// Rows of another source with every id replaced by its dense key (the sparse-id path).
template <typename Src>
class RekeyedRows {
 public:
  RekeyedRows(const Src& original, std::vector<Buffer<uint32_t>> pairs,
              std::vector<std::vector<uint32_t>> loops)
      : original_(original), pairs_(std::move(pairs)), loops_(std::move(loops)) {}
  size_t num_chunks() const { return original_.num_chunks(); }
  uint64_t rows(size_t c) const { return original_.rows(c); }
  template <typename Fn>
  void Visit(size_t c, uint64_t begin, uint64_t end, Fn&& fn) const {
    const uint32_t* p = pairs_[c].data();
    for (uint64_t i = begin; i < end; ++i) fn(uint64_t{p[2 * i]}, uint64_t{p[2 * i + 1]}, i);
  }
  bool has_strength() const { return original_.has_strength(); }
  bool has_since() const { return original_.has_since(); }
  uint8_t strength(size_t c, uint64_t i) const { return original_.strength(c, i); }
  PackedDate since(size_t c, uint64_t i) const { return original_.since(c, i); }
  size_t num_listed_self_loops(size_t c) const { return loops_[c].size(); }
  uint64_t listed_self_loop(size_t c, size_t j) const { return loops_[c][j]; }

 private:
  const Src& original_;
  std::vector<Buffer<uint32_t>> pairs_;
  std::vector<std::vector<uint32_t>> loops_;
};

// Calls fn(key) for every listed self-loop, in parallel over chunks.
template <typename Src, typename Fn>
void ForEachListedSelfLoop(const Src& src, Fn&& fn) {
  tbb::parallel_for(size_t{0}, src.num_chunks(), [&](size_t c) {
    const size_t count = src.num_listed_self_loops(c);
    for (size_t j = 0; j < count; ++j) fn(src.listed_self_loop(c, j));
  });
}

// ---------------------------------------------------------------------------------------------
// Id index.

void BuildIdIndex(const Buffer<ExternalId>& ids, Buffer<uint32_t>& table) {
  // Load factor at most 0.8: 4 to 8 bytes per member, and short linear-probe runs.
  uint64_t size = 2;
  while (size * 4 < ids.size() * 5) size <<= 1;
  table = Buffer<uint32_t>(size);
  ParallelFill<uint32_t>(table.data(), table.size(), kNoVertex);
  const uint64_t mask = size - 1;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, ids.size(), kGrain),
                    [&](const tbb::blocked_range<size_t>& r) {
                      for (size_t v = r.begin(); v != r.end(); ++v) {
                        uint64_t slot = HashExternalId(ids[v]) & mask;
                        while (true) {
                          uint32_t expected = kNoVertex;
                          if (std::atomic_ref<uint32_t>(table[slot]).compare_exchange_strong(
                                  expected, static_cast<uint32_t>(v), std::memory_order_relaxed)) {
                            break;
                          }
                          slot = (slot + 1) & mask;
                        }
                      }
                    });
}

// The dense id of `id` in an index built by BuildIdIndex; REQUIRES: `id` is in `ids`.
inline uint32_t LookUp(const Buffer<ExternalId>& ids, const Buffer<uint32_t>& table, ExternalId id) {
  const uint64_t mask = table.size() - 1;
  uint64_t slot = HashExternalId(id) & mask;
  while (ids[table[slot]] != id) slot = (slot + 1) & mask;
  return table[slot];
}

// ---------------------------------------------------------------------------------------------
// Adjacency lists.

// Packed adjacency entry used while building with relationship data.
inline uint64_t Pack(VertexId nbr, uint8_t strength, PackedDate since) {
  return (uint64_t{nbr} << 32) | (uint64_t{strength} << 16) | since;
}
inline VertexId PackedNeighbor(uint64_t x) { return static_cast<VertexId>(x >> 32); }
inline uint8_t PackedStrength(uint64_t x) { return static_cast<uint8_t>(x >> 16); }
inline PackedDate PackedSince(uint64_t x) { return static_cast<PackedDate>(x); }

// The sort key of an adjacency entry: the neighbour.
inline uint32_t EntryKey(uint32_t x) { return x; }
inline uint32_t EntryKey(uint64_t x) { return PackedNeighbor(x); }

// Sorts entries[0, size) by neighbour (entries with equal neighbours in any order): insertion
// sort for short lists, else an LSD radix sort on the `key_bits` low bits of the neighbour
// through `temp`, in passes of at most 7 bits below 1024 entries (fewer buckets to clear) and
// at most 11 bits above. Measured on random 20-bit keys: 3-5x faster than std::sort from 48
// entries up.
template <typename T>
void SortList(T* entries, uint64_t size, int key_bits, std::vector<T>& temp) {
  if (size <= 40) {
    for (uint64_t i = 1; i < size; ++i) {
      const T x = entries[i];
      uint64_t j = i;
      for (; j > 0 && EntryKey(entries[j - 1]) > EntryKey(x); --j) entries[j] = entries[j - 1];
      entries[j] = x;
    }
    return;
  }
  const int max_digit = size < 1024 ? 7 : 11;
  const int passes = (key_bits + max_digit - 1) / max_digit;
  const int digit = (key_bits + passes - 1) / passes;
  const uint32_t buckets = 1u << digit, mask = buckets - 1;
  if (temp.size() < size) temp.resize(size);
  T* from = entries;
  T* to = temp.data();
  uint32_t count[1 << 11];
  for (int shift = 0; shift < key_bits; shift += digit) {
    std::fill(count, count + buckets, 0);
    for (uint64_t i = 0; i < size; ++i) ++count[(EntryKey(from[i]) >> shift) & mask];
    uint32_t sum = 0;
    for (uint32_t d = 0; d < buckets; ++d) sum += std::exchange(count[d], sum);
    for (uint64_t i = 0; i < size; ++i) to[count[(EntryKey(from[i]) >> shift) & mask]++] = from[i];
    std::swap(from, to);
  }
  if (from != entries) std::memcpy(entries, from, size * sizeof(T));
}

// Sorts and deduplicates entries[0, size) in place; returns the new length.
template <typename T>
uint64_t SortAndMerge(T* entries, uint64_t size, int key_bits, std::vector<T>& temp) {
  SortList(entries, size, key_bits, temp);
  if (size == 0) return 0;
  uint64_t out = 0;
  for (uint64_t i = 1; i < size; ++i) {
    if constexpr (std::is_same_v<T, uint64_t>) {
      if (PackedNeighbor(entries[i]) == PackedNeighbor(entries[out])) {
        const uint8_t s = std::max(PackedStrength(entries[i]), PackedStrength(entries[out]));
        const PackedDate d1 = PackedSince(entries[i]), d2 = PackedSince(entries[out]);
        const PackedDate d = d1 == kNoDate ? d2 : d2 == kNoDate ? d1 : std::min(d1, d2);
        entries[out] = Pack(PackedNeighbor(entries[out]), s, d);
        continue;
      }
    } else {
      if (entries[i] == entries[out]) continue;
    }
    entries[++out] = entries[i];
  }
  return out + 1;
}

inline void MarkKey(Buffer<uint64_t>& bits, uint64_t key) {
  std::atomic_ref<uint64_t>(bits[key >> 6]).fetch_or(uint64_t{1} << (key & 63),
                                                      std::memory_order_relaxed);
}
inline bool KeyMarked(const Buffer<uint64_t>& bits, uint64_t key) {
  return (bits[key >> 6] >> (key & 63)) & 1;
}

// Compacts lists after merging: list v moves from [offsets[v], +len[v]) to the front, in vertex
// order; offsets are rewritten. Blocks of members compact within their own old range in
// parallel (safe: each block only touches its range), then each block's run moves to its final
// place in block order (one memmove per block; a run never moves right).
template <typename T>
void CompactLists(Buffer<uint64_t>& offsets, const Buffer<uint32_t>& len, uint32_t n, Buffer<T>& entries) {
  constexpr uint32_t kBlock = 1 << 12;
  const uint32_t num_blocks = (n + kBlock - 1) / kBlock;
  std::vector<uint64_t> old_start(num_blocks), run(num_blocks), new_start(num_blocks);
  tbb::parallel_for(uint32_t{0}, num_blocks, [&](uint32_t blk) {
    const uint32_t first = blk * kBlock, last = std::min(n, first + kBlock);
    old_start[blk] = offsets[first];
    uint64_t out = old_start[blk];
    for (uint32_t v = first; v < last; ++v) {
      const uint64_t begin = offsets[v];
      if (out != begin) std::memmove(entries.data() + out, entries.data() + begin, len[v] * sizeof(T));
      offsets[v] = out - old_start[blk];  // relative to the block's run until its run has moved
      out += len[v];
    }
    run[blk] = out - old_start[blk];
  });
  uint64_t total = 0;
  for (uint32_t blk = 0; blk < num_blocks; ++blk) {
    new_start[blk] = total;
    if (old_start[blk] != total) {
      std::memmove(entries.data() + total, entries.data() + old_start[blk], run[blk] * sizeof(T));
    }
    total += run[blk];
  }
  tbb::parallel_for(uint32_t{0}, num_blocks, [&](uint32_t blk) {
    const uint32_t first = blk * kBlock, last = std::min(n, first + kBlock);
    for (uint32_t v = first; v < last; ++v) offsets[v] += new_start[blk];
  });
  offsets[n] = total;
  entries.Shrink(total);
}

// Key space of the core: keys are 0..num_keys-1; key k's external id is k itself when
// `key_to_external` is null, else key_to_external[k].
struct KeySpace {
  uint64_t num_keys = 0;
  const ExternalId* key_to_external = nullptr;
};

// Rows of a source cut into `parts` contiguous ranges of about equal size; part p is the list of
// (chunk, begin, end) pieces it covers.
struct Piece {
  size_t chunk;
  uint64_t begin, end;
};
template <typename Src>
std::vector<std::vector<Piece>> SplitRows(const Src& src, uint64_t rows, size_t parts) {
  std::vector<std::vector<Piece>> out(parts);
  const uint64_t per_part = (rows + parts - 1) / std::max<size_t>(parts, 1);
  size_t p = 0;
  uint64_t room = per_part;
  for (size_t c = 0; c < src.num_chunks(); ++c) {
    uint64_t begin = 0;
    const uint64_t size = src.rows(c);
    while (begin < size) {
      if (room == 0 && p + 1 < parts) {
        ++p;
        room = per_part;
      }
      const uint64_t take = p + 1 == parts ? size - begin : std::min(room, size - begin);
      out[p].push_back({c, begin, begin + take});
      begin += take;
      room -= std::min(room, take);
    }
  }
  return out;
}

// Calls fn(c, begin, end) for every piece of every part: parts in parallel, pieces in order.
template <typename Fn>
void ForEachPart(const std::vector<std::vector<Piece>>& parts, Fn&& fn) {
  tbb::parallel_for(
      tbb::blocked_range<size_t>(0, parts.size(), 1),
      [&](const tbb::blocked_range<size_t>& r) {
        for (size_t p = r.begin(); p != r.end(); ++p) fn(p);
      },
      tbb::simple_partitioner());
}

// Scratch for sorting long lists, one per thread, reused (warm) across lists.
template <typename T>
using SortScratch = tbb::enumerable_thread_specific<std::vector<T>>;

// Steps 2-5 over a row source whose ids are keys. Fills offsets, neighbours, strength/since and
// external ids. `remap` is the key -> dense table (meaningful for present keys only); its memory
// is reused afterwards, so it is not returned.
//
// Counting and scattering run over P parts of the rows, each with its own 64-bit count array over
// the keys. Plain increments, no atomics: a locked increment waits for every earlier store to
// complete, so next to random stores into the neighbour array it serialises on memory latency.
// The numbering scan turns the counts of key k into each part's next slot in k's list, absolute,
// so the scatter needs for each end one cursor (read-modify-write) and the other end's dense id:
// two random accesses into arrays that fit in the last-level cache, and one random store.
// When P arrays would cost too much memory (keys far more numerous than rows), one shared array
// with atomic increments serves all parts (P = 1).
template <typename Src>
absl::Status BuildCsr(const Src& src, uint64_t rows, const KeySpace& keys,
                      std::span<const uint64_t> member_keys, BuiltStorage& s, BuildReport& rep,
                      PhaseClock& clock, const BuildTuning& tuning) {
  const uint64_t num_keys = keys.num_keys;
  const size_t threads = static_cast<size_t>(std::max(1, tbb::this_task_arena::max_concurrency()));
  size_t num_parts = 2 * threads;
  const uint64_t count_budget = std::max<uint64_t>(uint64_t{32} << 20, rows * 4);
  while (num_parts > 1 && num_parts * num_keys * 8 > count_budget) num_parts /= 2;
  if (tuning.count_parts > 0) num_parts = tuning.count_parts;
  const bool shared_counts = num_parts == 1 && threads > 1;
  const auto parts = SplitRows(src, rows, shared_counts ? 4 * threads : num_parts);

  // 2. Count.
  Buffer<uint64_t> counts(num_parts * num_keys);
  ParallelFill<uint64_t>(counts.data(), counts.size(), 0);
  Buffer<uint64_t> marked((num_keys + 63) / 64);
  ParallelFill<uint64_t>(marked.data(), marked.size(), 0);
  std::atomic<uint64_t> loops_in_rows{0};
  ForEachPart(parts, [&](size_t p) {
    uint64_t* count = counts.data() + (shared_counts ? 0 : p * num_keys);
    uint64_t loops = 0;
    for (const Piece& piece : parts[p]) {
      src.Visit(piece.chunk, piece.begin, piece.end, [&](uint64_t a, uint64_t b, uint64_t) {
        if (a == b) {
          MarkKey(marked, a);
          ++loops;
          return;
        }
        if (shared_counts) {
          std::atomic_ref<uint64_t>(count[a]).fetch_add(1, std::memory_order_relaxed);
          std::atomic_ref<uint64_t>(count[b]).fetch_add(1, std::memory_order_relaxed);
        } else {
          ++count[a];
          ++count[b];
        }
      });
    }
    if (loops) loops_in_rows.fetch_add(loops, std::memory_order_relaxed);
  });
  uint64_t listed_loops = 0;
  for (size_t c = 0; c < src.num_chunks(); ++c) listed_loops += src.num_listed_self_loops(c);
  ForEachListedSelfLoop(src, [&](uint64_t key) { MarkKey(marked, key); });
  for (uint64_t key : member_keys) MarkKey(marked, key);
  rep.self_loops_dropped = loops_in_rows.load() + listed_loops;
  clock.Mark("build: count degrees");

  // 3. Number.
  const uint64_t num_blocks = (num_keys + kKeyBlock - 1) / kKeyBlock;
  std::vector<uint64_t> block_members(num_blocks + 1, 0), block_entries(num_blocks + 1, 0);
  tbb::parallel_for(uint64_t{0}, num_blocks, [&](uint64_t blk) {
    uint64_t members = 0, entries = 0;
    for (uint64_t k = blk * kKeyBlock, end = std::min(num_keys, k + kKeyBlock); k < end; ++k) {
      uint64_t d = 0;
      for (size_t p = 0; p < num_parts; ++p) d += counts[p * num_keys + k];
      members += d != 0 || KeyMarked(marked, k);
      entries += d;
    }
    block_members[blk] = members;
    block_entries[blk] = entries;
  });
  std::exclusive_scan(block_members.begin(), block_members.end(), block_members.begin(), uint64_t{0});
  std::exclusive_scan(block_entries.begin(), block_entries.end(), block_entries.begin(), uint64_t{0});
  const uint64_t n64 = block_members[num_blocks];
  if (n64 >= kNoVertex) return TooManyMembers(n64);
  const uint32_t n = static_cast<uint32_t>(n64);
  const uint64_t num_entries = block_entries[num_blocks];
  s.offsets = Buffer<uint64_t>(uint64_t{n} + 1);
  s.external_ids = Buffer<ExternalId>(n);
  Buffer<uint32_t> remap(num_keys);
  tbb::parallel_for(uint64_t{0}, num_blocks, [&](uint64_t blk) {
    uint32_t v = static_cast<uint32_t>(block_members[blk]);
    uint64_t offset = block_entries[blk];
    for (uint64_t k = blk * kKeyBlock, end = std::min(num_keys, k + kKeyBlock); k < end; ++k) {
      uint64_t next = offset;
      for (size_t p = 0; p < num_parts; ++p) {  // counts become each part's next slot
        uint64_t& c = counts[p * num_keys + k];
        const uint64_t part_count = c;
        c = next;
        next += part_count;
      }
      if (next == offset && !KeyMarked(marked, k)) continue;
      s.offsets[v] = offset;
      s.external_ids[v] = keys.key_to_external ? keys.key_to_external[k] : k;
      remap[k] = v++;
      offset = next;
    }
  });
  s.offsets[n] = num_entries;
  marked = Buffer<uint64_t>();
  clock.Mark("build: number members");

  // 4. Scatter.
  const bool packed = src.has_strength() || src.has_since();
  Buffer<uint64_t> packed_entries;
  if (packed) {
    packed_entries = Buffer<uint64_t>(num_entries);
  } else {
    s.neighbors = Buffer<VertexId>(num_entries);
  }
  ForEachPart(parts, [&](size_t p) {
    uint64_t* cursor = counts.data() + (shared_counts ? 0 : p * num_keys);
    auto next_slot = [&](uint64_t key) {
      return shared_counts ? std::atomic_ref<uint64_t>(cursor[key]).fetch_add(1, std::memory_order_relaxed)
                           : cursor[key]++;
    };
    // Rows go through a small ring: a row's cursor and dense-id lines are prefetched when it
    // enters, and it is written kAhead rows later, so those random reads overlap.
    constexpr uint64_t kAhead = 16;
    struct Pending {
      uint64_t a, b, i;
    };
    Pending ring[kAhead];
    for (const Piece& piece : parts[p]) {
      const size_t c = piece.chunk;
      auto place = [&](const Pending& row) {
        const VertexId u = remap[row.a], v = remap[row.b];
        const uint64_t pu = next_slot(row.a), pv = next_slot(row.b);
        if (packed) {
          const uint8_t st = src.strength(c, row.i);
          const PackedDate d = src.since(c, row.i);
          packed_entries[pu] = Pack(v, st, d);
          packed_entries[pv] = Pack(u, st, d);
        } else {
          s.neighbors[pu] = v;
          s.neighbors[pv] = u;
        }
      };
      uint64_t seen = 0;
      src.Visit(c, piece.begin, piece.end, [&](uint64_t a, uint64_t b, uint64_t i) {
        if (a == b) return;
        __builtin_prefetch(&cursor[a], 1);
        __builtin_prefetch(&cursor[b], 1);
        __builtin_prefetch(&remap[a]);
        __builtin_prefetch(&remap[b]);
        Pending& slot = ring[seen % kAhead];
        if (seen >= kAhead) place(slot);
        slot = {a, b, i};
        ++seen;
      });
      for (uint64_t j = seen > kAhead ? seen - kAhead : 0; j < seen; ++j) place(ring[j % kAhead]);
    }
  });
  counts = Buffer<uint64_t>();
  clock.Mark("build: scatter");

  // 5. Sort and merge; `len` (remap's memory, no longer needed) receives the merged lengths.
  Buffer<uint32_t>& len = remap;
  int key_bits = 1;
  while (key_bits < 32 && (uint64_t{1} << key_bits) < n) ++key_bits;
  auto sort_all = [&](auto* entries) {
    using T = std::remove_pointer_t<decltype(entries)>;
    SortScratch<T> scratch;
    return tbb::parallel_reduce(
        tbb::blocked_range<uint32_t>(0, n, 256), uint64_t{0},
        [&](const tbb::blocked_range<uint32_t>& r, uint64_t removed) {
          std::vector<T>& temp = scratch.local();
          for (uint32_t v = r.begin(); v != r.end(); ++v) {
            const uint64_t size = s.offsets[v + 1] - s.offsets[v];
            len[v] = static_cast<uint32_t>(SortAndMerge(entries + s.offsets[v], size, key_bits, temp));
            removed += size - len[v];
          }
          return removed;
        },
        [](uint64_t x, uint64_t y) { return x + y; });
  };
  const uint64_t removed = packed ? sort_all(packed_entries.data()) : sort_all(s.neighbors.data());
  clock.Mark("build: sort lists");
  if (removed > 0) {
    if (packed) {
      CompactLists(s.offsets, len, n, packed_entries);
    } else {
      CompactLists(s.offsets, len, n, s.neighbors);
    }
    clock.Mark("build: compact");
  }
  rep.duplicates_merged = removed / 2;

  if (packed) {
    const size_t size = packed_entries.size();
    s.neighbors = Buffer<VertexId>(size);
    if (src.has_strength()) s.strength = Buffer<uint8_t>(size);
    if (src.has_since()) s.since = Buffer<PackedDate>(size);
    const bool with_strength = src.has_strength(), with_since = src.has_since();
    tbb::parallel_for(tbb::blocked_range<size_t>(0, size, kGrain),
                      [&](const tbb::blocked_range<size_t>& r) {
                        for (size_t e = r.begin(); e != r.end(); ++e) {
                          s.neighbors[e] = PackedNeighbor(packed_entries[e]);
                          if (with_strength) s.strength[e] = PackedStrength(packed_entries[e]);
                          if (with_since) s.since[e] = PackedSince(packed_entries[e]);
                        }
                      });
    clock.Mark("build: unpack relationship data");
  }
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------------------------
// Members.

template <typename MapFn>
absl::Status FillMembers(const MemberTable& members, MapFn map, uint32_t n, BuiltStorage& s,
                         uint32_t* num_hiding) {
  const size_t rows = members.size();
  auto bad_size = [&](std::string_view what, size_t size) {
    return absl::InvalidArgumentError(
        absl::StrCat("member table column ", ToAbsl(what), " has ", size, " rows, expected ", rows));
  };
  if (!members.flags.empty() && members.flags.size() != rows) return bad_size("flags", members.flags.size());
  if (!members.last_updated.empty() && members.last_updated.size() != rows) {
    return bad_size("last_updated", members.last_updated.size());
  }
  for (int c = 0; c < kNumTextColumns; ++c) {
    if (!members.text[c].empty() && members.text[c].size() != rows) {
      return bad_size(TextColumnName(static_cast<TextColumn>(c)), members.text[c].size());
    }
  }
  Buffer<uint32_t> row_of(n, std::numeric_limits<uint32_t>::max());
  for (size_t i = 0; i < rows; ++i) {
    const VertexId v = map(members.ids[i]);
    if (row_of[v] != std::numeric_limits<uint32_t>::max()) {
      return absl::InvalidArgumentError(
          absl::StrCat("member ", members.ids[i], " is listed more than once"));
    }
    row_of[v] = static_cast<uint32_t>(i);
    s.flags[v] = (members.flags.empty() ? 0 : members.flags[i]) | kHasProfile;
    if (s.flags[v] & kHidesConnections) ++*num_hiding;
  }
  if (!members.last_updated.empty()) {
    s.last_updated = Buffer<PackedDate>(n, kNoDate);
    for (size_t i = 0; i < rows; ++i) s.last_updated[map(members.ids[i])] = members.last_updated[i];
  }
  for (int c = 0; c < kNumTextColumns; ++c) {
    const auto& values = members.text[c];
    if (values.empty()) continue;
    BuiltStorage::Text& t = s.text[c];
    t.codes = Buffer<uint32_t>(n, 0);
    t.dict_offsets.push_back(0);
    absl::flat_hash_map<std::string_view, uint32_t> dict;
    for (VertexId v = 0; v < n; ++v) {  // dense order, so codes follow first appearance by id
      if (row_of[v] == std::numeric_limits<uint32_t>::max()) continue;
      const std::string& value = values[row_of[v]];
      if (value.empty()) continue;
      auto [it, inserted] = dict.emplace(value, static_cast<uint32_t>(dict.size() + 1));
      if (inserted) {
        t.dict_chars += value;
        t.dict_offsets.push_back(t.dict_chars.size());
      }
      t.codes[v] = it->second;
    }
  }
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------------------------
// Driver.

template <typename Src>
absl::StatusOr<std::shared_ptr<const Snapshot>> Build(const Src& src, const MemberTable* members,
                                                      BuildReport& rep, PhaseTimings* timings,
                                                      const BuildTuning& tuning) {
  PhaseClock clock(timings);
  if (members && members->ids.empty() && members->size() != 0) {
    return absl::InvalidArgumentError("member table has no id column");
  }
  uint64_t rows = 0, listed_loops = 0;
  for (size_t c = 0; c < src.num_chunks(); ++c) {
    rows += src.rows(c);
    listed_loops += src.num_listed_self_loops(c);
  }
  rep = BuildReport();
  rep.connections_in = rows + listed_loops;
  const uint64_t member_rows = members ? members->size() : 0;
  const uint64_t total_ids = 2 * rows + listed_loops + member_rows;

  // 1. Keys: the largest id decides between direct keys and sorted dense keys.
  ExternalId max_id = 0;
  if (src.knows_max_key()) {
    for (size_t c = 0; c < src.num_chunks(); ++c) max_id = std::max<ExternalId>(max_id, src.max_key(c));
  } else {
    max_id = tbb::parallel_reduce(
        tbb::blocked_range<size_t>(0, src.num_chunks(), 1), ExternalId{0},
        [&](const tbb::blocked_range<size_t>& chunks, ExternalId m) {
          for (size_t c = chunks.begin(); c != chunks.end(); ++c) {
            m = std::max(m, tbb::parallel_reduce(
                                tbb::blocked_range<uint64_t>(0, src.rows(c), kGrain), ExternalId{0},
                                [&](const tbb::blocked_range<uint64_t>& r, ExternalId x) {
                                  src.Visit(c, r.begin(), r.end(), [&](uint64_t a, uint64_t b, uint64_t) {
                                    x = std::max(x, std::max(a, b));
                                  });
                                  return x;
                                },
                                [](ExternalId x, ExternalId y) { return std::max(x, y); }));
          }
          return m;
        },
        [](ExternalId x, ExternalId y) { return std::max(x, y); });
  }
  if (members) {
    for (ExternalId id : members->ids) max_id = std::max(max_id, id);
  }
  const bool direct = max_id < (uint64_t{1} << 32) - 1 && max_id <= 4 * total_ids + 1024;
  clock.Mark("build: key range");

  auto storage = std::make_shared<BuiltStorage>();
  BuiltStorage& s = *storage;
  uint32_t n = 0;
  uint32_t num_hiding = 0;
  if (direct) {
    const uint64_t num_keys = total_ids == 0 ? 0 : max_id + 1;
    std::span<const uint64_t> member_keys;
    if (members) member_keys = std::span<const uint64_t>(members->ids.data(), members->ids.size());
    if (absl::Status st = BuildCsr(src, rows, KeySpace{num_keys, nullptr}, member_keys, s, rep, clock, tuning);
        !st.ok()) {
      return st;
    }
    n = static_cast<uint32_t>(s.external_ids.size());
    BuildIdIndex(s.external_ids, s.id_index);
    clock.Mark("build: id index");
    s.flags = Buffer<uint8_t>(n, 0);
    if (members) {
      absl::Status st = FillMembers(
          *members, [&](ExternalId id) { return LookUp(s.external_ids, s.id_index, id); }, n, s, &num_hiding);
      if (!st.ok()) return st;
    }
  } else {
    // Sorted dense keys: collect every id, sort, deduplicate, index, rewrite the rows.
    std::vector<uint64_t> chunk_start(src.num_chunks() + 1, 0);
    for (size_t c = 0; c < src.num_chunks(); ++c) {
      chunk_start[c + 1] = chunk_start[c] + 2 * src.rows(c) + src.num_listed_self_loops(c);
    }
    Buffer<ExternalId> all(total_ids);
    tbb::parallel_for(size_t{0}, src.num_chunks(), [&](size_t c) {
      ExternalId* out = all.data() + chunk_start[c];
      src.Visit(c, 0, src.rows(c), [&](uint64_t a, uint64_t b, uint64_t i) {
        out[2 * i] = a;
        out[2 * i + 1] = b;
      });
      for (size_t j = 0; j < src.num_listed_self_loops(c); ++j) {
        out[2 * src.rows(c) + j] = src.listed_self_loop(c, j);
      }
    });
    if (members) std::copy(members->ids.begin(), members->ids.end(), all.data() + chunk_start.back());
    tbb::parallel_sort(all.begin(), all.end());
    const size_t unique = static_cast<size_t>(std::unique(all.begin(), all.end()) - all.begin());
    if (unique >= kNoVertex) return TooManyMembers(unique);
    Buffer<ExternalId> sorted(unique);
    std::copy(all.begin(), all.begin() + unique, sorted.begin());
    all = Buffer<ExternalId>();
    BuildIdIndex(sorted, s.id_index);
    clock.Mark("build: sort ids");

    std::vector<Buffer<uint32_t>> pairs(src.num_chunks());
    std::vector<std::vector<uint32_t>> loops(src.num_chunks());
    tbb::parallel_for(size_t{0}, src.num_chunks(), [&](size_t c) {
      pairs[c] = Buffer<uint32_t>(2 * src.rows(c));
      uint32_t* out = pairs[c].data();
      tbb::parallel_for(tbb::blocked_range<uint64_t>(0, src.rows(c), kGrain),
                        [&](const tbb::blocked_range<uint64_t>& r) {
                          src.Visit(c, r.begin(), r.end(), [&](uint64_t a, uint64_t b, uint64_t i) {
                            out[2 * i] = LookUp(sorted, s.id_index, a);
                            out[2 * i + 1] = LookUp(sorted, s.id_index, b);
                          });
                        });
      loops[c].resize(src.num_listed_self_loops(c));
      for (size_t j = 0; j < loops[c].size(); ++j) {
        loops[c][j] = LookUp(sorted, s.id_index, src.listed_self_loop(c, j));
      }
    });
    std::vector<uint64_t> member_keys;
    if (members) {
      member_keys.reserve(members->size());
      for (ExternalId id : members->ids) member_keys.push_back(LookUp(sorted, s.id_index, id));
    }
    RekeyedRows<Src> rekeyed(src, std::move(pairs), std::move(loops));
    clock.Mark("build: rewrite rows");
    if (absl::Status st = BuildCsr(rekeyed, rows, KeySpace{unique, sorted.data()}, member_keys, s, rep,
                                   clock, tuning);
        !st.ok()) {
      return st;
    }
    n = static_cast<uint32_t>(s.external_ids.size());
    s.flags = Buffer<uint8_t>(n, 0);
    if (members) {
      absl::Status st = FillMembers(
          *members, [&](ExternalId id) { return LookUp(sorted, s.id_index, id); }, n, s, &num_hiding);
      if (!st.ok()) return st;
    }
  }
  rep.connections_kept = s.neighbors.size() / 2;
  rep.members = n;
  rep.isolated_members = tbb::parallel_reduce(
      tbb::blocked_range<uint32_t>(0, n, kGrain), uint64_t{0},
      [&](const tbb::blocked_range<uint32_t>& r, uint64_t count) {
        for (uint32_t v = r.begin(); v != r.end(); ++v) count += s.offsets[v + 1] == s.offsets[v];
        return count;
      },
      [](uint64_t x, uint64_t y) { return x + y; });
  clock.Mark("build: members and flags");
  s.top_neighbors = Buffer<VertexId>(kTopNeighbors * size_t{n});
  FillTopNeighbors(s.offsets.span(), s.neighbors.span(), s.top_neighbors.span());
  clock.Mark("build: top neighbors");

  Snapshot::Parts parts;
  parts.offsets = s.offsets.span();
  parts.neighbors = s.neighbors.span();
  parts.strength = s.strength.span();
  parts.since = s.since.span();
  parts.external_ids = s.external_ids.span();
  parts.id_index = s.id_index.span();
  parts.flags = s.flags.span();
  parts.last_updated = s.last_updated.span();
  parts.top_neighbors = s.top_neighbors.span();
  for (int c = 0; c < kNumTextColumns; ++c) {
    if (members == nullptr || members->text[c].empty()) continue;
    parts.text[c].codes = s.text[c].codes.span();
    parts.text[c].dict_offsets = s.text[c].dict_offsets;
    parts.text[c].dict_chars = std::span<const char>(s.text[c].dict_chars);
  }
  parts.has_members_file = members != nullptr;
  parts.num_hiding = num_hiding;
  parts.storage = storage;
  return std::shared_ptr<const Snapshot>(std::make_shared<Snapshot>(std::move(parts)));
}

absl::Status CheckBatches(const std::vector<ConnectionBatch>& batches) {
  for (size_t b = 0; b < batches.size(); ++b) {
    const ConnectionBatch& batch = batches[b];
    if (batch.b.size() != batch.a.size() ||
        (!batch.strength.empty() && batch.strength.size() != batch.a.size()) ||
        (!batch.since.empty() && batch.since.size() != batch.a.size())) {
      return absl::InvalidArgumentError(
          absl::StrCat("connection batch ", b, " has columns of different lengths"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::shared_ptr<const Snapshot>> BuildSnapshotTimed(
    std::vector<ConnectionBatch> batches, const MemberTable* members, BuildReport* report,
    PhaseTimings* timings, const BuildTuning& tuning) {
  BuildReport local_report;
  BuildReport& rep = report ? *report : local_report;
  rep = BuildReport();
  if (absl::Status st = CheckBatches(batches); !st.ok()) return st;
  return Build(BatchRows(batches), members, rep, timings, tuning);
}

absl::StatusOr<std::shared_ptr<const Snapshot>> BuildSnapshot(
    std::vector<ConnectionBatch> batches, const MemberTable* members, BuildReport* report) {
  return BuildSnapshotTimed(std::move(batches), members, report, nullptr);
}

absl::StatusOr<std::shared_ptr<const Snapshot>> BuildSnapshotFromRows(
    std::vector<RowChunk> chunks, const MemberTable* members, BuildReport* report,
    PhaseTimings* timings, const BuildTuning& tuning) {
  BuildReport local_report;
  BuildReport& rep = report ? *report : local_report;
  rep = BuildReport();
  return Build(ChunkRows(chunks), members, rep, timings, tuning);
}

}  // namespace liaison
