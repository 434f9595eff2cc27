// The sorted-list intersection kernels (engine/algorithms/intersect.h) against
// std::set_intersection, over size ratios on both sides of the merge/galloping threshold, with
// early stops.

#include "engine/algorithms/intersect.h"

#include <algorithm>
#include <random>
#include <set>

#include "gtest/gtest.h"

namespace liaison {
namespace {

std::vector<VertexId> SortedSample(size_t size, uint32_t universe, std::mt19937_64& rng) {
  std::set<VertexId> s;
  while (s.size() < size) s.insert(rng() % universe);
  return {s.begin(), s.end()};
}

template <typename F>
std::vector<VertexId> Collect(F&& method, const std::vector<VertexId>& a,
                              const std::vector<VertexId>& b) {
  std::vector<VertexId> out;
  method(std::span<const VertexId>(a), std::span<const VertexId>(b), [&](VertexId x) {
    out.push_back(x);
    return false;
  });
  return out;
}

TEST(Intersect, AllMethodsMatchSetIntersection) {
  std::mt19937_64 rng(1);
  for (const size_t small : {0, 1, 2, 5, 17, 64, 300}) {
    for (const size_t ratio : {1, 2, 8, 31, 32, 33, 100, 1000}) {
      for (const uint32_t universe : {2000u, 100000u}) {
        const size_t large = std::min<size_t>(small * ratio + 1, universe / 2);
        const auto a = SortedSample(small, universe, rng);
        const auto b = SortedSample(large, universe, rng);
        std::vector<VertexId> expected;
        std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(expected));
        auto merge = [](auto x, auto y, auto fn) { return IntersectMerge(x, y, fn); };
        auto gallop = [](auto x, auto y, auto fn) { return IntersectGallop(x, y, fn); };
        auto chosen = [](auto x, auto y, auto fn) { return Intersect(x, y, fn); };
        EXPECT_EQ(Collect(merge, a, b), expected);
        EXPECT_EQ(Collect(gallop, a, b), expected);
        EXPECT_EQ(Collect(chosen, a, b), expected);
        EXPECT_EQ(Collect(chosen, b, a), expected);  // either order
      }
    }
  }
}

// Dense overlaps (every block of four has matches, at every lane) and early stops at every
// position, for the four-by-four merge.
TEST(Intersect, MergeBlocksAndEarlyStops) {
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 200; ++trial) {
    const auto a = SortedSample(1 + rng() % 40, 60, rng);
    const auto b = SortedSample(1 + rng() % 40, 60, rng);
    std::vector<VertexId> expected;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(expected));
    for (size_t stop = 0; stop <= expected.size(); ++stop) {
      std::vector<VertexId> got;
      const bool stopped = IntersectMerge(std::span<const VertexId>(a),
                                          std::span<const VertexId>(b), [&](VertexId x) {
                                            got.push_back(x);
                                            return got.size() == stop;
                                          });
      EXPECT_EQ(stopped, stop > 0 && stop <= expected.size());
      const size_t want = stop == 0 ? expected.size() : stop;
      EXPECT_EQ(got, std::vector<VertexId>(expected.begin(), expected.begin() + want));
    }
  }
}

TEST(Intersect, GallopLowerBoundMatchesStd) {
  std::mt19937_64 rng(2);
  const auto list = SortedSample(5000, 1000000, rng);
  for (int i = 0; i < 20000; ++i) {
    const VertexId x = rng() % 1000010;
    const size_t start = rng() % (list.size() + 1);
    const VertexId* lo = list.data() + start;
    const VertexId* hi = list.data() + list.size();
    EXPECT_EQ(GallopLowerBound(lo, hi, x), std::lower_bound(lo, hi, x)) << x << " " << start;
  }
}

TEST(Intersect, StopsWhenAsked) {
  std::vector<VertexId> a = {1, 3, 5, 7, 9}, b = {3, 4, 5, 9};
  int calls = 0;
  EXPECT_TRUE(
      Intersect(std::span<const VertexId>(a), std::span<const VertexId>(b), [&](VertexId x) {
        ++calls;
        return x == 5;
      }));
  EXPECT_EQ(calls, 2);
  EXPECT_FALSE(Intersect(std::span<const VertexId>(a), std::span<const VertexId>(b),
                         [](VertexId) { return false; }));
}

TEST(Intersect, GallopingIsChosenBySizeRatio) {
  EXPECT_FALSE(PreferGallop(100, 100));
  EXPECT_FALSE(PreferGallop(100, 100 * kGallopRatio - 1));
  EXPECT_TRUE(PreferGallop(100, 100 * kGallopRatio));
  EXPECT_TRUE(PreferGallop(100 * kGallopRatio, 100));
  EXPECT_LT(IntersectCost(10, 100000), IntersectCost(10000, 100000));
}

}  // namespace
}  // namespace liaison
