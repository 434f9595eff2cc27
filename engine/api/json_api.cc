// JSON requests -> query calls -> JSON answers (see include/liaison/json_api.h for the contract).
//
// Requests are checked strictly: an unknown key, a wrong type or a negative id is an
// invalid_argument answer naming the key, so a typo never silently falls back to a default.

#include "liaison/json_api.h"

#include <algorithm>
#include <cmath>
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/util/status_macros.h"
#include "engine/util/strings.h"
#include "liaison/query.h"
#include "nlohmann/json.hpp"
#include "oneapi/tbb/parallel_pipeline.h"
#include "oneapi/tbb/task_arena.h"

namespace liaison {
namespace {

using json = nlohmann::json;

std::string ErrorCode(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kNotFound:
      return "unknown_member";
    case absl::StatusCode::kInvalidArgument:
      return "invalid_argument";
    case absl::StatusCode::kResourceExhausted:
      return "resource_exhausted";
    case absl::StatusCode::kDeadlineExceeded:
      return "deadline_exceeded";
    default:
      return "internal";
  }
}

json ErrorAnswer(const std::string& code, std::string_view message) {
  return json{{"error", {{"code", code}, {"message", std::string(message)}}}};
}

absl::Status Invalid(std::string_view key, std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("\"", ToAbsl(key), "\" ", ToAbsl(what)));
}

// Reads the request's fields, remembering which keys were used so leftovers can be reported.
class Request {
 public:
  explicit Request(const json& j) : j_(j) {}

  bool Has(const char* key) const { return j_.contains(key); }

  absl::StatusOr<ExternalId> Id(const char* key) {
    used_.push_back(key);
    auto it = j_.find(key);
    if (it == j_.end()) return Invalid(key, "is required");
    return IdValue(key, *it);
  }
  static absl::StatusOr<ExternalId> IdValue(std::string_view key, const json& v) {
    if (!v.is_number_unsigned()) {
      if (v.is_number_integer()) return Invalid(key, "must be a non-negative member id");
      return Invalid(key, "must be a member id (an unsigned integer)");
    }
    return v.get<uint64_t>();
  }
  absl::StatusOr<int64_t> Int(const char* key, int64_t fallback) {
    used_.push_back(key);
    auto it = j_.find(key);
    if (it == j_.end()) return fallback;
    if (!it->is_number_integer()) return Invalid(key, "must be an integer");
    return it->get<int64_t>();
  }
  absl::StatusOr<bool> Bool(const char* key, bool fallback) {
    used_.push_back(key);
    auto it = j_.find(key);
    if (it == j_.end()) return fallback;
    if (!it->is_boolean()) return Invalid(key, "must be true or false");
    return it->get<bool>();
  }
  absl::StatusOr<std::optional<std::string>> String(const char* key) {
    used_.push_back(key);
    auto it = j_.find(key);
    if (it == j_.end()) return std::optional<std::string>();
    if (!it->is_string()) return Invalid(key, "must be a string");
    return std::optional<std::string>(it->get<std::string>());
  }
  const json* Raw(const char* key) {
    used_.push_back(key);
    auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
  }
  absl::Status CheckNoUnknownKeys() const {
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      if (it.key() == "op") continue;
      if (std::find(used_.begin(), used_.end(), it.key()) == used_.end()) {
        return Invalid(it.key(), "is not an option of this op");
      }
    }
    return absl::OkStatus();
  }

 private:
  const json& j_;
  std::vector<std::string> used_;
};

absl::StatusOr<Budget> ReadBudget(Request& r) {
  Budget budget;
  LIAISON_ASSIGN_OR_RETURN(int64_t max_visited, r.Int("max_visited", static_cast<int64_t>(budget.max_visited)));
  if (max_visited < 1) return Invalid("max_visited", "must be at least 1");
  budget.max_visited = static_cast<uint64_t>(max_visited);
  LIAISON_ASSIGN_OR_RETURN(int64_t timeout_ms, r.Int("timeout_ms", 0));
  if (timeout_ms < 0) return Invalid("timeout_ms", "must not be negative");
  if (timeout_ms > 0) budget.deadline = absl::Now() + absl::Milliseconds(timeout_ms);
  return budget;
}

absl::StatusOr<size_t> ReadK(Request& r, size_t fallback) {
  LIAISON_ASSIGN_OR_RETURN(int64_t k, r.Int("k", static_cast<int64_t>(fallback)));
  if (k < 1 || static_cast<uint64_t>(k) > kMaxK) {
    return Invalid("k", absl::StrCat("must be in 1..", kMaxK, ", got ", k));
  }
  return static_cast<size_t>(k);
}

json DegreeJson(const DegreeResult& d) {
  json out;
  out["degree"] = d.degree ? json(*d.degree) : json(nullptr);
  if (d.degree && (*d.degree == 1 || *d.degree == 2)) out["mutual"] = d.mutual;
  if (d.truncated) out["truncated"] = true;
  return out;
}

absl::StatusOr<json> AnswerDegree(const Snapshot& g, Request& r) {
  LIAISON_ASSIGN_OR_RETURN(ExternalId from_id, r.Id("from"));
  LIAISON_ASSIGN_OR_RETURN(VertexId from, g.Member(from_id));
  DegreeOptions options;
  LIAISON_ASSIGN_OR_RETURN(int64_t max_depth, r.Int("max_depth", options.max_depth));
  options.max_depth = static_cast<int>(std::clamp<int64_t>(max_depth, -1, 1000));
  LIAISON_ASSIGN_OR_RETURN(options.budget, ReadBudget(r));
  const json* to = r.Raw("to");
  if (to == nullptr) return Invalid("to", "is required");
  LIAISON_RETURN_IF_ERROR(r.CheckNoUnknownKeys());
  json out{{"op", "degree"}, {"from", from_id}};
  if (to->is_array()) {
    std::vector<VertexId> targets;
    std::vector<ExternalId> target_ids;
    for (const json& t : *to) {
      LIAISON_ASSIGN_OR_RETURN(ExternalId id, Request::IdValue("to", t));
      LIAISON_ASSIGN_OR_RETURN(VertexId v, g.Member(id));
      targets.push_back(v);
      target_ids.push_back(id);
    }
    LIAISON_ASSIGN_OR_RETURN(std::vector<DegreeResult> results, DegreeMany(g, from, targets, options));
    json list = json::array();
    for (size_t i = 0; i < results.size(); ++i) {
      json item{{"to", target_ids[i]}};
      item.update(DegreeJson(results[i]));
      list.push_back(std::move(item));
    }
    out["degrees"] = std::move(list);
    return out;
  }
  LIAISON_ASSIGN_OR_RETURN(ExternalId to_id, Request::IdValue("to", *to));
  LIAISON_ASSIGN_OR_RETURN(VertexId target, g.Member(to_id));
  LIAISON_ASSIGN_OR_RETURN(DegreeResult result, Degree(g, from, target, options));
  out["to"] = to_id;
  out.update(DegreeJson(result));
  return out;
}

absl::StatusOr<std::vector<ReachFilter>> ReadWhere(const json* where) {
  std::vector<ReachFilter> filters;
  if (where == nullptr) return filters;
  auto add = [&](const std::string& column, const std::string& value) -> absl::Status {
    for (int c = 0; c < kNumTextColumns; ++c) {
      if (TextColumnName(static_cast<TextColumn>(c)) == column) {
        filters.push_back({static_cast<TextColumn>(c), value});
        return absl::OkStatus();
      }
    }
    return Invalid("where", absl::StrCat("names an unknown column \"", column,
                                         "\" (name, headline, company, industry, location, school)"));
  };
  if (where->is_object()) {
    for (auto it = where->begin(); it != where->end(); ++it) {
      if (!it->is_string()) return Invalid("where", "values must be strings");
      LIAISON_RETURN_IF_ERROR(add(it.key(), it->get<std::string>()));
    }
  } else if (where->is_array() || where->is_string()) {
    const json items = where->is_array() ? *where : json::array({*where});
    for (const json& item : items) {
      if (!item.is_string()) return Invalid("where", "items must be \"column=value\" strings");
      const std::string s = item.get<std::string>();
      const size_t eq = s.find('=');
      if (eq == std::string::npos) return Invalid("where", absl::StrCat("item \"", s, "\" is not column=value"));
      LIAISON_RETURN_IF_ERROR(add(s.substr(0, eq), s.substr(eq + 1)));
    }
  } else {
    return Invalid("where", "must be an object or a list of \"column=value\" strings");
  }
  return filters;
}

absl::StatusOr<json> AnswerReach(const Snapshot& g, Request& r) {
  LIAISON_ASSIGN_OR_RETURN(ExternalId from_id, r.Id("from"));
  LIAISON_ASSIGN_OR_RETURN(VertexId from, g.Member(from_id));
  ReachOptions options;
  LIAISON_ASSIGN_OR_RETURN(int64_t depth, r.Int("depth", options.depth));
  options.depth = static_cast<int>(std::clamp<int64_t>(depth, -1, 1000));
  LIAISON_ASSIGN_OR_RETURN(options.list, r.Bool("list", false));
  LIAISON_ASSIGN_OR_RETURN(int64_t limit, r.Int("limit", static_cast<int64_t>(options.limit)));
  if (limit < 0) return Invalid("limit", "must not be negative");
  options.limit = static_cast<size_t>(limit);
  LIAISON_ASSIGN_OR_RETURN(options.where, ReadWhere(r.Raw("where")));
  LIAISON_ASSIGN_OR_RETURN(options.budget, ReadBudget(r));
  LIAISON_RETURN_IF_ERROR(r.CheckNoUnknownKeys());
  LIAISON_ASSIGN_OR_RETURN(ReachResult result, Reach(g, from, options));
  json out{{"op", "reach"}, {"from", from_id}, {"depth", options.depth}, {"levels", result.levels},
           {"total", result.total}};
  if (options.list) {
    json members = json::array();
    for (const ReachMember& m : result.members) {
      members.push_back({{"member", g.external_id(m.member)}, {"distance", m.distance}});
    }
    out["members"] = std::move(members);
  }
  if (result.truncated) out["truncated"] = true;
  return out;
}

absl::StatusOr<std::vector<VertexId>> ReadMemberList(const Snapshot& g, const char* key, const json* list) {
  std::vector<VertexId> out;
  if (list == nullptr) return out;
  if (!list->is_array()) return Invalid(key, "must be a list of member ids");
  for (const json& item : *list) {
    LIAISON_ASSIGN_OR_RETURN(ExternalId id, Request::IdValue(key, item));
    LIAISON_ASSIGN_OR_RETURN(VertexId v, g.Member(id));
    out.push_back(v);
  }
  return out;
}

absl::StatusOr<json> AnswerPaths(const Snapshot& g, Request& r) {
  LIAISON_ASSIGN_OR_RETURN(ExternalId from_id, r.Id("from"));
  LIAISON_ASSIGN_OR_RETURN(ExternalId to_id, r.Id("to"));
  LIAISON_ASSIGN_OR_RETURN(VertexId from, g.Member(from_id));
  LIAISON_ASSIGN_OR_RETURN(VertexId to, g.Member(to_id));
  PathOptions options;
  LIAISON_ASSIGN_OR_RETURN(options.k, ReadK(r, options.k));
  options.include_longer = r.Has("max_hops");
  LIAISON_ASSIGN_OR_RETURN(int64_t max_hops, r.Int("max_hops", options.max_hops));
  options.max_hops = static_cast<int>(std::clamp<int64_t>(max_hops, -1, 1000));
  LIAISON_ASSIGN_OR_RETURN(options.avoid, ReadMemberList(g, "avoid", r.Raw("avoid")));
  LIAISON_ASSIGN_OR_RETURN(options.budget, ReadBudget(r));
  LIAISON_RETURN_IF_ERROR(r.CheckNoUnknownKeys());
  LIAISON_ASSIGN_OR_RETURN(PathsResult result, IntroPaths(g, from, to, options));
  json paths = json::array();
  for (const IntroPath& p : result.paths) {
    json members = json::array(), hops = json::array();
    for (VertexId v : p.members) members.push_back(g.external_id(v));
    for (const PathHop& h : p.hops) {
      hops.push_back({{"strength", std::round(h.strength * 1000.0) / 1000.0},  // stored as 1/255 steps
                      {"since", h.since == kNoDate ? json(nullptr) : json(FormatDate(h.since))}});
    }
    paths.push_back({{"members", std::move(members)}, {"warmth", p.warmth}, {"hops", std::move(hops)}});
  }
  json out{{"op", "paths"},   {"from", from_id},        {"to", to_id},
           {"hops", result.hops ? json(*result.hops) : json(nullptr)},
           {"count", result.count}, {"paths", std::move(paths)}};
  if (result.truncated) out["truncated"] = true;
  return out;
}

absl::StatusOr<json> AnswerMutual(const Snapshot& g, Request& r) {
  LIAISON_ASSIGN_OR_RETURN(ExternalId a_id, r.Id("a"));
  LIAISON_ASSIGN_OR_RETURN(ExternalId b_id, r.Id("b"));
  LIAISON_ASSIGN_OR_RETURN(VertexId a, g.Member(a_id));
  LIAISON_ASSIGN_OR_RETURN(VertexId b, g.Member(b_id));
  LIAISON_RETURN_IF_ERROR(r.CheckNoUnknownKeys());
  LIAISON_ASSIGN_OR_RETURN(MutualResult result, Mutual(g, a, b));
  json members = json::array();
  for (VertexId v : result.members) members.push_back(g.external_id(v));
  return json{{"op", "mutual"}, {"a", a_id}, {"b", b_id}, {"count", result.members.size()},
              {"members", std::move(members)}};
}

absl::StatusOr<json> AnswerSuggest(const Snapshot& g, Request& r) {
  LIAISON_ASSIGN_OR_RETURN(ExternalId for_id, r.Id("for"));
  LIAISON_ASSIGN_OR_RETURN(VertexId member, g.Member(for_id));
  SuggestOptions options;
  LIAISON_ASSIGN_OR_RETURN(options.k, ReadK(r, options.k));
  LIAISON_ASSIGN_OR_RETURN(std::optional<std::string> score, r.String("score"));
  if (score) {
    LIAISON_ASSIGN_OR_RETURN(options.score, ParseSuggestScore(*score));
  }
  LIAISON_ASSIGN_OR_RETURN(int64_t hub_cap, r.Int("hub_cap", 0));
  if (hub_cap < 0 || hub_cap > int64_t{0xFFFFFFFF}) return Invalid("hub_cap", "must be in 0..4294967295");
  options.hub_cap = static_cast<uint32_t>(hub_cap);
  LIAISON_ASSIGN_OR_RETURN(options.budget, ReadBudget(r));
  LIAISON_RETURN_IF_ERROR(r.CheckNoUnknownKeys());
  LIAISON_ASSIGN_OR_RETURN(SuggestResult result, Suggest(g, member, options));
  json list = json::array();
  for (const Suggestion& s : result.suggestions) {
    json reasons = json::array();
    for (VertexId v : s.reasons) reasons.push_back(g.external_id(v));
    list.push_back({{"member", g.external_id(s.member)}, {"mutual", s.mutual}, {"score", s.score},
                    {"reasons", std::move(reasons)}});
  }
  json out{{"op", "suggest"}, {"for", for_id}, {"score", std::string(SuggestScoreName(options.score))},
           {"suggestions", std::move(list)}};
  if (result.truncated) out["truncated"] = true;
  return out;
}

json Answer(const Snapshot& g, std::string_view text) {
  json request = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (request.is_discarded()) return ErrorAnswer("bad_request", "the line is not valid JSON");
  if (!request.is_object()) return ErrorAnswer("bad_request", "the request must be a JSON object");
  auto op_it = request.find("op");
  if (op_it == request.end() || !op_it->is_string()) {
    return ErrorAnswer("bad_request", "the request needs \"op\": degree, reach, paths, mutual or suggest");
  }
  const std::string op = op_it->get<std::string>();
  Request r(request);
  absl::StatusOr<json> answer;
  if (op == "degree") {
    answer = AnswerDegree(g, r);
  } else if (op == "reach") {
    answer = AnswerReach(g, r);
  } else if (op == "paths") {
    answer = AnswerPaths(g, r);
  } else if (op == "mutual") {
    answer = AnswerMutual(g, r);
  } else if (op == "suggest") {
    answer = AnswerSuggest(g, r);
  } else {
    return ErrorAnswer("bad_request", "unknown op \"" + op + "\" (degree, reach, paths, mutual, suggest)");
  }
  if (!answer.ok()) return ErrorAnswer(ErrorCode(answer.status()), ToStd(answer.status().message()));
  return *std::move(answer);
}

}  // namespace

std::string AnswerJson(const Snapshot& g, std::string_view request) {
  try {
    return Answer(g, request).dump(-1, ' ', false, json::error_handler_t::replace);
  } catch (const std::bad_alloc&) {
    return ErrorAnswer("resource_exhausted", "out of memory").dump(-1, ' ', false, json::error_handler_t::replace);
  } catch (const std::exception& e) {
    return ErrorAnswer("internal", e.what()).dump(-1, ' ', false, json::error_handler_t::replace);
  }
}

absl::Status RunJsonLines(const Snapshot& g, std::istream& in, std::ostream& out,
                          const BatchOptions& options, BatchReport* report) {
  BatchReport local;
  BatchReport& rep = report ? *report : local;
  const int threads = options.threads > 0
                          ? options.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const size_t chunk = std::max<size_t>(1, options.chunk_lines);
  // A pipeline of three stages: read a chunk of lines (serial, in order), answer its requests
  // (chunks in parallel), write the answers (serial, in input order). Reading and writing overlap
  // with answering, so the serial stages cost only their own time, not a pause of every worker;
  // at most `tokens` chunks are in flight, which bounds memory.
  struct Chunk {
    std::vector<std::string> lines;
    std::vector<std::string> answers;
  };
  const size_t tokens = static_cast<size_t>(threads) * 4;
  std::atomic<bool> write_failed{false};
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_pipeline(
        tokens,
        tbb::make_filter<void, std::shared_ptr<Chunk>>(
            tbb::filter_mode::serial_in_order,
            [&](tbb::flow_control& control) -> std::shared_ptr<Chunk> {
              auto c = std::make_shared<Chunk>();
              std::string line;
              while (!write_failed.load(std::memory_order_relaxed) && c->lines.size() < chunk &&
                     std::getline(in, line)) {
                if (!line.empty() && line.back() == '\r') line.pop_back();
                if (line.find_first_not_of(" \t") == std::string::npos) continue;
                c->lines.push_back(std::move(line));
              }
              if (c->lines.empty()) {
                control.stop();
                return nullptr;
              }
              return c;
            }) &
            tbb::make_filter<std::shared_ptr<Chunk>, std::shared_ptr<Chunk>>(
                tbb::filter_mode::parallel,
                [&](std::shared_ptr<Chunk> c) {
                  c->answers.reserve(c->lines.size());
                  for (const std::string& request : c->lines) {
                    c->answers.push_back(AnswerJson(g, request));
                  }
                  return c;
                }) &
            tbb::make_filter<std::shared_ptr<Chunk>, void>(
                tbb::filter_mode::serial_in_order, [&](std::shared_ptr<Chunk> c) {
                  if (write_failed.load(std::memory_order_relaxed)) return;
                  for (const std::string& a : c->answers) {
                    out << a << '\n';
                    ++rep.lines;
                    if (a.compare(0, 9, "{\"error\":") == 0) ++rep.errors;
                  }
                  if (!out) write_failed.store(true, std::memory_order_relaxed);
                }));
  });
  if (write_failed.load()) {
    return absl::DataLossError("could not write the answers (output stream failed)");
  }
  out.flush();
  if (!out) return absl::DataLossError("could not write the answers (output stream failed)");
  return absl::OkStatus();
}

}  // namespace liaison
