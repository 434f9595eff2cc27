// The seeded query inputs of the harness's named workloads, drawn from a graph's Liaison snapshot
// and given as external member ids so that every system answers exactly the same questions.
//
//   degree  : 10,000 pairs — even positions: two members drawn uniformly; odd positions: a member
//             drawn uniformly and the end of a random walk of 1–3 steps from it (so about half the
//             pairs are within 3 hops whatever the graph);
//   reach3  : 100 sources drawn uniformly;
//   paths   : 1,000 pairs, drawn as for degree;
//   suggest : 1,000 members drawn uniformly;
//   mutual  : 10,000 pairs — even positions uniform, odd positions joined by a walk of 1–2 steps
//             (connections and friends of friends, the pairs for which the question is asked).
// "Drawn uniformly" is over the members with at least one connection; a pair never repeats a
// member (a walk that returns to its start is drawn again). Positions alternate between the two
// halves, so any prefix of a set (a peer limited with --peer-limit) keeps the same mix.
// Deterministic for a given (snapshot, seed): each workload has its own std::mt19937_64 stream.

#ifndef LIAISON_BENCH_MACRO_WORKLOADS_H_
#define LIAISON_BENCH_MACRO_WORKLOADS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "bench/macro/systems.h"
#include "liaison/graph.h"

namespace liaison::bench {

struct QueryInputs {
  QueryType type;
  std::string description;
  std::vector<uint64_t> a, b;  // external ids; b is unused (0) for reach and suggest
  size_t size() const { return a.size(); }
};

struct InputSizes {
  size_t degree = 10'000, reach = 100, paths = 1'000, suggest = 1'000, mutual = 10'000;
};

// REQUIRES: g has at least one connection.
std::vector<QueryInputs> MakeInputs(const Snapshot& g, uint64_t seed, const InputSizes& sizes);

}  // namespace liaison::bench

#endif  // LIAISON_BENCH_MACRO_WORKLOADS_H_
