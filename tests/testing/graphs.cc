#include "tests/testing/graphs.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/visitors.hpp>
#include <cstdio>
#include <cstdlib>
#include <random>

namespace liaison::testing {

std::shared_ptr<const Snapshot> BuildGraph(const EdgeList& edges, const MemberTable* members,
                                           BuildReport* report) {
  ConnectionBatch batch;
  for (const auto& [a, b] : edges) {
    batch.a.push_back(a);
    batch.b.push_back(b);
  }
  std::vector<ConnectionBatch> batches;
  batches.push_back(std::move(batch));
  auto g = BuildSnapshot(std::move(batches), members, report);
  if (!g.ok()) {
    std::fprintf(stderr, "BuildGraph: %s\n", g.status().ToString().c_str());
    std::abort();
  }
  return *std::move(g);
}

namespace {
ExternalId Scatter(uint64_t i) { return i * 7919 + 13; }
}  // namespace

EdgeList RandomUniformEdges(uint32_t n, uint64_t m, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<uint32_t> pick(0, n - 1);
  EdgeList edges;
  for (uint64_t i = 0; i < m; ++i) edges.emplace_back(Scatter(pick(rng)), Scatter(pick(rng)));
  return edges;
}

EdgeList RandomPowerLawEdges(uint32_t n, uint64_t m, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  EdgeList edges;
  for (uint64_t i = 0; i < m; ++i) {
    // u^3 concentrates picks on small indices: a few members get most connections.
    auto skewed = [&] { double x = u(rng); return static_cast<uint32_t>(x * x * x * n) % n; };
    edges.emplace_back(Scatter(skewed()), Scatter(skewed()));
  }
  return edges;
}

EdgeList StarEdges(uint32_t leaves, ExternalId hub) {
  EdgeList edges;
  for (uint32_t i = 1; i <= leaves; ++i) edges.emplace_back(hub, hub + i);
  return edges;
}

EdgeList TwoComponentEdges(uint32_t n, uint64_t m, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<uint32_t> pick(0, n / 2 - 1);
  EdgeList edges;
  for (uint64_t i = 0; i < m; ++i) {
    const uint32_t half = (i % 2) * (n / 2);
    edges.emplace_back(Scatter(half + pick(rng)), Scatter(half + pick(rng)));
  }
  return edges;
}

std::vector<int> BoostDistances(const Snapshot& g, VertexId source) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  Graph bg(g.num_members());
  for (VertexId v = 0; v < g.num_members(); ++v) {
    for (VertexId u : g.neighbors(v)) {
      if (v < u) boost::add_edge(v, u, bg);
    }
  }
  std::vector<int> dist(g.num_members(), -1);
  dist[source] = 0;
  boost::breadth_first_search(
      bg, boost::vertex(source, bg),
      boost::visitor(boost::make_bfs_visitor(boost::record_distances(dist.data(), boost::on_tree_edge()))));
  return dist;
}

}  // namespace liaison::testing
