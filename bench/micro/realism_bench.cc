// Realism of the generated networks next to real ones: degree summaries, average local
// clustering and transitivity, measured by datasets/generators/measure.h on
//   - real networks from shared/datasets/real (read by the small edge-list reader below, kept
//     independent of engine/io), built with BuildSnapshot;
//   - generated professional networks (GenerateProfessionalNetwork, then BuildSnapshot);
//   - Kronecker (Graph500) graphs of a similar size.
// Each benchmark times MeasureClustering (exact unless the name says "sampled") and reports the
// measurements as counters; it also prints one markdown table row (and the log-binned degree
// histogram) to stderr, which is how the table in datasets/README.md was made.
//
//   build/release/realism_bench --benchmark_filter=... 2>table.md
// Real files are looked up in $LIAISON_DATASETS_DIR, else <source>/../shared/datasets/real.

#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "datasets/generators/kronecker.h"
#include "datasets/generators/measure.h"
#include "datasets/generators/network_model.h"
#include "datasets/generators/professional_network.h"
#include "liaison/builder.h"

namespace liaison {
namespace {

using generators::ClusteringOptions;
using generators::ClusteringStats;
using generators::DegreeStats;

std::string DatasetsDir() {
  const char* env = std::getenv("LIAISON_DATASETS_DIR");
  if (env != nullptr && *env != '\0') return env;
  // This file is bench/micro/realism_bench.cc under the source tree.
  const std::filesystem::path source = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
  return (source / ".." / "shared" / "datasets" / "real").string();
}

// Reads "u v" lines (space, tab or comma separated; CRLF or LF; '#' comments and a non-numeric
// header line skipped), gzip or plain. Returns false when the file cannot be read.
bool ReadEdgeList(const std::string& path, std::vector<ConnectionBatch>* batches) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  ConnectionBatch batch;
  std::vector<char> line(1 << 16);
  while (gzgets(f, line.data(), static_cast<int>(line.size())) != nullptr) {
    const char* p = line.data();
    while (*p == ' ' || *p == '\t') ++p;
    if (*p < '0' || *p > '9') continue;  // comment, header or blank
    char* end;
    const uint64_t a = std::strtoull(p, &end, 10);
    p = end;
    while (*p == ' ' || *p == '\t' || *p == ',') ++p;
    if (*p < '0' || *p > '9') continue;
    const uint64_t b = std::strtoull(p, &end, 10);
    batch.a.push_back(a);
    batch.b.push_back(b);
  }
  gzclose(f);
  batches->push_back(std::move(batch));
  return true;
}

std::shared_ptr<const Snapshot> Build(std::vector<ConnectionBatch> batches, const MemberTable* members) {
  auto g = BuildSnapshot(std::move(batches), members, nullptr);
  if (!g.ok()) {
    std::fprintf(stderr, "build failed: %s\n", g.status().ToString().c_str());
    std::abort();
  }
  return *std::move(g);
}

void Report(benchmark::State& state, const std::string& name, const Snapshot& g, const DegreeStats& d,
            const ClusteringStats& c) {
  state.counters["members"] = static_cast<double>(d.members);
  state.counters["connections"] = static_cast<double>(d.connections);
  state.counters["mean_deg"] = d.mean;
  state.counters["median_deg"] = d.median;
  state.counters["p99_deg"] = d.p99;
  state.counters["max_deg"] = d.max;
  state.counters["avg_clust"] = c.average_local;
  state.counters["transitivity"] = c.transitivity;
  std::fprintf(stderr, "| %s | %llu | %llu | %.1f | %u | %u | %u | %u | %u | %.3f | %.3f |\n", name.c_str(),
               static_cast<unsigned long long>(d.members), static_cast<unsigned long long>(d.connections),
               d.mean, d.min, d.median, d.p90, d.p99, d.max, c.average_local, c.transitivity);
  std::string hist = "  histogram " + name + ":";
  for (const auto& bin : d.histogram) {
    hist += " [" + std::to_string(bin.lo) + "," + std::to_string(bin.hi) + "]=" + std::to_string(bin.count);
  }
  std::fprintf(stderr, "%s\n", hist.c_str());
}

void Measure(benchmark::State& state, const std::string& name, const Snapshot& g, uint64_t samples) {
  const DegreeStats d = generators::MeasureDegrees(g);
  ClusteringStats c;
  for (auto _ : state) {
    c = generators::MeasureClustering(g, ClusteringOptions{samples, 1});
    benchmark::DoNotOptimize(c);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * g.num_connections()));
  Report(state, name + (samples ? " (sampled)" : ""), g, d, c);
}

void BM_RealNetwork(benchmark::State& state, const char* file) {
  std::vector<ConnectionBatch> batches;
  if (!ReadEdgeList(DatasetsDir() + "/" + file, &batches)) {
    state.SkipWithError((std::string("cannot read ") + file).c_str());
    return;
  }
  const auto g = Build(std::move(batches), nullptr);
  Measure(state, file, *g, 0);
}
BENCHMARK_CAPTURE(BM_RealNetwork, facebook, "facebook_combined.txt.gz")->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK_CAPTURE(BM_RealNetwork, enron, "email-Enron.txt.gz")->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK_CAPTURE(BM_RealNetwork, astroph, "ca-AstroPh.txt.gz")->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK_CAPTURE(BM_RealNetwork, condmat, "CA-CondMat.txt.gz")->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK_CAPTURE(BM_RealNetwork, github, "musae_git_edges.csv.gz")->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK_CAPTURE(BM_RealNetwork, slashdot, "soc-Slashdot0902.txt.gz")->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

// Where the generated ties come from, over every connection, from the model's own attributes
// (hidden profile fields included): shares of ties within a company, a company or past company,
// a school, an industry, a city, and the mean strength of same-company and other ties.
void ReportTieContexts(benchmark::State& state, const generators::ProfessionalNetworkOptions& options) {
  const generators::internal::NetworkModel model(options);
  generators::internal::Scratch scratch;
  std::vector<generators::internal::OwnedEdge> edges;
  double total = 0, company = 0, workplace = 0, school = 0, industry = 0, location = 0;
  double strength_company = 0, strength_other = 0;
  for (uint32_t u = 0; u < model.num_members(); ++u) {
    edges.clear();
    model.OwnedConnections(u, scratch, &edges);
    const auto& a = model.info(u);
    for (const auto& e : edges) {
      const auto& b = model.info(e.target);
      const bool same_company = a.company != generators::internal::kNone && a.company == b.company;
      const bool past = (a.past_company != generators::internal::kNone && a.past_company == b.company) ||
                        (b.past_company != generators::internal::kNone && b.past_company == a.company);
      ++total;
      company += same_company;
      workplace += same_company || past;
      school += a.school != 0 && a.school == b.school;
      industry += a.industry == b.industry;
      location += a.location == b.location;
      (same_company ? strength_company : strength_other) += e.strength_pct / 100.0;
    }
  }
  state.counters["same_company"] = company / total;
  state.counters["same_workplace"] = workplace / total;
  state.counters["same_school"] = school / total;
  std::fprintf(stderr,
               "  ties: same company %.3f, same current or past company %.3f, same school %.3f, "
               "same industry %.3f, same city %.3f; mean strength same company %.3f, other %.3f\n",
               company / total, workplace / total, school / total, industry / total, location / total,
               strength_company / company, strength_other / (total - company));
}

// Args: members, average degree, sample count (0 = exact).
void BM_GeneratedNetwork(benchmark::State& state) {
  generators::ProfessionalNetworkOptions options;
  options.members = static_cast<uint64_t>(state.range(0));
  options.avg_degree = static_cast<double>(state.range(1));
  options.seed = 1;
  auto net = generators::GenerateProfessionalNetwork(options);
  if (!net.ok()) {
    state.SkipWithError(net.status().ToString().c_str());
    return;
  }
  const auto g = Build(std::move(net->connections), &net->members);
  Measure(state, "generated " + std::to_string(state.range(0)) + "/" + std::to_string(state.range(1)), *g,
          static_cast<uint64_t>(state.range(2)));
  if (state.range(2) == 0) ReportTieContexts(state, options);
}
BENCHMARK(BM_GeneratedNetwork)
    ->Args({20000, 40, 0})
    ->Args({100000, 10, 0})
    ->Args({100000, 40, 0})
    ->Args({1000000, 40, 0})
    ->Args({1000000, 40, 200000})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

// Args: scale, edge factor.
void BM_KroneckerNetwork(benchmark::State& state) {
  generators::KroneckerOptions options;
  options.scale = static_cast<int>(state.range(0));
  options.edge_factor = static_cast<int>(state.range(1));
  auto rows = generators::KroneckerConnections(options);
  if (!rows.ok()) {
    state.SkipWithError(rows.status().ToString().c_str());
    return;
  }
  const auto g = Build(*std::move(rows), nullptr);
  Measure(state, "kronecker " + std::to_string(state.range(0)) + "/" + std::to_string(state.range(1)), *g, 0);
}
BENCHMARK(BM_KroneckerNetwork)->Args({17, 20})->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace
}  // namespace liaison

BENCHMARK_MAIN();
