// Batch mode (`liaison query`, RunJsonLines) throughput on 1 thread and on N threads, for degree
// requests on the Kronecker scale-20 edge-factor-16 graph (qa_bench_common.h).
//
// The requests are 20,000 JSON lines {"op":"degree","from":A,"to":B} over the degree benchmark's
// pairs (half uniform, half joined by a random walk of 1 to 3 steps), read from memory and answered
// into memory, so the figure is parsing + query + answer formatting, without disk. Each benchmark
// counts requests per second (items_per_second). BM_BatchScaling runs the 1-thread and the
// N-thread batch alternately, several rounds, and reports the median of the per-round ratios
// (counter `speedup`), which a busy machine disturbs less than two separate benchmarks do.

#include <algorithm>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/micro/qa_bench_common.h"
#include "benchmark/benchmark.h"
#include "liaison/json_api.h"

namespace liaison::bench {
namespace {

constexpr size_t kRequests = 20000;

const std::string& DegreeRequests() {
  static const std::string text = [] {
    const Snapshot& g = Kron();
    std::string out;
    for (const auto& [a, b] : DegreePairs(g, kRequests, 7)) {
      out += "{\"op\":\"degree\",\"from\":" + std::to_string(g.external_id(a)) +
             ",\"to\":" + std::to_string(g.external_id(b)) + "}\n";
    }
    return out;
  }();
  return text;
}

// Runs the whole batch once; returns its wall time in seconds.
double RunBatch(int threads) {
  std::istringstream in(DegreeRequests());
  std::ostringstream out;
  BatchOptions options;
  options.threads = threads;
  BatchReport report;
  const double t0 = NowMicros();
  const absl::Status s = RunJsonLines(Kron(), in, out, options, &report);
  const double seconds = (NowMicros() - t0) / 1e6;
  if (!s.ok() || report.lines != kRequests || report.errors != 0) {
    std::fprintf(stderr, "batch failed: %s, %lu lines, %lu errors\n", s.ToString().c_str(),
                 static_cast<unsigned long>(report.lines),
                 static_cast<unsigned long>(report.errors));
    std::abort();
  }
  return seconds;
}

int AllThreads() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

void BM_BatchDegree(benchmark::State& state) {
  const int threads = state.range(0) == 0 ? AllThreads() : static_cast<int>(state.range(0));
  DegreeRequests();
  for (auto _ : state) benchmark::DoNotOptimize(RunBatch(threads));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kRequests));
  state.counters["threads"] = threads;
}
BENCHMARK(BM_BatchDegree)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_BatchScaling(benchmark::State& state) {
  const int threads = AllThreads();
  DegreeRequests();
  std::vector<double> ratios, one, many;
  for (auto _ : state) {
    const double t1 = RunBatch(1);
    const double tn = RunBatch(threads);
    one.push_back(kRequests / t1);
    many.push_back(kRequests / tn);
    ratios.push_back(t1 / tn);
  }
  state.counters["threads"] = threads;
  state.counters["speedup"] = Median(ratios);
  state.counters["req_per_s_1"] = Median(one);
  state.counters["req_per_s_n"] = Median(many);
}
BENCHMARK(BM_BatchScaling)->Iterations(9)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace liaison::bench

BENCHMARK_MAIN();
