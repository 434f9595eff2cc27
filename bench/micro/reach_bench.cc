// Reach on Kronecker scale 20, edge factor 16 (Graph500 parameters) and on generated professional
// networks (100k and 1M members, average degree 40, no members table: as the harness's pro-100k
// and pro-1m), side by side with Boost.Graph in the same run.
//
//   BM_ReachVsBoost/depth/threads/graph/mode  graph 0 = Kronecker, 1 = pro-100k, 2 = pro-1m;
//       mode 0 = default tuning, 1 = the kernel before the count-only last level. 100 seeded
//       sources with at least one connection: per-query
//       latency of Reach (counts only) inside a tbb::task_arena of `threads` threads, and of
//       Boost.Graph's breadth_first_search on a compressed_sparse_row_graph stopped at the depth
//       cap (stops when it examines a member at the cap: everything closer has been discovered).
//       Ours and Boost run in alternating blocks of all 100 sources, 3 rounds, median per source
//       over the rounds; with one thread the calling thread's CPU time is reported too (cpu_*),
//       which excludes time spent waiting for a core on a loaded machine.
//       Every Boost level count is checked against ours (counter `mismatches`). Depth 16 is a
//       full BFS in practice (Kronecker's diameter is far smaller); for it the counters also give
//       connections per second = num_connections / median time (Graph500 counts input edges).
//   BM_ReachListing  depth 3 with list = true, limit 1,000 (the listing's cost on top).
//
// Each benchmark runs its inputs once per iteration after one untimed warm-up pass and reports
// per-query figures (milliseconds) as counters.
// Run: build/release/reach_bench [--benchmark_filter=...]

#include <time.h>

#include <mutex>

#include <boost/graph/breadth_first_search.hpp>

#include "bench/micro/qa_bench_common.h"
#include "benchmark/benchmark.h"
#include "datasets/generators/professional_network.h"
#include "engine/algorithms/reach_internal.h"
#include "liaison/query.h"
#include "oneapi/tbb/task_arena.h"

namespace liaison::bench {
namespace {

struct StopSearch {};

// Records BFS levels; stops when a member at the depth cap is examined.
struct LevelVisitor : boost::default_bfs_visitor {
  std::vector<int>* dist;
  std::vector<uint64_t>* levels;
  int depth;
  template <class Edge, class Graph>
  void tree_edge(Edge e, const Graph& g) const {
    const int d = (*dist)[boost::source(e, g)] + 1;
    (*dist)[boost::target(e, g)] = d;
    ++(*levels)[d - 1];
  }
  template <class Vertex, class Graph>
  void examine_vertex(Vertex u, const Graph&) const {
    if ((*dist)[u] >= depth) throw StopSearch{};
  }
};

std::vector<uint64_t> BoostReach(const BoostCsr& csr, VertexId from, int depth,
                                 std::vector<int>& dist,
                                 std::vector<boost::default_color_type>& colors) {
  std::vector<uint64_t> levels(depth + 1, 0);
  dist[from] = 0;
  LevelVisitor vis;
  vis.dist = &dist;
  vis.levels = &levels;
  vis.depth = depth;
  try {
    boost::breadth_first_search(csr, from,
                                boost::visitor(vis).color_map(boost::make_iterator_property_map(
                                    colors.begin(), boost::get(boost::vertex_index, csr))));
  } catch (const StopSearch&) {
  }
  levels.resize(depth);  // the visitor may have discovered members one level past the cap
  return levels;
}

// A benchmark graph: 0 = Kronecker scale 20, 1 = professional 100k, 2 = professional 1M; with its
// Boost.Graph twin and 100 seeded sources that have at least one connection. Built once.
struct BenchGraph {
  const Snapshot* g;
  const BoostCsr* csr;
  std::vector<VertexId> sources;
};

const BenchGraph& GetGraph(int which) {
  static BenchGraph graphs[3];
  static std::once_flag once[3];
  std::call_once(once[which], [which] {
    BenchGraph& b = graphs[which];
    if (which == 0) {
      b.g = &Kron();
      b.csr = &KronBoost();
    } else {
      static std::shared_ptr<const Snapshot> pro[3];
      static std::unique_ptr<BoostCsr> pro_csr[3];
      pro[which] = BuildProfessional(which == 1 ? 100'000 : 1'000'000);
      pro_csr[which] = BoostTwin(*pro[which]);
      b.g = pro[which].get();
      b.csr = pro_csr[which].get();
    }
    std::mt19937_64 rng(5);
    for (int i = 0; i < 100; ++i) b.sources.push_back(RandomConnected(*b.g, rng));
  });
  return graphs[which];
}

const std::vector<VertexId>& Sources() { return GetGraph(0).sources; }

double ThreadCpuMillis() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

void BM_ReachVsBoost(benchmark::State& state) {
  const BenchGraph& bg = GetGraph(static_cast<int>(state.range(2)));
  const Snapshot& g = *bg.g;
  const BoostCsr& csr = *bg.csr;
  const int depth = static_cast<int>(state.range(0));
  const int threads = static_cast<int>(state.range(1));
  const auto& sources = bg.sources;
  // mode 1: the kernel as it was before the count-only last level (every level claims its
  // members one by one; the last one goes bottom-up on Beamer's alpha like the others).
  internal::ReachTuning tuning;
  if (state.range(3) == 1) {
    tuning.last_level = internal::ReachTuning::LastLevel::kSparse;
    tuning.last_alpha = tuning.alpha;
  }
  tbb::task_arena arena(threads);
  ReachOptions options;
  options.depth = depth;
  std::vector<int> dist(g.num_members());
  std::vector<boost::default_color_type> colors(g.num_members());
  // Ours and Boost run in blocks (all sources with ours, then all with Boost), kRounds times;
  // per source the median over rounds is kept. Blocks keep each method's steady cache state (one
  // method's queries are not run right after the other's, which would evict its data), and the
  // rounds spread slow load changes of the shared machine over both. Besides wall time, the
  // calling thread's CPU time is reported for one thread (all of the work then; Boost is
  // single-threaded): it excludes time the thread waited for a core.
  constexpr int kRounds = 3;
  std::vector<double> t, cpu, tb, cpub;
  int bottom_up = 0, parallel = 0, dense = 0;
  size_t mismatches = 0;
  uint64_t reached = 0;
  auto median_of_rounds = [&](const std::vector<std::vector<double>>& rounds) {
    std::vector<double> out(sources.size());
    for (size_t i = 0; i < sources.size(); ++i) {
      std::vector<double> r;
      for (const auto& round : rounds) r.push_back(round[i]);
      out[i] = Median(r);
    }
    return out;
  };
  auto run = [&] {
    std::vector<std::vector<double>> rt(kRounds), rc(kRounds), rtb(kRounds), rcb(kRounds);
    bottom_up = parallel = dense = 0;
    mismatches = reached = 0;
    for (int round = 0; round < kRounds; ++round) {
      std::vector<std::vector<uint64_t>> ours(sources.size());
      arena.execute([&] {
        for (size_t i = 0; i < sources.size(); ++i) {
          internal::ReachStats stats;
          const double c0 = ThreadCpuMillis(), t0 = NowMicros();
          const auto r =
              internal::ReachTuned(g, sources[i], options, tuning, &stats);
          rt[round].push_back((NowMicros() - t0) / 1000);
          rc[round].push_back(ThreadCpuMillis() - c0);
          ours[i] = r->levels;
          if (round == 0) {
            bottom_up += stats.bottom_up_steps;
            parallel += stats.parallel_steps;
            dense += stats.dense_count_steps;
            for (uint64_t c : ours[i]) reached += c;
          }
        }
      });
      for (size_t i = 0; i < sources.size(); ++i) {
        const double c0 = ThreadCpuMillis(), t0 = NowMicros();
        const auto levels = BoostReach(csr, sources[i], depth, dist, colors);
        rtb[round].push_back((NowMicros() - t0) / 1000);
        rcb[round].push_back(ThreadCpuMillis() - c0);
        mismatches += levels != ours[i];
      }
    }
    t = median_of_rounds(rt), cpu = median_of_rounds(rc);
    tb = median_of_rounds(rtb), cpub = median_of_rounds(rcb);
  };
  arena.execute([&] {  // warm-up: page in this thread's scratch and the graph
    for (const VertexId s : sources) {
      benchmark::DoNotOptimize(internal::ReachTuned(g, s, options, tuning, nullptr));
    }
  });
  for (auto _ : state) {
    run();
    double sum = 0;
    for (double x : t) sum += x;
    state.SetIterationTime(sum / 1000);
    state.counters["median_ms"] = Median(t);
    state.counters["p90_ms"] = Percentile(t, 0.9);
    state.counters["max_ms"] = Percentile(t, 1.0);
    state.counters["boost_median_ms"] = Median(tb);
    state.counters["ratio_median"] = Median(tb) / Median(t);
    if (threads == 1) {
      state.counters["cpu_median_ms"] = Median(cpu);
      state.counters["boost_cpu_median_ms"] = Median(cpub);
      state.counters["cpu_ratio_median"] = Median(cpub) / Median(cpu);
    }
    state.counters["connections_per_s"] = g.num_connections() / (Median(t) / 1000);
    state.counters["mismatches"] = static_cast<double>(mismatches);
    state.counters["bottom_up_steps"] = bottom_up;
    state.counters["parallel_steps"] = parallel;
    state.counters["dense_count_steps"] = dense;
    state.counters["avg_reached"] = static_cast<double>(reached) / sources.size();
  }
}
BENCHMARK(BM_ReachVsBoost)
    ->ArgNames({"depth", "threads", "graph", "mode"})
    ->ArgsProduct({{3, 16}, {1, 2}, {0, 1, 2}, {0, 1}})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

void BM_ReachListing(benchmark::State& state) {
  const Snapshot& g = Kron();
  tbb::task_arena arena(static_cast<int>(state.range(0)));
  ReachOptions options;
  options.depth = 3;
  options.list = true;
  options.limit = 1000;
  auto run = [&] {
    std::vector<double> t;
    arena.execute([&] {
      for (const VertexId s : Sources()) {
        const double t0 = NowMicros();
        benchmark::DoNotOptimize(Reach(g, s, options));
        t.push_back((NowMicros() - t0) / 1000);
      }
    });
    return t;
  };
  run();
  for (auto _ : state) {
    const std::vector<double> t = run();
    double sum = 0;
    for (double x : t) sum += x;
    state.SetIterationTime(sum / 1000);
    state.counters["median_ms"] = Median(t);
    state.counters["p90_ms"] = Percentile(t, 0.9);
  }
}
BENCHMARK(BM_ReachListing)
    ->ArgNames({"threads"})
    ->Arg(2)
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace liaison::bench

BENCHMARK_MAIN();
