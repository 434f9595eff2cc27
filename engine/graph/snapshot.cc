#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/util/dates.h"
#include "liaison/graph.h"

namespace liaison {
namespace {

constexpr int64_t kDateBase = -7305;  // 1950-01-01 as days since 1970-01-01

}  // namespace

std::string_view TextColumnName(TextColumn column) {
  static constexpr std::string_view kNames[kNumTextColumns] = {
      "name", "headline", "company", "industry", "location", "school"};
  return kNames[static_cast<int>(column)];
}

uint32_t StringColumnView::FindCode(std::string_view value) const {
  for (uint32_t c = 1; c <= num_values(); ++c) {
    if (Value(c) == value) return c;
  }
  return 0;
}

VertexId Snapshot::FindMember(ExternalId id) const {
  const auto& table = p_.id_index;
  if (table.empty()) return kNoVertex;
  const uint64_t mask = table.size() - 1;
  for (uint64_t slot = HashExternalId(id) & mask, probes = 0; probes <= mask;
       slot = (slot + 1) & mask, ++probes) {
    const VertexId v = table[slot];
    if (v == kNoVertex) return kNoVertex;
    if (v < p_.external_ids.size() && p_.external_ids[v] == id) return v;
  }
  return kNoVertex;
}

absl::StatusOr<VertexId> Snapshot::Member(ExternalId id) const {
  const VertexId v = FindMember(id);
  if (v == kNoVertex) return absl::NotFoundError(absl::StrCat("member ", id, " is not in the graph"));
  return v;
}

std::string_view Snapshot::text(TextColumn c, VertexId v) const {
  const StringColumnView& col = p_.text[static_cast<int>(c)];
  if (!col.present()) return {};
  const uint32_t code = col.codes[v];
  return code == 0 ? std::string_view() : col.Value(code);
}

absl::Status Snapshot::Validate() const {
  const uint64_t n = p_.external_ids.size();
  if (p_.offsets.size() != n + 1) {
    return absl::DataLossError(absl::StrCat("offsets has ", p_.offsets.size(), " entries, expected ", n + 1));
  }
  if (p_.offsets[0] != 0 || p_.offsets[n] != p_.neighbors.size()) {
    return absl::DataLossError("offsets do not span the neighbour array");
  }
  if (!p_.strength.empty() && p_.strength.size() != p_.neighbors.size()) {
    return absl::DataLossError("strength array size differs from the neighbour array");
  }
  if (!p_.since.empty() && p_.since.size() != p_.neighbors.size()) {
    return absl::DataLossError("since array size differs from the neighbour array");
  }
  if (p_.flags.size() != n) return absl::DataLossError("flags array size differs from members");
  if (!p_.last_updated.empty() && p_.last_updated.size() != n) {
    return absl::DataLossError("last_updated array size differs from members");
  }
  // Monotone offsets first: with offsets[0] = 0 and offsets[n] = m, every list then lies inside
  // the neighbour array.
  for (uint64_t v = 0; v < n; ++v) {
    if (p_.offsets[v] > p_.offsets[v + 1]) {
      return absl::DataLossError(absl::StrCat("offsets decrease at member ", v));
    }
  }
  // Each list on its own, in one sequential pass.
  uint32_t hiding = 0;
  for (uint64_t v = 0; v < n; ++v) {
    if (v > 0 && p_.external_ids[v - 1] >= p_.external_ids[v]) {
      return absl::DataLossError(absl::StrCat("external ids not strictly ascending at member ", v));
    }
    if (p_.flags[v] & kHidesConnections) ++hiding;
    for (uint64_t e = p_.offsets[v]; e < p_.offsets[v + 1]; ++e) {
      const VertexId u = p_.neighbors[e];
      if (u >= n) return absl::DataLossError(absl::StrCat("neighbour ", u, " out of range at member ", v));
      if (u == v) return absl::DataLossError(absl::StrCat("self-loop at member ", v));
      if (e > p_.offsets[v] && p_.neighbors[e - 1] >= u) {
        return absl::DataLossError(absl::StrCat("neighbours of member ", v, " not strictly ascending"));
      }
    }
  }
  // Symmetry, by a merge rather than a search per entry: visiting members v in ascending order,
  // the entries "v" that u's list must hold for its smaller neighbours v come up in exactly the
  // order of u's sorted list. So cursor[u] walks u's list: every entry v->u with v < u must find v
  // at cursor[u] (same strength and since), and when v's own turn comes, cursor[v] must have
  // walked past all of v's smaller neighbours. O(m) with one independent random access per
  // connection; a binary search per entry (a chain of dependent cache misses) took 25 s of CPU
  // instead of 1.7 s on a 128M-entry Kronecker graph (bench/micro/snapshot_file_bench).
  std::vector<uint64_t> cursor(p_.offsets.begin(), p_.offsets.end() - 1);
  auto one_way = [](uint64_t a, uint64_t b) {
    return absl::DataLossError(absl::StrCat("connection ", a, "-", b, " is stored in one direction only"));
  };
  for (uint64_t v = 0; v < n; ++v) {
    const uint64_t end = p_.offsets[v + 1];
    uint64_t e = static_cast<uint64_t>(std::lower_bound(p_.neighbors.begin() + p_.offsets[v],
                                                        p_.neighbors.begin() + end, static_cast<VertexId>(v)) -
                                       p_.neighbors.begin());
    if (cursor[v] != e) return one_way(v, p_.neighbors[cursor[v]]);  // not in the smaller one's list
    for (; e < end; ++e) {
      const VertexId u = p_.neighbors[e];
      const uint64_t back = cursor[u];
      if (back == p_.offsets[u + 1] || p_.neighbors[back] > v) return one_way(v, u);
      if (p_.neighbors[back] < v) return one_way(u, p_.neighbors[back]);
      if ((!p_.strength.empty() && p_.strength[back] != p_.strength[e]) ||
          (!p_.since.empty() && p_.since[back] != p_.since[e])) {
        return absl::DataLossError(absl::StrCat("connection ", v, "-", u, " differs between its two directions"));
      }
      cursor[u] = back + 1;
    }
  }
  if (hiding != p_.num_hiding) return absl::DataLossError("hiding-member count does not match the flags");
  for (VertexId v = 0; v < n; ++v) {
    if (FindMember(p_.external_ids[v]) != v) {
      return absl::DataLossError(absl::StrCat("id index does not find member ", p_.external_ids[v]));
    }
  }
  // Derived data: recomputed from the (now checked) lists and compared.
  if (!p_.top_neighbors.empty()) {
    if (p_.top_neighbors.size() != kTopNeighbors * n) {
      return absl::DataLossError(absl::StrCat("top_neighbors has ", p_.top_neighbors.size(),
                                              " entries, expected ", kTopNeighbors * n));
    }
    std::vector<VertexId> want(kTopNeighbors * n);
    FillTopNeighbors(p_.offsets, p_.neighbors, want);
    const auto bad = std::mismatch(want.begin(), want.end(), p_.top_neighbors.begin()).first;
    if (bad != want.end()) {
      return absl::DataLossError(absl::StrCat("top_neighbors of member ",
                                              (bad - want.begin()) / kTopNeighbors,
                                              " are not its best-connected connections"));
    }
  }
  for (int c = 0; c < kNumTextColumns; ++c) {
    const StringColumnView& col = p_.text[c];
    if (!col.present()) continue;
    if (col.codes.size() != n) return absl::DataLossError("text column size differs from members");
    if (col.dict_offsets.empty() || col.dict_offsets[0] != 0 ||
        col.dict_offsets.back() != col.dict_chars.size()) {
      return absl::DataLossError("text dictionary offsets do not span its characters");
    }
    for (size_t i = 1; i < col.dict_offsets.size(); ++i) {
      if (col.dict_offsets[i - 1] > col.dict_offsets[i]) return absl::DataLossError("text dictionary offsets decrease");
    }
    for (uint32_t code : col.codes) {
      if (code > col.num_values()) return absl::DataLossError("text code out of range");
    }
  }
  return absl::OkStatus();
}

PackedDate PackDate(int64_t days_since_epoch) {
  const int64_t packed = days_since_epoch - kDateBase + 1;
  if (packed < 1 || packed > 0xFFFF) return kNoDate;
  return static_cast<PackedDate>(packed);
}

int64_t UnpackDate(PackedDate d) { return static_cast<int64_t>(d) - 1 + kDateBase; }

std::string FormatDate(PackedDate d) {
  if (d == kNoDate) return "";
  const CivilDay day = CivilFromDays(UnpackDate(d));
  return absl::StrFormat("%04d-%02d-%02d", day.year, day.month, day.day);
}

}  // namespace liaison
