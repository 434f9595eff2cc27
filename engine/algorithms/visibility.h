// Which connections a viewer may see (DESIGN.md §3 "Privacy: who may see what").
//
// A connection u–v is visible to viewer V when V is u or v, or neither u nor v hides their
// connections, or V is connected to both u and v. Every query filters each connection it crosses
// through Visible(), during the search (never after it). When nobody in the snapshot hides, the
// check is one predictable branch.

#ifndef LIAISON_ENGINE_ALGORITHMS_VISIBILITY_H_
#define LIAISON_ENGINE_ALGORITHMS_VISIBILITY_H_

#include <algorithm>

#include "liaison/graph.h"

namespace liaison {

class Visibility {
 public:
  Visibility(const Snapshot& g, VertexId viewer)
      : g_(g), viewer_(viewer), any_hidden_(g.any_hidden()) {}

  VertexId viewer() const { return viewer_; }
  // True when no member hides: every connection is visible.
  bool all_visible() const { return !any_hidden_; }

  bool Visible(VertexId u, VertexId v) const {
    if (!any_hidden_) return true;
    if (!g_.hides_connections(u) && !g_.hides_connections(v)) return true;
    if (u == viewer_ || v == viewer_) return true;
    return IsViewerConnection(u) && IsViewerConnection(v);
  }

  // True when x is one of the viewer's own connections (always visible to the viewer).
  bool IsViewerConnection(VertexId x) const {
    const auto nbrs = g_.neighbors(viewer_);
    return std::binary_search(nbrs.begin(), nbrs.end(), x);
  }

 private:
  const Snapshot& g_;
  VertexId viewer_;
  bool any_hidden_;
};

}  // namespace liaison

#endif  // LIAISON_ENGINE_ALGORITHMS_VISIBILITY_H_
