// Degree of connection (DESIGN.md §3): the length of a shortest chain of visible connections from
// `from` (the viewer) to `to`, capped at max_depth (1..6, default 3): 0 when from == to, nullopt
// beyond the cap or when `to` cannot be reached. A 1st- or 2nd-degree answer carries the number of
// mutual connections the viewer may see (equal to Mutual(from, to).members.size()).
//
// Method, for one pair (Degree):
//   d = 1   binary search of one end in the shorter of the two adjacency lists;
//   d = 2   sorted-list intersection of both lists (merge or galloping, intersect.h), counting
//           the common members whose connection to `to` is visible;
//   d = 3   is there x in N(from) and y in N(to) with x–y a visible connection? Two exact ways,
//           chosen by an estimate of their cost before any list is read:
//           (a) for each member s of the shorter list, intersect N(s) with the longer list
//               (galloping makes a hub's long list cost only log steps), stopping at the first
//               hit;
//           (b) mark the longer list in a per-thread bitmap, then scan N(s) for each member s
//               of the shorter list against the marks (one step per entry).
//   d >= 4  (max_depth > 3 only) bidirectional breadth-first search, expanding one whole level
//           of the side whose frontier has fewer adjacency entries to read (sum of degrees,
//           "scout count") and taking the shortest meeting found in that level. Distances are
//           kept in a per-thread epoch-stamped array (+(d+1) forward, -(d+1) backward), so
//           starting a search is O(1).
// The d <= 3 fast paths are exactly one or two levels of the bidirectional search, done by
// intersections instead of frontier expansion; the search alone is available as
// internal::DegreeBySearch for tests.
//
// DegreeMany (one viewer, many targets): from's neighbourhood is expanded once for all targets,
// as far as it is affordable (internal::DegreeManyTuning: for the 2-hop expansion, at most 512
// adjacency entries per target less 8,192 for the call; for a 3rd level, which saves one list read
// per target, at most 32 per target; every list read counts 32 entries more than its length, for
// its first cache miss):
//   - distance 1 and 2 into per-thread level sets (a bitmap that remembers its members, or a plain
//     bitmap set without branches and cleared by one memset once the expansion reads more than
//     1/16 entry per word); while expanding, every visible connection x–t into a target t counts
//     one mutual connection of t, so a 2nd-degree answer needs no list of its own (nor a
//     1st-degree one when nobody hides). The targets are tagged in the distance-2 bitmap itself:
//     each of its words is followed by a word of tags in the same cache line, so the test of an
//     entry costs no second cache miss, and a small open-addressing table counts the targets met;
//   - then two passes over the targets. After the expansion the tags mark distance 1 instead, so
//     the first pass answers distance 1 and 2 from one cache line per target (or 3, when the 3rd
//     level was expanded); a target farther is first tested by its top neighbours (FarProbe:
//     the snapshot's 4 best-connected connections of each member, liaison/graph.h), one cache
//     line instead of its list: one of them at distance 2 answers 3, and when they are its
//     whole list and none is, it is farther than 3 (kron-20, 1,000 targets: 92% of the targets
//     farther than 2 answered so; pro-1m 9%, where probing soon stops). Any other goes to the
//     second pass at once, its offsets prefetched. The second reads the lists of the others: one
//     scan of each against the distance-2 set (or, for a hub target and a small distance-2 set,
//     each distance-2 member searched in the hub's list). Between the two, the list bounds of all
//     of them are read and their heads prefetched in one tight loop, so those cache misses overlap.
//   - when the 2-hop expansion is not affordable (a viewer next to several hubs, few targets), each
//     target's list is read once against the distance-1 set (distance 1 or 2 and the mutual
//     count), and a target farther than 2 is answered as by Degree(); targets farther than 3
//     (max_depth > 3) fall back to single bidirectional searches.
//
// Privacy: the viewer is `from`. Every connection crossed goes through ViewerSearch
// (engine/algorithms/frontier.h), which applies Visibility and prunes hiding members exactly: a
// hiding member is entered only from the viewer and never expanded. In particular a hiding `to`
// that is not from's connection is unreachable, and the meeting edge of the two halves of the
// bidirectional search is checked like any other.
//
// Budget (VisitMeter, as in paths and suggest): Budget::max_visited counts the members whose
// adjacency list is read; the deadline is looked at when the first list is read, then every 4,096
// entries read. Past either, the answer is nullopt with truncated = true (DegreeMany: for the
// targets not answered yet). So a query that starts after its deadline answers truncated unless
// it reads no list at all (from == to). DegreeMany reads the list bounds and the first entry of
// every target left to its second pass before charging those lists one by one: at most two cache
// lines per target beyond the budget, never a list's rest (it may prefetch two more lines).

#include <algorithm>
#include <bit>
#include <climits>
#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/algorithms/degree_internal.h"
#include "engine/algorithms/frontier.h"
#include "engine/algorithms/intersect.h"
#include "engine/algorithms/scratch.h"
#include "engine/algorithms/visit_meter.h"
#include "engine/util/status_macros.h"
#include "liaison/query.h"

namespace liaison {
namespace {

using internal::ThirdMethod;

// DegreeMany's expansion limits are the defaults of internal::DegreeManyTuning
// (engine/algorithms/degree_internal.h). The 2-hop expansion: 512 entries per target less 8,192
// for the call. Against single queries (half uniform targets, half random walks; 100-300 viewers,
// one process, the two settings alternating), the ratio of the totals against the former 128 per
// target with no fixed part: kron-20 1.02 -> 1.08 (4 targets), 1.21 -> 1.22 (16), 1.32 -> 1.56
// (64), 1.94 -> 2.81 (256), 3.58 -> 5.58 (1,000: at 128 per target 18% of the viewers did not
// expand), 6.11 -> 8.78 (5,000); pro-1m 3.09 -> 5.73 (64), the other counts within 1%. Without
// the fixed part, 4 targets expanded for nothing (kron-20: 0.82). The 3rd level: 32 per target
// (it replaces one prefetched list read per target).

// DegreeMany counts a list it reads as this many entries on top of its length: starting a cold
// list is a cache miss (prefetched, but still about the cost of streaming this many entries).
constexpr uint64_t kListCostEntries = 32;
// Loops over members whose lists they read prefetch the offsets this far ahead, the list head
// this far.
constexpr size_t kPrefetchFar = 16;
constexpr size_t kPrefetchNear = 8;
// DegreeMany's first pass over the targets prefetches their offsets this many targets ahead.
constexpr size_t kOffsetsAhead = 32;
// Before its second pass, DegreeMany prefetches the lines after the head of each far target's list
// whose first entry is not at distance 2, up to this many entries from the list's start (one or
// two lines). 1,000 targets, 100 viewers, in one process with the order rotating: pro-1m median
// call 125 -> 111 us (ratio of the totals against the single queries 16.1 -> 18.6), 116 us with a
// loop that branched over the other lists instead; kron-20 within 1% (5,000 targets: the sum over
// viewers 19.1 -> 18.6 ms). 16 entries gained less, 48 or 64 no more.
constexpr uint64_t kScanAhead = 32;
// Degree() prefetches the offsets of this many members of the shorter list before the 2nd-degree
// intersection; 32 made 2nd-degree answers 80 ns slower (prefetches left in flight), 8 gained less.
constexpr size_t kOffsetsBeforeSecond = 16;
// Degree() prefetches up to this many entries of both end lists at once (4 cache lines each).
// Both prefetches, 10,000 pairs, one process, the variants' order rotating (4 rounds): pro-1m
// median 1.81-1.85 us with neither, 1.68-1.73 with the offsets only, 1.78-1.84 with the end lists
// only, 1.64-1.69 with both; kron-20 0.97-1.03 with neither, 0.93-0.98 with both.
constexpr size_t kEndListEntries = 64;
// DegreeMany without the 2-hop expansion counts a target's mutual connections by scanning its
// list against the distance-1 set, unless the list is this many times longer than the viewer's:
// then by intersecting the two (galloping).
constexpr size_t kScanRatio = 16;
// The 3rd-degree test prefetches the list heads of this many members ahead.
constexpr size_t kHeadsAhead = 32;
// DegreeMany's first pass prefetches the top neighbours of the target this many ahead, and keeps
// probing while at least 1 in kProbeMinRate probes answered (checked every kProbeSample probes).
// 1,000 targets, 100 viewers (degree_bench, BM_DegreeManyTunings, one run): kron-20 median call
// 65.4 -> 48.3 us with the probes, median ratio against the single queries 8.6 -> 12.5; pro-1m
// 110 -> 116 us (18.8 -> 17.9). 16 or 64 ahead: no better than 32. On pro-1m probing stopped
// after about 50 probes, and pass 1 took 2.5-3 us longer (rdtsc phases, medians over the
// viewers); checked every 16 probes instead of 64, 1.5 us longer (pro-1m answers 9% of its
// probes; kron-20 92%, so an early check does not stop it there).
constexpr size_t kProbeAhead = 32;
constexpr uint32_t kProbeSample = 16;
constexpr uint32_t kProbeMinRate = 4;

// Prefetching for a loop that reads the lists of members[0], members[1], ... in order: call
// At(i) at step i. Turns a chain of cache misses (offsets, then list head, member after member)
// into independent reads in flight together.
class ListPrefetcher {
 public:
  ListPrefetcher(const Snapshot& g, std::span<const VertexId> members)
      : offsets_(g.parts().offsets.data()),
        entries_(g.parts().neighbors.data()),
        members_(members) {
    for (size_t i = 0; i < kPrefetchFar && i < members_.size(); ++i) Offsets(i);
    for (size_t i = 0; i < kPrefetchNear && i < members_.size(); ++i) Head(i);
  }
  void At(size_t i) {
    if (i + kPrefetchFar < members_.size()) Offsets(i + kPrefetchFar);
    if (i + kPrefetchNear < members_.size()) Head(i + kPrefetchNear);
  }

 private:
  void Offsets(size_t i) { __builtin_prefetch(offsets_ + members_[i]); }
  void Head(size_t i) { __builtin_prefetch(entries_ + offsets_[members_[i]]); }

  const uint64_t* offsets_;
  const VertexId* entries_;
  std::span<const VertexId> members_;
};
// Relative cost of marking one member in a bitmap (set + record + clear) against one step of a
// merge or one probe of a bitmap, for the 3rd-degree method choice.
constexpr uint64_t kMarkCost = 4;

// One level of DegreeMany's expansion: members added by Add() while expanding the level before.
// Sparse (the bitmap remembers what it set, so clearing costs O(members), and can list its
// members) when the expansion reads few entries; dense otherwise (the bitmap is set without a
// branch and cleared by one memset). Measured in DegreeMany: marking one entry costs about 5 ns
// sparse (a branch and a cold bitmap line) and 1-1.5 ns dense, and clearing about 0.1 ns per
// word (2.6-2.9 us for the 31,000 words of a tagged set on pro-1m): dense from 1/16 entry per
// word on. Memory: the bitmap is anonymous memory, resident only where written; a sparse set
// touches the pages of its members, a dense one all its words, which is at most 128 bytes per
// entry the expansion read (on pro-10m, 2.5 MB a thread; measured there, dense from 1/16 entry
// per word was not slower than dense only from one entry per word). Add() may also be given
// members of earlier levels and the viewer; callers test the earlier levels first. One bitmap
// serves both modes, so Prefetch() can name the word that Contains() will read.
//
// Tagged: each word of the set is followed by a word of tags, which share its cache line, so one
// miss serves both. DegreeMany tags its targets while expanding distance 2 (a tag test per entry
// read costs no second cache miss; a separate hashed filter cost more than the marking itself),
// then moves the tags to the distance-1 members, so that the first pass answers distance 1, 2
// or "farther" from one cache line per target.
class LevelSet {
 public:
  void Begin(size_t n, uint64_t entries, bool force_sparse, bool tagged = false) {
    Clear();
    stride_ = tagged ? 2 : 1;
    words_ = Bitmap::WordsFor(n) * stride_;
    bits_.Reserve(words_ * Bitmap::kBits);
    dense_mode_ = !force_sparse && entries * kDenseEntriesPerWord >= words_;
  }
  bool dense() const { return dense_mode_; }
  bool tagged() const { return stride_ == 2; }
  void Add(VertexId v) {
    uint64_t& word = Word(v);
    const uint64_t bit = Bit(v);
    if (dense_mode_) {
      word |= bit;
    } else if (!(word & bit)) {
      word |= bit;
      members_.push_back(v);
    }
  }
  bool Contains(VertexId v) const { return bits_.word(stride_ * (v / Bitmap::kBits)) & Bit(v); }
  // REQUIRES: tagged().
  void Tag(VertexId v) { bits_.word(2 * (v / Bitmap::kBits) + 1) |= Bit(v); }
  void Untag(VertexId v) { bits_.word(2 * (v / Bitmap::kBits) + 1) &= ~Bit(v); }
  bool Tagged(VertexId v) const { return bits_.word(2 * (v / Bitmap::kBits) + 1) & Bit(v); }
  // In the set or tagged.
  bool ContainsOrTagged(VertexId v) const {
    const size_t w = 2 * (v / Bitmap::kBits);
    return (bits_.word(w) | bits_.word(w + 1)) & Bit(v);
  }
  // REQUIRES: dense(). The bitmap (tagged: set and tag words alternating), for a loop that sets
  // bits itself.
  uint64_t* dense_words() { return bits_.data(); }
  void Prefetch(VertexId v) const {
    __builtin_prefetch(bits_.data() + stride_ * (v / Bitmap::kBits));
  }
  // REQUIRES: !dense().
  const std::vector<VertexId>& members() const { return members_; }
  // Empties the set (every bit and tag of a dense set, the members of a sparse one; a sparse
  // set's tags are the caller's to remove).
  void Clear() {
    if (dense_mode_) {
      bits_.Clear(words_ * Bitmap::kBits);
      dense_mode_ = false;
    }
    for (const VertexId v : members_) Word(v) &= ~Bit(v);
    members_.clear();
  }

 private:
  static constexpr uint64_t kDenseEntriesPerWord = 16;
  static uint64_t Bit(VertexId v) { return uint64_t{1} << (v % Bitmap::kBits); }
  uint64_t& Word(VertexId v) { return bits_.word(stride_ * (v / Bitmap::kBits)); }

  bool dense_mode_ = false;
  size_t stride_ = 1;
  size_t words_ = 0;
  Bitmap bits_;
  std::vector<VertexId> members_;
};

// The mutual connections DegreeMany's 2-hop expansion counts for its targets: an open-addressing
// table of the targets it meets (at most all of them; at most half full), each with its count.
// Filled as the expansion meets them, so a target at distance 3 or farther costs nothing here.
struct ManyTargets {
  static constexpr uint64_t kHashMul = 0x9E3779B97F4A7C15ull;
  std::vector<VertexId> keys;    // kNoVertex: empty
  std::vector<uint32_t> mutual;  // parallel to keys
  int key_shift = 0;

  // Empties the table, for up to `count` distinct targets.
  void Reset(size_t count) {
    const int key_bits = std::max(4, static_cast<int>(std::bit_width(count * 2 - 1)));
    key_shift = 64 - key_bits;
    keys.assign(size_t{1} << key_bits, kNoVertex);
    mutual.assign(keys.size(), 0);
  }
  // Counts one mutual connection of target t.
  void Count(VertexId t) {
    const size_t mask = keys.size() - 1;
    for (size_t h = (uint64_t{t} * kHashMul) >> key_shift;; h = (h + 1) & mask) {
      if (keys[h] == t) {
        ++mutual[h];
        return;
      }
      if (keys[h] == kNoVertex) {
        keys[h] = t;
        mutual[h] = 1;
        return;
      }
    }
  }
  // The mutual connections counted for target t.
  uint32_t MutualOf(VertexId t) const {
    const size_t mask = keys.size() - 1;
    for (size_t h = (uint64_t{t} * kHashMul) >> key_shift;; h = (h + 1) & mask) {
      if (keys[h] == t) return mutual[h];
      if (keys[h] == kNoVertex) return 0;
    }
  }
};

struct DegreeScratch {
  StampedArray<int8_t> mark;  // bidirectional search: +(d+1) forward, -(d+1) backward
  std::vector<VertexId> frontier[2];
  std::vector<VertexId> next;
  MemberSet near;                      // 3rd-degree test (b): the longer list
  LevelSet many_first;                 // DegreeMany: distance 1 (sparse)
  LevelSet many_second, many_third;    // DegreeMany: distance 2 and 3
  ManyTargets many_targets;            // DegreeMany: the targets, when expanding
  std::vector<uint32_t> many_pending;  // DegreeMany: targets whose lists are read (input index)
  std::vector<VertexId> many_pending_members;                      // ... and the targets themselves
  std::vector<std::pair<uint64_t, uint64_t>> many_pending_bounds;  // ... and their lists' bounds
};

// DegreeMany's test of a target farther than 2 before its list is read: its top neighbours
// (kTopNeighbors in liaison/graph.h, a quarter of a cache line per member) against the distance-2
// set. One of them there: distance 3. None, and they are the target's whole list: farther than 3.
// Otherwise the list is read as before. On Kronecker graphs the best-connected connections of a
// member at distance 3 are nearly always at distance 2; on a network without hubs they seldom are,
// so probing stops once fewer than 1 in kProbeMinRate of kProbeSample or more probes answered.
class FarProbe {
 public:
  enum Answer { kUnknown, kThree, kBeyondThree };
  // Probes nothing unless `enabled` and the snapshot has top neighbours.
  FarProbe(const Snapshot& g, bool enabled) : g_(enabled && g.has_top_neighbors() ? &g : nullptr) {}
  bool active() const { return g_ != nullptr; }
  // REQUIRES: active().
  void Prefetch(VertexId t) const { __builtin_prefetch(g_->top_neighbors(t).data()); }
  // REQUIRES: active(); t is farther than 2 and may be entered (see pass 2 for the same test on
  // the whole list: members of `second` do not hide).
  Answer Probe(VertexId t, const LevelSet& second, const ViewerSearch& rules) {
    const auto top = g_->top_neighbors(t);
    bool three = false;
    if (rules.all_visible()) {
      // Without a branch per entry; a slot that repeats t (a short list) is never in `second`.
      for (const VertexId y : top) three |= second.Contains(y);
    } else {
      for (const VertexId y : top) three |= second.Contains(y) && rules.MayStep(y, t);
    }
    const Answer answer = three ? kThree : top.back() == t ? kBeyondThree : kUnknown;
    ++probed_;
    answered_ += answer != kUnknown;
    if (probed_ % kProbeSample == 0 && answered_ * kProbeMinRate < probed_) g_ = nullptr;
    return answer;
  }

 private:
  const Snapshot* g_;  // nullptr: not probing
  uint32_t probed_ = 0, answered_ = 0;
};

DegreeResult At(int degree, uint32_t mutual = 0) {
  DegreeResult r;
  r.degree = degree;
  r.mutual = mutual;
  return r;
}
DegreeResult Truncated() {
  DegreeResult r;
  r.truncated = true;
  return r;
}
DegreeResult Beyond() { return DegreeResult{}; }

absl::Status CheckMember(const Snapshot& g, VertexId v) {
  if (v >= g.num_members()) {
    return absl::InvalidArgumentError(
        absl::StrCat("member index ", v, " is out of range (", g.num_members(), " members)"));
  }
  return absl::OkStatus();
}

absl::Status CheckOptions(const DegreeOptions& options) {
  if (options.max_depth < 1 || options.max_depth > kMaxDegreeDepth) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_depth ", options.max_depth, " is outside 1..", kMaxDegreeDepth));
  }
  return absl::OkStatus();
}

// True when a and b are connected: a binary search in the shorter list.
bool AreConnected(const Snapshot& g, VertexId a, VertexId b) {
  auto na = g.neighbors(a), nb = g.neighbors(b);
  if (na.size() > nb.size()) {
    std::swap(na, nb);
    std::swap(a, b);
  }
  return std::binary_search(na.begin(), na.end(), b);
}

// The mutual connections x of from and to that the viewer (from) sees: x is a member of both
// lists that may be expanded (does not hide) and whose connection to `to` may be crossed.
// REQUIRES: to is not connected to from.
uint32_t CountVisibleMutual(const Snapshot& g, const ViewerSearch& rules, VertexId from,
                            VertexId to) {
  uint32_t count = 0;
  if (rules.all_visible()) {
    Intersect(g.neighbors(from), g.neighbors(to), [&](VertexId) {
      ++count;
      return false;
    });
  } else {
    Intersect(g.neighbors(from), g.neighbors(to), [&](VertexId x) {
      count += rules.MayExpand(x) && rules.MayStep(x, to);
      return false;
    });
  }
  return count;
}

// The mutual connections of two connected members, as the viewer (one of them) sees them: all of
// them, since the viewer is connected to both ends of every x–to (the shared-connection rule).
uint32_t CountMutualOfConnected(const Snapshot& g, VertexId from, VertexId to) {
  uint32_t count = 0;
  Intersect(g.neighbors(from), g.neighbors(to), [&](VertexId) {
    ++count;
    return false;
  });
  return count;
}

enum class Found { kNo, kYes, kOutOfBudget };

// Is there a visible chain from–x–y–to? REQUIRES: from and to are neither connected nor have a
// visible mutual connection, and `to` may be entered beyond the first level. Both x and y are then
// interior members at distance >= 1 from the viewer, so both must be expandable.
//
// Method, by an estimate of the cost before any list beyond the two ends' is read (`method`
// other than kAuto forces one):
//   (a) kIntersect: each member of the shorter list, its list intersected with the longer list;
//   (b) kScan: the longer list marked in a MemberSet, every list of the shorter list's members
//       scanned against the marks.
// Memory latency dominates (on a 1M-member professional network, answers farther than 2 took a
// median 5.2 us cold and 1.2 us with warm caches), so the heads of the lists are prefetched
// kHeadsAhead members ahead, the first ones by the cost loop, which reads their offsets anyway.
// (Measured and not kept: prefetching 2-4 lines of each list, an L1 filter in front of the
// marks: each slower or no better. Degree() does prefetch the offsets of the first 16 members of
// the shorter list before its 2nd-degree test: see kOffsetsBeforeSecond.)
Found WithinThree(const Snapshot& g, const ViewerSearch& rules, VertexId from, VertexId to,
                  VisitMeter& meter, DegreeScratch& scratch, ThirdMethod method) {
  auto small = g.neighbors(from), large = g.neighbors(to);
  if (small.size() > large.size()) std::swap(small, large);
  if (small.empty()) return Found::kNo;
  const uint64_t* const offsets = g.parts().offsets.data();
  const VertexId* const entries = g.parts().neighbors.data();
  auto prefetch_head = [&](size_t i) {
    if (i < small.size()) __builtin_prefetch(entries + offsets[small[i]]);
  };

  // Cost of each method, from the degrees of the shorter list's members only.
  uint64_t intersect_cost = 0, scan_entries = 0;
  for (size_t i = 0; i < small.size(); ++i) {
    const VertexId s = small[i];
    const uint64_t begin = offsets[s];
    const uint32_t d = static_cast<uint32_t>(offsets[s + 1] - begin);
    if (i < kHeadsAhead) __builtin_prefetch(entries + begin);
    intersect_cost += IntersectCost(d, large.size());
    scan_entries += d;
  }
  const uint64_t mark_cost = kMarkCost * large.size() + scan_entries;
  if (method == ThirdMethod::kAuto) {
    method = intersect_cost <= mark_cost ? ThirdMethod::kIntersect : ThirdMethod::kScan;
  }

  if (method == ThirdMethod::kIntersect) {
    for (size_t i = 0; i < small.size(); ++i) {
      prefetch_head(i + kHeadsAhead);
      const VertexId s = small[i];
      if (!rules.MayExpand(s)) continue;
      const auto ns = g.neighbors(s);
      if (!meter.Visit(ns.size())) return Found::kOutOfBudget;
      const bool hit = rules.all_visible() ? Intersect(ns, large, [](VertexId) { return true; })
                                           : Intersect(ns, large, [&](VertexId l) {
                                               return rules.MayExpand(l) && rules.MayStep(s, l);
                                             });
      if (hit) return Found::kYes;
    }
    return Found::kNo;
  }

  MemberSet& marked = scratch.near;
  marked.Begin(g.num_members());
  for (const VertexId l : large) {
    if (rules.MayExpand(l)) marked.Insert(l);
  }
  Found found = Found::kNo;
  for (size_t i = 0; i < small.size(); ++i) {
    prefetch_head(i + kHeadsAhead);
    const VertexId s = small[i];
    if (!rules.MayExpand(s)) continue;
    const auto ns = g.neighbors(s);
    if (!meter.Visit(ns.size())) {
      found = Found::kOutOfBudget;
      break;
    }
    for (const VertexId v : ns) {
      if (marked.Contains(v) && rules.MayStep(s, v)) {
        found = Found::kYes;
        break;
      }
    }
    if (found == Found::kYes) break;
  }
  marked.Clear();
  return found;
}

struct SearchOutcome {
  std::optional<int> degree;
  bool truncated = false;
};

// Bidirectional BFS over the connections the viewer may see, up to max_depth. Each round expands
// one whole level of the side with the smaller scout count (adjacency entries to read); the
// shortest meeting found during that level is the distance (a meeting found while expanding side A
// from depth a-1 has length a + (other side's depth of the met member) >= the shortest, and the
// shortest path's member at forward depth a-1 meets its successor at backward depth <= b).
SearchOutcome BidirectionalSearch(const Snapshot& g, const ViewerSearch& rules, VertexId from,
                                  VertexId to, int max_depth, VisitMeter& meter,
                                  DegreeScratch& scratch) {
  SearchOutcome out;
  if (from == to) {
    out.degree = 0;
    return out;
  }
  auto& mark = scratch.mark;
  mark.Begin(g.num_members());
  mark.Set(from, 1);
  mark.Set(to, -1);
  std::vector<VertexId>* frontier[2] = {&scratch.frontier[0], &scratch.frontier[1]};
  frontier[0]->assign(1, from);
  frontier[1]->assign(1, to);
  uint64_t scout[2] = {g.degree(from), g.degree(to)};
  int depth[2] = {0, 0};
  std::vector<VertexId>& next = scratch.next;

  while (depth[0] + depth[1] < max_depth) {
    if (frontier[0]->empty() || frontier[1]->empty()) return out;
    const int side = scout[0] <= scout[1] ? 0 : 1;
    const int sign = side == 0 ? 1 : -1;
    const int d = depth[side];
    int best = INT_MAX;
    uint64_t next_scout = 0;
    next.clear();
    for (const VertexId u : *frontier[side]) {
      const auto nu = g.neighbors(u);
      if (!meter.Visit(nu.size())) {
        out.truncated = true;
        return out;
      }
      for (const VertexId v : nu) {
        if (!rules.MayStep(u, v)) continue;
        const int m = mark.Get(v) * sign;  // > 0: this side's, < 0: the other side's
        if (m < 0) {
          best = std::min(best, d + 1 + (-m - 1));
        } else if (m == 0) {
          mark.Set(v, static_cast<int8_t>(sign * (d + 2)));
          if (rules.MayExpand(v)) {
            next.push_back(v);
            next_scout += g.degree(v);
          }
        }
      }
    }
    if (best != INT_MAX) {
      out.degree = best;
      return out;
    }
    std::swap(*frontier[side], next);
    scout[side] = next_scout;
    depth[side] = d + 1;
  }
  return out;
}

// A pair known to be farther than 2: 3 by WithinThree (same REQUIRES), else by the search.
// REQUIRES: max_depth >= 3.
DegreeResult FartherThanTwo(const Snapshot& g, const ViewerSearch& rules, VertexId from,
                            VertexId to, int max_depth, VisitMeter& meter, DegreeScratch& scratch,
                            ThirdMethod third_method = ThirdMethod::kAuto) {
  switch (WithinThree(g, rules, from, to, meter, scratch, third_method)) {
    case Found::kYes:
      return At(3);
    case Found::kOutOfBudget:
      return Truncated();
    case Found::kNo:
      break;
  }
  if (max_depth == 3) return Beyond();
  // d >= 4.
  const SearchOutcome s = BidirectionalSearch(g, rules, from, to, max_depth, meter, scratch);
  if (s.truncated) return Truncated();
  return s.degree ? At(*s.degree) : Beyond();
}

// One pair, with the fast paths (fast_paths = false: the bidirectional search alone).
DegreeResult DegreeOne(const Snapshot& g, const ViewerSearch& rules, VertexId from, VertexId to,
                       int max_depth, VisitMeter& meter, DegreeScratch& scratch, bool fast_paths,
                       ThirdMethod third_method = ThirdMethod::kAuto) {
  if (from == to) return At(0);
  if (!fast_paths) {
    const SearchOutcome s = BidirectionalSearch(g, rules, from, to, max_depth, meter, scratch);
    if (s.truncated) return Truncated();
    if (!s.degree) return Beyond();
    if (*s.degree == 1) return At(1, CountMutualOfConnected(g, from, to));
    return At(*s.degree, *s.degree == 2 ? CountVisibleMutual(g, rules, from, to) : 0);
  }
  // Both lists are read below (a binary search, then an intersection): their first lines are
  // fetched together rather than one miss after another.
  for (const VertexId v : {from, to}) {
    const auto nv = g.neighbors(v);
    for (size_t e = 0; e < std::min(nv.size(), kEndListEntries); e += kEntriesPerLine) {
      __builtin_prefetch(nv.data() + e);
    }
  }
  // d = 1: the connection from–to is the viewer's own, always visible.
  if (!meter.Visit(std::min(g.degree(from), g.degree(to)))) return Truncated();
  // The mutual count of a 1st-degree pair intersects the same two lists; galloping keeps it
  // within O(min log max), the order of what was just charged.
  if (AreConnected(g, from, to)) return At(1, CountMutualOfConnected(g, from, to));
  if (max_depth == 1) return Beyond();
  if (!rules.MayEnterBeyondFirst(to)) return Beyond();  // hides, and is not from's connection
  // d = 2.
  if (!meter.Visit(std::max(g.degree(from), g.degree(to)))) return Truncated();
  if (max_depth >= 3) {
    // Should the pair be farther than 2, the 3rd-degree test starts by reading the offsets of the
    // shorter list's members: fetch the first of them while the 2nd-degree intersection runs.
    auto small = g.neighbors(from), large = g.neighbors(to);
    if (small.size() > large.size()) std::swap(small, large);
    const uint64_t* const offsets = g.parts().offsets.data();
    for (size_t i = 0; i < std::min(small.size(), kOffsetsBeforeSecond); ++i) {
      __builtin_prefetch(offsets + small[i]);
    }
  }
  if (const uint32_t mutual = CountVisibleMutual(g, rules, from, to); mutual > 0) {
    return At(2, mutual);
  }
  if (max_depth == 2) return Beyond();
  return FartherThanTwo(g, rules, from, to, max_depth, meter, scratch, third_method);
}

absl::StatusOr<DegreeResult> DegreeEntry(const Snapshot& g, VertexId from, VertexId to,
                                         const DegreeOptions& options, bool fast_paths,
                                         ThirdMethod third_method = ThirdMethod::kAuto) {
  LIAISON_RETURN_IF_ERROR(CheckOptions(options));
  LIAISON_RETURN_IF_ERROR(CheckMember(g, from));
  LIAISON_RETURN_IF_ERROR(CheckMember(g, to));
  const ViewerSearch rules(g, from);
  VisitMeter meter(options.budget);
  return DegreeOne(g, rules, from, to, options.max_depth, meter, ThreadLocal<DegreeScratch>(),
                   fast_paths, third_method);
}

}  // namespace

absl::StatusOr<DegreeResult> Degree(const Snapshot& g, VertexId from, VertexId to,
                                    const DegreeOptions& options) {
  return DegreeEntry(g, from, to, options, /*fast_paths=*/true);
}

absl::StatusOr<std::vector<DegreeResult>> DegreeMany(const Snapshot& g, VertexId from,
                                                     std::span<const VertexId> to,
                                                     const DegreeOptions& options) {
  return internal::DegreeManyTuned(g, from, to, options, internal::DegreeManyTuning{});
}

namespace internal {

absl::StatusOr<std::vector<DegreeResult>> DegreeManyTuned(const Snapshot& g, VertexId from,
                                                          std::span<const VertexId> to,
                                                          const DegreeOptions& options,
                                                          const DegreeManyTuning& tuning) {
  LIAISON_RETURN_IF_ERROR(CheckOptions(options));
  LIAISON_RETURN_IF_ERROR(CheckMember(g, from));
  for (const VertexId t : to) {
    if (t >= g.num_members()) return CheckMember(g, t);  // the error, built only when needed
  }
  std::vector<DegreeResult> results(to.size());
  if (to.empty()) return results;

  const uint32_t n = g.num_members();
  const int max_depth = options.max_depth;
  const ViewerSearch rules(g, from);
  VisitMeter meter(options.budget);
  DegreeScratch& scratch = ThreadLocal<DegreeScratch>();
  LevelSet& first = scratch.many_first;
  LevelSet& second = scratch.many_second;
  LevelSet& third = scratch.many_third;
  ManyTargets& targets = scratch.many_targets;
  first.Begin(n, 0, /*force_sparse=*/true);
  const uint64_t per_target = tuning.expand_entries_per_target * to.size();
  const uint64_t affordable =
      per_target > tuning.expand_fixed_entries ? per_target - tuning.expand_fixed_entries : 0;

  // Distance 1.
  const auto nf = g.neighbors(from);
  const bool have_first = meter.Visit(nf.size());
  if (have_first) {
    for (const VertexId x : nf) first.Add(x);
  }

  // Distance 2, when some target may need it and the expansion is affordable. While expanding,
  // each visible connection x–t into a target t counts one mutual connection of t (x is from's
  // expandable connection), so no 2nd-degree target's list is read afterwards.
  uint64_t entries = 0;
  if (have_first && max_depth >= 2) {
    ListPrefetcher ahead(g, nf);
    for (size_t i = 0; i < nf.size() && entries <= affordable; ++i) {
      ahead.At(i);
      if (rules.MayExpand(nf[i])) entries += g.degree(nf[i]) + kListCostEntries;
    }
  }
  const bool expand = have_first && max_depth >= 2 && entries <= affordable;
  bool have_second = false;
  if (expand) {
    have_second = true;
    // A 3rd level needs the distance-2 members listed (a sparse set); it may be affordable only
    // when the 2-hop expansion reads no more entries than that level's list costs allow.
    const bool third_may_fit =
        max_depth >= 3 &&
        entries * kListCostEntries <= tuning.third_level_entries_per_target * to.size();
    second.Begin(n, entries, tuning.force_sparse || third_may_fit, /*tagged=*/true);
    targets.Reset(to.size());
    for (const VertexId t : to) second.Tag(t);
    ListPrefetcher ahead(g, nf);
    for (size_t i = 0; i < nf.size(); ++i) {
      ahead.At(i);
      const VertexId x = nf[i];
      if (!rules.MayExpand(x)) continue;
      const auto nx = g.neighbors(x);
      if (!meter.Visit(nx.size())) {
        have_second = false;
        break;
      }
      if (second.dense() && rules.all_visible()) {
        // Hot loop: the set word and its tag word share a cache line.
        uint64_t* const words = second.dense_words();
        for (const VertexId v : nx) {
          // from and distance-1 members too: the checks below test them first.
          const size_t w = 2 * (v / Bitmap::kBits);
          const uint64_t bit = uint64_t{1} << (v % Bitmap::kBits);
          words[w] |= bit;
          if (words[w + 1] & bit) [[unlikely]] {
            targets.Count(v);
          }
        }
      } else {
        for (const VertexId v : nx) {
          if (!rules.MayStep(x, v)) continue;
          if (second.dense() || (v != from && !first.Contains(v))) second.Add(v);
          if (second.Tagged(v)) targets.Count(v);
        }
      }
    }
    // The tags move from the targets to the distance-1 members.
    for (const VertexId t : to) second.Untag(t);
    if (have_second) {
      for (const VertexId x : nf) second.Tag(x);
    }
  }

  // Distance 3 as a set too, when the 2-hop neighbourhood is small enough for its lists to be
  // affordable as well: then no target's list is read at all.
  bool have_third = false;
  if (have_second && !second.dense() && max_depth >= 3) {
    const std::span<const VertexId> members = second.members();
    const uint64_t allowed = tuning.third_level_entries_per_target * to.size();
    uint64_t third_entries = kListCostEntries * members.size();
    if (third_entries <= allowed) {
      ListPrefetcher ahead(g, members);
      for (size_t i = 0; i < members.size() && third_entries <= allowed; ++i) {
        ahead.At(i);
        third_entries += g.degree(members[i]);
      }
    }
    if (tuning.third_level_entries_per_target > 0 && third_entries <= allowed) {
      have_third = true;
      third.Begin(n, third_entries, tuning.force_sparse);
      ListPrefetcher ahead(g, members);
      for (size_t i = 0; i < members.size(); ++i) {  // none hides: entered at distance 2
        ahead.At(i);
        const VertexId y = members[i];
        const auto ny = g.neighbors(y);
        if (!meter.Visit(ny.size())) {
          have_third = false;
          break;
        }
        for (const VertexId v : ny) {
          if (rules.MayStep(y, v)) third.Add(v);
        }
      }
    }
  }

  if (!expand) {
    // Target by target, in input order, each list read once against the distance-1 set: its
    // members there are the mutual connections (all of them for a connection of the viewer, the
    // visible ones otherwise, as Degree() counts them), and none means farther than 2. A list
    // much longer than the viewer's is intersected with it instead (galloping). The lists are
    // prefetched a few targets ahead, so their cache misses overlap.
    ListPrefetcher ahead(g, to);
    for (size_t i = 0; i < to.size(); ++i) {
      ahead.At(i);
      const VertexId t = to[i];
      if (t == from) {
        results[i] = At(0);
        continue;
      }
      if (!have_first) {
        results[i] = Truncated();
        continue;
      }
      const bool connected = first.Contains(t);
      if (!connected && (max_depth == 1 || !rules.MayEnterBeyondFirst(t))) continue;  // beyond
      const auto nt = g.neighbors(t);
      if (!meter.Visit(nt.size())) {
        results[i] = Truncated();
        continue;
      }
      uint32_t mutual = 0;
      if (nt.size() > kScanRatio * nf.size()) {
        mutual =
            connected ? CountMutualOfConnected(g, from, t) : CountVisibleMutual(g, rules, from, t);
      } else if (connected || rules.all_visible()) {
        for (const VertexId y : nt) mutual += first.Contains(y);
      } else {
        for (const VertexId y : nt) {
          mutual += first.Contains(y) && rules.MayExpand(y) && rules.MayStep(y, t);
        }
      }
      if (connected) {
        results[i] = At(1, mutual);
      } else if (mutual > 0) {
        results[i] = At(2, mutual);
      } else if (max_depth >= 3) {
        results[i] = FartherThanTwo(g, rules, from, t, max_depth, meter, scratch);
      }
    }
    first.Clear();
    return results;
  }

  // Pass 1, no target list read: every target at distance <= 2 (or 3, when the 3rd level was
  // expanded) is a membership test in the level sets, which stay in L2; the others wait in
  // `pending` for pass 2. Results are written field by field: building a DegreeResult and
  // copying it made two store-forwarding stalls per target (GCC 12), about 20 ns.
  const uint64_t* const offsets = g.parts().offsets.data();
  const VertexId* const list_entries = g.parts().neighbors.data();
  std::vector<uint32_t>& pending = scratch.many_pending;
  std::vector<VertexId>& pending_members = scratch.many_pending_members;
  std::vector<std::pair<uint64_t, uint64_t>>& bounds = scratch.many_pending_bounds;
  pending.clear();
  pending_members.clear();
  bounds.clear();
  const bool mutual_from_expansion = have_second && rules.all_visible();
  // With the 2-hop neighbourhood expanded, distance 1 is the tags of `second`; a target in
  // neither is farther than 2 and goes to pass 2 at once (its offsets prefetched then).
  const bool first_in_tags = have_second;
  const bool quick_far = have_second && !have_third && max_depth >= 3 && rules.all_visible();
  FarProbe probe(g, tuning.probe_top_neighbors && have_second && !have_third && max_depth >= 3);
  // True when the probe answered t (into r); false when t's list is still to be read. Farther
  // than 3 is an answer only at max_depth 3.
  auto answered_by_probe = [&](VertexId t, DegreeResult& r) {
    if (!probe.active()) return false;
    switch (probe.Probe(t, second, rules)) {
      case FarProbe::kThree:
        r.degree = 3;
        return true;
      case FarProbe::kBeyondThree:
        return max_depth == 3;
      case FarProbe::kUnknown:
        break;
    }
    return false;
  };
  for (size_t i = 0; i < to.size(); ++i) {
    if (probe.active() && i + kProbeAhead < to.size()) probe.Prefetch(to[i + kProbeAhead]);
    if (i + kPrefetchNear < to.size()) {
      const VertexId later = to[i + kPrefetchNear];
      if (!first_in_tags) first.Prefetch(later);
      second.Prefetch(later);
      if (have_third) third.Prefetch(later);
    }
    if (!quick_far && !have_third && i + kOffsetsAhead < to.size()) {
      __builtin_prefetch(offsets + to[i + kOffsetsAhead]);
    }
    const VertexId t = to[i];
    DegreeResult& r = results[i];
    if (quick_far && t != from && !second.ContainsOrTagged(t)) {
      if (answered_by_probe(t, r)) continue;
      __builtin_prefetch(offsets + t);
      pending.push_back(static_cast<uint32_t>(i));
      pending_members.push_back(t);
      continue;
    }
    if (t == from) {
      r.degree = 0;
    } else if (!have_first) {
      r.truncated = true;
    } else if (first_in_tags ? second.Tagged(t) : first.Contains(t)) {
      // When nobody hides, the expansion counted every x in N(from) with t in N(x): the mutual
      // connections, without reading t's list (a hub's, often). Otherwise the viewer also sees
      // its hiding connections' connections to t, which the expansion skipped.
      r.degree = 1;
      r.mutual = mutual_from_expansion ? targets.MutualOf(t) : CountMutualOfConnected(g, from, t);
    } else if (max_depth == 1 || !rules.MayEnterBeyondFirst(t)) {
      // Beyond: the default result.
    } else if (!have_second) {
      r.truncated = true;
    } else if (second.Contains(t)) {
      r.degree = 2;
      r.mutual = targets.MutualOf(t);
    } else if (max_depth == 2) {
      // Beyond.
    } else if (have_third && third.Contains(t)) {
      r.degree = 3;
    } else if (!have_third || max_depth > 3) {
      if (answered_by_probe(t, r)) continue;
      pending.push_back(static_cast<uint32_t>(i));
      pending_members.push_back(t);
    }
  }

  // Between the passes, two tight loops whose loads do not wait on one another: the list bounds
  // of every target left to pass 2 (their offsets were prefetched in pass 1), with a prefetch of
  // each list head; then the first entry of each list read, so that pass 2, whose branches
  // depend on what it reads, finds every head in cache. Kronecker scale 20, 1,000 targets: pass 2
  // took 45-60 us per viewer with the heads prefetched 8 targets ahead inside it, 25-35 us with
  // the first loop alone, 15-22 us with both (the second costs about 2.5 us). Starting each list
  // load in pass 1 instead, as soon as the target is left over, was no faster. A third loop then
  // prefetches the lines after the head (up to kScanAhead entries in) of each list whose first
  // entry is not at distance 2: pass 2 reads on in those, often to the end.
  if (!have_third) {
    bounds.resize(pending.size());
    for (size_t j = 0; j < pending.size(); ++j) {
      const VertexId t = pending_members[j];
      bounds[j] = {offsets[t], offsets[t + 1]};
      __builtin_prefetch(list_entries + bounds[j].first);
    }
    VertexId heads = 0;
    for (const auto& [begin, end] : bounds) {
      if (begin < end) heads ^= list_entries[begin];
    }
    // Only the lines are wanted; the volatile store keeps the loads (as in mutual.cc).
    volatile VertexId keep = heads;
    (void)keep;
    for (const auto& [begin, end] : bounds) {
      // Without a branch: the two lines after the head's, or the head again (in cache).
      const bool reads_on = begin < end && !second.Contains(list_entries[begin]);
      const uint64_t stop = reads_on ? std::min(end, begin + kScanAhead) : 0;
      const uint64_t next = (begin + kEntriesPerLine) & ~(kEntriesPerLine - 1);
      const uint64_t after = next + kEntriesPerLine;
      __builtin_prefetch(list_entries + (next < stop ? next : begin));
      __builtin_prefetch(list_entries + (after < stop ? after : begin));
    }
  }

  // Pass 2: the targets farther than 2 (farther than 3 when the 3rd level was expanded).
  for (size_t j = 0; j < pending.size(); ++j) {
    const VertexId t = pending_members[j];
    DegreeResult& r = results[pending[j]];
    if (!have_third) {
      // Distance 3 when some member y of t's list is at distance 2 (members reach the distance-2
      // set only when they do not hide) and the connection y–t may be crossed: t's list against
      // the distance-2 set, or, for a hub t with a long list and a small distance-2 set, each
      // distance-2 member searched in t's list, whichever reads less.
      const std::span<const VertexId> nt(list_entries + bounds[j].first,
                                         bounds[j].second - bounds[j].first);
      if (!meter.Visit(nt.size())) {
        r.truncated = true;
        continue;
      }
      bool three = false;
      if (!second.dense() &&
          nt.size() > second.members().size() * (std::bit_width(nt.size()) + 1)) {
        for (const VertexId y : second.members()) {
          if (std::binary_search(nt.begin(), nt.end(), y) && rules.MayStep(y, t)) {
            three = true;
            break;
          }
        }
      } else {
        for (const VertexId y : nt) {
          if (second.Contains(y) && rules.MayStep(y, t)) {
            three = true;
            break;
          }
        }
      }
      if (three) {
        r.degree = 3;
        continue;
      }
      if (max_depth == 3) continue;
    }
    const SearchOutcome s = BidirectionalSearch(g, rules, from, t, max_depth, meter, scratch);
    if (s.truncated) {
      r.truncated = true;
    } else {
      r.degree = s.degree;
    }
  }
  if (first_in_tags) {
    for (const VertexId x : nf) second.Untag(x);
  }
  first.Clear();
  second.Clear();
  third.Clear();
  return results;
}

absl::StatusOr<DegreeResult> DegreeBySearch(const Snapshot& g, VertexId from, VertexId to,
                                            const DegreeOptions& options) {
  return DegreeEntry(g, from, to, options, /*fast_paths=*/false);
}

absl::StatusOr<DegreeResult> DegreeWithThirdMethod(const Snapshot& g, VertexId from, VertexId to,
                                                   const DegreeOptions& options,
                                                   ThirdMethod method) {
  return DegreeEntry(g, from, to, options, /*fast_paths=*/true, method);
}

absl::StatusOr<std::vector<DegreeResult>> DegreeManyBySingleCalls(const Snapshot& g, VertexId from,
                                                                  std::span<const VertexId> to,
                                                                  const DegreeOptions& options) {
  std::vector<DegreeResult> results;
  results.reserve(to.size());
  for (const VertexId t : to) {
    LIAISON_ASSIGN_OR_RETURN(DegreeResult r, Degree(g, from, t, options));
    results.push_back(r);
  }
  return results;
}

}  // namespace internal
}  // namespace liaison
