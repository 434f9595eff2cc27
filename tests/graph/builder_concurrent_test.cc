// The parallel builder under ThreadSanitizer: a graph big enough that every parallel pass splits
// across threads, checked against a serial model, then read by several threads at once.

#include <set>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/graphs.h"

namespace liaison {
namespace {

TEST(BuilderConcurrent, ParallelBuildMatchesSerialDegreeSums) {
  const auto edges = testing::RandomPowerLawEdges(50000, 200000, 11);
  std::set<std::pair<ExternalId, ExternalId>> pairs;
  for (auto [a, b] : edges) {
    if (a != b) pairs.insert({std::min(a, b), std::max(a, b)});
  }
  auto g = testing::BuildGraph(edges);
  EXPECT_EQ(g->num_connections(), pairs.size());
  ASSERT_TRUE(g->Validate().ok());

  // Concurrent readers: each recomputes the degree sum and looks up every member.
  std::vector<uint64_t> sums(4, 0);
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&, t] {
      for (VertexId v = 0; v < g->num_members(); ++v) {
        sums[t] += g->degree(v);
        if (g->FindMember(g->external_id(v)) != v) sums[t] = ~uint64_t{0};
      }
    });
  }
  for (auto& r : readers) r.join();
  for (uint64_t s : sums) EXPECT_EQ(s, 2 * pairs.size());
}

}  // namespace
}  // namespace liaison
