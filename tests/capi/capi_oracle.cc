// Test data for the C API tests (tests/capi/*.c, tests/python/test_liaison.py): writes the test
// graphs and the answers the C++ API gives on them, which the C and Python tests must reproduce
// through libliaison.
//
// Usage: capi_oracle OUT_DIR. Writes
//   graph.liaison      a random power-law network (600 members, 10% hide their connections, 5%
//                      accept no introductions, a company column, strengths and dates);
//   connections.tsv    the same network as text ("a b strength since") and
//   members.tsv        its members file, for the importer;
//   intro.liaison      the hand-drawn fixture datasets/fixtures/intro_network;
//   expected.txt       queries on graph.liaison and the C API's expected answers, one per line.
//
// expected.txt: whitespace-separated tokens, one record per line; the query, then ":", then the
// liaison_status number and, when it is 0, the answer. Floats are printed so that strtof/strtod
// read back the same value (%.9g, %.17g); a missing date or filter is "-".
//   degree MAXDEPTH FROM TO : STATUS [DEGREE MUTUAL]                        (degree -1: none)
//   many MAXDEPTH FROM N TO*N : STATUS [DEGREE MUTUAL]*N
//   reach DEPTH LIST LIMIT COLUMN VALUE FROM : STATUS [NLEVELS LEVEL* TOTAL NLISTED (ID DIST)*]
//   paths K MAXHOPS LONGER NAVOID AVOID* FROM TO : STATUS
//         [HOPS COUNT NPATHS (LEN ID*LEN WARMTH (STRENGTH SINCE)*(LEN-1))*]      (hops -1: none)
//   mutual A B : STATUS [COUNT ID*]
//   suggest K SCORE HUBCAP FOR : STATUS [N (MEMBER MUTUAL SCORE NREASONS ID*)*]
// The status of a failed query is what the C API must return: NOT_FOUND (5) for an id not in the
// graph (checked in argument order, as the C API does), otherwise the C++ API's own code.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "liaison/builder.h"
#include "liaison/graph.h"
#include "liaison/query.h"
#include "liaison/snapshot_file.h"
#include "tests/testing/fixture.h"
#include "tests/testing/graphs.h"

namespace liaison {
namespace {

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "capi_oracle: %s\n", what.c_str());
  std::exit(1);
}

const char* const kCompanies[] = {"Acme", "Globex", "Initech", "Umbrella", "Hooli"};

struct TestGraph {
  std::shared_ptr<const Snapshot> g;
  ConnectionBatch connections;
  MemberTable members;
};

TestGraph MakeGraph(uint64_t seed) {
  TestGraph t;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const testing::EdgeList edges = testing::RandomPowerLawEdges(600, 2400, seed);
  for (const auto& [a, b] : edges) {
    t.connections.a.push_back(a);
    t.connections.b.push_back(b);
    t.connections.strength.push_back(static_cast<uint8_t>(1 + rng() % 255));
    // About one date in five unknown; the rest within 2005..2024.
    t.connections.since.push_back(
        u(rng) < 0.2 ? kNoDate : PackDate(12784 + static_cast<int64_t>(rng() % 7300)));
  }
  // Members file rows for most ids (not all: a member may exist only through a connection), plus
  // two isolated members.
  std::vector<ExternalId> ids;
  for (const auto& [a, b] : edges) {
    ids.push_back(a);
    ids.push_back(b);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  ids.push_back(ids.back() + 101);
  ids.push_back(ids.back() + 202);
  auto& company = t.members.text[static_cast<int>(TextColumn::kCompany)];
  for (const ExternalId id : ids) {
    if (u(rng) < 0.1) continue;
    uint8_t flags = 0;
    if (u(rng) < 0.10) flags |= kHidesConnections;
    if (u(rng) < 0.05) flags |= kNoIntroductions;
    t.members.ids.push_back(id);
    t.members.flags.push_back(flags);
    company.push_back(u(rng) < 0.15 ? "" : kCompanies[rng() % 5]);
  }
  std::vector<ConnectionBatch> batches{t.connections};
  absl::StatusOr<std::shared_ptr<const Snapshot>> g =
      BuildSnapshot(std::move(batches), &t.members, nullptr);
  if (!g.ok()) Die(g.status().ToString());
  t.g = *std::move(g);
  return t;
}

void WriteText(const TestGraph& t, const std::string& dir) {
  std::ofstream c(dir + "/connections.tsv");
  c << "# a\tb\tstrength\tsince\n";
  for (size_t i = 0; i < t.connections.size(); ++i) {
    char strength[32];
    std::snprintf(strength, sizeof strength, "%.6f", UnpackStrength(t.connections.strength[i]));
    c << t.connections.a[i] << '\t' << t.connections.b[i] << '\t' << strength;
    if (t.connections.since[i] != kNoDate) c << '\t' << FormatDate(t.connections.since[i]);
    c << '\n';
  }
  std::ofstream m(dir + "/members.tsv");
  m << "id\tcompany\thides_connections\tno_introductions\n";
  const auto& company = t.members.text[static_cast<int>(TextColumn::kCompany)];
  for (size_t i = 0; i < t.members.size(); ++i) {
    m << t.members.ids[i] << '\t' << company[i] << '\t'
      << ((t.members.flags[i] & kHidesConnections) ? 1 : 0) << '\t'
      << ((t.members.flags[i] & kNoIntroductions) ? 1 : 0) << '\n';
  }
  if (!c || !m) Die("cannot write the text files in " + dir);
}

// ---- Writing records ----

class Out {
 public:
  explicit Out(const std::string& path) : f_(std::fopen(path.c_str(), "w")) {
    if (f_ == nullptr) Die("cannot write " + path);
  }
  ~Out() { std::fclose(f_); }
  FILE* f() { return f_; }

 private:
  FILE* f_;
};

int Code(const absl::Status& s) { return static_cast<int>(s.code()); }

// The C API's id check: NOT_FOUND for an id not in the graph.
bool Known(const Snapshot& g, ExternalId id, FILE* f) {
  if (g.FindMember(id) != kNoVertex) return true;
  std::fprintf(f, " : %d\n", Code(absl::NotFoundError("")));
  return false;
}

void WriteDegree(const Snapshot& g, FILE* f, int max_depth, ExternalId from, ExternalId to) {
  std::fprintf(f, "degree %d %llu %llu", max_depth, (unsigned long long)from,
               (unsigned long long)to);
  if (!Known(g, from, f) || !Known(g, to, f)) return;
  DegreeOptions o;
  o.max_depth = max_depth;
  const auto r = Degree(g, g.FindMember(from), g.FindMember(to), o);
  if (!r.ok()) {
    std::fprintf(f, " : %d\n", Code(r.status()));
    return;
  }
  std::fprintf(f, " : 0 %d %u\n", r->degree.value_or(-1), r->mutual);
}

void WriteMany(const Snapshot& g, FILE* f, int max_depth, ExternalId from,
               const std::vector<ExternalId>& to) {
  std::fprintf(f, "many %d %llu %zu", max_depth, (unsigned long long)from, to.size());
  for (const ExternalId t : to) std::fprintf(f, " %llu", (unsigned long long)t);
  if (!Known(g, from, f)) return;
  std::vector<VertexId> targets;
  for (const ExternalId t : to) {
    if (!Known(g, t, f)) return;
    targets.push_back(g.FindMember(t));
  }
  DegreeOptions o;
  o.max_depth = max_depth;
  const auto r = DegreeMany(g, g.FindMember(from), targets, o);
  if (!r.ok()) {
    std::fprintf(f, " : %d\n", Code(r.status()));
    return;
  }
  std::fprintf(f, " : 0");
  for (const DegreeResult& d : *r) std::fprintf(f, " %d %u", d.degree.value_or(-1), d.mutual);
  std::fprintf(f, "\n");
}

void WriteReach(const Snapshot& g, FILE* f, int depth, bool list, size_t limit, const char* company,
                ExternalId from) {
  std::fprintf(f, "reach %d %d %zu %s %s %llu", depth, list ? 1 : 0, limit,
               company ? "company" : "-", company ? company : "-", (unsigned long long)from);
  if (!Known(g, from, f)) return;
  ReachOptions o;
  o.depth = depth;
  o.list = list;
  o.limit = limit;
  if (company != nullptr) o.where.push_back({TextColumn::kCompany, company});
  const auto r = Reach(g, g.FindMember(from), o);
  if (!r.ok()) {
    std::fprintf(f, " : %d\n", Code(r.status()));
    return;
  }
  std::fprintf(f, " : 0 %zu", r->levels.size());
  for (const uint64_t l : r->levels) std::fprintf(f, " %llu", (unsigned long long)l);
  std::fprintf(f, " %llu %zu", (unsigned long long)r->total, r->members.size());
  for (const ReachMember& m : r->members) {
    std::fprintf(f, " %llu %d", (unsigned long long)g.external_id(m.member), m.distance);
  }
  std::fprintf(f, "\n");
}

void WritePaths(const Snapshot& g, FILE* f, size_t k, int max_hops, bool longer,
                const std::vector<ExternalId>& avoid, ExternalId from, ExternalId to) {
  std::fprintf(f, "paths %zu %d %d %zu", k, max_hops, longer ? 1 : 0, avoid.size());
  for (const ExternalId a : avoid) std::fprintf(f, " %llu", (unsigned long long)a);
  std::fprintf(f, " %llu %llu", (unsigned long long)from, (unsigned long long)to);
  if (!Known(g, from, f) || !Known(g, to, f)) return;
  PathOptions o;
  o.k = k;
  o.max_hops = max_hops;
  o.include_longer = longer;
  for (const ExternalId a : avoid) {
    if (!Known(g, a, f)) return;
    o.avoid.push_back(g.FindMember(a));
  }
  const auto r = IntroPaths(g, g.FindMember(from), g.FindMember(to), o);
  if (!r.ok()) {
    std::fprintf(f, " : %d\n", Code(r.status()));
    return;
  }
  std::fprintf(f, " : 0 %d %llu %zu", r->hops.value_or(-1), (unsigned long long)r->count,
               r->paths.size());
  for (const IntroPath& p : r->paths) {
    std::fprintf(f, " %zu", p.members.size());
    for (const VertexId v : p.members)
      std::fprintf(f, " %llu", (unsigned long long)g.external_id(v));
    std::fprintf(f, " %.17g", p.warmth);
    for (const PathHop& h : p.hops) {
      std::fprintf(f, " %.9g %s", h.strength,
                   h.since == kNoDate ? "-" : FormatDate(h.since).c_str());
    }
  }
  std::fprintf(f, "\n");
}

void WriteMutual(const Snapshot& g, FILE* f, ExternalId a, ExternalId b) {
  std::fprintf(f, "mutual %llu %llu", (unsigned long long)a, (unsigned long long)b);
  if (!Known(g, a, f) || !Known(g, b, f)) return;
  const auto r = Mutual(g, g.FindMember(a), g.FindMember(b));
  if (!r.ok()) {
    std::fprintf(f, " : %d\n", Code(r.status()));
    return;
  }
  std::fprintf(f, " : 0 %zu", r->members.size());
  for (const VertexId v : r->members)
    std::fprintf(f, " %llu", (unsigned long long)g.external_id(v));
  std::fprintf(f, "\n");
}

void WriteSuggest(const Snapshot& g, FILE* f, size_t k, SuggestScore score, uint32_t hub_cap,
                  ExternalId member) {
  std::fprintf(f, "suggest %zu %s %u %llu", k, std::string(SuggestScoreName(score)).c_str(),
               hub_cap, (unsigned long long)member);
  if (!Known(g, member, f)) return;
  SuggestOptions o;
  o.k = k;
  o.score = score;
  o.hub_cap = hub_cap;
  const auto r = Suggest(g, g.FindMember(member), o);
  if (!r.ok()) {
    std::fprintf(f, " : %d\n", Code(r.status()));
    return;
  }
  std::fprintf(f, " : 0 %zu", r->suggestions.size());
  for (const Suggestion& s : r->suggestions) {
    std::fprintf(f, " %llu %u %.17g %zu", (unsigned long long)g.external_id(s.member), s.mutual,
                 s.score, s.reasons.size());
    for (const VertexId x : s.reasons)
      std::fprintf(f, " %llu", (unsigned long long)g.external_id(x));
  }
  std::fprintf(f, "\n");
}

void WriteExpected(const Snapshot& g, const std::string& path, uint64_t seed) {
  Out out(path);
  FILE* f = out.f();
  std::mt19937_64 rng(seed);
  const uint32_t n = g.num_members();
  auto any = [&] { return g.external_id(static_cast<VertexId>(rng() % n)); };
  // Members with many connections make the interesting queries; pick them half the time.
  std::vector<VertexId> by_degree(n);
  for (VertexId v = 0; v < n; ++v) by_degree[v] = v;
  std::sort(by_degree.begin(), by_degree.end(),
            [&](VertexId x, VertexId y) { return g.degree(x) > g.degree(y); });
  auto busy = [&] { return g.external_id(by_degree[rng() % 40]); };
  auto pick = [&] { return rng() % 2 ? any() : busy(); };
  const ExternalId unknown = g.external_id(n - 1) + 1;  // ids ascend: past the largest

  const int depths[] = {1, 2, 3, 4, 6};
  for (int i = 0; i < 200; ++i) WriteDegree(g, f, depths[i % 5], pick(), pick());
  const ExternalId a = busy();
  WriteDegree(g, f, 3, a, a);
  WriteDegree(g, f, 3, unknown, a);
  WriteDegree(g, f, 3, a, unknown);
  WriteDegree(g, f, 0, a, any());
  WriteDegree(g, f, 7, a, any());

  for (int i = 0; i < 12; ++i) {
    std::vector<ExternalId> to;
    for (int j = 0; j < 25; ++j) to.push_back(pick());
    WriteMany(g, f, depths[i % 5], pick(), to);
  }
  WriteMany(g, f, 3, a, {});
  WriteMany(g, f, 3, a, {any(), unknown});
  WriteMany(g, f, 9, a, {any()});

  for (int i = 0; i < 40; ++i) {
    const int depth = std::vector<int>{1, 2, 3, 16}[i % 4];
    const bool list = i % 3 != 0;
    const size_t limit = i % 5 == 0 ? 7 : 1000;
    const char* company = i % 4 == 1 ? kCompanies[i % 5] : nullptr;
    WriteReach(g, f, depth, list, limit, company, pick());
  }
  WriteReach(g, f, 2, true, 1000, "Nowhere_Inc", a);
  WriteReach(g, f, 0, false, 1000, nullptr, a);
  WriteReach(g, f, 17, false, 1000, nullptr, a);
  WriteReach(g, f, 3, false, 1000, nullptr, unknown);

  for (int i = 0; i < 80; ++i) {
    const size_t k = std::vector<size_t>{1, 5, 20}[i % 3];
    const int hops = std::vector<int>{2, 3, 4}[i % 3 == 0 ? 1 : i % 3];
    const bool longer = i % 4 == 3;
    std::vector<ExternalId> avoid;
    if (i % 5 == 4) avoid = {busy(), busy()};
    WritePaths(g, f, k, hops, longer, avoid, pick(), pick());
  }
  WritePaths(g, f, 5, 3, false, {}, a, a);
  WritePaths(g, f, 0, 3, false, {}, a, any());
  WritePaths(g, f, 5, 7, false, {}, a, any());
  WritePaths(g, f, 5, 3, false, {unknown}, a, any());
  WritePaths(g, f, 5, 3, false, {}, a, unknown);

  for (int i = 0; i < 80; ++i) WriteMutual(g, f, pick(), pick());
  WriteMutual(g, f, a, unknown);
  WriteMutual(g, f, a, a);

  const SuggestScore scores[] = {SuggestScore::kCommon, SuggestScore::kJaccard,
                                 SuggestScore::kAdamicAdar, SuggestScore::kResourceAllocation};
  for (int i = 0; i < 40; ++i) {
    const size_t k = std::vector<size_t>{1, 10, 50}[i % 3];
    const uint32_t hub_cap = i % 5 == 2 ? 20 : 0;
    WriteSuggest(g, f, k, scores[i % 4], hub_cap, pick());
  }
  WriteSuggest(g, f, 0, SuggestScore::kCommon, 0, a);
  WriteSuggest(g, f, 10, SuggestScore::kCommon, 0, unknown);
}

}  // namespace
}  // namespace liaison

int main(int argc, char** argv) {
  using namespace liaison;
  if (argc != 2) Die("usage: capi_oracle OUT_DIR");
  const std::string dir = argv[1];
  std::filesystem::create_directories(dir);
  constexpr uint64_t kSeed = 20240611;
  const TestGraph t = MakeGraph(kSeed);
  if (absl::Status s = WriteSnapshotFile(*t.g, dir + "/graph.liaison"); !s.ok()) {
    Die(s.ToString());
  }
  WriteText(t, dir);
  if (absl::Status s =
          WriteSnapshotFile(*testing::LoadFixture("intro_network"), dir + "/intro.liaison");
      !s.ok()) {
    Die(s.ToString());
  }
  WriteExpected(*t.g, dir + "/expected.txt", kSeed + 1);
  std::printf("capi_oracle: wrote %s (%u members, %llu connections)\n", dir.c_str(),
              t.g->num_members(), (unsigned long long)t.g->num_connections());
  return 0;
}
