// liaison-bench: the macro-benchmark harness (LevelDB db_bench style named workloads, fixed
// seeds), with Boost.Graph and igraph run side by side on the same graphs and the same inputs.
//
// For each graph of the chosen scales:
//   1. generate it (seeded) and write its connections text file to the scratch directory;
//   2. Liaison: import the text file into a snapshot file, open it (mmap), draw the seeded query
//      inputs from it (workloads.h), answer every input on 1 thread (per-query latency) and again
//      from N std::threads (throughput), then release it;
//   3. each peer in turn (Boost.Graph, igraph): load the same text file, answer the same inputs the
//      same way, release it. Systems are loaded one at a time, so the memory a graph needs is the
//      largest single system's, not their sum;
//   4. compare every answer of every peer with Liaison's (and each system's N-thread answers with
//      its own 1-thread answers). Any difference is reported input by input and makes the run
//      exit with status 1: a disagreement is a bug, not a result.
// The comparison graphs have no members file, so nobody hides connections and the answers are
// those of the plain graph (DESIGN.md §3), which is what the peers compute.
// Output: one JSON file per run, a Markdown report (known gaps first) and a gnuplot data file and
// script under --out-dir; the PNG is drawn when gnuplot is installed.
//
// Scales: S = professional network of 100k members; M = professional network of 1M members
// (~20M connections) and Kronecker scale 20, edge factor 16; L = professional network of 10M
// members (~200M connections), run only when /proc/meminfo says it fits.

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "bench/macro/measure.h"
#include "bench/macro/systems.h"
#include "bench/macro/text_edges.h"
#include "bench/macro/workloads.h"
#include "datasets/generators/kronecker.h"
#include "engine/util/status_macros.h"
#include "nlohmann/json.hpp"

#if __has_include("datasets/generators/professional_network.h")
#include "datasets/generators/professional_network.h"
#define LIAISON_BENCH_HAVE_PRO_GENERATOR 1
#else
#define LIAISON_BENCH_HAVE_PRO_GENERATOR 0
#endif

namespace liaison::bench {
namespace {

using nlohmann::json;

struct Flags {
  std::string scale = "S,M";
  std::vector<std::string> graphs;  // overrides --scale
  std::string scratch;
  std::string out_dir = "bench/runs";
  std::string peers = "boost-graph,igraph";
  unsigned threads = 0;  // 0: hardware_concurrency
  size_t peer_limit = 0; // 0: every input
  double peer_seconds = 3;  // time budget of a peer's 1-thread pass over one input set
  uint64_t seed = 42;
  double input_fraction = 1.0;
  bool keep_scratch = false;
  bool mapped = false;  // Liaison queries its mapped snapshot file, not an in-memory copy
  uint64_t assume_available_bytes = 0;  // testing the memory checks: pretend MemAvailable is this
  std::string command;
};

// ---- Graphs ----

struct GraphSpec {
  std::string name;   // "pro-1m", "kron-20"
  std::string scale;  // "S", "M", "L" or "custom"
  bool kronecker = false;
  uint64_t members = 0;     // professional network
  double avg_degree = 40;   // professional network
  int kron_scale = 0, edge_factor = 16;

  uint64_t ExpectedRows() const {
    return kronecker ? (uint64_t{static_cast<uint64_t>(edge_factor)} << kron_scale)
                     : static_cast<uint64_t>(static_cast<double>(members) * avg_degree / 2);
  }
  uint64_t ExpectedMembers() const { return kronecker ? (uint64_t{1} << kron_scale) : members; }
  std::string Describe() const {
    if (kronecker) {
      return absl::StrFormat("Kronecker (Graph500 R-MAT) scale %d, edge factor %d", kron_scale,
                             edge_factor);
    }
    return absl::StrFormat("generated professional network, %d members, average degree %.0f",
                           members, avg_degree);
  }
};

std::optional<GraphSpec> ParseGraph(const std::string& name, const std::string& scale) {
  GraphSpec s;
  s.name = name;
  s.scale = scale;
  if (name.rfind("kron-", 0) == 0) {
    s.kronecker = true;
    s.kron_scale = std::atoi(name.c_str() + 5);
    if (s.kron_scale < 4 || s.kron_scale > 28) return std::nullopt;
    return s;
  }
  if (name == "pro-100k") s.members = 100'000;
  else if (name == "pro-1m") s.members = 1'000'000;
  else if (name == "pro-10m") s.members = 10'000'000;
  else if (name.rfind("pro-", 0) == 0) s.members = std::strtoull(name.c_str() + 4, nullptr, 10);
  if (s.members == 0) return std::nullopt;
  return s;
}

std::vector<GraphSpec> GraphsOfScale(const std::string& scale) {
  if (scale == "S") return {*ParseGraph("pro-100k", "S")};
  if (scale == "M") return {*ParseGraph("pro-1m", "M"), *ParseGraph("kron-20", "M")};
  if (scale == "L") return {*ParseGraph("pro-10m", "L")};
  return {};
}

// Peak memory of each phase, per connection row and per member, from the loads measured at scale
// M (pro-1m, 20M rows: the Liaison import peaked at 22 B/row, the Boost.Graph load at 33 B/row,
// igraph's at 88 B/row), with some headroom. Generation holds the rows and the member table.
enum class Phase { kGenerate, kLiaison, kBoostGraph, kIgraph };
uint64_t EstimateNeedBytes(const GraphSpec& s, Phase phase) {
  uint64_t per_row = 0, per_member = 0;
  switch (phase) {
    case Phase::kGenerate: per_row = 24; per_member = s.kronecker ? 0 : 256; break;
    case Phase::kLiaison: per_row = 32; per_member = 64; break;
    case Phase::kBoostGraph: per_row = 48; per_member = 64; break;
    case Phase::kIgraph: per_row = 100; per_member = 32; break;
  }
  return s.ExpectedRows() * per_row + s.ExpectedMembers() * per_member + (uint64_t{256} << 20);
}

struct GeneratedGraph {
  std::string text_path;
  uint64_t text_bytes = 0;
  double seconds = 0;
  std::string generator;
};

absl::StatusOr<GeneratedGraph> Generate(const GraphSpec& spec, const std::string& dir,
                                        uint64_t seed) {
  GeneratedGraph out;
  const int64_t t0 = NowNanos();
  if (spec.kronecker) {
    generators::KroneckerOptions options;
    options.scale = spec.kron_scale;
    options.edge_factor = spec.edge_factor;
    options.seed = seed;
    LIAISON_ASSIGN_OR_RETURN(std::vector<ConnectionBatch> batches,
                             generators::KroneckerConnections(options));
    out.text_path = dir + "/connections.tsv";
    LIAISON_ASSIGN_OR_RETURN(out.text_bytes, WriteEdgeText(batches, out.text_path));
    out.generator = "generators::KroneckerConnections + WriteEdgeText";
  } else {
#if LIAISON_BENCH_HAVE_PRO_GENERATOR
    // Generated in memory and written as two-column rows: the one text file every system reads
    // (igraph's edge-list reader takes nothing but pairs of numbers). The members table is
    // dropped: comparison graphs have no members file (nobody hides connections).
    generators::ProfessionalNetworkOptions options;
    options.members = spec.members;
    options.avg_degree = spec.avg_degree;
    options.seed = seed;
    LIAISON_ASSIGN_OR_RETURN(generators::GeneratedNetwork network,
                             generators::GenerateProfessionalNetwork(options));
    network.members = MemberTable();
    out.text_path = dir + "/connections.tsv";
    LIAISON_ASSIGN_OR_RETURN(out.text_bytes, WriteEdgeText(network.connections, out.text_path));
    out.generator = "generators::GenerateProfessionalNetwork + WriteEdgeText (a<TAB>b rows)";
#else
    return absl::UnimplementedError(
        "the professional network generator (datasets/generators/professional_network.h, branch "
        "wip-gen) is not in this build");
#endif
  }
  out.seconds = static_cast<double>(NowNanos() - t0) / 1e9;
  return out;
}

// ---- Running a system over the inputs ----

struct QueryRun {
  QueryType type;
  std::string method;
  size_t queries = 0;
  Percentiles latency;  // 1 thread
  double qps_1 = 0;
  double qps_n = 0;     // 0 when not run on N threads
  unsigned threads_n = 0;
  bool budget_cut = false;  // the time budget stopped the set before its end
  std::vector<Answer> answers;  // suggest members as external ids
};

struct SystemRun {
  std::string name;
  LoadReport load;
  std::vector<QueryRun> queries;
  std::string note;
};

// Runs every input set on `system`: warm-up, 1 thread (per-query latency), then `threads` threads
// (throughput, same inputs) when the system is thread-safe. With `budget_seconds` > 0 the
// 1-thread pass stops after the first input that ends past the budget (but not before
// kMinBudgetInputs inputs), and the rest of the run uses that prefix: how the slow peers are kept
// within the run's time. `limit` > 0 caps every set at its first `limit` inputs.
constexpr size_t kMinBudgetInputs = 3;

absl::StatusOr<std::vector<QueryRun>> RunQueries(const System& system,
                                                 const std::vector<QueryInputs>& inputs,
                                                 size_t limit, double budget_seconds,
                                                 unsigned threads) {
  std::vector<QueryRun> runs;
  for (const QueryInputs& in : inputs) {
    QueryRun run;
    run.type = in.type;
    run.method = system.Method(in.type);
    size_t n = limit == 0 ? in.size() : std::min(limit, in.size());
    std::vector<uint64_t> a(n), b(n);
    const bool pair = in.type == QueryType::kDegree || in.type == QueryType::kPaths ||
                      in.type == QueryType::kMutual;
    for (size_t i = 0; i < n; ++i) {
      a[i] = system.Vertex(in.a[i]);
      b[i] = pair ? system.Vertex(in.b[i]) : 0;
      if (a[i] == ~uint64_t{0} || b[i] == ~uint64_t{0}) {
        return absl::InternalError(absl::StrCat(system.name(), " has no vertex for member ",
                                                in.a[i], " or ", in.b[i]));
      }
    }
    std::unique_ptr<Worker> worker = system.NewWorker();
    // Warm-up: the first 5% of the inputs, untimed (page faults of freshly mapped or allocated
    // memory are not query cost).
    Answer scratch;
    size_t warmup = std::min(n, std::max<size_t>(1, n / 20));
    const int64_t warm_start = NowNanos();
    for (size_t i = 0; i < warmup; ++i) {
      LIAISON_RETURN_IF_ERROR(worker->Run(in.type, a[i], b[i], &scratch));
      if (budget_seconds > 0 &&
          static_cast<double>(NowNanos() - warm_start) / 1e9 > budget_seconds / 10) {
        warmup = i + 1;
      }
    }
    run.answers.resize(n);
    std::vector<int64_t> latencies(n);
    const int64_t t0 = NowNanos();
    for (size_t i = 0; i < n; ++i) {
      const int64_t s = NowNanos();
      absl::Status status = worker->Run(in.type, a[i], b[i], &run.answers[i]);
      const int64_t e = NowNanos();
      latencies[i] = e - s;
      if (!status.ok()) {
        return absl::Status(status.code(), absl::StrCat(system.name(), " ", QueryName(in.type),
                                                        " input ", i, ": ", status.message()));
      }
      if (budget_seconds > 0 && i + 1 >= kMinBudgetInputs && i + 1 < n &&
          static_cast<double>(e - t0) / 1e9 > budget_seconds) {
        n = i + 1;
        latencies.resize(n);
        run.answers.resize(n);
        run.budget_cut = true;
      }
    }
    run.queries = n;
    warmup = std::min(warmup, n);
    const double seconds = static_cast<double>(NowNanos() - t0) / 1e9;
    std::cout << absl::StrFormat("  %-12s %-8s %6d inputs  1 thread %8.2f s", system.name(),
                                 QueryName(in.type), n, seconds);
    run.qps_1 = seconds > 0 ? static_cast<double>(n) / seconds : 0;
    run.latency = ComputePercentiles(latencies);

    if (threads > 1 && system.thread_safe()) {
      std::vector<Answer> answers_n(n);
      std::atomic<size_t> next{0};
      std::vector<absl::Status> statuses(threads);
      std::vector<std::thread> pool;
      // Every thread warms its own worker (and the engine's per-thread scratch) on the warm-up
      // inputs first; the clock starts when all of them are ready.
      // The clock starts in the barrier's completion step, which runs before any thread leaves.
      int64_t t1 = 0;
      std::barrier ready(static_cast<std::ptrdiff_t>(threads) + 1,
                         [&t1]() noexcept { t1 = NowNanos(); });
      for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
          std::unique_ptr<Worker> w = system.NewWorker();
          Answer warm;
          for (size_t i = 0; i < warmup; ++i) {
            absl::Status status = w->Run(in.type, a[i], b[i], &warm);
            if (!status.ok()) statuses[t] = status;
          }
          ready.arrive_and_wait();
          if (!statuses[t].ok()) return;
          for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;) {
            absl::Status status = w->Run(in.type, a[i], b[i], &answers_n[i]);
            if (!status.ok()) {
              statuses[t] = status;
              return;
            }
          }
        });
      }
      ready.arrive_and_wait();
      for (std::thread& th : pool) th.join();
      const double seconds_n = static_cast<double>(NowNanos() - t1) / 1e9;
      for (const absl::Status& s : statuses) LIAISON_RETURN_IF_ERROR(s);
      std::cout << absl::StrFormat("  %d threads %8.2f s", threads, seconds_n);
      run.qps_n = seconds_n > 0 ? static_cast<double>(n) / seconds_n : 0;
      run.threads_n = threads;
      for (size_t i = 0; i < n; ++i) {
        if (!(answers_n[i] == run.answers[i])) {
          return absl::InternalError(absl::StrCat(system.name(), " ", QueryName(in.type),
                                                  " input ", i, ": the ", threads,
                                                  "-thread answer differs from the 1-thread one"));
        }
      }
    }
    std::cout << "\n";
    for (size_t i = 0; i < n; ++i) {
      LIAISON_RETURN_IF_ERROR(worker->Complete(in.type, a[i], b[i], &run.answers[i]));
      for (auto& [member, count] : run.answers[i].top) member = system.External(member);
    }
    runs.push_back(std::move(run));
  }
  return runs;
}

std::string FormatAnswer(QueryType q, const Answer& x) {
  switch (q) {
    case QueryType::kDegree: return absl::StrCat("degree ", x.value);
    case QueryType::kMutual: return absl::StrCat("mutual ", x.value);
    case QueryType::kPaths: return absl::StrCat("hops ", x.value, " count ", x.count);
    case QueryType::kReach: return absl::StrCat("levels ", absl::StrJoin(x.levels, "/"));
    case QueryType::kSuggest: {
      std::vector<std::string> parts;
      for (const auto& [m, c] : x.top) parts.push_back(absl::StrCat(m, ":", c));
      return absl::StrCat("top [", absl::StrJoin(parts, " "), "]");
    }
  }
  return "";
}

// Compares a peer's answers with Liaison's; returns the number of differing inputs and appends
// the first few, described, to `messages`.
size_t Compare(const std::vector<QueryInputs>& inputs, const SystemRun& reference,
               const SystemRun& peer, std::vector<std::string>* messages) {
  size_t differences = 0;
  for (size_t q = 0; q < peer.queries.size(); ++q) {
    const QueryRun& mine = reference.queries[q];
    const QueryRun& theirs = peer.queries[q];
    for (size_t i = 0; i < theirs.answers.size(); ++i) {
      if (mine.answers[i] == theirs.answers[i]) continue;
      ++differences;
      if (messages->size() < 20) {
        messages->push_back(absl::StrCat(
            QueryName(theirs.type), " input ", i, " (", inputs[q].a[i],
            theirs.type == QueryType::kReach || theirs.type == QueryType::kSuggest
                ? std::string()
                : absl::StrCat(", ", inputs[q].b[i]),
            "): liaison ", FormatAnswer(mine.type, mine.answers[i]), " vs ", peer.name, " ",
            FormatAnswer(theirs.type, theirs.answers[i])));
      }
    }
  }
  return differences;
}

// ---- Reports ----

json LoadJson(const LoadReport& r) {
  return json{{"method", r.method},
              {"load_seconds", r.load_seconds},
              {"open_seconds", r.open_seconds},
              {"peak_rss_bytes", r.peak_rss_bytes},
              {"resident_bytes", r.resident_bytes},
              {"graph_bytes", r.graph_bytes},
              {"file_bytes", r.file_bytes},
              {"members", r.members},
              {"connections", r.connections},
              {"graph_bytes_per_connection",
               r.connections ? static_cast<double>(r.graph_bytes) / r.connections : 0.0},
              {"peak_rss_bytes_per_connection",
               r.connections ? static_cast<double>(r.peak_rss_bytes) / r.connections : 0.0}};
}

json QueryJson(const QueryRun& q) {
  return json{{"query", QueryName(q.type)},
              {"method", q.method},
              {"queries", q.queries},
              {"p50_us", q.latency.p50_us},
              {"p90_us", q.latency.p90_us},
              {"p99_us", q.latency.p99_us},
              {"max_us", q.latency.max_us},
              {"mean_us", q.latency.mean_us},
              {"qps_1_thread", q.qps_1},
              {"qps_n_threads", q.qps_n},
              {"threads", q.threads_n},
              {"stopped_by_time_budget", q.budget_cut}};
}

std::string Us(double us) {
  if (us >= 10000) return absl::StrFormat("%.0f ms", us / 1000);
  if (us >= 1000) return absl::StrFormat("%.1f ms", us / 1000);
  if (us >= 100) return absl::StrFormat("%.0f µs", us);
  if (us >= 10) return absl::StrFormat("%.1f µs", us);
  return absl::StrFormat("%.2f µs", us);
}

std::string Qps(double qps) {
  if (qps <= 0) return "–";
  if (qps >= 1e6) return absl::StrFormat("%.2f M/s", qps / 1e6);
  if (qps >= 1e3) return absl::StrFormat("%.1f k/s", qps / 1e3);
  return absl::StrFormat("%.1f /s", qps);
}

// One figure asked by the query issue (Liaison's median against a peer's, or an absolute bound),
// met or not. `issue`: the issue states it for this graph (Kronecker
// scale 20 and the 1M-member professional network; for suggest on a professional network, the
// 1 ms bound). Otherwise it is the issue's figure carried over to another graph: a stretch goal,
// reported apart.
struct Figure {
  std::string text;
  bool met = false;
  bool issue = true;
};

}  // namespace

int Main(int argc, char** argv) {
  Flags flags;
  CLI::App app{"liaison-bench: Liaison vs Boost.Graph and igraph on generated networks"};
  app.add_option("--scale", flags.scale, "scales to run, comma separated: S, M, L")
      ->capture_default_str();
  app.add_option("--graphs", flags.graphs,
                 "graphs to run instead of --scale: pro-100k, pro-1m, pro-10m, pro-N, kron-N");
  app.add_option("--scratch", flags.scratch, "scratch directory (default: a new one under /tmp)");
  app.add_option("--out-dir", flags.out_dir, "where the run's JSON/Markdown/plot go")
      ->capture_default_str();
  app.add_option("--peers", flags.peers, "peers to run: boost-graph, igraph, none")
      ->capture_default_str();
  app.add_option("--threads", flags.threads, "threads of the N-thread runs (0: all cores)");
  app.add_option("--peer-limit", flags.peer_limit,
                 "peers answer only the first N inputs of each set (0: all)")
      ->capture_default_str();
  app.add_option("--peer-seconds", flags.peer_seconds,
                 "time budget of a peer's 1-thread pass over one input set; it answers the "
                 "inputs in order until then (at least 3; 0: no budget)")
      ->capture_default_str();
  app.add_option("--seed", flags.seed, "seed of the generators and the inputs")
      ->capture_default_str();
  app.add_option("--input-fraction", flags.input_fraction,
                 "scale every input set by this fraction (smoke runs)")
      ->capture_default_str();
  app.add_flag("--keep-scratch", flags.keep_scratch, "keep the generated files");
  app.add_flag("--mapped", flags.mapped,
               "Liaison queries its snapshot file as mapped (4 KiB page-cache pages) instead of "
               "an in-memory copy on huge pages");
  app.add_option("--assume-mem-available", flags.assume_available_bytes,
                 "pretend /proc/meminfo's MemAvailable is this many bytes (to test the skips)");
  CLI11_PARSE(app, argc, argv);
  std::cout.setf(std::ios::unitbuf);
  {
    std::vector<std::string> words(argv, argv + argc);
    words[0] = "liaison-bench";
    flags.command = absl::StrJoin(words, " ");
  }
  const unsigned threads =
      flags.threads != 0 ? flags.threads : std::max(1u, std::thread::hardware_concurrency());

  std::vector<GraphSpec> specs;
  if (!flags.graphs.empty()) {
    for (const std::string& name : flags.graphs) {
      auto spec = ParseGraph(name, "custom");
      if (!spec) {
        std::cerr << "unknown graph '" << name << "'\n";
        return 2;
      }
      specs.push_back(*spec);
    }
  } else {
    for (absl::string_view s : absl::StrSplit(flags.scale, ',', absl::SkipEmpty())) {
      std::vector<GraphSpec> more = GraphsOfScale(std::string(s));
      if (more.empty()) {
        std::cerr << "unknown scale '" << s << "' (S, M or L)\n";
        return 2;
      }
      specs.insert(specs.end(), more.begin(), more.end());
    }
  }
  const bool want_bgl = absl::StrContains(flags.peers, "boost-graph");
  const bool want_igraph = absl::StrContains(flags.peers, "igraph");

  const MachineInfo machine = DescribeMachine();
  char stamp[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", std::gmtime(&now));
  std::filesystem::create_directories(flags.out_dir);
  const std::string run_base = absl::StrCat(flags.out_dir, "/run-", stamp);
  std::string scratch_root = flags.scratch;
  bool made_scratch = false;
  if (scratch_root.empty()) {
    char tmpl[] = "/tmp/liaison-bench-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) {
      std::cerr << "cannot create a scratch directory under /tmp\n";
      return 1;
    }
    scratch_root = tmpl;
    made_scratch = true;
  }

  std::vector<std::string> notes;
  notes.push_back(
      "Privacy: every comparison graph is built without a members file, so no member hides "
      "connections and all systems answer on the plain graph.");
  if (!want_bgl) notes.push_back("Boost.Graph peer not requested (--peers).");
  else if (!HaveBoostGraph()) notes.push_back("Boost.Graph peer SKIPPED: not found at build time.");
  if (!want_igraph) notes.push_back("igraph peer not requested (--peers).");
  else if (!HaveIgraph()) notes.push_back("igraph peer SKIPPED: pkg-config igraph not found at build time.");
  else notes.push_back(IgraphThreadNote() + ".");
  notes.push_back(flags.mapped
                      ? "Liaison queries its snapshot file as mapped (--mapped): 4 KiB page-cache "
                        "pages."
                      : "Liaison opens its snapshot file with SnapshotOpenOptions::in_memory (a "
                        "copy on transparent huge pages; the open time includes the copy). "
                        "Mapped instead (--mapped), degree and reach ran about 5% slower on "
                        "pro-1m.");
  notes.push_back(absl::StrCat(
      "Latency percentiles are per query on 1 thread; throughput on 1 thread and from ", threads,
      " std::threads sharing the system. Liaison's reach may also use oneTBB workers inside one "
      "query."));
  if (flags.peer_seconds > 0) {
    notes.push_back(absl::StrFormat(
        "Peers answer each input set in order within a time budget of %.0f s on 1 thread "
        "(--peer-seconds; at least %d inputs), then the same prefix on all threads; the "
        "'inputs' column says how many they answered. Liaison answers every input. Answers are "
        "compared on every input a peer answered.",
        flags.peer_seconds, kMinBudgetInputs));
  }
  if (flags.peer_limit != 0) {
    notes.push_back(absl::StrCat("Peers answered only the first ", flags.peer_limit,
                                 " inputs of each set (--peer-limit); Liaison answered all."));
  }
  for (const std::string& n : notes) std::cout << "# " << n << "\n";

  json j_run = {{"command", flags.command},
                {"started_utc", stamp},
                {"scale", flags.scale},
                {"seed", flags.seed},
                {"threads", threads},
                {"peer_limit", flags.peer_limit},
                {"peer_seconds", flags.peer_seconds},
                {"liaison_mapped", flags.mapped},
                {"machine",
                 {{"cores", machine.cores},
                  {"mem_total_bytes", machine.mem_total},
                  {"cpu", machine.cpu_model},
                  {"kernel", machine.kernel},
                  {"hostname", machine.hostname},
                  {"compiler", machine.compiler},
                  {"build_type", machine.build_type},
                  {"git_commit", machine.git_commit}}},
                {"notes", notes},
                {"graphs", json::array()}};

  bool all_agree = true;
  std::vector<std::string> gaps;
  std::vector<Figure> figures;
  std::string md_tables;
  std::ofstream dat(run_base + ".dat");
  dat << "# label liaison_p50 liaison_p99 bgl_p50 bgl_p99 igraph_p50 igraph_p99 (microseconds, "
         "-1: not run)\n";

  for (const GraphSpec& spec : specs) {
    std::cout << "\n== " << spec.name << ": " << spec.Describe() << "\n";
    json j_graph = {{"name", spec.name}, {"scale", spec.scale}, {"description", spec.Describe()}};
    // Memory: the harness uses at most 80% of MemAvailable. The graph is skipped when generating
    // it or Liaison's import would not fit; a peer whose load would not fit is skipped alone.
    const uint64_t available =
        flags.assume_available_bytes != 0 ? flags.assume_available_bytes : MemAvailableBytes();
    auto fits = [&](Phase phase) {
      return available == 0 || EstimateNeedBytes(spec, phase) <= available / 10 * 8;
    };
    auto need_message = [&](Phase phase) {
      return absl::StrCat("needs about ", HumanBytes(EstimateNeedBytes(spec, phase)),
                          ", MemAvailable is ", HumanBytes(available),
                          " (/proc/meminfo; the harness uses at most 80%)");
    };
    if (!fits(Phase::kGenerate) || !fits(Phase::kLiaison)) {
      std::string msg = absl::StrCat(
          "SKIPPED ", spec.name, ": ",
          need_message(fits(Phase::kGenerate) ? Phase::kLiaison : Phase::kGenerate));
      std::cout << msg << "\n";
      j_graph["skipped"] = msg;
      md_tables += absl::StrCat("\n### ", spec.name, "\n\n", msg, "\n");
      j_run["graphs"].push_back(j_graph);
      continue;
    }
    std::vector<std::string> peer_skips;
    const std::string dir = absl::StrCat(scratch_root, "/", spec.name);
    std::filesystem::create_directories(dir);
    auto generated = Generate(spec, dir, flags.seed);
    if (!generated.ok()) {
      std::string msg = absl::StrCat("SKIPPED ", spec.name, ": ", generated.status().message());
      std::cout << msg << "\n";
      j_graph["skipped"] = msg;
      md_tables += absl::StrCat("\n### ", spec.name, "\n\n", msg, "\n");
      j_run["graphs"].push_back(j_graph);
      continue;
    }
    std::cout << "generated " << generated->text_path << " (" << HumanBytes(generated->text_bytes)
              << ") in " << absl::StrFormat("%.1f s", generated->seconds) << "\n";
    j_graph["text_bytes"] = generated->text_bytes;
    j_graph["generate_seconds"] = generated->seconds;
    j_graph["generator"] = generated->generator;

    // Liaison first: it also draws the inputs.
    std::vector<SystemRun> systems;
    std::vector<QueryInputs> inputs;
    {
      auto loaded = LoadLiaison(generated->text_path, dir, /*in_memory=*/!flags.mapped);
      if (!loaded.ok()) {
        std::cerr << "liaison load failed: " << loaded.status() << "\n";
        return 1;
      }
      std::shared_ptr<const Snapshot> g = LiaisonSnapshotOf(*loaded->system);
      InputSizes sizes;
      auto scaled = [&](size_t n) {
        return std::max<size_t>(1, static_cast<size_t>(static_cast<double>(n) *
                                                       flags.input_fraction));
      };
      sizes.degree = scaled(sizes.degree);
      sizes.reach = scaled(sizes.reach);
      sizes.paths = scaled(sizes.paths);
      sizes.suggest = scaled(sizes.suggest);
      sizes.mutual = scaled(sizes.mutual);
      inputs = MakeInputs(*g, flags.seed, sizes);
      g.reset();
      std::cout << "liaison: imported " << loaded->report.members << " members, "
                << loaded->report.connections << " connections in "
                << absl::StrFormat("%.2f s", loaded->report.load_seconds) << " (opened in "
                << absl::StrFormat("%.4f s", loaded->report.open_seconds) << ")\n";
      auto runs = RunQueries(*loaded->system, inputs, 0, 0, threads);
      if (!runs.ok()) {
        std::cerr << "liaison queries failed: " << runs.status() << "\n";
        return 1;
      }
      systems.push_back({"liaison", loaded->report, std::move(*runs), ""});
      std::filesystem::remove(dir + "/graph.liaison");
    }
    json j_inputs = json::array();
    for (const QueryInputs& in : inputs) {
      j_inputs.push_back({{"query", QueryName(in.type)}, {"count", in.size()},
                          {"description", in.description}});
    }
    j_graph["inputs"] = j_inputs;

    auto run_peer = [&](const std::string& name,
                        absl::StatusOr<LoadedSystem> (*load)(const std::string&)) -> bool {
      auto loaded = load(generated->text_path);
      if (!loaded.ok()) {
        std::cerr << name << " load failed: " << loaded.status() << "\n";
        return false;
      }
      std::cout << name << ": loaded in " << absl::StrFormat("%.2f s", loaded->report.load_seconds)
                << "\n";
      auto runs =
          RunQueries(*loaded->system, inputs, flags.peer_limit, flags.peer_seconds, threads);
      if (!runs.ok()) {
        std::cerr << name << " queries failed: " << runs.status() << "\n";
        return false;
      }
      std::string note = loaded->system->thread_safe() ? "" : "1 thread only (not thread-safe)";
      systems.push_back({name, loaded->report, std::move(*runs), note});
      return true;
    };
    auto peer = [&](const std::string& name, Phase phase,
                    absl::StatusOr<LoadedSystem> (*load)(const std::string&)) -> bool {
      if (!fits(phase)) {
        peer_skips.push_back(absl::StrCat(name, " SKIPPED on ", spec.name, ": ",
                                          need_message(phase)));
        std::cout << peer_skips.back() << "\n";
        return true;
      }
      return run_peer(name, load);
    };
    if (want_bgl && HaveBoostGraph() && !peer("boost-graph", Phase::kBoostGraph, &LoadBoostGraph)) {
      return 1;
    }
    if (want_igraph && HaveIgraph() && !peer("igraph", Phase::kIgraph, &LoadIgraph)) return 1;
    j_graph["peers_skipped"] = peer_skips;

    // Agreement.
    json j_agree = json::object();
    for (size_t s = 1; s < systems.size(); ++s) {
      std::vector<std::string> messages;
      size_t compared = 0;
      for (const QueryRun& q : systems[s].queries) compared += q.queries;
      const size_t differences = Compare(inputs, systems[0], systems[s], &messages);
      j_agree[systems[s].name] = {{"inputs_compared", compared},
                                  {"differences", differences},
                                  {"first_differences", messages}};
      if (differences != 0) {
        all_agree = false;
        std::cerr << "DISAGREEMENT on " << spec.name << ": " << systems[s].name << " differs from "
                  << "liaison on " << differences << " of " << compared << " inputs\n";
        for (const std::string& m : messages) std::cerr << "  " << m << "\n";
      } else {
        std::cout << systems[s].name << " agrees with liaison on all " << compared
                  << " inputs\n";
      }
    }
    j_graph["agreement"] = j_agree;

    // Tables, gaps, figures.
    json j_systems = json::array();
    for (const SystemRun& s : systems) {
      json j_queries = json::array();
      for (const QueryRun& q : s.queries) j_queries.push_back(QueryJson(q));
      j_systems.push_back({{"name", s.name}, {"note", s.note}, {"load", LoadJson(s.load)},
                           {"queries", j_queries}});
    }
    j_graph["systems"] = j_systems;
    j_run["graphs"].push_back(j_graph);

    std::string& md = md_tables;
    md += absl::StrCat("\n### ", spec.name, " — ", spec.Describe(), "\n\n");
    md += absl::StrCat(systems[0].load.members, " members, ", systems[0].load.connections,
                       " connections; text file ", HumanBytes(generated->text_bytes), ".\n\n");
    for (const std::string& skip : peer_skips) md += absl::StrCat("**", skip, "**\n\n");
    md += "| system | load from text | how | peak RSS of load | graph bytes / connection | "
          "snapshot file |\n|---|---|---|---|---|---|\n";
    for (const SystemRun& s : systems) {
      md += absl::StrFormat(
          "| %s | %.2f s%s | %s | %s | %.1f | %s |\n", s.name, s.load.load_seconds,
          s.name == "liaison" ? absl::StrFormat(" (+ open %.1f ms)", s.load.open_seconds * 1e3)
                              : std::string(),
          s.load.method, HumanBytes(s.load.peak_rss_bytes),
          s.load.connections ? static_cast<double>(s.load.graph_bytes) / s.load.connections : 0.0,
          s.load.file_bytes ? HumanBytes(s.load.file_bytes) : std::string("–"));
    }
    md += "\n| query | system | inputs | p50 | p90 | p99 | 1 thread | all threads | "
          "p50 / liaison p50 |\n|---|---|---|---|---|---|---|---|---|\n";
    for (size_t q = 0; q < inputs.size(); ++q) {
      const QueryRun& ours = systems[0].queries[q];
      std::vector<double> dat_row(6, -1);
      for (size_t s = 0; s < systems.size(); ++s) {
        const QueryRun& r = systems[s].queries[q];
        md += absl::StrFormat(
            "| %s | %s | %d | %s | %s | %s | %s | %s | %s |\n", QueryName(r.type),
            systems[s].name, r.queries, Us(r.latency.p50_us), Us(r.latency.p90_us),
            Us(r.latency.p99_us), Qps(r.qps_1),
            r.threads_n ? absl::StrCat(Qps(r.qps_n), " (", r.threads_n, " thr)")
                        : std::string("– (1 thread only)"),
            s == 0 ? std::string("1×")
                   : absl::StrFormat("%.1f×", r.latency.p50_us / ours.latency.p50_us));
        const int col = systems[s].name == "liaison" ? 0 : systems[s].name == "boost-graph" ? 2 : 4;
        dat_row[col] = r.latency.p50_us;
        dat_row[col + 1] = r.latency.p99_us;
        if (s > 0 && !(ours.latency.p50_us < r.latency.p50_us)) {
          gaps.push_back(absl::StrFormat(
              "%s on %s: liaison p50 %s is not ahead of %s p50 %s", QueryName(r.type), spec.name,
              Us(ours.latency.p50_us), systems[s].name, Us(r.latency.p50_us)));
        }
      }
      dat << spec.name << ":" << QueryName(ours.type);
      for (double v : dat_row) dat << " " << v;
      dat << "\n";
    }
    // Figures asked by the query issue.
    auto peer_p50 = [&](const std::string& name, QueryType t) -> double {
      for (const SystemRun& s : systems) {
        if (s.name != name) continue;
        for (const QueryRun& q : s.queries) if (q.type == t) return q.latency.p50_us;
      }
      return -1;
    };
    auto ours_of = [&](QueryType t) -> const QueryRun& {
      for (const QueryRun& q : systems[0].queries) if (q.type == t) return q;
      return systems[0].queries[0];
    };
    // The graphs the issue names: "that Kronecker graph" (scale 20) and "a generated 1M-member
    // professional network".
    const bool issue_kron = spec.kronecker && spec.kron_scale == 20;
    const bool issue_pro = !spec.kronecker && spec.members == 1'000'000;
    auto ratio_figure = [&](QueryType t, double target, bool issue) {
      const double mine = ours_of(t).latency.p50_us;
      for (const char* peer : {"boost-graph", "igraph"}) {
        const double theirs = peer_p50(peer, t);
        if (theirs < 0) continue;
        const bool is_target = std::string(peer) == "boost-graph";
        const double ratio = theirs / mine;
        // Ahead of every peer: asked for every query on the issue's two graphs.
        figures.push_back({absl::StrFormat("%s %s: %s median / liaison median = %.1f×%s",
                                           spec.name, QueryName(t), peer, ratio,
                                           is_target ? absl::StrFormat(" (target ≥ %.0f×)", target)
                                                     : std::string(" (target: ahead, > 1×)")),
                           is_target ? ratio >= target : ratio > 1,
                           is_target ? issue : issue_kron || issue_pro});
      }
    };
    ratio_figure(QueryType::kDegree, 200, issue_kron || issue_pro);
    ratio_figure(QueryType::kReach, 5, issue_kron);
    ratio_figure(QueryType::kSuggest, 3, issue_kron);
    const QueryRun& deg = ours_of(QueryType::kDegree);
    figures.push_back({absl::StrFormat("%s degree: liaison p50 %s (target ≤ 2 µs), p99 %s "
                                       "(target ≤ 20 µs)",
                                       spec.name, Us(deg.latency.p50_us), Us(deg.latency.p99_us)),
                       deg.latency.p50_us <= 2 && deg.latency.p99_us <= 20,
                       issue_kron || issue_pro});
    figures.push_back(
        {absl::StrFormat("%s reach3: liaison p50 %s (target ≤ 6 ms)", spec.name,
                         Us(ours_of(QueryType::kReach).latency.p50_us)),
         ours_of(QueryType::kReach).latency.p50_us <= 6000, issue_kron});
    figures.push_back(
        {absl::StrFormat("%s paths: liaison p50 %s (target ≤ 1 ms)", spec.name,
                         Us(ours_of(QueryType::kPaths).latency.p50_us)),
         ours_of(QueryType::kPaths).latency.p50_us <= 1000, issue_kron || issue_pro});
    const double suggest_p50 = ours_of(QueryType::kSuggest).latency.p50_us;
    if (spec.kronecker) {
      figures.push_back(
          {absl::StrFormat("%s suggest: liaison p50 %s (target ≤ 40 µs on Kronecker)", spec.name,
                           Us(suggest_p50)),
           suggest_p50 <= 40, issue_kron});
    } else {
      figures.push_back({absl::StrFormat("%s suggest: liaison p50 %s (target ≤ 1 ms on a "
                                         "professional network)",
                                         spec.name, Us(suggest_p50)),
                         suggest_p50 <= 1000, issue_pro});
    }
    std::cout << md.substr(md.rfind("\n### "));
    if (!flags.keep_scratch) std::filesystem::remove_all(dir);
  }
  dat.close();
  if (made_scratch && !flags.keep_scratch) std::filesystem::remove_all(scratch_root);

  json j_figures = json::array();
  for (const Figure& f : figures) {
    j_figures.push_back({{"figure", f.text}, {"met", f.met}, {"issue", f.issue}});
  }
  j_run["figures"] = j_figures;
  j_run["known_gaps"] = gaps;
  j_run["all_answers_agree"] = all_agree;
  {
    std::ofstream out(run_base + ".json");
    out << j_run.dump(2) << "\n";
  }

  // Markdown: known gaps first, then the figures, then the tables.
  std::string md = "# Liaison benchmark results\n\n";
  md += absl::StrCat("Command: `", flags.command, "`  \n");
  md += absl::StrCat("Machine: ", machine.cores, " cores, ", HumanBytes(machine.mem_total),
                     ", ", machine.cpu_model, "; ", machine.compiler, " (", machine.build_type,
                     "); commit ", machine.git_commit, "; run ", stamp, " UTC.\n\n");
  md += "## Known gaps (queries where Liaison is not ahead of both peers)\n\n";
  if (gaps.empty()) md += "None in this run.\n";
  for (const std::string& g : gaps) md += absl::StrCat("- ", g, "\n");
  md += absl::StrCat("\n## Answers\n\n",
                     all_agree ? "Every peer gave the same answer as Liaison on every input it ran."
                               : "**DISAGREEMENT: some answers differ (see the JSON); this run "
                                 "failed.**",
                     "\n\n## Targets of the query issue (medians)\n\n"
                     "On the graphs the issue names them for (Kronecker scale 20, the 1M-member "
                     "professional network):\n\n");
  for (const bool issue : {true, false}) {
    if (!issue) {
      md += "\nStretch goals: the same figures on the other graphs of this run (the issue does "
            "not ask them there):\n\n";
    }
    for (const Figure& f : figures) {
      if (f.issue != issue) continue;
      md += absl::StrCat("- ", f.met ? "met" : "**not met**", ": ", f.text, "\n");
    }
  }
  md += "\n## Notes\n\n";
  for (const std::string& n : notes) md += absl::StrCat("- ", n, "\n");
  md += "\n## Results\n";
  md += md_tables;
  {
    std::ofstream out(run_base + ".md");
    out << md;
  }
  // gnuplot: p50 bars with whiskers to p99, per (graph, query), one colour per system.
  {
    std::ofstream gp(run_base + ".gp");
    gp << "set terminal pngcairo size 900,420 font ',9'\n"
       << "set output '" << run_base << ".png'\n"
       << "set title 'Query latency: bar = p50, whisker = p99 (1 thread; lower is better)'\n"
       << "set logscale y\nset ylabel 'microseconds'\nset yrange [0.1:*]\n"
       << "set style data histogram\nset style histogram errorbars gap 2 lw 1\n"
       << "set style fill solid 0.8 border -1\nset boxwidth 0.9\n"
       << "set xtics rotate by -30 nomirror\nset key top left\nset grid ytics\n"
       << "set bmargin 7\nset rmargin 8\n"
       << "set datafile missing '-1'\n"
       << "plot '" << run_base << ".dat' using 2:2:3:xtic(1) title 'liaison', "
       << "'' using 4:4:5 title 'boost-graph', '' using 6:6:7 title 'igraph'\n";
  }
  if (std::system("command -v gnuplot >/dev/null 2>&1") == 0) {
    if (std::system(absl::StrCat("gnuplot '", run_base, ".gp'").c_str()) != 0) {
      std::cerr << "gnuplot failed; the plot was not drawn\n";
    }
  } else {
    std::cout << "gnuplot not installed: plot skipped (script " << run_base << ".gp)\n";
  }
  std::cout << "\nwrote " << run_base << ".{json,md,dat,gp,png}\n";
  if (!all_agree) {
    std::cerr << "FAILED: the systems disagree (see above)\n";
    return 1;
  }
  return 0;
}

}  // namespace liaison::bench

int main(int argc, char** argv) { return liaison::bench::Main(argc, argv); }
