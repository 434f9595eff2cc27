#include "tools/cli/commands.h"

#include <unistd.h>

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "datasets/generators/kronecker.h"
#include "datasets/generators/professional_network.h"
#include "liaison/graph.h"
#include "liaison/import.h"
#include "liaison/json_api.h"
#include "liaison/snapshot_file.h"
#include "liaison/stats.h"
#include "nlohmann/json.hpp"

namespace liaison::cli {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// "1234567" -> "1,234,567".
std::string Grouped(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string HumanBytes(uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) v /= 1024, ++u;
  return absl::StrFormat(u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
}

void PrintError(const absl::Status& status) {
  std::fprintf(stderr, "liaison: %s\n", std::string(status.message()).c_str());
}

// Progress on stderr, only when it is a terminal, at most ten updates a second.
class Progress {
 public:
  explicit Progress(std::string label) : label_(std::move(label)), enabled_(isatty(STDERR_FILENO)) {}
  ~Progress() {
    if (shown_) std::fprintf(stderr, "\r\033[K");
  }
  std::function<void(uint64_t, uint64_t)> Callback() {
    if (!enabled_) return nullptr;
    return [this](uint64_t done, uint64_t total) {
      const auto now = Clock::now();
      if (shown_ && now - last_ < std::chrono::milliseconds(100) && done < total) return;
      last_ = now;
      shown_ = true;
      const double pct = total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 0;
      std::fprintf(stderr, "\r\033[K%s %5.1f%%", label_.c_str(), pct);
      std::fflush(stderr);
    };
  }

 private:
  std::string label_;
  bool enabled_;
  bool shown_ = false;
  Clock::time_point last_;
};

absl::StatusOr<std::shared_ptr<const Snapshot>> LoadGraph(const GraphSource& source) {
  if (LooksLikeSnapshotFile(source.path)) {
    if (!source.members.empty()) {
      return absl::InvalidArgumentError("--members applies to a connections file, not to a .liaison snapshot");
    }
    return OpenSnapshotFile(source.path, {.in_memory = source.in_memory});
  }
  ImportOptions options;
  options.skip_bad = source.skip_bad;
  Progress progress("importing");
  options.progress = progress.Callback();
  ImportReport report;
  return ImportGraph(source.path, source.members, options, &report);
}

// "42" or "42 (Ada Lovelace, Acme)" when the members file gave a name or company.
std::string Label(const Snapshot& g, ExternalId id) {
  const VertexId v = g.FindMember(id);
  std::string out = std::to_string(id);
  if (v == kNoVertex) return out;
  const std::string_view name = g.text(TextColumn::kName, v);
  const std::string_view company = g.text(TextColumn::kCompany, v);
  if (name.empty() && company.empty()) return out;
  out += " (";
  out += name;
  if (!name.empty() && !company.empty()) out += ", ";
  out += company;
  out += ")";
  return out;
}

std::string Ordinal(int d) {
  const char* suffix = d == 1 ? "st" : d == 2 ? "nd" : d == 3 ? "rd" : "th";
  return std::to_string(d) + suffix;
}

std::string DegreeText(const json& d) {
  if (d["degree"].is_null()) {
    return d.value("truncated", false) ? "unknown (the search budget ran out)" : "out of network";
  }
  const int degree = d["degree"].get<int>();
  if (degree == 0) return "the same member";
  std::string out = Ordinal(degree) + "-degree connection";
  if (d.contains("mutual")) out += absl::StrFormat(" (%s mutual)", Grouped(d["mutual"].get<uint64_t>()));
  return out;
}

void PrintHuman(const Snapshot& g, const json& a) {
  const std::string op = a["op"].get<std::string>();
  if (op == "degree") {
    const ExternalId from = a["from"].get<uint64_t>();
    if (a.contains("degrees")) {
      for (const json& d : a["degrees"]) {
        std::printf("%s -> %s: %s\n", Label(g, from).c_str(), Label(g, d["to"].get<uint64_t>()).c_str(),
                    DegreeText(d).c_str());
      }
    } else {
      std::printf("%s -> %s: %s\n", Label(g, from).c_str(), Label(g, a["to"].get<uint64_t>()).c_str(),
                  DegreeText(a).c_str());
    }
  } else if (op == "reach") {
    std::printf("reach of %s within %d hops%s\n", Label(g, a["from"].get<uint64_t>()).c_str(),
                a["depth"].get<int>(), a.value("truncated", false) ? " (truncated by the budget)" : "");
    int level = 1;
    for (const json& n : a["levels"]) {
      std::printf("  %-6s %15s\n", Ordinal(level++).c_str(), Grouped(n.get<uint64_t>()).c_str());
    }
    std::printf("  %-6s %15s\n", "total", Grouped(a["total"].get<uint64_t>()).c_str());
    if (a.contains("members")) {
      for (const json& m : a["members"]) {
        std::printf("  %d  %s\n", m["distance"].get<int>(), Label(g, m["member"].get<uint64_t>()).c_str());
      }
    }
  } else if (op == "paths") {
    const std::string ends = Label(g, a["from"].get<uint64_t>()) + " -> " + Label(g, a["to"].get<uint64_t>());
    if (a["hops"].is_null()) {
      std::printf("%s: no path within the hop limit%s\n", ends.c_str(),
                  a.value("truncated", false) ? " (truncated by the budget)" : "");
      return;
    }
    const uint64_t count = a["count"].get<uint64_t>();
    std::printf("%s: %d hops, %s shortest path%s\n", ends.c_str(), a["hops"].get<int>(),
                Grouped(count).c_str(), count == 1 ? "" : "s");
    int rank = 1;
    for (const json& p : a["paths"]) {
      std::string line;
      const json& members = p["members"];
      for (size_t i = 0; i < members.size(); ++i) {
        if (i > 0) {
          const json& hop = p["hops"][i - 1];
          line += absl::StrFormat(" -[%.2f%s]-> ", hop["strength"].get<double>(),
                                  hop["since"].is_null() ? "" : ", " + hop["since"].get<std::string>());
        }
        line += Label(g, members[i].get<uint64_t>());
      }
      std::printf("  %d. warmth %.4f  %s\n", rank++, p["warmth"].get<double>(), line.c_str());
    }
  } else if (op == "mutual") {
    std::printf("%s and %s: %s mutual connections\n", Label(g, a["a"].get<uint64_t>()).c_str(),
                Label(g, a["b"].get<uint64_t>()).c_str(), Grouped(a["count"].get<uint64_t>()).c_str());
    for (const json& m : a["members"]) std::printf("  %s\n", Label(g, m.get<uint64_t>()).c_str());
  } else if (op == "suggest") {
    std::printf("people %s may know (score: %s)\n", Label(g, a["for"].get<uint64_t>()).c_str(),
                a["score"].get<std::string>().c_str());
    int rank = 1;
    for (const json& s : a["suggestions"]) {
      std::string via;
      for (const json& r : s["reasons"]) via += (via.empty() ? "" : ", ") + Label(g, r.get<uint64_t>());
      std::printf("  %2d. %s  %s mutual  score %.4f  via %s\n", rank++,
                  Label(g, s["member"].get<uint64_t>()).c_str(), Grouped(s["mutual"].get<uint64_t>()).c_str(),
                  s["score"].get<double>(), via.c_str());
    }
  }
}

}  // namespace

int RunGenerate(const GenerateArgs& args, bool as_json) {
  const auto start = Clock::now();
  Progress progress("generating");
  absl::Status status;
  if (args.model == "kronecker") {
    generators::KroneckerOptions options{.scale = args.scale, .edge_factor = args.edge_factor, .seed = args.seed};
    status = generators::WriteKroneckerNetwork(options, args.out, progress.Callback());
  } else {
    generators::ProfessionalNetworkOptions options;
    options.members = args.members;
    options.avg_degree = args.avg_degree;
    options.seed = args.seed;
    status = generators::WriteProfessionalNetwork(options, args.out, progress.Callback());
  }
  if (!status.ok()) {
    PrintError(status);
    return kExitError;
  }
  const double seconds = Seconds(start);
  if (as_json) {
    std::cout << json{{"model", args.model}, {"out", args.out}, {"seconds", seconds}}.dump() << "\n";
  } else {
    std::printf("wrote %s/connections.tsv%s in %.2f s\n", args.out.c_str(),
                args.model == "kronecker" ? "" : " and members.tsv", seconds);
  }
  return kExitOk;
}

int RunImport(const ImportArgs& args, bool as_json) {
  const auto start = Clock::now();
  ImportOptions options;
  options.skip_bad = args.skip_bad;
  Progress progress("importing");
  options.progress = progress.Callback();
  ImportReport report;
  auto graph = ImportGraph(args.connections, args.members, options, &report);
  if (!graph.ok()) {
    PrintError(graph.status());
    return kExitError;
  }
  const double import_seconds = Seconds(start);
  if (absl::Status st = WriteSnapshotFile(**graph, args.out); !st.ok()) {
    PrintError(st);
    return kExitError;
  }
  const double seconds = Seconds(start);
  const BuildReport& b = report.build;
  if (as_json) {
    json out{{"out", args.out},
             {"lines_read", report.lines_read},
             {"comment_lines", report.comment_lines},
             {"header_lines", report.header_lines},
             {"bad_lines_skipped", report.bad_lines_skipped},
             {"connections_in", b.connections_in},
             {"connections", b.connections_kept},
             {"duplicates_merged", b.duplicates_merged},
             {"self_loops_dropped", b.self_loops_dropped},
             {"members", b.members},
             {"isolated_members", b.isolated_members},
             {"member_rows", report.member_rows},
             {"import_seconds", import_seconds},
             {"seconds", seconds}};
    if (!report.bad_line_messages.empty()) out["bad_lines"] = report.bad_line_messages;
    std::cout << out.dump() << "\n";
    return kExitOk;
  }
  std::printf("imported %s -> %s in %.2f s (%.1f M connections/s)\n", args.connections.c_str(),
              args.out.c_str(), seconds, seconds > 0 ? b.connections_in / seconds / 1e6 : 0.0);
  std::printf("  lines read          %15s\n", Grouped(report.lines_read).c_str());
  std::printf("  connections kept    %15s\n", Grouped(b.connections_kept).c_str());
  std::printf("  duplicates merged   %15s\n", Grouped(b.duplicates_merged).c_str());
  std::printf("  self-loops dropped  %15s\n", Grouped(b.self_loops_dropped).c_str());
  std::printf("  bad lines skipped   %15s\n", Grouped(report.bad_lines_skipped).c_str());
  std::printf("  members             %15s (%s isolated)\n", Grouped(b.members).c_str(),
              Grouped(b.isolated_members).c_str());
  if (!args.members.empty()) std::printf("  member rows         %15s\n", Grouped(report.member_rows).c_str());
  for (const std::string& m : report.bad_line_messages) std::printf("  skipped: %s\n", m.c_str());
  return kExitOk;
}

int RunStats(const GraphSource& source, bool verify, bool as_json) {
  const auto start = Clock::now();
  const bool is_snapshot = LooksLikeSnapshotFile(source.path);
  if (verify && is_snapshot) {
    if (absl::Status st = VerifySnapshotFile(source.path); !st.ok()) {
      PrintError(st);
      return kExitError;
    }
  }
  auto graph = LoadGraph(source);
  if (!graph.ok()) {
    PrintError(graph.status());
    return kExitError;
  }
  const double load_seconds = Seconds(start);
  if (verify && !is_snapshot) {
    if (absl::Status st = (*graph)->Validate(); !st.ok()) {
      PrintError(st);
      return kExitError;
    }
  }
  const GraphStats s = ComputeStats(**graph);
  if (as_json) {
    json sections = json::object();
    for (const SectionBytes& sec : s.sections) sections[sec.name] = sec.bytes;
    json out{{"members", s.members},
             {"connections", s.connections},
             {"isolated_members", s.isolated_members},
             {"degree", {{"min", s.degree_min}, {"median", s.degree_median}, {"p99", s.degree_p99},
                         {"max", s.degree_max}, {"mean", s.degree_mean}}},
             {"bytes", sections},
             {"topology_bytes", s.topology_bytes},
             {"topology_bytes_per_adjacency", s.topology_bytes_per_adjacency},
             {"topology_bytes_per_member", s.topology_bytes_per_member},
             {"load_seconds", load_seconds}};
    if (verify) out["verified"] = true;
    if (s.has_profiles) {
      out["profiles"] = {{"in_members_file", s.rate_in_members_file},
                         {"complete", s.rate_complete_profile},
                         {"none", s.rate_no_profile},
                         {"has_photo", s.rate_has_photo},
                         {"has_phone", s.rate_has_phone},
                         {"verified", s.rate_verified},
                         {"hides_connections", s.rate_hides_connections},
                         {"no_introductions", s.rate_no_introductions}};
    }
    std::cout << out.dump() << "\n";
    return kExitOk;
  }
  std::printf("members             %15s\n", Grouped(s.members).c_str());
  std::printf("connections         %15s\n", Grouped(s.connections).c_str());
  std::printf("isolated members    %15s\n", Grouped(s.isolated_members).c_str());
  std::printf("degree              min %s, median %s, p99 %s, max %s, mean %.1f\n",
              Grouped(s.degree_min).c_str(), Grouped(s.degree_median).c_str(), Grouped(s.degree_p99).c_str(),
              Grouped(s.degree_max).c_str(), s.degree_mean);
  std::printf("topology            %s: %.2f B per adjacency + %.1f B per member\n",
              HumanBytes(s.topology_bytes).c_str(), s.topology_bytes_per_adjacency, s.topology_bytes_per_member);
  for (const SectionBytes& sec : s.sections) {
    std::printf("  %-26s %12s%s\n", sec.name.c_str(), HumanBytes(sec.bytes).c_str(),
                sec.topology ? "" : "  (relationship/attribute data)");
  }
  if (s.has_profiles) {
    std::printf("profiles            complete %.1f%%, none %.1f%%, photo %.1f%%, phone %.1f%%, verified %.1f%%\n",
                100 * s.rate_complete_profile, 100 * s.rate_no_profile, 100 * s.rate_has_photo,
                100 * s.rate_has_phone, 100 * s.rate_verified);
    std::printf("privacy             hide connections %.1f%%, no introductions %.1f%%\n",
                100 * s.rate_hides_connections, 100 * s.rate_no_introductions);
  }
  if (verify) std::printf("verified            every checksum and invariant\n");
  std::printf("loaded in           %.3f s\n", load_seconds);
  return kExitOk;
}

int RunQuery(const GraphSource& source, const std::string& request_json, bool as_json) {
  auto graph = LoadGraph(source);
  if (!graph.ok()) {
    PrintError(graph.status());
    return kExitError;
  }
  const std::string answer_text = AnswerJson(**graph, request_json);
  const json answer = json::parse(answer_text);
  if (answer.contains("error")) {
    const std::string code = answer["error"]["code"].get<std::string>();
    std::fprintf(stderr, "liaison: %s\n", answer["error"]["message"].get<std::string>().c_str());
    return code == "invalid_argument" ? kExitUsage : kExitError;
  }
  if (as_json) {
    std::cout << answer_text << "\n";
  } else {
    PrintHuman(**graph, answer);
  }
  return kExitOk;
}

int RunBatch(const GraphSource& source, int threads) {
  auto graph = LoadGraph(source);
  if (!graph.ok()) {
    PrintError(graph.status());
    return kExitError;
  }
  std::ios::sync_with_stdio(false);
  BatchOptions options;
  options.threads = threads;
  BatchReport report;
  if (absl::Status st = RunJsonLines(**graph, std::cin, std::cout, options, &report); !st.ok()) {
    PrintError(st);
    return kExitError;
  }
  return kExitOk;
}

}  // namespace liaison::cli
