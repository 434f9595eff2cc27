// Summary statistics of a snapshot: sizes, degree distribution, memory per section, profile rates.

#ifndef LIAISON_STATS_H_
#define LIAISON_STATS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "liaison/graph.h"

namespace liaison {

struct SectionBytes {
  std::string name;  // "offsets", "neighbors", "strength", ..., "text.company.codes", ...
  uint64_t bytes = 0;
  bool topology = false;  // counted in the topology footprint (offsets, neighbors, ids, index, flags)
};

struct GraphStats {
  uint32_t members = 0;
  uint64_t connections = 0;  // distinct undirected connections
  uint32_t isolated_members = 0;
  uint32_t degree_min = 0, degree_median = 0, degree_p99 = 0, degree_max = 0;
  double degree_mean = 0;
  std::vector<SectionBytes> sections;
  uint64_t topology_bytes = 0;
  double topology_bytes_per_adjacency = 0;  // neighbors only
  double topology_bytes_per_member = 0;     // offsets, ids, id index, flags, top neighbours
  // Rates over members, present only when the snapshot has a members file.
  bool has_profiles = false;
  double rate_in_members_file = 0;  // members with a row in the members file
  double rate_complete_profile = 0; // row with name, headline, company, industry, location, photo
  double rate_no_profile = 0;       // no row, or a row with no text field at all
  double rate_has_photo = 0, rate_has_phone = 0, rate_verified = 0;
  double rate_hides_connections = 0, rate_no_introductions = 0;
};

// O(n + m) once (degree percentiles by counting); safe to call from any thread.
GraphStats ComputeStats(const Snapshot& g);

}  // namespace liaison

#endif  // LIAISON_STATS_H_
