// measure.h against brute force: degree summaries and clustering computed from the raw edge lists
// (std::set adjacency over external ids, every neighbour pair checked), independently of the
// snapshot; the sampled estimators against the exact values.

#include "datasets/generators/measure.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "tests/testing/graphs.h"

namespace liaison::generators {
namespace {

using ::liaison::testing::BuildGraph;
using ::liaison::testing::EdgeList;

struct BruteForce {
  std::vector<uint32_t> degrees;  // one per member
  uint64_t connections = 0;
  uint64_t triangles = 0;  // each counted once
  uint64_t triples = 0;
  double average_local = 0;
  double transitivity = 0;
};

BruteForce Oracle(const EdgeList& edges) {
  std::map<ExternalId, std::set<ExternalId>> adj;
  for (auto [a, b] : edges) {
    adj[a];
    adj[b];
    if (a != b) {
      adj[a].insert(b);
      adj[b].insert(a);
    }
  }
  BruteForce o;
  uint64_t corner_triangles = 0;  // each triangle seen from its 3 corners
  double local_sum = 0;
  for (const auto& [v, nv] : adj) {
    o.degrees.push_back(static_cast<uint32_t>(nv.size()));
    o.connections += nv.size();
    uint64_t t = 0;
    for (auto i = nv.begin(); i != nv.end(); ++i) {
      for (auto j = std::next(i); j != nv.end(); ++j) t += adj[*i].count(*j);
    }
    const uint64_t d = nv.size();
    const uint64_t pairs = d * (d - (d > 0 ? 1 : 0)) / 2;
    corner_triangles += t;
    o.triples += pairs;
    if (d >= 2) local_sum += static_cast<double>(t) / static_cast<double>(pairs);
  }
  o.connections /= 2;
  o.triangles = corner_triangles / 3;
  o.average_local = adj.empty() ? 0 : local_sum / static_cast<double>(adj.size());
  o.transitivity = o.triples == 0 ? 0 : static_cast<double>(corner_triangles) / static_cast<double>(o.triples);
  return o;
}

// Nearest rank: the value at position ceil(p * n) (1-based) of the sorted degrees.
uint32_t NearestRank(std::vector<uint32_t> sorted, double p) {
  std::sort(sorted.begin(), sorted.end());
  const size_t rank = std::max<size_t>(1, static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size()) - 1e-9)));
  return sorted[rank - 1];
}

void ExpectMatchesBruteForce(const EdgeList& edges, const std::string& what) {
  SCOPED_TRACE(what);
  const auto g = BuildGraph(edges);
  const BruteForce o = Oracle(edges);

  const DegreeStats d = MeasureDegrees(*g);
  ASSERT_EQ(d.members, o.degrees.size());
  EXPECT_EQ(d.connections, o.connections);
  EXPECT_EQ(d.min, *std::min_element(o.degrees.begin(), o.degrees.end()));
  EXPECT_EQ(d.max, *std::max_element(o.degrees.begin(), o.degrees.end()));
  EXPECT_EQ(d.median, NearestRank(o.degrees, 0.5));
  EXPECT_EQ(d.p90, NearestRank(o.degrees, 0.9));
  EXPECT_EQ(d.p99, NearestRank(o.degrees, 0.99));
  EXPECT_DOUBLE_EQ(d.mean, 2.0 * static_cast<double>(o.connections) / static_cast<double>(o.degrees.size()));
  EXPECT_EQ(d.isolated, static_cast<uint64_t>(std::count(o.degrees.begin(), o.degrees.end(), 0u)));
  // Histogram: bin 0 = {0}, bin k = [2^(k-1), 2^k - 1]; counts add up, each degree in its bin.
  uint64_t total = 0;
  for (const auto& bin : d.histogram) {
    const uint64_t expected = static_cast<uint64_t>(std::count_if(
        o.degrees.begin(), o.degrees.end(), [&](uint32_t x) { return x >= bin.lo && x <= bin.hi; }));
    EXPECT_EQ(bin.count, expected) << "bin [" << bin.lo << "," << bin.hi << "]";
    total += bin.count;
  }
  EXPECT_EQ(total, o.degrees.size());
  ASSERT_FALSE(d.histogram.empty());
  EXPECT_GE(d.histogram.back().hi, d.max);
  EXPECT_LE(d.histogram.back().lo, d.max);

  const ClusteringStats c = MeasureClustering(*g);
  EXPECT_TRUE(c.exact);
  EXPECT_EQ(c.triangles, o.triangles);
  EXPECT_EQ(c.triples, o.triples);
  EXPECT_NEAR(c.average_local, o.average_local, 1e-12);
  EXPECT_NEAR(c.transitivity, o.transitivity, 1e-12);
}

TEST(MeasureTest, TriangleWithTailByHand) {
  // 1-2-3 triangle, 3-4 tail: C(1)=C(2)=1, C(3)=1/3, C(4)=0 -> average 7/12; transitivity 3/5.
  const auto g = BuildGraph({{1, 2}, {2, 3}, {3, 1}, {3, 4}});
  const ClusteringStats c = MeasureClustering(*g);
  EXPECT_EQ(c.triangles, 1u);
  EXPECT_EQ(c.triples, 5u);
  EXPECT_NEAR(c.average_local, 7.0 / 12.0, 1e-12);
  EXPECT_NEAR(c.transitivity, 3.0 / 5.0, 1e-12);
  const DegreeStats d = MeasureDegrees(*g);
  EXPECT_EQ(d.min, 1u);
  EXPECT_EQ(d.median, 2u);
  EXPECT_EQ(d.max, 3u);
}

TEST(MeasureTest, CliqueHasClusteringOne) {
  EdgeList edges;
  for (ExternalId a = 1; a <= 12; ++a) {
    for (ExternalId b = a + 1; b <= 12; ++b) edges.emplace_back(a, b);
  }
  const ClusteringStats c = MeasureClustering(*BuildGraph(edges));
  EXPECT_EQ(c.triangles, 12u * 11 * 10 / 6);
  EXPECT_DOUBLE_EQ(c.average_local, 1.0);
  EXPECT_DOUBLE_EQ(c.transitivity, 1.0);
}

TEST(MeasureTest, MatchesBruteForceOnRandomGraphs) {
  ExpectMatchesBruteForce(testing::RandomUniformEdges(300, 2000, 7), "uniform");
  ExpectMatchesBruteForce(testing::RandomPowerLawEdges(400, 3000, 8), "power law");
  ExpectMatchesBruteForce(testing::StarEdges(50, 1000), "star");
  ExpectMatchesBruteForce(testing::TwoComponentEdges(200, 1500, 9), "two components");
  ExpectMatchesBruteForce({{5, 5}, {6, 7}}, "self-loop leaves an isolated member");
  // Dense and clustered: many triangles.
  EdgeList dense = testing::RandomUniformEdges(60, 1200, 10);
  ExpectMatchesBruteForce(dense, "dense");
}

TEST(MeasureTest, SampledEstimatesAreCloseToExact) {
  // Power-law graph with hubs: the sampled estimators must still land near the exact values.
  const auto g = BuildGraph(testing::RandomPowerLawEdges(2000, 15000, 12));
  const ClusteringStats exact = MeasureClustering(*g);
  const ClusteringStats sampled = MeasureClustering(*g, ClusteringOptions{6000, 3});
  EXPECT_FALSE(sampled.exact);
  EXPECT_EQ(sampled.triples, exact.triples);
  EXPECT_GT(exact.transitivity, 0.01);
  EXPECT_NEAR(sampled.average_local, exact.average_local, 0.03);
  EXPECT_NEAR(sampled.transitivity, exact.transitivity, 0.03);
  // Deterministic per seed.
  const ClusteringStats again = MeasureClustering(*g, ClusteringOptions{6000, 3});
  EXPECT_EQ(again.average_local, sampled.average_local);
  EXPECT_EQ(again.transitivity, sampled.transitivity);
}

TEST(MeasureTest, EmptyGraph) {
  ConnectionBatch none;
  std::vector<ConnectionBatch> batches;
  batches.push_back(std::move(none));
  auto g = BuildSnapshot(std::move(batches), nullptr, nullptr);
  ASSERT_TRUE(g.ok());
  const DegreeStats d = MeasureDegrees(**g);
  EXPECT_EQ(d.members, 0u);
  const ClusteringStats c = MeasureClustering(**g);
  EXPECT_EQ(c.triangles, 0u);
  EXPECT_EQ(c.average_local, 0.0);
}

}  // namespace
}  // namespace liaison::generators
