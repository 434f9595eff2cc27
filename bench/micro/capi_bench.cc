// What the C API costs per query, over the C++ API, on the degree-of-connection query: the same
// member pairs on the same graph through both.
//
// Graph: Kronecker (Graph500 R-MAT), scale LIAISON_BENCH_SCALE (default 20: 2^20 members, edge
// factor 16), built once with BuildSnapshot, written to a snapshot file in /tmp and opened twice:
// by OpenSnapshotFile for the C++ side and by liaison_graph_open for the C side, so both query the
// same mapped pages (the file is unlinked once both are open, unless LIAISON_CAPI_BENCH_FILE names
// a path where it is kept and reused by later runs).
// Pairs: 4096 pairs of members with at least one connection, fixed seed; "random" pairs (mostly
// 2nd and 3rd degree: a real search) and "adjacent" pairs (a member and one of its connections:
// the cheapest answer, where a fixed overhead shows most).
//
//   BM_DegreeCppDense     liaison::Degree on dense ids translated beforehand (the kernel alone)
//   BM_DegreeCppExternal  Snapshot::Member(from), Member(to), then Degree: what a C++ caller with
//                         external ids does, and exactly the work the C API adds translation for
//   BM_DegreeC            liaison_degree + the three accessors + liaison_degree_result_destroy
//   BM_DegreeCppExternalChained, BM_DegreeCChained
//                         the same two, each query's pair chosen from the previous answer (a
//                         data dependency), so queries cannot overlap: latency, not throughput
//   BM_DegreePaired       every pair timed with steady_clock through both (C++ with external
//                         ids, and C), the fastest of 16 passes kept per pair and API; counters:
//                         the medians over the pairs of the C++ time, the C time and the
//                         per-pair difference (ns), and the relative overhead of the medians
// Args: {pair kind (0 random, 1 adjacent)}.
//
//   build/release/capi_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "datasets/generators/kronecker.h"
#include "liaison.h"
#include "liaison/builder.h"
#include "liaison/graph.h"
#include "liaison/query.h"
#include "liaison/snapshot_file.h"

namespace liaison {
namespace {

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "capi_bench: %s\n", what.c_str());
  std::exit(1);
}

struct Pairs {
  std::vector<ExternalId> from, to;
  std::vector<VertexId> dense_from, dense_to;
};

struct Setup {
  std::shared_ptr<const Snapshot> cpp;
  liaison_graph* c = nullptr;
  Pairs pairs[2];
};

Pairs MakePairs(const Snapshot& g, bool adjacent, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Pairs p;
  const uint32_t n = g.num_members();
  auto connected = [&] {
    VertexId v;
    do v = static_cast<VertexId>(rng() % n);
    while (g.degree(v) == 0);
    return v;
  };
  while (p.from.size() < 4096) {
    const VertexId a = connected();
    const VertexId b = adjacent ? g.neighbors(a)[rng() % g.degree(a)] : connected();
    p.dense_from.push_back(a);
    p.dense_to.push_back(b);
    p.from.push_back(g.external_id(a));
    p.to.push_back(g.external_id(b));
  }
  return p;
}

const Setup& GetSetup() {
  static const Setup* setup = [] {
    const char* env = std::getenv("LIAISON_BENCH_SCALE");
    generators::KroneckerOptions o;
    o.scale = env != nullptr ? std::atoi(env) : 20;
    // LIAISON_CAPI_BENCH_FILE: keep the snapshot there and reuse it in later runs (same scale).
    const char* keep = std::getenv("LIAISON_CAPI_BENCH_FILE");
    const std::string path =
        keep != nullptr ? std::string(keep)
                        : "/tmp/liaison_capi_bench_" + std::to_string(getpid()) + ".liaison";
    if (keep == nullptr || !LooksLikeSnapshotFile(path)) {
      auto batches = generators::KroneckerConnections(o);
      if (!batches.ok()) Die(batches.status().ToString());
      auto built = BuildSnapshot(*std::move(batches), nullptr, nullptr);
      if (!built.ok()) Die(built.status().ToString());
      if (absl::Status s = WriteSnapshotFile(**built, path); !s.ok()) Die(s.ToString());
    }
    auto* s = new Setup();
    auto opened = OpenSnapshotFile(path);
    if (!opened.ok()) Die(opened.status().ToString());
    s->cpp = *std::move(opened);
    char* err = nullptr;
    if (liaison_graph_open(path.c_str(), 0, &s->c, &err) != LIAISON_OK) Die(err);
    if (keep == nullptr) std::remove(path.c_str());
    s->pairs[0] = MakePairs(*s->cpp, false, 7);
    s->pairs[1] = MakePairs(*s->cpp, true, 8);
    std::fprintf(stderr, "capi_bench: %s: %u members, %llu connections\n", path.c_str(),
                 s->cpp->num_members(), static_cast<unsigned long long>(s->cpp->num_connections()));
    return s;
  }();
  return *setup;
}

void Label(benchmark::State& state) {
  state.SetLabel(state.range(0) == 0 ? "random pairs" : "adjacent pairs");
}

void BM_DegreeCppDense(benchmark::State& state) {
  const Setup& s = GetSetup();
  const Pairs& p = s.pairs[state.range(0)];
  const DegreeOptions options;
  size_t i = 0;
  for (auto _ : state) {
    auto r = Degree(*s.cpp, p.dense_from[i], p.dense_to[i], options);
    benchmark::DoNotOptimize(r);
    i = (i + 1) % p.from.size();
  }
  Label(state);
}

// The C++ API as a caller holding external ids uses it.
int CppDegree(const Snapshot& g, ExternalId from, ExternalId to, const DegreeOptions& options) {
  auto f = g.Member(from);
  auto t = g.Member(to);
  if (!f.ok() || !t.ok()) return -2;
  auto r = Degree(g, *f, *t, options);
  if (!r.ok()) return -2;
  return r->degree.value_or(-1) + static_cast<int>(r->mutual);
}

int CDegree(const liaison_graph* g, uint64_t from, uint64_t to) {
  liaison_degree_result* r = nullptr;
  if (liaison_degree(g, nullptr, from, to, &r, nullptr) != LIAISON_OK) return -2;
  const int answer = liaison_degree_result_degree(r) +
                     static_cast<int>(liaison_degree_result_mutual(r)) +
                     liaison_degree_result_truncated(r);
  liaison_degree_result_destroy(r);
  return answer;
}

void BM_DegreeCppExternal(benchmark::State& state) {
  const Setup& s = GetSetup();
  const Pairs& p = s.pairs[state.range(0)];
  const DegreeOptions options;
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(CppDegree(*s.cpp, p.from[i], p.to[i], options));
    i = (i + 1) % p.from.size();
  }
  Label(state);
}

void BM_DegreeC(benchmark::State& state) {
  const Setup& s = GetSetup();
  const Pairs& p = s.pairs[state.range(0)];
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(CDegree(s.c, p.from[i], p.to[i]));
    i = (i + 1) % p.from.size();
  }
  Label(state);
}

// Chained: the next pair depends on this answer (as when a caller uses each answer before asking
// again), so consecutive queries cannot overlap their memory accesses; this measures latency.
// The unchained loops above measure throughput, where the CPU overlaps the cache misses of
// consecutive independent queries as far as its reorder window allows.
void BM_DegreeCppExternalChained(benchmark::State& state) {
  const Setup& s = GetSetup();
  const Pairs& p = s.pairs[state.range(0)];
  const DegreeOptions options;
  size_t i = 0;
  for (auto _ : state) {
    const int answer = CppDegree(*s.cpp, p.from[i], p.to[i], options);
    i = (i + 1 + (answer == -1000)) % p.from.size();
  }
  Label(state);
}

void BM_DegreeCChained(benchmark::State& state) {
  const Setup& s = GetSetup();
  const Pairs& p = s.pairs[state.range(0)];
  size_t i = 0;
  for (auto _ : state) {
    const int answer = CDegree(s.c, p.from[i], p.to[i]);
    i = (i + 1 + (answer == -1000)) % p.from.size();
  }
  Label(state);
}

double Median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

// One iteration = one pass over all pairs through each API, the two passes in alternating order.
// Each pair keeps its fastest time per API over the passes (dropping preemptions and the odd cold
// miss); the counters are medians over the pairs.
void BM_DegreePaired(benchmark::State& state) {
  using Clock = std::chrono::steady_clock;
  const Setup& s = GetSetup();
  const Pairs& p = s.pairs[state.range(0)];
  const DegreeOptions options;
  const size_t n = p.from.size();
  std::vector<double> best_cpp(n, 1e300), best_c(n, 1e300);
  bool c_first = false;
  for (auto _ : state) {
    for (int side = 0; side < 2; ++side) {
      const bool c = (side == 0) == c_first;
      for (size_t i = 0; i < n; ++i) {
        const auto t0 = Clock::now();
        const int answer =
            c ? CDegree(s.c, p.from[i], p.to[i]) : CppDegree(*s.cpp, p.from[i], p.to[i], options);
        const double ns = std::chrono::duration<double, std::nano>(Clock::now() - t0).count();
        benchmark::DoNotOptimize(answer);
        double& best = c ? best_c[i] : best_cpp[i];
        best = std::min(best, ns);
      }
    }
    c_first = !c_first;
  }
  // Same answers through both APIs.
  for (size_t i = 0; i < n; ++i) {
    if (CDegree(s.c, p.from[i], p.to[i]) != CppDegree(*s.cpp, p.from[i], p.to[i], options)) {
      state.SkipWithError("the C and C++ answers differ");
      return;
    }
  }
  std::vector<double> diff(n);
  for (size_t i = 0; i < n; ++i) diff[i] = best_c[i] - best_cpp[i];
  const double cpp = Median(best_cpp), c = Median(best_c);
  state.counters["cpp_median_ns"] = cpp;
  state.counters["c_median_ns"] = c;
  state.counters["diff_median_ns"] = Median(diff);
  state.counters["overhead_pct"] = 100.0 * (c - cpp) / cpp;
  Label(state);
}

BENCHMARK(BM_DegreeCppDense)->Arg(0)->Arg(1);
BENCHMARK(BM_DegreeCppExternal)->Arg(0)->Arg(1);
BENCHMARK(BM_DegreeC)->Arg(0)->Arg(1);
BENCHMARK(BM_DegreeCppExternalChained)->Arg(0)->Arg(1);
BENCHMARK(BM_DegreeCChained)->Arg(0)->Arg(1);
BENCHMARK(BM_DegreePaired)->Arg(0)->Arg(1)->Iterations(16);

}  // namespace
}  // namespace liaison

BENCHMARK_MAIN();
