// NetworkModel: the state of a synthetic professional network and its per-member generators.
//
// Build order (each step deterministic per seed; parallel steps write disjoint members and read
// only what earlier steps wrote, so their result does not depend on the thread count):
//   1. companies: Pareto sizes, P(size >= s) = s^-0.8 capped at 1% of the members, until 92% of
//      members are employed (about a fifth of employees then work in companies under 50 and
//      half in companies over 1,000 at 1M members, like a professional network's membership),
//      each with a Zipf-drawn industry and headquarters city and a team size (serial,
//      O(companies));
//   2. members (parallel): company from the contiguous layout, industry, location, school, join
//      date and lognormal activity;
//   3. member lists by industry, by location and by (school, cohort year): stable counting sorts;
//   4. past companies (parallel; they read the lists and other members' companies);
//   5. the Walker alias table over activity (serial Vose construction);
//   6. external ids: a 4-round Feistel permutation of 0..n-1 with cycle walking, plus one;
//   7. the team density, so that team ties give about 55% of the requested degree (serial sums);
//   8. calibration of the proposal multiplier on a fixed sample of members (integer sums, so
//      the parallel reduction is exact).
// The proposals themselves (OwnedConnections) read this state only.

#include "datasets/generators/network_model.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "datasets/generators/names.h"
#include "datasets/generators/text_format.h"
#include "oneapi/tbb/blocked_range.h"
#include "oneapi/tbb/enumerable_thread_specific.h"
#include "oneapi/tbb/parallel_for.h"
#include "oneapi/tbb/parallel_reduce.h"

namespace liaison::generators::internal {
namespace {

constexpr uint64_t kGolden = 0x9e3779b97f4a7c15ULL;

// Salts: one per independent stream of draws.
constexpr uint64_t kSaltMembers = 0x6d656d6265727331ULL;
constexpr uint64_t kSaltOwner = 0x6f776e6572736869ULL;
constexpr uint64_t kSaltPair = 0x7061697273656564ULL;
constexpr uint64_t kSaltCompany = 0x636f6d70616e7973ULL;
constexpr uint64_t kSaltAttributes = 0x6174747269627574ULL;
constexpr uint64_t kSaltPast = 0x70617374636f6d70ULL;
constexpr uint64_t kSaltCount = 0x636f756e74707270ULL;
constexpr uint64_t kSaltClosureCount = 0x636c6f73636f756eULL;
constexpr uint64_t kSaltClosure = 0x636c6f7375726573ULL;
constexpr uint64_t kSaltProfile = 0x70726f66696c6573ULL;
constexpr uint64_t kSaltIds = 0x6665697374656c73ULL;

// Structure.
constexpr double kCompanySizeAlpha = 0.8;  // P(size >= s) ~ s^-alpha
constexpr double kIndustryZipf = 0.9;
constexpr double kLocationZipf = 1.0;
constexpr double kSchoolZipf = 0.9;
constexpr double kCompanyLocationRate = 0.75;  // live in the company's city
constexpr double kPastSameIndustryRate = 0.6;
constexpr double kActivitySigma = 1.3;  // lognormal activity, mean 1
constexpr double kMaxActivity = 300;
constexpr uint32_t kJoinSpan = kLastGeneratedDay - 180;

// Team ties: the team density is chosen so that team ties make about kTeamDegreeShare of the
// requested degree, at most kMaxTeamDensity; a member's weight is sqrt(activity), at most
// kMaxTeamWeight. Team size ~ kTeamPerDegree x the requested degree, varied per company by a
// factor 0.6..1.4; a school class is 1.5 teams.
constexpr double kTeamDegreeShare = 0.70;
constexpr double kMaxTeamDensity = 1.0;
constexpr double kMaxTeamWeight = 3.0;
constexpr double kTeamPerDegree = 1.5;
constexpr uint32_t kMinTeam = 4, kMaxTeam = 80;

// Proposal mix (the rest, at least 20%, is long-range ties drawn by activity).
constexpr double kShareCompany = 0.25;  // department window or anyone in the company
constexpr double kSharePast = 0.15;     // past company: old team, old department or anyone
constexpr double kShareSchool = 0.20;   // school: class, cohort window or anyone
constexpr double kShareIndustry = 0.10;
constexpr double kShareLocation = 0.10;
// Expected proposals per other member of a community, at most: a hub in a small company sends its
// surplus to long-range ties instead of proposing the same colleagues again.
constexpr double kCapGroup = 0.6;
constexpr double kCapWide = 0.3;
constexpr double kClosureRatio = 0.5;  // closure attempts per tie before closure
constexpr int kClosureTries = 3;
constexpr uint32_t kClosurePerAnchor = 4;
constexpr double kMaxProposals = 1 << 22;
constexpr uint32_t kDepartmentReach = 40;
constexpr uint32_t kCohortReach = 150;

// Probabilities in 2^-16 units for NearPick.
constexpr uint32_t P16(double p) { return static_cast<uint32_t>(p * 65536); }

// Calibration.
constexpr uint32_t kCalibrationSample = 16384;
constexpr int kCalibrationRounds = 6;

inline uint32_t Lo(uint64_t h) { return static_cast<uint32_t>(h); }
inline uint32_t Hi(uint64_t h) { return static_cast<uint32_t>(h >> 32); }
// Uniform in (0, 1].
inline double UnitOpen(uint64_t h) { return static_cast<double>((h >> 11) + 1) * 0x1.0p-53; }

inline uint32_t StochasticRound(double x, uint64_t h) {
  const double f = std::floor(x);
  return static_cast<uint32_t>(f) + (Unit(h) < x - f ? 1 : 0);
}

std::vector<double> ZipfCdf(uint32_t n, double exponent) {
  std::vector<double> cdf(n);
  double sum = 0;
  for (uint32_t i = 0; i < n; ++i) cdf[i] = (sum += std::pow(i + 1.0, -exponent));
  for (double& c : cdf) c /= sum;
  return cdf;
}

inline uint32_t ZipfPick(const std::vector<double>& cdf, uint64_t h) {
  const auto it = std::upper_bound(cdf.begin(), cdf.end(), Unit(h));
  return static_cast<uint32_t>(std::min<size_t>(it - cdf.begin(), cdf.size() - 1));
}

// The block of `block` consecutive places holding `pos` in [0, size); the last block takes the
// remainder (so blocks hold block..2*block-1 places, or all of a smaller range).
struct Range {
  uint32_t begin, end;
};
inline Range BlockOf(uint32_t pos, uint32_t size, uint32_t block) {
  const uint32_t blocks = std::max<uint32_t>(1, size / block);
  const uint32_t b = std::min(pos / block, blocks - 1);
  const uint32_t begin = b * block;
  return {begin, b == blocks - 1 ? size : begin + block};
}

// A place in [0, size) near `pos`: in pos's block with probability p_block, within `reach` places
// around pos (a ring) with probability p_window, else anywhere. May return pos itself.
inline uint32_t NearPick(uint64_t r, uint32_t pos, uint32_t size, uint32_t block, uint32_t reach,
                         uint32_t p_block16, uint32_t p_window16) {
  const uint32_t cls = static_cast<uint32_t>(r & 0xffff);
  const uint32_t bits = Hi(r);
  if (cls < p_block16) {
    const Range b = BlockOf(pos, size, block);
    return b.begin + Below(bits, b.end - b.begin);
  }
  if (cls >= p_block16 + p_window16 || size <= 1) return Below(bits, size);
  const uint64_t d = 1 + Below(bits, std::min(reach, size - 1));
  if ((r >> 16) & 1) return static_cast<uint32_t>(pos >= d ? pos - d : pos + size - d);
  const uint64_t up = pos + d;
  return static_cast<uint32_t>(up < size ? up : up - size);
}

// Counting sort of members by key (kNone = left out), stable in member order.
template <typename KeyFn>
void GroupMembers(uint32_t n, uint32_t num_keys, KeyFn key, Buffer<uint32_t>& list,
                  std::vector<uint64_t>& offsets) {
  offsets.assign(uint64_t{num_keys} + 1, 0);
  for (uint32_t u = 0; u < n; ++u) {
    const uint32_t k = key(u);
    if (k != kNone) ++offsets[k + 1];
  }
  for (uint32_t k = 0; k < num_keys; ++k) offsets[k + 1] += offsets[k];
  list = Buffer<uint32_t>(offsets[num_keys]);
  std::vector<uint64_t> cursor(offsets.begin(), offsets.end() - 1);
  for (uint32_t u = 0; u < n; ++u) {
    const uint32_t k = key(u);
    if (k != kNone) list[cursor[k]++] = u;
  }
}

inline uint32_t CohortOf(uint16_t joined) { return std::min<uint32_t>(joined * 4u / 1461u, kCohorts - 1); }

}  // namespace

NetworkModel::NetworkModel(const ProfessionalNetworkOptions& options)
    : options_(options), n_(static_cast<uint32_t>(options.members)) {
  const uint64_t root = Mix(options.seed ^ kSaltMembers);
  seed_ = Mix(root);
  pair_coin_seed_ = Mix(root ^ kSaltOwner);
  pair_seed_ = Mix(root ^ kSaltPair);
  BuildCompanies();
  BuildMembers();
  BuildLists();
  BuildPastCompanies();
  BuildAliasTable();
  BuildExternalIds();
  ChooseTeamDensity();
  Calibrate();
}

void NetworkModel::BuildCompanies() {
  num_industries_ = std::clamp<uint32_t>(n_ / 200, 4, static_cast<uint32_t>(names::Industries().size()));
  num_locations_ = std::clamp<uint32_t>(n_ / 500, 4, static_cast<uint32_t>(names::Cities().size()));
  num_schools_ = std::clamp<uint32_t>(n_ / 1000, 4, names::MaxSchools());
  industry_cdf_ = ZipfCdf(num_industries_, kIndustryZipf);
  location_cdf_ = ZipfCdf(num_locations_, kLocationZipf);
  school_cdf_ = ZipfCdf(num_schools_, kSchoolZipf);

  team_size_ = std::clamp<uint32_t>(static_cast<uint32_t>(std::lround(kTeamPerDegree * options_.avg_degree)),
                                    kMinTeam, kMaxTeam);
  employed_ = n_ < 2 ? 0 : static_cast<uint32_t>(std::llround(kEmployedRate * n_));
  const double cap = std::max<uint32_t>(50, n_ / 100);
  const uint64_t company_seed = Mix(seed_ ^ kSaltCompany);
  uint32_t pos = 0;
  for (uint32_t c = 0; pos < employed_; ++c) {
    const uint64_t h = Mix(company_seed + c);
    const double drawn = std::floor(std::pow(UnitOpen(h), -1.0 / kCompanySizeAlpha));
    const uint32_t size = std::min(static_cast<uint32_t>(std::min(drawn, cap)), employed_ - pos);
    const uint32_t team = std::max<uint32_t>(
        3, static_cast<uint32_t>(std::lround(team_size_ * (0.6 + 0.8 * Unit(Mix(h ^ 3))))));
    companies_.push_back(Company{pos, size, static_cast<uint16_t>(ZipfPick(industry_cdf_, Mix(h ^ 1))),
                                 static_cast<uint16_t>(ZipfPick(location_cdf_, Mix(h ^ 2))), team});
    pos += size;
  }
}

void NetworkModel::BuildMembers() {
  info_ = Buffer<MemberInfo>(n_);
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, n_, 4096), [&](const tbb::blocked_range<uint32_t>& r) {
    // The company of the first member of the range, then walk forward.
    size_t c = std::upper_bound(companies_.begin(), companies_.end(), r.begin(),
                                [](uint32_t u, const Company& x) { return u < x.start; }) -
               companies_.begin();
    c = c == 0 ? 0 : c - 1;
    for (uint32_t u = r.begin(); u != r.end(); ++u) {
      while (c < companies_.size() && u >= companies_[c].start + companies_[c].size) ++c;
      MemberInfo m{};
      const uint64_t h = Mix(MemberKey(u) ^ kSaltAttributes);
      m.company = u < employed_ ? static_cast<uint32_t>(c) : kNone;
      m.past_company = kNone;
      if (m.company != kNone) {
        m.industry = companies_[c].industry;
      } else {
        m.industry = static_cast<uint16_t>(ZipfPick(industry_cdf_, Mix(h + 1)));
      }
      if (m.company != kNone && Unit(Mix(h + 2)) < kCompanyLocationRate) {
        m.location = companies_[c].location;
      } else {
        m.location = static_cast<uint16_t>(ZipfPick(location_cdf_, Mix(h + 3)));
      }
      m.school = Unit(Mix(h + 4)) < kSchoolRate
                     ? static_cast<uint16_t>(1 + ZipfPick(school_cdf_, Mix(h + 5)))
                     : 0;
      m.joined = static_cast<uint16_t>(Unit(Mix(h + 6)) * kJoinSpan);  // uniform 1990..2025
      const double z = std::sqrt(-2 * std::log(UnitOpen(Mix(h + 7)))) *
                       std::cos(2 * std::numbers::pi * Unit(Mix(h + 8)));
      m.activity = static_cast<float>(
          std::min(kMaxActivity, std::exp(kActivitySigma * z - kActivitySigma * kActivitySigma / 2)));
      m.team_weight = static_cast<float>(std::min(kMaxTeamWeight, std::sqrt(double{m.activity})));
      info_[u] = m;
    }
  });
}

void NetworkModel::BuildLists() {
  GroupMembers(n_, num_industries_, [&](uint32_t u) { return uint32_t{info_[u].industry}; },
               industry_members_, industry_offsets_);
  GroupMembers(n_, num_locations_, [&](uint32_t u) { return uint32_t{info_[u].location}; },
               location_members_, location_offsets_);
  GroupMembers(
      n_, num_schools_ * kCohorts,
      [&](uint32_t u) {
        const MemberInfo& m = info_[u];
        return m.school == 0 ? kNone : (m.school - 1u) * kCohorts + CohortOf(m.joined);
      },
      school_members_, school_offsets_);
  tbb::parallel_for(tbb::blocked_range<uint64_t>(0, school_members_.size(), 1 << 14),
                    [&](const tbb::blocked_range<uint64_t>& r) {
                      for (uint64_t i = r.begin(); i != r.end(); ++i) {
                        info_[school_members_[i]].school_pos = static_cast<uint32_t>(i);
                      }
                    });
}

void NetworkModel::BuildPastCompanies() {
  if (employed_ == 0) return;
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, n_, 4096), [&](const tbb::blocked_range<uint32_t>& r) {
    for (uint32_t u = r.begin(); u != r.end(); ++u) {
      const uint64_t h = Mix(MemberKey(u) ^ kSaltPast);
      if (Unit(h) >= kPastCompanyRate) continue;
      uint32_t x;
      if (Unit(Mix(h + 1)) < kPastSameIndustryRate) {
        const uint64_t b = industry_offsets_[info_[u].industry];
        const uint64_t e = industry_offsets_[info_[u].industry + 1];
        x = industry_members_[b + Below(Lo(Mix(h + 2)), static_cast<uint32_t>(e - b))];
      } else {
        x = Below(Lo(Mix(h + 2)), employed_);  // a company drawn by its size
      }
      const uint32_t pc = info_[x].company;
      if (pc == kNone || pc == info_[u].company) continue;
      info_[u].past_company = pc;
      info_[u].past_seat = Below(Hi(Mix(h + 3)), companies_[pc].size);
    }
  });
}

void NetworkModel::BuildAliasTable() {
  // Vose's alias method: member i is drawn with probability activity_i / sum.
  std::vector<double> scaled(n_);
  double sum = 0;
  for (uint32_t u = 0; u < n_; ++u) sum += info_[u].activity;
  std::vector<uint32_t> small, large;
  for (uint32_t u = 0; u < n_; ++u) {
    scaled[u] = info_[u].activity * n_ / sum;
    (scaled[u] < 1 ? small : large).push_back(u);
  }
  alias_ = Buffer<AliasSlot>(n_);
  while (!small.empty() && !large.empty()) {
    const uint32_t s = small.back(), l = large.back();
    small.pop_back();
    large.pop_back();
    alias_[s] = AliasSlot{static_cast<uint32_t>(scaled[s] * 4294967296.0), l};
    scaled[l] += scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push_back(l);
  }
  for (uint32_t u : small) alias_[u] = AliasSlot{~uint32_t{0}, u};
  for (uint32_t u : large) alias_[u] = AliasSlot{~uint32_t{0}, u};
}

void NetworkModel::BuildExternalIds() {
  // Balanced Feistel network on 2*half bits (a bijection), cycle-walked into [0, n).
  uint32_t bits = 2;
  while (bits < 64 && (uint64_t{1} << bits) < n_) bits += 2;
  const uint32_t half = bits / 2;
  const uint64_t mask = (uint64_t{1} << half) - 1;
  uint64_t keys[4];
  for (int i = 0; i < 4; ++i) keys[i] = Mix(seed_ ^ (kSaltIds + i));
  external_ = Buffer<uint32_t>(n_);
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, n_, 1 << 14), [&](const tbb::blocked_range<uint32_t>& r) {
    for (uint32_t u = r.begin(); u != r.end(); ++u) {
      uint64_t x = u;
      do {
        uint64_t left = x >> half, right = x & mask;
        for (const uint64_t key : keys) {
          const uint64_t next = left ^ (Mix(key ^ right) & mask);
          left = right;
          right = next;
        }
        x = (left << half) | right;
      } while (x >= n_);
      external_[u] = static_cast<uint32_t>(x + 1);
    }
  });
}

void NetworkModel::Calibrate() {
  // The average degree is about team + closure + slope * multiplier: secant steps on a fixed
  // sample of members converge in a few rounds.
  const double target = options_.avg_degree;
  multiplier_ = 0;
  if (target <= 0 || n_ < 2) return;
  const uint32_t sample = std::min(n_, kCalibrationSample);
  tbb::enumerable_thread_specific<Scratch> scratch;
  auto degree_at = [&](double multiplier) {
    multiplier_ = multiplier;
    const uint64_t owned = tbb::parallel_reduce(
        tbb::blocked_range<uint32_t>(0, sample, 256), uint64_t{0},
        [&](const tbb::blocked_range<uint32_t>& r, uint64_t acc) {
          Scratch& s = scratch.local();
          for (uint32_t i = r.begin(); i != r.end(); ++i) {
            OwnedTargets(static_cast<uint32_t>(uint64_t{i} * n_ / sample), s);
            acc += s.owned.size();
          }
          return acc;
        },
        [](uint64_t a, uint64_t b) { return a + b; });
    return 2.0 * static_cast<double>(owned) / sample;
  };
  double m0 = 0, d0 = degree_at(0);
  if (d0 >= target) return;  // team ties alone reach the target (multiplier_ = 0)
  double m1 = target - d0, d1 = degree_at(m1);
  for (int round = 0; round < kCalibrationRounds && std::abs(d1 - target) > 0.005 * target; ++round) {
    const double slope = (d1 - d0) / (m1 - m0);
    const double next = slope > 0 ? std::clamp(m1 + (target - d1) / slope, m1 / 4, m1 * 4) : m1 * 2;
    m0 = m1, d0 = d1;
    m1 = next;
    d1 = degree_at(m1);
  }
  multiplier_ = m1;
}

// Inlined into its one caller: a struct returned by value through memory stalls store forwarding.
[[gnu::always_inline]] inline NetworkModel::Plan NetworkModel::PlanOf(uint32_t u, uint64_t key) const {
  Plan p;
  const MemberInfo& m = info_[u];
  p.k = StochasticRound(std::min(kMaxProposals, multiplier_ * m.activity), Mix(key ^ kSaltCount));
  if (p.k == 0) return p;
  const double k = p.k;
  auto share = [k](double base, uint64_t others, double cap) {
    return std::min(base, cap * static_cast<double>(others) / k);
  };
  double w[5] = {};
  if (m.company != kNone) w[0] = share(kShareCompany, companies_[m.company].size - 1, kCapGroup);
  if (m.past_company != kNone) w[1] = share(kSharePast, companies_[m.past_company].size, kCapGroup);
  if (m.school != 0) w[2] = share(kShareSchool, SchoolEnd(m.school) - SchoolBegin(m.school) - 1, kCapGroup);
  w[3] = share(kShareIndustry, industry_offsets_[m.industry + 1] - industry_offsets_[m.industry] - 1, kCapWide);
  w[4] = share(kShareLocation, location_offsets_[m.location + 1] - location_offsets_[m.location] - 1, kCapWide);
  double cumulative = 0;
  for (int i = 0; i < 5; ++i) {
    cumulative += w[i];
    p.cut[i] = static_cast<uint32_t>(std::min(cumulative, 1.0) * 4294967295.0);
  }
  return p;
}

// Inlined into its one caller: a struct returned by value through memory stalls store forwarding.
[[gnu::always_inline]] inline PendingProposal NetworkModel::Propose(uint32_t u, const Plan& plan, uint64_t key, uint32_t j) const {
  const uint64_t h = Mix(key + (uint64_t{j} + 1) * kGolden);
  const uint32_t x = Lo(h);
  const uint64_t r = Mix(h);
  const MemberInfo& m = info_[u];
  PendingProposal p;
  if (x < plan.cut[0]) {  // colleague: in the department window or anywhere in the company
    const Company& c = companies_[m.company];
    const uint32_t pos = u - c.start;
    const uint32_t q = NearPick(r, pos, c.size, c.team, kDepartmentReach, 0, P16(0.6));
    p.target = q == pos ? kNone : c.start + q;
  } else if (x < plan.cut[1]) {  // ex-colleague, around u's old seat
    const Company& c = companies_[m.past_company];
    p.target = c.start + NearPick(r, m.past_seat, c.size, c.team, kDepartmentReach, P16(0.5), P16(0.3));
  } else if (x < plan.cut[2]) {  // schoolmate: class, cohort, anyone
    const uint32_t b = SchoolBegin(m.school);
    const uint32_t pos = m.school_pos - b;
    const uint32_t q = NearPick(r, pos, SchoolEnd(m.school) - b, team_size_ * 3 / 2, kCohortReach,
                                P16(0.5), P16(0.35));
    if (q != pos) {
      p.read = &school_members_[b + q];
      p.kind = PendingProposal::kList;
    }
  } else if (x < plan.cut[3]) {
    const uint64_t b = industry_offsets_[m.industry], e = industry_offsets_[m.industry + 1];
    p.read = &industry_members_[b + Below(Hi(r), static_cast<uint32_t>(e - b))];
    p.kind = PendingProposal::kList;
  } else if (x < plan.cut[4]) {
    const uint64_t b = location_offsets_[m.location], e = location_offsets_[m.location + 1];
    p.read = &location_members_[b + Below(Hi(r), static_cast<uint32_t>(e - b))];
    p.kind = PendingProposal::kList;
  } else {  // long-range tie, drawn by activity
    p.target = Below(Lo(r), n_);
    p.read = &alias_[p.target];
    p.bits = Hi(r);
    p.kind = PendingProposal::kAlias;
  }
  return p;
}

// Inlined into its one caller, the proposal loop of OwnedTargets.
[[gnu::always_inline]] inline uint32_t NetworkModel::Resolve(uint32_t u, const PendingProposal& p) const {
  uint32_t t = p.target;
  if (p.kind == PendingProposal::kList) {
    t = *static_cast<const uint32_t*>(p.read);
  } else if (p.kind == PendingProposal::kAlias) {
    const AliasSlot& slot = *static_cast<const AliasSlot*>(p.read);
    if (p.bits >= slot.threshold) t = slot.alias;
  }
  return t == u ? kNone : t;
}

void NetworkModel::TeamOf(uint32_t u, uint32_t* begin, uint32_t* end) const {
  const uint32_t c = info_[u].company;
  if (c == kNone) {
    *begin = *end = u;
    return;
  }
  const Company& company = companies_[c];
  const Range team = BlockOf(u - company.start, company.size, company.team);
  *begin = company.start + team.begin;
  *end = company.start + team.end;
}

bool NetworkModel::SharesCommunity(uint32_t u, uint32_t w) const {
  const MemberInfo& a = info_[u];
  const MemberInfo& b = info_[w];
  return (a.company != kNone && a.company == b.company) || (a.school != 0 && a.school == b.school) ||
         (a.past_company != kNone && a.past_company == b.company) ||
         (b.past_company != kNone && b.past_company == a.company);
}

void NetworkModel::ChooseTeamDensity() {
  // Expected team degree at density 1: sum over members of (team size - 1) * g(u) * mean g.
  double weight_sum = 0, team_sum = 0;
  for (uint32_t u = 0; u < n_; ++u) {
    const double g = info_[u].team_weight;
    weight_sum += g;
    uint32_t begin, end;
    TeamOf(u, &begin, &end);
    if (end > begin) team_sum += (end - begin - 1) * g;
  }
  if (n_ == 0 || team_sum <= 0) return;
  const double at_full_density = team_sum / n_ * (weight_sum / n_);
  team_density_ = std::min(kMaxTeamDensity, kTeamDegreeShare * options_.avg_degree / at_full_density);
}

void NetworkModel::OwnedTargets(uint32_t u, Scratch& s) const {
  // The candidates go to s.raw (team ties first, in increasing order; then proposals and closures
  // in any order), then are sorted and deduplicated into s.owned. The loops are branch-free where
  // the branch would be a coin flip, and every random read is prefetched a stage before its use.
  uint32_t team_begin, team_end;
  TeamOf(u, &team_begin, &team_end);
  const uint64_t key = MemberKey(u);
  const Plan plan = PlanOf(u, key);
  const size_t team = team_end - team_begin;
  // At most: every teammate, every proposal, and one closure per tie (attempts <= ties).
  if (s.raw.size() < 2 * (team + plan.k) + 1) s.raw.resize(2 * (team + plan.k) + 1);
  uint32_t* const raw = s.raw.data();
  size_t n = 0;

  // Base proposals: drawn first, so that their random reads are in flight during the team loop
  // (which computes on u's own, cached team); resolved after it, in draw order.
  s.pending.resize(plan.k);
  for (uint32_t j = 0; j < plan.k; ++j) {
    s.pending[j] = Propose(u, plan, key, j);
    if (s.pending[j].read != nullptr) __builtin_prefetch(s.pending[j].read);
  }

  // Team ties u owns: for v < u the pair's coin must be 0, for v > u it must be 1.
  if (team_density_ > 0 && team > 0) {
    const double du = team_density_ * info_[u].team_weight;
    for (uint32_t v = team_begin; v < u; ++v) {
      const uint64_t h = PairHash(u, v);
      raw[n] = v;
      n += ((h & 1) == 0) & (Unit(h) < du * info_[v].team_weight);
    }
    for (uint32_t v = u + 1; v < team_end; ++v) {
      const uint64_t h = PairHash(u, v);
      raw[n] = v;
      n += ((h & 1) == 1) & (Unit(h) < du * info_[v].team_weight);
    }
  }
  const size_t team_ties = n;

  // The proposals u owns.
  for (uint32_t j = 0; j < plan.k; ++j) {
    const uint32_t t = Resolve(u, s.pending[j]);
    const bool owned = (t != kNone) & Owns(u, t);
    // MakeEdge reads the target's record and id after the closures: fetch them now.
    const uint32_t fetch = owned ? t : u;
    __builtin_prefetch(&info_[fetch]);
    __builtin_prefetch(&external_[fetch]);
    raw[n] = t;
    n += owned;
  }

  // Triadic closure: u-v and v-w are connections, so u-w closes a triangle. The anchor v is any
  // of u's ties and w one of v's teammates: when v is u's teammate, w is a teammate u is not yet
  // tied to, who shares many friends with u; otherwise u joins part of v's (dense) team.
  // Consecutive attempts share an anchor. u-w is proposed when w shares a community with u and
  // kept when u owns the pair.
  const uint32_t ties = static_cast<uint32_t>(n);
  if (ties > 0) {
    const uint32_t attempts = StochasticRound(kClosureRatio * ties, Mix(key ^ kSaltClosureCount));
    const uint32_t anchors = (attempts + kClosurePerAnchor - 1) / kClosurePerAnchor;
    s.anchors.resize(anchors);
    // Stage 1: the anchors, and their records.
    for (uint32_t i = 0; i < anchors; ++i) {
      const uint32_t a = i * kClosurePerAnchor;
      const uint32_t v = raw[Below(Lo(Mix((key ^ kSaltClosure) - a)), ties)];
      s.anchors[i].v = v;
      __builtin_prefetch(&info_[v]);
    }
    // Stage 2: the anchors' companies (TeamOf reads them).
    for (uint32_t i = 0; i < anchors; ++i) {
      const uint32_t c = info_[s.anchors[i].v].company;
      if (c != kNone) __builtin_prefetch(&companies_[c]);
    }
    // Stage 3: each anchor's team, and every candidate w of its attempts.
    s.candidates.resize(size_t{attempts} * kClosureTries);
    for (uint32_t i = 0; i < anchors; ++i) {
      Scratch::Anchor& anchor = s.anchors[i];
      TeamOf(anchor.v, &anchor.begin, &anchor.end);
      if (anchor.end - anchor.begin < 3) continue;
      const uint32_t last = std::min(attempts, (i + 1) * kClosurePerAnchor);
      for (uint32_t a = i * kClosurePerAnchor; a < last; ++a) {
        for (int attempt = 0; attempt < kClosureTries; ++attempt) {
          const uint64_t h = Mix((key ^ kSaltClosure) + (uint64_t{a} * kClosureTries + attempt) * kGolden);
          const uint32_t w = anchor.begin + Below(Lo(h), anchor.end - anchor.begin);
          s.candidates[size_t{a} * kClosureTries + attempt] = w;
          __builtin_prefetch(&info_[w]);
        }
      }
    }
    // Stage 4: the first candidate of each attempt that is a teammate tied to v.
    for (uint32_t a = 0; a < attempts; ++a) {
      const Scratch::Anchor& anchor = s.anchors[a / kClosurePerAnchor];
      if (anchor.end - anchor.begin < 3) continue;
      const uint32_t v = anchor.v;
      for (int attempt = 0; attempt < kClosureTries; ++attempt) {
        const uint32_t w = s.candidates[size_t{a} * kClosureTries + attempt];
        if (w == v || w == u || !TeamTie(v, w)) continue;
        const bool owned = SharesCommunity(u, w) & Owns(u, w);
        __builtin_prefetch(&external_[owned ? w : u]);  // MakeEdge reads it
        raw[n] = w;
        n += owned;
        break;
      }
    }
  }

  // Sort the tail and merge it with the (sorted, distinct) team ties, dropping duplicates.
  std::sort(raw + team_ties, raw + n);
  s.owned.resize(n);
  uint32_t* const out = s.owned.data();
  size_t i = 0, j = team_ties, m = 0;
  while (i < team_ties && j < n) {
    const bool take_team = raw[i] <= raw[j];
    const uint32_t x = take_team ? raw[i] : raw[j];
    i += take_team;
    j += !take_team;
    out[m] = x;
    m += m == 0 || out[m - 1] != x;
  }
  for (; i < team_ties; ++i) {
    out[m] = raw[i];
    m += m == 0 || out[m - 1] != raw[i];
  }
  for (; j < n; ++j) {
    out[m] = raw[j];
    m += m == 0 || out[m - 1] != raw[j];
  }
  s.owned.resize(m);
}

// Inlined into its one caller: a struct returned by value through memory stalls store forwarding.
[[gnu::always_inline]] inline OwnedEdge NetworkModel::MakeEdge(uint32_t u, uint32_t v) const {
  const MemberInfo& a = info_[u];
  const MemberInfo& b = info_[v];
  const uint32_t lo = std::min(u, v), hi = std::max(u, v);
  const uint64_t h = Mix(pair_seed_ ^ ((uint64_t{lo} << 32) | hi));
  // Since: after both joined, mostly soon after the later of the two joined; as that is the
  // later of two uniform dates, ties are skewed towards recent years (median about 2019):
  // since = later join + (last day - later join) * U^3.
  const uint32_t start = std::max(a.joined, b.joined);
  const double x = Unit(h);
  const uint32_t since = start + static_cast<uint32_t>((kLastGeneratedDay - start) * (x * x * x));
  // Strength: shared workplace, school and place, plus the age of the tie, plus noise.
  double s = 0.18;
  if (a.company != kNone && a.company == b.company) {
    s += 0.32;
  } else if ((a.past_company != kNone && (a.past_company == b.company || a.past_company == b.past_company)) ||
             (b.past_company != kNone && b.past_company == a.company)) {
    s += 0.20;
  }
  if (a.school != 0 && a.school == b.school) {
    s += 0.14;
    if (a.joined + 730 >= b.joined && b.joined + 730 >= a.joined) s += 0.08;
  }
  if (a.location == b.location) s += 0.04;
  if (a.industry == b.industry) s += 0.04;
  s += 0.20 * std::min(1.0, (kLastGeneratedDay - since) / (25 * 365.25));
  s += (Unit(Mix(h)) - 0.5) * 0.2;
  // s > 0, so rounding half away from zero (std::lround, a libm call) is truncation of s + 0.5.
  const long pct = static_cast<long>(s * 100 + 0.5);
  return OwnedEdge{v, external_[v], static_cast<uint16_t>(since),
                   static_cast<uint8_t>(std::clamp(pct, 1L, 100L))};
}

void NetworkModel::OwnedConnections(uint32_t u, Scratch& scratch, std::vector<OwnedEdge>* out) const {
  OwnedTargets(u, scratch);
  const std::vector<uint32_t>& owned = scratch.owned;
  // MakeEdge is bound by the misses on info_[v] and external_[v]: prefetch ahead.
  constexpr size_t kAhead = 8;
  const size_t count = owned.size();
  for (size_t i = 0; i < std::min(kAhead, count); ++i) {
    __builtin_prefetch(&info_[owned[i]]);
    __builtin_prefetch(&external_[owned[i]]);
  }
  const size_t base = out->size();
  out->resize(base + count);
  OwnedEdge* edges = out->data() + base;
  for (size_t i = 0; i < count; ++i) {
    if (i + kAhead < count) {
      __builtin_prefetch(&info_[owned[i + kAhead]]);
      __builtin_prefetch(&external_[owned[i + kAhead]]);
    }
    edges[i] = MakeEdge(u, owned[i]);
  }
}

MemberProfile NetworkModel::Profile(uint32_t u) const {
  MemberProfile p;
  const MemberInfo& m = info_[u];
  const uint64_t h = Mix(MemberKey(u) ^ kSaltProfile);
  auto draw = [h](uint64_t i) { return Unit(Mix(h + i)); };
  p.hides_connections = draw(0) < kHidesConnectionsRate;
  p.no_introductions = draw(1) < kNoIntroductionsRate;
  if (draw(2) < kNoProfileRate) return p;
  p.has_profile = true;
  const double profiled = 1 - kNoProfileRate;
  const bool eligible = m.company != kNone && m.school != 0;
  const double employed = static_cast<double>(employed_) / n_;
  const double complete_if_eligible = kCompleteRate / (profiled * employed * kSchoolRate);
  bool* show = p.show;
  if (eligible && draw(3) < complete_if_eligible) {
    for (int c = 0; c < kNumTextColumns; ++c) show[c] = true;
    p.photo = true;
  } else {
    show[static_cast<int>(TextColumn::kName)] = true;
    show[static_cast<int>(TextColumn::kHeadline)] = draw(4) < 0.70;
    show[static_cast<int>(TextColumn::kCompany)] = m.company != kNone && draw(5) < 0.75;
    show[static_cast<int>(TextColumn::kIndustry)] = draw(6) < 0.80;
    show[static_cast<int>(TextColumn::kLocation)] = draw(7) < 0.85;
    show[static_cast<int>(TextColumn::kSchool)] = m.school != 0 && draw(8) < 0.60;
    p.photo = draw(9) < (kPhotoRate - kCompleteRate) / (profiled - kCompleteRate);
    if (p.photo && std::all_of(show, show + kNumTextColumns, [](bool b) { return b; })) {
      show[static_cast<int>(TextColumn::kHeadline)] = false;  // stays incomplete
    }
  }
  p.phone = draw(10) < kPhoneRate / profiled;
  p.verified = draw(11) < kVerifiedRate / profiled;
  p.last_updated = static_cast<uint16_t>(
      m.joined + (kLastGeneratedDay - m.joined) * std::pow(Unit(Mix(h + 12)), 0.3));
  const uint64_t names = Mix(h + 13);
  p.first_name = static_cast<uint16_t>(Below(Lo(names), static_cast<uint32_t>(names::FirstNames().size())));
  p.last_name = static_cast<uint16_t>(Below(Hi(names), static_cast<uint32_t>(names::LastNames().size())));
  p.title = static_cast<uint16_t>(Below(Lo(Mix(h + 14)), static_cast<uint32_t>(names::JobTitles().size())));
  p.headline_at_company = m.company != kNone && draw(15) < 0.6;
  return p;
}

char* NetworkModel::WriteText(TextColumn column, uint32_t u, const MemberProfile& p, char* out) const {
  if (!p.show[static_cast<int>(column)]) return out;
  auto put = [](char* o, std::string_view s) {
    std::memcpy(o, s.data(), s.size());
    return o + s.size();
  };
  const MemberInfo& m = info_[u];
  switch (column) {
    case TextColumn::kName:
      out = put(out, names::FirstNames()[p.first_name]);
      *out++ = ' ';
      return put(out, names::LastNames()[p.last_name]);
    case TextColumn::kHeadline:
      out = put(out, names::JobTitles()[p.title]);
      if (p.headline_at_company) out = names::CompanyName(m.company, put(out, " at "));
      return out;
    case TextColumn::kCompany:
      return names::CompanyName(m.company, out);
    case TextColumn::kIndustry:
      return put(out, names::Industries()[m.industry]);
    case TextColumn::kLocation:
      return put(out, names::Cities()[m.location]);
    case TextColumn::kSchool:
      return names::SchoolName(m.school - 1u, out);
  }
  return out;
}

}  // namespace liaison::generators::internal
