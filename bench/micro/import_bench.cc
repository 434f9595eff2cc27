// Import speed: connections text -> Snapshot, on Kronecker (Graph500 R-MAT) networks written as
// `u<TAB>v` lines.
//
//   BM_ParseRows        text (mapped file) -> row chunks, the parser ImportGraph uses
//   BM_ParseBatches     text -> public ConnectionBatch vectors (ParseConnections)
//   BM_BuildFromBatches Kronecker batches in memory -> Snapshot (BuildSnapshot)
//   BM_BuildFromRows    parsed row chunks -> Snapshot (the builder half of ImportGraph)
//   BM_ImportFile       ImportGraph(file) end to end: map, parse, build
// Args: {scale, edge factor}; items are connection rows (edge_factor * 2^scale). Each benchmark
// also reports its phases (seconds per iteration) as counters named after the phase.
// The text file is written once into /tmp (liaison_import_bench_s<scale>_e<ef>.tsv) and reused.
//
//   build/release/import_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "datasets/generators/kronecker.h"
#include "engine/graph/row_chunks.h"
#include "engine/io/connections_parser.h"
#include "engine/io/input_file.h"
#include "liaison/builder.h"
#include "liaison/import.h"

namespace liaison {
namespace {

std::vector<ConnectionBatch> Kronecker(int scale, int edge_factor) {
  generators::KroneckerOptions o;
  o.scale = scale;
  o.edge_factor = edge_factor;
  auto batches = generators::KroneckerConnections(o);
  if (!batches.ok()) {
    std::fprintf(stderr, "kronecker: %s\n", batches.status().ToString().c_str());
    std::abort();
  }
  return *std::move(batches);
}

char* WriteId(char* p, uint64_t v) {
  char digits[20];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) *p++ = digits[--n];
  return p;
}

// The Kronecker network's text file, written on first use.
const std::string& TextFile(int scale, int edge_factor) {
  static std::map<std::pair<int, int>, std::string> files;
  auto it = files.find({scale, edge_factor});
  if (it != files.end()) return it->second;
  const std::string path = "/tmp/liaison_import_bench_s" + std::to_string(scale) + "_e" +
                           std::to_string(edge_factor) + ".tsv";
  if (!std::filesystem::exists(path)) {
    const std::string tmp = path + ".tmp" + std::to_string(getpid());
    FILE* f = std::fopen(tmp.c_str(), "wb");
    if (f == nullptr) std::abort();
    std::vector<char> buffer;
    for (const ConnectionBatch& b : Kronecker(scale, edge_factor)) {
      buffer.resize(b.size() * 42);
      char* p = buffer.data();
      for (size_t i = 0; i < b.size(); ++i) {
        p = WriteId(p, b.a[i]);
        *p++ = '\t';
        p = WriteId(p, b.b[i]);
        *p++ = '\n';
      }
      std::fwrite(buffer.data(), 1, p - buffer.data(), f);
    }
    std::fclose(f);
    std::filesystem::rename(tmp, path);
  }
  return files.emplace(std::make_pair(scale, edge_factor), path).first->second;
}

uint64_t Rows(const benchmark::State& state) {
  return static_cast<uint64_t>(state.range(1)) << state.range(0);
}

// Adds each phase's seconds (summed over iterations) as per-iteration average counters.
void AddPhases(std::map<std::string, double>& sums, const PhaseTimings& timings) {
  for (const ImportPhase& phase : timings) {
    sums[phase.name] += phase.wall_seconds;
    sums[phase.name + " [cpu]"] += phase.cpu_seconds;
    sums[phase.name + " [user]"] += phase.cpu_seconds - phase.kernel_seconds;
  }
}
void ReportPhases(benchmark::State& state, const std::map<std::string, double>& sums) {
  for (const auto& [phase, seconds] : sums) {
    state.counters[phase] = benchmark::Counter(seconds, benchmark::Counter::kAvgIterations);
  }
}

void BM_ParseRows(benchmark::State& state) {
  const std::string& path = TextFile(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  auto input = InputText::Open(path, nullptr);
  if (!input.ok()) state.SkipWithError(input.status().ToString().c_str());
  for (auto _ : state) {
    auto rows = ParseConnectionRows(input->text(), path, ImportOptions(), false, nullptr);
    if (!rows.ok()) state.SkipWithError(rows.status().ToString().c_str());
    benchmark::DoNotOptimize(rows);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Rows(state)));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input->text().size()));
}

void BM_ParseBatches(benchmark::State& state) {
  const std::string& path = TextFile(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  auto input = InputText::Open(path, nullptr);
  if (!input.ok()) state.SkipWithError(input.status().ToString().c_str());
  for (auto _ : state) {
    auto batches = ParseConnections(input->text(), path, ImportOptions(), nullptr);
    if (!batches.ok()) state.SkipWithError(batches.status().ToString().c_str());
    benchmark::DoNotOptimize(batches);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Rows(state)));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input->text().size()));
}

void BM_BuildFromBatches(benchmark::State& state) {
  const std::vector<ConnectionBatch> batches =
      Kronecker(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  std::map<std::string, double> phases;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<ConnectionBatch> copy = batches;
    state.ResumeTiming();
    PhaseTimings timings;
    auto g = BuildSnapshotTimed(std::move(copy), nullptr, nullptr, &timings);
    if (!g.ok()) state.SkipWithError(g.status().ToString().c_str());
    AddPhases(phases, timings);
    state.PauseTiming();
    g = absl::StatusOr<std::shared_ptr<const Snapshot>>();  // free outside the timing
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Rows(state)));
  ReportPhases(state, phases);
}

void BM_BuildFromRows(benchmark::State& state) {
  const std::string& path = TextFile(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  auto input = InputText::Open(path, nullptr);
  if (!input.ok()) state.SkipWithError(input.status().ToString().c_str());
  std::map<std::string, double> phases;
  for (auto _ : state) {
    state.PauseTiming();
    auto rows = ParseConnectionRows(input->text(), path, ImportOptions(), false, nullptr);
    if (!rows.ok()) state.SkipWithError(rows.status().ToString().c_str());
    state.ResumeTiming();
    PhaseTimings timings;
    auto g = BuildSnapshotFromRows(*std::move(rows), nullptr, nullptr, &timings);
    if (!g.ok()) state.SkipWithError(g.status().ToString().c_str());
    AddPhases(phases, timings);
    state.PauseTiming();
    g = absl::StatusOr<std::shared_ptr<const Snapshot>>();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Rows(state)));
  ReportPhases(state, phases);
}

void BM_ImportFile(benchmark::State& state) {
  const std::string& path = TextFile(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  std::map<std::string, double> phases;
  uint64_t kept = 0;
  for (auto _ : state) {
    ImportReport report;
    auto g = ImportGraph(path, "", ImportOptions(), &report);
    if (!g.ok()) state.SkipWithError(g.status().ToString().c_str());
    AddPhases(phases, report.phases);
    kept = report.build.connections_kept;
    state.PauseTiming();
    g = absl::StatusOr<std::shared_ptr<const Snapshot>>();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Rows(state)));
  state.counters["connections_kept"] = static_cast<double>(kept);
  ReportPhases(state, phases);
}

#define IMPORT_ARGS ->Args({16, 16})->Args({20, 16})->Unit(benchmark::kMillisecond)->UseRealTime()
BENCHMARK(BM_ParseRows) IMPORT_ARGS;
BENCHMARK(BM_ParseBatches) IMPORT_ARGS;
BENCHMARK(BM_BuildFromBatches) IMPORT_ARGS;
BENCHMARK(BM_BuildFromRows) IMPORT_ARGS;
BENCHMARK(BM_ImportFile) IMPORT_ARGS;

}  // namespace
}  // namespace liaison

BENCHMARK_MAIN();
