// Snapshot-file benchmarks on a Kronecker graph (Graph500 parameters; scale 22 and edge factor 16
// by default, about 120M directed adjacency entries after merging duplicates):
//   BM_Open            OpenSnapshotFile without verify, and the release of the snapshot.
//   BM_OpenAndScan     open, then read every neighbour once through the mapping (the first-touch
//                      cost a query pays later), for files with 4 KiB and 2 MiB section alignment.
//   BM_Verify          VerifySnapshotFile: every section checksum, then Snapshot::Validate().
//   BM_ChecksumsOnly   open and hash every array of the (plain) graph once.
//   BM_ValidateInMemory Snapshot::Validate() on the built snapshot: the part of BM_Verify that is
//                      not checksums.
//   BM_Write           WriteSnapshotFile, including the fsyncs and the rename.
// The graph is generated and built once, and written to $TMPDIR (default /tmp) before the runs; the
// files are removed at the end. LIAISON_BENCH_SCALE and LIAISON_BENCH_EDGE_FACTOR override the
// size. The file is in the page cache throughout (it was just written): these are warm-cache
// figures.

#include <unistd.h>
#include <xxhash.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "benchmark/benchmark.h"
#include "datasets/generators/kronecker.h"
#include "engine/io/snapshot_file_format.h"
#include "liaison/builder.h"
#include "liaison/snapshot_file.h"

namespace liaison {
namespace {

struct Fixture {
  std::shared_ptr<const Snapshot> graph;
  std::string path_4k;  // written with the default 4 KiB alignment
  std::string path_2m;  // written with 2 MiB alignment
  std::string path_write;
};
Fixture* fixture = nullptr;

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atoi(v) : fallback;
}

// FilePmdMapped from /proc/self/smaps_rollup, in kB: file pages mapped as 2 MiB pages.
long FilePmdMappedKb() {
  std::ifstream in("/proc/self/smaps_rollup");
  std::string line;
  long kb;
  while (std::getline(in, line)) {
    if (std::sscanf(line.c_str(), "FilePmdMapped: %ld kB", &kb) == 1) return kb;
  }
  return -1;
}

void BM_Open(benchmark::State& state) {
  for (auto _ : state) {
    auto g = OpenSnapshotFile(fixture->path_4k);
    if (!g.ok()) {
      state.SkipWithError(g.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize((*g)->num_adjacencies());
  }
}
BENCHMARK(BM_Open)->Unit(benchmark::kMicrosecond)->Repetitions(5)->ReportAggregatesOnly(true);

void BM_OpenAndScan(benchmark::State& state) {
  const std::string& path = state.range(0) == 4096 ? fixture->path_4k : fixture->path_2m;
  uint64_t bytes = 0;
  long pmd_kb = 0;
  for (auto _ : state) {
    auto g = OpenSnapshotFile(path);
    if (!g.ok()) {
      state.SkipWithError(g.status().ToString().c_str());
      return;
    }
    uint64_t sum = 0;
    for (VertexId u : (*g)->parts().neighbors) sum += u;
    benchmark::DoNotOptimize(sum);
    bytes += (*g)->parts().neighbors.size_bytes();
    pmd_kb = FilePmdMappedKb();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["file_pmd_mapped_MB"] = static_cast<double>(pmd_kb) / 1024.0;
}
BENCHMARK(BM_OpenAndScan)
    ->Arg(4096)
    ->Arg(2 << 20)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

void BM_Verify(benchmark::State& state) {
  for (auto _ : state) {
    const absl::Status st = VerifySnapshotFile(fixture->path_4k);
    if (!st.ok()) {
      state.SkipWithError(st.ToString().c_str());
      return;
    }
  }
}
BENCHMARK(BM_Verify)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true)
    ->UseRealTime();

// The checksum half of BM_Verify: open, then XXH3 over every array, one after the other (verify
// hashes the sections in parallel).
void BM_ChecksumsOnly(benchmark::State& state) {
  for (auto _ : state) {
    auto g = OpenSnapshotFile(fixture->path_4k);
    if (!g.ok()) {
      state.SkipWithError(g.status().ToString().c_str());
      return;
    }
    const Snapshot::Parts& p = (*g)->parts();
    uint64_t h = XXH3_64bits(p.offsets.data(), p.offsets.size_bytes());
    h ^= XXH3_64bits(p.neighbors.data(), p.neighbors.size_bytes());
    h ^= XXH3_64bits(p.external_ids.data(), p.external_ids.size_bytes());
    h ^= XXH3_64bits(p.id_index.data(), p.id_index.size_bytes());
    h ^= XXH3_64bits(p.flags.data(), p.flags.size_bytes());
    benchmark::DoNotOptimize(h);
  }
}
BENCHMARK(BM_ChecksumsOnly)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true)
    ->UseRealTime();

void BM_ValidateInMemory(benchmark::State& state) {
  for (auto _ : state) {
    const absl::Status st = fixture->graph->Validate();
    if (!st.ok()) {
      state.SkipWithError(st.ToString().c_str());
      return;
    }
  }
}
BENCHMARK(BM_ValidateInMemory)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true)
    ->UseRealTime();

void BM_Write(benchmark::State& state) {
  for (auto _ : state) {
    const absl::Status st = WriteSnapshotFile(*fixture->graph, fixture->path_write);
    if (!st.ok()) {
      state.SkipWithError(st.ToString().c_str());
      return;
    }
  }
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * std::filesystem::file_size(fixture->path_write)));
}
BENCHMARK(BM_Write)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true)
    ->UseRealTime();

int Setup() {
  generators::KroneckerOptions options;
  options.scale = EnvInt("LIAISON_BENCH_SCALE", 22);
  options.edge_factor = EnvInt("LIAISON_BENCH_EDGE_FACTOR", 16);
  const auto start = std::chrono::steady_clock::now();
  auto batches = generators::KroneckerConnections(options);
  if (!batches.ok()) {
    std::fprintf(stderr, "%s\n", batches.status().ToString().c_str());
    return 1;
  }
  auto g = BuildSnapshot(*std::move(batches), nullptr, nullptr);
  if (!g.ok()) {
    std::fprintf(stderr, "%s\n", g.status().ToString().c_str());
    return 1;
  }
  fixture->graph = *std::move(g);
  const std::string dir = std::filesystem::temp_directory_path().string();
  const std::string stem = dir + "/liaison_snapshot_bench_" + std::to_string(::getpid());
  fixture->path_4k = stem + "_4k.liaison";
  fixture->path_2m = stem + "_2m.liaison";
  fixture->path_write = stem + "_w.liaison";
  absl::Status st = WriteSnapshotFile(*fixture->graph, fixture->path_4k);
  if (st.ok()) {
    st = snapshot_format::WriteSnapshotFileAligned(*fixture->graph, fixture->path_2m, 2 << 20);
  }
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.ToString().c_str());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(
      stderr,
      "kronecker scale %d edge factor %d: %u members, %llu adjacencies; %s is %llu bytes, "
      "%s is %llu bytes (setup %.1f s)\n",
      options.scale, options.edge_factor, fixture->graph->num_members(),
      static_cast<unsigned long long>(fixture->graph->num_adjacencies()), fixture->path_4k.c_str(),
      static_cast<unsigned long long>(std::filesystem::file_size(fixture->path_4k)),
      fixture->path_2m.c_str(),
      static_cast<unsigned long long>(std::filesystem::file_size(fixture->path_2m)), seconds);
  return 0;
}

}  // namespace
}  // namespace liaison

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  liaison::Fixture fixture;
  liaison::fixture = &fixture;
  const int rc = liaison::Setup();
  if (rc == 0) benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code ec;
  for (const std::string& p : {fixture.path_4k, fixture.path_2m, fixture.path_write}) {
    if (!p.empty()) std::filesystem::remove(p, ec);
  }
  return rc;
}
