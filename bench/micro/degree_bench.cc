// Degree of connection on Kronecker scale 20, edge factor 16 (Graph500 parameters) and on a
// generated professional network of 1M members, average degree 40 (generators::
// GenerateProfessionalNetwork, seed 1, no members table: nobody hides, as in the harness's pro-1m),
// side by side with Boost.Graph in the same run. Argument `pro`: 0 Kronecker, 1 professional.
//
//   BM_DegreeVsBoost     10,000 seeded pairs (half uniform, half joined by a random walk of 1-3
//                        steps), max_depth 3: per-query latency of Degree (median, p99, and the
//                        median per answer: d1, d2, d3, none), and of Boost.Graph's
//                        breadth_first_search on a compressed_sparse_row_graph with an early stop
//                        (target found, or depth cap reached) over the first 1,000 pairs; every
//                        Boost answer is checked against ours (counter `mismatches`).
//   BM_DegreeThirdMethods  the pairs answered at distance 3 or farther, with each 3rd-degree
//                        method forced and chosen by cost (internal::DegreeWithThirdMethod), in
//                        alternating rounds; also the same queries with warm caches.
//   BM_DegreeSearchOnly  the same pairs answered by the bidirectional search alone (no fast paths).
//   BM_DegreeDepth6      the same pairs with max_depth 6.
//   BM_DegreeManyVsSingle  100 viewers x 64 to 5,000 targets (half uniform, half random walks of
//                        1-3 steps from the viewer): one DegreeMany call against one Degree call
//                        per target; 3 rounds over all viewers (DegreeMany for each viewer, then
//                        the single calls for each), fastest round per viewer, so that each
//                        query starts cold; the counters give the ratio single/many over viewers
//                        (median, 10th percentile, min) and of the totals, and the DegreeMany time
//                        per viewer. (With 20 viewers the median ratio moved by up to 30% with
//                        the sample: kron-20, 1,000 targets, 7.1-11.9x in one session.)
//   BM_DegreeManyTunings  the same inputs under several internal::DegreeManyTuning limits.
//
// Each benchmark runs its whole input once per iteration (Iterations(1), manual time) after one
// untimed warm-up pass, and reports per-query figures as counters (microseconds).
// Run: build/release/degree_bench [--benchmark_filter=...]

#include <boost/graph/breadth_first_search.hpp>
#include <optional>

#include "bench/micro/qa_bench_common.h"
#include "benchmark/benchmark.h"
#include "datasets/generators/professional_network.h"
#include "engine/algorithms/degree_internal.h"
#include "liaison/query.h"

namespace liaison::bench {
namespace {

struct StopSearch {};

// BFS from `from` that stops when `to` is discovered or when a member at max_depth is examined.
struct DegreeVisitor : boost::default_bfs_visitor {
  std::vector<int>* dist;
  size_t to;
  int max_depth;
  int* answer;
  template <class Edge, class Graph>
  void tree_edge(Edge e, const Graph& g) const {
    const size_t u = boost::source(e, g), v = boost::target(e, g);
    (*dist)[v] = (*dist)[u] + 1;
    if (v == to) {
      *answer = (*dist)[v];
      throw StopSearch{};
    }
  }
  template <class Vertex, class Graph>
  void examine_vertex(Vertex u, const Graph&) const {
    if ((*dist)[u] >= max_depth) throw StopSearch{};
  }
};

std::optional<int> BoostDegree(const BoostCsr& csr, VertexId from, VertexId to, int max_depth,
                               std::vector<int>& dist,
                               std::vector<boost::default_color_type>& colors) {
  if (from == to) return 0;
  int answer = -1;
  dist[from] = 0;
  DegreeVisitor vis;
  vis.dist = &dist;
  vis.to = to;
  vis.max_depth = max_depth;
  vis.answer = &answer;
  try {
    boost::breadth_first_search(csr, from,
                                boost::visitor(vis).color_map(boost::make_iterator_property_map(
                                    colors.begin(), boost::get(boost::vertex_index, csr))));
  } catch (const StopSearch&) {
  }
  if (answer < 0) return std::nullopt;
  return answer;
}

using Pairs = std::vector<std::pair<VertexId, VertexId>>;

// A generated professional network of 1M members, average degree 40 (the harness's pro-1m; the
// members table is dropped as there, so nobody hides), built once. Members from
// $LIAISON_BENCH_PRO_MEMBERS when set.
const Snapshot& Pro() {
  static const std::shared_ptr<const Snapshot> g = [] {
    const char* s = std::getenv("LIAISON_BENCH_PRO_MEMBERS");
    return BuildProfessional(s ? std::strtoull(s, nullptr, 10) : 1'000'000);
  }();
  return *g;
}

const BoostCsr& ProBoost() {
  static const std::unique_ptr<BoostCsr> csr = BoostTwin(Pro());
  return *csr;
}

// Benchmark argument `graph`: 0 Kronecker scale 20, 1 the professional network.
const Snapshot& GraphOf(int64_t graph) { return graph == 0 ? Kron() : Pro(); }
const BoostCsr& BoostOf(int64_t graph) { return graph == 0 ? KronBoost() : ProBoost(); }

const Pairs& BenchPairs(int64_t graph = 0) {
  if (graph == 0) {
    static const Pairs kron = DegreePairs(Kron(), 10000, 7);
    return kron;
  }
  static const Pairs pro = DegreePairs(Pro(), 10000, 7);
  return pro;
}

template <typename F>
std::vector<double> TimeEach(const Pairs& pairs, F&& f) {
  std::vector<double> t;
  t.reserve(pairs.size());
  for (const auto& [a, b] : pairs) {
    const double t0 = NowMicros();
    f(a, b);
    t.push_back(NowMicros() - t0);
  }
  return t;
}

double Sum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s;
}

void BM_DegreeVsBoost(benchmark::State& state) {
  const Snapshot& g = GraphOf(state.range(1));
  const BoostCsr& csr = BoostOf(state.range(1));
  const Pairs& pairs = BenchPairs(state.range(1));
  const size_t boost_pairs = static_cast<size_t>(state.range(0));
  DegreeOptions options;  // max_depth 3
  std::vector<std::optional<int>> ours(pairs.size());
  auto run_ours = [&] {
    size_t i = 0;
    return TimeEach(pairs, [&](VertexId a, VertexId b) {
      const auto r = Degree(g, a, b, options);
      ours[i++] = r->degree;
      benchmark::DoNotOptimize(r);
    });
  };
  run_ours();  // warm-up: page in scratch, caches
  std::vector<int> dist(g.num_members());
  std::vector<boost::default_color_type> colors(g.num_members());
  for (auto _ : state) {
    const std::vector<double> t = run_ours();
    const Pairs subset(pairs.begin(), pairs.begin() + boost_pairs);
    size_t i = 0, mismatches = 0;
    const std::vector<double> tb = TimeEach(subset, [&](VertexId a, VertexId b) {
      const auto r = BoostDegree(csr, a, b, options.max_depth, dist, colors);
      mismatches += r != ours[i++];
    });
    state.SetIterationTime(Sum(t) / 1e6);
    const std::vector<double> t_subset(t.begin(), t.begin() + boost_pairs);
    state.counters["median_us"] = Median(t);
    state.counters["p99_us"] = Percentile(t, 0.99);
    state.counters["mean_us"] = Sum(t) / t.size();
    state.counters["boost_median_us"] = Median(tb);
    state.counters["boost_p99_us"] = Percentile(tb, 0.99);
    state.counters["subset_median_us"] = Median(t_subset);
    state.counters["ratio_median"] = Median(tb) / Median(t_subset);
    state.counters["ratio_total"] = Sum(tb) / Sum(t_subset);
    state.counters["mismatches"] = static_cast<double>(mismatches);
    // Median time by answer (d1, d2, d3, none: farther than 3).
    std::vector<double> by_answer[5];
    for (size_t k = 0; k < t.size(); ++k) by_answer[ours[k] ? *ours[k] : 4].push_back(t[k]);
    const char* names[5] = {"", "median_d1_us", "median_d2_us", "median_d3_us", "median_none_us"};
    for (int k = 1; k < 5; ++k) state.counters[names[k]] = Median(by_answer[k]);
  }
  size_t by_degree[5] = {0, 0, 0, 0, 0};
  for (const auto& d : ours) ++by_degree[d ? *d : 4];
  state.counters["n_d0"] = by_degree[0];
  state.counters["n_d1"] = by_degree[1];
  state.counters["n_d2"] = by_degree[2];
  state.counters["n_d3"] = by_degree[3];
  state.counters["n_none"] = by_degree[4];
}
BENCHMARK(BM_DegreeVsBoost)
    ->ArgNames({"boost_pairs", "pro"})
    ->Args({1000, 0})
    ->Args({1000, 1})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// The 3rd-degree methods of Degree() side by side on the same pairs (forced, and chosen by
// cost): rounds over all pairs alternate between the methods, 3 rounds each; counters give each
// method's median over the pairs answered at distance 3 or farther (fastest round per pair).
void BM_DegreeThirdMethods(benchmark::State& state) {
  const Snapshot& g = GraphOf(state.range(0));
  const Pairs& pairs = BenchPairs(state.range(0));
  DegreeOptions options;
  std::vector<size_t> far;
  for (size_t i = 0; i < pairs.size(); ++i) {
    const auto r = Degree(g, pairs[i].first, pairs[i].second, options);
    if (!r->degree || *r->degree == 3) far.push_back(i);
  }
  const internal::ThirdMethod methods[3] = {internal::ThirdMethod::kAuto,
                                            internal::ThirdMethod::kIntersect,
                                            internal::ThirdMethod::kScan};
  const char* names[3] = {"auto_us", "intersect_us", "scan_us"};
  for (auto _ : state) {
    std::vector<std::vector<double>> best(3, std::vector<double>(far.size(), 1e300));
    for (int rep = 0; rep < 3; ++rep) {
      for (int m = 0; m < 3; ++m) {
        for (size_t k = 0; k < far.size(); ++k) {
          const auto& [a, b] = pairs[far[k]];
          const double t0 = NowMicros();
          benchmark::DoNotOptimize(internal::DegreeWithThirdMethod(g, a, b, options, methods[m]));
          best[m][k] = std::min(best[m][k], NowMicros() - t0);
        }
      }
    }
    state.SetIterationTime(Sum(best[0]) / 1e6);
    for (int m = 0; m < 3; ++m) state.counters[names[m]] = Median(best[m]);
    state.counters["n_pairs"] = static_cast<double>(far.size());
    // Entries of the lists of each side's members (shorter list's side, cheaper side).
    std::vector<double> shorter_side, cheaper_side, ends;
    for (const size_t k : far) {
      auto a = g.neighbors(pairs[k].first), b = g.neighbors(pairs[k].second);
      if (a.size() > b.size()) std::swap(a, b);
      double sa = 0, sb = 0;
      for (const VertexId v : a) sa += g.degree(v);
      for (const VertexId v : b) sb += g.degree(v);
      shorter_side.push_back(sa);
      cheaper_side.push_back(std::min(sa, sb));
      ends.push_back(static_cast<double>(a.size() + b.size()));
    }
    state.counters["median_shorter_side_entries"] = Median(shorter_side);
    state.counters["median_cheaper_side_entries"] = Median(cheaper_side);
    state.counters["median_end_entries"] = Median(ends);
    // The same queries with warm caches (each run twice in a row, the second timed).
    std::vector<double> warm;
    for (const size_t k : far) {
      const auto& [a, b] = pairs[k];
      benchmark::DoNotOptimize(Degree(g, a, b, options));
      const double t0 = NowMicros();
      benchmark::DoNotOptimize(Degree(g, a, b, options));
      warm.push_back(NowMicros() - t0);
    }
    state.counters["warm_auto_us"] = Median(warm);
  }
}
BENCHMARK(BM_DegreeThirdMethods)
    ->ArgName("pro")
    ->Arg(0)
    ->Arg(1)
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

void BM_DegreeSearchOnly(benchmark::State& state) {
  const Snapshot& g = Kron();
  const Pairs& pairs = BenchPairs();
  DegreeOptions options;
  options.max_depth = static_cast<int>(state.range(0));
  auto run = [&] {
    return TimeEach(pairs, [&](VertexId a, VertexId b) {
      benchmark::DoNotOptimize(internal::DegreeBySearch(g, a, b, options));
    });
  };
  run();
  for (auto _ : state) {
    const std::vector<double> t = run();
    state.SetIterationTime(Sum(t) / 1e6);
    state.counters["median_us"] = Median(t);
    state.counters["p99_us"] = Percentile(t, 0.99);
    state.counters["mean_us"] = Sum(t) / t.size();
  }
}
BENCHMARK(BM_DegreeSearchOnly)
    ->Arg(3)
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

void BM_DegreeDepth(benchmark::State& state) {
  const Snapshot& g = Kron();
  const Pairs& pairs = BenchPairs();
  DegreeOptions options;
  options.max_depth = static_cast<int>(state.range(0));
  size_t beyond3 = 0;
  auto run = [&] {
    beyond3 = 0;
    return TimeEach(pairs, [&](VertexId a, VertexId b) {
      const auto r = Degree(g, a, b, options);
      beyond3 += r->degree.value_or(0) > 3;
    });
  };
  run();
  for (auto _ : state) {
    const std::vector<double> t = run();
    state.SetIterationTime(Sum(t) / 1e6);
    state.counters["median_us"] = Median(t);
    state.counters["p99_us"] = Percentile(t, 0.99);
    state.counters["mean_us"] = Sum(t) / t.size();
    state.counters["n_beyond3"] = static_cast<double>(beyond3);
  }
}
BENCHMARK(BM_DegreeDepth)->Arg(6)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

// The many-targets benchmarks' inputs: `viewers` random connected members (seed 11), each with
// `per_viewer` targets, half uniform and half joined to the viewer by a random walk of 1-3 steps.
struct ManyTargets {
  std::vector<VertexId> from;
  std::vector<std::vector<VertexId>> targets;
};
ManyTargets MakeManyTargets(const Snapshot& g, int viewers, size_t per_viewer) {
  std::mt19937_64 rng(11);
  ManyTargets m{std::vector<VertexId>(viewers), std::vector<std::vector<VertexId>>(viewers)};
  for (int v = 0; v < viewers; ++v) {
    m.from[v] = RandomConnected(g, rng);
    for (size_t i = 0; i < per_viewer; ++i) {
      VertexId t = rng() % g.num_members();
      if (i % 2 == 1) {
        t = m.from[v];
        const int steps = 1 + rng() % 3;
        for (int s = 0; s < steps; ++s) t = g.neighbors(t)[rng() % g.degree(t)];
      }
      m.targets[v].push_back(t);
    }
  }
  return m;
}

void BM_DegreeManyVsSingle(benchmark::State& state) {
  const Snapshot& g = GraphOf(state.range(2));
  const int viewers = 100;
  const ManyTargets many = MakeManyTargets(g, viewers, static_cast<size_t>(state.range(0)));
  const std::vector<VertexId>& from = many.from;
  const std::vector<std::vector<VertexId>>& targets = many.targets;
  DegreeOptions options;
  options.max_depth = static_cast<int>(state.range(1));
  std::vector<double> many_us(viewers), single_us(viewers), ratio(viewers);
  size_t mismatches = 0;
  // kReps rounds; each round runs DegreeMany for every viewer, then the single calls for every
  // viewer, and the fastest round per viewer is kept. Between two queries of one viewer the other
  // 19 viewers run, so each query starts with its viewer's neighbourhood and its targets' lists
  // out of cache, as a request would (running one viewer's queries back to back would measure
  // warm lists instead).
  constexpr int kReps = 3;
  auto run = [&] {
    mismatches = 0;
    std::fill(many_us.begin(), many_us.end(), 1e300);
    std::fill(single_us.begin(), single_us.end(), 1e300);
    std::vector<std::vector<DegreeResult>> many(viewers), single(viewers);
    for (int rep = 0; rep < kReps; ++rep) {
      for (int v = 0; v < viewers; ++v) {
        const double t0 = NowMicros();
        many[v] = *DegreeMany(g, from[v], targets[v], options);
        many_us[v] = std::min(many_us[v], NowMicros() - t0);
      }
      for (int v = 0; v < viewers; ++v) {
        const double t0 = NowMicros();
        single[v] = *internal::DegreeManyBySingleCalls(g, from[v], targets[v], options);
        single_us[v] = std::min(single_us[v], NowMicros() - t0);
      }
    }
    for (int v = 0; v < viewers; ++v) {
      ratio[v] = single_us[v] / many_us[v];
      for (size_t i = 0; i < targets[v].size(); ++i) {
        mismatches +=
            many[v][i].degree != single[v][i].degree || many[v][i].mutual != single[v][i].mutual;
      }
    }
  };
  run();
  for (auto _ : state) {
    run();
    state.SetIterationTime(Sum(many_us) / 1e6);
    state.counters["many_median_us"] = Median(many_us);
    state.counters["many_max_us"] = Percentile(many_us, 1.0);
    state.counters["single_median_us"] = Median(single_us);
    state.counters["ratio_median"] = Median(ratio);
    state.counters["ratio_p10"] = Percentile(ratio, 0.1);
    state.counters["ratio_min"] = Percentile(ratio, 0.0);
    state.counters["ratio_total"] = Sum(single_us) / Sum(many_us);
    state.counters["mismatches"] = static_cast<double>(mismatches);
  }
}
BENCHMARK(BM_DegreeManyVsSingle)
    ->ArgNames({"targets", "depth", "pro"})
    ->Args({64, 3, 0})
    ->Args({256, 3, 0})
    ->Args({1000, 3, 0})
    ->Args({5000, 3, 0})
    ->Args({1000, 6, 0})
    ->Args({64, 3, 1})
    ->Args({256, 3, 1})
    ->Args({1000, 3, 1})
    ->Args({5000, 3, 1})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// DegreeMany's expansion limits side by side (internal::DegreeManyTuning): the same viewers and
// targets as BM_DegreeManyVsSingle, each tuning timed per viewer (fastest of 3 interleaved
// rounds); counters: per tuning the median time per viewer (us), the ratio of the single calls'
// total to its total, and the median over viewers of the per-viewer ratio.
void BM_DegreeManyTunings(benchmark::State& state) {
  const Snapshot& g = GraphOf(state.range(1));
  const int viewers = 100;
  const ManyTargets many = MakeManyTargets(g, viewers, static_cast<size_t>(state.range(0)));
  const std::vector<VertexId>& from = many.from;
  const std::vector<std::vector<VertexId>>& targets = many.targets;
  DegreeOptions options;
  // eN: the 2-hop expansion up to N entries per target (fN: less N for the call); tN: the 3rd
  // level up to N per target; "lists": without the top-neighbour probes, each target farther than
  // 2 answered from its own list. The default is e512f8192t32.
  struct Variant {
    const char* name;
    uint64_t expand, fixed, third;
    bool probe = true;
  };
  const Variant variants[] = {{"e0", 0, 0, 0},
                              {"e128t32", 128, 0, 32},
                              {"e512t32", 512, 0, 32},
                              {"e512f8192", 512, 8192, 0},
                              {"e512f8192t32", 512, 8192, 32},
                              {"e512f8192t32lists", 512, 8192, 32, false},
                              {"e2048f8192t32", 2048, 8192, 32}};
  constexpr int kVariants = sizeof(variants) / sizeof(variants[0]);
  for (auto _ : state) {
    std::vector<std::vector<double>> best(kVariants + 1, std::vector<double>(viewers, 1e300));
    for (int rep = 0; rep < 3; ++rep) {
      for (int k = 0; k <= kVariants; ++k) {
        for (int v = 0; v < viewers; ++v) {
          const double t0 = NowMicros();
          if (k == kVariants) {
            benchmark::DoNotOptimize(
                internal::DegreeManyBySingleCalls(g, from[v], targets[v], options));
          } else {
            internal::DegreeManyTuning tuning;
            tuning.expand_entries_per_target = variants[k].expand;
            tuning.expand_fixed_entries = variants[k].fixed;
            tuning.third_level_entries_per_target = variants[k].third;
            tuning.probe_top_neighbors = variants[k].probe;
            benchmark::DoNotOptimize(
                internal::DegreeManyTuned(g, from[v], targets[v], options, tuning));
          }
          best[k][v] = std::min(best[k][v], NowMicros() - t0);
        }
      }
    }
    state.SetIterationTime(Sum(best[kVariants]) / 1e6);
    state.counters["single_us"] = Median(best[kVariants]);
    for (int k = 0; k < kVariants; ++k) {
      state.counters[std::string(variants[k].name) + "_us"] = Median(best[k]);
      state.counters[std::string(variants[k].name) + "_ratio"] =
          Sum(best[kVariants]) / Sum(best[k]);
      std::vector<double> ratios(viewers);
      for (int v = 0; v < viewers; ++v) ratios[v] = best[kVariants][v] / best[k][v];
      state.counters[std::string(variants[k].name) + "_ratio_median"] = Median(ratios);
    }
  }
}
BENCHMARK(BM_DegreeManyTunings)
    ->ArgNames({"targets", "pro"})
    ->Args({1000, 0})
    ->Args({1000, 1})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace liaison::bench

BENCHMARK_MAIN();
