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
