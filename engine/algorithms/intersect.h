// Intersection of two sorted member lists (adjacency lists are sorted ascending, no duplicates).
//
// Two methods, chosen by the ratio of the list sizes:
//   - merge: one pass over both lists, O(|a| + |b|), four members of each list per step (a 4x4
//     all-pairs vector compare), streaming through memory in order;
//   - galloping (exponential then binary search of each element of the short list in the long
//     one, resuming where the previous search ended): O(|short| * log(|long| / |short|)), but
//     each search jumps around the long list.
// Galloping is used once the long list is kGallopRatio = 32 times longer than the short one.
// Crossover measured with bench/micro/mutual_bench.cc (uniform ids below 2^20, the Kronecker
// scale-20 range; shared 2-core machine, load average about 3):
//   - lists in cache (BM_IntersectMerge vs BM_IntersectGallop): galloping wins from a ratio of
//     about 5 to 8 (short list of 64: 165 vs 172 ns at 4, 277 vs 225 ns at 8; short list of
//     1,024: 2.69 vs 3.20 us at 4, 4.65 vs 4.21 us at 8);
//   - cold lists, ~64 MiB of distinct pairs (BM_Intersect{Merge,Gallop}Cold): galloping wins
//     from a ratio of about 30 to 40 (short 16: 397 vs 449 ns at 32, 821 vs 561 ns at 64; short
//     256: 3.61 vs 4.88 us at 16, 6.46 vs 6.05 us at 32).
// Queries on large graphs mostly read cold lists, so the threshold follows the cold crossover.
// It is a constant here so that every caller (mutual connections, degree of connection,
// suggestions) makes the same choice.
//
// Every function visits the common members in ascending order and calls `fn(x)`; `fn` returns
// true to stop early (the function then returns true), false to go on.

#ifndef LIAISON_ENGINE_ALGORITHMS_INTERSECT_H_
#define LIAISON_ENGINE_ALGORITHMS_INTERSECT_H_

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>

#include "liaison/graph.h"

namespace liaison {

// Galloping is used when the longer list is at least this many times longer than the shorter.
inline constexpr size_t kGallopRatio = 32;

// Adjacency entries per 64-byte cache line: the stride of the loops that touch or prefetch one
// entry per line of a list.
inline constexpr size_t kEntriesPerLine = 64 / sizeof(VertexId);

// Scalar merge of what remains. Returns true when `fn` asked to stop.
template <typename Fn>
bool IntersectMergeTail(const VertexId* pa, const VertexId* ea, const VertexId* pb,
                        const VertexId* eb, Fn&& fn) {
  while (pa != ea && pb != eb) {
    const VertexId x = *pa, y = *pb;
    if (x == y && fn(x)) return true;
    pa += (x <= y);
    pb += (y <= x);
  }
  return false;
}

// Merge intersection, four by four: a block of 4 members of `a` is compared with a block of 4 of
// `b` all-pairs in one vector step (GCC vector extensions: SSE2 or wider), and the block whose
// last member is smaller advances (both when equal). The scalar merge's loop-carried dependency
// (load, compare, advance) is paid once per 4 members instead of once per member.
// Returns true when `fn` asked to stop.
template <typename Fn>
bool IntersectMerge(std::span<const VertexId> a, std::span<const VertexId> b, Fn&& fn) {
  using V4 = VertexId __attribute__((vector_size(16)));
  const VertexId* pa = a.data();
  const VertexId* pb = b.data();
  const VertexId* const ea = pa + a.size();
  const VertexId* const eb = pb + b.size();
  if (a.size() >= 4 && b.size() >= 4) {
    const VertexId* const last_a = ea - 4;
    const VertexId* const last_b = eb - 4;
    while (pa <= last_a && pb <= last_b) {
      V4 va, vb;
      __builtin_memcpy(&va, pa, sizeof(va));
      __builtin_memcpy(&vb, pb, sizeof(vb));
      const V4 hit = (va == vb[0]) | (va == vb[1]) | (va == vb[2]) | (va == vb[3]);
      if (hit[0] | hit[1] | hit[2] | hit[3]) {
        for (int k = 0; k < 4; ++k) {
          if (hit[k] && fn(pa[k])) return true;
        }
      }
      const VertexId amax = pa[3], bmax = pb[3];
      pa += (amax <= bmax) * 4;
      pb += (bmax <= amax) * 4;
    }
  }
  return IntersectMergeTail(pa, ea, pb, eb, fn);
}

// First position in [lo, hi) whose value is >= x, or hi (the range is sorted ascending):
// exponential probing from lo (steps 1, 2, 4, ...), then a binary search inside the last step.
inline const VertexId* GallopLowerBound(const VertexId* lo, const VertexId* hi, VertexId x) {
  if (lo == hi || *lo >= x) return lo;
  // Invariant: *lo < x; the answer lies in (lo, lo + min(step, remaining)].
  size_t remaining = static_cast<size_t>(hi - lo);
  size_t step = 1;
  while (step < remaining && lo[step] < x) {
    lo += step;
    remaining -= step;
    step <<= 1;
  }
  return std::lower_bound(lo + 1, lo + std::min(step, remaining), x);
}

// Galloping intersection: each member of `small` is searched in `large`. Returns true when `fn`
// asked to stop.
template <typename Fn>
bool IntersectGallop(std::span<const VertexId> small, std::span<const VertexId> large, Fn&& fn) {
  const VertexId* pos = large.data();
  const VertexId* const end = large.data() + large.size();
  for (const VertexId x : small) {
    pos = GallopLowerBound(pos, end, x);
    if (pos == end) return false;
    if (*pos == x) {
      if (fn(x)) return true;
      ++pos;
    }
  }
  return false;
}

// True when galloping should be used for lists of sizes `a` and `b`.
inline bool PreferGallop(size_t a, size_t b) {
  const size_t lo = a < b ? a : b, hi = a < b ? b : a;
  return hi / kGallopRatio >= lo;
}

// The intersection by the method the sizes call for. Returns true when `fn` asked to stop.
template <typename Fn>
bool Intersect(std::span<const VertexId> a, std::span<const VertexId> b, Fn&& fn) {
  if (a.empty() || b.empty()) return false;
  // Disjoint ranges: nothing in common, nothing to read.
  if (a.back() < b.front() || b.back() < a.front()) return false;
  if (a.size() > b.size()) std::swap(a, b);
  if (PreferGallop(a.size(), b.size())) return IntersectGallop(a, b, fn);
  return IntersectMerge(a, b, fn);
}

// Estimated cost, in element steps, of Intersect on lists of these sizes (used to choose between
// intersections and frontier expansion).
inline uint64_t IntersectCost(size_t a, size_t b) {
  const size_t lo = a < b ? a : b, hi = a < b ? b : a;
  if (lo == 0) return 1;
  if (PreferGallop(lo, hi)) {
    return static_cast<uint64_t>(lo) * (std::bit_width(hi / lo) + 1);
  }
  return static_cast<uint64_t>(lo) + hi;
}

}  // namespace liaison

#endif  // LIAISON_ENGINE_ALGORITHMS_INTERSECT_H_
