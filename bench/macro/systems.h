// The systems the harness compares (Liaison, Boost.Graph, igraph) behind one small interface, the
// query inputs they all answer, and the answers compared between them.
//
// Every system loads the same connections text file and answers the same inputs, given as external
// member ids and translated to the system's own vertex ids before any timing. Answers are those of
// the plain graph (the comparison graphs have no members file, so nobody hides connections):
//   degree  : distance from a to b if <= 3, else -1                       (max_depth 3)
//   reach   : number of members at distance 1, 2 and 3 from s             (depth 3)
//   paths   : shortest distance a..b if <= 3 (else -1) and the exact number of shortest paths
//             (0 when beyond 3 hops)                                       (k 5, max_hops 3)
//   mutual  : number of common connections of a and b
//   suggest : the 10 members not connected to s (and not s) with the most common connections,
//             ties by smaller external id, as (external id, common count)  (k 10, score common)
// A System is loaded once and is read-only afterwards; a Worker holds one thread's scratch memory
// and is used by one thread at a time. A system whose library is not thread-safe says so
// (thread_safe() false) and is then run on one thread only.

#ifndef LIAISON_BENCH_MACRO_SYSTEMS_H_
#define LIAISON_BENCH_MACRO_SYSTEMS_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "liaison/graph.h"

namespace liaison::bench {

enum class QueryType { kDegree = 0, kReach, kPaths, kSuggest, kMutual };
inline constexpr int kNumQueryTypes = 5;
inline constexpr QueryType kAllQueryTypes[] = {QueryType::kDegree, QueryType::kReach,
                                               QueryType::kPaths, QueryType::kSuggest,
                                               QueryType::kMutual};
const char* QueryName(QueryType q);  // "degree", "reach3", "paths", "suggest", "mutual"

inline constexpr int kDegreeMaxDepth = 3;
inline constexpr int kReachDepth = 3;
inline constexpr int kPathsK = 5;
inline constexpr int kPathsMaxHops = 3;
inline constexpr int kSuggestK = 10;

struct Answer {
  int64_t value = 0;   // degree (-1: beyond 3), hops (-1: none within 3), mutual count
  uint64_t count = 0;  // paths: number of shortest paths
  std::array<uint64_t, kReachDepth> levels{};                // reach
  std::vector<std::pair<uint64_t, uint32_t>> top;  // suggest: (system vertex, common count)

  bool operator==(const Answer& o) const = default;
};

class Worker {
 public:
  virtual ~Worker() = default;
  // Answers query `q` on system vertices a (and b for pair queries). Timed by the caller.
  virtual absl::Status Run(QueryType q, uint64_t a, uint64_t b, Answer* out) = 0;
  // Fills, untimed, the parts of `out` that the timed call does not compute for this system (the
  // peer's natural query returns less than the answer compared, e.g. igraph's neighbourhood size
  // gives the total but not the per-level counts). Default: nothing to add.
  virtual absl::Status Complete(QueryType q, uint64_t a, uint64_t b, Answer* out) {
    return absl::OkStatus();
  }
};

class System {
 public:
  virtual ~System() = default;
  virtual std::string name() const = 0;
  // How each query type is answered, for the report ("breadth_first_search, depth cap 3, ...").
  virtual std::string Method(QueryType q) const = 0;
  virtual bool thread_safe() const { return true; }
  // The system vertex of an external member id; ~0 when absent.
  virtual uint64_t Vertex(uint64_t external_id) const = 0;
  virtual uint64_t External(uint64_t vertex) const = 0;
  virtual std::unique_ptr<Worker> NewWorker() const = 0;
};

// What loading a graph cost a system.
struct LoadReport {
  std::string method;          // how the text file became a queryable graph
  double load_seconds = 0;     // text file -> queryable graph in memory (or snapshot file)
  double open_seconds = 0;     // snapshot file -> queryable (Liaison only)
  uint64_t peak_rss_bytes = 0; // peak resident memory of the load phase above the baseline
  uint64_t resident_bytes = 0; // resident memory held after loading, above the baseline
  uint64_t graph_bytes = 0;    // bytes of the graph structure itself (arrays), as the system keeps it
  uint64_t file_bytes = 0;     // snapshot file size (Liaison only)
  uint64_t members = 0, connections = 0;
  uint64_t touch_checksum = 0;  // of the pages read to make the graph resident (keeps the reads)
};

struct LoadedSystem {
  std::unique_ptr<System> system;
  LoadReport report;
};

// Loaders, each from the connections text file `text_path` ("a<TAB>b" lines, text_edges.h).
// Liaison imports into a snapshot file under `scratch_dir` and opens it: mapped, or copied into
// memory on huge pages (`in_memory`, SnapshotOpenOptions::in_memory).
absl::StatusOr<LoadedSystem> LoadLiaison(const std::string& text_path,
                                         const std::string& scratch_dir, bool in_memory);
// The snapshot behind a system loaded by LoadLiaison (null for any other system).
std::shared_ptr<const Snapshot> LiaisonSnapshotOf(const System& system);
// Unimplemented when the harness was built without the peer (HaveBoostGraph() / HaveIgraph()).
// IgraphThreadNote() says whether igraph may run on several threads.
absl::StatusOr<LoadedSystem> LoadBoostGraph(const std::string& text_path);
absl::StatusOr<LoadedSystem> LoadIgraph(const std::string& text_path);
bool HaveBoostGraph();
bool HaveIgraph();
std::string IgraphThreadNote();

}  // namespace liaison::bench

#endif  // LIAISON_BENCH_MACRO_SYSTEMS_H_
