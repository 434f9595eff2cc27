// Seeded query inputs; see workloads.h.

#include "bench/macro/workloads.h"

#include <random>

namespace liaison::bench {
namespace {

class Drawer {
 public:
  Drawer(const Snapshot& g, uint64_t seed) : g_(g), rng_(seed) {}

  VertexId Uniform() {
    std::uniform_int_distribution<VertexId> pick(0, g_.num_members() - 1);
    for (;;) {
      VertexId v = pick(rng_);
      if (g_.degree(v) > 0) return v;
    }
  }
  VertexId Walk(VertexId v, int steps) {
    for (int i = 0; i < steps; ++i) {
      auto nbrs = g_.neighbors(v);
      std::uniform_int_distribution<size_t> pick(0, nbrs.size() - 1);
      v = nbrs[pick(rng_)];
    }
    return v;
  }
  int Steps(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  // Pair number i: uniform when i is even, joined by a walk of lo..hi steps when odd.
  std::pair<VertexId, VertexId> Pair(size_t i, int lo, int hi) {
    for (;;) {
      VertexId a = Uniform();
      VertexId b = (i % 2 == 0) ? Uniform() : Walk(a, Steps(lo, hi));
      if (a != b) return {a, b};
    }
  }

 private:
  const Snapshot& g_;
  std::mt19937_64 rng_;
};

QueryInputs Pairs(const Snapshot& g, uint64_t seed, QueryType type, size_t n, int lo, int hi,
                  std::string description) {
  QueryInputs in{type, std::move(description), {}, {}};
  Drawer d(g, seed);
  for (size_t i = 0; i < n; ++i) {
    auto [a, b] = d.Pair(i, lo, hi);
    in.a.push_back(g.external_id(a));
    in.b.push_back(g.external_id(b));
  }
  return in;
}

QueryInputs Singles(const Snapshot& g, uint64_t seed, QueryType type, size_t n,
                    std::string description) {
  QueryInputs in{type, std::move(description), {}, {}};
  Drawer d(g, seed);
  for (size_t i = 0; i < n; ++i) {
    in.a.push_back(g.external_id(d.Uniform()));
    in.b.push_back(0);
  }
  return in;
}

}  // namespace

std::vector<QueryInputs> MakeInputs(const Snapshot& g, uint64_t seed, const InputSizes& sizes) {
  std::vector<QueryInputs> all;
  all.push_back(Pairs(g, seed * 31 + 1, QueryType::kDegree, sizes.degree, 1, 3,
                      "pairs: half uniform, half joined by a random walk of 1-3 steps"));
  all.push_back(Singles(g, seed * 31 + 2, QueryType::kReach, sizes.reach, "uniform sources"));
  all.push_back(Pairs(g, seed * 31 + 3, QueryType::kPaths, sizes.paths, 1, 3,
                      "pairs: half uniform, half joined by a random walk of 1-3 steps"));
  all.push_back(Singles(g, seed * 31 + 4, QueryType::kSuggest, sizes.suggest, "uniform members"));
  all.push_back(Pairs(g, seed * 31 + 5, QueryType::kMutual, sizes.mutual, 1, 2,
                      "pairs: half uniform, half joined by a random walk of 1-2 steps"));
  return all;
}

}  // namespace liaison::bench
