/* liaison.h: the C API of Liaison, a graph engine for professional networks (DESIGN.md §6).
 *
 * Plain C99, for C programs and for other languages' foreign-function interfaces (Python ctypes or
 * cffi, Go cgo, Rust bindgen). It wraps the C++ API (the headers in include/liaison/) without
 * exposing any of its types; the library is libliaison.so, and only the `liaison_*` symbols below
 * are exported.
 *
 * Conventions (read these once; every declaration follows them)
 *
 *  - Handles are opaque. Every object has one way to make it (`liaison_graph_open`, a query, ...)
 *    and one `liaison_*_destroy` / `liaison_graph_close`; destroying NULL is a no-op.
 *  - Every fallible call returns a `liaison_status` and takes `char** err` as its last argument.
 *    `err` may be NULL (the message is dropped). Otherwise, on failure `*err` receives a new
 *    NUL-terminated message allocated with malloc, which the caller frees with `liaison_free`
 *    (any previous value of `*err` is overwritten, not freed); on success `*err` is not touched.
 *    The message names the value at fault ("member 42 is not in the graph").
 *  - Outputs go only through `out` parameters, which are written on success and left untouched on
 *    failure.
 *  - Every pointer argument is checked: NULL where an object is required, or a count too large to
 *    be the length of an array in memory, is LIAISON_INVALID_ARGUMENT, never a crash. (A non-NULL
 *    pointer to fewer elements than the count says cannot be detected: that is the caller's bug.)
 *  - Accessors of results (`liaison_*_result_*`) cannot fail: given NULL or an index out of range
 *    they return 0, -1 (for distances and degrees) or NULL, as documented on each.
 *  - Pointers and strings read from a result borrow from it: they stay valid until that result is
 *    destroyed, and must not be freed by the caller.
 *  - Member ids are the external ids the graph was built with (unsigned 64-bit), never the engine's
 *    internal indices. A member id that is not in the graph is LIAISON_NOT_FOUND.
 *  - Thread-safety: a `liaison_graph` is immutable once made; any number of threads may query one
 *    graph at the same time, without locking. A `liaison_options` may be shared by concurrent
 *    queries while nobody modifies it. Results belong to the caller: one thread at a time.
 *  - No C++ exception ever leaves the library: an exception inside becomes
 *    LIAISON_RESOURCE_EXHAUSTED (out of memory) or LIAISON_INTERNAL, with its message.
 *  - Budgets: every query (except mutual) obeys the options' budget (members visited, timeout).
 *    By default a query that exceeds it fails with LIAISON_RESOURCE_EXHAUSTED (too many members
 *    visited) or LIAISON_DEADLINE_EXCEEDED (the deadline had passed when the query stopped).
 *    With `liaison_options_set_allow_partial(options, 1)` it succeeds instead with a partial
 *    answer whose `*_truncated` accessor returns 1.
 *  - Header/library skew: compare `liaison_version()` with LIAISON_VERSION_NUMBER and
 *    `liaison_abi_version()` with LIAISON_ABI_VERSION. The ABI version (the library's SOVERSION)
 *    changes only when a declaration below changes incompatibly.
 */

#ifndef LIAISON_H_
#define LIAISON_H_

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#if defined(LIAISON_BUILDING_LIBRARY)
#define LIAISON_EXPORT __declspec(dllexport)
#else
#define LIAISON_EXPORT __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define LIAISON_EXPORT __attribute__((visibility("default")))
#else
#define LIAISON_EXPORT
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Versions ---- */

#define LIAISON_VERSION_MAJOR 0
#define LIAISON_VERSION_MINOR 1
#define LIAISON_VERSION_PATCH 0
#define LIAISON_VERSION_NUMBER \
  ((LIAISON_VERSION_MAJOR << 16) | (LIAISON_VERSION_MINOR << 8) | LIAISON_VERSION_PATCH)
#define LIAISON_ABI_VERSION 1

/* The library's version, (major << 16) | (minor << 8) | patch, as LIAISON_VERSION_NUMBER. */
LIAISON_EXPORT uint32_t liaison_version(void);
/* The library's ABI version, as LIAISON_ABI_VERSION. */
LIAISON_EXPORT uint32_t liaison_abi_version(void);
/* "major.minor.patch"; a static string. */
LIAISON_EXPORT const char* liaison_version_string(void);

/* ---- Status codes: the values of absl::StatusCode ---- */

typedef enum liaison_status {
  LIAISON_OK = 0,
  LIAISON_CANCELLED = 1,
  LIAISON_UNKNOWN = 2,
  LIAISON_INVALID_ARGUMENT = 3,    /* bad argument or option: NULL handle, depth 0, k 0, ... */
  LIAISON_DEADLINE_EXCEEDED = 4,   /* the query's timeout passed */
  LIAISON_NOT_FOUND = 5,           /* unknown member id, missing file */
  LIAISON_ALREADY_EXISTS = 6,
  LIAISON_PERMISSION_DENIED = 7,   /* a file that may not be read or written */
  LIAISON_RESOURCE_EXHAUSTED = 8,  /* out of memory, or the query visited more than max_visited */
  LIAISON_FAILED_PRECONDITION = 9, /* not a snapshot file, a newer snapshot format, a directory */
  LIAISON_ABORTED = 10,
  LIAISON_OUT_OF_RANGE = 11,
  LIAISON_UNIMPLEMENTED = 12,
  LIAISON_INTERNAL = 13,           /* a bug in the library (an invariant or an exception) */
  LIAISON_UNAVAILABLE = 14,
  LIAISON_DATA_LOSS = 15,          /* truncated or corrupted snapshot file */
  LIAISON_UNAUTHENTICATED = 16
} liaison_status;

/* The code's name in upper case ("NOT_FOUND"), or "UNKNOWN_STATUS" for a value outside the enum;
 * a static string. */
LIAISON_EXPORT const char* liaison_status_name(liaison_status status);

/* Frees a message stored in `*err` or a buffer returned by liaison_query_json*. NULL is a no-op. */
LIAISON_EXPORT void liaison_free(void* p);

/* ---- Graphs ---- */

typedef struct liaison_graph liaison_graph;

/* Flags of liaison_graph_open. */
#define LIAISON_OPEN_VERIFY 1u /* check every checksum and invariant first (reads the whole file) */
#define LIAISON_OPEN_IN_MEMORY 2u /* copy the file into memory on huge pages (faster queries) */

/* Opens the snapshot file (`.liaison`) at `path`, mapping it read-only. Without
 * LIAISON_OPEN_VERIFY only the header and section table are checked (microseconds whatever the
 * size); with it, every section's checksum and the graph's invariants too. With
 * LIAISON_OPEN_IN_MEMORY the graph is a private copy of the file on transparent huge pages
 * (SnapshotOpenOptions::in_memory): opening reads the whole file, queries run a few percent
 * faster.
 * Errors: NOT_FOUND (no file), FAILED_PRECONDITION (not a snapshot file, a newer format, a
 * directory), PERMISSION_DENIED, DATA_LOSS (truncated or corrupted), RESOURCE_EXHAUSTED (no
 * memory for LIAISON_OPEN_IN_MEMORY's copy), INVALID_ARGUMENT (unknown flag bits, NULL path or
 * out). Caller closes `*out` with liaison_graph_close. */
LIAISON_EXPORT liaison_status liaison_graph_open(const char* path, uint32_t flags,
                                                 liaison_graph** out, char** err);

/* Flags of liaison_graph_import. */
#define LIAISON_IMPORT_SKIP_BAD 1u /* count and skip malformed lines instead of failing */

/* Imports a connections text file (one "a b [strength [since]]" per line; tab, comma or space
 * separated; gzip read transparently; DESIGN.md §4) and, when `members_path` is not NULL, a
 * members file (TSV/CSV with a header). A malformed line fails with INVALID_ARGUMENT naming the
 * file and line (unless LIAISON_IMPORT_SKIP_BAD); a missing file is NOT_FOUND.
 * Caller closes `*out` with liaison_graph_close. */
LIAISON_EXPORT liaison_status liaison_graph_import(const char* connections_path,
                                                   const char* members_path, uint32_t flags,
                                                   liaison_graph** out, char** err);

/* Builds a graph in memory from `count` connections a[i]-b[i] (self-loops dropped, duplicates
 * merged). `strength` is NULL (every strength 1) or `count` values in [0, 1]. No members file:
 * nobody hides their connections. Errors: INVALID_ARGUMENT (NULL arrays with count > 0, a strength
 * outside [0, 1]), RESOURCE_EXHAUSTED (2^32-1 members or more). */
LIAISON_EXPORT liaison_status liaison_graph_build(const uint64_t* a, const uint64_t* b,
                                                  const float* strength, size_t count,
                                                  liaison_graph** out, char** err);

/* Writes the graph to a snapshot file at `path`, atomically (a temporary file renamed over
 * `path`). Errors: NOT_FOUND (no such directory), PERMISSION_DENIED, RESOURCE_EXHAUSTED (disk
 * full), INVALID_ARGUMENT. */
LIAISON_EXPORT liaison_status liaison_graph_save(const liaison_graph* graph, const char* path,
                                                 char** err);

/* Releases the graph and its file mapping. REQUIRES: no query on this graph is running. Results
 * already returned stay valid (they hold their own copies). NULL is a no-op. */
LIAISON_EXPORT void liaison_graph_close(liaison_graph* graph);

/* Number of members (0 for NULL). */
LIAISON_EXPORT uint64_t liaison_graph_num_members(const liaison_graph* graph);
/* Number of distinct undirected connections (0 for NULL). */
LIAISON_EXPORT uint64_t liaison_graph_num_connections(const liaison_graph* graph);
/* 1 when `member` is in the graph, else 0 (also for NULL). */
LIAISON_EXPORT int liaison_graph_contains(const liaison_graph* graph, uint64_t member);
/* The id of the member at position `index` (0..num_members-1) in ascending id order.
 * Errors: OUT_OF_RANGE for an index past the end, INVALID_ARGUMENT. */
LIAISON_EXPORT liaison_status liaison_graph_member_at(const liaison_graph* graph, uint64_t index,
                                                      uint64_t* out, char** err);

/* ---- Query options ---- */

typedef struct liaison_options liaison_options;

/* A new options object holding the defaults (DESIGN.md §5): degree max_depth 3; reach depth 3, no
 * listing, limit 1000, no filter; paths k 5, max_hops 3, shortest paths only, nothing avoided;
 * suggest k 10, score "common", no hub cap; budget 50,000,000 members visited, no timeout; not
 * partial; batch threads 0 (all hardware threads). Every query accepts NULL options, meaning
 * these defaults. Returns NULL only when out of memory. Destroy with liaison_options_destroy. */
LIAISON_EXPORT liaison_options* liaison_options_create(void);
LIAISON_EXPORT void liaison_options_destroy(liaison_options* options);

/* The setters store a value; they fail (INVALID_ARGUMENT) only for a NULL options object, a value
 * that C cannot reject by its type (a negative depth, an unknown score or column name, a NULL
 * array) or one that cannot be stored. Ranges (depth 1..6, k 1..10000, ...) are checked by the
 * query that uses the value, which then fails with INVALID_ARGUMENT naming it. */

/* Degree: the largest degree reported (1..6); farther members answer -1. */
LIAISON_EXPORT liaison_status liaison_options_set_max_depth(liaison_options* options,
                                                            int max_depth, char** err);
/* Paths and suggest: how many paths / suggestions (1..10000). */
LIAISON_EXPORT liaison_status liaison_options_set_k(liaison_options* options, size_t k,
                                                    char** err);
/* Suggest: "common", "jaccard", "adamic-adar" or "resource-allocation". */
LIAISON_EXPORT liaison_status liaison_options_set_score(liaison_options* options,
                                                        const char* score, char** err);
/* Suggest: intermediaries with more visible connections than this are skipped (0: no cap). */
LIAISON_EXPORT liaison_status liaison_options_set_hub_cap(liaison_options* options,
                                                          uint32_t hub_cap, char** err);
/* Paths: the longest path considered (1..6). */
LIAISON_EXPORT liaison_status liaison_options_set_max_hops(liaison_options* options,
                                                           int max_hops, char** err);
/* Paths: 0 (default) for shortest paths only; 1 to rank every simple path of at most max_hops
 * hops (hops and count still describe the shortest paths). */
LIAISON_EXPORT liaison_status liaison_options_set_include_longer(liaison_options* options,
                                                                 int include_longer, char** err);
/* Paths: members that must not be intermediaries (copied; replaces any previous list; count 0
 * clears it). An id not in the graph makes the paths query fail with NOT_FOUND. */
LIAISON_EXPORT liaison_status liaison_options_set_avoid(liaison_options* options,
                                                        const uint64_t* members, size_t count,
                                                        char** err);
/* Reach: the farthest distance counted (1..16). */
LIAISON_EXPORT liaison_status liaison_options_set_depth(liaison_options* options, int depth,
                                                        char** err);
/* Reach: 1 to list the members reached (by distance, then id), 0 (default) for counts only. */
LIAISON_EXPORT liaison_status liaison_options_set_list(liaison_options* options, int list,
                                                       char** err);
/* Reach: at most this many members listed. */
LIAISON_EXPORT liaison_status liaison_options_set_limit(liaison_options* options, size_t limit,
                                                        char** err);
/* Reach: count and list only members whose `column` ("name", "headline", "company", "industry",
 * "location" or "school") equals `value` exactly; filters added add up (all must hold). */
LIAISON_EXPORT liaison_status liaison_options_add_where(liaison_options* options,
                                                        const char* column, const char* value,
                                                        char** err);
/* Reach: removes every filter. */
LIAISON_EXPORT liaison_status liaison_options_clear_where(liaison_options* options, char** err);
/* Budget: the most members whose connections a query may read (0 is allowed: any query that
 * must read a list then runs out). */
LIAISON_EXPORT liaison_status liaison_options_set_max_visited(liaison_options* options,
                                                              uint64_t max_visited, char** err);
/* Budget: a timeout in milliseconds, measured from the start of each query; 0 means the deadline
 * is already past when the query starts; a negative value removes the timeout (the default). */
LIAISON_EXPORT liaison_status liaison_options_set_timeout_ms(liaison_options* options,
                                                             int64_t timeout_ms, char** err);
/* Budget: 1 to get partial answers (with `*_truncated` = 1) instead of
 * RESOURCE_EXHAUSTED / DEADLINE_EXCEEDED; 0 (default) to fail. */
LIAISON_EXPORT liaison_status liaison_options_set_allow_partial(liaison_options* options,
                                                                int allow_partial, char** err);
/* Batch (liaison_query_json_lines): threads answering requests; 0 = all hardware threads,
 * 1 = the calling thread only. */
LIAISON_EXPORT liaison_status liaison_options_set_threads(liaison_options* options, int threads,
                                                          char** err);

/* ---- Degree of connection ---- */

typedef struct liaison_degree_result liaison_degree_result;

/* The degree of connection from `from` (the viewer) to `to`: the length of a shortest chain of
 * connections `from` may see, 0 when from == to. Options used: max_depth, budget.
 * Caller destroys `*out` with liaison_degree_result_destroy. */
LIAISON_EXPORT liaison_status liaison_degree(const liaison_graph* graph,
                                             const liaison_options* options, uint64_t from,
                                             uint64_t to, liaison_degree_result** out,
                                             char** err);
/* The degree, or -1 when farther than max_depth, unreachable, or truncated (or NULL). */
LIAISON_EXPORT int liaison_degree_result_degree(const liaison_degree_result* result);
/* Mutual connections the viewer may see, when the degree is 1 or 2 (else 0). */
LIAISON_EXPORT uint32_t liaison_degree_result_mutual(const liaison_degree_result* result);
/* 1 when the budget ran out (only with allow_partial), else 0. */
LIAISON_EXPORT int liaison_degree_result_truncated(const liaison_degree_result* result);
LIAISON_EXPORT void liaison_degree_result_destroy(liaison_degree_result* result);

typedef struct liaison_degree_results liaison_degree_results;

/* Degrees from one viewer to `count` targets (count 0 is fine), answered together. Any unknown id
 * fails the whole call with NOT_FOUND. Caller destroys `*out` with
 * liaison_degree_results_destroy. */
LIAISON_EXPORT liaison_status liaison_degree_many(const liaison_graph* graph,
                                                  const liaison_options* options, uint64_t from,
                                                  const uint64_t* to, size_t count,
                                                  liaison_degree_results** out, char** err);
/* Number of answers (the `count` given). */
LIAISON_EXPORT size_t liaison_degree_results_count(const liaison_degree_results* results);
/* The i-th target's id (0 when out of range). */
LIAISON_EXPORT uint64_t liaison_degree_results_to(const liaison_degree_results* results, size_t i);
/* The i-th target's degree, -1 as for liaison_degree_result_degree (and when out of range). */
LIAISON_EXPORT int liaison_degree_results_degree(const liaison_degree_results* results, size_t i);
LIAISON_EXPORT uint32_t liaison_degree_results_mutual(const liaison_degree_results* results,
                                                      size_t i);
LIAISON_EXPORT int liaison_degree_results_truncated(const liaison_degree_results* results,
                                                    size_t i);
LIAISON_EXPORT void liaison_degree_results_destroy(liaison_degree_results* results);

/* ---- Reach ---- */

typedef struct liaison_reach_result liaison_reach_result;

/* The members within `depth` of `from` (the viewer), counted per distance, optionally listed and
 * filtered. Options used: depth, list, limit, where filters, budget.
 * Caller destroys `*out` with liaison_reach_result_destroy. */
LIAISON_EXPORT liaison_status liaison_reach(const liaison_graph* graph,
                                            const liaison_options* options, uint64_t from,
                                            liaison_reach_result** out, char** err);
/* Number of levels (the depth, or fewer when truncated). */
LIAISON_EXPORT size_t liaison_reach_result_num_levels(const liaison_reach_result* result);
/* The counts per level (levels[i]: members at distance i + 1); borrowed; NULL when no level. */
LIAISON_EXPORT const uint64_t* liaison_reach_result_levels(const liaison_reach_result* result);
/* Sum of the levels. */
LIAISON_EXPORT uint64_t liaison_reach_result_total(const liaison_reach_result* result);
/* Number of members listed (0 without the list option). */
LIAISON_EXPORT size_t liaison_reach_result_num_listed(const liaison_reach_result* result);
/* Ids of the members listed, by distance then id; borrowed; NULL when none. */
LIAISON_EXPORT const uint64_t* liaison_reach_result_listed(const liaison_reach_result* result);
/* Their distances, parallel to liaison_reach_result_listed; borrowed; NULL when none. */
LIAISON_EXPORT const int32_t* liaison_reach_result_listed_distances(
    const liaison_reach_result* result);
LIAISON_EXPORT int liaison_reach_result_truncated(const liaison_reach_result* result);
LIAISON_EXPORT void liaison_reach_result_destroy(liaison_reach_result* result);

/* ---- Introduction paths ---- */

typedef struct liaison_paths_result liaison_paths_result;

/* The warmest introduction paths from `from` (the viewer) to `to`. Options used: k, max_hops,
 * include_longer, avoid, budget. Caller destroys `*out` with liaison_paths_result_destroy. */
LIAISON_EXPORT liaison_status liaison_paths(const liaison_graph* graph,
                                            const liaison_options* options, uint64_t from,
                                            uint64_t to, liaison_paths_result** out, char** err);
/* Shortest distance, or -1 when there is no path within max_hops (0 when from == to). */
LIAISON_EXPORT int liaison_paths_result_hops(const liaison_paths_result* result);
/* Exact number of shortest paths (saturates at UINT64_MAX; 0 when none). */
LIAISON_EXPORT uint64_t liaison_paths_result_count(const liaison_paths_result* result);
/* Number of paths returned (at most k), best first. */
LIAISON_EXPORT size_t liaison_paths_result_num_paths(const liaison_paths_result* result);
/* Members of path i (from, intermediaries..., to): returns how many, and when `out_members` is
 * not NULL stores a borrowed pointer to their ids (NULL and 0 when i is out of range). */
LIAISON_EXPORT size_t liaison_paths_result_path(const liaison_paths_result* result, size_t i,
                                                const uint64_t** out_members);
/* Warmth of path i: the product over its hops of a factor in (0, 1] that grows with strength and
 * recency (0 when out of range). */
LIAISON_EXPORT double liaison_paths_result_warmth(const liaison_paths_result* result, size_t i);
/* Strength of hop j (members j and j + 1) of path i, in [0, 1] (0 when out of range). */
LIAISON_EXPORT float liaison_paths_result_hop_strength(const liaison_paths_result* result,
                                                       size_t i, size_t j);
/* Date the connection of hop j of path i was made, "YYYY-MM-DD", or NULL when unknown (or out of
 * range); borrowed. */
LIAISON_EXPORT const char* liaison_paths_result_hop_since(const liaison_paths_result* result,
                                                          size_t i, size_t j);
LIAISON_EXPORT int liaison_paths_result_truncated(const liaison_paths_result* result);
LIAISON_EXPORT void liaison_paths_result_destroy(liaison_paths_result* result);

/* ---- Mutual connections ---- */

typedef struct liaison_mutual_result liaison_mutual_result;

/* The connections `a` (the viewer) and `b` have in common, as `a` may see them. No budget: the
 * work is bounded by the two lists. Caller destroys `*out` with liaison_mutual_result_destroy. */
LIAISON_EXPORT liaison_status liaison_mutual(const liaison_graph* graph, uint64_t a, uint64_t b,
                                             liaison_mutual_result** out, char** err);
LIAISON_EXPORT size_t liaison_mutual_result_count(const liaison_mutual_result* result);
/* Their ids, ascending; borrowed; NULL when none. */
LIAISON_EXPORT const uint64_t* liaison_mutual_result_members(const liaison_mutual_result* result);
LIAISON_EXPORT void liaison_mutual_result_destroy(liaison_mutual_result* result);

/* ---- People you may know ---- */

typedef struct liaison_suggest_result liaison_suggest_result;

/* Members `member` is not connected to, ranked by the score over their mutual connections (ties by
 * smaller id). Options used: k, score, hub_cap, budget.
 * Caller destroys `*out` with liaison_suggest_result_destroy. */
LIAISON_EXPORT liaison_status liaison_suggest(const liaison_graph* graph,
                                              const liaison_options* options, uint64_t member,
                                              liaison_suggest_result** out, char** err);
LIAISON_EXPORT size_t liaison_suggest_result_count(const liaison_suggest_result* result);
/* The i-th suggestion (best first): its id (0 when out of range), mutual count and score. */
LIAISON_EXPORT uint64_t liaison_suggest_result_member(const liaison_suggest_result* result,
                                                      size_t i);
LIAISON_EXPORT uint32_t liaison_suggest_result_mutual(const liaison_suggest_result* result,
                                                      size_t i);
LIAISON_EXPORT double liaison_suggest_result_score(const liaison_suggest_result* result, size_t i);
/* Up to 3 mutual connections explaining suggestion i, ascending: returns how many and, when
 * `out_members` is not NULL, stores a borrowed pointer to their ids. */
LIAISON_EXPORT size_t liaison_suggest_result_reasons(const liaison_suggest_result* result, size_t i,
                                                     const uint64_t** out_members);
LIAISON_EXPORT int liaison_suggest_result_truncated(const liaison_suggest_result* result);
LIAISON_EXPORT void liaison_suggest_result_destroy(liaison_suggest_result* result);

/* ---- Statistics ---- */

typedef struct liaison_stats liaison_stats;

/* Sizes, degree distribution, memory per section and profile rates of the graph; O(n + m).
 * Caller destroys `*out` with liaison_stats_destroy. */
LIAISON_EXPORT liaison_status liaison_graph_stats(const liaison_graph* graph, liaison_stats** out,
                                                  char** err);
LIAISON_EXPORT uint64_t liaison_stats_members(const liaison_stats* stats);
LIAISON_EXPORT uint64_t liaison_stats_connections(const liaison_stats* stats);
LIAISON_EXPORT uint64_t liaison_stats_isolated_members(const liaison_stats* stats);
LIAISON_EXPORT uint32_t liaison_stats_degree_min(const liaison_stats* stats);
LIAISON_EXPORT uint32_t liaison_stats_degree_median(const liaison_stats* stats);
LIAISON_EXPORT uint32_t liaison_stats_degree_p99(const liaison_stats* stats);
LIAISON_EXPORT uint32_t liaison_stats_degree_max(const liaison_stats* stats);
LIAISON_EXPORT double liaison_stats_degree_mean(const liaison_stats* stats);
/* Bytes of the topology arrays (offsets, neighbours, ids, id index, flags), and per unit. */
LIAISON_EXPORT uint64_t liaison_stats_topology_bytes(const liaison_stats* stats);
LIAISON_EXPORT double liaison_stats_topology_bytes_per_adjacency(const liaison_stats* stats);
LIAISON_EXPORT double liaison_stats_topology_bytes_per_member(const liaison_stats* stats);
/* Memory per section: name ("offsets", "neighbors", ...; borrowed) and bytes of section i. */
LIAISON_EXPORT size_t liaison_stats_num_sections(const liaison_stats* stats);
LIAISON_EXPORT const char* liaison_stats_section_name(const liaison_stats* stats, size_t i);
LIAISON_EXPORT uint64_t liaison_stats_section_bytes(const liaison_stats* stats, size_t i);
/* 1 when the graph has a members file (the rates below are then meaningful), else 0. */
LIAISON_EXPORT int liaison_stats_has_profiles(const liaison_stats* stats);
/* A profile rate in [0, 1] by name: "in_members_file", "complete_profile", "no_profile",
 * "has_photo", "has_phone", "verified", "hides_connections", "no_introductions".
 * Errors: NOT_FOUND for another name, INVALID_ARGUMENT. */
LIAISON_EXPORT liaison_status liaison_stats_rate(const liaison_stats* stats, const char* name,
                                                 double* out, char** err);
LIAISON_EXPORT void liaison_stats_destroy(liaison_stats* stats);

/* ---- JSON requests (DESIGN.md §5) ---- */

/* Answers one JSON request (`request_len` bytes, e.g. {"op":"degree","from":1,"to":2}) with one
 * JSON object, NUL-terminated, without a newline, in `*out_answer` (malloc'd; free it with
 * liaison_free); its length in `*out_len` when `out_len` is not NULL. A bad request or an unknown
 * member is answered with {"error":{...}} and still returns LIAISON_OK: the call fails only for
 * bad arguments (INVALID_ARGUMENT) or out of memory. */
LIAISON_EXPORT liaison_status liaison_query_json(const liaison_graph* graph, const char* request,
                                                 size_t request_len, char** out_answer,
                                                 size_t* out_len, char** err);

/* Answers JSON lines: `input_len` bytes of requests, one per line (blank lines skipped), with one
 * answer line per request, in input order, in `*out_answers` (malloc'd, NUL-terminated; free it
 * with liaison_free); its length in `*out_len` when not NULL. Options used: threads. Bad lines are
 * answered with {"error":{...}} and the batch goes on. */
LIAISON_EXPORT liaison_status liaison_query_json_lines(const liaison_graph* graph,
                                                       const liaison_options* options,
                                                       const char* input, size_t input_len,
                                                       char** out_answers, size_t* out_len,
                                                       char** err);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* LIAISON_H_ */
