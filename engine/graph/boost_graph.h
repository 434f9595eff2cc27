// Boost.Graph adapter: liaison::Snapshot models VertexListGraph, IncidenceGraph and
// AdjacencyGraph (undirected), without copying anything, so BGL algorithms run on it directly:
//
//   std::vector<int> dist(g.num_members(), -1);
//   boost::breadth_first_search(g, source, boost::visitor(...));
//
// Vertices are VertexIds; an edge is (source, index into neighbors()). The vertex_index property
// is the identity. Tests and benchmarks use it as an oracle; the engine's own kernels never do.

#ifndef LIAISON_ENGINE_GRAPH_BOOST_GRAPH_H_
#define LIAISON_ENGINE_GRAPH_BOOST_GRAPH_H_

#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/property_map/property_map.hpp>
#include <utility>

#include "liaison/graph.h"

namespace liaison {

struct SnapshotEdge {
  VertexId source = kNoVertex;
  EdgeIndex index = 0;  // neighbors()[index] is the target
  friend bool operator==(const SnapshotEdge& a, const SnapshotEdge& b) {
    return a.source == b.source && a.index == b.index;
  }
};

class SnapshotOutEdgeIterator
    : public boost::iterator_facade<SnapshotOutEdgeIterator, SnapshotEdge,
                                    std::random_access_iterator_tag, SnapshotEdge, std::ptrdiff_t> {
 public:
  SnapshotOutEdgeIterator() = default;
  SnapshotOutEdgeIterator(VertexId source, EdgeIndex index) : source_(source), index_(index) {}

 private:
  friend class boost::iterator_core_access;
  SnapshotEdge dereference() const { return {source_, index_}; }
  bool equal(const SnapshotOutEdgeIterator& o) const { return index_ == o.index_; }
  void increment() { ++index_; }
  void decrement() { --index_; }
  void advance(std::ptrdiff_t n) { index_ += n; }
  std::ptrdiff_t distance_to(const SnapshotOutEdgeIterator& o) const {
    return static_cast<std::ptrdiff_t>(o.index_) - static_cast<std::ptrdiff_t>(index_);
  }
  VertexId source_ = kNoVertex;
  EdgeIndex index_ = 0;
};

struct SnapshotTraversalCategory : boost::vertex_list_graph_tag,
                                   boost::incidence_graph_tag,
                                   boost::adjacency_graph_tag {};

}  // namespace liaison

namespace boost {

template <>
struct graph_traits<liaison::Snapshot> {
  using vertex_descriptor = liaison::VertexId;
  using edge_descriptor = liaison::SnapshotEdge;
  using directed_category = undirected_tag;
  using edge_parallel_category = disallow_parallel_edge_tag;
  using traversal_category = liaison::SnapshotTraversalCategory;
  using vertex_iterator = counting_iterator<liaison::VertexId>;
  using out_edge_iterator = liaison::SnapshotOutEdgeIterator;
  using adjacency_iterator = const liaison::VertexId*;
  using degree_size_type = uint32_t;
  using vertices_size_type = uint32_t;
  using edges_size_type = uint64_t;
  using in_edge_iterator = void;
  using edge_iterator = void;
  static vertex_descriptor null_vertex() { return liaison::kNoVertex; }
};

template <>
struct property_map<liaison::Snapshot, vertex_index_t> {
  using type = typed_identity_property_map<liaison::VertexId>;
  using const_type = type;
};

}  // namespace boost

namespace liaison {

// Found by argument-dependent lookup from BGL algorithms.
inline std::pair<boost::counting_iterator<VertexId>, boost::counting_iterator<VertexId>> vertices(
    const Snapshot& g) {
  return {boost::counting_iterator<VertexId>(0),
          boost::counting_iterator<VertexId>(g.num_members())};
}
inline uint32_t num_vertices(const Snapshot& g) { return g.num_members(); }
inline std::pair<SnapshotOutEdgeIterator, SnapshotOutEdgeIterator> out_edges(VertexId v,
                                                                              const Snapshot& g) {
  return {SnapshotOutEdgeIterator(v, g.edge_begin(v)), SnapshotOutEdgeIterator(v, g.edge_end(v))};
}
inline uint32_t out_degree(VertexId v, const Snapshot& g) { return g.degree(v); }
inline uint32_t degree(VertexId v, const Snapshot& g) { return g.degree(v); }
inline VertexId source(const SnapshotEdge& e, const Snapshot&) { return e.source; }
inline VertexId target(const SnapshotEdge& e, const Snapshot& g) { return g.neighbor(e.index); }
inline std::pair<const VertexId*, const VertexId*> adjacent_vertices(VertexId v,
                                                                     const Snapshot& g) {
  auto span = g.neighbors(v);
  return {span.data(), span.data() + span.size()};
}
inline boost::typed_identity_property_map<VertexId> get(boost::vertex_index_t, const Snapshot&) {
  return {};
}

}  // namespace liaison

#endif  // LIAISON_ENGINE_GRAPH_BOOST_GRAPH_H_
