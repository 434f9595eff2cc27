// Introduction paths (DESIGN.md §3): IntroPaths(g, from, to) returns the shortest distance from
// `from` to `to` within max_hops, the exact number of shortest paths, and the k warmest paths.
//
// The graph searched. A path may cross connection u–v only when it is visible to the viewer
// `from` (Visibility, checked on every connection crossed: in both halves of the search, where
// they meet, and when the paths are rebuilt). Interior members must be "passable": neither a
// no_introductions member nor in `avoid`; the ends are always allowed.
//
// Method (shortest paths, the default).
//  1. Bidirectional BFS (NetworKit's BidirectionalBFS shape): one BFS layer at a time from the
//     side whose frontier has the smaller degree sum, until a layer reaches the other side's
//     frontier. Each member carries, per side, its distance and the number of restricted shortest
//     paths from that side's end (saturating sums over the previous layer). The shortest distance
//     d is fixed by the first meeting layer and count = sum over meeting members x of
//     count_from(x) * count_to(x): counted, never enumerated. The expansion that can no longer be
//     followed by another (depth_from + depth_to + 1 == max_hops) only looks for the other
//     frontier in each list, probing the frontier's members by binary search when that is cheaper
//     than scanning the list (a hub costs O(|frontier| log deg), not O(deg)).
//  2. The layered DAG of shortest paths: from the meeting members, predecessors are found layer by
//     layer towards `from` and successors towards `to` (the same probe-or-scan intersection), with
//     every connection checked again for visibility. Only members on some shortest path enter it.
//  3. Max-product DP on the DAG: best(v) = the largest warmth product from v to `to`.
//  4. Best-first extraction (k-best paths in a DAG): a heap of path prefixes keyed by prefix
//     product * best completion, which is exact, so complete paths leave the heap in rank order;
//     each member's children are sorted once by (hop weight * best, id) and a popped prefix pushes
//     only its next sibling and its first child. Ties in warmth go to the lexicographically
//     smaller path (prefixes in the heap never contain one another, so comparing them decides).
//     Diversity: the first path popped for each first intermediary is that intermediary's best;
//     those come first in rank order (up to k), then the other paths in rank order fill the
//     answer. Once k paths are known, prefixes through an intermediary that already has its best
//     path are dropped, so work is O(k * d) heap operations plus the DAG, never the number of
//     paths, even with millions of shortest paths through hubs.
// Longer paths (PathOptions::include_longer): step 1 still gives hops and count. Then an upper
// bound ub(v, r) = the best warmth of a walk from v to `to` in at most r hops (padded with
// factor 1000 per missing hop) is computed by a layered DP from `to` over max_hops - 1 rounds,
// and the same best-first search runs over simple paths (members not repeated) of at most
// max_hops hops, keyed by prefix * hop * ub. The bound is optimistic, so complete paths still
// leave the heap in rank order. Its cost grows with the (max_hops - 1)-ball around `to`.
//
// Invariants. PathNode::dist is distance + 1 (0 = not reached). Before a meeting no member is
// reached by both sides; a member reached by both is therefore in both current frontiers.
// Warmth products are exact integers (warmth.h), so rankings do not depend on evaluation order.
//
// Limits. count saturates at UINT64_MAX. Budget::max_visited counts every adjacency list read
// (BFS, DAG construction, children lists, the longer-path bound); heap pops count as work for the
// deadline. Out of budget before a meeting: hops nullopt, truncated. Out of budget later: hops and
// count are exact and `paths` holds the best paths found so far, in rank order, truncated.
//
// References: Pohl, "Bi-directional search" (1971) for the meeting rule; Eppstein, "Finding the k
// shortest paths" (1998) for k-best paths by best-first search over implicit path trees.

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <span>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "engine/algorithms/scratch.h"
#include "engine/algorithms/visibility.h"
#include "engine/algorithms/visit_meter.h"
#include "engine/algorithms/warmth.h"
#include "engine/util/status_macros.h"
#include "liaison/query.h"

namespace liaison {
namespace {

constexpr int kMaxPathMembers = kMaxPathHops + 1;

enum NodeFlag : uint8_t {
  kAvoided = 1 << 0,      // in PathOptions::avoid
  kFirstDone = 1 << 1,    // as a first intermediary, its best path has been found
};

// Per-member state of one query. Side 0 searches from `from`, side 1 from `to`.
struct PathNode {
  uint64_t count[2];  // restricted shortest paths from that side's end (saturating)
  uint8_t dist[2];    // distance + 1 from that side's end; 0 = not reached
  uint8_t flags;      // NodeFlag
  uint32_t local;     // index + 1 into the DAG (or bound) arrays; 0 = none
};

// A child in a best-first children list: the member, the hop weight, and the sort key
// weight * best-or-bound completion.
struct Child {
  VertexId member;
  uint32_t weight;
  uint64_t key;
  uint32_t dag_id = 0;  // the child's DAG member (shortest-path mode only)
};

// A member of the shortest-path DAG.
struct DagMember {
  VertexId member;
  uint32_t child_begin = 0;
  uint32_t child_end = 0;
  uint64_t best = 0;  // the largest warmth product from here to `to`
  bool sorted = false;
};
struct DagEdge {
  uint32_t parent;
  uint32_t child;
  uint32_t weight;
};

// A path prefix in the best-first heap: `path[0..len)` where path[len-1] is child number `rank`
// of children list `list` (the list of path[len-2]).
struct Prefix {
  uint64_t priority;   // product so far * completion (exact or an upper bound)
  uint64_t parent_w;   // product of path[0..len-1)
  uint32_t list;
  uint32_t rank;
  uint8_t len;
  std::array<VertexId, kMaxPathMembers> path;
};

// Heap order: the larger priority first, then the lexicographically smaller path.
struct PrefixAfter {
  bool operator()(const Prefix& a, const Prefix& b) const {
    if (a.priority != b.priority) return a.priority < b.priority;
    const int n = std::min(a.len, b.len);
    for (int i = 0; i < n; ++i) {
      if (a.path[i] != b.path[i]) return a.path[i] > b.path[i];
    }
    return a.len > b.len;  // unreachable for prefixes in the heap (none contains another)
  }
};

struct FoundPath {
  std::array<VertexId, kMaxPathMembers> path;
  uint8_t len;
  bool first_of_intermediary;
};

struct PathScratch {
  StampedArray<PathNode> node;
  std::vector<VertexId> layer[2];          // all layers of a side, concatenated
  std::vector<uint32_t> layer_begin[2];    // layer i is [layer_begin[i], layer_begin[i+1])
  std::vector<VertexId> meet;
  std::vector<DagMember> dag;
  std::vector<DagEdge> dag_edges;
  std::vector<Child> children;
  std::vector<std::vector<uint32_t>> level;  // DAG members by distance from `from`
  std::vector<Prefix> heap;
  // Longer paths.
  std::vector<VertexId> ball;                                // members with a bound, by round
  std::vector<std::array<uint64_t, kMaxPathHops>> bound;     // per ball member
  std::vector<uint8_t> ball_dist;                            // distance to `to`
  absl::flat_hash_map<uint64_t, uint32_t> list_of;           // (member, depth) -> list id
  std::vector<std::pair<uint32_t, uint32_t>> lists;          // [begin, end) in `children`
};

uint64_t Pow1000(int e) {
  uint64_t p = 1;
  for (int i = 0; i < e; ++i) p *= kWarmthScale;
  return p;
}

// The context shared by every step of one query.
struct Query {
  const Snapshot& g;
  VertexId from;
  VertexId to;
  const PathOptions& options;
  Visibility vis;
  VisitMeter meter;
  PackedDate reference;
  PathScratch& s;

  uint32_t Weight(EdgeIndex e) const {
    const uint8_t q = g.has_strength() ? g.parts().strength[e] : 255;
    return HopWeight(q, g.since(e), reference);
  }
  // May v be an interior member of a path?
  bool Passable(VertexId v, uint8_t flags) const {
    return v != from && v != to && (flags & kAvoided) == 0 && !g.no_introductions(v);
  }
};

// Calls f(w, e) for each neighbour w of v (edge index e) that is in `set`; `in_set(w)` must
// recognise exactly the members of `set`. Probes the set's members in v's sorted list by binary
// search when that costs less than scanning the list.
template <typename InSet, typename F>
void ForEachNeighborIn(const Snapshot& g, VertexId v, std::span<const VertexId> set, InSet in_set,
                       F f) {
  const std::span<const VertexId> nbrs = g.neighbors(v);
  const EdgeIndex base = g.edge_begin(v);
  if (set.size() * std::bit_width(nbrs.size()) < nbrs.size()) {
    for (VertexId w : set) {
      const auto it = std::lower_bound(nbrs.begin(), nbrs.end(), w);
      if (it != nbrs.end() && *it == w) f(w, base + static_cast<EdgeIndex>(it - nbrs.begin()));
    }
  } else {
    for (size_t i = 0; i < nbrs.size(); ++i) {
      if (in_set(nbrs[i])) f(nbrs[i], base + i);
    }
  }
}

// ---- Step 1: bidirectional BFS with path counts ----

struct SearchState {
  int depth[2] = {0, 0};        // distance of each side's frontier
  uint64_t work[2] = {0, 0};    // degree sum of each frontier
};

std::span<const VertexId> Layer(const PathScratch& s, int side, int i) {
  const auto& b = s.layer_begin[side];
  return std::span<const VertexId>(s.layer[side]).subspan(b[i], b[i + 1] - b[i]);
}

// Expands side `sd`'s frontier by one layer. `last`: no further layer may follow, so only
// members of the other frontier are looked for. False when the budget ran out.
bool ExpandLayer(Query& q, SearchState& st, int sd, bool last) {
  PathScratch& s = q.s;
  const int o = 1 - sd;
  const int i = st.depth[sd];
  const uint8_t next = static_cast<uint8_t>(i + 2);                // dist + 1 of the new layer
  const uint8_t other = static_cast<uint8_t>(st.depth[o] + 1);     // dist + 1 of the other frontier
  const auto& begins = s.layer_begin[sd];
  const uint32_t frontier_begin = begins[i], frontier_end = begins[i + 1];
  const std::span<const VertexId> other_frontier = Layer(s, o, st.depth[o]);
  uint64_t work = 0;
  auto meet = [&](VertexId w, uint64_t cu) {
    PathNode& r = s.node.Ref(w);
    if (r.dist[sd] == 0) {
      r.dist[sd] = next;
      s.meet.push_back(w);
    }
    r.count[sd] = SaturatingAdd(r.count[sd], cu);
  };
  for (uint32_t idx = frontier_begin; idx < frontier_end; ++idx) {
    const VertexId u = s.layer[sd][idx];
    if (!q.meter.Visit(q.g.degree(u))) return false;
    const uint64_t cu = s.node.Get(u).count[sd];
    if (last) {
      ForEachNeighborIn(
          q.g, u, other_frontier, [&](VertexId w) { return s.node.Get(w).dist[o] == other; },
          [&](VertexId w, EdgeIndex) {
            if (q.vis.Visible(u, w)) meet(w, cu);
          });
      continue;
    }
    for (VertexId w : q.g.neighbors(u)) {
      const PathNode n = s.node.Get(w);
      if (n.dist[o] != 0) {
        // Reached by the other side: a meeting, if this very connection is visible.
        if (!q.vis.Visible(u, w)) continue;
        assert(n.dist[o] == other);
        meet(w, cu);
      } else if (n.dist[sd] == 0) {
        if (!s.meet.empty()) continue;  // the answer's layer is known; others are not needed
        if (!q.Passable(w, n.flags) || !q.vis.Visible(u, w)) continue;
        PathNode& r = s.node.Ref(w);
        r.dist[sd] = next;
        r.count[sd] = cu;
        s.layer[sd].push_back(w);
        work += q.g.degree(w);
      } else if (n.dist[sd] == next) {
        if (!q.vis.Visible(u, w)) continue;
        PathNode& r = s.node.Ref(w);
        r.count[sd] = SaturatingAdd(r.count[sd], cu);
      }
    }
  }
  s.layer_begin[sd].push_back(static_cast<uint32_t>(s.layer[sd].size()));
  st.depth[sd] = i + 1;
  st.work[sd] = work;
  return true;
}

// Runs the bidirectional search. Sets result hops/count; false when the budget ran out.
bool ShortestSearch(Query& q, SearchState& st, PathsResult& result) {
  PathScratch& s = q.s;
  const int max_hops = q.options.max_hops;
  for (int sd = 0; sd < 2; ++sd) {
    const VertexId end = sd == 0 ? q.from : q.to;
    s.layer[sd].assign(1, end);
    s.layer_begin[sd].assign({0, 1});
    PathNode& n = s.node.Ref(end);
    n.dist[sd] = 1;
    n.count[sd] = 1;
    st.work[sd] = q.g.degree(end);
  }
  while (s.meet.empty() && st.depth[0] + st.depth[1] < max_hops) {
    if (Layer(s, 0, st.depth[0]).empty() || Layer(s, 1, st.depth[1]).empty()) break;
    const int sd = st.work[0] <= st.work[1] ? 0 : 1;
    const bool last = st.depth[0] + st.depth[1] + 1 == max_hops;
    if (!ExpandLayer(q, st, sd, last)) return false;
  }
  if (s.meet.empty()) return true;
  result.hops = st.depth[0] + st.depth[1];
  uint64_t count = 0;
  for (VertexId x : s.meet) {
    const PathNode& n = s.node.Ref(x);
    count = SaturatingAdd(count, SaturatingMul(n.count[0], n.count[1]));
  }
  result.count = count;
  return true;
}

// ---- Steps 2 and 3: the shortest-path DAG and its max-product DP ----

uint32_t AddDagMember(PathScratch& s, VertexId v, int level) {
  const uint32_t id = static_cast<uint32_t>(s.dag.size());
  s.dag.push_back({.member = v});
  s.node.Ref(v).local = id + 1;
  s.level[level].push_back(id);
  return id;
}

// Builds the DAG of all restricted shortest paths and computes best(). False when out of budget.
bool BuildDag(Query& q, const SearchState& st, int d) {
  PathScratch& s = q.s;
  s.dag.clear();
  s.dag_edges.clear();
  s.level.resize(d + 1);
  for (auto& l : s.level) l.clear();
  const int pf = st.depth[0];  // distance from `from` of the meeting members
  for (VertexId x : s.meet) AddDagMember(s, x, pf);
  // Towards `from`: predecessors of level p are in forward layer p - 1.
  for (int p = pf; p >= 1; --p) {
    const std::span<const VertexId> prev = Layer(s, 0, p - 1);
    const uint8_t want = static_cast<uint8_t>(p);
    for (size_t li = 0; li < s.level[p].size(); ++li) {
      const uint32_t id = s.level[p][li];
      const VertexId x = s.dag[id].member;
      if (!q.meter.Visit(q.g.degree(x))) return false;
      ForEachNeighborIn(
          q.g, x, prev, [&](VertexId w) { return s.node.Get(w).dist[0] == want; },
          [&](VertexId w, EdgeIndex e) {
            if (!q.vis.Visible(x, w)) return;
            uint32_t wid = s.node.Get(w).local;
            wid = wid != 0 ? wid - 1 : AddDagMember(s, w, p - 1);
            s.dag_edges.push_back({wid, id, q.Weight(e)});
          });
    }
  }
  // Towards `to`: successors of level p are in backward layer d - p - 1.
  for (int p = pf; p < d; ++p) {
    const int j = d - p - 1;
    const std::span<const VertexId> next = Layer(s, 1, j);
    const uint8_t want = static_cast<uint8_t>(j + 1);
    for (size_t li = 0; li < s.level[p].size(); ++li) {
      const uint32_t id = s.level[p][li];
      const VertexId x = s.dag[id].member;
      if (!q.meter.Visit(q.g.degree(x))) return false;
      ForEachNeighborIn(
          q.g, x, next, [&](VertexId w) { return s.node.Get(w).dist[1] == want; },
          [&](VertexId w, EdgeIndex e) {
            if (!q.vis.Visible(x, w)) return;
            uint32_t wid = s.node.Get(w).local;
            wid = wid != 0 ? wid - 1 : AddDagMember(s, w, p + 1);
            s.dag_edges.push_back({id, wid, q.Weight(e)});
          });
    }
  }
  // Children lists (counting sort by parent), then best() from `to` back to `from`.
  for (const DagEdge& e : s.dag_edges) ++s.dag[e.parent].child_end;
  uint32_t offset = 0;
  for (DagMember& m : s.dag) {
    m.child_begin = offset;
    offset += m.child_end;
    m.child_end = m.child_begin;
  }
  s.children.resize(offset);
  for (const DagEdge& e : s.dag_edges) {
    s.children[s.dag[e.parent].child_end++] = {s.dag[e.child].member, e.weight, 0, e.child};
  }
  for (uint32_t id : s.level[d]) s.dag[id].best = 1;  // `to`
  for (int p = d - 1; p >= 0; --p) {
    for (uint32_t id : s.level[p]) {
      DagMember& m = s.dag[id];
      uint64_t best = 0;
      for (uint32_t c = m.child_begin; c < m.child_end; ++c) {
        Child& ch = s.children[c];
        ch.key = uint64_t{ch.weight} * s.dag[ch.dag_id].best;
        best = std::max(best, ch.key);
      }
      m.best = best;
    }
  }
  return true;
}

// ---- Step 4: best-first extraction, shared by both modes ----

bool ChildBefore(const Child& a, const Child& b) {
  return a.key != b.key ? a.key > b.key : a.member < b.member;
}

// Children lists of the shortest-path DAG: one per DAG member, sorted on first use.
struct DagChildren {
  Query& q;
  // The list of `v` at depth `depth`, or UINT32_MAX when v has none.
  uint32_t ListOf(VertexId v, int /*depth*/) {
    const uint32_t local = q.s.node.Get(v).local;
    if (local == 0) return UINT32_MAX;
    DagMember& m = q.s.dag[local - 1];
    if (!m.sorted) {
      std::sort(q.s.children.begin() + m.child_begin, q.s.children.begin() + m.child_end,
                ChildBefore);
      m.sorted = true;
    }
    return local - 1;
  }
  std::span<const Child> List(uint32_t list) const {
    const DagMember& m = q.s.dag[list];
    return std::span<const Child>(q.s.children).subspan(m.child_begin, m.child_end - m.child_begin);
  }
};

// Children lists of the longer-path search: per (member, depth), built and sorted on first use.
struct BoundedChildren {
  Query& q;
  int max_hops;
  uint32_t ListOf(VertexId v, int depth) {
    PathScratch& s = q.s;
    const uint64_t key = (uint64_t{v} << 3) | static_cast<uint64_t>(depth);
    const auto [it, inserted] = s.list_of.try_emplace(key, static_cast<uint32_t>(s.lists.size()));
    if (!inserted) return it->second;
    const int remaining = max_hops - depth - 1;  // hops left after the child
    const uint32_t begin = static_cast<uint32_t>(s.children.size());
    if (remaining >= 0 && q.meter.Visit(q.g.degree(v))) {
      const EdgeIndex base = q.g.edge_begin(v);
      const std::span<const VertexId> nbrs = q.g.neighbors(v);
      for (size_t i = 0; i < nbrs.size(); ++i) {
        const VertexId c = nbrs[i];
        uint64_t completion;
        if (c == q.to) {
          completion = Pow1000(remaining);
        } else {
          const PathNode n = s.node.Get(c);
          if (n.local == 0 || s.ball_dist[n.local - 1] > remaining || !q.Passable(c, n.flags)) {
            continue;
          }
          completion = s.bound[n.local - 1][remaining];
        }
        if (!q.vis.Visible(v, c)) continue;
        const uint32_t w = q.Weight(base + i);
        s.children.push_back({c, w, w * completion});
      }
      std::sort(s.children.begin() + begin, s.children.end(), ChildBefore);
    }
    s.lists.emplace_back(begin, static_cast<uint32_t>(s.children.size()));
    return it->second;
  }
  std::span<const Child> List(uint32_t list) const {
    const auto [b, e] = q.s.lists[list];
    return std::span<const Child>(q.s.children).subspan(b, e - b);
  }
};

// Pushes child number `rank` (or the next one not already on the path) of `list` as the last
// member of a prefix whose first `len - 1` members are `base.path` with product `parent_w`.
template <typename Children>
void PushChild(PathScratch& s, Children& ch, const Prefix& base, uint8_t len, uint64_t parent_w,
               uint32_t list, uint32_t rank) {
  const std::span<const Child> kids = ch.List(list);
  for (; rank < kids.size(); ++rank) {
    const VertexId c = kids[rank].member;
    bool repeated = false;
    for (int i = 0; i + 1 < len; ++i) repeated |= base.path[i] == c;
    if (!repeated) break;
  }
  if (rank >= kids.size()) return;
  Prefix p = base;
  p.len = len;
  p.path[len - 1] = kids[rank].member;
  p.parent_w = parent_w;
  p.list = list;
  p.rank = rank;
  p.priority = parent_w * kids[rank].key;
  s.heap.push_back(p);
  std::push_heap(s.heap.begin(), s.heap.end(), PrefixAfter());
}

// Pops paths in rank order until k distinct first intermediaries have their best path or the
// candidates run out. `all` gets the first k paths; `firsts` the best path of each new first
// intermediary. False when the budget ran out (the lists then hold what was found).
template <typename Children>
bool ExtractBest(Query& q, Children& ch, std::vector<FoundPath>& firsts,
                 std::vector<FoundPath>& all) {
  PathScratch& s = q.s;
  const size_t k = q.options.k;
  s.heap.clear();
  const uint32_t root_list = ch.ListOf(q.from, 0);
  if (q.meter.exhausted()) return false;
  if (root_list == UINT32_MAX) return true;
  Prefix root{};
  root.path[0] = q.from;
  PushChild(s, ch, root, 2, 1, root_list, 0);
  bool direct_done = false;  // the direct connection has no intermediary
  while (!s.heap.empty() && firsts.size() < k) {
    if (!q.meter.Step()) return false;
    std::pop_heap(s.heap.begin(), s.heap.end(), PrefixAfter());
    const Prefix p = s.heap.back();
    s.heap.pop_back();
    const VertexId last = p.path[p.len - 1];
    const bool direct = p.len == 2 && last == q.to;
    const VertexId y = p.path[1];
    const bool y_done = direct ? direct_done : (s.node.Get(y).flags & kFirstDone) != 0;
    const bool useless = all.size() >= k && y_done;
    // Siblings of a first intermediary are other intermediaries; deeper siblings share p's.
    if (p.len == 2 || !useless) PushChild(s, ch, p, p.len, p.parent_w, p.list, p.rank + 1);
    if (useless) continue;
    const uint64_t product = p.parent_w * ch.List(p.list)[p.rank].weight;
    if (last == q.to) {
      FoundPath f{p.path, p.len, !y_done};
      if (!y_done) {
        if (direct) {
          direct_done = true;
        } else {
          s.node.Ref(y).flags |= kFirstDone;
        }
        firsts.push_back(f);
      }
      if (all.size() < k) all.push_back(f);
      continue;
    }
    const uint32_t list = ch.ListOf(last, p.len - 1);
    if (q.meter.exhausted()) return false;
    if (list != UINT32_MAX) PushChild(s, ch, p, p.len + 1, product, list, 0);
  }
  return true;
}

// ---- Longer paths: the walk bound from `to` ----

// bound[v][r] = the largest product of a walk from v to `to` of at most r hops through passable
// members, each missing hop counted as 1000; ball_dist[v] = distance to `to`. False when out of
// budget.
bool ComputeBounds(Query& q) {
  PathScratch& s = q.s;
  const int max_hops = q.options.max_hops;
  s.ball.assign(1, q.to);
  s.ball_dist.assign(1, 0);
  s.bound.assign(1, {});
  for (int r = 0; r < kMaxPathHops; ++r) s.bound[0][r] = Pow1000(r);
  s.node.Ref(q.to).local = 1;
  for (int r = 1; r < max_hops; ++r) {
    const size_t known = s.ball.size();  // members within r - 1 hops
    for (size_t i = 0; i < known; ++i) {
      const VertexId u = s.ball[i];
      if (!q.meter.Visit(q.g.degree(u))) return false;
      const uint64_t from_u = s.bound[i][r - 1];
      const EdgeIndex base = q.g.edge_begin(u);
      const std::span<const VertexId> nbrs = q.g.neighbors(u);
      for (size_t e = 0; e < nbrs.size(); ++e) {
        const VertexId w = nbrs[e];
        PathNode n = s.node.Get(w);
        if (!q.Passable(w, n.flags) || !q.vis.Visible(u, w)) continue;
        if (n.local == 0) {
          PathNode& ref = s.node.Ref(w);
          ref.local = static_cast<uint32_t>(s.ball.size()) + 1;
          n.local = ref.local;
          s.ball.push_back(w);
          s.ball_dist.push_back(static_cast<uint8_t>(r));
          s.bound.push_back({});
        }
        uint64_t& b = s.bound[n.local - 1][r];
        b = std::max(b, from_u * q.Weight(base + e));
      }
    }
    for (size_t i = 1; i < known; ++i) {  // a shorter walk, padded
      s.bound[i][r] = std::max(s.bound[i][r], s.bound[i][r - 1] * kWarmthScale);
    }
  }
  return true;
}

// ---- The answer ----

IntroPath MakePath(const Query& q, const FoundPath& f) {
  IntroPath out;
  out.members.assign(f.path.begin(), f.path.begin() + f.len);
  uint64_t product = 1;
  for (int i = 0; i + 1 < f.len; ++i) {
    const auto nbrs = q.g.neighbors(f.path[i]);
    const auto it = std::lower_bound(nbrs.begin(), nbrs.end(), f.path[i + 1]);
    const EdgeIndex e = q.g.edge_begin(f.path[i]) + static_cast<EdgeIndex>(it - nbrs.begin());
    out.hops.push_back({q.g.strength(e), q.g.since(e)});
    product *= q.Weight(e);
  }
  out.warmth = static_cast<double>(product) / static_cast<double>(Pow1000(f.len - 1));
  return out;
}

void Assemble(const Query& q, const std::vector<FoundPath>& firsts,
              const std::vector<FoundPath>& all, PathsResult& result) {
  for (const FoundPath& f : firsts) result.paths.push_back(MakePath(q, f));
  for (const FoundPath& f : all) {
    if (result.paths.size() >= q.options.k) break;
    if (!f.first_of_intermediary) result.paths.push_back(MakePath(q, f));
  }
}

absl::Status CheckArguments(const Snapshot& g, VertexId from, VertexId to,
                            const PathOptions& options) {
  const uint32_t n = g.num_members();
  if (from >= n) return absl::InvalidArgumentError(absl::StrCat("member index ", from, " is out of range (", n, " members)"));
  if (to >= n) return absl::InvalidArgumentError(absl::StrCat("member index ", to, " is out of range (", n, " members)"));
  if (options.k == 0 || options.k > kMaxK) {
    return absl::InvalidArgumentError(absl::StrCat("k = ", options.k, " is outside 1..", kMaxK));
  }
  if (options.max_hops < 1 || options.max_hops > kMaxPathHops) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_hops = ", options.max_hops, " is outside 1..", kMaxPathHops));
  }
  for (VertexId a : options.avoid) {
    if (a >= n) {
      return absl::InvalidArgumentError(absl::StrCat("avoided member index ", a, " is out of range (", n, " members)"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<PathsResult> IntroPaths(const Snapshot& g, VertexId from, VertexId to,
                                       const PathOptions& options) {
  LIAISON_RETURN_IF_ERROR(CheckArguments(g, from, to, options));
  PathsResult result;
  if (from == to) {
    result.hops = 0;
    result.count = 1;
    result.paths.push_back({.members = {from}, .hops = {}, .warmth = 1.0});
    return result;
  }
  PathScratch& s = ThreadLocal<PathScratch>();
  s.node.Begin(g.num_members());
  s.meet.clear();
  for (VertexId a : options.avoid) s.node.Ref(a).flags |= kAvoided;
  Query q{g, from, to, options, Visibility(g, from), VisitMeter(options.budget),
          NewestSinceDate(g), s};

  SearchState st;
  if (!ShortestSearch(q, st, result)) {
    result.truncated = true;
    return result;
  }
  if (!result.hops.has_value()) return result;
  const int d = *result.hops;

  std::vector<FoundPath> firsts, all;
  bool complete;
  if (!options.include_longer || d == options.max_hops) {
    DagChildren children{q};
    complete = BuildDag(q, st, d) && ExtractBest(q, children, firsts, all);
  } else {
    // A fresh epoch: the bound search reuses `dist`, `local` and `flags` of every member.
    s.node.Begin(g.num_members());
    for (VertexId a : options.avoid) s.node.Ref(a).flags |= kAvoided;
    s.list_of.clear();
    s.lists.clear();
    s.children.clear();
    BoundedChildren children{q, options.max_hops};
    complete = ComputeBounds(q) && ExtractBest(q, children, firsts, all);
  }
  result.truncated = !complete;
  Assemble(q, firsts, all, result);
  return result;
}

}  // namespace liaison
