// Kernel micro-benchmarks on generated data: one BFS level (top-down and bottom-up), common-
// neighbour accumulation, top-k selection and external-id lookup. (Text parsing and CSR build are
// in import_bench.cc, sorted-list intersection in mutual_bench.cc.) Every input is built once per
// process and cached; a kernel whose results can be cross-checked is checked once before it is
// timed (the process aborts on a mismatch).
//
//   BM_BfsLevelTopDown/scale/level, BM_BfsLevelBottomUp/scale/level
//       Kronecker graph (datasets/generators/kronecker.h, seed 1) of scale 16, 18 or 20, edge
//       factor 16. A serial BFS from the highest-degree member gives the frontier at distance
//       `level` (1 or 2) and the visited set up to it; each iteration computes the next level from
//       that same state. Top-down: for each frontier member, for each neighbour not visited, mark
//       it and append it to next. Bottom-up: for each unvisited member (64 per bitmap word), scan
//       its list until a neighbour in the frontier bitmap is found. Both use the engine's Bitmap
//       (engine/algorithms/frontier.h); the engine's own step kernels (reach.cc) are file-local,
//       so the kernels here are the plain serial ones. Restoring the visited bitmap between
//       iterations is outside the timed region. Items = adjacency entries examined (per second
//       in the output); counters: frontier and next sizes, entries examined per step. Both
//       kernels are checked to produce the same next set.
//   BM_CommonNeighbours/work
//       "People you may know" accumulation on Kronecker scale 20: for member m, for each
//       neighbour z, for each neighbour c of z, ++count[c] in a StampedArray
//       (engine/algorithms/scratch.h), remembering each c the first time it is counted. `work`
//       (1e3, 1e4, 1e5) is the target 2-hop work sum of deg(z) over m's neighbours; 64 members
//       whose work is within 25% of it are used in turn. Items = list entries read (deg(m) +
//       sum deg(z)); counter: distinct candidates per member.
//   BM_TopKHeap/n/k, BM_TopKPartialSort/n/k
//       The k (10, 100) best of n (1e3 .. 1e6) random (score, id) pairs, ties broken by id:
//       engine/algorithms/topk.h's TopK (one Offer per pair, then TakeSorted) against
//       std::partial_sort of a copy (copy included). Items = candidates. Checked to agree.
//   BM_FindMember/n/sparse/missing, BM_FlatHashMap/n/sparse/missing
//       A snapshot of n (1e5, 1e6, 1e7) members, each in one connection, with external ids either
//       dense consecutive (sparse=0: 1..n) or distinct random 64-bit values (sparse=1). 2^20
//       lookups of ids drawn at random from the members (missing=0) or of random 64-bit ids that
//       are not members (missing=1), cycled in order, independent of each other (the dense id
//       found is summed): Snapshot::FindMember against an absl::flat_hash_map<uint64_t, uint32_t>
//       (find) built from the same ids. Items = lookups; counter: fraction found. The
//       map and FindMember are checked to agree on every query.
//
// Run: build/release/kernels_bench [--benchmark_filter=...]   (about 70 s in all on a quiet
// 2-core machine, most of it Google Benchmark's minimum time per row; peak RSS about 1.8 GB,
// mostly the two 10M-member id snapshots and their maps)

#include <algorithm>
#include <bit>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "bench/micro/qa_bench_common.h"
#include "benchmark/benchmark.h"
#include "engine/algorithms/frontier.h"
#include "engine/algorithms/scratch.h"
#include "engine/algorithms/topk.h"

namespace liaison::bench {
namespace {

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "kernels_bench: %s\n", what);
  std::abort();
}

// Kronecker graphs (edge factor 16) by scale, each built once.
const Snapshot& KronScale(int scale) {
  static std::map<int, std::shared_ptr<const Snapshot>> cache;
  auto& g = cache[scale];
  if (g == nullptr) g = BuildKronecker(scale, 16);
  return *g;
}

// ---- One BFS level ---------------------------------------------------------------------------

struct BfsLevel {
  const Snapshot* g = nullptr;
  std::vector<VertexId> frontier;          // the level's members, ascending
  std::vector<uint64_t> frontier_words;    // the same as a bitmap
  std::vector<uint64_t> visited_words;     // distance <= level
  std::vector<VertexId> expected_next;     // distance == level + 1, ascending
  uint64_t frontier_entries = 0;           // sum of frontier degrees
};

void LoadWords(Bitmap& bm, const std::vector<uint64_t>& words) {
  std::memcpy(bm.data(), words.data(), words.size() * sizeof(uint64_t));
}

// Top-down step; returns adjacency entries examined.
uint64_t TopDownStep(const Snapshot& g, const std::vector<VertexId>& frontier, Bitmap& visited,
                     std::vector<VertexId>& next) {
  uint64_t examined = 0;
  for (const VertexId u : frontier) {
    const auto list = g.neighbors(u);
    examined += list.size();
    for (const VertexId v : list) {
      if (!visited.Test(v)) {
        visited.Set(v);
        next.push_back(v);
      }
    }
  }
  return examined;
}

// Bottom-up step; returns adjacency entries examined. `next` comes out ascending.
uint64_t BottomUpStep(const Snapshot& g, const Bitmap& frontier, Bitmap& visited,
                      std::vector<VertexId>& next) {
  uint64_t examined = 0;
  const size_t n = g.num_members();
  const size_t words = Bitmap::WordsFor(n);
  for (size_t w = 0; w < words; ++w) {
    uint64_t unvisited = ~visited.word(w);
    if (w + 1 == words && n % Bitmap::kBits != 0) {
      unvisited &= (uint64_t{1} << (n % Bitmap::kBits)) - 1;
    }
    uint64_t found = 0;
    for (; unvisited != 0; unvisited &= unvisited - 1) {
      const int bit = std::countr_zero(unvisited);
      const VertexId v = static_cast<VertexId>(w * Bitmap::kBits + bit);
      for (const VertexId u : g.neighbors(v)) {
        ++examined;
        if (frontier.Test(u)) {
          found |= uint64_t{1} << bit;
          next.push_back(v);
          break;
        }
      }
    }
    visited.word(w) |= found;
  }
  return examined;
}

const BfsLevel& GetBfsLevel(int scale, int level) {
  static std::map<std::pair<int, int>, std::unique_ptr<BfsLevel>> cache;
  auto& slot = cache[{scale, level}];
  if (slot != nullptr) return *slot;
  auto s = std::make_unique<BfsLevel>();
  const Snapshot& g = KronScale(scale);
  s->g = &g;
  const size_t n = g.num_members();
  VertexId source = 0;
  for (VertexId v = 1; v < n; ++v) {
    if (g.degree(v) > g.degree(source)) source = v;
  }
  Bitmap visited;
  visited.Reserve(n);
  visited.Clear(n);
  visited.Set(source);
  std::vector<VertexId> frontier{source};
  for (int d = 0; d < level; ++d) {
    std::vector<VertexId> next;
    TopDownStep(g, frontier, visited, next);
    frontier = std::move(next);
  }
  std::sort(frontier.begin(), frontier.end());
  s->frontier = frontier;
  s->visited_words.assign(visited.data(), visited.data() + Bitmap::WordsFor(n));
  s->frontier_words.assign(Bitmap::WordsFor(n), 0);
  for (const VertexId v : frontier) {
    s->frontier_words[v / Bitmap::kBits] |= uint64_t{1} << (v % Bitmap::kBits);
    s->frontier_entries += g.degree(v);
  }
  // Cross-check: both kernels from the same state give the same next level.
  std::vector<VertexId> td_next;
  TopDownStep(g, frontier, visited, td_next);
  std::sort(td_next.begin(), td_next.end());
  Bitmap bu_visited, bu_frontier;
  bu_visited.Reserve(n);
  bu_frontier.Reserve(n);
  LoadWords(bu_visited, s->visited_words);
  LoadWords(bu_frontier, s->frontier_words);
  std::vector<VertexId> bu_next;
  BottomUpStep(g, bu_frontier, bu_visited, bu_next);
  if (td_next != bu_next) Die("top-down and bottom-up BFS steps disagree");
  s->expected_next = std::move(td_next);
  std::fprintf(stderr, "bfs scale %d level %d: source degree %u, frontier %zu, next %zu\n", scale,
               level, g.degree(source), s->frontier.size(), s->expected_next.size());
  slot = std::move(s);
  return *slot;
}

template <bool kTopDown>
void RunBfsLevel(benchmark::State& state) {
  const BfsLevel& lv = GetBfsLevel(static_cast<int>(state.range(0)),
                                   static_cast<int>(state.range(1)));
  const Snapshot& g = *lv.g;
  const size_t n = g.num_members();
  Bitmap visited, frontier;
  visited.Reserve(n);
  frontier.Reserve(n);
  LoadWords(frontier, lv.frontier_words);
  std::vector<VertexId> next;
  next.reserve(lv.expected_next.size());
  uint64_t examined = 0, total = 0;
  for (auto _ : state) {
    state.PauseTiming();
    LoadWords(visited, lv.visited_words);
    next.clear();
    state.ResumeTiming();
    examined = kTopDown ? TopDownStep(g, lv.frontier, visited, next)
                        : BottomUpStep(g, frontier, visited, next);
    benchmark::DoNotOptimize(next.data());
    total += examined;
  }
  if (next.size() != lv.expected_next.size()) Die("BFS step produced a different next level");
  state.SetItemsProcessed(static_cast<int64_t>(total));
  state.counters["frontier"] = static_cast<double>(lv.frontier.size());
  state.counters["next"] = static_cast<double>(next.size());
  state.counters["examined"] = static_cast<double>(examined);
}

void BM_BfsLevelTopDown(benchmark::State& state) { RunBfsLevel<true>(state); }
void BM_BfsLevelBottomUp(benchmark::State& state) { RunBfsLevel<false>(state); }

BENCHMARK(BM_BfsLevelTopDown)
    ->ArgsProduct({{16, 18, 20}, {1, 2}})
    ->ArgNames({"scale", "level"})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_BfsLevelBottomUp)
    ->ArgsProduct({{16, 18, 20}, {1, 2}})
    ->ArgNames({"scale", "level"})
    ->Unit(benchmark::kMicrosecond);

// ---- Common-neighbour accumulation -----------------------------------------------------------

// Up to 64 members of Kronecker scale 20 whose 2-hop work is within 25% of `work`.
const std::vector<VertexId>& WorkMembers(int64_t work) {
  static std::map<int64_t, std::vector<VertexId>> cache;
  auto it = cache.find(work);
  if (it != cache.end()) return it->second;
  const Snapshot& g = KronScale(20);
  const size_t n = g.num_members();
  std::vector<VertexId> order(n);
  for (VertexId v = 0; v < n; ++v) order[v] = v;
  std::shuffle(order.begin(), order.end(), std::mt19937_64(7));
  std::vector<VertexId> chosen;
  for (const VertexId m : order) {
    uint64_t w = 0;
    for (const VertexId z : g.neighbors(m)) w += g.degree(z);
    if (w * 4 >= static_cast<uint64_t>(work) * 3 && w * 4 <= static_cast<uint64_t>(work) * 5) {
      chosen.push_back(m);
      if (chosen.size() == 64) break;
    }
  }
  if (chosen.empty()) Die("no member with the requested 2-hop work");
  return cache.emplace(work, std::move(chosen)).first->second;
}

void BM_CommonNeighbours(benchmark::State& state) {
  const std::vector<VertexId>& members = WorkMembers(state.range(0));
  const Snapshot& g = KronScale(20);
  StampedArray<uint32_t> count;
  std::vector<VertexId> touched;
  uint64_t entries = 0, candidates = 0;
  size_t i = 0;
  for (auto _ : state) {
    const VertexId m = members[i++ % members.size()];
    count.Begin(g.num_members());
    touched.clear();
    const auto list = g.neighbors(m);
    entries += list.size();
    for (const VertexId z : list) {
      const auto zs = g.neighbors(z);
      entries += zs.size();
      for (const VertexId c : zs) {
        if (count.Ref(c)++ == 0) touched.push_back(c);
      }
    }
    candidates += touched.size();
    benchmark::DoNotOptimize(touched.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(entries));
  state.counters["members"] = static_cast<double>(members.size());
  state.counters["candidates"] =
      benchmark::Counter(static_cast<double>(candidates), benchmark::Counter::kAvgIterations);
  state.counters["entries"] =
      benchmark::Counter(static_cast<double>(entries), benchmark::Counter::kAvgIterations);
}

BENCHMARK(BM_CommonNeighbours)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->ArgName("work")
    ->Unit(benchmark::kMicrosecond);

// ---- Top-k selection -------------------------------------------------------------------------

struct Scored {
  float score;
  VertexId id;
  bool operator==(const Scored&) const = default;
};
struct Better {
  bool operator()(const Scored& a, const Scored& b) const {
    return a.score > b.score || (a.score == b.score && a.id < b.id);
  }
};

const std::vector<Scored>& Candidates(size_t n) {
  static std::map<size_t, std::vector<Scored>> cache;
  auto& c = cache[n];
  if (c.empty()) {
    std::mt19937_64 rng(n);
    std::uniform_real_distribution<float> score(0.0f, 1.0f);
    c.resize(n);
    for (size_t i = 0; i < n; ++i) c[i] = {score(rng), static_cast<VertexId>(i)};
  }
  return c;
}

std::vector<Scored> HeapTopK(const std::vector<Scored>& c, size_t k) {
  TopK<Scored, Better> top(k, Better{});
  for (const Scored& s : c) top.Offer(s);
  return top.TakeSorted();
}

std::vector<Scored> PartialSortTopK(const std::vector<Scored>& c, size_t k) {
  std::vector<Scored> copy = c;
  const size_t kk = std::min(k, copy.size());
  std::partial_sort(copy.begin(), copy.begin() + kk, copy.end(), Better{});
  copy.resize(kk);
  return copy;
}

template <bool kHeap>
void RunTopK(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  const size_t k = static_cast<size_t>(state.range(1));
  const std::vector<Scored>& c = Candidates(n);
  if (HeapTopK(c, k) != PartialSortTopK(c, k)) Die("TopK and partial_sort disagree");
  for (auto _ : state) {
    auto top = kHeap ? HeapTopK(c, k) : PartialSortTopK(c, k);
    benchmark::DoNotOptimize(top.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(n));
}

void BM_TopKHeap(benchmark::State& state) { RunTopK<true>(state); }
void BM_TopKPartialSort(benchmark::State& state) { RunTopK<false>(state); }

BENCHMARK(BM_TopKHeap)
    ->ArgsProduct({{1000, 10000, 100000, 1000000}, {10, 100}})
    ->ArgNames({"n", "k"})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TopKPartialSort)
    ->ArgsProduct({{1000, 10000, 100000, 1000000}, {10, 100}})
    ->ArgNames({"n", "k"})
    ->Unit(benchmark::kMicrosecond);

// ---- Id lookup -------------------------------------------------------------------------------

constexpr size_t kQueries = size_t{1} << 20;

struct IdSet {
  std::shared_ptr<const Snapshot> g;
  absl::flat_hash_map<uint64_t, uint32_t> map;
  std::vector<ExternalId> hits;    // kQueries member ids, random order
  std::vector<ExternalId> misses;  // kQueries ids of no member
};

const IdSet& GetIdSet(size_t n, bool sparse) {
  static std::map<std::pair<size_t, bool>, std::unique_ptr<IdSet>> cache;
  auto& slot = cache[{n, sparse}];
  if (slot != nullptr) return *slot;
  auto s = std::make_unique<IdSet>();
  std::mt19937_64 rng(n * 2 + sparse);
  std::vector<ExternalId> ids(n);
  if (sparse) {
    for (;;) {
      for (auto& id : ids) id = rng();
      std::sort(ids.begin(), ids.end());
      if (std::adjacent_find(ids.begin(), ids.end()) == ids.end()) break;
    }
    std::shuffle(ids.begin(), ids.end(), rng);
  } else {
    for (size_t i = 0; i < n; ++i) ids[i] = i + 1;
  }
  // Each member in one connection: ids[2i]–ids[2i+1] (n is even).
  ConnectionBatch batch;
  batch.a.reserve(n / 2);
  batch.b.reserve(n / 2);
  for (size_t i = 0; i + 1 < n; i += 2) {
    batch.a.push_back(ids[i]);
    batch.b.push_back(ids[i + 1]);
  }
  std::vector<ConnectionBatch> batches;
  batches.push_back(std::move(batch));
  auto g = BuildSnapshot(std::move(batches), nullptr, nullptr);
  if (!g.ok()) Die(g.status().ToString().c_str());
  s->g = *std::move(g);
  if (s->g->num_members() != n) Die("id snapshot has the wrong member count");
  s->map.reserve(n);
  for (VertexId v = 0; v < n; ++v) s->map.emplace(s->g->external_id(v), v);
  s->hits.resize(kQueries);
  for (auto& q : s->hits) q = ids[rng() % n];
  s->misses.reserve(kQueries);
  while (s->misses.size() < kQueries) {
    const ExternalId q = rng();
    if (!s->map.contains(q)) s->misses.push_back(q);
  }
  // Cross-check FindMember against the map on every query.
  for (const auto* qs : {&s->hits, &s->misses}) {
    for (const ExternalId q : *qs) {
      const auto it = s->map.find(q);
      const VertexId want = it == s->map.end() ? kNoVertex : it->second;
      if (s->g->FindMember(q) != want) Die("FindMember and flat_hash_map disagree");
    }
  }
  slot = std::move(s);
  return *slot;
}

template <bool kSnapshot>
void RunLookup(benchmark::State& state) {
  const IdSet& s = GetIdSet(static_cast<size_t>(state.range(0)), state.range(1) != 0);
  const std::vector<ExternalId>& qs = state.range(2) != 0 ? s.misses : s.hits;
  const Snapshot& g = *s.g;
  size_t i = 0;
  uint64_t found = 0, checksum = 0;
  for (auto _ : state) {
    const ExternalId q = qs[i++ & (kQueries - 1)];
    if constexpr (kSnapshot) {
      const VertexId v = g.FindMember(q);
      if (v != kNoVertex) {
        ++found;
        checksum += v;
      }
    } else {
      const auto it = s.map.find(q);
      if (it != s.map.end()) {
        ++found;
        checksum += it->second;
      }
    }
  }
  benchmark::DoNotOptimize(checksum);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["found"] = benchmark::Counter(static_cast<double>(found),
                                               benchmark::Counter::kAvgIterations);
}

void BM_FindMember(benchmark::State& state) { RunLookup<true>(state); }
void BM_FlatHashMap(benchmark::State& state) { RunLookup<false>(state); }

BENCHMARK(BM_FindMember)
    ->ArgsProduct({{100000, 1000000, 10000000}, {0, 1}, {0, 1}})
    ->ArgNames({"n", "sparse", "missing"});
BENCHMARK(BM_FlatHashMap)
    ->ArgsProduct({{100000, 1000000, 10000000}, {0, 1}, {0, 1}})
    ->ArgNames({"n", "sparse", "missing"});

}  // namespace
}  // namespace liaison::bench

BENCHMARK_MAIN();
