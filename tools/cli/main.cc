// liaison: the command-line interface (DESIGN.md §5). Parses flags with CLI11 and dispatches to
// one Run* function per command (commands.h). Query flags become a JSON request, answered by the
// same layer as batch mode.

#include <cstdio>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "nlohmann/json.hpp"
#include "tools/cli/commands.h"

namespace {

using json = nlohmann::json;
using liaison::cli::GraphSource;

// Splits "1,2,3" into ids; CLI11 has already checked the characters.
std::vector<uint64_t> SplitIds(const std::string& list) {
  std::vector<uint64_t> ids;
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = list.find(',', start);
    const std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) ids.push_back(std::stoull(item));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return ids;
}

// A comma-separated list of unsigned 64-bit integers; returns "" when valid, else the problem.
std::string CheckIdList(const std::string& value) {
  if (value.empty()) return "an empty member list";
  size_t start = 0;
  while (true) {
    const size_t comma = value.find(',', start);
    const std::string item = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (item.empty()) return "an empty member id in \"" + value + "\"";
    if (item.find_first_not_of("0123456789") != std::string::npos) {
      return "member id \"" + item + "\" is not an unsigned integer";
    }
    if (item.size() > 20 || (item.size() == 20 && item > "18446744073709551615")) {
      return "member id " + item + " is above 2^64-1";
    }
    if (comma == std::string::npos) return "";
    start = comma + 1;
  }
}

const CLI::Validator kIdList = CLI::Validator([](std::string& v) { return CheckIdList(v); }, "ID[,ID...]");

struct QueryFlags {
  GraphSource source;
  bool json = false;
  int64_t max_visited = 0;
  int64_t timeout_ms = 0;
};

void AddGraphFlags(CLI::App* cmd, QueryFlags& f) {
  cmd->add_option("GRAPH", f.source.path, "a .liaison snapshot or a connections file")->required();
  cmd->add_option("--members", f.source.members, "members file (when GRAPH is a connections file)");
  cmd->add_flag("--skip-bad", f.source.skip_bad, "skip malformed lines when importing GRAPH");
  cmd->add_flag("--in-memory", f.source.in_memory,
                "copy a .liaison GRAPH into memory on huge pages: slower to open, faster queries");
  cmd->add_flag("--json", f.json, "print one JSON object");
}

void AddBudgetFlags(CLI::App* cmd, QueryFlags& f) {
  cmd->add_option("--max-visited", f.max_visited, "budget: members whose connections may be read")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--timeout-ms", f.timeout_ms, "budget: deadline in milliseconds")->check(CLI::PositiveNumber);
}

void AddBudget(const QueryFlags& f, json& request) {
  if (f.max_visited > 0) request["max_visited"] = f.max_visited;
  if (f.timeout_ms > 0) request["timeout_ms"] = f.timeout_ms;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"liaison: a graph engine for professional networks"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("liaison 0.1.0"));
  int exit_code = liaison::cli::kExitOk;

  // generate
  liaison::cli::GenerateArgs gen;
  bool gen_json = false;
  auto* generate = app.add_subcommand("generate", "write a synthetic network: DIR/members.tsv, DIR/connections.tsv");
  generate->add_option("--model", gen.model, "professional (default) or kronecker")
      ->check(CLI::IsMember({"professional", "kronecker"}));
  generate->add_option("--members", gen.members, "members (professional model)")->check(CLI::Range(uint64_t{2}, uint64_t{4000000000}));
  generate->add_option("--avg-degree", gen.avg_degree, "average connections per member")->check(CLI::Range(1.0, 5000.0));
  generate->add_option("--seed", gen.seed, "random seed");
  generate->add_option("--scale", gen.scale, "kronecker: 2^scale members")->check(CLI::Range(1, 31));
  generate->add_option("--edge-factor", gen.edge_factor, "kronecker: rows per member")->check(CLI::Range(1, 1024));
  generate->add_option("--out", gen.out, "output directory")->required();
  generate->add_flag("--json", gen_json, "print one JSON object");
  generate->callback([&] { exit_code = liaison::cli::RunGenerate(gen, gen_json); });

  // import
  liaison::cli::ImportArgs imp;
  bool imp_json = false;
  auto* import = app.add_subcommand("import", "import a connections file (and members file) into a snapshot");
  import->add_option("CONNECTIONS", imp.connections, "connections file (text or gzip)")->required();
  import->add_option("--members", imp.members, "members file (TSV or CSV with a header)");
  import->add_option("--out", imp.out, "the .liaison snapshot to write")->required();
  import->add_flag("--skip-bad", imp.skip_bad, "count and skip malformed lines instead of failing");
  import->add_flag("--json", imp_json, "print one JSON object");
  import->callback([&] { exit_code = liaison::cli::RunImport(imp, imp_json); });

  // stats
  QueryFlags stats_flags;
  bool verify = false;
  auto* stats = app.add_subcommand("stats", "summarise a graph");
  AddGraphFlags(stats, stats_flags);
  stats->add_flag("--verify", verify, "check every checksum and structural invariant");
  stats->callback([&] { exit_code = liaison::cli::RunStats(stats_flags.source, verify, stats_flags.json); });

  // degree
  QueryFlags degree_flags;
  std::string degree_from, degree_to;
  int degree_max_depth = 3;
  auto* degree = app.add_subcommand("degree", "degree of connection from A to B (or to B1,B2,...)");
  AddGraphFlags(degree, degree_flags);
  degree->add_option("A", degree_from, "the viewer")->required()->check(kIdList);
  degree->add_option("B", degree_to, "target member(s), comma-separated")->required()->check(kIdList);
  degree->add_option("--max-depth", degree_max_depth, "largest degree looked for (1..6)");
  AddBudgetFlags(degree, degree_flags);
  degree->callback([&] {
    json request{{"op", "degree"}, {"from", SplitIds(degree_from).at(0)}, {"max_depth", degree_max_depth}};
    const auto targets = SplitIds(degree_to);
    if (degree_to.find(',') != std::string::npos) {
      request["to"] = targets;
    } else {
      request["to"] = targets.at(0);
    }
    AddBudget(degree_flags, request);
    exit_code = liaison::cli::RunQuery(degree_flags.source, request.dump(), degree_flags.json);
  });

  // reach
  QueryFlags reach_flags;
  std::string reach_from;
  int reach_depth = 3;
  bool reach_list = false;
  std::vector<std::string> reach_where;
  int64_t reach_limit = 1000;
  auto* reach = app.add_subcommand("reach", "members 1, 2, 3... hops from A");
  AddGraphFlags(reach, reach_flags);
  reach->add_option("A", reach_from, "the viewer")->required()->check(kIdList);
  reach->add_option("--depth", reach_depth, "hops (1..16)");
  reach->add_flag("--list", reach_list, "list the members reached");
  reach->add_option("--where", reach_where, "filter: column=value (company, industry, location, ...)");
  reach->add_option("--limit", reach_limit, "most members listed")->check(CLI::NonNegativeNumber);
  AddBudgetFlags(reach, reach_flags);
  reach->callback([&] {
    json request{{"op", "reach"}, {"from", SplitIds(reach_from).at(0)}, {"depth", reach_depth}};
    if (reach_list) request["list"] = true;
    if (!reach_where.empty()) request["where"] = reach_where;
    if (reach->count("--limit")) request["limit"] = reach_limit;
    AddBudget(reach_flags, request);
    exit_code = liaison::cli::RunQuery(reach_flags.source, request.dump(), reach_flags.json);
  });

  // paths
  QueryFlags paths_flags;
  std::string paths_from, paths_to, paths_avoid;
  int64_t paths_k = 5;
  int paths_max_hops = 3;
  auto* paths = app.add_subcommand("paths", "warm introduction paths from A to B");
  AddGraphFlags(paths, paths_flags);
  paths->add_option("A", paths_from, "the viewer")->required()->check(kIdList);
  paths->add_option("B", paths_to, "the member to be introduced to")->required()->check(kIdList);
  paths->add_option("--k", paths_k, "paths returned");
  paths->add_option("--max-hops", paths_max_hops, "longest path considered (also returns longer paths)");
  paths->add_option("--avoid", paths_avoid, "members never used as intermediaries")->check(kIdList);
  AddBudgetFlags(paths, paths_flags);
  paths->callback([&] {
    json request{{"op", "paths"}, {"from", SplitIds(paths_from).at(0)}, {"to", SplitIds(paths_to).at(0)},
                 {"k", paths_k}};
    if (paths->count("--max-hops")) request["max_hops"] = paths_max_hops;
    if (!paths_avoid.empty()) request["avoid"] = SplitIds(paths_avoid);
    AddBudget(paths_flags, request);
    exit_code = liaison::cli::RunQuery(paths_flags.source, request.dump(), paths_flags.json);
  });

  // mutual
  QueryFlags mutual_flags;
  std::string mutual_a, mutual_b;
  auto* mutual = app.add_subcommand("mutual", "mutual connections of A and B, as A sees them");
  AddGraphFlags(mutual, mutual_flags);
  mutual->add_option("A", mutual_a, "the viewer")->required()->check(kIdList);
  mutual->add_option("B", mutual_b, "the other member")->required()->check(kIdList);
  mutual->callback([&] {
    json request{{"op", "mutual"}, {"a", SplitIds(mutual_a).at(0)}, {"b", SplitIds(mutual_b).at(0)}};
    exit_code = liaison::cli::RunQuery(mutual_flags.source, request.dump(), mutual_flags.json);
  });

  // suggest
  QueryFlags suggest_flags;
  std::string suggest_for, suggest_score = "common";
  int64_t suggest_k = 10, suggest_hub_cap = 0;
  auto* suggest = app.add_subcommand("suggest", "people A may know");
  AddGraphFlags(suggest, suggest_flags);
  suggest->add_option("A", suggest_for, "the member")->required()->check(kIdList);
  suggest->add_option("--k", suggest_k, "suggestions returned");
  suggest->add_option("--score", suggest_score, "common | jaccard | adamic-adar | resource-allocation")
      ->check(CLI::IsMember({"common", "jaccard", "adamic-adar", "resource-allocation"}));
  suggest->add_option("--hub-cap", suggest_hub_cap, "skip intermediaries with more connections (0 = exact)")
      ->check(CLI::NonNegativeNumber);
  AddBudgetFlags(suggest, suggest_flags);
  suggest->callback([&] {
    json request{{"op", "suggest"}, {"for", SplitIds(suggest_for).at(0)}, {"k", suggest_k},
                 {"score", suggest_score}};
    if (suggest_hub_cap > 0) request["hub_cap"] = suggest_hub_cap;
    AddBudget(suggest_flags, request);
    exit_code = liaison::cli::RunQuery(suggest_flags.source, request.dump(), suggest_flags.json);
  });

  // query (batch)
  QueryFlags batch_flags;
  int threads = 0;
  auto* query = app.add_subcommand("query", "JSON lines in on stdin, JSON lines out, in input order");
  AddGraphFlags(query, batch_flags);
  query->add_option("--threads", threads, "worker threads (0 = all cores)")->check(CLI::Range(0, 1024));
  query->callback([&] { exit_code = liaison::cli::RunBatch(batch_flags.source, threads); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? liaison::cli::kExitOk : liaison::cli::kExitUsage;
  }
  return exit_code;
}
