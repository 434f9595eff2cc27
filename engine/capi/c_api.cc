// The C API (include/liaison.h) over the C++ API (include/liaison/*.h): the one file that sees
// both sides.
//
// Every handle of liaison.h is a private struct defined here (global namespace, as the C header
// declares it), holding C++ values: the graph holds a std::shared_ptr<const Snapshot>, a result
// holds the answer already translated to external ids, so its accessors are plain loads and the
// pointers they return borrow from the result's own vectors.
//
// Every fallible entry point is `return Guard(err, [&] { ...; return absl::Status; });`:
//   - the body validates its pointer arguments first (CheckArg), translates external ids with
//     Snapshot::FindMember (NotFound naming the id), calls the C++ API, builds the result object,
//     and writes the out-parameters last, so a failure leaves them untouched;
//   - Guard turns the status into a liaison_status (the enum's values are absl::StatusCode's, see
//     the static_asserts) and the message into a malloc'd `*err`; it catches every exception:
//     std::bad_alloc -> RESOURCE_EXHAUSTED, std::exception -> INTERNAL with what(), anything else
//     -> INTERNAL. Writing the message never throws (plain malloc), so no exception escapes.
// Accessors cannot fail and do not allocate; they answer NULL / 0 / -1 for NULL or out-of-range
// arguments, as the header documents.
//
// Budgets: the C++ queries return partial answers with `truncated = true`. Unless the options
// allow partial answers, the C API turns such an answer into DEADLINE_EXCEEDED when the deadline
// had passed by the time the query returned, and RESOURCE_EXHAUSTED otherwise.


#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <istream>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <sstream>
#include <streambuf>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "engine/util/status_macros.h"
#include "engine/util/strings.h"
#include "liaison.h"
#include "liaison/builder.h"
#include "liaison/graph.h"
#include "liaison/query.h"
#include "liaison/snapshot_file.h"
#include "liaison/json_api.h"
#include "liaison/stats.h"
#include "liaison/import.h"

// ---- The handles ----

struct liaison_graph {
  std::shared_ptr<const liaison::Snapshot> snapshot;
};

struct liaison_options {
  int max_depth = liaison::DegreeOptions{}.max_depth;
  std::optional<size_t> k;  // unset: each query's own default (paths 5, suggest 10)
  liaison::SuggestScore score = liaison::SuggestOptions{}.score;
  uint32_t hub_cap = liaison::SuggestOptions{}.hub_cap;
  int max_hops = liaison::PathOptions{}.max_hops;
  bool include_longer = liaison::PathOptions{}.include_longer;
  std::vector<uint64_t> avoid;  // external ids, translated per query
  int depth = liaison::ReachOptions{}.depth;
  bool list = liaison::ReachOptions{}.list;
  size_t limit = liaison::ReachOptions{}.limit;
  std::vector<liaison::ReachFilter> where;
  uint64_t max_visited = liaison::Budget{}.max_visited;
  std::optional<int64_t> timeout_ms;
  bool allow_partial = false;
  int threads = 0;
};

struct liaison_degree_result {
  int degree = -1;
  uint32_t mutual = 0;
  bool truncated = false;
};

struct liaison_degree_results {
  std::vector<uint64_t> to;
  std::vector<liaison_degree_result> answers;
};

struct liaison_reach_result {
  std::vector<uint64_t> levels;
  uint64_t total = 0;
  std::vector<uint64_t> listed;
  std::vector<int32_t> distances;
  bool truncated = false;
};

struct liaison_paths_result {
  struct Path {
    std::vector<uint64_t> members;
    std::vector<float> strength;              // per hop
    std::vector<std::array<char, 11>> since;  // per hop, "YYYY-MM-DD\0"; "" when unknown
    double warmth = 0;
  };
  int hops = -1;
  uint64_t count = 0;
  std::vector<Path> paths;
  bool truncated = false;
};

struct liaison_mutual_result {
  std::vector<uint64_t> members;
};

struct liaison_suggest_result {
  struct Item {
    uint64_t member = 0;
    uint32_t mutual = 0;
    double score = 0;
    std::vector<uint64_t> reasons;
  };
  std::vector<Item> items;
  bool truncated = false;
};

struct liaison_stats {
  liaison::GraphStats s;
};

namespace liaison {
namespace {

// ---- Status codes ----

static_assert(LIAISON_OK == static_cast<int>(absl::StatusCode::kOk));
static_assert(LIAISON_CANCELLED == static_cast<int>(absl::StatusCode::kCancelled));
static_assert(LIAISON_UNKNOWN == static_cast<int>(absl::StatusCode::kUnknown));
static_assert(LIAISON_INVALID_ARGUMENT == static_cast<int>(absl::StatusCode::kInvalidArgument));
static_assert(LIAISON_DEADLINE_EXCEEDED == static_cast<int>(absl::StatusCode::kDeadlineExceeded));
static_assert(LIAISON_NOT_FOUND == static_cast<int>(absl::StatusCode::kNotFound));
static_assert(LIAISON_ALREADY_EXISTS == static_cast<int>(absl::StatusCode::kAlreadyExists));
static_assert(LIAISON_PERMISSION_DENIED == static_cast<int>(absl::StatusCode::kPermissionDenied));
static_assert(LIAISON_RESOURCE_EXHAUSTED == static_cast<int>(absl::StatusCode::kResourceExhausted));
static_assert(LIAISON_FAILED_PRECONDITION ==
              static_cast<int>(absl::StatusCode::kFailedPrecondition));
static_assert(LIAISON_ABORTED == static_cast<int>(absl::StatusCode::kAborted));
static_assert(LIAISON_OUT_OF_RANGE == static_cast<int>(absl::StatusCode::kOutOfRange));
static_assert(LIAISON_UNIMPLEMENTED == static_cast<int>(absl::StatusCode::kUnimplemented));
static_assert(LIAISON_INTERNAL == static_cast<int>(absl::StatusCode::kInternal));
static_assert(LIAISON_UNAVAILABLE == static_cast<int>(absl::StatusCode::kUnavailable));
static_assert(LIAISON_DATA_LOSS == static_cast<int>(absl::StatusCode::kDataLoss));
static_assert(LIAISON_UNAUTHENTICATED == static_cast<int>(absl::StatusCode::kUnauthenticated));

liaison_status ToC(absl::StatusCode code) {
  const int c = static_cast<int>(code);
  if (c >= LIAISON_OK && c <= LIAISON_UNAUTHENTICATED) return static_cast<liaison_status>(c);
  return LIAISON_INTERNAL;
}

// Stores the concatenation of `parts` in a new malloc'd string at *err (when err is not NULL).
// Never throws: a failed malloc leaves *err NULL.
void SetError(char** err, std::initializer_list<std::string_view> parts) noexcept {
  if (err == nullptr) return;
  size_t size = 1;
  for (std::string_view p : parts) size += p.size();
  char* text = static_cast<char*>(std::malloc(size));
  if (text != nullptr) {
    char* at = text;
    for (std::string_view p : parts) {
      if (!p.empty()) std::memcpy(at, p.data(), p.size());
      at += p.size();
    }
    *at = '\0';
  }
  *err = text;
}

// Runs an entry point's body (returning absl::Status) and reports its outcome through the C
// conventions. The one place where exceptions stop.
template <typename Body>
liaison_status Guard(char** err, Body&& body) noexcept {
  try {
    const absl::Status status = body();
    if (status.ok()) return LIAISON_OK;
    const liaison_status code = ToC(status.code());
    SetError(err, {ToStd(status.message())});
    return code;
  } catch (const std::bad_alloc& e) {
    SetError(err, {"out of memory (", e.what(), ")"});
    return LIAISON_RESOURCE_EXHAUSTED;
  } catch (const std::exception& e) {
    SetError(err, {"internal error: exception: ", e.what()});
    return LIAISON_INTERNAL;
  } catch (...) {
    SetError(err, {"internal error: unknown exception"});
    return LIAISON_INTERNAL;
  }
}

// ---- Argument checks ----

absl::Status NullArgument(const char* function, const char* argument) {
  return absl::InvalidArgumentError(absl::StrCat(function, ": ", argument, " is NULL"));
}

// An array of `count` elements of `element_size` bytes must fit in the address space (as an
// object: at most PTRDIFF_MAX bytes), and must not be NULL unless empty.
absl::Status CheckArray(const char* function, const char* argument, const void* data, size_t count,
                        size_t element_size) {
  if (count > static_cast<size_t>(std::numeric_limits<ptrdiff_t>::max()) / element_size) {
    return absl::InvalidArgumentError(absl::StrCat(function, ": ", argument, " count ", count,
                                                   " is too large for an array in memory"));
  }
  if (data == nullptr && count > 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(function, ": ", argument, " is NULL but its count is ", count));
  }
  return absl::OkStatus();
}

#define LIAISON_CAPI_CHECK_NOT_NULL(function, argument) \
  if ((argument) == nullptr) return NullArgument(function, #argument)

const liaison_options& OrDefaults(const liaison_options* options) {
  static const liaison_options* const kDefaults = new liaison_options();
  return options != nullptr ? *options : *kDefaults;
}

// ---- Members and budgets ----

absl::StatusOr<VertexId> Member(const Snapshot& g, uint64_t id) {
  const VertexId v = g.FindMember(id);
  if (v == kNoVertex) {
    return absl::NotFoundError(absl::StrCat("member ", id, " is not in the graph"));
  }
  return v;
}

Budget MakeBudget(const liaison_options& o) {
  Budget b;
  b.max_visited = o.max_visited;
  if (o.timeout_ms.has_value()) b.deadline = absl::Now() + absl::Milliseconds(*o.timeout_ms);
  return b;
}

// The error replacing a truncated answer (see the file comment).
absl::Status BudgetError(const liaison_options& o, const Budget& b, std::string_view query) {
  if (b.deadline != absl::InfiniteFuture() && absl::Now() >= b.deadline) {
    return absl::DeadlineExceededError(
        absl::StrCat(ToAbsl(query), ": the timeout of ", *o.timeout_ms,
                     " ms passed before the answer was complete (allow partial answers to get "
                     "what was found)"));
  }
  return absl::ResourceExhaustedError(absl::StrCat(
      ToAbsl(query), ": the answer needs more than max_visited = ", b.max_visited,
      " members visited (raise max_visited, or allow partial answers to get what was found)"));
}

DegreeOptions MakeDegreeOptions(const liaison_options& o) {
  DegreeOptions d;
  d.max_depth = o.max_depth;
  d.budget = MakeBudget(o);
  return d;
}

liaison_degree_result ToC(const DegreeResult& r) {
  liaison_degree_result c;
  c.degree = r.degree.has_value() ? *r.degree : -1;
  c.mutual = r.mutual;
  c.truncated = r.truncated;
  return c;
}

// A copy of `text` in malloc'd memory, NUL-terminated, stored at *out.
absl::Status MallocCopy(std::string_view text, char** out) {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) {
    return absl::ResourceExhaustedError(
        absl::StrCat("out of memory for an answer of ", text.size(), " bytes"));
  }
  if (!text.empty()) std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  *out = copy;
  return absl::OkStatus();
}

// A read-only std::streambuf over caller memory (no copy of a batch's input).
class MemoryBuf : public std::streambuf {
 public:
  MemoryBuf(const char* data, size_t size) {
    char* p = const_cast<char*>(data);  // never written: this buffer has no put area
    setg(p, p, p + size);
  }
};


// Runs a setter: `store` validates and stores a value into a non-NULL options object.
template <typename Store>
liaison_status Setter(const char* function, liaison_options* options, char** err,
                      Store&& store) noexcept {
  return Guard(err, [&]() -> absl::Status {
    if (options == nullptr) return NullArgument(function, "options");
    return store(*options);
  });
}

template <typename T>
void Destroy(T* p) {
  delete p;
}

}  // namespace
}  // namespace liaison

using liaison::CheckArray;
using liaison::Guard;
using liaison::NullArgument;

extern "C" {

// ---- Versions, status names, memory ----

LIAISON_EXPORT uint32_t liaison_version(void) { return LIAISON_VERSION_NUMBER; }
LIAISON_EXPORT uint32_t liaison_abi_version(void) { return LIAISON_ABI_VERSION; }

#define LIAISON_CAPI_STR_(x) #x
#define LIAISON_CAPI_STR(x) LIAISON_CAPI_STR_(x)
LIAISON_EXPORT const char* liaison_version_string(void) {
  return LIAISON_CAPI_STR(LIAISON_VERSION_MAJOR) "." LIAISON_CAPI_STR(
      LIAISON_VERSION_MINOR) "." LIAISON_CAPI_STR(LIAISON_VERSION_PATCH);
}

LIAISON_EXPORT const char* liaison_status_name(liaison_status status) {
  switch (status) {
    case LIAISON_OK:
      return "OK";
    case LIAISON_CANCELLED:
      return "CANCELLED";
    case LIAISON_UNKNOWN:
      return "UNKNOWN";
    case LIAISON_INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case LIAISON_DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case LIAISON_NOT_FOUND:
      return "NOT_FOUND";
    case LIAISON_ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case LIAISON_PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case LIAISON_RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case LIAISON_FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case LIAISON_ABORTED:
      return "ABORTED";
    case LIAISON_OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case LIAISON_UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case LIAISON_INTERNAL:
      return "INTERNAL";
    case LIAISON_UNAVAILABLE:
      return "UNAVAILABLE";
    case LIAISON_DATA_LOSS:
      return "DATA_LOSS";
    case LIAISON_UNAUTHENTICATED:
      return "UNAUTHENTICATED";
  }
  return "UNKNOWN_STATUS";
}

LIAISON_EXPORT void liaison_free(void* p) { std::free(p); }

// ---- Graphs ----

LIAISON_EXPORT liaison_status liaison_graph_open(const char* path, uint32_t flags,
                                                 liaison_graph** out, char** err) {
  return Guard(err, [&]() -> absl::Status {
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_graph_open", path);
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_graph_open", out);
    constexpr uint32_t kKnown = LIAISON_OPEN_VERIFY | LIAISON_OPEN_IN_MEMORY;
    if ((flags & ~kKnown) != 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("liaison_graph_open: unknown flag bits ", flags & ~kKnown));
    }
    liaison::SnapshotOpenOptions open_options;
    open_options.verify = (flags & LIAISON_OPEN_VERIFY) != 0;
    open_options.in_memory = (flags & LIAISON_OPEN_IN_MEMORY) != 0;
    LIAISON_ASSIGN_OR_RETURN(auto snapshot, liaison::OpenSnapshotFile(path, open_options));
    *out = new liaison_graph{std::move(snapshot)};
    return absl::OkStatus();
  });
}

LIAISON_EXPORT liaison_status liaison_graph_import(const char* connections_path,
                                                   const char* members_path, uint32_t flags,
                                                   liaison_graph** out, char** err) {
  return Guard(err, [&]() -> absl::Status {
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_graph_import", connections_path);
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_graph_import", out);
    if ((flags & ~uint32_t{LIAISON_IMPORT_SKIP_BAD}) != 0) {
      return absl::InvalidArgumentError(absl::StrCat("liaison_graph_import: unknown flag bits ",
                                                     flags & ~LIAISON_IMPORT_SKIP_BAD));
    }
    liaison::ImportOptions import_options;
    import_options.skip_bad = (flags & LIAISON_IMPORT_SKIP_BAD) != 0;
    LIAISON_ASSIGN_OR_RETURN(
        auto snapshot,
        liaison::ImportGraph(connections_path, members_path != nullptr ? members_path : "",
                             import_options, nullptr));
    *out = new liaison_graph{std::move(snapshot)};
    return absl::OkStatus();
  });
}

LIAISON_EXPORT liaison_status liaison_graph_build(const uint64_t* a, const uint64_t* b,
                                                  const float* strength, size_t count,
                                                  liaison_graph** out, char** err) {
  return Guard(err, [&]() -> absl::Status {
    constexpr const char* kFn = "liaison_graph_build";
    LIAISON_RETURN_IF_ERROR(CheckArray(kFn, "a", a, count, sizeof(uint64_t)));
    LIAISON_RETURN_IF_ERROR(CheckArray(kFn, "b", b, count, sizeof(uint64_t)));
    LIAISON_CAPI_CHECK_NOT_NULL(kFn, out);
    liaison::ConnectionBatch batch;
    if (count > 0) {
      batch.a.assign(a, a + count);
      batch.b.assign(b, b + count);
    }
    if (strength != nullptr && count > 0) {
      batch.strength.resize(count);
      for (size_t i = 0; i < count; ++i) {
        // Written so that NaN fails too.
        if (!(strength[i] >= 0.0f && strength[i] <= 1.0f)) {
          return absl::InvalidArgumentError(
              absl::StrCat(kFn, ": strength[", i, "] = ", strength[i], " is outside [0, 1]"));
        }
        batch.strength[i] = liaison::PackStrength(strength[i]);
      }
    }
    std::vector<liaison::ConnectionBatch> batches;
    batches.push_back(std::move(batch));
    LIAISON_ASSIGN_OR_RETURN(auto snapshot,
                             liaison::BuildSnapshot(std::move(batches), nullptr, nullptr));
    *out = new liaison_graph{std::move(snapshot)};
    return absl::OkStatus();
  });
}

LIAISON_EXPORT liaison_status liaison_graph_save(const liaison_graph* graph, const char* path,
                                                 char** err) {
  return Guard(err, [&]() -> absl::Status {
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_graph_save", graph);
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_graph_save", path);
    return liaison::WriteSnapshotFile(*graph->snapshot, path);
  });
}

LIAISON_EXPORT void liaison_graph_close(liaison_graph* graph) { liaison::Destroy(graph); }

LIAISON_EXPORT uint64_t liaison_graph_num_members(const liaison_graph* graph) {
  return graph != nullptr ? graph->snapshot->num_members() : 0;
}

LIAISON_EXPORT uint64_t liaison_graph_num_connections(const liaison_graph* graph) {
  return graph != nullptr ? graph->snapshot->num_connections() : 0;
}

LIAISON_EXPORT int liaison_graph_contains(const liaison_graph* graph, uint64_t member) {
  return graph != nullptr && graph->snapshot->FindMember(member) != liaison::kNoVertex;
}

LIAISON_EXPORT liaison_status liaison_graph_member_at(const liaison_graph* graph, uint64_t index,
                                                      uint64_t* out, char** err) {
  return Guard(err, [&]() -> absl::Status {
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_graph_member_at", graph);
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_graph_member_at", out);
    const liaison::Snapshot& g = *graph->snapshot;
    if (index >= g.num_members()) {
      return absl::OutOfRangeError(absl::StrCat("liaison_graph_member_at: index ", index,
                                                " is past the last member (", g.num_members(),
                                                " members)"));
    }
    *out = g.external_id(static_cast<liaison::VertexId>(index));
    return absl::OkStatus();
  });
}

// ---- Options ----

LIAISON_EXPORT liaison_options* liaison_options_create(void) {
  return new (std::nothrow) liaison_options();
}

LIAISON_EXPORT void liaison_options_destroy(liaison_options* options) { liaison::Destroy(options); }

LIAISON_EXPORT liaison_status liaison_options_set_max_depth(liaison_options* options, int max_depth,
                                                            char** err) {
  return liaison::Setter("liaison_options_set_max_depth", options, err,
                         [&](liaison_options& o) -> absl::Status {
                           o.max_depth = max_depth;
                           return absl::OkStatus();
                         });
}

LIAISON_EXPORT liaison_status liaison_options_set_k(liaison_options* options, size_t k,
                                                    char** err) {
  return liaison::Setter("liaison_options_set_k", options, err,
                         [&](liaison_options& o) -> absl::Status {
                           o.k = k;
                           return absl::OkStatus();
                         });
}

LIAISON_EXPORT liaison_status liaison_options_set_score(liaison_options* options, const char* score,
                                                        char** err) {
  return liaison::Setter("liaison_options_set_score", options, err,
                         [&](liaison_options& o) -> absl::Status {
                           LIAISON_CAPI_CHECK_NOT_NULL("liaison_options_set_score", score);
                           LIAISON_ASSIGN_OR_RETURN(o.score, liaison::ParseSuggestScore(score));
                           return absl::OkStatus();
                         });
}

LIAISON_EXPORT liaison_status liaison_options_set_hub_cap(liaison_options* options,
                                                          uint32_t hub_cap, char** err) {
  return liaison::Setter("liaison_options_set_hub_cap", options, err,
                         [&](liaison_options& o) -> absl::Status {
                           o.hub_cap = hub_cap;
                           return absl::OkStatus();
                         });
}

LIAISON_EXPORT liaison_status liaison_options_set_max_hops(liaison_options* options, int max_hops,
                                                           char** err) {
  return liaison::Setter("liaison_options_set_max_hops", options, err,
                         [&](liaison_options& o) -> absl::Status {
                           o.max_hops = max_hops;
                           return absl::OkStatus();
                         });
}

LIAISON_EXPORT liaison_status liaison_options_set_include_longer(liaison_options* options,
                                                                 int include_longer, char** err) {
  return liaison::Setter("liaison_options_set_include_longer", options, err,
                         [&](liaison_options& o) -> absl::Status {
                           o.include_longer = include_longer != 0;
                           return absl::OkStatus();
                         });
}

LIAISON_EXPORT liaison_status liaison_options_set_avoid(liaison_options* options,
                                                        const uint64_t* members, size_t count,
                                                        char** err) {
  return liaison::Setter(
      "liaison_options_set_avoid", options, err, [&](liaison_options& o) -> absl::Status {
        LIAISON_RETURN_IF_ERROR(
            CheckArray("liaison_options_set_avoid", "members", members, count, sizeof(uint64_t)));
        std::vector<uint64_t> avoid(members, members + count);
        o.avoid = std::move(avoid);
        return absl::OkStatus();
      });
}

LIAISON_EXPORT liaison_status liaison_options_set_depth(liaison_options* options, int depth,
                                                        char** err) {
  return liaison::Setter("liaison_options_set_depth", options, err,
                         [&](liaison_options& o) -> absl::Status {
                           o.depth = depth;
                           return absl::OkStatus();
                         });
}

LIAISON_EXPORT liaison_status liaison_options_set_list(liaison_options* options, int list,
                                                       char** err) {
  return liaison::Setter("liaison_options_set_list", options, err,
                         [&](liaison_options& o) -> absl::Status {
                           o.list = list != 0;
                           return absl::OkStatus();
                         });
}

LIAISON_EXPORT liaison_status liaison_options_set_limit(liaison_options* options, size_t limit,
                                                        char** err) {
  return liaison::Setter("liaison_options_set_limit", options, err,
                         [&](liaison_options& o) -> absl::Status {
                           o.limit = limit;
                           return absl::OkStatus();
                         });
}

LIAISON_EXPORT liaison_status liaison_options_add_where(liaison_options* options,
                                                        const char* column, const char* value,
                                                        char** err) {
  return liaison::Setter(
      "liaison_options_add_where", options, err, [&](liaison_options& o) -> absl::Status {
        LIAISON_CAPI_CHECK_NOT_NULL("liaison_options_add_where", column);
        LIAISON_CAPI_CHECK_NOT_NULL("liaison_options_add_where", value);
        std::optional<liaison::TextColumn> found;
        for (int c = 0; c < liaison::kNumTextColumns; ++c) {
          const auto text_column = static_cast<liaison::TextColumn>(c);
          if (liaison::TextColumnName(text_column) == column) found = text_column;
        }
        if (!found.has_value()) {
          return absl::InvalidArgumentError(
              absl::StrCat("liaison_options_add_where: unknown column \"", column,
                           "\" (expected name, headline, company, industry, location or school)"));
        }
        o.where.push_back({*found, value});
        return absl::OkStatus();
      });
}

LIAISON_EXPORT liaison_status liaison_options_clear_where(liaison_options* options, char** err) {
  return liaison::Setter("liaison_options_clear_where", options, err,
                         [&](liaison_options& o) -> absl::Status {
                           o.where.clear();
                           return absl::OkStatus();
                         });
}

LIAISON_EXPORT liaison_status liaison_options_set_max_visited(liaison_options* options,
                                                              uint64_t max_visited, char** err) {
  return liaison::Setter("liaison_options_set_max_visited", options, err,
                         [&](liaison_options& o) -> absl::Status {
                           o.max_visited = max_visited;
                           return absl::OkStatus();
                         });
}

LIAISON_EXPORT liaison_status liaison_options_set_timeout_ms(liaison_options* options,
                                                             int64_t timeout_ms, char** err) {
  return liaison::Setter("liaison_options_set_timeout_ms", options, err,
                         [&](liaison_options& o) -> absl::Status {
                           if (timeout_ms < 0) {
                             o.timeout_ms.reset();
                           } else {
                             o.timeout_ms = timeout_ms;
                           }
                           return absl::OkStatus();
                         });
}

LIAISON_EXPORT liaison_status liaison_options_set_allow_partial(liaison_options* options,
                                                                int allow_partial, char** err) {
  return liaison::Setter("liaison_options_set_allow_partial", options, err,
                         [&](liaison_options& o) -> absl::Status {
                           o.allow_partial = allow_partial != 0;
                           return absl::OkStatus();
                         });
}

LIAISON_EXPORT liaison_status liaison_options_set_threads(liaison_options* options, int threads,
                                                          char** err) {
  return liaison::Setter(
      "liaison_options_set_threads", options, err, [&](liaison_options& o) -> absl::Status {
        if (threads < 0) {
          return absl::InvalidArgumentError(absl::StrCat(
              "liaison_options_set_threads: threads = ", threads, " is negative (0 = all)"));
        }
        o.threads = threads;
        return absl::OkStatus();
      });
}

// ---- Degree ----

LIAISON_EXPORT liaison_status liaison_degree(const liaison_graph* graph,
                                             const liaison_options* options, uint64_t from,
                                             uint64_t to, liaison_degree_result** out, char** err) {
  return Guard(err, [&]() -> absl::Status {
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_degree", graph);
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_degree", out);
    const liaison::Snapshot& g = *graph->snapshot;
    const liaison_options& o = liaison::OrDefaults(options);
    LIAISON_ASSIGN_OR_RETURN(const liaison::VertexId f, liaison::Member(g, from));
    LIAISON_ASSIGN_OR_RETURN(const liaison::VertexId t, liaison::Member(g, to));
    const liaison::DegreeOptions degree_options = liaison::MakeDegreeOptions(o);
    LIAISON_ASSIGN_OR_RETURN(const liaison::DegreeResult r,
                             liaison::Degree(g, f, t, degree_options));
    if (r.truncated && !o.allow_partial) {
      return liaison::BudgetError(o, degree_options.budget,
                                  absl::StrCat("degree from ", from, " to ", to));
    }
    *out = new liaison_degree_result(liaison::ToC(r));
    return absl::OkStatus();
  });
}

LIAISON_EXPORT int liaison_degree_result_degree(const liaison_degree_result* result) {
  return result != nullptr ? result->degree : -1;
}
LIAISON_EXPORT uint32_t liaison_degree_result_mutual(const liaison_degree_result* result) {
  return result != nullptr ? result->mutual : 0;
}
LIAISON_EXPORT int liaison_degree_result_truncated(const liaison_degree_result* result) {
  return result != nullptr && result->truncated;
}
LIAISON_EXPORT void liaison_degree_result_destroy(liaison_degree_result* result) {
  liaison::Destroy(result);
}

LIAISON_EXPORT liaison_status liaison_degree_many(const liaison_graph* graph,
                                                  const liaison_options* options, uint64_t from,
                                                  const uint64_t* to, size_t count,
                                                  liaison_degree_results** out, char** err) {
  return Guard(err, [&]() -> absl::Status {
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_degree_many", graph);
    LIAISON_RETURN_IF_ERROR(CheckArray("liaison_degree_many", "to", to, count, sizeof(uint64_t)));
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_degree_many", out);
    const liaison::Snapshot& g = *graph->snapshot;
    const liaison_options& o = liaison::OrDefaults(options);
    LIAISON_ASSIGN_OR_RETURN(const liaison::VertexId f, liaison::Member(g, from));
    std::vector<liaison::VertexId> targets(count);
    for (size_t i = 0; i < count; ++i) {
      LIAISON_ASSIGN_OR_RETURN(targets[i], liaison::Member(g, to[i]));
    }
    const liaison::DegreeOptions degree_options = liaison::MakeDegreeOptions(o);
    LIAISON_ASSIGN_OR_RETURN(const std::vector<liaison::DegreeResult> r,
                             liaison::DegreeMany(g, f, targets, degree_options));
    auto results = std::make_unique<liaison_degree_results>();
    results->to.assign(to, to + count);
    results->answers.reserve(r.size());
    bool truncated = false;
    for (const liaison::DegreeResult& one : r) {
      results->answers.push_back(liaison::ToC(one));
      truncated |= one.truncated;
    }
    if (truncated && !o.allow_partial) {
      return liaison::BudgetError(o, degree_options.budget,
                                  absl::StrCat("degree from ", from, " to ", count, " members"));
    }
    *out = results.release();
    return absl::OkStatus();
  });
}

LIAISON_EXPORT size_t liaison_degree_results_count(const liaison_degree_results* results) {
  return results != nullptr ? results->answers.size() : 0;
}
LIAISON_EXPORT uint64_t liaison_degree_results_to(const liaison_degree_results* results, size_t i) {
  return results != nullptr && i < results->to.size() ? results->to[i] : 0;
}
LIAISON_EXPORT int liaison_degree_results_degree(const liaison_degree_results* results, size_t i) {
  return results != nullptr && i < results->answers.size() ? results->answers[i].degree : -1;
}
LIAISON_EXPORT uint32_t liaison_degree_results_mutual(const liaison_degree_results* results,
                                                      size_t i) {
  return results != nullptr && i < results->answers.size() ? results->answers[i].mutual : 0;
}
LIAISON_EXPORT int liaison_degree_results_truncated(const liaison_degree_results* results,
                                                    size_t i) {
  return results != nullptr && i < results->answers.size() && results->answers[i].truncated;
}
LIAISON_EXPORT void liaison_degree_results_destroy(liaison_degree_results* results) {
  liaison::Destroy(results);
}

// ---- Reach ----

LIAISON_EXPORT liaison_status liaison_reach(const liaison_graph* graph,
                                            const liaison_options* options, uint64_t from,
                                            liaison_reach_result** out, char** err) {
  return Guard(err, [&]() -> absl::Status {
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_reach", graph);
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_reach", out);
    const liaison::Snapshot& g = *graph->snapshot;
    const liaison_options& o = liaison::OrDefaults(options);
    LIAISON_ASSIGN_OR_RETURN(const liaison::VertexId f, liaison::Member(g, from));
    liaison::ReachOptions reach_options;
    reach_options.depth = o.depth;
    reach_options.list = o.list;
    reach_options.where = o.where;
    reach_options.limit = o.limit;
    reach_options.budget = liaison::MakeBudget(o);
    LIAISON_ASSIGN_OR_RETURN(liaison::ReachResult r, liaison::Reach(g, f, reach_options));
    if (r.truncated && !o.allow_partial) {
      return liaison::BudgetError(o, reach_options.budget, absl::StrCat("reach from ", from));
    }
    auto result = std::make_unique<liaison_reach_result>();
    result->levels = std::move(r.levels);
    result->total = r.total;
    result->listed.reserve(r.members.size());
    result->distances.reserve(r.members.size());
    for (const liaison::ReachMember& m : r.members) {
      result->listed.push_back(g.external_id(m.member));
      result->distances.push_back(m.distance);
    }
    result->truncated = r.truncated;
    *out = result.release();
    return absl::OkStatus();
  });
}

LIAISON_EXPORT size_t liaison_reach_result_num_levels(const liaison_reach_result* result) {
  return result != nullptr ? result->levels.size() : 0;
}
LIAISON_EXPORT const uint64_t* liaison_reach_result_levels(const liaison_reach_result* result) {
  return result != nullptr && !result->levels.empty() ? result->levels.data() : nullptr;
}
LIAISON_EXPORT uint64_t liaison_reach_result_total(const liaison_reach_result* result) {
  return result != nullptr ? result->total : 0;
}
LIAISON_EXPORT size_t liaison_reach_result_num_listed(const liaison_reach_result* result) {
  return result != nullptr ? result->listed.size() : 0;
}
LIAISON_EXPORT const uint64_t* liaison_reach_result_listed(const liaison_reach_result* result) {
  return result != nullptr && !result->listed.empty() ? result->listed.data() : nullptr;
}
LIAISON_EXPORT const int32_t* liaison_reach_result_listed_distances(
    const liaison_reach_result* result) {
  return result != nullptr && !result->distances.empty() ? result->distances.data() : nullptr;
}
LIAISON_EXPORT int liaison_reach_result_truncated(const liaison_reach_result* result) {
  return result != nullptr && result->truncated;
}
LIAISON_EXPORT void liaison_reach_result_destroy(liaison_reach_result* result) {
  liaison::Destroy(result);
}

// ---- Paths ----

LIAISON_EXPORT liaison_status liaison_paths(const liaison_graph* graph,
                                            const liaison_options* options, uint64_t from,
                                            uint64_t to, liaison_paths_result** out, char** err) {
  return Guard(err, [&]() -> absl::Status {
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_paths", graph);
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_paths", out);
    const liaison::Snapshot& g = *graph->snapshot;
    const liaison_options& o = liaison::OrDefaults(options);
    LIAISON_ASSIGN_OR_RETURN(const liaison::VertexId f, liaison::Member(g, from));
    LIAISON_ASSIGN_OR_RETURN(const liaison::VertexId t, liaison::Member(g, to));
    liaison::PathOptions path_options;
    if (o.k.has_value()) path_options.k = *o.k;
    path_options.max_hops = o.max_hops;
    path_options.include_longer = o.include_longer;
    path_options.avoid.reserve(o.avoid.size());
    for (const uint64_t id : o.avoid) {
      const liaison::VertexId v = g.FindMember(id);
      if (v == liaison::kNoVertex) {
        return absl::NotFoundError(absl::StrCat("avoided member ", id, " is not in the graph"));
      }
      path_options.avoid.push_back(v);
    }
    path_options.budget = liaison::MakeBudget(o);
    LIAISON_ASSIGN_OR_RETURN(const liaison::PathsResult r,
                             liaison::IntroPaths(g, f, t, path_options));
    if (r.truncated && !o.allow_partial) {
      return liaison::BudgetError(o, path_options.budget,
                                  absl::StrCat("paths from ", from, " to ", to));
    }
    auto result = std::make_unique<liaison_paths_result>();
    result->hops = r.hops.has_value() ? *r.hops : -1;
    result->count = r.count;
    result->truncated = r.truncated;
    result->paths.reserve(r.paths.size());
    for (const liaison::IntroPath& p : r.paths) {
      liaison_paths_result::Path& c = result->paths.emplace_back();
      c.members.reserve(p.members.size());
      for (const liaison::VertexId v : p.members) c.members.push_back(g.external_id(v));
      c.strength.reserve(p.hops.size());
      c.since.reserve(p.hops.size());
      for (const liaison::PathHop& h : p.hops) {
        c.strength.push_back(h.strength);
        std::array<char, 11>& text = c.since.emplace_back();
        text.fill('\0');
        if (h.since != liaison::kNoDate) {
          const std::string date = liaison::FormatDate(h.since);
          std::memcpy(text.data(), date.data(), std::min(date.size(), text.size() - 1));
        }
      }
      c.warmth = p.warmth;
    }
    *out = result.release();
    return absl::OkStatus();
  });
}

LIAISON_EXPORT int liaison_paths_result_hops(const liaison_paths_result* result) {
  return result != nullptr ? result->hops : -1;
}
LIAISON_EXPORT uint64_t liaison_paths_result_count(const liaison_paths_result* result) {
  return result != nullptr ? result->count : 0;
}
LIAISON_EXPORT size_t liaison_paths_result_num_paths(const liaison_paths_result* result) {
  return result != nullptr ? result->paths.size() : 0;
}
LIAISON_EXPORT size_t liaison_paths_result_path(const liaison_paths_result* result, size_t i,
                                                const uint64_t** out_members) {
  const bool valid = result != nullptr && i < result->paths.size();
  if (out_members != nullptr) *out_members = valid ? result->paths[i].members.data() : nullptr;
  return valid ? result->paths[i].members.size() : 0;
}
LIAISON_EXPORT double liaison_paths_result_warmth(const liaison_paths_result* result, size_t i) {
  return result != nullptr && i < result->paths.size() ? result->paths[i].warmth : 0.0;
}
LIAISON_EXPORT float liaison_paths_result_hop_strength(const liaison_paths_result* result, size_t i,
                                                       size_t j) {
  if (result == nullptr || i >= result->paths.size()) return 0.0f;
  const auto& strength = result->paths[i].strength;
  return j < strength.size() ? strength[j] : 0.0f;
}
LIAISON_EXPORT const char* liaison_paths_result_hop_since(const liaison_paths_result* result,
                                                          size_t i, size_t j) {
  if (result == nullptr || i >= result->paths.size()) return nullptr;
  const auto& since = result->paths[i].since;
  if (j >= since.size() || since[j][0] == '\0') return nullptr;
  return since[j].data();
}
LIAISON_EXPORT int liaison_paths_result_truncated(const liaison_paths_result* result) {
  return result != nullptr && result->truncated;
}
LIAISON_EXPORT void liaison_paths_result_destroy(liaison_paths_result* result) {
  liaison::Destroy(result);
}

// ---- Mutual ----

LIAISON_EXPORT liaison_status liaison_mutual(const liaison_graph* graph, uint64_t a, uint64_t b,
                                             liaison_mutual_result** out, char** err) {
  return Guard(err, [&]() -> absl::Status {
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_mutual", graph);
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_mutual", out);
    const liaison::Snapshot& g = *graph->snapshot;
    LIAISON_ASSIGN_OR_RETURN(const liaison::VertexId va, liaison::Member(g, a));
    LIAISON_ASSIGN_OR_RETURN(const liaison::VertexId vb, liaison::Member(g, b));
    LIAISON_ASSIGN_OR_RETURN(const liaison::MutualResult r, liaison::Mutual(g, va, vb));
    auto result = std::make_unique<liaison_mutual_result>();
    result->members.reserve(r.members.size());
    for (const liaison::VertexId v : r.members) result->members.push_back(g.external_id(v));
    *out = result.release();
    return absl::OkStatus();
  });
}

LIAISON_EXPORT size_t liaison_mutual_result_count(const liaison_mutual_result* result) {
  return result != nullptr ? result->members.size() : 0;
}
LIAISON_EXPORT const uint64_t* liaison_mutual_result_members(const liaison_mutual_result* result) {
  return result != nullptr && !result->members.empty() ? result->members.data() : nullptr;
}
LIAISON_EXPORT void liaison_mutual_result_destroy(liaison_mutual_result* result) {
  liaison::Destroy(result);
}

// ---- Suggest ----

LIAISON_EXPORT liaison_status liaison_suggest(const liaison_graph* graph,
                                              const liaison_options* options, uint64_t member,
                                              liaison_suggest_result** out, char** err) {
  return Guard(err, [&]() -> absl::Status {
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_suggest", graph);
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_suggest", out);
    const liaison::Snapshot& g = *graph->snapshot;
    const liaison_options& o = liaison::OrDefaults(options);
    LIAISON_ASSIGN_OR_RETURN(const liaison::VertexId v, liaison::Member(g, member));
    liaison::SuggestOptions suggest_options;
    if (o.k.has_value()) suggest_options.k = *o.k;
    suggest_options.score = o.score;
    suggest_options.hub_cap = o.hub_cap;
    suggest_options.budget = liaison::MakeBudget(o);
    LIAISON_ASSIGN_OR_RETURN(const liaison::SuggestResult r,
                             liaison::Suggest(g, v, suggest_options));
    if (r.truncated && !o.allow_partial) {
      return liaison::BudgetError(o, suggest_options.budget, absl::StrCat("suggest for ", member));
    }
    auto result = std::make_unique<liaison_suggest_result>();
    result->truncated = r.truncated;
    result->items.reserve(r.suggestions.size());
    for (const liaison::Suggestion& s : r.suggestions) {
      liaison_suggest_result::Item& item = result->items.emplace_back();
      item.member = g.external_id(s.member);
      item.mutual = s.mutual;
      item.score = s.score;
      item.reasons.reserve(s.reasons.size());
      for (const liaison::VertexId x : s.reasons) item.reasons.push_back(g.external_id(x));
    }
    *out = result.release();
    return absl::OkStatus();
  });
}

LIAISON_EXPORT size_t liaison_suggest_result_count(const liaison_suggest_result* result) {
  return result != nullptr ? result->items.size() : 0;
}
LIAISON_EXPORT uint64_t liaison_suggest_result_member(const liaison_suggest_result* result,
                                                      size_t i) {
  return result != nullptr && i < result->items.size() ? result->items[i].member : 0;
}
LIAISON_EXPORT uint32_t liaison_suggest_result_mutual(const liaison_suggest_result* result,
                                                      size_t i) {
  return result != nullptr && i < result->items.size() ? result->items[i].mutual : 0;
}
LIAISON_EXPORT double liaison_suggest_result_score(const liaison_suggest_result* result, size_t i) {
  return result != nullptr && i < result->items.size() ? result->items[i].score : 0.0;
}
LIAISON_EXPORT size_t liaison_suggest_result_reasons(const liaison_suggest_result* result, size_t i,
                                                     const uint64_t** out_members) {
  const bool valid = result != nullptr && i < result->items.size();
  const std::vector<uint64_t>* reasons = valid ? &result->items[i].reasons : nullptr;
  const bool any = reasons != nullptr && !reasons->empty();
  if (out_members != nullptr) *out_members = any ? reasons->data() : nullptr;
  return any ? reasons->size() : 0;
}
LIAISON_EXPORT int liaison_suggest_result_truncated(const liaison_suggest_result* result) {
  return result != nullptr && result->truncated;
}
LIAISON_EXPORT void liaison_suggest_result_destroy(liaison_suggest_result* result) {
  liaison::Destroy(result);
}

// ---- Statistics ----

LIAISON_EXPORT liaison_status liaison_graph_stats(const liaison_graph* graph, liaison_stats** out,
                                                  char** err) {
  return Guard(err, [&]() -> absl::Status {
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_graph_stats", graph);
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_graph_stats", out);
    *out = new liaison_stats{liaison::ComputeStats(*graph->snapshot)};
    return absl::OkStatus();
  });
}

#define LIAISON_CAPI_STAT(type, name, field)                              \
  LIAISON_EXPORT type liaison_stats_##name(const liaison_stats* stats) {  \
    return stats != nullptr ? static_cast<type>(stats->s.field) : type{}; \
  }
LIAISON_CAPI_STAT(uint64_t, members, members)
LIAISON_CAPI_STAT(uint64_t, connections, connections)
LIAISON_CAPI_STAT(uint64_t, isolated_members, isolated_members)
LIAISON_CAPI_STAT(uint32_t, degree_min, degree_min)
LIAISON_CAPI_STAT(uint32_t, degree_median, degree_median)
LIAISON_CAPI_STAT(uint32_t, degree_p99, degree_p99)
LIAISON_CAPI_STAT(uint32_t, degree_max, degree_max)
LIAISON_CAPI_STAT(double, degree_mean, degree_mean)
LIAISON_CAPI_STAT(uint64_t, topology_bytes, topology_bytes)
LIAISON_CAPI_STAT(double, topology_bytes_per_adjacency, topology_bytes_per_adjacency)
LIAISON_CAPI_STAT(double, topology_bytes_per_member, topology_bytes_per_member)
LIAISON_CAPI_STAT(int, has_profiles, has_profiles)
#undef LIAISON_CAPI_STAT

LIAISON_EXPORT size_t liaison_stats_num_sections(const liaison_stats* stats) {
  return stats != nullptr ? stats->s.sections.size() : 0;
}

LIAISON_EXPORT const char* liaison_stats_section_name(const liaison_stats* stats, size_t i) {
  return stats != nullptr && i < stats->s.sections.size() ? stats->s.sections[i].name.c_str()
                                                          : nullptr;
}

LIAISON_EXPORT uint64_t liaison_stats_section_bytes(const liaison_stats* stats, size_t i) {
  return stats != nullptr && i < stats->s.sections.size() ? stats->s.sections[i].bytes : 0;
}

LIAISON_EXPORT liaison_status liaison_stats_rate(const liaison_stats* stats, const char* name,
                                                 double* out, char** err) {
  return Guard(err, [&]() -> absl::Status {
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_stats_rate", stats);
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_stats_rate", name);
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_stats_rate", out);
    const liaison::GraphStats& s = stats->s;
    const std::pair<std::string_view, double> rates[] = {
        {"in_members_file", s.rate_in_members_file},
        {"complete_profile", s.rate_complete_profile},
        {"no_profile", s.rate_no_profile},
        {"has_photo", s.rate_has_photo},
        {"has_phone", s.rate_has_phone},
        {"verified", s.rate_verified},
        {"hides_connections", s.rate_hides_connections},
        {"no_introductions", s.rate_no_introductions},
    };
    for (const auto& [rate_name, value] : rates) {
      if (rate_name == name) {
        *out = value;
        return absl::OkStatus();
      }
    }
    return absl::NotFoundError(absl::StrCat("liaison_stats_rate: no rate named \"", name, "\""));
  });
}

LIAISON_EXPORT void liaison_stats_destroy(liaison_stats* stats) { liaison::Destroy(stats); }

// ---- JSON ----

LIAISON_EXPORT liaison_status liaison_query_json(const liaison_graph* graph, const char* request,
                                                 size_t request_len, char** out_answer,
                                                 size_t* out_len, char** err) {
  return Guard(err, [&]() -> absl::Status {
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_query_json", graph);
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_query_json", request);
    LIAISON_RETURN_IF_ERROR(
        CheckArray("liaison_query_json", "request", request, request_len, sizeof(char)));
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_query_json", out_answer);
    const std::string answer =
        liaison::AnswerJson(*graph->snapshot, std::string_view(request, request_len));
    LIAISON_RETURN_IF_ERROR(liaison::MallocCopy(answer, out_answer));
    if (out_len != nullptr) *out_len = answer.size();
    return absl::OkStatus();
  });
}

LIAISON_EXPORT liaison_status liaison_query_json_lines(const liaison_graph* graph,
                                                       const liaison_options* options,
                                                       const char* input, size_t input_len,
                                                       char** out_answers, size_t* out_len,
                                                       char** err) {
  return Guard(err, [&]() -> absl::Status {
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_query_json_lines", graph);
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_query_json_lines", input);
    LIAISON_RETURN_IF_ERROR(
        CheckArray("liaison_query_json_lines", "input", input, input_len, sizeof(char)));
    LIAISON_CAPI_CHECK_NOT_NULL("liaison_query_json_lines", out_answers);
    const liaison_options& o = liaison::OrDefaults(options);
    liaison::MemoryBuf buffer(input, input_len);
    std::istream in(&buffer);
    std::ostringstream answers;
    liaison::BatchOptions batch_options;
    batch_options.threads = o.threads;
    liaison::BatchReport report;
    LIAISON_RETURN_IF_ERROR(
        liaison::RunJsonLines(*graph->snapshot, in, answers, batch_options, &report));
    const std::string text = std::move(answers).str();
    LIAISON_RETURN_IF_ERROR(liaison::MallocCopy(text, out_answers));
    if (out_len != nullptr) *out_len = text.size();
    return absl::OkStatus();
  });
}

}  // extern "C"
