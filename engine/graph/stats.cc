#include "liaison/stats.h"

#include <algorithm>
#include <string>

namespace liaison {
namespace {

template <typename T>
uint64_t Bytes(std::span<const T> s) {
  return s.size() * sizeof(T);
}

// The degree at rank `q` (0..1) of the sorted degree sequence, from a degree histogram.
uint32_t Percentile(const std::vector<uint64_t>& histogram, uint64_t n, double q) {
  const uint64_t rank = static_cast<uint64_t>(q * static_cast<double>(n - 1));
  uint64_t seen = 0;
  for (size_t d = 0; d < histogram.size(); ++d) {
    seen += histogram[d];
    if (seen > rank) return static_cast<uint32_t>(d);
  }
  return static_cast<uint32_t>(histogram.size() - 1);
}

}  // namespace

GraphStats ComputeStats(const Snapshot& g) {
  GraphStats s;
  const auto& p = g.parts();
  s.members = g.num_members();
  s.connections = g.num_connections();
  const uint32_t n = s.members;
  if (n > 0) {
    uint32_t max_degree = 0;
    for (VertexId v = 0; v < n; ++v) max_degree = std::max(max_degree, g.degree(v));
    std::vector<uint64_t> histogram(uint64_t{max_degree} + 1, 0);
    for (VertexId v = 0; v < n; ++v) ++histogram[g.degree(v)];
    s.isolated_members = static_cast<uint32_t>(histogram[0]);
    s.degree_max = max_degree;
    s.degree_min = Percentile(histogram, n, 0.0);
    s.degree_median = Percentile(histogram, n, 0.5);
    s.degree_p99 = Percentile(histogram, n, 0.99);
    s.degree_mean = static_cast<double>(g.num_adjacencies()) / n;
  }
  auto add = [&](std::string name, uint64_t bytes, bool topology) {
    if (bytes == 0) return;
    s.sections.push_back({std::move(name), bytes, topology});
    if (topology) s.topology_bytes += bytes;
  };
  add("offsets", Bytes(p.offsets), true);
  add("neighbors", Bytes(p.neighbors), true);
  add("external_ids", Bytes(p.external_ids), true);
  add("id_index", Bytes(p.id_index), true);
  add("flags", Bytes(p.flags), true);
  add("top_neighbors", Bytes(p.top_neighbors), true);
  add("strength", Bytes(p.strength), false);
  add("since", Bytes(p.since), false);
  add("last_updated", Bytes(p.last_updated), false);
  for (int c = 0; c < kNumTextColumns; ++c) {
    const std::string base = "text." + std::string(TextColumnName(static_cast<TextColumn>(c)));
    add(base + ".codes", Bytes(p.text[c].codes), false);
    add(base + ".dictionary", Bytes(p.text[c].dict_offsets) + Bytes(p.text[c].dict_chars), false);
  }
  if (g.num_adjacencies() > 0) {
    s.topology_bytes_per_adjacency = static_cast<double>(Bytes(p.neighbors)) / g.num_adjacencies();
  }
  if (n > 0) {
    s.topology_bytes_per_member =
        static_cast<double>(Bytes(p.offsets) + Bytes(p.external_ids) + Bytes(p.id_index) +
                            Bytes(p.flags) + Bytes(p.top_neighbors)) /
        n;
  }

  if (g.has_members_file() && n > 0) {
    s.has_profiles = true;
    uint64_t in_file = 0, complete = 0, none = 0, photo = 0, phone = 0, verified = 0, hides = 0, no_intro = 0;
    constexpr TextColumn kComplete[] = {TextColumn::kName, TextColumn::kHeadline, TextColumn::kCompany,
                                        TextColumn::kIndustry, TextColumn::kLocation};
    for (VertexId v = 0; v < n; ++v) {
      const uint8_t f = g.flags(v);
      in_file += (f & kHasProfile) != 0;
      photo += (f & kHasPhoto) != 0;
      phone += (f & kHasPhone) != 0;
      verified += (f & kVerified) != 0;
      hides += (f & kHidesConnections) != 0;
      no_intro += (f & kNoIntroductions) != 0;
      bool any_text = false, all_text = true;
      for (int c = 0; c < kNumTextColumns; ++c) any_text |= !g.text(static_cast<TextColumn>(c), v).empty();
      for (TextColumn c : kComplete) all_text &= !g.text(c, v).empty();
      if (!(f & kHasProfile) || !any_text) ++none;
      if ((f & kHasProfile) && all_text && (f & kHasPhoto)) ++complete;
    }
    const double dn = n;
    s.rate_in_members_file = in_file / dn;
    s.rate_complete_profile = complete / dn;
    s.rate_no_profile = none / dn;
    s.rate_has_photo = photo / dn;
    s.rate_has_phone = phone / dn;
    s.rate_verified = verified / dn;
    s.rate_hides_connections = hides / dn;
    s.rate_no_introductions = no_intro / dn;
  }
  return s;
}

}  // namespace liaison
