// People you may know (DESIGN.md §3): Suggest(g, m) returns the k members two hops from m, not m
// and not already connected to m, with the best score; ties go to the smaller VertexId (= the
// smaller external id).
//
// Scores. The viewer is m, so every connection crossed must be visible to m (Visibility). For a
// candidate z let M(z) = { y in N(m) : y–z is visible to m } (its visible mutual connections;
// m–y is always visible to m), deg_V(x) = the number of x's connections visible to m (for a
// mutual y this counts m too, so deg_V(y) >= 2), and deg(m) = m's degree (all visible to m).
//   common               |M(z)|
//   jaccard              |M(z)| / (deg(m) + deg_V(z) - |M(z)|)      (= |N(m) ∩ N_V(z)| / |N(m) ∪ N_V(z)|)
//   adamic-adar          sum over y in M(z) of 1 / ln(deg_V(y))
//   resource-allocation  sum over y in M(z) of 1 / deg_V(y)
// Visible degrees, not raw ones: a raw degree would reveal how many private connections a member
// has. Without hidden members deg_V = deg. Sums are added in the order the mutuals' lists are
// processed (ascending list length, then id), so results are reproducible bit for bit.
//
// Method. One pass over the intermediaries y in N(m), in ascending list length, accumulating per
// candidate (count, adamic-adar sum, resource-allocation sum) — everything the four scores need —
// through a dense per-thread slot map (StampedArray: member -> candidate index, O(1) reset) into a
// compact candidate array. The last lists are the long ones (hubs). Before each of the last
// kProbeWindow lists, when the remaining lists are much longer than the candidate set, the pass
// asks whether a member not seen yet could still enter the top k: its score is at most what the
// remaining lists can give (common: their number; sums: their weights; jaccard: their number /
// deg(m)). When that bound is below the current k-th best lower bound, the remaining lists are no
// longer scanned: each is probed by galloping search for the candidates that can still win only
// (equal to the bar: members with a smaller id than the k-th still can, so the heads of the lists
// below that id are scanned too). Exact: every member that can be in the top k gets its full sums.
// The top k comes from a bounded heap (topk.h). For jaccard, deg_V(z) needs a scan of z's list
// when some member hides; it is computed only for candidates whose upper bound |M(z)| / deg(m)
// reaches the k-th best lower bound (computed with the raw degree).
//
// Hubs: SuggestOptions::hub_cap > 0 skips intermediaries with more than hub_cap visible
// connections. Faster when m is connected to huge hubs (their lists are neither scanned nor
// probed), but then the scores ignore those mutuals, so the ranking is approximate; `mutual` and
// `reasons` are still exact (they come from intersecting N(m) with the candidate's list).
//
// Reasons: up to 3 mutual connections y of the suggestion, the strongest relationships first —
// largest strength(m–y) * strength(y–z), ties to the smaller id — listed ascending by id.
//
// Budget: each list read (m's, an intermediary's, a candidate's for jaccard or for reasons) is a
// visit. Out of budget: the remaining lists are skipped and the answer ranks the partial sums,
// with truncated = true.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "engine/algorithms/scratch.h"
#include "engine/algorithms/topk.h"
#include "engine/algorithms/visibility.h"
#include "engine/algorithms/visit_meter.h"
#include "engine/util/strings.h"
#include "liaison/query.h"

namespace liaison {
namespace {

constexpr uint32_t kExcludedSlot = std::numeric_limits<uint32_t>::max();
// How many of the last (longest) lists may be probed instead of scanned, and how much longer than
// the candidate set the remaining lists must be for a check to be worth its O(candidates) cost.
constexpr size_t kProbeWindow = 8;
constexpr uint64_t kProbeRatio = 4;

struct Intermediary {
  VertexId member;
  uint32_t visible_degree;
  double adamic_adar;          // 1 / ln(visible_degree)
  double resource_allocation;  // 1 / visible_degree
};

struct Candidate {
  VertexId member;
  uint32_t count;
  double adamic_adar;
  double resource_allocation;
};

struct SuggestScratch {
  StampedArray<uint32_t> slot;  // member -> candidate index + 1, or kExcludedSlot
  std::vector<Intermediary> inter;
  std::vector<Candidate> cand;
  std::vector<uint32_t> live;  // candidate indices still probed, ascending by member
  std::vector<std::pair<double, VertexId>> bar;
};

// A scored candidate; ranks before another with a larger score, then a smaller member.
struct Scored {
  double score;
  VertexId member;
  uint32_t index;
};
struct ScoredBefore {
  bool operator()(const Scored& a, const Scored& b) const {
    return a.score != b.score ? a.score > b.score : a.member < b.member;
  }
};

struct Ctx {
  const Snapshot& g;
  VertexId m;
  const SuggestOptions& options;
  Visibility vis;
  VisitMeter meter;
  SuggestScratch& s;
  double deg_m;
};

// The number of v's connections visible to the viewer, stopping once it exceeds `stop`.
uint32_t VisibleDegree(const Ctx& c, VertexId v, uint32_t stop) {
  if (c.vis.all_visible()) return c.g.degree(v);
  uint32_t n = 0;
  for (VertexId w : c.g.neighbors(v)) {
    n += c.vis.Visible(v, w) ? 1 : 0;
    if (n > stop) break;
  }
  return n;
}

// The score from accumulated values; `deg_z` is deg_V(z) (or a bound) for jaccard.
double Score(SuggestScore score, const Candidate& cd, double deg_m, double deg_z) {
  switch (score) {
    case SuggestScore::kCommon:
      return cd.count;
    case SuggestScore::kJaccard:
      return cd.count / (deg_m + deg_z - cd.count);
    case SuggestScore::kAdamicAdar:
      return cd.adamic_adar;
    case SuggestScore::kResourceAllocation:
      return cd.resource_allocation;
  }
  return 0;
}

// Adds intermediary `y`'s contribution to candidate z (a new candidate when unseen).
inline void Accumulate(SuggestScratch& s, VertexId z, uint32_t slot, const Intermediary& y) {
  if (slot == 0) {
    s.slot.Set(z, static_cast<uint32_t>(s.cand.size()) + 1);
    s.cand.push_back({z, 1, 0.0 + y.adamic_adar, 0.0 + y.resource_allocation});
    return;
  }
  Candidate& cd = s.cand[slot - 1];
  ++cd.count;
  cd.adamic_adar += y.adamic_adar;
  cd.resource_allocation += y.resource_allocation;
}

// Scans y's list from `begin` for members below `limit`; returns where it stopped.
size_t ScanList(Ctx& c, const Intermediary& y, size_t begin, VertexId limit) {
  const std::span<const VertexId> nbrs = c.g.neighbors(y.member);
  size_t i = begin;
  for (; i < nbrs.size() && nbrs[i] < limit; ++i) {
    const VertexId z = nbrs[i];
    const uint32_t slot = c.s.slot.Get(z);
    if (slot == kExcludedSlot) continue;
    if (!c.vis.Visible(y.member, z)) continue;
    Accumulate(c.s, z, slot, y);
  }
  return i;
}

// Finds each live candidate (ascending) in y's list from `begin` by galloping search.
void ProbeList(Ctx& c, const Intermediary& y, size_t begin) {
  const std::span<const VertexId> nbrs = c.g.neighbors(y.member);
  size_t lo = begin;
  for (uint32_t idx : c.s.live) {
    const VertexId z = c.s.cand[idx].member;
    size_t step = 1, hi = lo;
    while (hi < nbrs.size() && nbrs[hi] < z) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    hi = std::min(hi, nbrs.size());
    lo = static_cast<size_t>(std::lower_bound(nbrs.begin() + lo, nbrs.begin() + hi, z) -
                             nbrs.begin());
    if (lo == nbrs.size()) break;
    if (nbrs[lo] == z && c.vis.Visible(y.member, z)) Accumulate(c.s, z, idx + 1, y);
  }
}

// The most a member not seen before list `i` can score from lists i.. (exact in floating point:
// sums are added in list order, like a candidate's).
double UnseenBound(const Ctx& c, size_t i) {
  const auto& inter = c.s.inter;
  double sum = 0;
  switch (c.options.score) {
    case SuggestScore::kCommon:
      return static_cast<double>(inter.size() - i);
    case SuggestScore::kJaccard:
      return static_cast<double>(inter.size() - i) / c.deg_m;
    case SuggestScore::kAdamicAdar:
      for (size_t j = i; j < inter.size(); ++j) sum += inter[j].adamic_adar;
      return sum;
    case SuggestScore::kResourceAllocation:
      for (size_t j = i; j < inter.size(); ++j) sum += inter[j].resource_allocation;
      return sum;
  }
  return sum;
}

// A lower bound of candidate cd's final score (jaccard with the raw degree of z).
double LowerBound(const Ctx& c, const Candidate& cd) {
  return Score(c.options.score, cd, c.deg_m, c.g.degree(cd.member));
}
// An upper bound of cd's final score when lists i.. are still to come (`unseen` = UnseenBound(i)).
double UpperBound(const Ctx& c, const Candidate& cd, size_t i, double unseen) {
  switch (c.options.score) {
    case SuggestScore::kCommon:
      return cd.count + unseen;
    case SuggestScore::kJaccard:
      return (cd.count + static_cast<double>(c.s.inter.size() - i)) / c.deg_m;
    case SuggestScore::kAdamicAdar:
      return (cd.adamic_adar + unseen) * (1 + 1e-9);  // covers rounding of the later additions
    case SuggestScore::kResourceAllocation:
      return (cd.resource_allocation + unseen) * (1 + 1e-9);
  }
  return std::numeric_limits<double>::infinity();
}

// Decides, before list i, whether the remaining lists can be probed. On success fills `live`
// and sets `head_limit` (members below it are still scanned). Returns false to keep scanning.
bool TryProbeMode(Ctx& c, size_t i, VertexId& head_limit) {
  SuggestScratch& s = c.s;
  const size_t k = c.options.k;
  if (s.cand.size() < k) return false;
  s.bar.clear();
  for (const Candidate& cd : s.cand) s.bar.emplace_back(LowerBound(c, cd), cd.member);
  auto before = [](const std::pair<double, VertexId>& a, const std::pair<double, VertexId>& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  };
  std::nth_element(s.bar.begin(), s.bar.begin() + (k - 1), s.bar.end(), before);
  const auto [bar_score, bar_member] = s.bar[k - 1];  // the k-th best lower bound
  const double unseen = UnseenBound(c, i);
  if (unseen > bar_score) return false;
  head_limit = unseen < bar_score ? 0 : bar_member;
  s.live.clear();
  for (uint32_t idx = 0; idx < s.cand.size(); ++idx) {
    const Candidate& cd = s.cand[idx];
    if (cd.member < head_limit) continue;  // the head scans keep it exact
    const double ub = UpperBound(c, cd, i, unseen);
    if (ub > bar_score || (ub == bar_score && cd.member <= bar_member)) s.live.push_back(idx);
  }
  std::sort(s.live.begin(), s.live.end(),
            [&](uint32_t a, uint32_t b) { return s.cand[a].member < s.cand[b].member; });
  return true;
}

// deg_V(z) of every candidate that may still make the top k under jaccard (needs a scan of its
// list when some member hides); others keep the raw degree (a lower bound on their score).
// Returns per-candidate degrees; false when out of budget.
bool JaccardDegrees(Ctx& c, std::vector<double>& deg) {
  SuggestScratch& s = c.s;
  deg.resize(s.cand.size());
  for (size_t i = 0; i < s.cand.size(); ++i) deg[i] = c.g.degree(s.cand[i].member);
  if (c.vis.all_visible()) return true;
  TopK<Scored, ScoredBefore> lower(c.options.k, ScoredBefore());
  for (uint32_t i = 0; i < s.cand.size(); ++i) {
    lower.Offer({Score(SuggestScore::kJaccard, s.cand[i], c.deg_m, deg[i]), s.cand[i].member, i});
  }
  // With fewer than k candidates every one is in the answer.
  const bool prune = lower.full();
  const Scored bar = prune ? lower.worst() : Scored{0, 0, 0};
  for (size_t i = 0; i < s.cand.size(); ++i) {
    const double ub = s.cand[i].count / c.deg_m;
    if (prune && (ub < bar.score || (ub == bar.score && s.cand[i].member > bar.member))) continue;
    if (!c.meter.Visit(c.g.degree(s.cand[i].member))) return false;
    deg[i] = VisibleDegree(c, s.cand[i].member, std::numeric_limits<uint32_t>::max());
  }
  return true;
}

// Calls f(i, j) for each common member small[i] == large[j] of two sorted lists, galloping
// through `large` (O(|small| log(|large| / |small|)) when the sizes differ a lot).
template <typename F>
void ForEachCommon(std::span<const VertexId> small, std::span<const VertexId> large, F f) {
  size_t lo = 0;
  for (size_t i = 0; i < small.size(); ++i) {
    const VertexId x = small[i];
    size_t step = 1, hi = lo;
    while (hi < large.size() && large[hi] < x) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    hi = std::min(hi, large.size());
    lo = static_cast<size_t>(std::lower_bound(large.begin() + lo, large.begin() + hi, x) -
                             large.begin());
    if (lo == large.size()) return;
    if (large[lo] == x) f(i, lo);
  }
}

// Fills `mutual` and `reasons` of a suggestion from N(m) ∩ N(z) (visible to m). False when out
// of budget.
bool Explain(Ctx& c, Suggestion& out) {
  const Snapshot& g = c.g;
  const VertexId z = out.member;
  if (!c.meter.Visit(g.degree(z))) return false;
  struct Reason {
    float strength;
    VertexId member;
  };
  std::vector<Reason> best;  // the 3 strongest so far, strongest first
  uint32_t mutual = 0;
  auto common = [&](EdgeIndex em, EdgeIndex ez) {
    const VertexId y = g.neighbor(em);
    if (!c.vis.Visible(y, z)) return;
    ++mutual;
    best.push_back({g.strength(em) * g.strength(ez), y});
    std::sort(best.begin(), best.end(), [](const Reason& a, const Reason& b) {
      return a.strength != b.strength ? a.strength > b.strength : a.member < b.member;
    });
    if (best.size() > 3) best.pop_back();
  };
  const auto nm = g.neighbors(c.m), nz = g.neighbors(z);
  const EdgeIndex bm = g.edge_begin(c.m), bz = g.edge_begin(z);
  if (nm.size() <= nz.size()) {
    ForEachCommon(nm, nz, [&](size_t i, size_t j) { common(bm + i, bz + j); });
  } else {
    ForEachCommon(nz, nm, [&](size_t j, size_t i) { common(bm + i, bz + j); });
  }
  out.mutual = mutual;
  for (const Reason& r : best) out.reasons.push_back(r.member);
  std::sort(out.reasons.begin(), out.reasons.end());
  return true;
}

absl::Status CheckArguments(const Snapshot& g, VertexId member, const SuggestOptions& options) {
  if (member >= g.num_members()) {
    return absl::InvalidArgumentError(absl::StrCat("member index ", member, " is out of range (",
                                                   g.num_members(), " members)"));
  }
  if (options.k == 0 || options.k > kMaxK) {
    return absl::InvalidArgumentError(absl::StrCat("k = ", options.k, " is outside 1..", kMaxK));
  }
  switch (options.score) {
    case SuggestScore::kCommon:
    case SuggestScore::kJaccard:
    case SuggestScore::kAdamicAdar:
    case SuggestScore::kResourceAllocation:
      return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown suggest score ", static_cast<int>(options.score)));
}

}  // namespace

absl::StatusOr<SuggestScore> ParseSuggestScore(std::string_view name) {
  if (name == "common") return SuggestScore::kCommon;
  if (name == "jaccard") return SuggestScore::kJaccard;
  if (name == "adamic-adar") return SuggestScore::kAdamicAdar;
  if (name == "resource-allocation") return SuggestScore::kResourceAllocation;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown suggest score \"", ToAbsl(name),
                   "\" (expected common, jaccard, adamic-adar or resource-allocation)"));
}

std::string_view SuggestScoreName(SuggestScore score) {
  switch (score) {
    case SuggestScore::kCommon:
      return "common";
    case SuggestScore::kJaccard:
      return "jaccard";
    case SuggestScore::kAdamicAdar:
      return "adamic-adar";
    case SuggestScore::kResourceAllocation:
      return "resource-allocation";
  }
  return "unknown";
}

absl::StatusOr<SuggestResult> Suggest(const Snapshot& g, VertexId member,
                                      const SuggestOptions& options) {
  if (absl::Status st = CheckArguments(g, member, options); !st.ok()) return st;
  SuggestScratch& s = ThreadLocal<SuggestScratch>();
  Ctx c{g, member, options, Visibility(g, member), VisitMeter(options.budget), s,
        static_cast<double>(g.degree(member))};
  SuggestResult result;
  s.slot.Begin(g.num_members());
  s.inter.clear();
  s.cand.clear();
  if (!c.meter.Visit(g.degree(member))) {
    result.truncated = true;
    return result;
  }
  s.slot.Set(member, kExcludedSlot);
  for (VertexId y : g.neighbors(member)) s.slot.Set(y, kExcludedSlot);

  // The intermediaries, their visible degrees and weights, in processing order.
  const uint32_t cap = options.hub_cap == 0 ? std::numeric_limits<uint32_t>::max() : options.hub_cap;
  for (VertexId y : g.neighbors(member)) {
    if (!c.vis.all_visible() && !c.meter.Visit(g.degree(y))) {
      result.truncated = true;
      break;
    }
    const uint32_t dv = VisibleDegree(c, y, cap);
    if (dv > cap || dv < 2) continue;  // a hub over the cap, or no one but m
    s.inter.push_back({y, dv, 1.0 / std::log(static_cast<double>(dv)), 1.0 / dv});
  }
  std::sort(s.inter.begin(), s.inter.end(), [&](const Intermediary& a, const Intermediary& b) {
    const uint32_t da = g.degree(a.member), db = g.degree(b.member);
    return da != db ? da < db : a.member < b.member;
  });

  // The pass: scan, then (maybe) probe the longest lists.
  std::vector<uint64_t> remaining(s.inter.size() + 1, 0);  // list entries from i on
  for (size_t i = s.inter.size(); i-- > 0;) remaining[i] = remaining[i + 1] + g.degree(s.inter[i].member);
  bool probing = false;
  VertexId head_limit = 0;
  for (size_t i = 0; i < s.inter.size() && !result.truncated; ++i) {
    if (!probing && s.inter.size() - i <= kProbeWindow &&
        remaining[i] > kProbeRatio * s.cand.size()) {
      probing = TryProbeMode(c, i, head_limit);
    }
    const Intermediary& y = s.inter[i];
    if (!c.meter.Visit(g.degree(y.member))) {
      result.truncated = true;
      break;
    }
    if (!probing) {
      ScanList(c, y, 0, std::numeric_limits<VertexId>::max());
    } else {
      ProbeList(c, y, ScanList(c, y, 0, head_limit));
    }
  }

  // Rank.
  std::vector<double> deg_z;
  if (options.score == SuggestScore::kJaccard && !JaccardDegrees(c, deg_z)) result.truncated = true;
  TopK<Scored, ScoredBefore> top(options.k, ScoredBefore());
  for (uint32_t i = 0; i < s.cand.size(); ++i) {
    const double dz = options.score == SuggestScore::kJaccard ? deg_z[i] : 0;
    top.Offer({Score(options.score, s.cand[i], c.deg_m, dz), s.cand[i].member, i});
  }
  for (const Scored& sc : top.TakeSorted()) {
    Suggestion out{.member = sc.member, .mutual = s.cand[sc.index].count, .score = sc.score, .reasons = {}};
    if (!result.truncated && !Explain(c, out)) result.truncated = true;
    result.suggestions.push_back(std::move(out));
  }
  return result;
}

}  // namespace liaison
