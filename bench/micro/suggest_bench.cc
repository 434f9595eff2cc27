// People-you-may-know latency, with Boost.Graph side by side on the same inputs, on three graphs:
//   graph 0  kron-20: Graph500 Kronecker, scale 20, edge factor 16, seed 1 (isolated ids dropped);
//   graph 1  pro-1m: generated professional network, 1M members, average degree 40, seed 1,
//            without its members table (nobody hides: what the harness compares);
//   graph 2  pro-1m-flags: the same network with its members table (realistic privacy flags: the
//            rules of DESIGN.md §3 apply during the search);
//   graph 3  pro-100k: the same generator with 100k members, without its members table (the
//            harness's small graph).
//
// Inputs: 1,000 seeded random members. Each benchmark runs every member once to warm up, then
// once timed per member, and reports the median, p99 and mean latency in microseconds.
//   BM_Suggest/graph/score/hub_cap: Suggest(k 10, score 0 common, 1 jaccard, 2 adamic-adar,
//                        3 resource-allocation; hub_cap 0 = exact). For a cap, `recall` is the
//                        share of the exact top 10 (same score) it returns.
//   BM_BglCommonNeighbours/graph: boost::compressed_sparse_row_graph, adjacent_vertices over the
//                        2-hop neighbourhood, a dense count vector and exclusion marks reused
//                        across queries (reset through a touched list), then std::partial_sort
//                        of the candidates by (count desc, id asc) for the top 10 (the harness's
//                        Boost.Graph method). Its answers are checked against Suggest(common)
//                        (counter mismatches).
// Run: build/release/suggest_bench (add --benchmark_filter=... to pick one; a graph is built only
// when a benchmark uses it).

#include <benchmark/benchmark.h>

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <vector>

#include "bench/micro/qa_bench_common.h"
#include "datasets/generators/kronecker.h"
#include "datasets/generators/professional_network.h"
#include "liaison/builder.h"
#include "liaison/query.h"

namespace liaison {
namespace {

using Csr = boost::compressed_sparse_row_graph<boost::directedS>;
constexpr size_t kK = 10;

struct World {
  std::shared_ptr<const Snapshot> g;
  std::unique_ptr<Csr> csr;
  std::vector<VertexId> members;
  std::map<int, std::vector<std::vector<VertexId>>> exact;  // score -> exact top 10 per member
};

absl::StatusOr<std::shared_ptr<const Snapshot>> BuildGraph(int graph) {
  if (graph == 0) {
    auto batches = generators::KroneckerConnections({.scale = 20, .edge_factor = 16, .seed = 1});
    if (!batches.ok()) return batches.status();
    return BuildSnapshot(std::move(*batches), nullptr, nullptr);
  }
  auto network = generators::GenerateProfessionalNetwork(
      {.members = graph == 3 ? 100'000u : 1'000'000u, .avg_degree = 40, .seed = 1});
  if (!network.ok()) return network.status();
  return BuildSnapshot(std::move(network->connections), graph == 2 ? &network->members : nullptr,
                       nullptr);
}

World& GetWorld(int graph) {
  static std::map<int, std::unique_ptr<World>> worlds;
  std::unique_ptr<World>& slot = worlds[graph];
  if (slot != nullptr) return *slot;
  auto w = std::make_unique<World>();
  auto g = BuildGraph(graph);
  if (!g.ok()) {
    std::fprintf(stderr, "graph %d: %s\n", graph, std::string(g.status().message()).c_str());
    std::abort();
  }
  w->g = *g;
  const Snapshot& s = *w->g;
  w->csr = bench::BoostTwin(s);
  std::mt19937_64 rng(99);
  for (int i = 0; i < 1000; ++i) w->members.push_back(rng() % s.num_members());
  std::fprintf(stderr, "graph %d: %u members, %lu connections, %s; %zu members queried\n", graph,
               s.num_members(), static_cast<unsigned long>(s.num_connections()),
               s.any_hidden() ? "some hide their connections" : "nobody hides",
               w->members.size());
  slot = std::move(w);
  return *slot;
}

const std::vector<std::vector<VertexId>>& Exact(World& w, int score) {
  auto& e = w.exact[score];
  if (e.empty()) {
    SuggestOptions o;
    o.k = kK;
    o.score = static_cast<SuggestScore>(score);
    for (VertexId m : w.members) {
      std::vector<VertexId> top;
      const auto r = Suggest(*w.g, m, o);
      if (!r.ok()) std::abort();
      for (const Suggestion& s : r->suggestions) top.push_back(s.member);
      e.push_back(top);
    }
  }
  return e;
}

void BM_Suggest(benchmark::State& state) {
  World& w = GetWorld(static_cast<int>(state.range(0)));
  SuggestOptions o;
  o.k = kK;
  o.score = static_cast<SuggestScore>(state.range(1));
  o.hub_cap = static_cast<uint32_t>(state.range(2));
  std::vector<std::vector<VertexId>> got(w.members.size());
  bench::TimePerCall(state, w.members.size(), [&](size_t i) {
    const auto r = Suggest(*w.g, w.members[i], o);
    if (!r.ok()) std::abort();
    got[i].clear();
    for (const Suggestion& s : r->suggestions) got[i].push_back(s.member);
  });
  if (o.hub_cap != 0) {
    const auto& exact = Exact(w, static_cast<int>(state.range(1)));
    uint64_t hit = 0, all = 0;
    for (size_t i = 0; i < got.size(); ++i) {
      const std::set<VertexId> mine(got[i].begin(), got[i].end());
      for (VertexId v : exact[i]) hit += mine.count(v);
      all += exact[i].size();
    }
    state.counters["recall"] = all == 0 ? 1.0 : static_cast<double>(hit) / all;
  }
}
BENCHMARK(BM_Suggest)
    ->Args({0, 0, 0})
    ->Args({0, 1, 0})
    ->Args({0, 2, 0})
    ->Args({0, 3, 0})
    ->Args({0, 0, 1000})
    ->Args({0, 0, 10000})
    ->Args({0, 2, 1000})
    ->Args({1, 0, 0})
    ->Args({1, 1, 0})
    ->Args({1, 2, 0})
    ->Args({2, 0, 0})
    ->Args({2, 2, 0})
    ->Args({3, 0, 0})
    ->Args({3, 1, 0})
    ->Args({3, 2, 0})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// ---- Boost.Graph: common-neighbour counting over the CSR graph ----

struct BglScratch {
  std::vector<uint32_t> count;
  std::vector<uint8_t> excluded;
  std::vector<uint32_t> touched;
  explicit BglScratch(uint32_t n) : count(n, 0), excluded(n, 0) {}
};

std::vector<uint32_t> BglTop(const Csr& g, BglScratch& s, Csr::vertex_descriptor m) {
  s.excluded[m] = 1;
  for (auto [it, end] = boost::adjacent_vertices(m, g); it != end; ++it) s.excluded[*it] = 1;
  for (auto [yi, yend] = boost::adjacent_vertices(m, g); yi != yend; ++yi) {
    const Csr::vertex_descriptor y = *yi;
    for (auto [zi, zend] = boost::adjacent_vertices(y, g); zi != zend; ++zi) {
      const uint32_t z = static_cast<uint32_t>(*zi);
      if (s.excluded[z]) continue;
      if (s.count[z]++ == 0) s.touched.push_back(z);
    }
  }
  const size_t k = std::min(kK, s.touched.size());
  std::partial_sort(s.touched.begin(), s.touched.begin() + k, s.touched.end(),
                    [&](uint32_t a, uint32_t b) {
                      return s.count[a] != s.count[b] ? s.count[a] > s.count[b] : a < b;
                    });
  std::vector<uint32_t> top(s.touched.begin(), s.touched.begin() + k);
  for (uint32_t z : s.touched) s.count[z] = 0;
  s.touched.clear();
  s.excluded[m] = 0;
  for (auto [it, end] = boost::adjacent_vertices(m, g); it != end; ++it) s.excluded[*it] = 0;
  return top;
}

void BM_BglCommonNeighbours(benchmark::State& state) {
  World& w = GetWorld(static_cast<int>(state.range(0)));
  BglScratch s(w.g->num_members());
  std::vector<std::vector<uint32_t>> got(w.members.size());
  bench::TimePerCall(state, w.members.size(),
                     [&](size_t i) { got[i] = BglTop(*w.csr, s, w.members[i]); });
  const auto& exact = Exact(w, 0);
  uint64_t mismatches = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    mismatches += std::vector<VertexId>(got[i].begin(), got[i].end()) != exact[i];
  }
  state.counters["mismatches"] = static_cast<double>(mismatches);
}
BENCHMARK(BM_BglCommonNeighbours)
    ->Arg(0)
    ->Arg(1)
    ->Arg(3)
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace liaison

BENCHMARK_MAIN();
