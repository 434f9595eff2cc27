#include "tests/testing/paths_suggest_oracle.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>

#include "engine/util/dates.h"
#include "liaison/builder.h"

namespace liaison::testing::paths_suggest {

std::shared_ptr<const Snapshot> BuildRichGraph(const EdgeList& edges, const RichGraphOptions& o) {
  std::mt19937_64 rng(o.seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  ConnectionBatch batch;
  std::set<ExternalId> ids;
  for (const auto& [a, b] : edges) {
    batch.a.push_back(a);
    batch.b.push_back(b);
    ids.insert(a);
    ids.insert(b);
    const double r = u(rng);
    batch.strength.push_back(r < 0.05 ? 0 : r < 0.15 ? 255 : static_cast<uint8_t>(rng() % 256));
    const int64_t day = DaysFromCivil(2000, 1, 1) + static_cast<int64_t>(rng() % (25 * 365));
    batch.since.push_back(u(rng) < 0.2 ? kNoDate : PackDate(day));
  }
  if (!o.strengths) batch.strength.clear();
  if (!o.dates) batch.since.clear();
  MemberTable members;
  for (ExternalId id : ids) {
    uint8_t flags = 0;
    if (u(rng) < o.hide_probability) flags |= kHidesConnections;
    if (u(rng) < o.no_intro_probability) flags |= kNoIntroductions;
    if (u(rng) < 0.3) flags |= kVerified;
    members.ids.push_back(id);
    members.flags.push_back(flags);
  }
  std::vector<ConnectionBatch> batches;
  batches.push_back(std::move(batch));
  auto g = BuildSnapshot(std::move(batches), o.members_file ? &members : nullptr, nullptr);
  if (!g.ok()) {
    std::fprintf(stderr, "BuildRichGraph: %s\n", g.status().ToString().c_str());
    std::abort();
  }
  return *std::move(g);
}

std::vector<std::vector<VertexId>> VisibleAdjacency(const Snapshot& g, VertexId viewer) {
  const uint32_t n = g.num_members();
  std::set<VertexId> mine;
  for (VertexId x : g.neighbors(viewer)) mine.insert(x);
  std::vector<std::vector<VertexId>> adj(n);
  for (VertexId a = 0; a < n; ++a) {
    for (VertexId b : g.neighbors(a)) {
      const bool own = a == viewer || b == viewer;
      const bool nobody_hides = !g.hides_connections(a) && !g.hides_connections(b);
      const bool shared = mine.count(a) > 0 && mine.count(b) > 0;
      if (own || nobody_hides || shared) adj[a].push_back(b);
    }
  }
  return adj;
}

EdgeIndex EdgeOf(const Snapshot& g, VertexId u, VertexId v) {
  const auto nbrs = g.neighbors(u);
  const auto it = std::lower_bound(nbrs.begin(), nbrs.end(), v);
  if (it == nbrs.end() || *it != v) {
    std::fprintf(stderr, "EdgeOf: %u-%u is not a connection\n", u, v);
    std::abort();
  }
  return g.edge_begin(u) + static_cast<EdgeIndex>(it - nbrs.begin());
}

}  // namespace liaison::testing::paths_suggest
