// Synthetic professional networks: members with companies, industries, locations and schools, and
// mutual connections that look like a real professional network (heavy-tailed degrees, most ties
// inside workplaces, high clustering, relationship strengths and since-dates, realistic profile
// completeness and privacy flags). The model is described in datasets/README.md.
//
// Output, in memory or as files (DESIGN.md §4):
//   members.tsv      header `id name headline company industry location school has_photo has_phone
//                    last_updated hides_connections no_introductions verified`, one row per member,
//                    tab-separated, booleans 0/1, an empty field is a missing value.
//   connections.tsv  header `a b strength since` (tab-separated), then `a<TAB>b<TAB>0.xx<TAB>YYYY-MM-DD`.
// Member ids are a seeded permutation of 1..members. Every connection row is distinct as an
// unordered pair and no row is a self-loop, so importing the file keeps every row.
//
// Determinism: the output (rows and bytes) depends only on the options, never on the number of
// threads: all randomness comes from counter-based hashes of (seed, member, draw index).
// Thread-safety: the functions run their parallel work in the caller's oneTBB arena; call them
// from one thread at a time per output directory.

#ifndef LIAISON_DATASETS_GENERATORS_PROFESSIONAL_NETWORK_H_
#define LIAISON_DATASETS_GENERATORS_PROFESSIONAL_NETWORK_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "datasets/generators/kronecker.h"
#include "liaison/builder.h"

namespace liaison::generators {

struct ProfessionalNetworkOptions {
  uint64_t members = 1'000'000;  // 1 .. 2^32 - 2
  double avg_degree = 40;        // target 2 * connections / members; 0 .. (members - 1) / 2
  uint64_t seed = 1;
};

struct GeneratedNetwork {
  std::vector<ConnectionBatch> connections;  // strength and since filled in every batch
  MemberTable members;                       // every member, all text columns and flags
};

// Called with (work done, total work) after each written block, in order, from one thread at a
// time; `done` reaches `total` when the files are complete.
using ProgressFn = std::function<void(uint64_t done, uint64_t total)>;

// Checks the options; InvalidArgument naming the bad value otherwise.
absl::Status ValidateProfessionalNetworkOptions(const ProfessionalNetworkOptions& options);

// The whole network in memory, one ConnectionBatch per block of members, rows in file order.
// The same rows and member fields as WriteProfessionalNetwork writes.
absl::StatusOr<GeneratedNetwork> GenerateProfessionalNetwork(const ProfessionalNetworkOptions& options);

// Streams DIR/members.tsv and then DIR/connections.tsv, creating DIR (and its parents) when
// missing and replacing existing files. Memory: O(members) model state plus a few blocks of
// text. Progress counts members: `total` = 2 * members (each member's row in members.tsv, then
// its connections). `progress` may be empty.
absl::Status WriteProfessionalNetwork(const ProfessionalNetworkOptions& options, const std::string& dir,
                                      ProgressFn progress);

// Streams the Kronecker (Graph500 R-MAT) rows of kronecker.h to DIR/connections.tsv (no members
// file): edge_factor * 2^scale rows with ids in 0..2^scale-1, in KroneckerConnections' order, with
// the same header and columns as above (strength and since drawn per row from the seed; rows may
// repeat and may be self-loops, as in Graph500). Progress counts rows. `progress` may be empty.
absl::Status WriteKroneckerNetwork(const KroneckerOptions& options, const std::string& dir,
                                   ProgressFn progress);

}  // namespace liaison::generators

#endif  // LIAISON_DATASETS_GENERATORS_PROFESSIONAL_NETWORK_H_
