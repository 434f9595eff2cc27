// BuildSnapshot: columnar connection batches -> CSR snapshot, in parallel with oneTBB.
//
// Steps (each a parallel pass, memory touched once where possible):
//   1. Id set. When the largest external id is small compared with the number of ids (generated
//      and Kronecker networks, most SNAP files), a direct table `remap[external] -> dense` built
//      from a presence mark and a prefix sum; otherwise a sort + unique and a hash map.
//      Either way dense ids follow ascending external ids.
//   2. Rows mapped to dense (src, dst) pairs; self-loops marked; degrees counted with relaxed
//      atomic increments.
//   3. Offsets by prefix sum; both directions scattered with atomic cursors. With relationship
//      data, each entry is packed as (neighbour << 32 | strength << 16 | since) so one sort carries
//      it along.
//   4. Each list sorted and deduplicated (merged rows keep the highest strength and the earliest
//      known since-date); lists compacted when duplicates were found.
//   5. Id index (open addressing, filled with CAS), member flags and dictionary-encoded columns.

#include <algorithm>
#include <atomic>
#include <limits>
#include <numeric>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "engine/util/buffer.h"
#include "engine/util/strings.h"
#include "liaison/builder.h"
#include "oneapi/tbb/blocked_range.h"
#include "oneapi/tbb/parallel_for.h"
#include "oneapi/tbb/parallel_reduce.h"
#include "oneapi/tbb/parallel_sort.h"

namespace liaison {
namespace {

constexpr size_t kGrain = 1 << 14;

// Memory behind a built snapshot.
struct BuiltStorage {
  Buffer<uint64_t> offsets;
  Buffer<VertexId> neighbors;
  Buffer<uint8_t> strength;
  Buffer<PackedDate> since;
  Buffer<ExternalId> external_ids;
  Buffer<uint32_t> id_index;
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
void ParallelFill(Buffer<T>& buffer, T value) {
  tbb::parallel_for(tbb::blocked_range<size_t>(0, buffer.size(), kGrain),
                    [&](const tbb::blocked_range<size_t>& r) {
                      std::fill(buffer.data() + r.begin(), buffer.data() + r.end(), value);
                    });
}

// Calls fn(batch_index, row_index) for every row of every batch, in parallel.
template <typename Fn>
void ForEachRow(const std::vector<ConnectionBatch>& batches, Fn&& fn) {
  tbb::parallel_for(size_t{0}, batches.size(), [&](size_t b) {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, batches[b].size(), kGrain),
                      [&](const tbb::blocked_range<size_t>& r) {
                        for (size_t i = r.begin(); i != r.end(); ++i) fn(b, i);
                      });
  });
}

// Maps external ids to dense ids in ascending external order.
class IdMapper {
 public:
  absl::Status Init(const std::vector<ConnectionBatch>& batches, const MemberTable* members) {
    uint64_t total = members ? members->size() : 0;
    for (const auto& b : batches) total += 2 * b.size();
    ExternalId max_id = 0;
    for (const auto& b : batches) {
      max_id = std::max(max_id, tbb::parallel_reduce(
                                    tbb::blocked_range<size_t>(0, b.size(), kGrain), ExternalId{0},
                                    [&](const tbb::blocked_range<size_t>& r, ExternalId m) {
                                      for (size_t i = r.begin(); i != r.end(); ++i) {
                                        m = std::max({m, b.a[i], b.b[i]});
                                      }
                                      return m;
                                    },
                                    [](ExternalId x, ExternalId y) { return std::max(x, y); }));
    }
    if (members) {
      for (ExternalId id : members->ids) max_id = std::max(max_id, id);
    }
    direct_ = max_id < (uint64_t{1} << 32) - 1 && max_id <= 4 * total + 1024;
    if (direct_) return InitDirect(batches, members, max_id);
    return InitSorted(batches, members, total);
  }

  VertexId operator()(ExternalId id) const {
    if (direct_) return remap_[id];
    return hash_.find(id)->second;
  }
  Buffer<ExternalId> TakeExternalIds() { return std::move(external_ids_); }
  size_t size() const { return external_ids_.size(); }

 private:
  absl::Status InitDirect(const std::vector<ConnectionBatch>& batches, const MemberTable* members,
                          ExternalId max_id) {
    remap_ = Buffer<uint32_t>(max_id + 1);
    ParallelFill<uint32_t>(remap_, 0);
    ForEachRow(batches, [&](size_t b, size_t i) {
      std::atomic_ref<uint32_t>(remap_[batches[b].a[i]]).store(1, std::memory_order_relaxed);
      std::atomic_ref<uint32_t>(remap_[batches[b].b[i]]).store(1, std::memory_order_relaxed);
    });
    if (members) {
      for (ExternalId id : members->ids) remap_[id] = 1;
    }
    uint64_t n = 0;
    for (size_t id = 0; id < remap_.size(); ++id) n += remap_[id];
    if (n >= kNoVertex) return TooMany(n);
    external_ids_ = Buffer<ExternalId>(n);
    uint32_t next = 0;
    for (size_t id = 0; id < remap_.size(); ++id) {
      if (remap_[id]) {
        external_ids_[next] = id;
        remap_[id] = next++;
      } else {
        remap_[id] = kNoVertex;
      }
    }
    return absl::OkStatus();
  }

  absl::Status InitSorted(const std::vector<ConnectionBatch>& batches, const MemberTable* members,
                          uint64_t total) {
    Buffer<ExternalId> all(total);
    size_t pos = 0;
    for (const auto& b : batches) {
      std::copy(b.a.begin(), b.a.end(), all.data() + pos);
      std::copy(b.b.begin(), b.b.end(), all.data() + pos + b.size());
      pos += 2 * b.size();
    }
    if (members) std::copy(members->ids.begin(), members->ids.end(), all.data() + pos);
    tbb::parallel_sort(all.begin(), all.end());
    const size_t n = static_cast<size_t>(std::unique(all.begin(), all.end()) - all.begin());
    if (n >= kNoVertex) return TooMany(n);
    external_ids_ = Buffer<ExternalId>(n);
    std::copy(all.begin(), all.begin() + n, external_ids_.begin());
    hash_.reserve(n);
    for (size_t v = 0; v < n; ++v) hash_.emplace(external_ids_[v], static_cast<VertexId>(v));
    return absl::OkStatus();
  }

  static absl::Status TooMany(uint64_t n) {
    return absl::ResourceExhaustedError(
        absl::StrCat(n, " distinct members; at most ", kNoVertex - 1, " fit in 32-bit member ids"));
  }

  bool direct_ = false;
  Buffer<uint32_t> remap_;
  absl::flat_hash_map<ExternalId, VertexId> hash_;
  Buffer<ExternalId> external_ids_;
};

void BuildIdIndex(const Buffer<ExternalId>& ids, Buffer<uint32_t>& table) {
  // Load factor at most 0.8: 4 to 8 bytes per member, and short linear-probe runs.
  uint64_t size = 2;
  while (size * 4 < ids.size() * 5) size <<= 1;
  table = Buffer<uint32_t>(size);
  ParallelFill<uint32_t>(table, kNoVertex);
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

// Packed adjacency entry used while building with relationship data.
inline uint64_t Pack(VertexId nbr, uint8_t strength, PackedDate since) {
  return (uint64_t{nbr} << 32) | (uint64_t{strength} << 16) | since;
}
inline VertexId PackedNeighbor(uint64_t x) { return static_cast<VertexId>(x >> 32); }
inline uint8_t PackedStrength(uint64_t x) { return static_cast<uint8_t>(x >> 16); }
inline PackedDate PackedSince(uint64_t x) { return static_cast<PackedDate>(x); }

// Sorts and deduplicates entries[begin, end) in place; returns the new length.
template <typename T>
uint64_t SortAndMerge(T* entries, uint64_t size) {
  std::sort(entries, entries + size);
  if (size == 0) return 0;
  uint64_t out = 0;
  for (uint64_t i = 1; i < size; ++i) {
    if constexpr (std::is_same_v<T, uint64_t>) {
      if (PackedNeighbor(entries[i]) == PackedNeighbor(entries[out])) {
        const uint8_t s = std::max(PackedStrength(entries[i]), PackedStrength(entries[out]));
        PackedDate d1 = PackedSince(entries[i]), d2 = PackedSince(entries[out]);
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

// Builds offsets and the (packed or plain) adjacency entries; returns the number of directed
// duplicates removed.
template <typename T>
uint64_t BuildAdjacency(const std::vector<ConnectionBatch>& batches,
                        const std::vector<uint64_t>& batch_start, const Buffer<VertexId>& src,
                        const Buffer<VertexId>& dst, uint32_t n, Buffer<uint64_t>& offsets,
                        Buffer<T>& entries) {
  Buffer<uint32_t> degree(n);
  ParallelFill<uint32_t>(degree, 0);
  const size_t rows = src.size();
  tbb::parallel_for(tbb::blocked_range<size_t>(0, rows, kGrain),
                    [&](const tbb::blocked_range<size_t>& r) {
                      for (size_t i = r.begin(); i != r.end(); ++i) {
                        if (src[i] == dst[i]) continue;
                        std::atomic_ref<uint32_t>(degree[src[i]]).fetch_add(1, std::memory_order_relaxed);
                        std::atomic_ref<uint32_t>(degree[dst[i]]).fetch_add(1, std::memory_order_relaxed);
                      }
                    });
  offsets = Buffer<uint64_t>(uint64_t{n} + 1);
  offsets[0] = 0;
  for (uint32_t v = 0; v < n; ++v) offsets[v + 1] = offsets[v] + degree[v];
  Buffer<uint64_t> cursor(n);
  std::copy(offsets.begin(), offsets.begin() + n, cursor.begin());
  entries = Buffer<T>(offsets[n]);
  tbb::parallel_for(size_t{0}, batches.size(), [&](size_t b) {
    const ConnectionBatch& batch = batches[b];
    tbb::parallel_for(tbb::blocked_range<size_t>(0, batch.size(), kGrain),
                      [&](const tbb::blocked_range<size_t>& r) {
                        for (size_t i = r.begin(); i != r.end(); ++i) {
                          const size_t row = batch_start[b] + i;
                          const VertexId u = src[row], v = dst[row];
                          if (u == v) continue;
                          const uint64_t pu = std::atomic_ref<uint64_t>(cursor[u]).fetch_add(
                              1, std::memory_order_relaxed);
                          const uint64_t pv = std::atomic_ref<uint64_t>(cursor[v]).fetch_add(
                              1, std::memory_order_relaxed);
                          if constexpr (std::is_same_v<T, uint64_t>) {
                            const uint8_t s = batch.strength.empty() ? 255 : batch.strength[i];
                            const PackedDate d = batch.since.empty() ? kNoDate : batch.since[i];
                            entries[pu] = Pack(v, s, d);
                            entries[pv] = Pack(u, s, d);
                          } else {
                            entries[pu] = v;
                            entries[pv] = u;
                          }
                        }
                      });
  });
  // Sort and merge each list; `degree` receives the merged length.
  std::atomic<uint64_t> removed{0};
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, n, 1024),
                    [&](const tbb::blocked_range<uint32_t>& r) {
                      uint64_t local = 0;
                      for (uint32_t v = r.begin(); v != r.end(); ++v) {
                        const uint64_t len = offsets[v + 1] - offsets[v];
                        degree[v] = static_cast<uint32_t>(SortAndMerge(entries.data() + offsets[v], len));
                        local += len - degree[v];
                      }
                      removed.fetch_add(local, std::memory_order_relaxed);
                    });
  if (removed.load() > 0) {
    // Compact left; each list's new start is at or before its old one, so one serial pass is safe.
    uint64_t out = 0;
    for (uint32_t v = 0; v < n; ++v) {
      const uint64_t begin = offsets[v];
      std::memmove(entries.data() + out, entries.data() + begin, degree[v] * sizeof(T));
      offsets[v] = out;
      out += degree[v];
    }
    offsets[n] = out;
    entries.Shrink(out);
  }
  return removed.load();
}

absl::Status FillMembers(const MemberTable& members, const IdMapper& map, uint32_t n,
                         BuiltStorage& s, uint32_t* num_hiding) {
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

}  // namespace

absl::StatusOr<std::shared_ptr<const Snapshot>> BuildSnapshot(
    std::vector<ConnectionBatch> batches, const MemberTable* members, BuildReport* report) {
  BuildReport local_report;
  BuildReport& rep = report ? *report : local_report;
  rep = BuildReport();
  bool with_strength = false, with_since = false;
  std::vector<uint64_t> batch_start(batches.size() + 1, 0);
  for (size_t b = 0; b < batches.size(); ++b) {
    const ConnectionBatch& batch = batches[b];
    if (batch.b.size() != batch.a.size() ||
        (!batch.strength.empty() && batch.strength.size() != batch.a.size()) ||
        (!batch.since.empty() && batch.since.size() != batch.a.size())) {
      return absl::InvalidArgumentError(absl::StrCat("connection batch ", b, " has columns of different lengths"));
    }
    with_strength |= !batch.strength.empty();
    with_since |= !batch.since.empty();
    batch_start[b + 1] = batch_start[b] + batch.size();
  }
  if (members && members->ids.empty() && members->size() != 0) {
    return absl::InvalidArgumentError("member table has no id column");
  }
  const uint64_t rows = batch_start.back();
  rep.connections_in = rows;

  IdMapper map;
  if (absl::Status st = map.Init(batches, members); !st.ok()) return st;
  const uint32_t n = static_cast<uint32_t>(map.size());

  auto storage = std::make_shared<BuiltStorage>();
  BuiltStorage& s = *storage;
  {
    Buffer<VertexId> src(rows), dst(rows);
    std::atomic<uint64_t> self_loops{0};
    ForEachRow(batches, [&](size_t b, size_t i) {
      const size_t row = batch_start[b] + i;
      src[row] = map(batches[b].a[i]);
      dst[row] = map(batches[b].b[i]);
      if (src[row] == dst[row]) self_loops.fetch_add(1, std::memory_order_relaxed);
    });
    rep.self_loops_dropped = self_loops.load();

    uint64_t removed = 0;
    if (with_strength || with_since) {
      Buffer<uint64_t> packed;
      removed = BuildAdjacency(batches, batch_start, src, dst, n, s.offsets, packed);
      s.neighbors = Buffer<VertexId>(packed.size());
      if (with_strength) s.strength = Buffer<uint8_t>(packed.size());
      if (with_since) s.since = Buffer<PackedDate>(packed.size());
      tbb::parallel_for(tbb::blocked_range<size_t>(0, packed.size(), kGrain),
                        [&](const tbb::blocked_range<size_t>& r) {
                          for (size_t e = r.begin(); e != r.end(); ++e) {
                            s.neighbors[e] = PackedNeighbor(packed[e]);
                            if (with_strength) s.strength[e] = PackedStrength(packed[e]);
                            if (with_since) s.since[e] = PackedSince(packed[e]);
                          }
                        });
    } else {
      removed = BuildAdjacency(batches, batch_start, src, dst, n, s.offsets, s.neighbors);
    }
    rep.duplicates_merged = removed / 2;
  }
  rep.connections_kept = s.neighbors.size() / 2;
  rep.members = n;
  for (uint32_t v = 0; v < n; ++v) rep.isolated_members += s.offsets[v + 1] == s.offsets[v];

  s.external_ids = map.TakeExternalIds();
  BuildIdIndex(s.external_ids, s.id_index);
  s.flags = Buffer<uint8_t>(n, 0);
  uint32_t num_hiding = 0;
  if (members) {
    if (absl::Status st = FillMembers(*members, map, n, s, &num_hiding); !st.ok()) return st;
  }

  Snapshot::Parts parts;
  parts.offsets = s.offsets.span();
  parts.neighbors = s.neighbors.span();
  parts.strength = s.strength.span();
  parts.since = s.since.span();
  parts.external_ids = s.external_ids.span();
  parts.id_index = s.id_index.span();
  parts.flags = s.flags.span();
  parts.last_updated = s.last_updated.span();
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

}  // namespace liaison
