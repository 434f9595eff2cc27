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
// Fast path (every score, when no member hides and the budget cannot run out): the lists are
// swept together in ascending blocks of member ids, counting into a block-local array that stays
// in L2, with MaxScore-style pruning of the longest lists and an early stop once no later member
// can enter the top k (SweepBlocks below). Measured on Kronecker scale 20 (common, k 10,
// suggest_bench): median 18.8 us, against 102 us for the general pass.
//
// Method (general). One pass over the intermediaries y in N(m), in ascending list length,
// accumulating per candidate (count, adamic-adar sum, resource-allocation sum) — everything the
// four scores need — through a dense per-thread slot map (member -> candidate index, 4 bytes a
// member) into a compact candidate array. The last lists are the long ones (hubs) and hold most of
// the entries, so before each of the last kProbeWindow lists, when the remaining lists are much
// longer than the candidate set, the pass asks whether a member not seen yet could still enter the
// top k: its score is at most what the remaining lists can give (common: their number; sums: their
// weights; jaccard: their number / deg(m)). When that bound is below the current k-th best lower
// bound, members not seen yet are ignored from then on, and so are candidates whose own upper bound
// is below it; the remaining lists only update the "live" candidates, either by galloping search
// (few live candidates) or by a scan that tests a bit per member (one bitmap of n bits, which stays
// in cache) and touches the slot map only on a hit. When the bound equals the bar, members with a
// smaller id than the k-th can still tie and win, so list heads below that id are scanned as
// before. Exact: every member that can be in the top k gets its full sums. The top k comes from a
// bounded heap (topk.h); for common, it is the candidates at or before the k-th best (count,
// member), found by a histogram of the counts (CountBar). For jaccard, deg_V(z) needs a scan of z's
// list when some member hides; it is computed only for candidates whose upper bound |M(z)| / deg(m)
// reaches the k-th best lower bound (computed with the raw degree). Scratch: the slot map and the
// bitmap are plain arrays that are all zero between queries; a query resets exactly the entries it
// wrote (the members of its candidate, exclusion and live lists), so reset is O(touched). Measured
// on Kronecker scale 20: the 4-byte slot map is 1.4x faster than an epoch-stamped one
// (StampedArray<uint32_t>, 8 bytes a member).
//
// Hubs: SuggestOptions::hub_cap > 0 skips intermediaries with more than hub_cap visible
// connections. Faster when m is connected to huge hubs (their lists are neither scanned nor
// probed), but then the scores ignore those mutuals, so the ranking is approximate; `mutual` and
// `reasons` are still exact (they come from intersecting N(m) with the candidate's list).
//
// Reasons: up to 3 mutual connections y of the suggestion, the strongest relationships first —
// largest strength(m–y) * strength(y–z), ties to the smaller id — listed ascending by id. After
// the block sweep (nothing hides, k <= 64) the suggestions are explained in one batch
// (ExplainInBatch: every list requested first, then scanned against a bitmap of N(m));
// otherwise one at a time (Explain).
//
// Budget: each list read (m's, an intermediary's, a candidate's for jaccard or for reasons) is a
// visit. Out of budget: the remaining lists are skipped and the answer ranks the partial sums,
// with truncated = true.

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "engine/algorithms/intersect.h"
#include "engine/algorithms/scratch.h"
#include "engine/algorithms/topk.h"
#include "engine/algorithms/visibility.h"
#include "engine/algorithms/visit_meter.h"
#include "engine/util/buffer.h"
#include "engine/util/strings.h"
#include "liaison/query.h"

namespace liaison {
namespace {

constexpr uint32_t kExcludedSlot = std::numeric_limits<uint32_t>::max();
// How many of the last (longest) lists may be probed instead of scanned, and how much longer than
// the candidate set the remaining lists must be for a check to be worth its O(candidates) cost.
constexpr size_t kProbeWindow = 8;
constexpr uint64_t kProbeRatio = 1;
// The cost of one galloping-search step in list entries scanned sequentially (UpdateLive).
constexpr size_t kProbeStepCost = 16;
// Explain: up to this many connections of m, look the suggestion up in their lists.
constexpr size_t kSearchIntermediaries = 32;

struct Intermediary {
  VertexId member;
  uint32_t visible_degree;
  double weight;  // its term in the score's sum: 1 / ln(deg_V), 1 / deg_V, or 1 (unused)
};

// 8 bytes: the pass touches one per list entry. The weighted sum, when the score has one, lives
// in the parallel SuggestScratch::sum (measured: a 24-byte record with both sums made the pass
// about 1.2x slower at the median and several times slower on members with huge candidate sets).
struct Candidate {
  VertexId member;
  uint32_t count;
};

// A per-member array of at least n entries, all zero (large ones are mmap'd: untouched pages
// cost nothing).
template <typename T>
void EnsureZeroed(Buffer<T>& b, size_t n) {
  if (b.size() >= n) return;
  b = Buffer<T>(std::max<size_t>(n, 1024));
  if (b.size() * sizeof(T) < Buffer<T>::kMapThreshold) {
    std::memset(static_cast<void*>(b.data()), 0, b.size() * sizeof(T));
  }
}

struct SuggestScratch {
  Buffer<uint32_t> slot;       // member -> candidate index + 1, kExcludedSlot, or 0
  Buffer<uint64_t> live_bits;  // one bit per member: a live candidate
  std::vector<Intermediary> inter;
  std::vector<Candidate> cand;
  std::vector<double> sum;  // per candidate, for adamic-adar and resource-allocation only
  std::vector<uint32_t> live;  // candidate indices still updated
  bool live_sorted = false;    // `live` is ascending by member
  uint32_t max_count = 0;      // the largest count so far
  std::vector<uint32_t> hist;  // CountBar's
  std::vector<VertexId> members;
  // SweepBlocks': per-block counters and sums (all zero between blocks), the offsets touched in
  // the block, and a list and a cursor per intermediary.
  std::vector<uint32_t> block_count;
  std::vector<double> block_sum;
  std::vector<uint32_t> touched;
  std::vector<std::span<const VertexId>> lists;
  std::vector<size_t> cursor;
};

// Restores the all-zero state of the slot map and the bitmap when the query ends, however it
// ends.
class ScratchReset {
 public:
  ScratchReset(SuggestScratch& s, const Snapshot& g, VertexId m) : s_(s), g_(g), m_(m) {}
  ScratchReset(const ScratchReset&) = delete;
  ScratchReset& operator=(const ScratchReset&) = delete;
  ~ScratchReset() {
    for (uint32_t idx : s_.live) {
      const VertexId z = s_.cand[idx].member;
      s_.live_bits[z >> 6] = 0;
    }
    for (const Candidate& cd : s_.cand) s_.slot[cd.member] = 0;
    s_.slot[m_] = 0;
    for (VertexId y : g_.neighbors(m_)) s_.slot[y] = 0;
  }

 private:
  SuggestScratch& s_;
  const Snapshot& g_;
  VertexId m_;
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
  bool weighted;  // the score is a sum of weights (adamic-adar, resource-allocation)
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

// Candidate i's score from the accumulated values; `deg_z` is deg_V(z) (or a bound) for jaccard.
double Score(const Ctx& c, uint32_t i, double deg_z) {
  const Candidate& cd = c.s.cand[i];
  switch (c.options.score) {
    case SuggestScore::kCommon:
      return cd.count;
    case SuggestScore::kJaccard:
      return cd.count / (c.deg_m + deg_z - cd.count);
    case SuggestScore::kAdamicAdar:
    case SuggestScore::kResourceAllocation:
      return c.s.sum[i];
  }
  return 0;
}

// Adds intermediary `y`'s contribution to candidate z (a new candidate when unseen).
inline void Accumulate(const Ctx& c, VertexId z, uint32_t slot, const Intermediary& y) {
  SuggestScratch& s = c.s;
  if (slot == 0) {
    s.max_count = std::max(s.max_count, 1u);
    s.slot[z] = static_cast<uint32_t>(s.cand.size()) + 1;
    s.cand.push_back({z, 1});
    if (c.weighted) s.sum.push_back(0.0 + y.weight);
    return;
  }
  Candidate& cd = s.cand[slot - 1];
  ++cd.count;
  s.max_count = std::max(s.max_count, cd.count);
  if (c.weighted) s.sum[slot - 1] += y.weight;
}

// Scans y's list from `begin` for members below `limit`; returns where it stopped.
// The general loop: any score, privacy checks per entry.
size_t ScanListGeneral(Ctx& c, const Intermediary& y, size_t begin, VertexId limit) {
  const std::span<const VertexId> nbrs = c.g.neighbors(y.member);
  size_t i = begin;
  for (; i < nbrs.size() && nbrs[i] < limit; ++i) {
    const VertexId z = nbrs[i];
    const uint32_t slot = c.s.slot[z];
    if (slot == kExcludedSlot) continue;
    if (!c.vis.Visible(y.member, z)) continue;
    Accumulate(c, z, slot, y);
  }
  return i;
}

// The same for a count-only score (common, jaccard) when every connection is visible: no privacy
// test, no sums, the scratch in locals (measured on Kronecker scale 20: about 1.5x faster per
// entry than the general loop).
size_t ScanListCounts(Ctx& c, const Intermediary& y, size_t begin, VertexId limit) {
  SuggestScratch& s = c.s;
  const std::span<const VertexId> nbrs = c.g.neighbors(y.member);
  const VertexId* const list = nbrs.data();
  const size_t end = static_cast<size_t>(
      (limit == std::numeric_limits<VertexId>::max()
           ? nbrs.end()
           : std::lower_bound(nbrs.begin() + begin, nbrs.end(), limit)) -
      nbrs.begin());
  uint32_t* const slots = s.slot.data();
  std::vector<Candidate>& cand = s.cand;
  uint32_t max_count = s.max_count;
  for (size_t i = begin; i < end; ++i) {
    const VertexId z = list[i];
    const uint32_t slot = slots[z];
    if (slot == kExcludedSlot) continue;
    if (slot == 0) {
      cand.push_back({z, 1});
      slots[z] = static_cast<uint32_t>(cand.size());
      max_count = std::max(max_count, 1u);
    } else {
      const uint32_t count = ++cand[slot - 1].count;
      max_count = std::max(max_count, count);
    }
  }
  s.max_count = max_count;
  return end;
}

size_t ScanList(Ctx& c, const Intermediary& y, size_t begin, VertexId limit) {
  if (c.vis.all_visible() && !c.weighted) return ScanListCounts(c, y, begin, limit);
  return ScanListGeneral(c, y, begin, limit);
}

// Updates the live candidates found in y's list from `begin`: by galloping search for each
// (ascending), or by scanning the list and testing the live bitmap, whichever costs less. A
// search step is a dependent cache miss in a list that is usually cold, worth about
// kProbeStepCost entries of a sequential (prefetched) scan.
void UpdateLive(Ctx& c, const Intermediary& y, size_t begin) {
  SuggestScratch& s = c.s;
  const std::span<const VertexId> nbrs = c.g.neighbors(y.member);
  const size_t len = nbrs.size() - begin, live = s.live.size();
  if (live == 0 || len == 0) return;
  if (kProbeStepCost * live * (std::bit_width(len / live) + 1) < len) {
    if (!s.live_sorted) {  // few live candidates: sorting them is cheap
      std::sort(s.live.begin(), s.live.end(),
                [&](uint32_t a, uint32_t b) { return s.cand[a].member < s.cand[b].member; });
      s.live_sorted = true;
    }
    const VertexId* pos = nbrs.data() + begin;
    const VertexId* const end = nbrs.data() + nbrs.size();
    for (uint32_t idx : s.live) {
      const VertexId z = s.cand[idx].member;
      pos = GallopLowerBound(pos, end, z);
      if (pos == end) break;
      if (*pos == z && c.vis.Visible(y.member, z)) Accumulate(c, z, idx + 1, y);
    }
    return;
  }
  const uint64_t* bits = s.live_bits.data();
  for (size_t i = begin; i < nbrs.size(); ++i) {
    const VertexId z = nbrs[i];
    if (((bits[z >> 6] >> (z & 63)) & 1) == 0) continue;
    if (c.vis.Visible(y.member, z)) Accumulate(c, z, s.slot[z], y);
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
    case SuggestScore::kResourceAllocation:
      for (size_t j = i; j < inter.size(); ++j) sum += inter[j].weight;
      return sum;
  }
  return sum;
}

// A lower bound of candidate idx's final score (jaccard with the raw degree of z).
double LowerBound(const Ctx& c, uint32_t idx) {
  return Score(c, idx, c.g.degree(c.s.cand[idx].member));
}
// An upper bound of candidate idx's final score when lists i.. are still to come (`unseen` =
// UnseenBound(i)).
double UpperBound(const Ctx& c, uint32_t idx, size_t i, double unseen) {
  const Candidate& cd = c.s.cand[idx];
  switch (c.options.score) {
    case SuggestScore::kCommon:
      return cd.count + unseen;
    case SuggestScore::kJaccard:
      return (cd.count + static_cast<double>(c.s.inter.size() - i)) / c.deg_m;
    case SuggestScore::kAdamicAdar:
    case SuggestScore::kResourceAllocation:
      return (c.s.sum[idx] + unseen) * (1 + 1e-9);  // covers rounding of the later additions
  }
  return std::numeric_limits<double>::infinity();
}

// A necessary condition for TryProbeMode to succeed, in O(1): the bar (the k-th best lower
// bound) is at most the best count (common, jaccard) or the weight of the lists done (sums), and
// it must reach what members not seen yet can still get.
bool BarMayReach(const Ctx& c, size_t i, double processed_weight) {
  const double remaining_lists = static_cast<double>(c.s.inter.size() - i);
  switch (c.options.score) {
    case SuggestScore::kCommon:
    case SuggestScore::kJaccard:
      return remaining_lists <= c.s.max_count;
    case SuggestScore::kAdamicAdar:
    case SuggestScore::kResourceAllocation:
      return UnseenBound(c, i) <= processed_weight * (1 + 1e-9);
  }
  return true;
}

// Decides, before list i, whether members not seen yet can be ignored from now on. On success
// fills `live` (and its bits) and sets `head_limit` (members below it are still scanned).
// Returns false to keep scanning. O(candidates).
// The k-th best (count, member) among the candidates, by a histogram of the counts and, among
// the candidates with the k-th count, a bounded heap of the smallest members: two cheap passes
// instead of a heap over every candidate. REQUIRES: at least k candidates.
Scored CountBar(SuggestScratch& s, size_t k) {
  std::vector<uint32_t>& hist = s.hist;
  hist.assign(s.max_count + 1, 0);
  for (const Candidate& cd : s.cand) ++hist[cd.count];
  uint32_t count = s.max_count;
  size_t above = 0;  // candidates with a larger count
  while (count > 1 && above + hist[count] < k) above += hist[count--];
  const size_t want = k - above;  // the want-th smallest member with this count is the bar
  std::vector<VertexId>& heap = s.members;  // max-heap of the `want` smallest so far
  heap.clear();
  for (const Candidate& cd : s.cand) {
    if (cd.count != count) continue;
    if (heap.size() < want) {
      heap.push_back(cd.member);
      std::push_heap(heap.begin(), heap.end());
    } else if (cd.member < heap.front()) {
      std::pop_heap(heap.begin(), heap.end());
      heap.back() = cd.member;
      std::push_heap(heap.begin(), heap.end());
    }
  }
  return {static_cast<double>(count), heap.front(), 0};
}

bool TryProbeMode(Ctx& c, size_t i, VertexId& head_limit) {
  SuggestScratch& s = c.s;
  if (s.cand.size() < c.options.k) return false;
  Scored bar;  // the k-th best lower bound
  if (c.options.score == SuggestScore::kCommon) {
    bar = CountBar(s, c.options.k);
  } else {
    TopK<Scored, ScoredBefore> lower(c.options.k, ScoredBefore());
    for (uint32_t idx = 0; idx < s.cand.size(); ++idx) {
      lower.Offer({LowerBound(c, idx), s.cand[idx].member, idx});
    }
    bar = lower.worst();
  }
  const double unseen = UnseenBound(c, i);
  if (unseen > bar.score) return false;
  head_limit = unseen < bar.score ? 0 : bar.member;
  s.live.clear();
  for (uint32_t idx = 0; idx < s.cand.size(); ++idx) {
    const Candidate& cd = s.cand[idx];
    if (cd.member < head_limit) continue;  // the head scans keep it exact
    const double ub = UpperBound(c, idx, i, unseen);
    if (ub < bar.score || (ub == bar.score && cd.member > bar.member)) continue;
    s.live.push_back(idx);
    s.live_bits[cd.member >> 6] |= uint64_t{1} << (cd.member & 63);
  }
  s.live_sorted = false;
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
    lower.Offer({Score(c, i, deg[i]), s.cand[i].member, i});
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

// Calls f(i, j) for each common member small[i] == large[j] of two sorted lists, in ascending
// order, galloping through `large` (O(|small| log(|large| / |small|)) when the sizes differ a
// lot); stops when f returns false.
template <typename F>
void ForEachCommon(std::span<const VertexId> small, std::span<const VertexId> large, F f) {
  const VertexId* pos = large.data();
  const VertexId* const end = large.data() + large.size();
  for (size_t i = 0; i < small.size(); ++i) {
    pos = GallopLowerBound(pos, end, small[i]);
    if (pos == end) return;
    if (*pos == small[i] && !f(i, static_cast<size_t>(pos - large.data()))) return;
  }
}

// Fills `mutual` and `reasons` of a suggestion from N(m) ∩ N(z) (visible to m). False when out
// of budget.
// `count_exact`: out.mutual already holds the exact count; then, without strengths, the first 3
// mutuals (ascending) are the reasons and the intersection stops there.
bool Explain(Ctx& c, Suggestion& out, bool count_exact) {
  const Snapshot& g = c.g;
  const VertexId z = out.member;
  if (!c.meter.Visit(g.degree(z))) return false;
  const bool stop_at_3 = count_exact && !g.has_strength();
  struct Reason {
    float strength;
    VertexId member;
  };
  std::vector<Reason> best;  // the 3 strongest so far, strongest first
  uint32_t mutual = 0;
  auto common = [&](EdgeIndex em, EdgeIndex ez) {
    const VertexId y = g.neighbor(em);
    if (!c.vis.Visible(y, z)) return true;
    ++mutual;
    best.push_back({g.strength(em) * g.strength(ez), y});
    std::sort(best.begin(), best.end(), [](const Reason& a, const Reason& b) {
      return a.strength != b.strength ? a.strength > b.strength : a.member < b.member;
    });
    if (best.size() > 3) best.pop_back();
    return !(stop_at_3 && mutual == 3);  // false: stop
  };
  const auto nm = g.neighbors(c.m), nz = g.neighbors(z);
  const EdgeIndex bm = g.edge_begin(c.m), bz = g.edge_begin(z);
  if (nm.size() <= kSearchIntermediaries) {
    // Few connections: look z up in each one's list (lists the pass just read, usually cached)
    // rather than galloping through z's list (often a cold hub list).
    for (size_t i = 0; i < nm.size(); ++i) {
      const auto ny = g.neighbors(nm[i]);
      const auto it = std::lower_bound(ny.begin(), ny.end(), z);
      if (it == ny.end() || *it != z) continue;
      // y–z from y's side: both directions carry the same strength (Snapshot::Validate).
      if (!common(bm + i, g.edge_begin(nm[i]) + static_cast<EdgeIndex>(it - ny.begin()))) break;
    }
  } else if (nm.size() <= nz.size()) {
    ForEachCommon(nm, nz, [&](size_t i, size_t j) { return common(bm + i, bz + j); });
  } else {
    ForEachCommon(nz, nm, [&](size_t j, size_t i) { return common(bm + i, bz + j); });
  }
  if (!stop_at_3) out.mutual = mutual;
  for (const Reason& r : best) out.reasons.push_back(r.member);
  std::sort(out.reasons.begin(), out.reasons.end());
  return true;
}

// Explain for every suggestion at once when nothing hides (the block sweep's suggestions). The
// per-suggestion Explain reads a cold list per suggestion (and, for reasons, a cold strength line
// per mutual) one after another, and finds the mutuals by binary or galloping searches whose
// branches mispredict at almost every step; measured on pro-100k (suggest_bench 3/0/0, k 10) it
// was about half of a query. Here every suggestion's list and strength lines are requested
// first (the misses overlap), m's connections are marked in the sweep's all-zero bitmap (their
// position in m's list + 1 in the all-zero slot map), and each suggestion's list is scanned
// testing a bit per entry: a hit is rare, so the loop predicts well. A suggestion with a long
// list (a hub) goes to Explain. Same answer as Explain with every connection visible:
// `mutual` = |N(m) ∩ N(z)|, reasons the 3 strongest (strength(m–y) * strength(y–z), ties to the
// smaller id: hits come ascending) listed ascending.
constexpr size_t kBatchExplainMaxK = 64;
// A suggestion's list longer than this many times m's goes to Explain.
constexpr size_t kBatchExplainScanRatio = 8;

struct BestReasons {
  uint32_t mutual = 0;
  uint32_t size = 0;
  float strength[3];
  VertexId member[3];

  // Adds mutual y (in ascending order of y) with relationship strength st.
  void Add(float st, VertexId y) {
    ++mutual;
    uint32_t p = size;  // after every one at least as strong (they have smaller ids)
    while (p > 0 && st > strength[p - 1]) --p;
    if (p >= 3) return;
    for (uint32_t q = std::min<uint32_t>(size, 2); q > p; --q) {
      strength[q] = strength[q - 1];
      member[q] = member[q - 1];
    }
    strength[p] = st;
    member[p] = y;
    size = std::min<uint32_t>(size + 1, 3);
  }
  // Sorts member[0, size) ascending.
  void SortMembers() {
    for (uint32_t i = 1; i < size; ++i) {
      for (uint32_t j = i; j > 0 && member[j] < member[j - 1]; --j) std::swap(member[j], member[j - 1]);
    }
  }
};

bool CanExplainInBatch(const Ctx& c, size_t suggestions) {
  return c.vis.all_visible() && suggestions <= kBatchExplainMaxK;
}

// REQUIRES: CanExplainInBatch(c, ranked.size()); the bitmap s.live_bits all zero. Appends the
// suggestions to result.
void ExplainInBatch(Ctx& c, const std::vector<Scored>& ranked, bool count_exact,
                    SuggestResult& result) {
  const Snapshot& g = c.g;
  SuggestScratch& s = c.s;
  const size_t k = ranked.size();
  const uint64_t* const offsets = g.parts().offsets.data();
  const VertexId* const entries = g.parts().neighbors.data();
  const uint8_t* const strength = g.has_strength() ? g.parts().strength.data() : nullptr;
  const auto nm = g.neighbors(c.m);
  const EdgeIndex bm = g.edge_begin(c.m);
  const size_t scan_limit = kBatchExplainScanRatio * std::max<size_t>(nm.size(), 1);
  // As in Explain: with the exact count known and no strengths, the first 3 mutuals are the
  // reasons.
  const bool stop_at_3 = count_exact && strength == nullptr;
  for (const Scored& sc : ranked) __builtin_prefetch(offsets + sc.member);
  for (const Scored& sc : ranked) {
    const uint64_t begin = offsets[sc.member], end = offsets[sc.member + 1];
    if (end - begin > scan_limit) continue;
    for (uint64_t e = begin; e < end; e += kEntriesPerLine) __builtin_prefetch(entries + e);
    __builtin_prefetch(entries + end - 1);
    if (strength != nullptr) {
      for (uint64_t e = begin; e < end; e += 64) __builtin_prefetch(strength + e);
      __builtin_prefetch(strength + end - 1);
    }
  }
  EnsureZeroed(s.slot, g.num_members());
  uint64_t* const bits = s.live_bits.data();
  uint32_t* const slot = s.slot.data();
  for (size_t i = 0; i < nm.size(); ++i) {
    bits[nm[i] >> 6] |= uint64_t{1} << (nm[i] & 63);
    slot[nm[i]] = static_cast<uint32_t>(i) + 1;
  }
  result.suggestions.reserve(k);
  for (const Scored& sc : ranked) {
    const VertexId z = sc.member;
    const auto nz = g.neighbors(z);
    if (nz.size() > scan_limit) {  // a long list: Explain's searches
      Suggestion out{.member = z, .mutual = sc.index, .score = sc.score, .reasons = {}};
      if (!Explain(c, out, count_exact)) result.truncated = true;  // not under CanSweepBlocks
      result.suggestions.push_back(std::move(out));
      continue;
    }
    if (!c.meter.Visit(g.degree(z))) result.truncated = true;  // not under CanSweepBlocks
    const EdgeIndex bz = g.edge_begin(z);
    BestReasons best;
    for (size_t j = 0; j < nz.size(); ++j) {
      const VertexId y = nz[j];
      if (((bits[y >> 6] >> (y & 63)) & 1) == 0) continue;
      best.Add(g.strength(bm + slot[y] - 1) * g.strength(bz + j), y);
      if (stop_at_3 && best.size == 3) break;
    }
    if (stop_at_3) best.mutual = sc.index;
    best.SortMembers();
    result.suggestions.push_back({.member = z,
                                  .mutual = best.mutual,
                                  .score = sc.score,
                                  .reasons = std::vector<VertexId>(best.member,
                                                                   best.member + best.size)});
  }
  for (VertexId y : nm) {
    bits[y >> 6] = 0;
    slot[y] = 0;
  }
}

// ---- The fast path: nothing hidden ----
//
// Counting mutuals through one array indexed by member costs a cache miss per list entry once the
// graph's members no longer fit in L2 (4 bytes x 1M members = 4 MiB). Instead the ids are swept
// in ascending blocks: each list's next segment (lists are sorted) is counted into a block-local
// array that stays in L2, then the block's candidates are complete (every list has been read up
// to the block's end) and are offered to the top k. Ascending blocks also give the threshold test
// of MaxScore (dynamic pruning) for free: with theta the k-th best score so far, a member of a
// later block that occurs only in lists whose weights (1 each for common) add up to at most theta
// scores at most theta and loses the tie to the (smaller) k-th member; so the longest lists still
// to come whose weights add up to at most theta only add to members already counted from the
// others, and once all remaining lists are such, the sweep stops. For the sums the longest lists
// carry the smallest weights, so they drop out first. Members of m's own list and m are dropped
// when a block's candidates are read (a bitmap of n bits, in L2). Sums are added in list order
// (ascending length, then id), as in the general pass, so scores are the same bit for bit.
// Blocks are at most kMaxBlockWidth members (a 512 KiB counter array, in L2; kMinBlockWidth for
// the sums, which add 8 bytes a member), and, when the lists are short (a professional network:
// tens of entries a list), wide enough to hold about kEntriesPerList entries of each list: each
// block costs a step per list.
constexpr size_t kMinBlockWidth = size_t{1} << 15;
constexpr size_t kMaxBlockWidth = size_t{1} << 17;
constexpr uint64_t kEntriesPerList = 4;
// The first block is sized to hold about this many list entries, then blocks double: a member
// whose lists are long but whose top k fills fast (one hub connection) stops after a few blocks.
constexpr uint64_t kFirstBlockEntries = 64;
// Up to this many entries in all, the intermediaries' lists are prefetched whole.
constexpr uint64_t kPrefetchAllEntries = 8192;

// The fast path is exact and complete when nothing hides (deg_V = deg, no privacy test) and the
// budget cannot run out: no deadline, and room for m's list, every intermediary's and one per
// suggestion explained.
bool CanSweepBlocks(const Ctx& c) {
  return c.vis.all_visible() &&
         c.options.budget.deadline == absl::InfiniteFuture() &&
         c.options.budget.max_visited >= uint64_t{c.g.degree(c.m)} + c.options.k + 1;
}

// The sweep over the blocks; fills `top` with (score, member, mutual count).
template <bool kWeighted>
void SweepBlocks(Ctx& c, uint64_t entries, TopK<Scored, ScoredBefore>& top) {
  // Jaccard counts, and scores a candidate at extraction: count / (deg(m) + deg(z) - count) is at
  // most count / deg(m), so a list adds at most 1 / deg(m) (its weight here).
  const bool jaccard = c.options.score == SuggestScore::kJaccard;
  const bool exact_weights = !kWeighted && !jaccard;  // common: whole numbers, no rounding
  SuggestScratch& s = c.s;
  const size_t n = c.g.num_members();
  const size_t d = s.lists.size();
  const uint64_t* const excluded = s.live_bits.data();
  uint32_t* const count = s.block_count.data();
  double* const sum = s.block_sum.data();
  uint32_t* const touched = s.touched.data();
  const uint64_t total = std::max<uint64_t>(entries, 1);
  const size_t max_width = std::clamp<size_t>(std::bit_ceil(kEntriesPerList * d * n / total),
                                              kMinBlockWidth,
                                              kWeighted ? kMinBlockWidth : kMaxBlockWidth);
  size_t width = std::bit_ceil(
      std::max<uint64_t>(1, std::min<uint64_t>(max_width, kFirstBlockEntries * n / total)));
  for (size_t lo = 0; lo < n && d > 0; lo += width, width = std::min(2 * width, max_width)) {
    const VertexId base = static_cast<VertexId>(lo);
    const VertexId hi = static_cast<VertexId>(std::min(n, lo + width));
    // Lists [essential, d) are the longest ones with entries left whose weights add up to at
    // most theta (with a margin for the rounding of sums added in another order).
    size_t essential = d;
    if (top.full()) {
      const double theta = top.worst().score;
      double left = 0;
      while (essential > 0) {
        const size_t j = essential - 1;
        const double w = s.cursor[j] < s.lists[j].size() ? s.inter[j].weight : 0.0;
        if ((exact_weights ? left + w : (left + w) * (1 + 1e-9)) > theta) break;
        left += w;
        essential = j;
      }
      if (essential == 0) break;  // no member from here on can enter the top k
    }
    size_t num_touched = 0;
    for (size_t j = 0; j < essential; ++j) {
      const VertexId* const list = s.lists[j].data();
      const size_t size = s.lists[j].size();
      const double w = s.inter[j].weight;
      size_t i = s.cursor[j];
      for (; i < size && list[i] < hi; ++i) {
        const uint32_t o = list[i] - base;
        touched[num_touched] = o;
        num_touched += count[o]++ == 0 ? 1 : 0;
        if constexpr (kWeighted) sum[o] += w;
      }
      s.cursor[j] = i;
    }
    for (size_t j = essential; j < d; ++j) {  // only members counted already
      const VertexId* const list = s.lists[j].data();
      const size_t size = s.lists[j].size();
      const double w = s.inter[j].weight;
      size_t i = s.cursor[j];
      for (; i < size && list[i] < hi; ++i) {
        const uint32_t o = list[i] - base;
        if constexpr (kWeighted) {
          if (count[o] != 0) {
            ++count[o];
            sum[o] += w;
          }
        } else {
          count[o] += count[o] != 0 ? 1 : 0;
        }
      }
      s.cursor[j] = i;
    }
    for (size_t t = 0; t < num_touched; ++t) {
      const uint32_t o = touched[t];
      const uint32_t k = count[o];
      count[o] = 0;
      double score = k;
      if constexpr (kWeighted) {
        score = sum[o];
        sum[o] = 0;
      }
      const VertexId z = base + o;
      if ((excluded[z >> 6] >> (z & 63)) & 1) continue;
      if (!kWeighted && jaccard) {
        // deg(z) (a cache miss) only when the bound count / deg(m) can still make the top k.
        if (top.full() && !ScoredBefore()({score / c.deg_m, z, k}, top.worst()) &&
            score / c.deg_m != top.worst().score) {
          continue;
        }
        score = score / (c.deg_m + static_cast<double>(c.g.degree(z)) - score);
      }
      const Scored x{score, z, k};
      if (top.full() && !ScoredBefore()(x, top.worst())) continue;
      top.Offer(x);
    }
  }
}

// Suggest by the block sweep above. REQUIRES: CanSweepBlocks(c).
void SuggestInBlocks(Ctx& c, SuggestResult& result) {
  const Snapshot& g = c.g;
  SuggestScratch& s = c.s;
  const uint32_t cap = c.options.hub_cap == 0 ? std::numeric_limits<uint32_t>::max()
                                              : c.options.hub_cap;
  c.meter.Visit(g.degree(c.m));
  // The intermediaries' lists, shortest first (ties by id, like the general pass). The lists sit
  // anywhere in the CSR: every offsets entry and list head is a cache miss, so all are requested
  // before any is used (on the 1M-member professional network lists are short and these misses
  // are much of a query).
  const uint64_t* const offsets = g.parts().offsets.data();
  const VertexId* const entries_base = g.parts().neighbors.data();
  for (VertexId y : g.neighbors(c.m)) __builtin_prefetch(offsets + y);
  s.inter.clear();
  uint64_t entries = 0;
  for (VertexId y : g.neighbors(c.m)) {
    __builtin_prefetch(entries_base + offsets[y]);
    const uint32_t dy = g.degree(y);
    if (dy > cap || dy < 2) continue;  // a hub over the cap, or no one but m
    const double weight = c.options.score == SuggestScore::kAdamicAdar
                              ? 1.0 / std::log(static_cast<double>(dy))
                          : c.options.score == SuggestScore::kResourceAllocation ? 1.0 / dy
                          : c.options.score == SuggestScore::kJaccard ? 1.0 / c.deg_m
                                                                       : 1.0;
    s.inter.push_back({y, dy, weight});
    entries += dy;
  }
  std::sort(s.inter.begin(), s.inter.end(), [](const Intermediary& a, const Intermediary& b) {
    return a.visible_degree != b.visible_degree ? a.visible_degree < b.visible_degree
                                                : a.member < b.member;
  });
  // Few entries in all (a professional network: tens of lists of tens of entries): the lists
  // are requested whole. The sweep reads each a block at a time, a few entries per block, too
  // little for the hardware prefetcher (measured on pro-100k: the list reads, cache misses, were
  // most of the sweep). Not with more entries: a sweep that stops early would not read them.
  if (entries <= kPrefetchAllEntries) {
    for (const Intermediary& y : s.inter) {
      const VertexId* const list = entries_base + offsets[y.member];
      for (uint32_t e = kEntriesPerLine; e < y.visible_degree; e += kEntriesPerLine) {
        __builtin_prefetch(list + e);
      }
      __builtin_prefetch(list + y.visible_degree - 1);
    }
  }
  s.lists.clear();
  for (const Intermediary& y : s.inter) {
    c.meter.Visit(y.visible_degree);
    s.lists.push_back(g.neighbors(y.member));
  }
  s.cursor.assign(s.lists.size(), 0);
  if (s.block_count.size() < kMaxBlockWidth) s.block_count.assign(kMaxBlockWidth, 0);
  if (c.weighted && s.block_sum.size() < kMinBlockWidth) s.block_sum.assign(kMinBlockWidth, 0.0);
  s.touched.resize(kMaxBlockWidth + 1);  // the write past the last distinct one
  uint64_t* const excluded = s.live_bits.data();
  excluded[c.m >> 6] |= uint64_t{1} << (c.m & 63);
  for (VertexId y : g.neighbors(c.m)) excluded[y >> 6] |= uint64_t{1} << (y & 63);

  TopK<Scored, ScoredBefore> top(c.options.k, ScoredBefore());
  if (c.weighted) {
    SweepBlocks<true>(c, entries, top);
  } else {
    SweepBlocks<false>(c, entries, top);
  }
  excluded[c.m >> 6] = 0;
  for (VertexId y : g.neighbors(c.m)) excluded[y >> 6] = 0;

  // Without a cap the counts are the exact mutual counts.
  const bool count_exact = c.options.hub_cap == 0;
  const std::vector<Scored> ranked = top.TakeSorted();
  if (CanExplainInBatch(c, ranked.size())) {
    ExplainInBatch(c, ranked, count_exact, result);
    return;
  }
  if (g.degree(c.m) > kSearchIntermediaries) {  // Explain reads the suggestions' lists
    for (const Scored& sc : ranked) __builtin_prefetch(offsets + sc.member);
    for (const Scored& sc : ranked) __builtin_prefetch(entries_base + offsets[sc.member]);
  }
  for (const Scored& sc : ranked) {
    Suggestion out{.member = sc.member, .mutual = sc.index, .score = sc.score, .reasons = {}};
    if (!result.truncated && !Explain(c, out, count_exact)) result.truncated = true;
    result.suggestions.push_back(std::move(out));
  }
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
  const bool weighted = options.score == SuggestScore::kAdamicAdar ||
                        options.score == SuggestScore::kResourceAllocation;
  Ctx c{g, member, options, Visibility(g, member), VisitMeter(options.budget), s,
        static_cast<double>(g.degree(member)), weighted};
  SuggestResult result;
  EnsureZeroed(s.live_bits, (size_t{g.num_members()} + 63) / 64);
  if (CanSweepBlocks(c)) {
    SuggestInBlocks(c, result);
    return result;
  }
  EnsureZeroed(s.slot, g.num_members());
  s.inter.clear();
  s.cand.clear();
  s.sum.clear();
  s.live.clear();
  s.max_count = 0;
  const ScratchReset reset(s, g, member);
  if (!c.meter.Visit(g.degree(member))) {
    result.truncated = true;
    return result;
  }
  s.slot[member] = kExcludedSlot;
  for (VertexId y : g.neighbors(member)) s.slot[y] = kExcludedSlot;

  // The intermediaries, their visible degrees and weights, in processing order.
  const uint32_t cap = options.hub_cap == 0 ? std::numeric_limits<uint32_t>::max() : options.hub_cap;
  for (VertexId y : g.neighbors(member)) {
    if (!c.vis.all_visible() && !c.meter.Visit(g.degree(y))) {
      result.truncated = true;
      break;
    }
    const uint32_t dv = VisibleDegree(c, y, cap);
    if (dv > cap || dv < 2) continue;  // a hub over the cap, or no one but m
    const double weight = options.score == SuggestScore::kAdamicAdar
                              ? 1.0 / std::log(static_cast<double>(dv))
                          : options.score == SuggestScore::kResourceAllocation ? 1.0 / dv
                                                                               : 1.0;
    s.inter.push_back({y, dv, weight});
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
  double processed_weight = 0;  // sum of the weights of the lists done (the score's weight)
  for (size_t i = 0; i < s.inter.size() && !result.truncated; ++i) {
    if (!probing && s.inter.size() - i <= kProbeWindow &&
        remaining[i] > kProbeRatio * s.cand.size() && BarMayReach(c, i, processed_weight)) {
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
      UpdateLive(c, y, ScanList(c, y, 0, head_limit));
    }
    processed_weight += y.weight;
  }

  // Rank.
  std::vector<double> deg_z;
  if (options.score == SuggestScore::kJaccard && !JaccardDegrees(c, deg_z)) result.truncated = true;
  // Only candidates that can be in the top k: when probing, the live ones and those below the
  // head limit. For common, the top k is exactly the candidates ranking at or before the k-th best
  // (count, member) (candidates left out while probing rank after it, even with partial counts).
  std::vector<Scored> ranked;
  if (options.score == SuggestScore::kCommon) {
    if (s.cand.size() >= options.k) {
      const Scored bar = CountBar(s, options.k);
      const uint32_t bar_count = static_cast<uint32_t>(bar.score);
      for (uint32_t i = 0; i < s.cand.size(); ++i) {
        const Candidate& cd = s.cand[i];
        if (cd.count > bar_count || (cd.count == bar_count && cd.member <= bar.member)) {
          ranked.push_back({static_cast<double>(cd.count), cd.member, i});
        }
      }
    } else {
      for (uint32_t i = 0; i < s.cand.size(); ++i) {
        ranked.push_back({static_cast<double>(s.cand[i].count), s.cand[i].member, i});
      }
    }
    std::sort(ranked.begin(), ranked.end(), ScoredBefore());
  } else {
    TopK<Scored, ScoredBefore> top(options.k, ScoredBefore());
    auto offer = [&](uint32_t i) {
      const double dz = options.score == SuggestScore::kJaccard ? deg_z[i] : 0;
      top.Offer({Score(c, i, dz), s.cand[i].member, i});
    };
    if (probing) {
      for (uint32_t i : s.live) offer(i);
      for (uint32_t i = 0; i < s.cand.size(); ++i) {
        if (s.cand[i].member < head_limit) offer(i);
      }
    } else {
      for (uint32_t i = 0; i < s.cand.size(); ++i) offer(i);
    }
    ranked = top.TakeSorted();
  }
  // Without a cap the counts are the exact mutual counts (every top-k candidate is complete).
  const bool count_exact = options.hub_cap == 0 && !result.truncated;
  for (const Scored& sc : ranked) {
    Suggestion out{.member = sc.member, .mutual = s.cand[sc.index].count, .score = sc.score, .reasons = {}};
    if (!result.truncated && !Explain(c, out, count_exact)) result.truncated = true;
    result.suggestions.push_back(std::move(out));
  }
  return result;
}

}  // namespace liaison
