// The immutable graph snapshot: members, their mutual connections, and member attributes.
//
// A Snapshot is built once (by the importer or the generator, see builder.h) or opened from a
// `.liaison` file, and never changes afterwards. Any number of threads may read one snapshot at
// the same time without locking; share it as `std::shared_ptr<const Snapshot>`.
//
// Layout (DESIGN.md §1): members have a dense index `VertexId` in 0..n-1, assigned in ascending
// order of their external id, so "ties by smaller external id" is "ties by smaller VertexId".
// Connections are undirected and stored in both directions in a CSR: `offsets[n+1]` and
// `neighbors[2m]`, each list sorted ascending, without duplicates or self-loops. Relationship data
// lives in arrays parallel to `neighbors` (strength, since); each is empty when the input had none.
// `top_neighbors` is derived from the CSR (see kTopNeighbors): a few connections per member, kept
// apart so that a query can test a member's best-connected connections without reading its list.
// All arrays are views (`std::span`) over memory the snapshot keeps alive: heap vectors for a built
// snapshot, a read-only mapping for a snapshot file.

#ifndef LIAISON_GRAPH_H_
#define LIAISON_GRAPH_H_

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace liaison {

using VertexId = uint32_t;    // dense member index, 0..num_members()-1
using ExternalId = uint64_t;  // the member id as the caller knows it
using EdgeIndex = uint64_t;   // index into neighbors(): one direction of one connection

inline constexpr VertexId kNoVertex = ~VertexId{0};

// Snapshot::top_neighbors(v): v's kTopNeighbors connections with the most connections (ties by
// smaller index), most connected first; when v has fewer, all of them, then v itself in the slots
// left. So the last slot is v exactly when the slots hold v's whole list (degree < kTopNeighbors).
// 16 bytes per member, one quarter of a cache line: DegreeMany (engine/algorithms/degree.cc) reads
// them instead of the adjacency list of a target that may be at distance 3. Derived data: a query
// relies on the slots being connections of v, and on "last slot is v" meaning "the whole list", so
// a layer that changes lists (live updates) must refresh or bypass the records of the members whose
// lists it changes; which connections fill the slots only decides how often they help.
inline constexpr size_t kTopNeighbors = 4;

// Member flags, one byte per member.
enum MemberFlag : uint8_t {
  kHidesConnections = 1 << 0,  // their connection list is private (DESIGN.md §3 "Privacy")
  kNoIntroductions = 1 << 1,   // never an interior member of an introduction path
  kVerified = 1 << 2,
  kHasPhoto = 1 << 3,
  kHasPhone = 1 << 4,
  kHasProfile = 1 << 5,  // the member appears in the members file
};

// Text attributes, dictionary-encoded: one code per member (0 = missing), and a dictionary.
enum class TextColumn : int { kName = 0, kHeadline, kCompany, kIndustry, kLocation, kSchool };
inline constexpr int kNumTextColumns = 6;
// The column's name in a members file header and in `--where` filters ("company", ...).
std::string_view TextColumnName(TextColumn column);

// One dictionary-encoded string column. Value `c` (c >= 1) is the bytes
// dict_chars[dict_offsets[c-1] .. dict_offsets[c]).
struct StringColumnView {
  std::span<const uint32_t> codes;         // per member; empty when the column is absent
  std::span<const uint64_t> dict_offsets;  // num_values + 1 entries, starts with 0
  std::span<const char> dict_chars;

  bool present() const { return !codes.empty(); }
  uint32_t num_values() const {
    return dict_offsets.empty() ? 0 : static_cast<uint32_t>(dict_offsets.size() - 1);
  }
  // The string of code `c`; REQUIRES: 1 <= c <= num_values().
  std::string_view Value(uint32_t c) const {
    return {dict_chars.data() + dict_offsets[c - 1], dict_offsets[c] - dict_offsets[c - 1]};
  }
  // The code of `value`, or 0 when no member has it. Linear in the dictionary size.
  uint32_t FindCode(std::string_view value) const;
};

// Dates are stored as days since 1950-01-01 plus one, in 16 bits; 0 means "unknown".
// Representable: 1950-01-01 .. 2129-06-05.
using PackedDate = uint16_t;
inline constexpr PackedDate kNoDate = 0;

// Strength in [0,1] is stored as round(strength * 255).
inline float UnpackStrength(uint8_t q) { return static_cast<float>(q) / 255.0f; }
inline uint8_t PackStrength(float s) { return static_cast<uint8_t>(s * 255.0f + 0.5f); }

class Snapshot {
 public:
  // Everything a snapshot views. Filled by the builder or the snapshot-file reader; the snapshot
  // itself does not check the invariants (see Validate()).
  struct Parts {
    std::span<const uint64_t> offsets;          // n + 1
    std::span<const VertexId> neighbors;        // offsets[n]
    std::span<const uint8_t> strength;          // offsets[n] or empty
    std::span<const PackedDate> since;          // offsets[n] or empty
    std::span<const ExternalId> external_ids;   // n, strictly ascending
    std::span<const uint32_t> id_index;         // open-addressing table (see FindMember), pow2 size
    std::span<const uint8_t> flags;             // n (MemberFlag bits)
    std::span<const PackedDate> last_updated;   // n or empty
    std::span<const VertexId> top_neighbors;    // kTopNeighbors * n, or empty (FillTopNeighbors)
    std::array<StringColumnView, kNumTextColumns> text;
    bool has_members_file = false;
    uint32_t num_hiding = 0;  // members with kHidesConnections
    // Keeps the memory behind every span alive (vectors or a file mapping).
    std::shared_ptr<const void> storage;
  };

  explicit Snapshot(Parts parts) : p_(std::move(parts)) {}
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  uint32_t num_members() const { return static_cast<uint32_t>(p_.external_ids.size()); }
  // Undirected connections; each is stored twice.
  uint64_t num_connections() const { return num_adjacencies() / 2; }
  uint64_t num_adjacencies() const { return p_.offsets.empty() ? 0 : p_.offsets.back(); }

  uint32_t degree(VertexId v) const {
    return static_cast<uint32_t>(p_.offsets[v + 1] - p_.offsets[v]);
  }
  EdgeIndex edge_begin(VertexId v) const { return p_.offsets[v]; }
  EdgeIndex edge_end(VertexId v) const { return p_.offsets[v + 1]; }
  // Sorted ascending, no duplicates, no self-loop.
  std::span<const VertexId> neighbors(VertexId v) const {
    return p_.neighbors.subspan(p_.offsets[v], p_.offsets[v + 1] - p_.offsets[v]);
  }
  VertexId neighbor(EdgeIndex e) const { return p_.neighbors[e]; }
  // True when the snapshot has top_neighbors (a snapshot file of format version 1 has none).
  bool has_top_neighbors() const { return !p_.top_neighbors.empty(); }
  // REQUIRES: has_top_neighbors(). See kTopNeighbors.
  std::span<const VertexId, kTopNeighbors> top_neighbors(VertexId v) const {
    return std::span<const VertexId, kTopNeighbors>(p_.top_neighbors.data() + kTopNeighbors * v,
                                                    kTopNeighbors);
  }

  bool has_strength() const { return !p_.strength.empty(); }
  bool has_since() const { return !p_.since.empty(); }
  // Strength of the connection at edge index `e`; 1.0 when the input had no strengths.
  float strength(EdgeIndex e) const {
    return p_.strength.empty() ? 1.0f : UnpackStrength(p_.strength[e]);
  }
  PackedDate since(EdgeIndex e) const { return p_.since.empty() ? kNoDate : p_.since[e]; }

  ExternalId external_id(VertexId v) const { return p_.external_ids[v]; }
  // The dense index of external id `id`, or kNoVertex.
  VertexId FindMember(ExternalId id) const;
  // As FindMember, with a NotFound error naming the id.
  absl::StatusOr<VertexId> Member(ExternalId id) const;

  uint8_t flags(VertexId v) const { return p_.flags[v]; }
  bool hides_connections(VertexId v) const { return p_.flags[v] & kHidesConnections; }
  bool no_introductions(VertexId v) const { return p_.flags[v] & kNoIntroductions; }
  // True when at least one member hides their connections (privacy checks are needed at all).
  bool any_hidden() const { return p_.num_hiding > 0; }
  bool has_members_file() const { return p_.has_members_file; }
  PackedDate last_updated(VertexId v) const {
    return p_.last_updated.empty() ? kNoDate : p_.last_updated[v];
  }
  const StringColumnView& text(TextColumn c) const { return p_.text[static_cast<int>(c)]; }
  // The member's value in column `c`, or "" when missing.
  std::string_view text(TextColumn c, VertexId v) const;

  const Parts& parts() const { return p_; }

  // Checks every structural invariant (sizes, sorted lists, symmetry, id order, dictionary codes).
  // O(m log d); used by `stats --verify` and by tests.
  absl::Status Validate() const;

 private:
  Parts p_;
};

// Fills `out` (kTopNeighbors entries per member) with the top_neighbors of the CSR (offsets,
// neighbors), as described at kTopNeighbors. Parallel (oneTBB); reads the degree of every list
// entry once. REQUIRES: out.size() == kTopNeighbors * (offsets.size() - 1).
void FillTopNeighbors(std::span<const uint64_t> offsets, std::span<const VertexId> neighbors,
                      std::span<VertexId> out);

// Hash used by the id index (also by the snapshot-file writer, which stores the index).
inline uint64_t HashExternalId(ExternalId id) {
  uint64_t x = id + 0x9e3779b97f4a7c15ULL;  // splitmix64 finaliser
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Converts a day count since 1970-01-01 to PackedDate; kNoDate when out of range.
PackedDate PackDate(int64_t days_since_epoch);
// The inverse; REQUIRES: d != kNoDate.
int64_t UnpackDate(PackedDate d);
// "YYYY-MM-DD", or "" for kNoDate.
std::string FormatDate(PackedDate d);

}  // namespace liaison

#endif  // LIAISON_GRAPH_H_
