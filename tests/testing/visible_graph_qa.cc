#include "tests/testing/visible_graph_qa.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/visitors.hpp>
#include <random>

namespace liaison::testing {

MemberTable RandomMembersQa(const EdgeList& edges, double p_hide, uint64_t seed,
                            uint32_t extra_isolated) {
  std::set<ExternalId> ids;
  for (const auto& [a, b] : edges) {
    ids.insert(a);
    ids.insert(b);
  }
  ExternalId next = ids.empty() ? 1 : *ids.rbegin() + 1;
  for (uint32_t i = 0; i < extra_isolated; ++i) ids.insert(next++);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const char* kCompanies[] = {"Acme", "Globex", "Initech", ""};
  const char* kLocations[] = {"Paris", "Oslo"};
  MemberTable t;
  auto& company = t.text[static_cast<int>(TextColumn::kCompany)];
  auto& location = t.text[static_cast<int>(TextColumn::kLocation)];
  for (const ExternalId id : ids) {
    uint8_t flags = 0;
    if (u(rng) < p_hide) flags |= kHidesConnections;
    if (u(rng) < 0.2) flags |= kNoIntroductions;
    if (u(rng) < 0.2) flags |= kVerified;
    t.ids.push_back(id);
    t.flags.push_back(flags);
    company.push_back(kCompanies[rng() % 4]);
    location.push_back(kLocations[rng() % 2]);
  }
  return t;
}

VisibleGraphQa::VisibleGraphQa(const Snapshot& g, VertexId viewer) : g_(g), viewer_(viewer) {
  for (const VertexId x : g.neighbors(viewer)) viewer_connections_.insert(x);
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  Graph visible(g.num_members());
  for (VertexId u = 0; u < g.num_members(); ++u) {
    for (const VertexId v : g.neighbors(u)) {
      if (u < v && Visible(u, v)) boost::add_edge(u, v, visible);
    }
  }
  dist_.assign(g.num_members(), -1);
  dist_[viewer] = 0;
  boost::breadth_first_search(visible, boost::vertex(viewer, visible),
                              boost::visitor(boost::make_bfs_visitor(
                                  boost::record_distances(dist_.data(), boost::on_tree_edge()))));
}

bool VisibleGraphQa::Connected(VertexId u, VertexId v) const {
  for (const VertexId x : g_.neighbors(u)) {
    if (x == v) return true;
  }
  return false;
}

bool VisibleGraphQa::Visible(VertexId u, VertexId v) const {
  if (u == viewer_ || v == viewer_) return true;
  const bool u_hides = g_.flags(u) & kHidesConnections;
  const bool v_hides = g_.flags(v) & kHidesConnections;
  if (!u_hides && !v_hides) return true;
  return viewer_connections_.count(u) > 0 && viewer_connections_.count(v) > 0;
}

std::optional<int> VisibleGraphQa::ExpectedDegree(VertexId to, int max_depth) const {
  const int d = dist_[to];
  if (d < 0 || d > max_depth) return std::nullopt;
  return d;
}

std::vector<VertexId> VisibleGraphQa::BruteMutual(VertexId b) const {
  std::vector<VertexId> out;
  const std::set<VertexId> b_connections(g_.neighbors(b).begin(), g_.neighbors(b).end());
  for (VertexId x = 0; x < g_.num_members(); ++x) {
    if (x == viewer_ || x == b) continue;
    if (viewer_connections_.count(x) && b_connections.count(x) && Visible(viewer_, x) &&
        Visible(x, b)) {
      out.push_back(x);
    }
  }
  return out;
}

bool VisibleGraphQa::Matches(VertexId v, const std::vector<ReachFilter>& where) const {
  for (const ReachFilter& f : where) {
    if (std::string(g_.text(f.column, v)) != f.value) return false;
  }
  return true;
}

std::vector<uint64_t> VisibleGraphQa::ReachLevels(int depth,
                                                  const std::vector<ReachFilter>& where) const {
  std::vector<uint64_t> levels(depth, 0);
  for (VertexId v = 0; v < g_.num_members(); ++v) {
    if (dist_[v] >= 1 && dist_[v] <= depth && Matches(v, where)) ++levels[dist_[v] - 1];
  }
  return levels;
}

std::vector<ReachMember> VisibleGraphQa::ReachListing(int depth,
                                                      const std::vector<ReachFilter>& where) const {
  std::vector<ReachMember> out;
  for (int d = 1; d <= depth; ++d) {
    for (VertexId v = 0; v < g_.num_members(); ++v) {
      if (dist_[v] == d && Matches(v, where)) out.push_back({v, d});
    }
  }
  return out;
}

}  // namespace liaison::testing
