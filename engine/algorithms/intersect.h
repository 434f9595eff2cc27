// Intersection of two sorted member lists (adjacency lists are sorted ascending, no duplicates).
//
// Two methods, chosen by the ratio of the list sizes:
//   - merge: one pass over both lists, O(|a| + |b|); the comparison result advances the cursors
//     without a data-dependent branch, so it runs at about one element per cycle or two;
//   - galloping (exponential then binary search of each element of the short list in the long
//     one, resuming where the previous search ended): O(|short| * log(|long| / |short|)).
// Galloping wins once the long list is kGallopRatio times longer than the short one. The crossover
// was measured with bench/micro/mutual_bench.cc (BM_IntersectMerge / BM_IntersectGallop over size
// ratios 1..1024 with a short list of 64 and of 1024 members, Kronecker-like uniform ids): merge is
// faster up to a ratio of about 16-24, galloping from about 32 on (see the file-top comment of that
// benchmark for the figures). The threshold is a constant here so that every caller (mutual
// connections, degree of connection, suggestions) makes the same choice.
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

// Merge intersection. Returns true when `fn` asked to stop.
template <typename Fn>
bool IntersectMerge(std::span<const VertexId> a, std::span<const VertexId> b, Fn&& fn) {
  const VertexId* pa = a.data();
  const VertexId* pb = b.data();
  const VertexId* const ea = pa + a.size();
  const VertexId* const eb = pb + b.size();
  while (pa != ea && pb != eb) {
    const VertexId x = *pa, y = *pb;
    if (x == y) {
      if (fn(x)) return true;
      ++pa;
      ++pb;
    } else {
      pa += (x < y);
      pb += (y < x);
    }
  }
  return false;
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
