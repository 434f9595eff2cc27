// Speed of the synthetic network generators (items = connection rows, wall-clock time since the
// work runs on oneTBB workers):
//   BM_GenerateInMemory/members/avg_degree   GenerateProfessionalNetwork (model + rows + members)
//   BM_WriteFiles/members/avg_degree         WriteProfessionalNetwork to a scratch directory
//                                            (members.tsv + connections.tsv, page cache)
//   BM_WriteFilesLarge/10000000/40           the same at 10M members (LIAISON_BENCH_LARGE=1)
//   BM_WriteKronecker/scale/edge_factor      WriteKroneckerNetwork
// The scratch directory is $LIAISON_BENCH_TMP, else the system temporary directory; files are
// deleted after each benchmark. bytes_per_second counts connections.tsv only.

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "benchmark/benchmark.h"
#include "datasets/generators/professional_network.h"

namespace liaison {
namespace {

std::filesystem::path ScratchDir(const std::string& name) {
  const char* env = std::getenv("LIAISON_BENCH_TMP");
  const std::filesystem::path base = env && *env ? std::filesystem::path(env)
                                                 : std::filesystem::temp_directory_path();
  return base / ("liaison_generator_bench_" + std::to_string(::getpid()) + "_" + name);
}

// Rows of a TSV file with a header line.
uint64_t CountRows(const std::filesystem::path& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return 0;
  static char buffer[1 << 20];
  uint64_t lines = 0;
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), f)) > 0) {
    for (size_t i = 0; i < n; ++i) lines += buffer[i] == '\n';
  }
  std::fclose(f);
  return lines == 0 ? 0 : lines - 1;
}

void BM_GenerateInMemory(benchmark::State& state) {
  generators::ProfessionalNetworkOptions options;
  options.members = static_cast<uint64_t>(state.range(0));
  options.avg_degree = static_cast<double>(state.range(1));
  uint64_t rows = 0;
  for (auto _ : state) {
    auto net = generators::GenerateProfessionalNetwork(options);
    if (!net.ok()) {
      state.SkipWithError(net.status().ToString().c_str());
      return;
    }
    rows = 0;
    for (const auto& batch : net->connections) rows += batch.size();
    benchmark::DoNotOptimize(net);
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * rows));
}
BENCHMARK(BM_GenerateInMemory)
    ->Args({100000, 40})
    ->Args({1000000, 10})
    ->Args({1000000, 40})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_WriteFiles(benchmark::State& state) {
  generators::ProfessionalNetworkOptions options;
  options.members = static_cast<uint64_t>(state.range(0));
  options.avg_degree = static_cast<double>(state.range(1));
  const auto dir = ScratchDir("network");
  for (auto _ : state) {
    const absl::Status s = generators::WriteProfessionalNetwork(options, dir.string(), nullptr);
    if (!s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      break;
    }
  }
  const uint64_t rows = CountRows(dir / "connections.tsv");
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["members_MB"] = static_cast<double>(std::filesystem::file_size(dir / "members.tsv")) / 1e6;
  state.counters["connections_MB"] =
      static_cast<double>(std::filesystem::file_size(dir / "connections.tsv")) / 1e6;
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * rows));
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * std::filesystem::file_size(dir / "connections.tsv")));
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_WriteFiles)
    ->Args({100000, 40})
    ->Args({1000000, 10})
    ->Args({1000000, 40})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// 10M members, 200M connections (about 6 GB of text): run only with LIAISON_BENCH_LARGE=1.
void BM_WriteFilesLarge(benchmark::State& state) {
  const char* large = std::getenv("LIAISON_BENCH_LARGE");
  if (large == nullptr || std::string(large) != "1") {
    state.SkipWithError("set LIAISON_BENCH_LARGE=1 to write 10M members / 200M connections");
    return;
  }
  BM_WriteFiles(state);
}
BENCHMARK(BM_WriteFilesLarge)->Args({10000000, 40})->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

void BM_WriteKronecker(benchmark::State& state) {
  generators::KroneckerOptions options;
  options.scale = static_cast<int>(state.range(0));
  options.edge_factor = static_cast<int>(state.range(1));
  const auto dir = ScratchDir("kronecker");
  for (auto _ : state) {
    const absl::Status s = generators::WriteKroneckerNetwork(options, dir.string(), nullptr);
    if (!s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      break;
    }
  }
  const uint64_t rows = static_cast<uint64_t>(options.edge_factor) << options.scale;
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * rows));
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * std::filesystem::file_size(dir / "connections.tsv")));
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_WriteKronecker)->Args({16, 16})->Args({20, 16})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace liaison

BENCHMARK_MAIN();
