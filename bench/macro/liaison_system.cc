// Liaison as a System of the harness: the connections text file is imported into a snapshot,
// written as a `.liaison` file in the scratch directory, released, and the file opened again with
// mmap; queries run on that mapped snapshot through the public query API (include/liaison/query.h).
//
// Import path: ImportGraph from include/liaison/import.h when that header is present in the tree;
// otherwise (the importer is not merged yet) the harness's own reader (text_edges.h) feeds
// BuildSnapshot, and the report says so.

#include <sys/stat.h>

#include <cstdio>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "bench/macro/measure.h"
#include "bench/macro/systems.h"
#include "bench/macro/text_edges.h"
#include "engine/util/status_macros.h"
#include "liaison/builder.h"
#include "liaison/graph.h"
#include "liaison/query.h"
#include "liaison/snapshot_file.h"

#if __has_include("liaison/import.h")
#include "liaison/import.h"
#define LIAISON_BENCH_HAVE_IMPORTER 1
#else
#define LIAISON_BENCH_HAVE_IMPORTER 0
#endif

namespace liaison::bench {
namespace {

class LiaisonWorker : public Worker {
 public:
  explicit LiaisonWorker(const Snapshot* g) : g_(g) {
    degree_options_.max_depth = kDegreeMaxDepth;
    reach_options_.depth = kReachDepth;
    paths_options_.k = kPathsK;
    paths_options_.max_hops = kPathsMaxHops;
    suggest_options_.k = kSuggestK;
    suggest_options_.score = SuggestScore::kCommon;
  }

  absl::Status Run(QueryType q, uint64_t a, uint64_t b, Answer* out) override {
    const VertexId va = static_cast<VertexId>(a), vb = static_cast<VertexId>(b);
    switch (q) {
      case QueryType::kDegree: {
        LIAISON_ASSIGN_OR_RETURN(DegreeResult r, Degree(*g_, va, vb, degree_options_));
        out->value = r.degree.has_value() ? *r.degree : -1;
        if (r.truncated) return absl::ResourceExhaustedError("degree query truncated");
        return absl::OkStatus();
      }
      case QueryType::kReach: {
        LIAISON_ASSIGN_OR_RETURN(ReachResult r, Reach(*g_, va, reach_options_));
        if (r.truncated) return absl::ResourceExhaustedError("reach query truncated");
        for (int i = 0; i < kReachDepth; ++i) {
          out->levels[i] = i < static_cast<int>(r.levels.size()) ? r.levels[i] : 0;
        }
        return absl::OkStatus();
      }
      case QueryType::kPaths: {
        LIAISON_ASSIGN_OR_RETURN(PathsResult r, IntroPaths(*g_, va, vb, paths_options_));
        if (r.truncated) return absl::ResourceExhaustedError("paths query truncated");
        out->value = r.hops.has_value() ? *r.hops : -1;
        out->count = r.count;
        return absl::OkStatus();
      }
      case QueryType::kSuggest: {
        LIAISON_ASSIGN_OR_RETURN(SuggestResult r, Suggest(*g_, va, suggest_options_));
        if (r.truncated) return absl::ResourceExhaustedError("suggest query truncated");
        out->top.clear();
        for (const Suggestion& s : r.suggestions) out->top.emplace_back(s.member, s.mutual);
        return absl::OkStatus();
      }
      case QueryType::kMutual: {
        LIAISON_ASSIGN_OR_RETURN(MutualResult r, Mutual(*g_, va, vb));
        out->value = static_cast<int64_t>(r.members.size());
        return absl::OkStatus();
      }
    }
    return absl::InvalidArgumentError("unknown query type");
  }

 private:
  const Snapshot* g_;
  DegreeOptions degree_options_;
  ReachOptions reach_options_;
  PathOptions paths_options_;
  SuggestOptions suggest_options_;
};

class LiaisonSystem : public System {
 public:
  explicit LiaisonSystem(std::shared_ptr<const Snapshot> g) : g_(std::move(g)) {}
  std::string name() const override { return "liaison"; }
  std::string Method(QueryType q) const override {
    switch (q) {
      case QueryType::kDegree: return "Degree (bidirectional BFS, max_depth 3)";
      case QueryType::kReach: return "Reach (direction-optimising BFS, depth 3)";
      case QueryType::kPaths: return "IntroPaths (k 5, max_hops 3; count of shortest paths)";
      case QueryType::kSuggest: return "Suggest (k 10, score common)";
      case QueryType::kMutual: return "Mutual (sorted-list intersection)";
    }
    return "";
  }
  uint64_t Vertex(uint64_t external_id) const override {
    VertexId v = g_->FindMember(external_id);
    return v == kNoVertex ? ~uint64_t{0} : v;
  }
  uint64_t External(uint64_t vertex) const override {
    return g_->external_id(static_cast<VertexId>(vertex));
  }
  std::unique_ptr<Worker> NewWorker() const override {
    return std::make_unique<LiaisonWorker>(g_.get());
  }
  const std::shared_ptr<const Snapshot>& snapshot() const { return g_; }

 private:
  std::shared_ptr<const Snapshot> g_;
};

// Text file -> in-memory snapshot, through the importer when it is built.
absl::StatusOr<std::shared_ptr<const Snapshot>> ImportText(const std::string& text_path,
                                                           std::string* method) {
#if LIAISON_BENCH_HAVE_IMPORTER
  *method = "ImportGraph (liaison/import.h) + WriteSnapshotFile";
  ImportOptions options;
  ImportReport report;
  return ImportGraph(text_path, /*members_path=*/"", options, &report);
#else
  *method =
      "harness text reader + BuildSnapshot + WriteSnapshotFile (liaison/import.h not merged yet)";
  LIAISON_ASSIGN_OR_RETURN(EdgeRows rows, ReadEdgeRows(text_path));
  std::vector<ConnectionBatch> batches;
  constexpr size_t kRowsPerBatch = size_t{1} << 20;
  for (size_t begin = 0; begin < rows.a.size(); begin += kRowsPerBatch) {
    const size_t end = std::min(rows.a.size(), begin + kRowsPerBatch);
    ConnectionBatch batch;
    batch.a.assign(rows.a.begin() + begin, rows.a.begin() + end);
    batch.b.assign(rows.b.begin() + begin, rows.b.begin() + end);
    batches.push_back(std::move(batch));
  }
  rows = EdgeRows();
  BuildReport report;
  return BuildSnapshot(std::move(batches), nullptr, &report);
#endif
}

}  // namespace

absl::StatusOr<LoadedSystem> LoadLiaison(const std::string& text_path,
                                         const std::string& scratch_dir, bool in_memory) {
  LoadedSystem loaded;
  LoadReport& report = loaded.report;
  const std::string snapshot_path = scratch_dir + "/graph.liaison";
  ResetPeakRss();
  const uint64_t baseline = CurrentRssBytes();
  const int64_t t0 = NowNanos();
  {
    LIAISON_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> built,
                             ImportText(text_path, &report.method));
    if (built->any_hidden()) {
      return absl::FailedPreconditionError(
          "the comparison graph has members who hide connections; the harness compares plain "
          "graphs only");
    }
    LIAISON_RETURN_IF_ERROR(WriteSnapshotFile(*built, snapshot_path));
  }
  report.load_seconds = static_cast<double>(NowNanos() - t0) / 1e9;
  report.peak_rss_bytes = PeakRssBytes() > baseline ? PeakRssBytes() - baseline : 0;

  const uint64_t open_baseline = CurrentRssBytes();
  const int64_t t1 = NowNanos();
  LIAISON_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> g,
                           OpenSnapshotFile(snapshot_path, {.in_memory = in_memory}));
  report.open_seconds = static_cast<double>(NowNanos() - t1) / 1e9;
  // Touch the topology once so that "resident" means the graph as queries see it.
  uint64_t checksum = 0;
  for (uint64_t e = 0; e < g->num_adjacencies(); e += 1024) checksum += g->neighbor(e);
  for (size_t i = 0; i < g->parts().offsets.size(); i += 512) checksum += g->parts().offsets[i];
  report.touch_checksum = checksum;
  const uint64_t rss = CurrentRssBytes();
  report.resident_bytes = rss > open_baseline ? rss - open_baseline : 0;
  const Snapshot::Parts& p = g->parts();
  report.graph_bytes = p.offsets.size_bytes() + p.neighbors.size_bytes() +
                       p.external_ids.size_bytes() + p.id_index.size_bytes() +
                       p.flags.size_bytes() + p.strength.size_bytes() + p.since.size_bytes();
  struct stat st;
  if (stat(snapshot_path.c_str(), &st) == 0) report.file_bytes = static_cast<uint64_t>(st.st_size);
  report.members = g->num_members();
  report.connections = g->num_connections();
  loaded.system = std::make_unique<LiaisonSystem>(std::move(g));
  return loaded;
}

std::shared_ptr<const Snapshot> LiaisonSnapshotOf(const System& system) {
  const auto* liaison = dynamic_cast<const LiaisonSystem*>(&system);
  return liaison == nullptr ? nullptr : liaison->snapshot();
}

const char* QueryName(QueryType q) {
  switch (q) {
    case QueryType::kDegree: return "degree";
    case QueryType::kReach: return "reach3";
    case QueryType::kPaths: return "paths";
    case QueryType::kSuggest: return "suggest";
    case QueryType::kMutual: return "mutual";
  }
  return "?";
}

}  // namespace liaison::bench
