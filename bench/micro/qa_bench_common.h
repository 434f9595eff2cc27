// Shared helpers of the degree / reach / mutual benchmarks: the Kronecker scale-20 edge-factor-16
// graph built once per process, seeded query inputs, percentiles, and a Boost.Graph
// compressed_sparse_row_graph twin of the snapshot for side-by-side baselines.

#ifndef LIAISON_BENCH_MICRO_QA_BENCH_COMMON_H_
#define LIAISON_BENCH_MICRO_QA_BENCH_COMMON_H_

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"
#include "datasets/generators/kronecker.h"
#include "datasets/generators/professional_network.h"
#include "liaison/builder.h"
#include "liaison/graph.h"

namespace liaison::bench {

inline std::shared_ptr<const Snapshot> BuildKronecker(int scale, int edge_factor) {
  auto batches =
      generators::KroneckerConnections({.scale = scale, .edge_factor = edge_factor, .seed = 1});
  if (!batches.ok()) {
    std::fprintf(stderr, "%s\n", batches.status().ToString().c_str());
    std::abort();
  }
  auto g = BuildSnapshot(*std::move(batches), nullptr, nullptr);
  if (!g.ok()) {
    std::fprintf(stderr, "%s\n", g.status().ToString().c_str());
    std::abort();
  }
  return *std::move(g);
}

// Kronecker scale 20, edge factor 16 (scale from $LIAISON_BENCH_SCALE when set), built once.
inline const Snapshot& Kron() {
  static const std::shared_ptr<const Snapshot> g = [] {
    const char* s = std::getenv("LIAISON_BENCH_SCALE");
    const int scale = s ? std::atoi(s) : 20;
    const auto t0 = std::chrono::steady_clock::now();
    auto snap = BuildKronecker(scale, 16);
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "kronecker scale %d: %u members, %lu connections, built in %.1f s\n",
                 scale, snap->num_members(), static_cast<unsigned long>(snap->num_connections()),
                 secs);
    return snap;
  }();
  return *g;
}

using BoostCsr = boost::compressed_sparse_row_graph<boost::directedS>;

// The same adjacency as `g` (both directions of every connection) in Boost.Graph's own CSR.
inline std::unique_ptr<BoostCsr> BoostTwin(const Snapshot& g) {
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  edges.reserve(g.num_adjacencies());
  for (VertexId v = 0; v < g.num_members(); ++v) {
    for (const VertexId u : g.neighbors(v)) edges.emplace_back(v, u);
  }
  return std::make_unique<BoostCsr>(boost::edges_are_sorted, edges.begin(), edges.end(),
                                    g.num_members());
}

// Kron()'s Boost.Graph twin, built once.
inline const BoostCsr& KronBoost() {
  static const std::unique_ptr<BoostCsr> csr = BoostTwin(Kron());
  return *csr;
}

// The generated professional network of `members` members, average degree 40, seed 1, without
// its members table (as the harness builds pro-100k / pro-1m: nobody hides connections).
inline std::shared_ptr<const Snapshot> BuildProfessional(uint64_t members) {
  generators::ProfessionalNetworkOptions options;
  options.members = members;
  options.avg_degree = 40;
  options.seed = 1;
  const auto t0 = std::chrono::steady_clock::now();
  auto network = generators::GenerateProfessionalNetwork(options);
  if (!network.ok()) {
    std::fprintf(stderr, "%s\n", network.status().ToString().c_str());
    std::abort();
  }
  auto g = BuildSnapshot(std::move(network->connections), nullptr, nullptr);
  if (!g.ok()) {
    std::fprintf(stderr, "%s\n", g.status().ToString().c_str());
    std::abort();
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "professional network: %u members, %lu connections, built in %.1f s\n",
               (*g)->num_members(), static_cast<unsigned long>((*g)->num_connections()), secs);
  return *std::move(g);
}

// A random member with at least one connection.
inline VertexId RandomConnected(const Snapshot& g, std::mt19937_64& rng) {
  for (;;) {
    const VertexId v = rng() % g.num_members();
    if (g.degree(v) > 0) return v;
  }
}

// The degree benchmark's pairs: half uniform over all members, half joined by a random walk of 1
// to 3 steps from a random connected member.
inline std::vector<std::pair<VertexId, VertexId>> DegreePairs(const Snapshot& g, size_t count,
                                                              uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::pair<VertexId, VertexId>> pairs;
  for (size_t i = 0; i < count; ++i) {
    if (i % 2 == 0) {
      pairs.emplace_back(rng() % g.num_members(), rng() % g.num_members());
    } else {
      const VertexId from = RandomConnected(g, rng);
      VertexId to = from;
      const int steps = 1 + rng() % 3;
      for (int s = 0; s < steps; ++s) to = g.neighbors(to)[rng() % g.degree(to)];
      pairs.emplace_back(from, to);
    }
  }
  return pairs;
}

inline double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5));
  return v[i];
}
inline double Median(const std::vector<double>& v) { return Percentile(v, 0.5); }

inline double NowMicros() {
  return std::chrono::duration<double, std::micro>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Times f(0) .. f(n - 1) one call at a time in every benchmark iteration (after one untimed
// warm-up pass for scratch pages and caches, unless `warm_up` is false), reports the total as the
// iteration's manual time and the calls' median, p99 and mean as counters (microseconds).
template <typename F>
void TimePerCall(benchmark::State& state, size_t n, F f, bool warm_up = true) {
  for (size_t i = 0; warm_up && i < n; ++i) f(i);
  std::vector<double> us;
  for (auto _ : state) {
    us.clear();
    auto total = std::chrono::duration<double>::zero();
    for (size_t i = 0; i < n; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      f(i);
      const auto dt = std::chrono::steady_clock::now() - t0;
      total += dt;
      us.push_back(std::chrono::duration<double, std::micro>(dt).count());
    }
    state.SetIterationTime(total.count());
  }
  std::sort(us.begin(), us.end());
  double sum = 0;
  for (double t : us) sum += t;
  state.counters["median_us"] = us[us.size() / 2];
  state.counters["p99_us"] = us[us.size() * 99 / 100];
  state.counters["mean_us"] = sum / us.size();
}

}  // namespace liaison::bench

#endif  // LIAISON_BENCH_MICRO_QA_BENCH_COMMON_H_
