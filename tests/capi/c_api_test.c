/* Tests of the C API (include/liaison.h), compiled as strict C11: proves the header is plain C and
 * calls every function, including every error path.
 *
 * Usage: c_api_test DATA_DIR [DATASETS_DIR], where DATA_DIR was written by capi_oracle
 * (tests/capi/capi_oracle.cc) and DATASETS_DIR holds the real networks (LIAISON_DATASETS_DIR):
 *   - expected.txt holds queries on graph.liaison with the C++ API's answers: every record is run
 *     through the C API and must give the same status and the same answer, field by field (floats
 *     compared exactly: the oracle prints them with enough digits to read back the same value);
 *   - intro.liaison is the hand-drawn fixture datasets/fixtures/intro_network, whose README states
 *     answers worked out by hand (checked here independently of the C++ API);
 *   - corrupt and truncated copies of graph.liaison are made here, to check the file errors;
 *   - two real networks are imported and must have the counts their README states.
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "liaison.h"


static int g_checks = 0;
static int g_failures = 0;
static const char* g_data_dir = NULL;

#define CHECK(cond)                                                            \
  do {                                                                         \
    ++g_checks;                                                                \
    if (!(cond)) {                                                             \
      ++g_failures;                                                            \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                          \
  } while (0)

/* Checks that a call returned `want`; on a failure code also that a message came back, that it is
 * not empty, and that it contains `needle` (when not NULL). Frees the message. */
static void expect_status_at(const char* file, int line, liaison_status got, liaison_status want,
                             char* err, const char* needle) {
  ++g_checks;
  if (got != want) {
    ++g_failures;
    fprintf(stderr, "%s:%d: status %s, want %s (message: %s)\n", file, line,
            liaison_status_name(got), liaison_status_name(want), err ? err : "(none)");
  } else if (want != LIAISON_OK) {
    if (err == NULL || err[0] == '\0') {
      ++g_failures;
      fprintf(stderr, "%s:%d: %s without a message\n", file, line, liaison_status_name(got));
    } else if (needle != NULL && strstr(err, needle) == NULL) {
      ++g_failures;
      fprintf(stderr, "%s:%d: message \"%s\" does not contain \"%s\"\n", file, line, err, needle);
    }
  } else if (err != NULL) {
    ++g_failures;
    fprintf(stderr, "%s:%d: OK but a message was set: %s\n", file, line, err);
  }
  liaison_free(err);
}
#define EXPECT_STATUS(call, want, needle)                            \
  do {                                                               \
    char* err_ = NULL;                                               \
    liaison_status st_ = (call);                                     \
    expect_status_at(__FILE__, __LINE__, st_, (want), err_, needle); \
  } while (0)
/* The calls below use `&err_` as their last argument inside EXPECT_STATUS. */
#define ERR (&err_)

static char* data_path(const char* name) {
  size_t size = strlen(g_data_dir) + strlen(name) + 2;
  char* path = malloc(size);
  if (path == NULL) abort();
  snprintf(path, size, "%s/%s", g_data_dir, name);
  return path;
}

static liaison_graph* open_graph(const char* name) {
  char* path = data_path(name);
  liaison_graph* g = NULL;
  char* err = NULL;
  liaison_status st = liaison_graph_open(path, 0, &g, &err);
  if (st != LIAISON_OK) {
    fprintf(stderr, "cannot open %s: %s\n", path, err ? err : "?");
    exit(1);
  }
  free(path);
  return g;
}

static liaison_options* new_options(void) {
  liaison_options* o = liaison_options_create();
  if (o == NULL) abort();
  return o;
}

/* ---- Versions, names, NULL accessors ---- */

static void test_versions(void) {
  char expected[32];
  CHECK(liaison_version() == LIAISON_VERSION_NUMBER);
  CHECK(liaison_abi_version() == LIAISON_ABI_VERSION);
  snprintf(expected, sizeof expected, "%d.%d.%d", LIAISON_VERSION_MAJOR, LIAISON_VERSION_MINOR,
           LIAISON_VERSION_PATCH);
  CHECK(strcmp(liaison_version_string(), expected) == 0);
  CHECK(strcmp(liaison_status_name(LIAISON_OK), "OK") == 0);
  CHECK(strcmp(liaison_status_name(LIAISON_NOT_FOUND), "NOT_FOUND") == 0);
  CHECK(strcmp(liaison_status_name(LIAISON_DATA_LOSS), "DATA_LOSS") == 0);
  CHECK(strcmp(liaison_status_name(LIAISON_UNAUTHENTICATED), "UNAUTHENTICATED") == 0);
  CHECK(strcmp(liaison_status_name((liaison_status)99), "UNKNOWN_STATUS") == 0);
  /* The values are absl::StatusCode's. */
  CHECK(LIAISON_INVALID_ARGUMENT == 3 && LIAISON_DEADLINE_EXCEEDED == 4 && LIAISON_NOT_FOUND == 5);
  CHECK(LIAISON_RESOURCE_EXHAUSTED == 8 && LIAISON_INTERNAL == 13 && LIAISON_DATA_LOSS == 15);
  liaison_free(NULL);
}

static void test_null_accessors_and_destroys(void) {
  const uint64_t* ids = (const uint64_t*)&ids;
  CHECK(liaison_graph_num_members(NULL) == 0);
  CHECK(liaison_graph_num_connections(NULL) == 0);
  CHECK(liaison_graph_contains(NULL, 1) == 0);
  CHECK(liaison_degree_result_degree(NULL) == -1);
  CHECK(liaison_degree_result_mutual(NULL) == 0);
  CHECK(liaison_degree_result_truncated(NULL) == 0);
  CHECK(liaison_degree_results_count(NULL) == 0);
  CHECK(liaison_degree_results_to(NULL, 0) == 0);
  CHECK(liaison_degree_results_degree(NULL, 0) == -1);
  CHECK(liaison_degree_results_mutual(NULL, 0) == 0);
  CHECK(liaison_degree_results_truncated(NULL, 0) == 0);
  CHECK(liaison_reach_result_num_levels(NULL) == 0);
  CHECK(liaison_reach_result_levels(NULL) == NULL);
  CHECK(liaison_reach_result_total(NULL) == 0);
  CHECK(liaison_reach_result_num_listed(NULL) == 0);
  CHECK(liaison_reach_result_listed(NULL) == NULL);
  CHECK(liaison_reach_result_listed_distances(NULL) == NULL);
  CHECK(liaison_reach_result_truncated(NULL) == 0);
  CHECK(liaison_paths_result_hops(NULL) == -1);
  CHECK(liaison_paths_result_count(NULL) == 0);
  CHECK(liaison_paths_result_num_paths(NULL) == 0);
  CHECK(liaison_paths_result_path(NULL, 0, &ids) == 0 && ids == NULL);
  CHECK(liaison_paths_result_path(NULL, 0, NULL) == 0);
  CHECK(liaison_paths_result_warmth(NULL, 0) == 0.0);
  CHECK(liaison_paths_result_hop_strength(NULL, 0, 0) == 0.0f);
  CHECK(liaison_paths_result_hop_since(NULL, 0, 0) == NULL);
  CHECK(liaison_paths_result_truncated(NULL) == 0);
  CHECK(liaison_mutual_result_count(NULL) == 0);
  CHECK(liaison_mutual_result_members(NULL) == NULL);
  CHECK(liaison_suggest_result_count(NULL) == 0);
  CHECK(liaison_suggest_result_member(NULL, 0) == 0);
  CHECK(liaison_suggest_result_mutual(NULL, 0) == 0);
  CHECK(liaison_suggest_result_score(NULL, 0) == 0.0);
  ids = (const uint64_t*)&ids;
  CHECK(liaison_suggest_result_reasons(NULL, 0, &ids) == 0 && ids == NULL);
  CHECK(liaison_suggest_result_truncated(NULL) == 0);
  CHECK(liaison_stats_members(NULL) == 0);
  CHECK(liaison_stats_connections(NULL) == 0);
  CHECK(liaison_stats_isolated_members(NULL) == 0);
  CHECK(liaison_stats_degree_min(NULL) == 0);
  CHECK(liaison_stats_degree_median(NULL) == 0);
  CHECK(liaison_stats_degree_p99(NULL) == 0);
  CHECK(liaison_stats_degree_max(NULL) == 0);
  CHECK(liaison_stats_degree_mean(NULL) == 0.0);
  CHECK(liaison_stats_topology_bytes(NULL) == 0);
  CHECK(liaison_stats_topology_bytes_per_adjacency(NULL) == 0.0);
  CHECK(liaison_stats_topology_bytes_per_member(NULL) == 0.0);
  CHECK(liaison_stats_num_sections(NULL) == 0);
  CHECK(liaison_stats_section_name(NULL, 0) == NULL);
  CHECK(liaison_stats_section_bytes(NULL, 0) == 0);
  CHECK(liaison_stats_has_profiles(NULL) == 0);
  /* Destroying NULL is a no-op. */
  liaison_graph_close(NULL);
  liaison_options_destroy(NULL);
  liaison_degree_result_destroy(NULL);
  liaison_degree_results_destroy(NULL);
  liaison_reach_result_destroy(NULL);
  liaison_paths_result_destroy(NULL);
  liaison_mutual_result_destroy(NULL);
  liaison_suggest_result_destroy(NULL);
  liaison_stats_destroy(NULL);
}

/* ---- Every fallible call with NULL pointers, and out-parameters untouched on failure ---- */

static void test_null_arguments(const liaison_graph* g) {
  /* A recognisable non-NULL value: must still be there after each failed call. */
  static int marker;
  void* const sentinel = &marker;
  liaison_graph* graph_out = sentinel;
  liaison_degree_result* degree_out = sentinel;
  liaison_degree_results* many_out = sentinel;
  liaison_reach_result* reach_out = sentinel;
  liaison_paths_result* paths_out = sentinel;
  liaison_mutual_result* mutual_out = sentinel;
  liaison_suggest_result* suggest_out = sentinel;
  liaison_stats* stats_out = sentinel;
  char* text_out = sentinel;
  size_t len_out = 12345;
  uint64_t id_out = 777;
  double rate_out = 0.5;
  uint64_t a = 0, b = 0, one = 0;
  char* path = data_path("graph.liaison");
  liaison_options* o = new_options();

  CHECK(liaison_graph_member_at(g, 0, &one, NULL) == LIAISON_OK);
  CHECK(liaison_graph_member_at(g, 1, &a, NULL) == LIAISON_OK);
  b = a;

  EXPECT_STATUS(liaison_graph_open(NULL, 0, &graph_out, ERR), LIAISON_INVALID_ARGUMENT, "path");
  EXPECT_STATUS(liaison_graph_open(path, 0, NULL, ERR), LIAISON_INVALID_ARGUMENT, "out");
  EXPECT_STATUS(liaison_graph_import(NULL, NULL, 0, &graph_out, ERR), LIAISON_INVALID_ARGUMENT,
                "connections_path");
  EXPECT_STATUS(liaison_graph_import(path, NULL, 0, NULL, ERR), LIAISON_INVALID_ARGUMENT, "out");
  EXPECT_STATUS(liaison_graph_build(NULL, &b, NULL, 1, &graph_out, ERR), LIAISON_INVALID_ARGUMENT,
                "a is NULL");
  EXPECT_STATUS(liaison_graph_build(&a, NULL, NULL, 1, &graph_out, ERR), LIAISON_INVALID_ARGUMENT,
                "b is NULL");
  EXPECT_STATUS(liaison_graph_build(&a, &b, NULL, 1, NULL, ERR), LIAISON_INVALID_ARGUMENT, "out");
  /* A count that cannot be the length of an array in memory. */
  EXPECT_STATUS(liaison_graph_build(&a, &b, NULL, SIZE_MAX / 2, &graph_out, ERR),
                LIAISON_INVALID_ARGUMENT, "too large");
  EXPECT_STATUS(liaison_graph_save(NULL, path, ERR), LIAISON_INVALID_ARGUMENT, "graph");
  EXPECT_STATUS(liaison_graph_save(g, NULL, ERR), LIAISON_INVALID_ARGUMENT, "path");
  EXPECT_STATUS(liaison_graph_member_at(NULL, 0, &id_out, ERR), LIAISON_INVALID_ARGUMENT, "graph");
  EXPECT_STATUS(liaison_graph_member_at(g, 0, NULL, ERR), LIAISON_INVALID_ARGUMENT, "out");
  CHECK(graph_out == sentinel);
  CHECK(id_out == 777);

  EXPECT_STATUS(liaison_degree(NULL, o, a, b, &degree_out, ERR), LIAISON_INVALID_ARGUMENT, "graph");
  EXPECT_STATUS(liaison_degree(g, o, a, b, NULL, ERR), LIAISON_INVALID_ARGUMENT, "out");
  EXPECT_STATUS(liaison_degree_many(NULL, o, a, &b, 1, &many_out, ERR), LIAISON_INVALID_ARGUMENT,
                "graph");
  EXPECT_STATUS(liaison_degree_many(g, o, a, NULL, 1, &many_out, ERR), LIAISON_INVALID_ARGUMENT,
                "to is NULL");
  EXPECT_STATUS(liaison_degree_many(g, o, a, &b, SIZE_MAX, &many_out, ERR),
                LIAISON_INVALID_ARGUMENT, "too large");
  EXPECT_STATUS(liaison_degree_many(g, o, a, &b, 1, NULL, ERR), LIAISON_INVALID_ARGUMENT, "out");
  EXPECT_STATUS(liaison_reach(NULL, o, a, &reach_out, ERR), LIAISON_INVALID_ARGUMENT, "graph");
  EXPECT_STATUS(liaison_reach(g, o, a, NULL, ERR), LIAISON_INVALID_ARGUMENT, "out");
  EXPECT_STATUS(liaison_paths(NULL, o, a, b, &paths_out, ERR), LIAISON_INVALID_ARGUMENT, "graph");
  EXPECT_STATUS(liaison_paths(g, o, a, b, NULL, ERR), LIAISON_INVALID_ARGUMENT, "out");
  EXPECT_STATUS(liaison_mutual(NULL, a, b, &mutual_out, ERR), LIAISON_INVALID_ARGUMENT, "graph");
  EXPECT_STATUS(liaison_mutual(g, a, b, NULL, ERR), LIAISON_INVALID_ARGUMENT, "out");
  EXPECT_STATUS(liaison_suggest(NULL, o, a, &suggest_out, ERR), LIAISON_INVALID_ARGUMENT, "graph");
  EXPECT_STATUS(liaison_suggest(g, o, a, NULL, ERR), LIAISON_INVALID_ARGUMENT, "out");
  EXPECT_STATUS(liaison_graph_stats(NULL, &stats_out, ERR), LIAISON_INVALID_ARGUMENT, "graph");
  EXPECT_STATUS(liaison_graph_stats(g, NULL, ERR), LIAISON_INVALID_ARGUMENT, "out");
  EXPECT_STATUS(liaison_stats_rate(NULL, "verified", &rate_out, ERR), LIAISON_INVALID_ARGUMENT,
                "stats");
  EXPECT_STATUS(liaison_query_json(NULL, "{}", 2, &text_out, &len_out, ERR),
                LIAISON_INVALID_ARGUMENT, "graph");
  EXPECT_STATUS(liaison_query_json(g, NULL, 2, &text_out, &len_out, ERR), LIAISON_INVALID_ARGUMENT,
                "request");
  EXPECT_STATUS(liaison_query_json(g, "{}", SIZE_MAX, &text_out, &len_out, ERR),
                LIAISON_INVALID_ARGUMENT, "too large");
  EXPECT_STATUS(liaison_query_json(g, "{}", 2, NULL, &len_out, ERR), LIAISON_INVALID_ARGUMENT,
                "out_answer");
  EXPECT_STATUS(liaison_query_json_lines(NULL, o, "{}", 2, &text_out, &len_out, ERR),
                LIAISON_INVALID_ARGUMENT, "graph");
  EXPECT_STATUS(liaison_query_json_lines(g, o, NULL, 2, &text_out, &len_out, ERR),
                LIAISON_INVALID_ARGUMENT, "input");
  EXPECT_STATUS(liaison_query_json_lines(g, o, "{}", SIZE_MAX - 1, &text_out, &len_out, ERR),
                LIAISON_INVALID_ARGUMENT, "too large");
  EXPECT_STATUS(liaison_query_json_lines(g, o, "{}", 2, NULL, &len_out, ERR),
                LIAISON_INVALID_ARGUMENT, "out_answers");
  CHECK(degree_out == sentinel && many_out == sentinel && reach_out == sentinel);
  CHECK(paths_out == sentinel && mutual_out == sentinel && suggest_out == sentinel);
  CHECK(stats_out == sentinel && text_out == sentinel && len_out == 12345 && rate_out == 0.5);

  /* Options setters with a NULL options object or NULL values. */
  EXPECT_STATUS(liaison_options_set_max_depth(NULL, 3, ERR), LIAISON_INVALID_ARGUMENT, "options");
  EXPECT_STATUS(liaison_options_set_k(NULL, 3, ERR), LIAISON_INVALID_ARGUMENT, "options");
  EXPECT_STATUS(liaison_options_set_score(NULL, "common", ERR), LIAISON_INVALID_ARGUMENT,
                "options");
  EXPECT_STATUS(liaison_options_set_score(o, NULL, ERR), LIAISON_INVALID_ARGUMENT, "score");
  EXPECT_STATUS(liaison_options_set_hub_cap(NULL, 3, ERR), LIAISON_INVALID_ARGUMENT, "options");
  EXPECT_STATUS(liaison_options_set_max_hops(NULL, 3, ERR), LIAISON_INVALID_ARGUMENT, "options");
  EXPECT_STATUS(liaison_options_set_include_longer(NULL, 1, ERR), LIAISON_INVALID_ARGUMENT,
                "options");
  EXPECT_STATUS(liaison_options_set_avoid(NULL, &a, 1, ERR), LIAISON_INVALID_ARGUMENT, "options");
  EXPECT_STATUS(liaison_options_set_avoid(o, NULL, 1, ERR), LIAISON_INVALID_ARGUMENT, "members");
  EXPECT_STATUS(liaison_options_set_avoid(o, &a, SIZE_MAX / 4, ERR), LIAISON_INVALID_ARGUMENT,
                "too large");
  EXPECT_STATUS(liaison_options_set_depth(NULL, 3, ERR), LIAISON_INVALID_ARGUMENT, "options");
  EXPECT_STATUS(liaison_options_set_list(NULL, 1, ERR), LIAISON_INVALID_ARGUMENT, "options");
  EXPECT_STATUS(liaison_options_set_limit(NULL, 3, ERR), LIAISON_INVALID_ARGUMENT, "options");
  EXPECT_STATUS(liaison_options_add_where(NULL, "company", "x", ERR), LIAISON_INVALID_ARGUMENT,
                "options");
  EXPECT_STATUS(liaison_options_add_where(o, NULL, "x", ERR), LIAISON_INVALID_ARGUMENT, "column");
  EXPECT_STATUS(liaison_options_add_where(o, "company", NULL, ERR), LIAISON_INVALID_ARGUMENT,
                "value");
  EXPECT_STATUS(liaison_options_clear_where(NULL, ERR), LIAISON_INVALID_ARGUMENT, "options");
  EXPECT_STATUS(liaison_options_set_max_visited(NULL, 3, ERR), LIAISON_INVALID_ARGUMENT, "options");
  EXPECT_STATUS(liaison_options_set_timeout_ms(NULL, 3, ERR), LIAISON_INVALID_ARGUMENT, "options");
  EXPECT_STATUS(liaison_options_set_allow_partial(NULL, 1, ERR), LIAISON_INVALID_ARGUMENT,
                "options");
  EXPECT_STATUS(liaison_options_set_threads(NULL, 1, ERR), LIAISON_INVALID_ARGUMENT, "options");

  /* err itself may be NULL: the status still comes back. */
  CHECK(liaison_degree(NULL, o, a, b, &degree_out, NULL) == LIAISON_INVALID_ARGUMENT);
  CHECK(liaison_options_set_score(o, "nope", NULL) == LIAISON_INVALID_ARGUMENT);

  liaison_options_destroy(o);
  free(path);
}

/* ---- Files: missing, corrupt, truncated, not a snapshot ---- */

static unsigned char* read_file(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  unsigned char* bytes;
  long n;
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  bytes = malloc((size_t)n);
  if (bytes == NULL || fread(bytes, 1, (size_t)n, f) != (size_t)n) abort();
  fclose(f);
  *size = (size_t)n;
  return bytes;
}

static void write_file(const char* path, const unsigned char* bytes, size_t size) {
  FILE* f = fopen(path, "wb");
  if (f == NULL || fwrite(bytes, 1, size, f) != size) abort();
  fclose(f);
}

static uint64_t le64(const unsigned char* p) {
  uint64_t x = 0;
  int i;
  for (i = 7; i >= 0; --i) x = (x << 8) | p[i];
  return x;
}

/* The offset of the middle byte of the largest section of a snapshot file: header fields
 * "section count" (u32 at 20) and "table offset" (u64 at 32); table entries of 32 bytes
 * {id u32, element size u32, offset u64, bytes u64, checksum u64}. 0 when malformed. */
static size_t largest_section_middle(const unsigned char* bytes, size_t size) {
  uint64_t count = (uint64_t)bytes[20] | (uint64_t)bytes[21] << 8 | (uint64_t)bytes[22] << 16 |
                   (uint64_t)bytes[23] << 24;
  uint64_t table = le64(bytes + 32), best = 0, at = 0, i;
  if (table + count * 32 > size) return 0;
  for (i = 0; i < count; ++i) {
    const unsigned char* entry = bytes + table + 32 * i;
    if (le64(entry + 16) > best) {
      best = le64(entry + 16);
      at = le64(entry + 8) + best / 2;
    }
  }
  return at < size ? (size_t)at : 0;
}

static void test_files(void) {
  static int marker;
  char* good = data_path("graph.liaison");
  char* corrupt = data_path("corrupt.liaison");
  char* missing = data_path("no-such-file.liaison");
  char* text = data_path("expected.txt");
  char* saved = data_path("saved.liaison");
  char* bad_dir = data_path("no-such-dir/x.liaison");
  size_t size = 0;
  unsigned char* bytes = read_file(good, &size);
  liaison_graph* g = (liaison_graph*)&marker;
  liaison_graph* reopened = NULL;
  CHECK(bytes != NULL && size > 4096);

  EXPECT_STATUS(liaison_graph_open(missing, 0, &g, ERR), LIAISON_NOT_FOUND, "no-such-file");
  EXPECT_STATUS(liaison_graph_open(text, 0, &g, ERR), LIAISON_FAILED_PRECONDITION, NULL);
  EXPECT_STATUS(liaison_graph_open(g_data_dir, 0, &g, ERR), LIAISON_FAILED_PRECONDITION, NULL);
  EXPECT_STATUS(liaison_graph_open(good, 4, &g, ERR), LIAISON_INVALID_ARGUMENT, "flag");

  /* A flipped byte in the header (the member count). */
  bytes[16] ^= 0x5a;
  write_file(corrupt, bytes, size);
  EXPECT_STATUS(liaison_graph_open(corrupt, 0, &g, ERR), LIAISON_DATA_LOSS, "corrupt.liaison");
  bytes[16] ^= 0x5a;
  /* Truncated. */
  write_file(corrupt, bytes, size / 2);
  EXPECT_STATUS(liaison_graph_open(corrupt, 0, &g, ERR), LIAISON_DATA_LOSS, "corrupt.liaison");
  write_file(corrupt, bytes, 40);
  EXPECT_STATUS(liaison_graph_open(corrupt, 0, &g, ERR), LIAISON_DATA_LOSS, NULL);
  /* A flipped byte in the middle of the largest section (the neighbour ids), which opening does
   * not read: found by verification. The section table's layout is the one documented in
   * include/liaison/snapshot_file.h (little-endian). */
  {
    const size_t flip = largest_section_middle(bytes, size);
    CHECK(flip > 64 && flip < size);
    bytes[flip] ^= 0x01;
    write_file(corrupt, bytes, size);
    EXPECT_STATUS(liaison_graph_open(corrupt, LIAISON_OPEN_VERIFY, &g, ERR), LIAISON_DATA_LOSS,
                  "corrupt.liaison");
    bytes[flip] ^= 0x01;
  }
  CHECK(g == (liaison_graph*)&marker);

  /* The intact file verifies, saves elsewhere and reopens with the same counts. */
  g = NULL;
  EXPECT_STATUS(liaison_graph_open(good, LIAISON_OPEN_VERIFY, &g, ERR), LIAISON_OK, NULL);
  CHECK(g != NULL);
  EXPECT_STATUS(liaison_graph_save(g, saved, ERR), LIAISON_OK, NULL);
  EXPECT_STATUS(liaison_graph_save(g, bad_dir, ERR), LIAISON_NOT_FOUND, NULL);
  EXPECT_STATUS(liaison_graph_open(saved, LIAISON_OPEN_VERIFY, &reopened, ERR), LIAISON_OK, NULL);
  CHECK(liaison_graph_num_members(reopened) == liaison_graph_num_members(g));
  CHECK(liaison_graph_num_connections(reopened) == liaison_graph_num_connections(g));
  liaison_graph_close(reopened);
  /* Opened in memory (and verified): the same members in the same order. */
  reopened = NULL;
  EXPECT_STATUS(liaison_graph_open(saved, LIAISON_OPEN_IN_MEMORY | LIAISON_OPEN_VERIFY, &reopened,
                                   ERR),
                LIAISON_OK, NULL);
  CHECK(reopened != NULL);
  CHECK(liaison_graph_num_members(reopened) == liaison_graph_num_members(g));
  CHECK(liaison_graph_num_connections(reopened) == liaison_graph_num_connections(g));
  {
    uint64_t i, mine = 0, theirs = 0;
    for (i = 0; i < liaison_graph_num_members(g); ++i) {
      CHECK(liaison_graph_member_at(g, i, &mine, NULL) == LIAISON_OK);
      CHECK(liaison_graph_member_at(reopened, i, &theirs, NULL) == LIAISON_OK);
      CHECK(mine == theirs);
    }
  }
  liaison_graph_close(reopened);
  liaison_graph_close(g);

  free(bytes);
  free(good);
  free(corrupt);
  free(missing);
  free(text);
  free(saved);
  free(bad_dir);
}

/* ---- Members ---- */

static void test_members(const liaison_graph* g) {
  uint64_t n = liaison_graph_num_members(g), i, prev = 0, id = 0;
  CHECK(n > 500);
  CHECK(liaison_graph_num_connections(g) > 1000);
  for (i = 0; i < n; ++i) {
    CHECK(liaison_graph_member_at(g, i, &id, NULL) == LIAISON_OK);
    CHECK(i == 0 || id > prev); /* ascending ids */
    CHECK(liaison_graph_contains(g, id) == 1);
    prev = id;
  }
  CHECK(liaison_graph_contains(g, prev + 1) == 0);
  id = 42;
  EXPECT_STATUS(liaison_graph_member_at(g, n, &id, ERR), LIAISON_OUT_OF_RANGE, "index");
  CHECK(id == 42);
}

/* ---- expected.txt: the C++ API's answers ---- */

typedef struct {
  char* at;
} tokens;

static const char* next_token(tokens* t) {
  char* start = t->at;
  while (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r') ++start;
  if (*start == '\0') return "";
  t->at = start;
  while (*t->at != '\0' && *t->at != ' ' && *t->at != '\n' && *t->at != '\r') ++t->at;
  if (*t->at != '\0') *t->at++ = '\0';
  return start;
}
static long long next_ll(tokens* t) { return strtoll(next_token(t), NULL, 10); }
static uint64_t next_u64(tokens* t) { return strtoull(next_token(t), NULL, 10); }
static double next_double(tokens* t) { return strtod(next_token(t), NULL); }
static float next_float(tokens* t) { return strtof(next_token(t), NULL); }

/* Reads " : STATUS" and compares with the call's status. True when both are OK (the answer
 * follows); reports a mismatch with the record's line number. */
static int status_matches(tokens* t, liaison_status got, char* err, int line) {
  long long want;
  ++g_checks;
  if (strcmp(next_token(t), ":") != 0) {
    ++g_failures;
    fprintf(stderr, "expected.txt:%d: malformed record\n", line);
    liaison_free(err);
    return 0;
  }
  want = next_ll(t);
  if ((long long)got != want) {
    ++g_failures;
    fprintf(stderr, "expected.txt:%d: status %s, want %lld (%s)\n", line, liaison_status_name(got),
            want, err ? err : "no message");
  } else if (got != LIAISON_OK && (err == NULL || err[0] == '\0')) {
    ++g_failures;
    fprintf(stderr, "expected.txt:%d: failed without a message\n", line);
  }
  liaison_free(err);
  return got == LIAISON_OK && want == 0;
}

#define RECORD_CHECK(cond, line)                                                         \
  do {                                                                                   \
    ++g_checks;                                                                          \
    if (!(cond)) {                                                                       \
      ++g_failures;                                                                      \
      fprintf(stderr, "expected.txt:%d (%s): answer differs: %s\n", line, label, #cond); \
    }                                                                                    \
  } while (0)

static void run_degree(const liaison_graph* g, tokens* t, int line, const char* label) {
  liaison_options* o = new_options();
  liaison_degree_result* r = NULL;
  char* err = NULL;
  int max_depth = (int)next_ll(t);
  uint64_t from = next_u64(t), to = next_u64(t);
  liaison_status st;
  CHECK(liaison_options_set_max_depth(o, max_depth, NULL) == LIAISON_OK);
  st = liaison_degree(g, o, from, to, &r, &err);
  if (status_matches(t, st, err, line)) {
    int degree = (int)next_ll(t);
    uint32_t mutual = (uint32_t)next_ll(t);
    RECORD_CHECK(liaison_degree_result_degree(r) == degree, line);
    RECORD_CHECK(liaison_degree_result_mutual(r) == mutual, line);
    RECORD_CHECK(liaison_degree_result_truncated(r) == 0, line);
  }
  liaison_degree_result_destroy(r);
  liaison_options_destroy(o);
}

static void run_many(const liaison_graph* g, tokens* t, int line, const char* label) {
  liaison_options* o = new_options();
  liaison_degree_results* r = NULL;
  char* err = NULL;
  int max_depth = (int)next_ll(t);
  uint64_t from = next_u64(t);
  size_t n = (size_t)next_ll(t), i;
  uint64_t* to = malloc((n + 1) * sizeof *to);
  liaison_status st;
  if (to == NULL) abort();
  for (i = 0; i < n; ++i) to[i] = next_u64(t);
  CHECK(liaison_options_set_max_depth(o, max_depth, NULL) == LIAISON_OK);
  st = liaison_degree_many(g, o, from, to, n, &r, &err);
  if (status_matches(t, st, err, line)) {
    RECORD_CHECK(liaison_degree_results_count(r) == n, line);
    for (i = 0; i < n; ++i) {
      int degree = (int)next_ll(t);
      uint32_t mutual = (uint32_t)next_ll(t);
      RECORD_CHECK(liaison_degree_results_to(r, i) == to[i], line);
      RECORD_CHECK(liaison_degree_results_degree(r, i) == degree, line);
      RECORD_CHECK(liaison_degree_results_mutual(r, i) == mutual, line);
      RECORD_CHECK(liaison_degree_results_truncated(r, i) == 0, line);
    }
    RECORD_CHECK(liaison_degree_results_degree(r, n) == -1, line);
    RECORD_CHECK(liaison_degree_results_to(r, n) == 0, line);
  }
  liaison_degree_results_destroy(r);
  liaison_options_destroy(o);
  free(to);
}

static void run_reach(const liaison_graph* g, tokens* t, int line, const char* label) {
  liaison_options* o = new_options();
  liaison_reach_result* r = NULL;
  char* err = NULL;
  int depth = (int)next_ll(t), list = (int)next_ll(t);
  size_t limit = (size_t)next_ll(t), i;
  char column[64], value[64];
  uint64_t from;
  liaison_status st;
  snprintf(column, sizeof column, "%s", next_token(t));
  snprintf(value, sizeof value, "%s", next_token(t));
  from = next_u64(t);
  CHECK(liaison_options_set_depth(o, depth, NULL) == LIAISON_OK);
  CHECK(liaison_options_set_list(o, list, NULL) == LIAISON_OK);
  CHECK(liaison_options_set_limit(o, limit, NULL) == LIAISON_OK);
  if (strcmp(column, "-") != 0) {
    CHECK(liaison_options_add_where(o, column, value, NULL) == LIAISON_OK);
  }
  st = liaison_reach(g, o, from, &r, &err);
  if (status_matches(t, st, err, line)) {
    size_t levels = (size_t)next_ll(t), listed;
    const uint64_t* got_levels = liaison_reach_result_levels(r);
    const uint64_t* got_ids = liaison_reach_result_listed(r);
    const int32_t* got_dist = liaison_reach_result_listed_distances(r);
    RECORD_CHECK(liaison_reach_result_num_levels(r) == levels, line);
    for (i = 0; i < levels; ++i) {
      uint64_t level = next_u64(t);
      RECORD_CHECK(got_levels != NULL && got_levels[i] == level, line);
    }
    RECORD_CHECK(liaison_reach_result_total(r) == next_u64(t), line);
    listed = (size_t)next_ll(t);
    RECORD_CHECK(liaison_reach_result_num_listed(r) == listed, line);
    RECORD_CHECK((listed == 0) == (got_ids == NULL) && (listed == 0) == (got_dist == NULL), line);
    for (i = 0; i < listed; ++i) {
      uint64_t id = next_u64(t);
      int32_t dist = (int32_t)next_ll(t);
      RECORD_CHECK(got_ids != NULL && got_ids[i] == id, line);
      RECORD_CHECK(got_dist != NULL && got_dist[i] == dist, line);
    }
    RECORD_CHECK(liaison_reach_result_truncated(r) == 0, line);
  }
  liaison_reach_result_destroy(r);
  liaison_options_destroy(o);
}

static void run_paths(const liaison_graph* g, tokens* t, int line, const char* label) {
  liaison_options* o = new_options();
  liaison_paths_result* r = NULL;
  char* err = NULL;
  size_t k = (size_t)next_ll(t), navoid, i, j;
  int max_hops = (int)next_ll(t), longer = (int)next_ll(t);
  uint64_t avoid[16], from, to;
  liaison_status st;
  navoid = (size_t)next_ll(t);
  if (navoid > 16) abort();
  for (i = 0; i < navoid; ++i) avoid[i] = next_u64(t);
  from = next_u64(t);
  to = next_u64(t);
  CHECK(liaison_options_set_k(o, k, NULL) == LIAISON_OK);
  CHECK(liaison_options_set_max_hops(o, max_hops, NULL) == LIAISON_OK);
  CHECK(liaison_options_set_include_longer(o, longer, NULL) == LIAISON_OK);
  CHECK(liaison_options_set_avoid(o, avoid, navoid, NULL) == LIAISON_OK);
  st = liaison_paths(g, o, from, to, &r, &err);
  if (status_matches(t, st, err, line)) {
    int hops = (int)next_ll(t);
    uint64_t count = next_u64(t);
    size_t npaths = (size_t)next_ll(t);
    RECORD_CHECK(liaison_paths_result_hops(r) == hops, line);
    RECORD_CHECK(liaison_paths_result_count(r) == count, line);
    RECORD_CHECK(liaison_paths_result_num_paths(r) == npaths, line);
    for (i = 0; i < npaths; ++i) {
      const uint64_t* members = NULL;
      size_t len = (size_t)next_ll(t);
      double warmth;
      RECORD_CHECK(liaison_paths_result_path(r, i, &members) == len, line);
      RECORD_CHECK(liaison_paths_result_path(r, i, NULL) == len, line);
      for (j = 0; j < len; ++j) {
        uint64_t id = next_u64(t);
        RECORD_CHECK(members != NULL && members[j] == id, line);
      }
      warmth = next_double(t);
      RECORD_CHECK(liaison_paths_result_warmth(r, i) == warmth, line);
      for (j = 0; j + 1 < len; ++j) {
        float strength = next_float(t);
        const char* since = next_token(t);
        const char* got_since = liaison_paths_result_hop_since(r, i, j);
        RECORD_CHECK(liaison_paths_result_hop_strength(r, i, j) == strength, line);
        if (strcmp(since, "-") == 0) {
          RECORD_CHECK(got_since == NULL, line);
        } else {
          RECORD_CHECK(got_since != NULL && strcmp(got_since, since) == 0, line);
        }
      }
      RECORD_CHECK(liaison_paths_result_hop_since(r, i, len) == NULL, line);
      RECORD_CHECK(liaison_paths_result_hop_strength(r, i, len) == 0.0f, line);
    }
    RECORD_CHECK(liaison_paths_result_path(r, npaths, NULL) == 0, line);
    RECORD_CHECK(liaison_paths_result_warmth(r, npaths) == 0.0, line);
    RECORD_CHECK(liaison_paths_result_truncated(r) == 0, line);
  }
  liaison_paths_result_destroy(r);
  liaison_options_destroy(o);
}

static void run_mutual(const liaison_graph* g, tokens* t, int line, const char* label) {
  liaison_mutual_result* r = NULL;
  char* err = NULL;
  uint64_t a = next_u64(t), b = next_u64(t);
  liaison_status st = liaison_mutual(g, a, b, &r, &err);
  if (status_matches(t, st, err, line)) {
    size_t count = (size_t)next_ll(t), i;
    const uint64_t* members = liaison_mutual_result_members(r);
    RECORD_CHECK(liaison_mutual_result_count(r) == count, line);
    RECORD_CHECK((count == 0) == (members == NULL), line);
    for (i = 0; i < count; ++i) {
      uint64_t id = next_u64(t);
      RECORD_CHECK(members != NULL && members[i] == id, line);
    }
  }
  liaison_mutual_result_destroy(r);
}

static void run_suggest(const liaison_graph* g, tokens* t, int line, const char* label) {
  liaison_options* o = new_options();
  liaison_suggest_result* r = NULL;
  char* err = NULL;
  size_t k = (size_t)next_ll(t), i, j;
  char score[32];
  uint32_t hub_cap;
  uint64_t member;
  liaison_status st;
  snprintf(score, sizeof score, "%s", next_token(t));
  hub_cap = (uint32_t)next_ll(t);
  member = next_u64(t);
  CHECK(liaison_options_set_k(o, k, NULL) == LIAISON_OK);
  CHECK(liaison_options_set_score(o, score, NULL) == LIAISON_OK);
  CHECK(liaison_options_set_hub_cap(o, hub_cap, NULL) == LIAISON_OK);
  st = liaison_suggest(g, o, member, &r, &err);
  if (status_matches(t, st, err, line)) {
    size_t n = (size_t)next_ll(t);
    RECORD_CHECK(liaison_suggest_result_count(r) == n, line);
    for (i = 0; i < n; ++i) {
      const uint64_t* reasons = NULL;
      uint64_t id = next_u64(t);
      uint32_t mutual = (uint32_t)next_ll(t);
      double s = next_double(t);
      size_t nreasons = (size_t)next_ll(t);
      RECORD_CHECK(liaison_suggest_result_member(r, i) == id, line);
      RECORD_CHECK(liaison_suggest_result_mutual(r, i) == mutual, line);
      RECORD_CHECK(liaison_suggest_result_score(r, i) == s, line);
      RECORD_CHECK(liaison_suggest_result_reasons(r, i, &reasons) == nreasons, line);
      RECORD_CHECK(liaison_suggest_result_reasons(r, i, NULL) == nreasons, line);
      for (j = 0; j < nreasons; ++j) {
        uint64_t x = next_u64(t);
        RECORD_CHECK(reasons != NULL && reasons[j] == x, line);
      }
    }
    RECORD_CHECK(liaison_suggest_result_member(r, n) == 0, line);
    RECORD_CHECK(liaison_suggest_result_truncated(r) == 0, line);
  }
  liaison_suggest_result_destroy(r);
  liaison_options_destroy(o);
}

/* Runs every record of expected.txt on `g`; returns how many records ran. */
static int run_expected(const liaison_graph* g, const char* label) {
  char* path = data_path("expected.txt");
  FILE* f = fopen(path, "r");
  char* buffer = NULL;
  size_t capacity = 0;
  int line = 0, records = 0;
  if (f == NULL) {
    fprintf(stderr, "cannot read %s\n", path);
    exit(1);
  }
  while (getline(&buffer, &capacity, f) != -1) {
    tokens t;
    const char* kind;
    ++line;
    t.at = buffer;
    kind = next_token(&t);
    if (strcmp(kind, "degree") == 0) {
      run_degree(g, &t, line, label);
    } else if (strcmp(kind, "many") == 0) {
      run_many(g, &t, line, label);
    } else if (strcmp(kind, "reach") == 0) {
      run_reach(g, &t, line, label);
    } else if (strcmp(kind, "paths") == 0) {
      run_paths(g, &t, line, label);
    } else if (strcmp(kind, "mutual") == 0) {
      run_mutual(g, &t, line, label);
    } else if (strcmp(kind, "suggest") == 0) {
      run_suggest(g, &t, line, label);
    } else {
      ++g_failures;
      fprintf(stderr, "expected.txt:%d: unknown record \"%s\"\n", line, kind);
      continue;
    }
    ++records;
  }
  free(buffer);
  fclose(f);
  free(path);
  return records;
}

/* ---- The hand-drawn fixture (datasets/fixtures/intro_network/README.md) ---- */

enum { ANN = 1, BOB, CAT, DAN, EVE, FAY, GUS, HAL, IVY, JON, KIM, LEE };

static int path_is(const liaison_paths_result* r, size_t i, const uint64_t* want, size_t n) {
  const uint64_t* members = NULL;
  size_t len = liaison_paths_result_path(r, i, &members), j;
  if (len != n) return 0;
  for (j = 0; j < n; ++j) {
    if (members[j] != want[j]) return 0;
  }
  return 1;
}

static void test_intro_fixture(void) {
  liaison_graph* g = open_graph("intro.liaison");
  liaison_options* o = new_options();
  liaison_paths_result* p = NULL;
  liaison_degree_result* d = NULL;
  liaison_mutual_result* m = NULL;
  liaison_suggest_result* s = NULL;
  size_t i;

  CHECK(liaison_graph_num_members(g) == 12);
  CHECK(liaison_graph_num_connections(g) == 17);

  /* no_introductions: Ann -> Hal has 2 shortest paths (via Bob, via Eve), Dan is skipped. */
  EXPECT_STATUS(liaison_paths(g, NULL, ANN, HAL, &p, ERR), LIAISON_OK, NULL);
  CHECK(liaison_paths_result_hops(p) == 2);
  CHECK(liaison_paths_result_count(p) == 2);
  CHECK(liaison_paths_result_num_paths(p) == 2);
  {
    const uint64_t via_bob[] = {ANN, BOB, HAL}, via_eve[] = {ANN, EVE, HAL};
    /* Bob's hops (0.9, 0.8) are warmer than Eve's (0.5, 0.5). */
    CHECK(path_is(p, 0, via_bob, 3));
    CHECK(path_is(p, 1, via_eve, 3));
    CHECK(liaison_paths_result_warmth(p, 0) > liaison_paths_result_warmth(p, 1));
    CHECK(fabsf(liaison_paths_result_hop_strength(p, 0, 0) - 0.9f) < 0.01f);
    CHECK(liaison_paths_result_hop_since(p, 0, 0) != NULL &&
          strcmp(liaison_paths_result_hop_since(p, 0, 0), "2023-01-01") == 0);
    CHECK(strcmp(liaison_paths_result_hop_since(p, 0, 1), "2022-06-01") == 0);
  }
  liaison_paths_result_destroy(p);
  p = NULL;

  /* Ann -> Dan is 1 hop: an end may be a no_introductions member. */
  EXPECT_STATUS(liaison_degree(g, NULL, ANN, DAN, &d, ERR), LIAISON_OK, NULL);
  CHECK(liaison_degree_result_degree(d) == 1);
  liaison_degree_result_destroy(d);
  d = NULL;

  /* hides_connections: Ann -> Ivy has one 3-hop path (via Bob, Gus); Ann -> Jon has none. */
  EXPECT_STATUS(liaison_paths(g, NULL, ANN, IVY, &p, ERR), LIAISON_OK, NULL);
  CHECK(liaison_paths_result_hops(p) == 3);
  CHECK(liaison_paths_result_count(p) == 1);
  {
    const uint64_t want[] = {ANN, BOB, GUS, IVY};
    CHECK(path_is(p, 0, want, 4));
  }
  liaison_paths_result_destroy(p);
  p = NULL;
  EXPECT_STATUS(liaison_paths(g, NULL, ANN, JON, &p, ERR), LIAISON_OK, NULL);
  CHECK(liaison_paths_result_hops(p) == -1);
  CHECK(liaison_paths_result_count(p) == 0);
  CHECK(liaison_paths_result_num_paths(p) == 0);
  liaison_paths_result_destroy(p);
  p = NULL;
  /* Cat sees its own Cat-Fay: Cat -> Ivy is 2 hops. */
  EXPECT_STATUS(liaison_degree(g, NULL, CAT, IVY, &d, ERR), LIAISON_OK, NULL);
  CHECK(liaison_degree_result_degree(d) == 2);
  liaison_degree_result_destroy(d);
  d = NULL;

  /* avoid: Ann -> Hal avoiding Bob has one path (via Eve); avoiding Bob and Eve, none. */
  {
    const uint64_t bob_eve[] = {BOB, EVE}, via_eve[] = {ANN, EVE, HAL};
    EXPECT_STATUS(liaison_options_set_avoid(o, bob_eve, 1, ERR), LIAISON_OK, NULL);
    EXPECT_STATUS(liaison_paths(g, o, ANN, HAL, &p, ERR), LIAISON_OK, NULL);
    CHECK(liaison_paths_result_num_paths(p) == 1);
    CHECK(path_is(p, 0, via_eve, 3));
    liaison_paths_result_destroy(p);
    p = NULL;
    EXPECT_STATUS(liaison_options_set_avoid(o, bob_eve, 2, ERR), LIAISON_OK, NULL);
    EXPECT_STATUS(liaison_paths(g, o, ANN, HAL, &p, ERR), LIAISON_OK, NULL);
    CHECK(liaison_paths_result_num_paths(p) == 0);
    liaison_paths_result_destroy(p);
    p = NULL;
    EXPECT_STATUS(liaison_options_set_avoid(o, NULL, 0, ERR), LIAISON_OK, NULL);
  }

  /* With longer paths Ann -> Lee also goes Ann-Cat-Kim-Lee (Ann sees Cat-Kim), warmer than
   * Ann-Kim-Lee. */
  {
    const uint64_t via_cat[] = {ANN, CAT, KIM, LEE}, direct[] = {ANN, KIM, LEE};
    EXPECT_STATUS(liaison_options_set_include_longer(o, 1, ERR), LIAISON_OK, NULL);
    EXPECT_STATUS(liaison_paths(g, o, ANN, LEE, &p, ERR), LIAISON_OK, NULL);
    CHECK(liaison_paths_result_hops(p) == 2);
    CHECK(liaison_paths_result_count(p) == 1);
    CHECK(liaison_paths_result_num_paths(p) == 2);
    CHECK(path_is(p, 0, via_cat, 4));
    CHECK(path_is(p, 1, direct, 3));
    liaison_paths_result_destroy(p);
    p = NULL;
    EXPECT_STATUS(liaison_options_set_include_longer(o, 0, ERR), LIAISON_OK, NULL);
  }

  /* Mutual connections of Ann and Hal, as Ann sees them: Bob, Dan, Eve. */
  EXPECT_STATUS(liaison_mutual(g, ANN, HAL, &m, ERR), LIAISON_OK, NULL);
  CHECK(liaison_mutual_result_count(m) == 3);
  CHECK(liaison_mutual_result_members(m)[0] == BOB && liaison_mutual_result_members(m)[1] == DAN &&
        liaison_mutual_result_members(m)[2] == EVE);
  liaison_mutual_result_destroy(m);

  /* Suggestions for Ann omit Fay and Jon (behind Cat and Jon's hidden lists) and her connections.
   */
  EXPECT_STATUS(liaison_suggest(g, NULL, ANN, &s, ERR), LIAISON_OK, NULL);
  CHECK(liaison_suggest_result_count(s) > 0);
  for (i = 0; i < liaison_suggest_result_count(s); ++i) {
    uint64_t x = liaison_suggest_result_member(s, i);
    CHECK(x != FAY && x != JON && x != ANN && x != BOB && x != CAT && x != DAN && x != EVE &&
          x != KIM);
  }
  liaison_suggest_result_destroy(s);
  s = NULL;
  /* Fay gets only Gus. */
  EXPECT_STATUS(liaison_suggest(g, NULL, FAY, &s, ERR), LIAISON_OK, NULL);
  CHECK(liaison_suggest_result_count(s) == 1);
  CHECK(liaison_suggest_result_member(s, 0) == GUS);
  liaison_suggest_result_destroy(s);

  liaison_options_destroy(o);
  liaison_graph_close(g);
}

/* ---- Options: bad values, checked by the setter or by the query ---- */

static void test_bad_options(const liaison_graph* g) {
  liaison_options* o = new_options();
  liaison_degree_result* d = NULL;
  liaison_reach_result* r = NULL;
  liaison_paths_result* p = NULL;
  liaison_suggest_result* s = NULL;
  uint64_t a = 0, b = 0, unknown;
  CHECK(liaison_graph_member_at(g, 0, &a, NULL) == LIAISON_OK);
  CHECK(liaison_graph_member_at(g, 1, &b, NULL) == LIAISON_OK);
  CHECK(liaison_graph_member_at(g, liaison_graph_num_members(g) - 1, &unknown, NULL) == LIAISON_OK);
  ++unknown;

  EXPECT_STATUS(liaison_options_set_score(o, "pagerank", ERR), LIAISON_INVALID_ARGUMENT,
                "pagerank");
  EXPECT_STATUS(liaison_options_add_where(o, "salary", "high", ERR), LIAISON_INVALID_ARGUMENT,
                "salary");
  EXPECT_STATUS(liaison_options_set_threads(o, -1, ERR), LIAISON_INVALID_ARGUMENT, "-1");
  /* Setters that succeed, every one. */
  EXPECT_STATUS(liaison_options_set_score(o, "adamic-adar", ERR), LIAISON_OK, NULL);
  EXPECT_STATUS(liaison_options_set_hub_cap(o, 1000, ERR), LIAISON_OK, NULL);
  EXPECT_STATUS(liaison_options_add_where(o, "company", "Acme", ERR), LIAISON_OK, NULL);
  EXPECT_STATUS(liaison_options_clear_where(o, ERR), LIAISON_OK, NULL);
  EXPECT_STATUS(liaison_options_set_threads(o, 1, ERR), LIAISON_OK, NULL);
  EXPECT_STATUS(liaison_options_set_max_visited(o, 1000000, ERR), LIAISON_OK, NULL);
  EXPECT_STATUS(liaison_options_set_timeout_ms(o, 60000, ERR), LIAISON_OK, NULL);
  EXPECT_STATUS(liaison_options_set_timeout_ms(o, -1, ERR), LIAISON_OK, NULL);
  EXPECT_STATUS(liaison_options_set_allow_partial(o, 0, ERR), LIAISON_OK, NULL);

  /* Ranges are checked by the queries, naming the value. */
  EXPECT_STATUS(liaison_options_set_max_depth(o, 0, ERR), LIAISON_OK, NULL);
  EXPECT_STATUS(liaison_degree(g, o, a, b, &d, ERR), LIAISON_INVALID_ARGUMENT, "max_depth");
  EXPECT_STATUS(liaison_options_set_max_depth(o, -5, ERR), LIAISON_OK, NULL);
  EXPECT_STATUS(liaison_degree(g, o, a, b, &d, ERR), LIAISON_INVALID_ARGUMENT, "-5");
  EXPECT_STATUS(liaison_options_set_depth(o, 100, ERR), LIAISON_OK, NULL);
  EXPECT_STATUS(liaison_reach(g, o, a, &r, ERR), LIAISON_INVALID_ARGUMENT, "100");
  EXPECT_STATUS(liaison_options_set_k(o, 0, ERR), LIAISON_OK, NULL);
  EXPECT_STATUS(liaison_paths(g, o, a, b, &p, ERR), LIAISON_INVALID_ARGUMENT, "k");
  EXPECT_STATUS(liaison_suggest(g, o, a, &s, ERR), LIAISON_INVALID_ARGUMENT, "k");
  EXPECT_STATUS(liaison_options_set_k(o, (size_t)1 << 40, ERR), LIAISON_OK, NULL);
  EXPECT_STATUS(liaison_suggest(g, o, a, &s, ERR), LIAISON_INVALID_ARGUMENT, "k");
  EXPECT_STATUS(liaison_options_set_k(o, 5, ERR), LIAISON_OK, NULL);
  EXPECT_STATUS(liaison_options_set_max_hops(o, 0, ERR), LIAISON_OK, NULL);
  EXPECT_STATUS(liaison_paths(g, o, a, b, &p, ERR), LIAISON_INVALID_ARGUMENT, "max_hops");
  EXPECT_STATUS(liaison_options_set_max_hops(o, 3, ERR), LIAISON_OK, NULL);
  EXPECT_STATUS(liaison_options_set_avoid(o, &unknown, 1, ERR), LIAISON_OK, NULL);
  EXPECT_STATUS(liaison_paths(g, o, a, b, &p, ERR), LIAISON_NOT_FOUND, "avoided member");
  CHECK(d == NULL && r == NULL && p == NULL && s == NULL);

  /* Unknown members name the id. */
  {
    char text[32];
    liaison_mutual_result* m = NULL;
    liaison_degree_results* many = NULL;
    snprintf(text, sizeof text, "member %llu", (unsigned long long)unknown);
    EXPECT_STATUS(liaison_degree(g, NULL, unknown, a, &d, ERR), LIAISON_NOT_FOUND, text);
    EXPECT_STATUS(liaison_degree(g, NULL, a, unknown, &d, ERR), LIAISON_NOT_FOUND, text);
    EXPECT_STATUS(liaison_degree_many(g, NULL, unknown, &a, 1, &many, ERR), LIAISON_NOT_FOUND,
                  text);
    EXPECT_STATUS(liaison_degree_many(g, NULL, a, &unknown, 1, &many, ERR), LIAISON_NOT_FOUND,
                  text);
    EXPECT_STATUS(liaison_reach(g, NULL, unknown, &r, ERR), LIAISON_NOT_FOUND, text);
    EXPECT_STATUS(liaison_paths(g, NULL, unknown, a, &p, ERR), LIAISON_NOT_FOUND, text);
    EXPECT_STATUS(liaison_mutual(g, a, unknown, &m, ERR), LIAISON_NOT_FOUND, text);
    EXPECT_STATUS(liaison_suggest(g, NULL, unknown, &s, ERR), LIAISON_NOT_FOUND, text);
    CHECK(m == NULL && many == NULL);
  }
  CHECK(d == NULL && r == NULL && p == NULL && s == NULL);
  liaison_options_destroy(o);
}

/* ---- Budgets ---- */

static void test_budgets(const liaison_graph* g) {
  liaison_options* o = new_options();
  liaison_reach_result* r = NULL;
  liaison_paths_result* p = NULL;
  liaison_suggest_result* s = NULL;
  liaison_degree_result* d = NULL;
  liaison_degree_results* many = NULL;
  uint64_t hub = 0, far = 0, i, best = 0;
  int32_t far_distance = -1;
  /* The member with the most connections, and the last member. */
  for (i = 0; i < liaison_graph_num_members(g); ++i) {
    uint64_t id;
    liaison_reach_result* one = NULL;
    CHECK(liaison_graph_member_at(g, i, &id, NULL) == LIAISON_OK);
    CHECK(liaison_options_set_depth(o, 1, NULL) == LIAISON_OK);
    CHECK(liaison_reach(g, o, id, &one, NULL) == LIAISON_OK);
    if (liaison_reach_result_total(one) > best) {
      best = liaison_reach_result_total(one);
      hub = id;
    }
    liaison_reach_result_destroy(one);
  }
  CHECK(best > 10);
  /* A member as far from the hub as any (distance >= 3 wanted below). */
  CHECK(liaison_options_set_depth(o, 6, NULL) == LIAISON_OK);
  CHECK(liaison_options_set_list(o, 1, NULL) == LIAISON_OK);
  CHECK(liaison_options_set_limit(o, 1000000, NULL) == LIAISON_OK);
  CHECK(liaison_reach(g, o, hub, &r, NULL) == LIAISON_OK);
  if (liaison_reach_result_num_listed(r) > 0) {
    size_t last = liaison_reach_result_num_listed(r) - 1;
    far = liaison_reach_result_listed(r)[last];
    far_distance = liaison_reach_result_listed_distances(r)[last];
  }
  liaison_reach_result_destroy(r);
  r = NULL;
  CHECK(liaison_options_set_list(o, 0, NULL) == LIAISON_OK);

  /* Too many members visited: RESOURCE_EXHAUSTED, naming max_visited. */
  CHECK(liaison_options_set_depth(o, 3, NULL) == LIAISON_OK);
  CHECK(liaison_options_set_max_visited(o, 2, NULL) == LIAISON_OK);
  EXPECT_STATUS(liaison_reach(g, o, hub, &r, ERR), LIAISON_RESOURCE_EXHAUSTED, "max_visited = 2");
  EXPECT_STATUS(liaison_suggest(g, o, hub, &s, ERR), LIAISON_RESOURCE_EXHAUSTED, "max_visited");
  CHECK(r == NULL && s == NULL);
  /* ... or, when partial answers are allowed, a truncated answer. */
  CHECK(liaison_options_set_allow_partial(o, 1, NULL) == LIAISON_OK);
  EXPECT_STATUS(liaison_reach(g, o, hub, &r, ERR), LIAISON_OK, NULL);
  CHECK(liaison_reach_result_truncated(r) == 1);
  CHECK(liaison_reach_result_num_levels(r) < 3);
  liaison_reach_result_destroy(r);
  r = NULL;
  EXPECT_STATUS(liaison_suggest(g, o, hub, &s, ERR), LIAISON_OK, NULL);
  CHECK(liaison_suggest_result_truncated(s) == 1);
  liaison_suggest_result_destroy(s);
  s = NULL;

  /* A deadline already past: DEADLINE_EXCEEDED (the first visit checks the clock). */
  CHECK(liaison_options_set_allow_partial(o, 0, NULL) == LIAISON_OK);
  CHECK(liaison_options_set_max_visited(o, 50000000, NULL) == LIAISON_OK);
  CHECK(liaison_options_set_timeout_ms(o, 0, NULL) == LIAISON_OK);
  EXPECT_STATUS(liaison_reach(g, o, hub, &r, ERR), LIAISON_DEADLINE_EXCEEDED, "timeout");
  EXPECT_STATUS(liaison_suggest(g, o, hub, &s, ERR), LIAISON_DEADLINE_EXCEEDED, "timeout");
  CHECK(r == NULL && s == NULL);
  CHECK(liaison_options_set_allow_partial(o, 1, NULL) == LIAISON_OK);
  EXPECT_STATUS(liaison_reach(g, o, hub, &r, ERR), LIAISON_OK, NULL);
  CHECK(liaison_reach_result_truncated(r) == 1);
  liaison_reach_result_destroy(r);
  r = NULL;

  /* Paths and degree whose answer needs a search beyond the first step (hub to a member at
   * distance >= 2), with a budget of 0 members. */
  CHECK(liaison_options_set_timeout_ms(o, -1, NULL) == LIAISON_OK);
  CHECK(liaison_options_set_allow_partial(o, 0, NULL) == LIAISON_OK);
  CHECK(liaison_options_set_max_visited(o, 0, NULL) == LIAISON_OK);
  CHECK(liaison_options_set_max_depth(o, 6, NULL) == LIAISON_OK);
  if (far_distance >= 3) {
    EXPECT_STATUS(liaison_degree(g, o, hub, far, &d, ERR), LIAISON_RESOURCE_EXHAUSTED,
                  "max_visited = 0");
    EXPECT_STATUS(liaison_degree_many(g, o, hub, &far, 1, &many, ERR), LIAISON_RESOURCE_EXHAUSTED,
                  "max_visited = 0");
    EXPECT_STATUS(liaison_paths(g, o, hub, far, &p, ERR), LIAISON_RESOURCE_EXHAUSTED,
                  "max_visited = 0");
    CHECK(d == NULL && many == NULL && p == NULL);
    CHECK(liaison_options_set_allow_partial(o, 1, NULL) == LIAISON_OK);
    EXPECT_STATUS(liaison_degree(g, o, hub, far, &d, ERR), LIAISON_OK, NULL);
    CHECK(liaison_degree_result_truncated(d) == 1 && liaison_degree_result_degree(d) == -1);
    EXPECT_STATUS(liaison_degree_many(g, o, hub, &far, 1, &many, ERR), LIAISON_OK, NULL);
    CHECK(liaison_degree_results_truncated(many, 0) == 1);
    EXPECT_STATUS(liaison_paths(g, o, hub, far, &p, ERR), LIAISON_OK, NULL);
    CHECK(liaison_paths_result_truncated(p) == 1);
  } else {
    ++g_failures;
    fprintf(stderr, "test_budgets: the farthest member from the hub is at distance %d; want >= 3\n",
            (int)far_distance);
  }
  liaison_degree_result_destroy(d);
  liaison_degree_results_destroy(many);
  liaison_paths_result_destroy(p);
  liaison_options_destroy(o);
}

/* ---- liaison_graph_build ---- */

static void test_build(void) {
  /* 1-2-3-4 in a line, 1-5-3 a second way to 3, and a separate pair 8-9; a duplicate, a reversed
   * duplicate and a self-loop. */
  const uint64_t a[] = {1, 2, 3, 1, 5, 8, 2, 3, 7};
  const uint64_t b[] = {2, 3, 4, 5, 3, 9, 1, 2, 7};
  const float strength[] = {0.5f, 1.0f, 0.25f, 0.75f, 1.0f, 0.1f, 0.5f, 1.0f, 1.0f};
  const float bad_strength[] = {0.5f, 1.5f, 0.25f, 0.75f, 1.0f, 0.1f, 0.5f, 1.0f, 1.0f};
  const size_t n = sizeof a / sizeof a[0];
  float nan_strength[9];
  liaison_graph* g = NULL;
  liaison_degree_result* d = NULL;
  liaison_degree_results* many = NULL;
  liaison_mutual_result* m = NULL;
  liaison_reach_result* r = NULL;
  liaison_paths_result* p = NULL;
  liaison_options* o = new_options();
  memcpy(nan_strength, strength, sizeof strength);
  nan_strength[4] = nanf("");

  EXPECT_STATUS(liaison_graph_build(a, b, bad_strength, n, &g, ERR), LIAISON_INVALID_ARGUMENT,
                "strength[1]");
  EXPECT_STATUS(liaison_graph_build(a, b, nan_strength, n, &g, ERR), LIAISON_INVALID_ARGUMENT,
                "strength[4]");
  CHECK(g == NULL);
  EXPECT_STATUS(liaison_graph_build(NULL, NULL, NULL, 0, &g, ERR), LIAISON_OK, NULL);
  CHECK(liaison_graph_num_members(g) == 0);
  liaison_graph_close(g);
  g = NULL;

  EXPECT_STATUS(liaison_graph_build(a, b, strength, n, &g, ERR), LIAISON_OK, NULL);
  CHECK(liaison_graph_num_members(g) == 8); /* 1,2,3,4,5,7,8,9 (7 only has a self-loop) */
  CHECK(liaison_graph_num_connections(g) == 6);
  CHECK(liaison_graph_contains(g, 7) == 1 && liaison_graph_contains(g, 6) == 0);

  EXPECT_STATUS(liaison_degree(g, NULL, 1, 4, &d, ERR), LIAISON_OK, NULL);
  CHECK(liaison_degree_result_degree(d) == 3);
  liaison_degree_result_destroy(d);
  EXPECT_STATUS(liaison_degree(g, NULL, 1, 3, &d, ERR), LIAISON_OK, NULL);
  CHECK(liaison_degree_result_degree(d) == 2 && liaison_degree_result_mutual(d) == 2);
  liaison_degree_result_destroy(d);
  EXPECT_STATUS(liaison_degree(g, NULL, 1, 1, &d, ERR), LIAISON_OK, NULL);
  CHECK(liaison_degree_result_degree(d) == 0);
  liaison_degree_result_destroy(d);
  EXPECT_STATUS(liaison_degree(g, NULL, 1, 9, &d, ERR), LIAISON_OK, NULL);
  CHECK(liaison_degree_result_degree(d) == -1);
  liaison_degree_result_destroy(d);
  /* Results are independent objects, also when the library reuses destroyed ones. */
  {
    liaison_degree_result* held[20];
    const uint64_t to[] = {4, 3, 1, 9};
    const int want[] = {3, 2, 0, -1};
    int round, i;
    for (round = 0; round < 3; ++round) {
      for (i = 0; i < 20; ++i) CHECK(liaison_degree(g, NULL, 1, to[i % 4], &held[i], NULL) == 0);
      for (i = 0; i < 20; ++i) CHECK(liaison_degree_result_degree(held[i]) == want[i % 4]);
      for (i = round % 2; i < 20; i += 2) liaison_degree_result_destroy(held[i]);
      for (i = 1 - round % 2; i < 20; i += 2) {
        CHECK(liaison_degree_result_degree(held[i]) == want[i % 4]);
        liaison_degree_result_destroy(held[i]);
      }
    }
  }
  CHECK(liaison_options_set_max_depth(o, 2, NULL) == LIAISON_OK);
  EXPECT_STATUS(liaison_degree(g, o, 1, 4, &d, ERR), LIAISON_OK, NULL);
  CHECK(liaison_degree_result_degree(d) == -1); /* beyond max_depth */
  liaison_degree_result_destroy(d);
  {
    const uint64_t targets[] = {2, 3, 4, 9, 1};
    const int want[] = {1, 2, -1, -1, 0};
    size_t i;
    EXPECT_STATUS(liaison_degree_many(g, o, 1, targets, 5, &many, ERR), LIAISON_OK, NULL);
    CHECK(liaison_degree_results_count(many) == 5);
    for (i = 0; i < 5; ++i) CHECK(liaison_degree_results_degree(many, i) == want[i]);
    CHECK(liaison_degree_results_mutual(many, 1) == 2);
    liaison_degree_results_destroy(many);
    EXPECT_STATUS(liaison_degree_many(g, o, 1, NULL, 0, &many, ERR), LIAISON_OK, NULL);
    CHECK(liaison_degree_results_count(many) == 0);
    liaison_degree_results_destroy(many);
  }

  EXPECT_STATUS(liaison_mutual(g, 1, 3, &m, ERR), LIAISON_OK, NULL);
  CHECK(liaison_mutual_result_count(m) == 2);
  CHECK(liaison_mutual_result_members(m)[0] == 2 && liaison_mutual_result_members(m)[1] == 5);
  liaison_mutual_result_destroy(m);
  EXPECT_STATUS(liaison_mutual(g, 1, 9, &m, ERR), LIAISON_OK, NULL);
  CHECK(liaison_mutual_result_count(m) == 0 && liaison_mutual_result_members(m) == NULL);
  liaison_mutual_result_destroy(m);

  CHECK(liaison_options_set_depth(o, 3, NULL) == LIAISON_OK);
  CHECK(liaison_options_set_list(o, 1, NULL) == LIAISON_OK);
  EXPECT_STATUS(liaison_reach(g, o, 1, &r, ERR), LIAISON_OK, NULL);
  CHECK(liaison_reach_result_num_levels(r) == 3);
  CHECK(liaison_reach_result_levels(r)[0] == 2 && liaison_reach_result_levels(r)[1] == 1 &&
        liaison_reach_result_levels(r)[2] == 1);
  CHECK(liaison_reach_result_total(r) == 4);
  CHECK(liaison_reach_result_num_listed(r) == 4);
  {
    const uint64_t ids[] = {2, 5, 3, 4};
    const int32_t dist[] = {1, 1, 2, 3};
    size_t i;
    for (i = 0; i < 4; ++i) {
      CHECK(liaison_reach_result_listed(r)[i] == ids[i]);
      CHECK(liaison_reach_result_listed_distances(r)[i] == dist[i]);
    }
  }
  liaison_reach_result_destroy(r);
  /* No members file: a filter on a column nobody has matches nobody. */
  CHECK(liaison_options_add_where(o, "company", "Acme", NULL) == LIAISON_OK);
  EXPECT_STATUS(liaison_reach(g, o, 1, &r, ERR), LIAISON_OK, NULL);
  CHECK(liaison_reach_result_total(r) == 0 && liaison_reach_result_num_listed(r) == 0);
  liaison_reach_result_destroy(r);

  /* 1 -> 3: via 2 (0.5 * 1.0) or via 5 (0.75 * 1.0): via 5 is warmer. No dates. */
  EXPECT_STATUS(liaison_paths(g, NULL, 1, 3, &p, ERR), LIAISON_OK, NULL);
  CHECK(liaison_paths_result_hops(p) == 2 && liaison_paths_result_count(p) == 2);
  {
    const uint64_t via5[] = {1, 5, 3}, via2[] = {1, 2, 3};
    CHECK(path_is(p, 0, via5, 3) && path_is(p, 1, via2, 3));
    CHECK(fabsf(liaison_paths_result_hop_strength(p, 0, 0) - 0.75f) < 0.005f);
    CHECK(liaison_paths_result_hop_since(p, 0, 0) == NULL);
    CHECK(liaison_paths_result_warmth(p, 0) > liaison_paths_result_warmth(p, 1));
    CHECK(liaison_paths_result_warmth(p, 0) > 0.0 && liaison_paths_result_warmth(p, 0) <= 1.0);
  }
  liaison_paths_result_destroy(p);

  /* Results outlive their graph. */
  EXPECT_STATUS(liaison_paths(g, NULL, 1, 3, &p, ERR), LIAISON_OK, NULL);
  EXPECT_STATUS(liaison_mutual(g, 1, 3, &m, ERR), LIAISON_OK, NULL);
  liaison_options_destroy(o);
  liaison_graph_close(g);
  {
    const uint64_t via5[] = {1, 5, 3};
    CHECK(path_is(p, 0, via5, 3));
    CHECK(liaison_mutual_result_count(m) == 2 && liaison_mutual_result_members(m)[1] == 5);
  }
  liaison_paths_result_destroy(p);
  liaison_mutual_result_destroy(m);
}

/* ---- Statistics ---- */

static void test_stats(const liaison_graph* g) {
  liaison_stats* s = NULL;
  double rate = -1;
  size_t i;
  uint64_t sum = 0;
  EXPECT_STATUS(liaison_graph_stats(g, &s, ERR), LIAISON_OK, NULL);
  CHECK(liaison_stats_members(s) == liaison_graph_num_members(g));
  CHECK(liaison_stats_connections(s) == liaison_graph_num_connections(g));
  CHECK(liaison_stats_degree_min(s) <= liaison_stats_degree_median(s));
  CHECK(liaison_stats_degree_median(s) <= liaison_stats_degree_p99(s));
  CHECK(liaison_stats_degree_p99(s) <= liaison_stats_degree_max(s));
  CHECK(fabs(liaison_stats_degree_mean(s) - 2.0 * (double)liaison_graph_num_connections(g) /
                                                (double)liaison_graph_num_members(g)) < 1e-9);
  CHECK(liaison_stats_topology_bytes(s) > 0);
  CHECK(liaison_stats_topology_bytes_per_adjacency(s) > 0.0);
  CHECK(liaison_stats_topology_bytes_per_member(s) > 0.0);
  CHECK(liaison_stats_num_sections(s) > 0);
  for (i = 0; i < liaison_stats_num_sections(s); ++i) {
    CHECK(liaison_stats_section_name(s, i) != NULL);
    sum += liaison_stats_section_bytes(s, i);
  }
  CHECK(sum >= liaison_stats_topology_bytes(s));
  CHECK(liaison_stats_section_name(s, liaison_stats_num_sections(s)) == NULL);
  CHECK(liaison_stats_isolated_members(s) <= liaison_stats_members(s));
  CHECK(liaison_stats_has_profiles(s) == 1);
  EXPECT_STATUS(liaison_stats_rate(s, "hides_connections", &rate, ERR), LIAISON_OK, NULL);
  CHECK(rate > 0.02 && rate < 0.2); /* the oracle marks about 10% of the members file */
  EXPECT_STATUS(liaison_stats_rate(s, "popularity", &rate, ERR), LIAISON_NOT_FOUND, "popularity");
  EXPECT_STATUS(liaison_stats_rate(s, NULL, &rate, ERR), LIAISON_INVALID_ARGUMENT, "name");
  EXPECT_STATUS(liaison_stats_rate(s, "verified", NULL, ERR), LIAISON_INVALID_ARGUMENT, "out");
  liaison_stats_destroy(s);
}

/* ---- JSON ---- */

static void test_json(const liaison_graph* g) {
  char* answer = NULL;
  size_t len = 0;
  /* On the fixture: Ann -> Bob is 1st degree; an unknown member is answered, not failed. */
  liaison_graph* intro = open_graph("intro.liaison");
  liaison_options* o = new_options();
  const char* request = "{\"op\":\"degree\",\"from\":1,\"to\":2}";
  const char* lines =
      "{\"op\":\"degree\",\"from\":1,\"to\":2}\n"
      "\n"
      "{\"op\":\"mutual\",\"a\":1,\"b\":8}\n"
      "{\"op\":\"degree\",\"from\":1,\"to\":999}\n"
      "not json\n"
      "{\"op\":\"paths\",\"from\":1,\"to\":8,\"k\":5}\n";
  char* batch = NULL;
  size_t batch_len = 0, n_lines = 0, i;
  (void)g;
  EXPECT_STATUS(liaison_query_json(intro, request, strlen(request), &answer, &len, ERR), LIAISON_OK,
                NULL);
  CHECK(answer != NULL && strlen(answer) == len);
  CHECK(strstr(answer, "\"degree\":1") != NULL);
  CHECK(strchr(answer, '\n') == NULL);
  liaison_free(answer);
  answer = NULL;
  request = "{\"op\":\"degree\",\"from\":1,\"to\":999}";
  EXPECT_STATUS(liaison_query_json(intro, request, strlen(request), &answer, NULL, ERR), LIAISON_OK,
                NULL);
  CHECK(answer != NULL && strstr(answer, "unknown_member") != NULL);
  liaison_free(answer);
  answer = NULL;

  CHECK(liaison_options_set_threads(o, 2, NULL) == LIAISON_OK);
  EXPECT_STATUS(liaison_query_json_lines(intro, o, lines, strlen(lines), &batch, &batch_len, ERR),
                LIAISON_OK, NULL);
  CHECK(batch != NULL && strlen(batch) == batch_len);
  for (i = 0; batch != NULL && i < batch_len; ++i) n_lines += batch[i] == '\n';
  CHECK(n_lines == 5); /* one answer per request, the blank line skipped */
  CHECK(batch != NULL && strstr(batch, "\"degree\":1") != NULL);
  CHECK(batch != NULL && strstr(batch, "\"count\":3") != NULL); /* mutual Ann, Hal */
  CHECK(batch != NULL && strstr(batch, "unknown_member") != NULL);
  CHECK(batch != NULL && strstr(batch, "\"hops\":2") != NULL);
  /* Each line equals the single-request answer. */
  {
    const char* at = batch;
    const char* req = lines;
    while (at != NULL && *at != '\0' && *req != '\0') {
      const char* req_end = strchr(req, '\n');
      const char* at_end = strchr(at, '\n');
      size_t req_len = (size_t)(req_end - req);
      if (req_len == 0) {
        req = req_end + 1;
        continue;
      }
      EXPECT_STATUS(liaison_query_json(intro, req, req_len, &answer, &len, ERR), LIAISON_OK, NULL);
      CHECK(at_end != NULL && len == (size_t)(at_end - at) && memcmp(answer, at, len) == 0);
      liaison_free(answer);
      answer = NULL;
      at = at_end ? at_end + 1 : NULL;
      req = req_end + 1;
    }
  }
  liaison_free(batch);
  batch = NULL;
  /* Empty input: no answers. */
  EXPECT_STATUS(liaison_query_json_lines(intro, NULL, "", 0, &batch, &batch_len, ERR), LIAISON_OK,
                NULL);
  CHECK(batch != NULL && batch_len == 0 && batch[0] == '\0');
  liaison_free(batch);
  liaison_options_destroy(o);
  liaison_graph_close(intro);
}

/* ---- Import ---- */

static void test_import(void) {
  char* connections = data_path("connections.tsv");
  char* members = data_path("members.tsv");
  char* missing = data_path("no-such-connections.tsv");
  liaison_graph* g = NULL;
  char* bad = data_path("bad-connections.tsv");
  FILE* f = fopen(bad, "w");
  liaison_graph* from_file = open_graph("graph.liaison");
  int records;
  if (f == NULL) abort();
  fputs("1\t2\n3\tthree\n", f);
  fclose(f);
  EXPECT_STATUS(liaison_graph_import(missing, NULL, 0, &g, ERR), LIAISON_NOT_FOUND,
                "no-such-connections");
  EXPECT_STATUS(liaison_graph_import(connections, missing, 0, &g, ERR), LIAISON_NOT_FOUND,
                "no-such-connections");
  EXPECT_STATUS(liaison_graph_import(bad, NULL, 0, &g, ERR), LIAISON_INVALID_ARGUMENT, ":2");
  EXPECT_STATUS(liaison_graph_import(bad, NULL, 4, &g, ERR), LIAISON_INVALID_ARGUMENT, "flag");
  CHECK(g == NULL);
  EXPECT_STATUS(liaison_graph_import(bad, NULL, LIAISON_IMPORT_SKIP_BAD, &g, ERR), LIAISON_OK,
                NULL);
  CHECK(liaison_graph_num_connections(g) == 1);
  liaison_graph_close(g);
  g = NULL;
  /* The text form of graph.liaison imports to the same graph: every answer is the same. */
  EXPECT_STATUS(liaison_graph_import(connections, members, 0, &g, ERR), LIAISON_OK, NULL);
  CHECK(liaison_graph_num_members(g) == liaison_graph_num_members(from_file));
  CHECK(liaison_graph_num_connections(g) == liaison_graph_num_connections(from_file));
  records = run_expected(g, "imported");
  CHECK(records > 400);
  liaison_graph_close(g);
  liaison_graph_close(from_file);
  free(bad);
  free(connections);
  free(members);
  free(missing);
}

/* ---- Real networks (LIAISON_DATASETS_DIR): the counts in its README ---- */

static void check_real(const char* datasets, const char* file, uint64_t members,
                       uint64_t connections) {
  size_t size = strlen(datasets) + strlen(file) + 2;
  char* path = malloc(size);
  struct stat st;
  liaison_graph* g = NULL;
  if (path == NULL) abort();
  snprintf(path, size, "%s/%s", datasets, file);
  if (stat(path, &st) != 0) {
    fprintf(stderr, "note: %s is absent; not checked\n", path);
    free(path);
    return;
  }
  EXPECT_STATUS(liaison_graph_import(path, NULL, 0, &g, ERR), LIAISON_OK, NULL);
  CHECK(liaison_graph_num_members(g) == members);
  CHECK(liaison_graph_num_connections(g) == connections);
  liaison_graph_close(g);
  free(path);
}

static void test_real_networks(const char* datasets) {
  /* datasets/real/README.md: nodes (isolated included) and undirected edges after merging. */
  check_real(datasets, "facebook_combined.txt.gz", 4039, 88234); /* gzip, space separated */
  check_real(datasets, "CA-HepTh.txt", 9877, 25973);             /* CRLF, both directions */
}

int main(int argc, char** argv) {
  liaison_graph* g;
  int records;
  if (argc != 2 && argc != 3) {
    fprintf(stderr, "usage: c_api_test DATA_DIR [DATASETS_DIR]\n");
    return 2;
  }
  g_data_dir = argv[1];
  g = open_graph("graph.liaison");

  test_versions();
  test_null_accessors_and_destroys();
  test_null_arguments(g);
  test_files();
  test_members(g);
  records = run_expected(g, "graph.liaison");
  CHECK(records > 400);
  test_intro_fixture();
  test_bad_options(g);
  test_budgets(g);
  test_build();
  test_stats(g);
  test_json(g);
  test_import();
  if (argc == 3) test_real_networks(argv[2]);

  liaison_graph_close(g);
  printf("c_api_test: %d records of expected.txt, %d checks, %d failures\n", records, g_checks,
         g_failures);
  return g_failures == 0 ? 0 : 1;
}
