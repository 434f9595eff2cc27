// Reach (DESIGN.md §3): how many members are at distance 1, 2, ..., depth from `from` (the
// viewer), over the connections the viewer may see; each member counted once, at its shortest
// distance. Optionally the members themselves, ordered by distance then VertexId, at most `limit`.
// `where` filters (text column equals value; all must hold) apply to the counts and the listing
// alike, so a level's count equals the number of its members the listing would show without a
// limit. The viewer is never counted.
//
// Result shape: levels.size() == depth (levels past the last reachable one are 0) unless the
// budget ran out: then levels holds the levels completed before that, members lists only those
// levels, and truncated = true.
//
// Method: level-synchronous BFS with direction optimisation (S. Beamer, K. Asanović, D. Patterson,
// "Direction-Optimizing Breadth-First Search", SC 2012; the GAP benchmark suite's bfs.cc):
//   - top-down: expand a queue of frontier members, claiming unvisited neighbours in a visited
//     bitmap (std::atomic_ref fetch_or when parallel); the next frontier's scout count (its
//     adjacency entries) is summed afterwards in one prefetching pass;
//   - bottom-up: every unvisited member scans its own list for a member of the frontier bitmap
//     and stops at the first one; each chunk owns whole 64-member words, so no atomics; the list
//     head of the member 32 ids ahead is prefetched (the early exit otherwise serialises the
//     cache misses).
//   Switch top-down -> bottom-up when the frontier's scout count exceeds 1/alpha of the entries
//   not yet checked (alpha = 15), and stay bottom-up while the frontier grows or holds more than
//   n/beta members (beta = 18): GAP's defaults, which Beamer tuned on Kronecker and social graphs
//   (internal::ReachTuning in reach_internal.h holds them). The search stops after `depth` levels.
//   - small steps stay serial on the calling thread: no TBB task is created for a top-down step
//     with fewer than 2^15 entries to read, or a bottom-up step over fewer than 2^16 members.
//     Larger steps run with tbb::parallel_for in the caller's arena, isolated (the waiting
//     caller runs only this step's chunks), each chunk writing its own output slot.
//   - the last level (the depth cap) is only counted, never expanded, so it needs no claim per
//     member: when it goes top-down and its frontier has at least one adjacency entry per bitmap
//     word, each chunk of the frontier (one per thread, balanced by entries; serial below 2^18
//     entries) ORs every neighbour into its own private bitmap with no test, atomic or branch per
//     entry, prefetching the first lines of the list 12 members ahead; one pass over the words
//     then counts (and lists, ascending) the members marked and not visited. Because the last
//     level needs no next frontier, it goes bottom-up from a top-down frontier only when the
//     frontier's entries exceed half the entries not yet checked (last_alpha = 2, not alpha):
//     a bottom-up step reads the whole list of every member it does not reach. On clustered
//     professional networks a 3-hop reach touches a few thousand lists but reaches half the
//     graph: this path is what makes it cheap.
//   - the visited bitmap is per thread and cleared in O(members reached) after a small query
//     (the reached members are remembered), or by one memset after a large one.
//
// Scratch per thread (one query at a time): the visited, frontier and next bitmaps (3 n/8 bytes),
// one private bitmap per chunk of a dense last level (n/8 bytes each, at most one per arena
// thread, only once a dense last level ran), the frontier queues (4 bytes per member of the
// largest top-down level) and the visited list (4 bytes per member reached, up to n/64 of them).
// A 3-hop reach on 1M members counted densely: 4 x 125 KB serial, 125 KB more per further
// chunk, plus the queues (tens of KB on a professional network); the pages stay resident.
//
// Privacy: the viewer is `from`. Level 1 is from's own connections (all visible). Beyond it,
// ViewerSearch (engine/algorithms/frontier.h) prunes exactly: hiding members are never expanded
// (except the viewer) and never entered except from the viewer. The bottom-up step applies the same
// rules from the other end: a hiding candidate is skipped (rule (1) of frontier.h: nothing can
// reach it), the frontier bitmap holds expandable members only, and the connection found is checked
// with MayStep like a top-down step's. The dense last level marks first and asks
// MayEnterBeyondFirst per marked member (its frontier members never hide: see DenseCountStep).
//
// Budget: Budget::max_visited counts members whose adjacency list is read (frontier members in a
// top-down step, candidates in a bottom-up step); the deadline is looked at when the first list
// is read, then every 4,096 lists (per chunk when parallel), as in the other queries: a reach that
// starts past its deadline is truncated. Nothing runs past the requested depth.

#include <algorithm>
#include <atomic>
#include <bit>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/algorithms/frontier.h"
#include "engine/algorithms/intersect.h"
#include "engine/algorithms/reach_internal.h"
#include "engine/algorithms/scratch.h"
#include "liaison/query.h"
#include "oneapi/tbb/blocked_range.h"
#include "oneapi/tbb/parallel_for.h"
#include "oneapi/tbb/task_arena.h"

namespace liaison {
namespace {

using internal::ReachStats;
using internal::ReachTuning;

// kAlpha, kBeta and the parallel cut-offs are the defaults of internal::ReachTuning
// (engine/algorithms/reach_internal.h): alpha 15, beta 18, 2^15 entries, 2^16 members.
// Parallel chunks: at most this many frontier members per top-down chunk (fewer for small
// frontiers), bitmap words per bottom-up chunk.
constexpr size_t kTopDownGrain = 256;
constexpr size_t kBottomUpGrainWords = 64;  // 4,096 members
constexpr uint64_t kDeadlineEveryLists = 4096;
// The scout count pass prefetches the offsets of the member this many places ahead.
constexpr size_t kScoutPrefetch = 16;
// Bottom-up steps prefetch the list head of the member this many ids ahead.
constexpr VertexId kBottomUpPrefetch = 32;

// The `where` filters resolved to dictionary codes.
class MemberFilter {
 public:
  MemberFilter(const Snapshot& g, const std::vector<ReachFilter>& where) {
    for (const ReachFilter& f : where) {
      const StringColumnView& col = g.text(f.column);
      Clause c;
      c.codes = col.codes;
      c.code = col.present() ? col.FindCode(f.value) : 0;
      // A member without a value reads as "", so `column = ""` matches it.
      c.match_missing = f.value.empty();
      if (!col.present()) {
        if (!c.match_missing) none_ = true;
        continue;  // every member reads "" here: the clause holds for all
      }
      if (c.code == 0 && !c.match_missing) none_ = true;
      clauses_.push_back(c);
    }
  }
  bool matches_none() const { return none_; }
  bool empty() const { return clauses_.empty(); }
  bool Matches(VertexId v) const {
    for (const Clause& c : clauses_) {
      const uint32_t code = c.codes[v];
      if (code != c.code && !(code == 0 && c.match_missing)) return false;
    }
    return true;
  }

 private:
  struct Clause {
    std::span<const uint32_t> codes;
    uint32_t code = 0;  // 0: no member has the value
    bool match_missing = false;
  };
  std::vector<Clause> clauses_;
  bool none_ = false;
};

// Budget accounting shared by the threads of one query.
class ReachMeter {
 public:
  explicit ReachMeter(const Budget& b)
      : max_visited_(b.max_visited),
        deadline_(b.deadline),
        has_deadline_(b.deadline != absl::InfiniteFuture()) {}
  // Accounts for `lists` adjacency lists read; false once over budget or past the deadline.
  bool Charge(uint64_t lists) {
    if (stopped_.load(std::memory_order_relaxed)) return false;
    const uint64_t total = visited_.fetch_add(lists, std::memory_order_relaxed) + lists;
    if (total > max_visited_) return Stop();
    if (has_deadline_ && absl::Now() >= deadline_) return Stop();
    return true;
  }
  // Serial steps: charge one list, consulting the clock only every kDeadlineEveryLists lists.
  bool ChargeOne() {
    if (++serial_lists_ < kDeadlineEveryLists) {
      if (stopped_.load(std::memory_order_relaxed)) return false;
      const uint64_t total = visited_.fetch_add(1, std::memory_order_relaxed) + 1;
      return total <= max_visited_ || Stop();
    }
    serial_lists_ = 0;
    return Charge(1);
  }
  bool stopped() const { return stopped_.load(std::memory_order_relaxed); }
  uint64_t visited() const { return visited_.load(std::memory_order_relaxed); }

 private:
  bool Stop() {
    stopped_.store(true, std::memory_order_relaxed);
    return false;
  }
  uint64_t max_visited_;
  absl::Time deadline_;
  bool has_deadline_;
  std::atomic<uint64_t> visited_{0};
  std::atomic<bool> stopped_{false};
  // Calling thread only. Starts one short of a check, so the first list looks at the clock.
  uint64_t serial_lists_ = kDeadlineEveryLists - 1;
};

// Output of one chunk of a parallel step.
struct StepLocal {
  std::vector<VertexId> found;  // top-down: the next frontier
  uint64_t count = 0;           // members of the level that match the filters
  uint64_t awake = 0;           // members discovered
};

struct ReachScratch {
  Bitmap visited;
  size_t visited_words_dirty = 0;      // > 0: clear this many words by memset before reuse
  std::vector<VertexId> visited_list;  // otherwise: the members to clear
  Bitmap front, next;                  // bottom-up frontiers (cleared when used)
  std::vector<VertexId> queue, next_queue;
  std::vector<VertexId> level_members;  // listing candidates of one level
  std::vector<StepLocal> chunks;        // per-chunk output of a parallel step
  std::vector<Bitmap> marks;            // dense last level: one private bitmap per chunk
  std::vector<size_t> cuts;             // dense last level: chunk boundaries in the queue

  // Starts a query over n members: the visited bitmap empty, in O(what the last query touched).
  void Begin(size_t n) {
    if (visited_words_dirty > 0) {
      visited.Clear(visited_words_dirty * Bitmap::kBits);
      visited_words_dirty = 0;
    } else {
      for (VertexId v : visited_list) visited.Reset(v);
    }
    visited_list.clear();
    visited.Reserve(n);
    front.Reserve(n);
    next.Reserve(n);
  }
  // After a bottom-up step or a huge top-down one: clear everything next time.
  void MarkDenselyDirty(size_t n) {
    visited_words_dirty = std::max(visited_words_dirty, Bitmap::WordsFor(n));
    visited_list.clear();
  }
};

class ReachSearch {
 public:
  ReachSearch(const Snapshot& g, VertexId from, const ReachOptions& options,
              const ReachTuning& tuning, ReachStats& stats, ReachScratch& s)
      : tuning_(tuning),
        stats_(stats),
        g_(g),
        n_(g.num_members()),
        from_(from),
        options_(options),
        rules_(g, from),
        filter_(g, options.where),
        meter_(options.budget),
        s_(s) {}

  ReachResult Run();

 private:
  uint64_t ScoutCount(std::span<const VertexId> frontier) const;
  void AddToListing(std::vector<VertexId>& candidates, bool sorted, int distance);
  bool FirstLevel();
  bool TopDownStep(bool last);
  bool UseDenseCount() const;
  bool DenseCountStep();
  bool BottomUpStep();
  void QueueToBitmap();
  void BitmapToQueue();
  void ListBitmapLevel(int distance);

  bool ChooseBottomUp(uint64_t edges_to_check) const {
    switch (tuning_.direction) {
      case ReachTuning::Direction::kTopDownOnly:
        return false;
      case ReachTuning::Direction::kBottomUpOnly:
        return true;
      case ReachTuning::Direction::kOptimising:
        break;
    }
    return scout_ > edges_to_check / tuning_.alpha;
  }
  bool listing_open() const { return options_.list && result_.members.size() < options_.limit; }

  const ReachTuning& tuning_;
  ReachStats& stats_;
  const Snapshot& g_;
  const uint32_t n_;
  const VertexId from_;
  const ReachOptions& options_;
  const ViewerSearch rules_;
  const MemberFilter filter_;
  ReachMeter meter_;
  ReachScratch& s_;
  ReachResult result_;
  uint64_t level_count_ = 0;  // members of the level just completed that match the filters
  uint64_t scout_ = 0;        // adjacency entries of the current frontier
  uint64_t awake_ = 0;        // members in the current frontier
};

// Runs body(range) over chunk indices [0, num_chunks) with oneTBB, isolated: while the calling
// thread waits for the chunks it runs only tasks of this parallel step, never another query's
// (say, a batch of queries run as tasks), which would reuse this thread's ReachScratch midway.
template <typename Body>
void ParallelChunks(size_t num_chunks, const Body& body) {
  tbb::this_task_arena::isolate(
      [&] { tbb::parallel_for(tbb::blocked_range<size_t>(0, num_chunks, 1), body); });
}

// The scout count of a frontier (its adjacency entries), for the direction choice. One pass with
// the offsets prefetched ahead: reading a fresh member's degree is a cache miss, and doing it while
// claiming members would serialise those misses.
uint64_t ReachSearch::ScoutCount(std::span<const VertexId> frontier) const {
  const uint64_t* const offsets = g_.parts().offsets.data();
  const size_t size = frontier.size();
  uint64_t scout = 0;
  for (size_t i = 0; i < size; ++i) {
    if (i + kScoutPrefetch < size) __builtin_prefetch(offsets + frontier[i + kScoutPrefetch]);
    scout += offsets[frontier[i] + 1] - offsets[frontier[i]];
  }
  return scout;
}

// Appends the level's matching members to the listing, smallest VertexIds first, up to the limit.
void ReachSearch::AddToListing(std::vector<VertexId>& candidates, bool sorted, int distance) {
  const size_t room = options_.limit - result_.members.size();
  if (candidates.size() > room) {
    std::nth_element(candidates.begin(), candidates.begin() + room, candidates.end());
    candidates.resize(room);
    sorted = false;
  }
  if (!sorted) std::sort(candidates.begin(), candidates.end());
  for (const VertexId v : candidates) result_.members.push_back({v, distance});
}

// Level 1: from's own connections, each visible to from. Serial (one list).
bool ReachSearch::FirstLevel() {
  if (!meter_.ChargeOne()) return false;
  s_.visited.Set(from_);
  s_.visited_list.push_back(from_);
  s_.queue.clear();
  scout_ = 0;
  level_count_ = 0;
  std::vector<VertexId>& listed = s_.level_members;
  listed.clear();
  const bool listing = listing_open();
  for (const VertexId v : g_.neighbors(from_)) {
    s_.visited.Set(v);
    s_.visited_list.push_back(v);
    if (filter_.Matches(v)) {
      ++level_count_;
      if (listing) listed.push_back(v);
    }
    if (rules_.MayExpand(v)) s_.queue.push_back(v);
  }
  scout_ = ScoutCount(s_.queue);
  if (listing) AddToListing(listed, /*sorted=*/true, 1);
  awake_ = s_.queue.size();
  return true;
}

// One top-down level from s_.queue into s_.next_queue (then swapped). `last`: the next frontier
// is not needed beyond counting and listing.
bool ReachSearch::TopDownStep(bool last) {
  const auto& queue = s_.queue;
  auto& next = s_.next_queue;
  next.clear();
  level_count_ = 0;
  uint64_t scout = 0;
  const bool parallel = scout_ >= tuning_.parallel_entries && queue.size() > 1;
  ++stats_.top_down_steps;
  stats_.parallel_steps += parallel;
  if (!parallel) {
    for (const VertexId u : queue) {
      if (!meter_.ChargeOne()) {
        s_.visited_list.insert(s_.visited_list.end(), next.begin(), next.end());
        return false;
      }
      for (const VertexId v : g_.neighbors(u)) {
        if (s_.visited.Test(v) || !rules_.MayStep(u, v)) continue;
        s_.visited.Set(v);
        next.push_back(v);
        level_count_ += filter_.Matches(v);
      }
    }
  } else {
    // A small frontier of hubs carries most of the work in few members: split it finely. Each
    // chunk writes its own slot (no shared containers; the next queue keeps chunk order).
    const size_t grain = std::clamp<size_t>(queue.size() / 64, 1, kTopDownGrain);
    const size_t num_chunks = (queue.size() + grain - 1) / grain;
    std::vector<StepLocal>& chunks = s_.chunks;
    if (chunks.size() < num_chunks) chunks.resize(num_chunks);
    ParallelChunks(num_chunks, [&](const tbb::blocked_range<size_t>& range) {
      for (size_t c = range.begin(); c < range.end(); ++c) {
        StepLocal& local = chunks[c];
        local = StepLocal{std::move(local.found)};
        local.found.clear();
        const size_t begin = c * grain, end = std::min(queue.size(), begin + grain);
        if (!meter_.Charge(end - begin)) break;
        for (size_t i = begin; i < end; ++i) {
          const VertexId u = queue[i];
          for (const VertexId v : g_.neighbors(u)) {
            if (s_.visited.AtomicTest(v) || !rules_.MayStep(u, v)) continue;
            if (!s_.visited.AtomicTestAndSet(v)) continue;
            local.found.push_back(v);
            local.count += filter_.Matches(v);
          }
        }
      }
    });
    if (meter_.stopped()) {
      s_.MarkDenselyDirty(n_);  // claimed members were not all recorded
      return false;
    }
    for (size_t c = 0; c < num_chunks; ++c) {
      const StepLocal& local = chunks[c];
      next.insert(next.end(), local.found.begin(), local.found.end());
      level_count_ += local.count;
    }
  }
  if (!last) scout = ScoutCount(next);
  if (s_.visited_words_dirty == 0) {
    s_.visited_list.insert(s_.visited_list.end(), next.begin(), next.end());
    if (s_.visited_list.size() > Bitmap::WordsFor(n_)) s_.MarkDenselyDirty(n_);
  }
  if (listing_open()) {
    std::vector<VertexId>& listed = s_.level_members;
    listed.clear();
    for (const VertexId v : next) {
      if (filter_.Matches(v)) listed.push_back(v);
    }
    AddToListing(listed, /*sorted=*/false, static_cast<int>(result_.levels.size()) + 1);
  }
  std::swap(s_.queue, s_.next_queue);
  scout_ = scout;
  awake_ = s_.queue.size();
  return true;
}

// The last level counted top-down without claiming: each chunk of the frontier (balanced by
// adjacency entries, one chunk per thread of the arena) ORs every neighbour of its members into its
// own bitmap, with no test, no atomic and no branch per entry; then one pass over the words counts
// (and lists) the members set in some chunk's bitmap and not visited. Used when the frontier has
// at least one entry per bitmap word (the clearing and the final pass are O(n / 64) per chunk).
// Privacy: the last level is at distance >= 2, so every frontier member u was entered beyond the
// viewer's own list or is a viewer's connection that may expand; none hides and none is the
// viewer. For such u and an unvisited v (not the viewer), MayStep(u, v) holds exactly when v may
// be entered beyond the first level (frontier.h rule (1)), which the final pass asks per member.
bool ReachSearch::UseDenseCount() const {
  switch (tuning_.last_level) {
    case ReachTuning::LastLevel::kSparse:
      return false;
    case ReachTuning::LastLevel::kDense:
      return true;
    case ReachTuning::LastLevel::kAuto:
      break;
  }
  return scout_ >= Bitmap::WordsFor(n_);
}

bool ReachSearch::DenseCountStep() {
  const std::vector<VertexId>& queue = s_.queue;
  const bool parallel = scout_ >= tuning_.parallel_count_entries && queue.size() > 1;
  const size_t num_chunks =
      parallel ? std::clamp<size_t>(tbb::this_task_arena::max_concurrency(), 1, queue.size()) : 1;
  ++stats_.top_down_steps;
  ++stats_.dense_count_steps;
  stats_.parallel_steps += num_chunks > 1;
  if (s_.marks.size() < num_chunks) s_.marks.resize(num_chunks);
  // Chunk c reads queue[cuts[c], cuts[c + 1]): about scout_ / num_chunks entries each.
  std::vector<size_t>& cuts = s_.cuts;
  cuts.assign(1, 0);
  const uint64_t* const offsets = g_.parts().offsets.data();
  const VertexId* const entries = g_.parts().neighbors.data();
  if (num_chunks > 1) {
    uint64_t sum = 0;
    for (size_t i = 0; i < queue.size() && cuts.size() < num_chunks; ++i) {
      sum += offsets[queue[i] + 1] - offsets[queue[i]];
      if (sum * num_chunks >= scout_ * cuts.size()) cuts.push_back(i + 1);
    }
  }
  while (cuts.size() <= num_chunks) cuts.push_back(queue.size());
  cuts.back() = queue.size();
  auto mark = [&](size_t c) {
    Bitmap& m = s_.marks[c];
    m.Reserve(n_);
    m.Clear(n_);
    uint64_t* const words = m.data();
    const size_t end = cuts[c + 1];
    // Lists are short (tens of entries) and scattered: the hardware prefetcher barely starts on
    // one before the next, so the first lines of the list kAhead members ahead are prefetched.
    constexpr size_t kAhead = 12;
    constexpr size_t kPrefetchLines = 4;
    for (size_t block = cuts[c]; block < end; block += kDeadlineEveryLists) {
      const size_t block_end = std::min(end, block + kDeadlineEveryLists);
      if (!meter_.Charge(block_end - block)) return;
      for (size_t i = block; i < block_end; ++i) {
        if (i + kAhead < end) {
          const VertexId ahead = queue[i + kAhead];
          const VertexId* p = entries + offsets[ahead];
          const VertexId* const p_end =
              std::min(entries + offsets[ahead + 1], p + kPrefetchLines * kEntriesPerLine);
          for (; p < p_end; p += kEntriesPerLine) __builtin_prefetch(p);
        }
        const VertexId u = queue[i];
        for (const VertexId *e = entries + offsets[u], *e_end = entries + offsets[u + 1];
             e != e_end; ++e) {
          words[*e / Bitmap::kBits] |= uint64_t{1} << (*e % Bitmap::kBits);
        }
      }
    }
  };
  if (num_chunks == 1) {
    mark(0);
  } else {
    ParallelChunks(num_chunks, [&](const tbb::blocked_range<size_t>& range) {
      for (size_t c = range.begin(); c < range.end(); ++c) mark(c);
    });
  }
  if (meter_.stopped()) return false;
  const size_t words = Bitmap::WordsFor(n_);
  const uint64_t* const visited = s_.visited.data();
  const uint64_t* const m0 = s_.marks[0].data();
  const uint64_t* const m1 = num_chunks > 1 ? s_.marks[1].data() : nullptr;
  const bool filtered = !filter_.empty();
  const bool all_visible = rules_.all_visible();
  const int distance = static_cast<int>(result_.levels.size()) + 1;
  uint64_t count = 0;
  for (size_t w = 0; w < words; ++w) {
    uint64_t x = m0[w];
    if (m1 != nullptr) x |= m1[w];
    for (size_t c = 2; c < num_chunks; ++c) x |= s_.marks[c].word(w);
    x &= ~visited[w];  // bits past n_ are never set: no member has such a neighbour
    if (x == 0) continue;
    if (all_visible && !filtered && !listing_open()) {
      count += std::popcount(x);
      continue;
    }
    for (; x != 0; x &= x - 1) {
      const VertexId v = static_cast<VertexId>(w * Bitmap::kBits + std::countr_zero(x));
      if (!rules_.MayEnterBeyondFirst(v) || !filter_.Matches(v)) continue;
      ++count;
      if (listing_open()) result_.members.push_back({v, distance});
    }
  }
  level_count_ = count;
  awake_ = 0;  // nothing is expanded past the last level
  return true;
}

void ReachSearch::QueueToBitmap() {
  s_.front.Clear(n_);
  for (const VertexId v : s_.queue) s_.front.Set(v);
}

void ReachSearch::BitmapToQueue() {
  s_.queue.clear();
  s_.front.ForEach(0, Bitmap::WordsFor(n_), [&](VertexId v) { s_.queue.push_back(v); });
  scout_ = ScoutCount(s_.queue);
}

// One bottom-up level: s_.front -> s_.next (then swapped).
bool ReachSearch::BottomUpStep() {
  s_.MarkDenselyDirty(n_);
  const size_t words = Bitmap::WordsFor(n_);
  s_.next.Clear(n_);
  // Scans words [wb, we): every unvisited member that may be entered looks for a frontier member.
  // Members are scanned in ascending order, so their lists are read in ascending memory order but
  // with gaps; the first entry of each list is a cache miss that the early exit keeps the CPU from
  // overlapping. So the list head of the member kBottomUpPrefetch ids ahead is prefetched.
  const uint64_t* const offsets = g_.parts().offsets.data();
  const VertexId* const entries = g_.parts().neighbors.data();
  const VertexId prefetch_end = n_ > kBottomUpPrefetch ? n_ - kBottomUpPrefetch : 0;
  const uint64_t* const front = s_.front.data();
  uint64_t* const visited = s_.visited.data();
  uint64_t* const next = s_.next.data();
  const uint64_t last_mask =
      n_ % Bitmap::kBits == 0 ? ~uint64_t{0} : (uint64_t{1} << (n_ % Bitmap::kBits)) - 1;
  const bool filtered = !filter_.empty();
  // kPlain: nobody hides and no filter, so the loop carries no privacy or filter test at all.
  auto scan_words = [&]<bool kPlain>(std::bool_constant<kPlain>, size_t wb, size_t we,
                                     StepLocal& local, uint64_t& lists) {
    uint64_t count = 0, awake = 0, read = 0;
    for (size_t w = wb; w < we; ++w) {
      uint64_t unvisited = ~visited[w];
      if (w == words - 1) unvisited &= last_mask;
      uint64_t found_bits = 0;
      for (; unvisited != 0; unvisited &= unvisited - 1) {
        const VertexId v = static_cast<VertexId>(w * Bitmap::kBits + std::countr_zero(unvisited));
        if (v < prefetch_end) __builtin_prefetch(entries + offsets[v + kBottomUpPrefetch]);
        if (!kPlain && !rules_.MayEnterBeyondFirst(v)) continue;  // hides, not from's connection
        ++read;
        for (const VertexId *e = entries + offsets[v], *end = entries + offsets[v + 1]; e != end;
             ++e) {
          const VertexId u = *e;
          if (((front[u / Bitmap::kBits] >> (u % Bitmap::kBits)) & 1) &&
              (kPlain || rules_.MayStep(u, v))) {
            found_bits |= uint64_t{1} << (v % Bitmap::kBits);
            if (!kPlain && filtered) count += filter_.Matches(v);
            break;
          }
        }
      }
      if (found_bits != 0) {
        visited[w] |= found_bits;
        next[w] = found_bits;
        const uint64_t found = std::popcount(found_bits);
        awake += found;
        if (kPlain || !filtered) count += found;
      }
    }
    local.count += count;
    local.awake += awake;
    lists += read;
  };
  const bool plain = rules_.all_visible() && !filtered;
  auto scan = [&](size_t wb, size_t we, StepLocal& local, uint64_t& lists) {
    if (plain) {
      scan_words(std::true_type{}, wb, we, local, lists);
    } else {
      scan_words(std::false_type{}, wb, we, local, lists);
    }
  };
  level_count_ = 0;
  uint64_t awake = 0;
  ++stats_.bottom_up_steps;
  if (static_cast<uint64_t>(n_) < tuning_.parallel_members) {
    StepLocal local;
    uint64_t lists = 0;
    scan(0, words, local, lists);
    if (!meter_.Charge(lists)) return false;
    level_count_ = local.count;
    awake = local.awake;
  } else {
    ++stats_.parallel_steps;
    const size_t num_chunks = (words + kBottomUpGrainWords - 1) / kBottomUpGrainWords;
    std::vector<StepLocal>& chunks = s_.chunks;
    if (chunks.size() < num_chunks) chunks.resize(num_chunks);
    ParallelChunks(num_chunks, [&](const tbb::blocked_range<size_t>& range) {
      for (size_t c = range.begin(); c < range.end() && !meter_.stopped(); ++c) {
        StepLocal& local = chunks[c];
        local.count = local.awake = 0;
        uint64_t lists = 0;
        scan(c * kBottomUpGrainWords, std::min(words, (c + 1) * kBottomUpGrainWords), local, lists);
        meter_.Charge(lists);
      }
    });
    if (meter_.stopped()) return false;
    for (size_t c = 0; c < num_chunks; ++c) {
      level_count_ += chunks[c].count;
      awake += chunks[c].awake;
    }
  }
  std::swap(s_.front, s_.next);
  awake_ = awake;
  if (listing_open()) ListBitmapLevel(static_cast<int>(result_.levels.size()) + 1);
  return true;
}

// Lists the matching members of the level held in s_.front, ascending, up to the limit.
void ReachSearch::ListBitmapLevel(int distance) {
  const size_t words = Bitmap::WordsFor(n_);
  for (size_t w = 0; w < words && listing_open(); ++w) {
    for (uint64_t bits = s_.front.word(w); bits != 0 && listing_open(); bits &= bits - 1) {
      const VertexId v = static_cast<VertexId>(w * Bitmap::kBits + std::countr_zero(bits));
      if (filter_.Matches(v)) result_.members.push_back({v, distance});
    }
  }
}

ReachResult ReachSearch::Run() {
  const int depth = options_.depth;
  result_.levels.reserve(depth);
  if (filter_.matches_none()) {
    result_.levels.assign(depth, 0);  // no member can match: nothing to search
    return result_;
  }
  s_.Begin(n_);
  if (!FirstLevel()) {
    result_.truncated = true;
    return result_;
  }
  result_.levels.push_back(level_count_);

  uint64_t edges_to_check = g_.num_adjacencies() - g_.degree(from_);
  bool in_bitmap = false;  // the frontier is in s_.front rather than s_.queue
  while (static_cast<int>(result_.levels.size()) < depth && awake_ > 0) {
    const bool last = static_cast<int>(result_.levels.size()) + 1 == depth;
    bool ok;
    if (!in_bitmap && last && tuning_.direction == ReachTuning::Direction::kOptimising) {
      // Counting the last level needs no next frontier: top-down reads scout_ entries, bottom-up
      // reads whole lists of every member it does not reach, so it must promise much more.
      if (scout_ > edges_to_check / tuning_.last_alpha) {
        QueueToBitmap();
        in_bitmap = true;
      }
    } else if (!in_bitmap && ChooseBottomUp(edges_to_check)) {
      QueueToBitmap();
      in_bitmap = true;
    }
    if (in_bitmap) {
      // Stay bottom-up while the frontier grows or holds more than n / beta members.
      const uint64_t before = awake_;
      const absl::Time t0 = absl::Now();
      ok = BottomUpStep();
      stats_.bottom_up_seconds += absl::ToDoubleSeconds(absl::Now() - t0);
      if (ok && !last && tuning_.direction != ReachTuning::Direction::kBottomUpOnly &&
          awake_ < before && awake_ <= n_ / tuning_.beta) {
        BitmapToQueue();
        in_bitmap = false;
      }
    } else {
      edges_to_check -= std::min(edges_to_check, scout_);
      const absl::Time t0 = absl::Now();
      ok = last && UseDenseCount() ? DenseCountStep() : TopDownStep(last);
      stats_.top_down_seconds += absl::ToDoubleSeconds(absl::Now() - t0);
    }
    if (!ok) {
      result_.truncated = true;
      break;
    }
    result_.levels.push_back(level_count_);
  }
  if (!result_.truncated) result_.levels.resize(depth, 0);
  for (const uint64_t c : result_.levels) result_.total += c;
  stats_.lists_read = meter_.visited();
  return result_;
}

}  // namespace

absl::StatusOr<ReachResult> Reach(const Snapshot& g, VertexId from, const ReachOptions& options) {
  return internal::ReachTuned(g, from, options, ReachTuning{}, nullptr);
}

namespace internal {

absl::StatusOr<ReachResult> ReachTuned(const Snapshot& g, VertexId from,
                                       const ReachOptions& options, const ReachTuning& tuning,
                                       ReachStats* stats) {
  if (options.depth < 1 || options.depth > kMaxReachDepth) {
    return absl::InvalidArgumentError(
        absl::StrCat("depth ", options.depth, " is outside 1..", kMaxReachDepth));
  }
  if (from >= g.num_members()) {
    return absl::InvalidArgumentError(
        absl::StrCat("member index ", from, " is out of range (", g.num_members(), " members)"));
  }
  for (const ReachFilter& f : options.where) {
    const int c = static_cast<int>(f.column);
    if (c < 0 || c >= kNumTextColumns) {
      return absl::InvalidArgumentError(absl::StrCat("filter column ", c, " is not a text column"));
    }
  }
  ReachStats unused;
  ReachSearch search(g, from, options, tuning, stats ? *stats : unused,
                     ThreadLocal<ReachScratch>());
  return search.Run();
}

}  // namespace internal

}  // namespace liaison
