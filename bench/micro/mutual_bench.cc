// Sorted-list intersection: where galloping starts to beat merging (the kGallopRatio threshold of
// engine/algorithms/intersect.h), and Mutual() on Kronecker scale 20.
//
//   BM_IntersectMerge/short/ratio, BM_IntersectGallop/short/ratio
//       Two sorted lists of distinct ids drawn uniformly from [0, 2^20) (the id range of the
//       Kronecker scale-20 graph), of sizes `short` and `short * ratio`, intersected by each
//       method; the time per call is Google Benchmark's. The crossover is the ratio where the two
//       lines meet (compare rows with the same short size).
//   BM_IntersectMergeCold, BM_IntersectGallopCold  the same over ~64 MiB of distinct list pairs,
//       so that each call reads lists that are not in cache (what a query on a big graph sees).
//   BM_IntersectChosen/short/ratio  Intersect(), which picks the method by kGallopRatio.
//   BM_MutualKron  Mutual() on 10,000 seeded pairs (half uniform, half two random-walk steps
//       apart, so that most have mutual connections): median and p99 per call (counters).
//
// Run: build/release/mutual_bench [--benchmark_filter=...]

#include <algorithm>

#include "bench/micro/qa_bench_common.h"
#include "benchmark/benchmark.h"
#include "engine/algorithms/intersect.h"
#include "liaison/query.h"

namespace liaison::bench {
namespace {

std::vector<VertexId> SortedSample(size_t size, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<VertexId> s;
  while (s.size() < size) {
    while (s.size() < size) s.push_back(rng() % (uint32_t{1} << 20));
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
  }
  return s;
}

template <typename Method>
void RunIntersect(benchmark::State& state, Method method) {
  const size_t short_size = static_cast<size_t>(state.range(0));
  const size_t ratio = static_cast<size_t>(state.range(1));
  const auto a = SortedSample(short_size, 1);
  const auto b = SortedSample(short_size * ratio, 2);
  size_t common = 0;
  for (auto _ : state) {
    common = 0;
    method(std::span<const VertexId>(a), std::span<const VertexId>(b), [&](VertexId) {
      ++common;
      return false;
    });
    benchmark::DoNotOptimize(common);
  }
  state.counters["common"] = static_cast<double>(common);
}

// As RunIntersect, over enough distinct list pairs (about 64 MiB, twice the L3 cache) that every
// call reads cold lists, as a query on a big graph does.
template <typename Method>
void RunIntersectCold(benchmark::State& state, Method method) {
  const size_t short_size = static_cast<size_t>(state.range(0));
  const size_t ratio = static_cast<size_t>(state.range(1));
  const size_t pair_bytes = short_size * (1 + ratio) * sizeof(VertexId);
  const size_t pairs = std::max<size_t>(2, (size_t{64} << 20) / pair_bytes);
  std::vector<std::vector<VertexId>> a(pairs), b(pairs);
  for (size_t i = 0; i < pairs; ++i) {
    a[i] = SortedSample(short_size, 2 * i + 1);
    b[i] = SortedSample(short_size * ratio, 2 * i + 2);
  }
  size_t i = 0, common = 0;
  for (auto _ : state) {
    method(std::span<const VertexId>(a[i]), std::span<const VertexId>(b[i]), [&](VertexId) {
      ++common;
      return false;
    });
    benchmark::DoNotOptimize(common);
    if (++i == pairs) i = 0;
  }
}

void BM_IntersectMergeCold(benchmark::State& state) {
  RunIntersectCold(state, [](auto a, auto b, auto fn) { return IntersectMerge(a, b, fn); });
}
void BM_IntersectGallopCold(benchmark::State& state) {
  RunIntersectCold(state, [](auto a, auto b, auto fn) { return IntersectGallop(a, b, fn); });
}

void BM_IntersectMerge(benchmark::State& state) {
  RunIntersect(state, [](auto a, auto b, auto fn) { return IntersectMerge(a, b, fn); });
}
void BM_IntersectGallop(benchmark::State& state) {
  RunIntersect(state, [](auto a, auto b, auto fn) { return IntersectGallop(a, b, fn); });
}
void BM_IntersectChosen(benchmark::State& state) {
  RunIntersect(state, [](auto a, auto b, auto fn) { return Intersect(a, b, fn); });
}

void RatioArgs(benchmark::internal::Benchmark* b) {
  for (const int64_t short_size : {16, 64, 1024}) {
    for (const int64_t ratio : {1, 2, 4, 8, 16, 24, 32, 48, 64, 128, 256, 1024}) {
      if (short_size * ratio <= (int64_t{1} << 19)) b->Args({short_size, ratio});
    }
  }
}
void ColdArgs(benchmark::internal::Benchmark* b) {
  for (const int64_t short_size : {16, 256}) {
    for (const int64_t ratio : {1, 4, 8, 16, 32, 64, 128}) b->Args({short_size, ratio});
  }
}
BENCHMARK(BM_IntersectMergeCold)->Apply(ColdArgs);
BENCHMARK(BM_IntersectGallopCold)->Apply(ColdArgs);
BENCHMARK(BM_IntersectMerge)->Apply(RatioArgs);
BENCHMARK(BM_IntersectGallop)->Apply(RatioArgs);
BENCHMARK(BM_IntersectChosen)->Apply(RatioArgs);

void BM_MutualKron(benchmark::State& state) {
  const Snapshot& g = Kron();
  std::mt19937_64 rng(3);
  std::vector<std::pair<VertexId, VertexId>> pairs;
  for (int i = 0; i < 10000; ++i) {
    const VertexId a = RandomConnected(g, rng);
    VertexId b = rng() % g.num_members();
    if (i % 2 == 1) {
      const VertexId x = g.neighbors(a)[rng() % g.degree(a)];
      b = g.neighbors(x)[rng() % g.degree(x)];
    }
    if (b == a) b = (a + 1) % g.num_members();
    pairs.emplace_back(a, b);
  }
  auto run = [&] {
    std::vector<double> t;
    uint64_t total = 0;
    for (const auto& [a, b] : pairs) {
      const double t0 = NowMicros();
      const auto r = Mutual(g, a, b);
      t.push_back(NowMicros() - t0);
      total += r->members.size();
    }
    return std::make_pair(t, total);
  };
  run();
  for (auto _ : state) {
    const auto [t, total] = run();
    double sum = 0;
    for (double x : t) sum += x;
    state.SetIterationTime(sum / 1e6);
    state.counters["median_us"] = Median(t);
    state.counters["p99_us"] = Percentile(t, 0.99);
    state.counters["avg_mutual"] = static_cast<double>(total) / pairs.size();
  }
}
BENCHMARK(BM_MutualKron)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace liaison::bench

BENCHMARK_MAIN();
