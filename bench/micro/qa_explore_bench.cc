#include "bench/micro/qa_bench_common.h"
#include "benchmark/benchmark.h"
#include "liaison/query.h"
#include "engine/algorithms/degree_internal.h"
namespace liaison::bench {
void BM_Explore(benchmark::State& state) {
  const Snapshot& g = Kron();
  std::mt19937_64 rng(11);
  const int viewers = 20;
  std::vector<VertexId> from(viewers);
  std::vector<std::vector<VertexId>> targets(viewers);
  for (int v = 0; v < viewers; ++v) {
    from[v] = RandomConnected(g, rng);
    for (size_t i = 0; i < 1000; ++i) {
      VertexId t = rng() % g.num_members();
      if (i % 2 == 1) { t = from[v]; const int steps = 1 + rng() % 3; for (int s = 0; s < steps; ++s) t = g.neighbors(t)[rng() % g.degree(t)]; }
      targets[v].push_back(t);
    }
  }
  DegreeOptions options;
  for (int v = 0; v < viewers; ++v) {
    if (std::getenv("ONLY_BIG") && g.degree(from[v]) < 100) continue;
    if (std::getenv("ONLY_BIG")) { for (int k = 0; k < 20; ++k) benchmark::DoNotOptimize(DegreeMany(g, from[v], targets[v], options)); }
    uint64_t c2 = 0; for (VertexId x : g.neighbors(from[v])) c2 += g.degree(x);
    double best_many = 1e18, best_single = 1e18;
    for (int rep = 0; rep < 7; ++rep) {
      double t0 = NowMicros();
      benchmark::DoNotOptimize(DegreeMany(g, from[v], targets[v], options));
      double t1 = NowMicros();
      benchmark::DoNotOptimize(internal::DegreeManyBySingleCalls(g, from[v], targets[v], options));
      double t2 = NowMicros();
      best_many = std::min(best_many, t1 - t0); best_single = std::min(best_single, t2 - t1);
    }
    std::fprintf(stderr, "viewer %u deg %u C2 %lu many %.0f us single %.0f us ratio %.1f\n", from[v], g.degree(from[v]), (unsigned long)c2, best_many, best_single, best_single/best_many);
  }
  for (auto _ : state) {}
}
BENCHMARK(BM_Explore)->Iterations(1);
}
BENCHMARK_MAIN();
#include "engine/algorithms/frontier.h"
namespace liaison::bench {
void BM_Expand(benchmark::State& state) {
  const Snapshot& g = Kron();
  VertexId from = 357306;
  MemberSet first, second;
  for (int rep = 0; rep < 3; ++rep) {
    double t0 = NowMicros();
    first.Begin(g.num_members()); second.Begin(g.num_members());
    double t1 = NowMicros();
    for (VertexId x : g.neighbors(from)) first.Insert(x);
    for (VertexId x : g.neighbors(from)) for (VertexId v : g.neighbors(x)) if (v != from && !first.Contains(v)) second.Insert(v);
    double t2 = NowMicros();
    size_t sz = second.size();
    first.Clear(); second.Clear();
    double t3 = NowMicros();
    std::fprintf(stderr, "begin %.0f expand %.0f clear %.0f us, |second| %zu\n", t1-t0, t2-t1, t3-t2, sz);
  }
  for (auto _ : state) {}
}
BENCHMARK(BM_Expand)->Iterations(1);
}
namespace liaison::bench {
void BM_Categories(benchmark::State& state) {
  const Snapshot& g = Kron();
  std::mt19937_64 rng(11);
  DegreeOptions options;
  for (VertexId from : {501161u, 27397u, 477110u, 275047u}) {
    std::vector<VertexId> targets;
    for (size_t i = 0; i < 1000; ++i) {
      VertexId t = rng() % g.num_members();
      if (i % 2 == 1) { t = from; const int steps = 1 + rng() % 3; for (int s = 0; s < steps; ++s) t = g.neighbors(t)[rng() % g.degree(t)]; }
      targets.push_back(t);
    }
    std::vector<VertexId> cat[5];
    for (VertexId t : targets) { auto r = Degree(g, from, t, options); cat[r->degree ? *r->degree : 4].push_back(t); }
    for (int c = 0; c < 5; ++c) {
      if (cat[c].empty()) continue;
      double bm = 1e18, bs = 1e18; uint64_t sumdeg = 0; for (VertexId t : cat[c]) sumdeg += g.degree(t);
      for (int rep = 0; rep < 7; ++rep) {
        double t0 = NowMicros(); benchmark::DoNotOptimize(DegreeMany(g, from, cat[c], options));
        double t1 = NowMicros(); benchmark::DoNotOptimize(internal::DegreeManyBySingleCalls(g, from, cat[c], options));
        double t2 = NowMicros(); bm = std::min(bm, t1-t0); bs = std::min(bs, t2-t1);
      }
      std::fprintf(stderr, "from %u cat %d: %zu targets (avg deg %.0f) many %.0f us single %.0f us\n", from, c, cat[c].size(), double(sumdeg)/cat[c].size(), bm, bs);
    }
  }
  for (auto _ : state) {}
}
BENCHMARK(BM_Categories)->Iterations(1);
}
#include "engine/algorithms/reach_internal.h"
#include "oneapi/tbb/task_arena.h"
namespace liaison::bench {
void BM_ReachProfile(benchmark::State& state) {
  const Snapshot& g = Kron();
  std::mt19937_64 rng(5);
  std::vector<VertexId> s; for (int i = 0; i < 30; ++i) s.push_back(RandomConnected(g, rng));
  ReachOptions o; o.depth = static_cast<int>(state.range(0));
  tbb::task_arena arena(static_cast<int>(state.range(1)));
  arena.execute([&] {
  for (int rep = 0; rep < 3; ++rep) {
    std::vector<double> t, ct;
    for (VertexId v : s) {
      internal::ReachStats st;
      timespec c0, c1; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
      double t0 = NowMicros();
      auto r = internal::ReachTuned(g, v, o, internal::ReachTuning{}, &st);
      t.push_back((NowMicros() - t0) / 1000);
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
      ct.push_back((c1.tv_sec - c0.tv_sec) * 1e3 + (c1.tv_nsec - c0.tv_nsec) / 1e6);
      if (rep == 2 && v == s[0]) { std::fprintf(stderr, "levels:"); for (auto c : r->levels) std::fprintf(stderr, " %lu", (unsigned long)c); std::fprintf(stderr, " td %d bu %d par %d lists %lu td_ms %.2f bu_ms %.2f\n", st.top_down_steps, st.bottom_up_steps, st.parallel_steps, (unsigned long)st.lists_read, st.top_down_seconds*1e3, st.bottom_up_seconds*1e3); }
    }
    std::fprintf(stderr, "depth %d threads %ld: median %.2f ms min %.2f; calling-thread cpu median %.2f ms\n", o.depth, state.range(1), Median(t), Percentile(t, 0), Median(ct));
  }
  });
  for (auto _ : state) {}
}
BENCHMARK(BM_ReachProfile)->Args({3, 1})->Args({3, 2})->Args({16, 1})->Args({16,2})->Iterations(1);
}
namespace liaison::bench {
void BM_BuHist(benchmark::State& state) {
  const Snapshot& g = Kron();
  std::mt19937_64 rng(5);
  VertexId src = RandomConnected(g, rng);
  std::vector<int> dist(g.num_members(), -1);
  dist[src] = 0;
  std::vector<VertexId> q = {src};
  for (int d = 0; d < 2; ++d) { std::vector<VertexId> nq; for (VertexId u : q) for (VertexId v : g.neighbors(u)) if (dist[v] < 0) { dist[v] = d + 1; nq.push_back(v);} q = nq; }
  long hist[10] = {0}; long none = 0, cand = 0; long scanned = 0;
  for (VertexId v = 0; v < g.num_members(); ++v) {
    if (dist[v] >= 0) continue;
    ++cand; int pos = 0; bool found = false;
    for (VertexId u : g.neighbors(v)) { ++scanned; if (dist[u] == 2) { found = true; break; } ++pos; }
    if (found) ++hist[std::min(pos, 9)]; else ++none;
  }
  std::fprintf(stderr, "candidates %ld none %ld scanned %ld:", cand, none, scanned);
  for (int i = 0; i < 10; ++i) std::fprintf(stderr, " %ld", hist[i]);
  std::fprintf(stderr, "\n");
  for (auto _ : state) {}
}
BENCHMARK(BM_BuHist)->Iterations(1);
}
