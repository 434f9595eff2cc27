// Boost.Graph as a peer System: a boost::compressed_sparse_row_graph built from the connections
// text file the way a BGL user would build it, and the queries written with BGL's own algorithms
// and adjacency iteration.
//
// Load: read the rows (text_edges.h, one thread), give every distinct external id a vertex number
// in ascending id order (a hash map, then a sort of the distinct ids), write both directions of
// every non-loop row as one 64-bit key (u << 32 | v), sort and deduplicate the keys, and build the
// CSR with the `edges_are_sorted` constructor. So vertex numbers equal Liaison's dense ids and each
// adjacency list is sorted ascending.
// Queries (one Worker per thread, with its own color, distance and count arrays):
//   degree, reach : boost::breadth_first_search from the source (which, as BGL does, colours every
//                   vertex white first: O(n) per query), with a buffer that refuses vertices at the
//                   depth cap (3) so the search stops there, and, for degree, stops as soon as the
//                   target is discovered;
//   paths         : the same search counting shortest paths (sigma) on tree and non-tree edges,
//                   capped at 3 hops and at the level of the target once it is found;
//   mutual        : merge of the two sorted adjacency ranges (adjacent_vertices);
//   suggest       : common-neighbour counts over the 2-hop neighbourhood by adjacency iteration in a
//                   dense per-thread array reset in O(touched), then a partial sort for the top 10.

#include "bench/macro/systems.h"

#if LIAISON_BENCH_HAVE_BGL

#include <algorithm>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/iterator/transform_iterator.hpp>
#include <boost/property_map/property_map.hpp>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "bench/macro/measure.h"
#include "bench/macro/text_edges.h"
#include "engine/util/status_macros.h"

namespace liaison::bench {
namespace {

using BglGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                                    boost::no_property, boost::no_property,
                                                    uint32_t, uint64_t>;
using BglVertex = boost::graph_traits<BglGraph>::vertex_descriptor;
using BglEdge = boost::graph_traits<BglGraph>::edge_descriptor;

struct UnpackKey {
  std::pair<uint32_t, uint32_t> operator()(uint64_t key) const {
    return {static_cast<uint32_t>(key >> 32), static_cast<uint32_t>(key)};
  }
};

// Per-thread search state shared by the BFS visitor and the buffer.
struct SearchState {
  std::vector<boost::default_color_type> color;
  std::vector<uint8_t> dist;
  std::vector<uint64_t> sigma;
  std::vector<uint32_t> queue;
  size_t head = 0;
  int cap = 0;            // vertices at this distance are not expanded
  uint32_t target = ~0u;  // degree and paths: the vertex looked for
  bool stop = false;      // degree: the target was found
  bool count_paths = false;
  std::array<uint64_t, kReachDepth> levels{};
};

// The BFS buffer: a FIFO that drops vertices at the depth cap and reports empty once the search
// is told to stop, which is how a BGL search is cut short without throwing.
class CappedQueue {
 public:
  using value_type = uint32_t;
  explicit CappedQueue(SearchState* s) : s_(s) {}
  void push(uint32_t v) {
    if (s_->dist[v] < s_->cap) s_->queue.push_back(v);
  }
  uint32_t& top() { return s_->queue[s_->head]; }
  const uint32_t& top() const { return s_->queue[s_->head]; }
  void pop() { ++s_->head; }
  // FIFO in level order: once the front is at the cap (lowered to the target's level when paths
  // are counted), so is everything behind it.
  bool empty() const {
    return s_->stop || s_->head == s_->queue.size() ||
           s_->dist[s_->queue[s_->head]] >= s_->cap;
  }
  size_t size() const { return s_->queue.size() - s_->head; }

 private:
  SearchState* s_;
};

class LevelVisitor : public boost::default_bfs_visitor {
 public:
  explicit LevelVisitor(SearchState* s) : s_(s) {}
  void tree_edge(const BglEdge& e, const BglGraph& g) const {
    const uint32_t u = static_cast<uint32_t>(source(e, g)), v = static_cast<uint32_t>(target(e, g));
    const uint8_t d = static_cast<uint8_t>(s_->dist[u] + 1);
    s_->dist[v] = d;
    if (d <= kReachDepth) ++s_->levels[d - 1];
    if (s_->count_paths) s_->sigma[v] = s_->sigma[u];
    if (v == s_->target) {
      if (s_->count_paths) {
        s_->cap = d;  // finish the level before the target's, expand nothing further
      } else {
        s_->stop = true;
      }
    }
  }
  void non_tree_edge(const BglEdge& e, const BglGraph& g) const {
    if (!s_->count_paths) return;
    const uint32_t u = static_cast<uint32_t>(source(e, g)), v = static_cast<uint32_t>(target(e, g));
    if (s_->dist[v] == s_->dist[u] + 1) {
      const uint64_t sum = s_->sigma[v] + s_->sigma[u];
      s_->sigma[v] = sum < s_->sigma[v] ? std::numeric_limits<uint64_t>::max() : sum;
    }
  }

 private:
  SearchState* s_;
};

class BglWorker : public Worker {
 public:
  explicit BglWorker(const BglGraph* g) : g_(g) {
    const size_t n = num_vertices(*g_);
    s_.color.resize(n);
    s_.dist.resize(n);
    s_.sigma.resize(n);
    s_.queue.reserve(1024);
    common_.assign(n, 0);
    excluded_.assign(n, 0);
  }

  absl::Status Run(QueryType q, uint64_t a, uint64_t b, Answer* out) override {
    const uint32_t va = static_cast<uint32_t>(a), vb = static_cast<uint32_t>(b);
    switch (q) {
      case QueryType::kDegree:
        Search(va, vb, kDegreeMaxDepth, /*count_paths=*/false);
        out->value = (va == vb) ? 0 : (s_.stop ? s_.dist[vb] : -1);
        return absl::OkStatus();
      case QueryType::kReach:
        Search(va, ~0u, kReachDepth, false);
        out->levels = s_.levels;
        return absl::OkStatus();
      case QueryType::kPaths:
        if (va == vb) {
          out->value = 0;
          out->count = 1;
          return absl::OkStatus();
        }
        Search(va, vb, kPathsMaxHops, /*count_paths=*/true);
        if (get(s_.color.data(), vb) != boost::white_color && s_.dist[vb] <= kPathsMaxHops) {
          out->value = s_.dist[vb];
          out->count = s_.sigma[vb];
        } else {
          out->value = -1;
          out->count = 0;
        }
        return absl::OkStatus();
      case QueryType::kMutual: {
        auto [ia, ea] = adjacent_vertices(va, *g_);
        auto [ib, eb] = adjacent_vertices(vb, *g_);
        int64_t common = 0;
        while (ia != ea && ib != eb) {
          if (*ia < *ib) {
            ++ia;
          } else if (*ib < *ia) {
            ++ib;
          } else {
            ++common;
            ++ia;
            ++ib;
          }
        }
        out->value = common;
        return absl::OkStatus();
      }
      case QueryType::kSuggest:
        SuggestCommon(va, out);
        return absl::OkStatus();
    }
    return absl::InvalidArgumentError("unknown query type");
  }

 private:
  void Search(uint32_t source, uint32_t target, int cap, bool count_paths) {
    s_.queue.clear();
    s_.head = 0;
    s_.cap = cap;
    s_.target = target;
    s_.stop = false;
    s_.count_paths = count_paths;
    s_.levels = {};
    s_.dist[source] = 0;
    s_.sigma[source] = 1;
    CappedQueue queue(&s_);
    boost::breadth_first_search(
        *g_, source, queue, LevelVisitor(&s_),
        boost::make_iterator_property_map(s_.color.data(), get(boost::vertex_index, *g_)));
  }

  void SuggestCommon(uint32_t s, Answer* out) {
    touched_.clear();
    auto [ns, ns_end] = adjacent_vertices(s, *g_);
    excluded_[s] = 1;
    for (auto it = ns; it != ns_end; ++it) excluded_[*it] = 1;
    for (auto it = ns; it != ns_end; ++it) {
      auto [nw, nw_end] = adjacent_vertices(*it, *g_);
      for (; nw != nw_end; ++nw) {
        const uint32_t w = *nw;
        if (excluded_[w]) continue;
        if (common_[w]++ == 0) touched_.push_back(w);
      }
    }
    auto better = [&](uint32_t x, uint32_t y) {
      return common_[x] != common_[y] ? common_[x] > common_[y] : x < y;
    };
    const size_t k = std::min<size_t>(kSuggestK, touched_.size());
    std::partial_sort(touched_.begin(), touched_.begin() + k, touched_.end(), better);
    out->top.clear();
    for (size_t i = 0; i < k; ++i) out->top.emplace_back(touched_[i], common_[touched_[i]]);
    for (uint32_t w : touched_) common_[w] = 0;
    excluded_[s] = 0;
    for (auto it = ns; it != ns_end; ++it) excluded_[*it] = 0;
  }

  const BglGraph* g_;
  SearchState s_;
  std::vector<uint32_t> common_;
  std::vector<uint8_t> excluded_;
  std::vector<uint32_t> touched_;
};

class BglSystem : public System {
 public:
  BglSystem(BglGraph g, std::vector<uint64_t> ids) : g_(std::move(g)), ids_(std::move(ids)) {}
  std::string name() const override { return "boost-graph"; }
  std::string Method(QueryType q) const override {
    switch (q) {
      case QueryType::kDegree:
        return "breadth_first_search on compressed_sparse_row_graph, depth cap 3, stop at target";
      case QueryType::kReach: return "breadth_first_search, depth cap 3, level counts";
      case QueryType::kPaths:
        return "breadth_first_search counting shortest paths, cap 3 hops / target level";
      case QueryType::kSuggest: return "common-neighbour counts by adjacent_vertices, top 10";
      case QueryType::kMutual: return "merge of sorted adjacent_vertices ranges";
    }
    return "";
  }
  uint64_t Vertex(uint64_t external_id) const override {
    auto it = std::lower_bound(ids_.begin(), ids_.end(), external_id);
    return (it == ids_.end() || *it != external_id) ? ~uint64_t{0}
                                                     : static_cast<uint64_t>(it - ids_.begin());
  }
  uint64_t External(uint64_t vertex) const override { return ids_[vertex]; }
  std::unique_ptr<Worker> NewWorker() const override { return std::make_unique<BglWorker>(&g_); }

 private:
  BglGraph g_;
  std::vector<uint64_t> ids_;
};

}  // namespace

bool HaveBoostGraph() { return true; }

absl::StatusOr<LoadedSystem> LoadBoostGraph(const std::string& text_path) {
  LoadedSystem loaded;
  LoadReport& report = loaded.report;
  report.method =
      "one-thread text reader, hash map to dense ids, sort + dedup, compressed_sparse_row_graph"
      "(edges_are_sorted)";
  ResetPeakRss();
  const uint64_t baseline = CurrentRssBytes();
  const int64_t t0 = NowNanos();
  std::vector<uint64_t> keys;
  std::vector<uint64_t> ids;
  {
    LIAISON_ASSIGN_OR_RETURN(EdgeRows rows, ReadEdgeRows(text_path));
    absl::flat_hash_map<uint64_t, uint32_t> index;
    for (size_t i = 0; i < rows.a.size(); ++i) {
      index.try_emplace(rows.a[i], 0);
      index.try_emplace(rows.b[i], 0);
    }
    if (index.size() >= std::numeric_limits<uint32_t>::max()) {
      return absl::ResourceExhaustedError("too many members for 32-bit vertex numbers");
    }
    ids.reserve(index.size());
    for (const auto& [id, unused] : index) ids.push_back(id);
    std::sort(ids.begin(), ids.end());
    for (size_t i = 0; i < ids.size(); ++i) index[ids[i]] = static_cast<uint32_t>(i);
    keys.reserve(2 * rows.a.size());
    for (size_t i = 0; i < rows.a.size(); ++i) {
      if (rows.a[i] == rows.b[i]) continue;
      const uint64_t u = index.find(rows.a[i])->second, v = index.find(rows.b[i])->second;
      keys.push_back(u << 32 | v);
      keys.push_back(v << 32 | u);
    }
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  BglGraph g(boost::edges_are_sorted, boost::make_transform_iterator(keys.begin(), UnpackKey()),
             boost::make_transform_iterator(keys.end(), UnpackKey()),
             static_cast<uint32_t>(ids.size()));
  const uint64_t adjacencies = keys.size();
  keys = std::vector<uint64_t>();
  report.load_seconds = static_cast<double>(NowNanos() - t0) / 1e9;
  report.peak_rss_bytes = PeakRssBytes() > baseline ? PeakRssBytes() - baseline : 0;
  const uint64_t rss = CurrentRssBytes();
  report.resident_bytes = rss > baseline ? rss - baseline : 0;
  report.graph_bytes = (ids.size() + 1) * sizeof(uint64_t) + adjacencies * sizeof(uint32_t);
  report.members = ids.size();
  report.connections = adjacencies / 2;
  loaded.system = std::make_unique<BglSystem>(std::move(g), std::move(ids));
  return loaded;
}

}  // namespace liaison::bench

#else  // !LIAISON_BENCH_HAVE_BGL

namespace liaison::bench {
bool HaveBoostGraph() { return false; }
absl::StatusOr<LoadedSystem> LoadBoostGraph(const std::string&) {
  return absl::UnimplementedError("built without Boost.Graph");
}
}  // namespace liaison::bench

#endif
