// igraph (C API, Debian's libigraph-dev) as a peer System.
//
// Load: igraph_read_graph_edgelist on the same connections text file (vertex number = external
// member id, so the ids must be small integers: true of every generated network the harness uses),
// then igraph_simplify to merge duplicate rows and drop self-loops, as Liaison's importer does.
// Queries, each one igraph call (timed), with what the call does not return filled in untimed
// (Worker::Complete) so that every answer is compared in full:
//   degree  : igraph_distances_cutoff(from, to, cutoff 3);
//   reach   : igraph_neighborhood_size(order 3, mindist 1) gives the total; levels 1 and 2 come,
//             untimed, from igraph_neighborhood_size(order l, mindist l), level 3 is the rest;
//   paths   : igraph_bfs from the source with a visit callback that counts shortest paths from
//             the neighbours (igraph_neighbors) one level up, stopping at the target or past 3
//             hops. (igraph_get_all_shortest_paths has the count, nrgeo, but keeps the whole
//             shortest-path DAG of the graph: it grew past 14 GB on one query at Kronecker
//             scale 20, measured, so the harness does not use it.)
//   mutual  : igraph_similarity_jaccard_pairs and the two degrees: common = J (da + db) / (1 + J);
//   suggest : the members at distance 2 (igraph_neighborhood, order 2, mindist 2), the common
//             count with each from igraph_similarity_jaccard_pairs and the degrees, top 10.
//             (igraph_cocitation would give the counts directly but walks every vertex's
//             neighbour pairs, O(sum of squared degrees) per call: 0.7 s per query at 100k
//             members, measured.)
// Debian's igraph is built without thread-local state (IGRAPH_THREAD_SAFE 0), so the harness runs
// it on one thread only.

#include "bench/macro/systems.h"

#if LIAISON_BENCH_HAVE_IGRAPH

#include <igraph/igraph.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/macro/measure.h"

namespace liaison::bench {
namespace {

absl::Status IgraphStatus(igraph_error_t code, const char* what) {
  if (code == IGRAPH_SUCCESS) return absl::OkStatus();
  return absl::InternalError(absl::StrCat("igraph ", what, ": ", igraph_strerror(code)));
}

#define LIAISON_IGRAPH_CALL(call, what) \
  do {                                  \
    igraph_error_t code_ = (call);      \
    if (code_ != IGRAPH_SUCCESS) return IgraphStatus(code_, what); \
  } while (0)

class IgraphWorker : public Worker {
 public:
  explicit IgraphWorker(const igraph_t* g) : g_(g) {
    igraph_matrix_init(&matrix_, 0, 0);
    igraph_vector_int_init(&ints_, 0);
    igraph_vector_int_init(&pair_, 2);
    igraph_vector_int_init(&nrgeo_, 0);
    igraph_vector_int_init(&neis_, 0);
    igraph_vector_init(&reals_, 0);
    igraph_vector_int_init(&pairs_, 0);
    igraph_vector_int_list_init(&lists_, 0);
  }
  ~IgraphWorker() override {
    igraph_matrix_destroy(&matrix_);
    igraph_vector_int_destroy(&ints_);
    igraph_vector_int_destroy(&pair_);
    igraph_vector_int_destroy(&nrgeo_);
    igraph_vector_int_destroy(&neis_);
    igraph_vector_destroy(&reals_);
    igraph_vector_int_destroy(&pairs_);
    igraph_vector_int_list_destroy(&lists_);
  }

  absl::Status Run(QueryType q, uint64_t a, uint64_t b, Answer* out) override {
    const igraph_integer_t va = static_cast<igraph_integer_t>(a);
    const igraph_integer_t vb = static_cast<igraph_integer_t>(b);
    switch (q) {
      case QueryType::kDegree: {
        int64_t d = -1;
        auto status = Distance(va, vb, kDegreeMaxDepth, &d);
        out->value = d;
        return status;
      }
      case QueryType::kReach:
        LIAISON_IGRAPH_CALL(igraph_neighborhood_size(g_, &ints_, igraph_vss_1(va), kReachDepth,
                                                     IGRAPH_ALL, 1),
                            "neighborhood_size");
        out->count = static_cast<uint64_t>(VECTOR(ints_)[0]);
        return absl::OkStatus();
      case QueryType::kPaths:
        return CountShortestPaths(va, vb, out);
      case QueryType::kMutual: {
        VECTOR(pair_)[0] = va;
        VECTOR(pair_)[1] = vb;
        LIAISON_IGRAPH_CALL(
            igraph_similarity_jaccard_pairs(g_, &reals_, &pair_, IGRAPH_ALL, /*loops=*/false),
            "similarity_jaccard_pairs");
        const double jaccard = VECTOR(reals_)[0];
        LIAISON_IGRAPH_CALL(igraph_degree(g_, &ints_, igraph_vss_vector(&pair_), IGRAPH_ALL,
                                          /*loops=*/false),
                            "degree");
        const double sum = static_cast<double>(VECTOR(ints_)[0] + VECTOR(ints_)[1]);
        out->value = std::llround(jaccard * sum / (1.0 + jaccard));
        return absl::OkStatus();
      }
      case QueryType::kSuggest: {
        // Candidates: the members at distance exactly 2; their common counts from the Jaccard
        // similarity of each (member, candidate) pair and the two degrees.
        LIAISON_IGRAPH_CALL(igraph_neighborhood(g_, &lists_, igraph_vss_1(va), 2, IGRAPH_ALL, 2),
                            "neighborhood");
        const igraph_vector_int_t* two_hop = igraph_vector_int_list_get_ptr(&lists_, 0);
        const igraph_integer_t m = igraph_vector_int_size(two_hop);
        candidates_.clear();
        if (m > 0) {
          LIAISON_IGRAPH_CALL(igraph_vector_int_resize(&pairs_, 2 * m), "vector_int_resize");
          for (igraph_integer_t i = 0; i < m; ++i) {
            VECTOR(pairs_)[2 * i] = va;
            VECTOR(pairs_)[2 * i + 1] = VECTOR(*two_hop)[i];
          }
          LIAISON_IGRAPH_CALL(
              igraph_similarity_jaccard_pairs(g_, &reals_, &pairs_, IGRAPH_ALL, /*loops=*/false),
              "similarity_jaccard_pairs");
          LIAISON_IGRAPH_CALL(igraph_degree(g_, &neis_, igraph_vss_1(va), IGRAPH_ALL, false),
                              "degree");
          LIAISON_IGRAPH_CALL(
              igraph_degree(g_, &ints_, igraph_vss_vector(two_hop), IGRAPH_ALL, false), "degree");
          const double da = static_cast<double>(VECTOR(neis_)[0]);
          for (igraph_integer_t i = 0; i < m; ++i) {
            const igraph_integer_t c = VECTOR(*two_hop)[i];
            const double jaccard = VECTOR(reals_)[i];
            const double dc = static_cast<double>(VECTOR(ints_)[i]);
            candidates_.emplace_back(static_cast<uint64_t>(c),
                                     static_cast<uint32_t>(
                                         std::llround(jaccard * (da + dc) / (1.0 + jaccard))));
          }
        }
        const size_t k = std::min<size_t>(kSuggestK, candidates_.size());
        std::partial_sort(candidates_.begin(), candidates_.begin() + k, candidates_.end(),
                          [](const auto& x, const auto& y) {
                            return x.second != y.second ? x.second > y.second : x.first < y.first;
                          });
        out->top.assign(candidates_.begin(), candidates_.begin() + k);
        return absl::OkStatus();
      }
    }
    return absl::InvalidArgumentError("unknown query type");
  }

  absl::Status Complete(QueryType q, uint64_t a, uint64_t b, Answer* out) override {
    const igraph_integer_t va = static_cast<igraph_integer_t>(a);
    if (q == QueryType::kReach) {
      // Levels 1 and 2 from their own calls; level 3 is the timed order-3 total minus them.
      uint64_t below = 0;
      for (int level = 1; level < kReachDepth; ++level) {
        LIAISON_IGRAPH_CALL(igraph_neighborhood_size(g_, &ints_, igraph_vss_1(va), level,
                                                     IGRAPH_ALL, level),
                            "neighborhood_size");
        out->levels[level - 1] = static_cast<uint64_t>(VECTOR(ints_)[0]);
        below += out->levels[level - 1];
      }
      if (below > out->count) {
        return absl::InternalError(absl::StrCat("igraph reach: levels 1..", kReachDepth - 1,
                                                " hold ", below, " members, more than the ",
                                                out->count, " within ", kReachDepth));
      }
      out->levels[kReachDepth - 1] = out->count - below;
      out->count = 0;  // not part of the reach answer
    }
    return absl::OkStatus();
  }

 private:
  // Paths: igraph_bfs from a, whose callback sees the vertices in BFS order with their distance.
  // When v (distance d) is visited, every vertex at distance d - 1 has been visited before, so
  // sigma(v) = sum of sigma(u) over the neighbours u (igraph_neighbors) at distance d - 1. The
  // search stops at the target or past the 3-hop cap. State is stamped per query (O(touched)).
  struct PathCount {
    IgraphWorker* self;
    igraph_integer_t target;
    bool found = false;
    int64_t hops = -1;
    uint64_t count = 0;
    igraph_error_t error = IGRAPH_SUCCESS;
  };
  static igraph_error_t OnVisit(const igraph_t* g, igraph_integer_t v, igraph_integer_t,
                                igraph_integer_t, igraph_integer_t, igraph_integer_t d,
                                void* extra) {
    PathCount* pc = static_cast<PathCount*>(extra);
    IgraphWorker* w = pc->self;
    if (d > kPathsMaxHops) return IGRAPH_STOP;
    uint64_t sigma = 0;
    if (d == 0) {
      sigma = 1;
    } else {
      igraph_error_t code = igraph_neighbors(g, &w->neis_, v, IGRAPH_ALL);
      if (code != IGRAPH_SUCCESS) {
        pc->error = code;
        return IGRAPH_STOP;
      }
      const igraph_integer_t k = igraph_vector_int_size(&w->neis_);
      for (igraph_integer_t i = 0; i < k; ++i) {
        const igraph_integer_t u = VECTOR(w->neis_)[i];
        if (w->stamp_[u] == w->epoch_ && w->dist_[u] + 1 == d) {
          const uint64_t sum = sigma + w->sigma_[u];
          sigma = sum < sigma ? std::numeric_limits<uint64_t>::max() : sum;
        }
      }
    }
    w->stamp_[v] = w->epoch_;
    w->dist_[v] = static_cast<uint8_t>(d);
    w->sigma_[v] = sigma;
    if (v == pc->target) {
      pc->found = true;
      pc->hops = d;
      pc->count = sigma;
      return IGRAPH_STOP;
    }
    return IGRAPH_SUCCESS;
  }

  absl::Status CountShortestPaths(igraph_integer_t a, igraph_integer_t b, Answer* out) {
    if (stamp_.empty()) {
      const size_t n = static_cast<size_t>(igraph_vcount(g_));
      stamp_.assign(n, 0);
      dist_.assign(n, 0);
      sigma_.assign(n, 0);
    }
    if (++epoch_ == 0) {  // wrapped: clear the stamps once every 2^32 queries
      std::fill(stamp_.begin(), stamp_.end(), 0);
      epoch_ = 1;
    }
    PathCount pc{this, b};
    igraph_error_t code =
        igraph_bfs(g_, a, nullptr, IGRAPH_ALL, /*unreachable=*/false, nullptr, nullptr, nullptr,
                   nullptr, nullptr, nullptr, nullptr, &OnVisit, &pc);
    if (pc.error != IGRAPH_SUCCESS) return IgraphStatus(pc.error, "neighbors");
    if (code != IGRAPH_SUCCESS && code != IGRAPH_STOP) return IgraphStatus(code, "bfs");
    out->value = pc.found ? pc.hops : -1;
    out->count = pc.found ? pc.count : 0;
    return absl::OkStatus();
  }

  absl::Status Distance(igraph_integer_t a, igraph_integer_t b, int cutoff, int64_t* d) {
    LIAISON_IGRAPH_CALL(igraph_distances_cutoff(g_, &matrix_, igraph_vss_1(a), igraph_vss_1(b),
                                                IGRAPH_ALL, cutoff),
                        "distances_cutoff");
    const double x = MATRIX(matrix_, 0, 0);
    *d = (std::isfinite(x) && x <= cutoff) ? static_cast<int64_t>(x) : -1;
    return absl::OkStatus();
  }

  const igraph_t* g_;
  igraph_matrix_t matrix_;
  igraph_vector_int_t ints_, pair_, nrgeo_, neis_, pairs_;
  igraph_vector_int_list_t lists_;
  igraph_vector_t reals_;
  std::vector<std::pair<uint64_t, uint32_t>> candidates_;
  std::vector<uint32_t> stamp_;
  std::vector<uint8_t> dist_;
  std::vector<uint64_t> sigma_;
  uint32_t epoch_ = 0;
};

class IgraphSystem : public System {
 public:
  explicit IgraphSystem(igraph_t g) : g_(g) {}
  ~IgraphSystem() override { igraph_destroy(&g_); }
  std::string name() const override { return "igraph"; }
  std::string Method(QueryType q) const override {
    switch (q) {
      case QueryType::kDegree: return "igraph_distances_cutoff (cutoff 3)";
      case QueryType::kReach: return "igraph_neighborhood_size (order 3, mindist 1)";
      case QueryType::kPaths:
        return "igraph_bfs with a visit callback counting shortest paths via igraph_neighbors";
      case QueryType::kSuggest:
        return "igraph_neighborhood (order 2, mindist 2) + igraph_similarity_jaccard_pairs, top 10";
      case QueryType::kMutual: return "igraph_similarity_jaccard_pairs + igraph_degree";
    }
    return "";
  }
  bool thread_safe() const override { return IGRAPH_THREAD_SAFE != 0; }
  uint64_t Vertex(uint64_t external_id) const override {
    return external_id < static_cast<uint64_t>(igraph_vcount(&g_)) ? external_id : ~uint64_t{0};
  }
  uint64_t External(uint64_t vertex) const override { return vertex; }
  std::unique_ptr<Worker> NewWorker() const override {
    return std::make_unique<IgraphWorker>(&g_);
  }

 private:
  igraph_t g_;
};

}  // namespace

bool HaveIgraph() { return true; }

std::string IgraphThreadNote() {
  return IGRAPH_THREAD_SAFE != 0
             ? "igraph is built thread-safe"
             : "igraph is built without thread-local state (IGRAPH_THREAD_SAFE 0): run on 1 "
               "thread only";
}

absl::StatusOr<LoadedSystem> LoadIgraph(const std::string& text_path) {
  igraph_set_error_handler(igraph_error_handler_printignore);
  LoadedSystem loaded;
  LoadReport& report = loaded.report;
  report.method = "igraph_read_graph_edgelist + igraph_simplify";
  ResetPeakRss();
  const uint64_t baseline = CurrentRssBytes();
  const int64_t t0 = NowNanos();
  FILE* f = std::fopen(text_path.c_str(), "r");
  if (f == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("cannot open ", text_path, ": ", std::strerror(errno)));
  }
  igraph_t g;
  igraph_error_t code = igraph_read_graph_edgelist(&g, f, 0, IGRAPH_UNDIRECTED);
  std::fclose(f);
  if (code != IGRAPH_SUCCESS) return IgraphStatus(code, "read_graph_edgelist");
  code = igraph_simplify(&g, /*multiple=*/true, /*loops=*/true, nullptr);
  if (code != IGRAPH_SUCCESS) {
    igraph_destroy(&g);
    return IgraphStatus(code, "simplify");
  }
  report.load_seconds = static_cast<double>(NowNanos() - t0) / 1e9;
  report.peak_rss_bytes = PeakRssBytes() > baseline ? PeakRssBytes() - baseline : 0;
  const uint64_t rss = CurrentRssBytes();
  report.resident_bytes = rss > baseline ? rss - baseline : 0;
  report.members = static_cast<uint64_t>(igraph_vcount(&g));
  report.connections = static_cast<uint64_t>(igraph_ecount(&g));
  // igraph_t keeps from, to, oi, ii (one igraph_integer_t per edge each) and os, is (per vertex).
  report.graph_bytes = 4 * report.connections * sizeof(igraph_integer_t) +
                       2 * (report.members + 1) * sizeof(igraph_integer_t);
  loaded.system = std::make_unique<IgraphSystem>(g);
  return loaded;
}

}  // namespace liaison::bench

#else  // !LIAISON_BENCH_HAVE_IGRAPH

namespace liaison::bench {
bool HaveIgraph() { return false; }
std::string IgraphThreadNote() { return ""; }
absl::StatusOr<LoadedSystem> LoadIgraph(const std::string&) {
  return absl::UnimplementedError("built without igraph");
}
}  // namespace liaison::bench

#endif
