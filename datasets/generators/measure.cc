// Degree summaries and clustering of a snapshot (measure.h). Clustering in exact mode counts each
// triangle once on the degree-ordered orientation (Chiba-Nishizeki / Schank-Wagner "forward"),
// whose out-lists have at most sqrt(2m) entries, so hubs do not dominate the work.

#include "datasets/generators/measure.h"

#include <algorithm>
#include <atomic>

#include "datasets/generators/network_model.h"
#include "engine/util/buffer.h"
#include "oneapi/tbb/blocked_range.h"
#include "oneapi/tbb/parallel_for.h"
#include "oneapi/tbb/parallel_reduce.h"

namespace liaison::generators {
namespace {

using internal::Below;
using internal::Mix;

// Smallest degree d with at least ceil(num/den * n) members of degree <= d.
uint32_t Percentile(const std::vector<uint64_t>& counts, uint64_t n, uint64_t num, uint64_t den) {
  const uint64_t rank = std::max<uint64_t>(1, (num * n + den - 1) / den);
  uint64_t seen = 0;
  for (uint32_t d = 0; d < counts.size(); ++d) {
    seen += counts[d];
    if (seen >= rank) return d;
  }
  return static_cast<uint32_t>(counts.size() - 1);
}

// |a ∩ b| for sorted lists: merge when sizes are close, binary search of the smaller otherwise.
uint64_t IntersectionSize(std::span<const VertexId> a, std::span<const VertexId> b) {
  if (a.size() > b.size()) std::swap(a, b);
  uint64_t count = 0;
  if (b.size() > 32 * a.size()) {
    auto from = b.begin();
    for (VertexId x : a) {
      from = std::lower_bound(from, b.end(), x);
      if (from == b.end()) break;
      if (*from == x) ++count;
    }
    return count;
  }
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++count, ++i, ++j;
    }
  }
  return count;
}

inline uint64_t Triples(uint64_t d) { return d < 2 ? 0 : d * (d - 1) / 2; }

double LocalClustering(uint64_t triangles, uint64_t degree) {
  return degree < 2 ? 0.0 : static_cast<double>(triangles) / static_cast<double>(Triples(degree));
}

ClusteringStats ExactClustering(const Snapshot& g) {
  const uint32_t n = g.num_members();
  auto before = [&](VertexId a, VertexId b) {
    const uint32_t da = g.degree(a), db = g.degree(b);
    return da < db || (da == db && a < b);
  };
  // Out-lists of the orientation, in ascending index order (a filter of sorted lists).
  Buffer<uint64_t> offsets(uint64_t{n} + 1);
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, n, 4096), [&](const tbb::blocked_range<uint32_t>& r) {
    for (VertexId v = r.begin(); v != r.end(); ++v) {
      uint64_t out = 0;
      for (VertexId u : g.neighbors(v)) out += before(v, u);
      offsets[v + 1] = out;
    }
  });
  offsets[0] = 0;
  for (uint32_t v = 0; v < n; ++v) offsets[v + 1] += offsets[v];
  Buffer<VertexId> out(offsets[n]);
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, n, 4096), [&](const tbb::blocked_range<uint32_t>& r) {
    for (VertexId v = r.begin(); v != r.end(); ++v) {
      uint64_t pos = offsets[v];
      for (VertexId u : g.neighbors(v)) {
        if (before(v, u)) out[pos++] = u;
      }
    }
  });
  auto out_list = [&](VertexId v) {
    return std::span<const VertexId>(out.data() + offsets[v], offsets[v + 1] - offsets[v]);
  };

  Buffer<uint64_t> triangles(n, 0);
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, n, 256), [&](const tbb::blocked_range<uint32_t>& r) {
    for (VertexId v = r.begin(); v != r.end(); ++v) {
      const auto ov = out_list(v);
      uint64_t at_v = 0;
      for (VertexId u : ov) {
        const auto ou = out_list(u);
        uint64_t at_u = 0;
        size_t i = 0, j = 0;
        while (i < ov.size() && j < ou.size()) {
          if (ov[i] < ou[j]) {
            ++i;
          } else if (ou[j] < ov[i]) {
            ++j;
          } else {
            std::atomic_ref<uint64_t>(triangles[ov[i]]).fetch_add(1, std::memory_order_relaxed);
            ++at_u, ++i, ++j;
          }
        }
        if (at_u > 0) std::atomic_ref<uint64_t>(triangles[u]).fetch_add(at_u, std::memory_order_relaxed);
        at_v += at_u;
      }
      if (at_v > 0) std::atomic_ref<uint64_t>(triangles[v]).fetch_add(at_v, std::memory_order_relaxed);
    }
  });

  struct Sums {
    double local = 0;
    uint64_t triangles = 0, triples = 0;
  };
  const Sums sums = tbb::parallel_deterministic_reduce(
      tbb::blocked_range<uint32_t>(0, n, 4096), Sums{},
      [&](const tbb::blocked_range<uint32_t>& r, Sums s) {
        for (VertexId v = r.begin(); v != r.end(); ++v) {
          s.local += LocalClustering(triangles[v], g.degree(v));
          s.triangles += triangles[v];
          s.triples += Triples(g.degree(v));
        }
        return s;
      },
      [](Sums a, const Sums& b) {
        a.local += b.local;
        a.triangles += b.triangles;
        a.triples += b.triples;
        return a;
      });
  ClusteringStats stats;
  stats.exact = true;
  stats.average_local = n == 0 ? 0 : sums.local / n;
  stats.triangles = sums.triangles / 3;
  stats.triples = sums.triples;
  stats.transitivity = sums.triples == 0 ? 0 : static_cast<double>(sums.triangles) / sums.triples;
  return stats;
}

ClusteringStats SampledClustering(const Snapshot& g, const ClusteringOptions& options) {
  const uint32_t n = g.num_members();
  const uint64_t samples = options.samples;
  const uint64_t seed = Mix(options.seed ^ 0x636c757374657273ULL);
  ClusteringStats stats;
  stats.exact = false;
  if (n == 0) return stats;

  // Average local clustering over uniformly drawn members.
  const double local_sum = tbb::parallel_deterministic_reduce(
      tbb::blocked_range<uint64_t>(0, samples, 64), 0.0,
      [&](const tbb::blocked_range<uint64_t>& r, double acc) {
        for (uint64_t i = r.begin(); i != r.end(); ++i) {
          const VertexId v = Below(static_cast<uint32_t>(Mix(seed + i)), n);
          const auto nv = g.neighbors(v);
          if (nv.size() < 2) continue;
          uint64_t twice = 0;
          for (VertexId u : nv) twice += IntersectionSize(nv, g.neighbors(u));
          acc += LocalClustering(twice / 2, nv.size());
        }
        return acc;
      },
      [](double a, double b) { return a + b; });
  stats.average_local = local_sum / static_cast<double>(samples);

  // Transitivity by wedge sampling: a triple drawn uniformly is closed with probability T.
  Buffer<uint64_t> cumulative(uint64_t{n} + 1);
  cumulative[0] = 0;
  for (uint32_t v = 0; v < n; ++v) cumulative[v + 1] = cumulative[v] + Triples(g.degree(v));
  stats.triples = cumulative[n];
  if (stats.triples == 0) return stats;
  const uint64_t closed = tbb::parallel_deterministic_reduce(
      tbb::blocked_range<uint64_t>(0, samples, 1024), uint64_t{0},
      [&](const tbb::blocked_range<uint64_t>& r, uint64_t acc) {
        for (uint64_t i = r.begin(); i != r.end(); ++i) {
          const uint64_t h = Mix(seed ^ (0x7472697073ULL + i * 0x9e3779b97f4a7c15ULL));
          const uint64_t x = h % stats.triples;
          const VertexId v = static_cast<VertexId>(
              std::upper_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin() - 1);
          const auto nv = g.neighbors(v);
          const uint64_t h2 = Mix(h);
          const uint32_t d = static_cast<uint32_t>(nv.size());
          const uint32_t a = Below(static_cast<uint32_t>(h2), d);
          uint32_t b = Below(static_cast<uint32_t>(h2 >> 32), d - 1);
          if (b >= a) ++b;
          const auto na = g.neighbors(nv[a]);
          acc += std::binary_search(na.begin(), na.end(), nv[b]);
        }
        return acc;
      },
      [](uint64_t a, uint64_t b) { return a + b; });
  stats.transitivity = static_cast<double>(closed) / static_cast<double>(samples);
  return stats;
}

}  // namespace

DegreeStats MeasureDegrees(const Snapshot& g) {
  DegreeStats s;
  const uint32_t n = g.num_members();
  s.members = n;
  s.connections = g.num_connections();
  if (n == 0) return s;
  uint32_t max = 0;
  for (VertexId v = 0; v < n; ++v) max = std::max(max, g.degree(v));
  std::vector<uint64_t> counts(uint64_t{max} + 1, 0);
  for (VertexId v = 0; v < n; ++v) ++counts[g.degree(v)];
  s.isolated = counts[0];
  s.min = static_cast<uint32_t>(std::find_if(counts.begin(), counts.end(), [](uint64_t c) { return c > 0; }) -
                                counts.begin());
  s.max = max;
  s.mean = 2.0 * static_cast<double>(s.connections) / n;
  s.median = Percentile(counts, n, 1, 2);
  s.p90 = Percentile(counts, n, 9, 10);
  s.p99 = Percentile(counts, n, 99, 100);
  s.histogram.push_back({0, 0, counts[0]});
  for (uint64_t lo = 1; lo <= max; lo *= 2) {
    const uint64_t hi = std::min<uint64_t>(2 * lo - 1, max);
    uint64_t c = 0;
    for (uint64_t d = lo; d <= hi; ++d) c += counts[d];
    s.histogram.push_back({static_cast<uint32_t>(lo), static_cast<uint32_t>(2 * lo - 1), c});
  }
  return s;
}

ClusteringStats MeasureClustering(const Snapshot& g, const ClusteringOptions& options) {
  return options.samples == 0 ? ExactClustering(g) : SampledClustering(g, options);
}

}  // namespace liaison::generators
