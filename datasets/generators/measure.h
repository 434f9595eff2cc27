// Structural measurements of a network, to compare generated graphs with real ones
// (datasets/README.md): degree distribution summaries and clustering.
//
// Conventions (those of SNAP and networkx):
//   - local clustering C(v) = triangles(v) / (d(v) * (d(v) - 1) / 2), and C(v) = 0 when d(v) < 2;
//     the average is over all members, isolated ones included;
//   - transitivity = 3 * triangles / connected triples = sum_v triangles(v) / sum_v d(v)(d(v)-1)/2;
//   - percentiles are nearest-rank: the p-th percentile is the smallest degree d such that at
//     least ceil(p * n) members have degree <= d.
// Thread-safety: the functions only read the snapshot; they run in the caller's oneTBB arena.

#ifndef LIAISON_DATASETS_GENERATORS_MEASURE_H_
#define LIAISON_DATASETS_GENERATORS_MEASURE_H_

#include <cstdint>
#include <vector>

#include "liaison/graph.h"

namespace liaison::generators {

struct DegreeStats {
  uint64_t members = 0;
  uint64_t connections = 0;
  uint64_t isolated = 0;  // degree 0
  uint32_t min = 0, median = 0, p90 = 0, p99 = 0, max = 0;
  double mean = 0;  // 2 * connections / members
  // Log-binned histogram: bin 0 holds degree 0, bin k >= 1 holds degrees [2^(k-1), 2^k - 1].
  // Ends at the bin holding the maximum degree.
  struct Bin {
    uint32_t lo, hi;
    uint64_t count;
  };
  std::vector<Bin> histogram;
};

// Exact, O(n + max degree).
DegreeStats MeasureDegrees(const Snapshot& g);

struct ClusteringOptions {
  // 0: exact (every member, every triangle). Otherwise estimate from this many members drawn
  // uniformly (with replacement) for the average local clustering, and from this many uniformly
  // drawn connected triples (wedge sampling) for transitivity. Deterministic per seed.
  uint64_t samples = 0;
  uint64_t seed = 1;
};

struct ClusteringStats {
  double average_local = 0;
  double transitivity = 0;
  uint64_t triangles = 0;  // exact mode only
  uint64_t triples = 0;    // connected triples (wedges), exact in both modes
  bool exact = true;
};

// Exact mode: triangles counted once each over the degree-ordered orientation (each connection
// directed from the lower to the higher (degree, index)), by sorted-list intersection of
// out-lists, in parallel; each triangle is credited to its three members with relaxed atomic
// adds. O(m * sqrt(m)) time at worst, O(n + m) extra memory.
// Sampled mode: each sampled member's triangles by sorted-list intersections of its list with
// its neighbours' lists; each sampled triple closed or not by one binary search.
ClusteringStats MeasureClustering(const Snapshot& g, const ClusteringOptions& options = {});

}  // namespace liaison::generators

#endif  // LIAISON_DATASETS_GENERATORS_MEASURE_H_
