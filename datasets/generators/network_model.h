// The professional-network model behind professional_network.h. Internal to datasets/generators;
// datasets/README.md describes the model for users.
//
// Members have a dense index u in 0..n-1 (the file writes external ids, a seeded permutation of
// 1..n). Companies occupy contiguous index ranges, so "colleagues" is an index range.
//
// Connections are generated per member, independently and in any order:
//   - team ties: a company is cut into teams (consecutive blocks); teammates u, v are connected
//     with probability min(1, density * g(u) * g(v)), g = sqrt(activity) capped, decided by a
//     symmetric hash of the pair (a dense Chung-Lu block, as in the BTER model);
//   - k_u base *proposals* (k_u from u's lognormal activity), each a pure function of
//     (seed, u, j): a colleague in u's department or anywhere in its company, an ex-colleague
//     around u's old seat in its past company, a schoolmate in its class or cohort (the school's
//     members sorted by cohort year), a random member of its industry or location, or a
//     long-range tie to a member drawn by activity (Walker alias table);
//   - closure proposals: pick one of u's ties u-v, one of v's team ties v-w, and propose u-w when
//     w shares a community with u (company, past company or school): triadic closure.
// Every unordered pair {u,v} has one *owner*, decided by a symmetric hash coin; a member emits
// only the pairs it owns (team ties that exist, proposals), deduplicated in a sorted list. So each
// connection is emitted exactly once, by one member, with no coordination between members or
// threads; a proposal u makes for a pair it does not own is not a connection.
// The proposal multiplier is calibrated on a fixed sample of members so that the average degree
// matches the requested one.

#ifndef LIAISON_DATASETS_GENERATORS_NETWORK_MODEL_H_
#define LIAISON_DATASETS_GENERATORS_NETWORK_MODEL_H_

#include <cstdint>
#include <vector>

#include "datasets/generators/professional_network.h"
#include "engine/util/buffer.h"
#include "liaison/graph.h"

namespace liaison::generators::internal {

inline constexpr uint32_t kNone = ~uint32_t{0};

// splitmix64 finaliser (with its increment): the only source of randomness.
inline uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
// Uniform in [0, 1).
inline double Unit(uint64_t h) { return static_cast<double>(h >> 11) * 0x1.0p-53; }
// Uniform in [0, n) from 32 random bits (multiply-shift, no division).
inline uint32_t Below(uint32_t bits, uint32_t n) {
  return static_cast<uint32_t>((static_cast<uint64_t>(bits) * n) >> 32);
}

// School classes are grouped by join year (cohort): 1990..2026.
inline constexpr uint32_t kCohorts = 37;

// Model rates, also checked by the tests (fractions of all members).
inline constexpr double kEmployedRate = 0.92;   // have a current company
inline constexpr double kSchoolRate = 0.85;     // have a school
inline constexpr double kPastCompanyRate = 0.55;
inline constexpr double kNoProfileRate = 0.12;  // empty profile: every text field missing
inline constexpr double kCompleteRate = 0.42;   // every text field and a photo
inline constexpr double kPhotoRate = 0.70;
inline constexpr double kPhoneRate = 0.33;
inline constexpr double kVerifiedRate = 0.10;
inline constexpr double kHidesConnectionsRate = 0.03;
inline constexpr double kNoIntroductionsRate = 0.04;

struct Company {
  uint32_t start;  // first member index
  uint32_t size;
  uint16_t industry;
  uint16_t location;
  uint32_t team;   // nominal team size: teams are consecutive blocks of `team` (the last up to 2x)
};

// Everything the proposals read about a member, in one 32-byte record (one cache line holds two
// when the array is 32-byte aligned, as the large, page-aligned arrays are).
struct MemberInfo {
  uint32_t company;       // kNone: no current employer
  uint32_t past_company;  // kNone: none
  uint32_t past_seat;     // virtual position in the past company's ring
  uint32_t school_pos;    // position in the school list (when school != 0)
  float activity;         // lognormal propensity to connect, mean 1
  float team_weight;      // sqrt(activity), capped: the member's weight in team ties
  uint16_t school;        // 1 + school index; 0 = none
  uint16_t location;
  uint16_t industry;
  uint16_t joined;        // generated day (text_format.h) the member joined
};
static_assert(sizeof(MemberInfo) == 32);

// One emitted connection of its owner.
struct OwnedEdge {
  uint32_t target;
  uint32_t target_id;    // external id of target
  uint16_t since;        // generated day
  uint8_t strength_pct;  // 0..100
};

// What a member shows on its profile.
struct MemberProfile {
  bool has_profile = false;
  bool show[6] = {};  // by TextColumn
  bool photo = false, phone = false, verified = false;
  bool hides_connections = false, no_introductions = false;
  bool headline_at_company = false;
  uint16_t first_name = 0, last_name = 0, title = 0;
  uint16_t last_updated = 0;  // generated day; meaningful when has_profile
};

// A base proposal whose one random read (a list entry or an alias slot) is still to be done: a
// member's proposals are all drawn and their reads prefetched before any of them waits for memory.
struct PendingProposal {
  enum Kind : uint8_t { kDirect, kList, kAlias };
  const void* read = nullptr;  // kList: a uint32_t member; kAlias: an alias slot; else null
  uint32_t target = kNone;     // kDirect: the target (kNone: none); kAlias: the slot's own member
  uint32_t bits = 0;           // kAlias: the coin against the slot's threshold
  Kind kind = kDirect;
};

// Per-thread scratch of the connection generator.
struct Scratch {
  struct Anchor {
    uint32_t v = 0, begin = 0, end = 0;  // a closure anchor and its team [begin, end)
  };
  std::vector<uint32_t> owned;  // the result: sorted, distinct
  std::vector<uint32_t> raw;    // candidates before sorting
  std::vector<PendingProposal> pending;
  std::vector<Anchor> anchors;
  std::vector<uint32_t> candidates;  // closure candidates, kClosureTries per attempt
};

class NetworkModel {
 public:
  // Builds the model state (companies, member attributes, community lists, alias table, id
  // permutation) and calibrates the proposal multiplier. REQUIRES: valid options.
  explicit NetworkModel(const ProfessionalNetworkOptions& options);
  NetworkModel(const NetworkModel&) = delete;
  NetworkModel& operator=(const NetworkModel&) = delete;

  uint32_t num_members() const { return n_; }
  uint32_t external_id(uint32_t u) const { return external_[u]; }
  const MemberInfo& info(uint32_t u) const { return info_[u]; }
  const Company& company(uint32_t c) const { return companies_[c]; }
  uint32_t num_companies() const { return static_cast<uint32_t>(companies_.size()); }
  double multiplier() const { return multiplier_; }

  // Appends the connections member u owns, sorted by target, distinct, without u itself.
  void OwnedConnections(uint32_t u, Scratch& scratch, std::vector<OwnedEdge>* out) const;

  MemberProfile Profile(uint32_t u) const;
  // Writes member u's value of column `column` (nothing when missing) and returns the end.
  // REQUIRES: kMaxTextBytes bytes of room.
  static constexpr size_t kMaxTextBytes = 192;
  char* WriteText(TextColumn column, uint32_t u, const MemberProfile& profile, char* out) const;

 private:
  struct Plan {
    uint32_t k = 0;        // base proposals
    uint32_t cut[5] = {};  // cumulative mechanism thresholds in 2^-32 units
  };

  uint64_t MemberKey(uint32_t u) const { return Mix(seed_ + u); }
  // The school's members in school_members_: [SchoolBegin, SchoolEnd). school is 1-based, as in
  // MemberInfo.
  uint32_t SchoolBegin(uint32_t school) const {
    return static_cast<uint32_t>(school_offsets_[(school - 1) * kCohorts]);
  }
  uint32_t SchoolEnd(uint32_t school) const { return static_cast<uint32_t>(school_offsets_[school * kCohorts]); }
  Plan PlanOf(uint32_t u, uint64_t key) const;
  // A base proposal in two steps (see PendingProposal).
  PendingProposal Propose(uint32_t u, const Plan& plan, uint64_t key, uint32_t j) const;
  uint32_t Resolve(uint32_t u, const PendingProposal& p) const;
  // One hash per unordered pair: its lowest bit is the ownership coin, its top 53 bits the
  // uniform draw of a team tie (independent bits).
  uint64_t PairHash(uint32_t u, uint32_t v) const {
    const uint64_t key = u < v ? (uint64_t{u} << 32) | v : (uint64_t{v} << 32) | u;
    return Mix(pair_coin_seed_ ^ key);
  }
  static bool OwnsByHash(uint32_t u, uint32_t v, uint64_t pair_hash) { return (pair_hash & 1) == (u < v); }
  bool Owns(uint32_t u, uint32_t v) const { return OwnsByHash(u, v, PairHash(u, v)); }
  // True when teammates u and v are connected (symmetric in u, v).
  bool TeamTieByHash(uint32_t u, uint32_t v, uint64_t pair_hash) const {
    return Unit(pair_hash) < team_density_ * info_[u].team_weight * info_[v].team_weight;
  }
  bool TeamTie(uint32_t u, uint32_t v) const { return TeamTieByHash(u, v, PairHash(u, v)); }
  // Member u's team: [begin, end) member indexes; empty when u has no company.
  void TeamOf(uint32_t u, uint32_t* begin, uint32_t* end) const;
  bool SharesCommunity(uint32_t u, uint32_t w) const;
  void OwnedTargets(uint32_t u, Scratch& scratch) const;
  OwnedEdge MakeEdge(uint32_t u, uint32_t v) const;

  void BuildCompanies();
  void BuildMembers();
  void BuildLists();
  void BuildPastCompanies();
  void BuildAliasTable();
  void BuildExternalIds();
  void ChooseTeamDensity();
  void Calibrate();

  ProfessionalNetworkOptions options_;
  uint32_t n_ = 0;
  uint32_t employed_ = 0;
  uint64_t seed_ = 0;        // member stream
  uint64_t pair_coin_seed_ = 0;  // pair ownership coin and team ties
  uint64_t pair_seed_ = 0;   // per-connection strength and since
  double team_density_ = 0;  // team tie probability for two members of weight 1
  double multiplier_ = 0;
  uint32_t num_industries_ = 0, num_locations_ = 0, num_schools_ = 0;
  uint32_t team_size_ = 0;  // typical team size, from the requested degree
  std::vector<double> industry_cdf_, location_cdf_, school_cdf_;  // Zipf laws
  std::vector<Company> companies_;
  Buffer<MemberInfo> info_;
  // Members grouped by industry / location / (school, cohort year): list + offsets per group.
  Buffer<uint32_t> industry_members_, location_members_, school_members_;
  std::vector<uint64_t> industry_offsets_, location_offsets_, school_offsets_;
  struct AliasSlot {
    uint32_t threshold;  // keep the slot's own member when 32 random bits are below this
    uint32_t alias;
  };
  Buffer<AliasSlot> alias_;  // Walker alias table over activity
  Buffer<uint32_t> external_;
};

}  // namespace liaison::generators::internal

#endif  // LIAISON_DATASETS_GENERATORS_NETWORK_MODEL_H_
