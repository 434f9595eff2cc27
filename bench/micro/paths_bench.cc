// Introduction-path latency on the Graph500 Kronecker graph (scale 20, edge factor 16, seed 1),
// with Boost.Graph side by side on the same inputs.
//
// Inputs: 1,000 seeded random pairs whose shortest distance is 2 or 3 (picked with IntroPaths
// itself, max_hops 3). Each benchmark runs every pair once to warm up, then once timed per pair,
// and reports the median, p99 and mean per-query latency in microseconds.
//   BM_IntroPaths/k:     IntroPaths(k, max_hops 3): distance, exact count, the k warmest paths.
//   BM_IntroPathsLonger: the same with include_longer (every simple path of at most 3 hops).
//   BM_BglBfsCount:      boost::compressed_sparse_row_graph + breadth_first_visit from `from`
//                        counting shortest paths, stopped once `to`'s layer is complete (colour,
//                        distance and count arrays reused across queries, reset by a touched
//                        list): the count only, no paths. Its counts are checked against ours
//                        (counter count_mismatches). First 200 pairs only (it is slow).
//   BM_IntroPathsFirst/k: IntroPaths on those same 200 pairs, for the ratio.
// Run: build/release/paths_bench (add --benchmark_filter=... to pick one).

#include <benchmark/benchmark.h>

#include <algorithm>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/two_bit_color_map.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <vector>

#include "bench/micro/qa_bench_common.h"
#include "datasets/generators/kronecker.h"
#include "liaison/builder.h"
#include "liaison/query.h"

namespace liaison {
namespace {

using Csr = boost::compressed_sparse_row_graph<boost::directedS>;
constexpr size_t kBglPairs = 200;

struct World {
  std::shared_ptr<const Snapshot> g;
  std::unique_ptr<Csr> csr;
  std::vector<std::pair<VertexId, VertexId>> pairs;
  std::vector<uint64_t> counts;  // ours, for the BGL check
};

const World& GetWorld() {
  static const World* world = [] {
    auto* w = new World;
    auto batches = generators::KroneckerConnections({.scale = 20, .edge_factor = 16, .seed = 1});
    if (!batches.ok()) std::abort();
    auto g = BuildSnapshot(std::move(*batches), nullptr, nullptr);
    if (!g.ok()) std::abort();
    w->g = *g;
    const Snapshot& s = *w->g;
    w->csr = bench::BoostTwin(s);
    std::mt19937_64 rng(2024);
    PathOptions probe;
    probe.k = 1;
    while (w->pairs.size() < 1000) {
      const VertexId a = rng() % s.num_members(), b = rng() % s.num_members();
      auto r = IntroPaths(s, a, b, probe);
      if (r.ok() && r->hops && (*r->hops == 2 || *r->hops == 3)) {
        w->pairs.emplace_back(a, b);
        w->counts.push_back(r->count);
      }
    }
    std::fprintf(stderr, "graph: %u members, %lu connections; %zu pairs\n", s.num_members(),
                 static_cast<unsigned long>(s.num_connections()), w->pairs.size());
    return w;
  }();
  return *world;
}

void BM_IntroPaths(benchmark::State& state) {
  const World& w = GetWorld();
  PathOptions o;
  o.k = static_cast<size_t>(state.range(0));
  uint64_t paths = 0;
  bench::TimePerCall(state, w.pairs.size(), [&](size_t i) {
    auto r = IntroPaths(*w.g, w.pairs[i].first, w.pairs[i].second, o);
    paths += r.ok() ? r->paths.size() : 0;
    benchmark::DoNotOptimize(r);
  });
  state.counters["paths_per_query"] = static_cast<double>(paths) / (2.0 * w.pairs.size());
}
BENCHMARK(BM_IntroPaths)->Arg(5)->Arg(50)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

void BM_IntroPathsFirst(benchmark::State& state) {
  const World& w = GetWorld();
  PathOptions o;
  o.k = static_cast<size_t>(state.range(0));
  bench::TimePerCall(state, std::min<size_t>(kBglPairs, w.pairs.size()), [&](size_t i) {
    auto r = IntroPaths(*w.g, w.pairs[i].first, w.pairs[i].second, o);
    benchmark::DoNotOptimize(r);
  });
}
BENCHMARK(BM_IntroPathsFirst)->Arg(5)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

void BM_IntroPathsLonger(benchmark::State& state) {
  const World& w = GetWorld();
  PathOptions o;
  o.include_longer = true;
  uint64_t truncated = 0;
  bench::TimePerCall(state, w.pairs.size(), [&](size_t i) {
    auto r = IntroPaths(*w.g, w.pairs[i].first, w.pairs[i].second, o);
    truncated += r.ok() && r->truncated;
    benchmark::DoNotOptimize(r);
  });
  state.counters["truncated"] = static_cast<double>(truncated) / 2;
}
BENCHMARK(BM_IntroPathsLonger)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

// ---- Boost.Graph: BFS from `from` counting shortest paths, stopped at `to`'s layer ----

struct BglScratch {
  std::vector<int> dist;
  std::vector<uint64_t> count;
  std::vector<uint32_t> touched;
  boost::two_bit_color_map<> color;
  explicit BglScratch(uint32_t n) : dist(n, -1), count(n, 0), color(n) {}
};

// A FIFO whose empty() turns true once every member of the target's layer has been popped: the
// BFS then stops without an exception.
class StopQueue {
 public:
  using value_type = uint32_t;
  using size_type = size_t;
  StopQueue(BglScratch& s, uint32_t target, int max_depth) : s_(s), target_(target), max_depth_(max_depth) {}
  void push(uint32_t v) { q_.push_back(v); }
  uint32_t& top() { return q_[head_]; }
  void pop() { ++head_; }
  bool empty() const {
    if (head_ == q_.size()) return true;
    const int d = s_.dist[q_[head_]];
    return d >= max_depth_ || (s_.dist[target_] >= 0 && d >= s_.dist[target_]);
  }
  size_t size() const { return q_.size() - head_; }

 private:
  BglScratch& s_;
  uint32_t target_;
  int max_depth_;
  std::vector<uint32_t> q_;
  size_t head_ = 0;
};

struct CountVisitor : boost::default_bfs_visitor {
  BglScratch* s;
  void tree_edge(Csr::edge_descriptor e, const Csr& g) {
    const uint32_t a = boost::source(e, g), b = boost::target(e, g);
    s->dist[b] = s->dist[a] + 1;
    s->count[b] = s->count[a];
    s->touched.push_back(b);
  }
  void non_tree_edge(Csr::edge_descriptor e, const Csr& g) {
    const uint32_t a = boost::source(e, g), b = boost::target(e, g);
    if (s->dist[b] == s->dist[a] + 1) s->count[b] += s->count[a];
  }
};

uint64_t BglCount(const Csr& g, BglScratch& s, uint32_t from, uint32_t to) {
  for (uint32_t v : s.touched) {
    s.dist[v] = -1;
    s.count[v] = 0;
    put(s.color, v, boost::two_bit_white);
  }
  s.touched.assign(1, from);
  s.dist[from] = 0;
  s.count[from] = 1;
  StopQueue q(s, to, 3);
  CountVisitor vis;
  vis.s = &s;
  boost::breadth_first_visit(g, from, q, vis, s.color);
  // Members left gray in the queue were touched too (reset next time through `touched`).
  return s.dist[to] >= 0 ? s.count[to] : 0;
}

void BM_BglBfsCount(benchmark::State& state) {
  const World& w = GetWorld();
  BglScratch s(w.g->num_members());
  uint64_t mismatches = 0;
  // A one-sided BFS to depth 3 reads most of the graph for a distance-3 pair (about 0.1 s), so
  // only the first kBglPairs pairs, no warm-up pass (its arrays are allocated up front).
  const size_t pairs = std::min<size_t>(kBglPairs, w.pairs.size());
  bench::TimePerCall(
      state, pairs,
      [&](size_t i) {
        const uint64_t c = BglCount(*w.csr, s, w.pairs[i].first, w.pairs[i].second);
        mismatches += c != w.counts[i];
        benchmark::DoNotOptimize(c);
      },
      /*warm_up=*/false);
  state.counters["count_mismatches"] = static_cast<double>(mismatches);
  state.counters["pairs"] = static_cast<double>(pairs);
}
BENCHMARK(BM_BglBfsCount)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace liaison

BENCHMARK_MAIN();
