/* Concurrency test of the C API, compiled as strict C11 with POSIX threads: 8 threads query one
 * shared liaison_graph handle (and share one read-only liaison_options) at the same time, and
 * every answer must equal the answer computed first on the main thread alone. Registered with the
 * CTest label "concurrent", so the tsan preset runs it under ThreadSanitizer.
 *
 * Usage: c_api_concurrent_test DATA_DIR (graph.liaison written by capi_oracle).
 *
 * Each query's answer is folded into a 64-bit fingerprint of every field the C API returns (ids,
 * counts, degrees, warmth and score bits, dates, error codes); threads run the whole query list
 * several times, each starting at a different place, so that different queries overlap.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liaison.h"

enum { kThreads = 8, kRounds = 3, kQueries = 600 };

typedef enum { DEGREE, MANY, REACH, PATHS, MUTUAL, SUGGEST } kind;

typedef struct {
  kind kind;
  uint64_t a, b;
} query;

static const liaison_graph* g_graph;
static const liaison_options* g_options;
static query g_queries[kQueries];
static uint64_t g_expected[kQueries];
static int g_failures[kThreads];

static uint64_t mix(uint64_t h, uint64_t x) {
  h ^= x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h * 0xff51afd7ed558ccdULL;
}
static uint64_t mix_double(uint64_t h, double d) {
  uint64_t bits;
  memcpy(&bits, &d, sizeof bits);
  return mix(h, bits);
}
static uint64_t mix_text(uint64_t h, const char* s) {
  if (s == NULL) return mix(h, 0xdeadULL);
  while (*s != '\0') h = mix(h, (unsigned char)*s++);
  return h;
}

static uint64_t run(const query* q, liaison_status* out_status) {
  uint64_t h = (uint64_t)q->kind;
  char* err = NULL;
  liaison_status st = LIAISON_OK;
  size_t i, j;
  switch (q->kind) {
    case DEGREE: {
      liaison_degree_result* r = NULL;
      st = liaison_degree(g_graph, g_options, q->a, q->b, &r, &err);
      h = mix(h, (uint64_t)(int64_t)liaison_degree_result_degree(r));
      h = mix(h, liaison_degree_result_mutual(r));
      liaison_degree_result_destroy(r);
      break;
    }
    case MANY: {
      liaison_degree_results* r = NULL;
      uint64_t to[3];
      to[0] = q->b;
      to[1] = q->a;
      to[2] = q->b ^ 1;
      st = liaison_degree_many(g_graph, g_options, q->a, to,
                               liaison_graph_contains(g_graph, to[2]) ? 3 : 2, &r, &err);
      for (i = 0; i < liaison_degree_results_count(r); ++i) {
        h = mix(h, (uint64_t)(int64_t)liaison_degree_results_degree(r, i));
        h = mix(h, liaison_degree_results_mutual(r, i));
      }
      liaison_degree_results_destroy(r);
      break;
    }
    case REACH: {
      liaison_reach_result* r = NULL;
      st = liaison_reach(g_graph, g_options, q->a, &r, &err);
      for (i = 0; i < liaison_reach_result_num_levels(r); ++i) {
        h = mix(h, liaison_reach_result_levels(r)[i]);
      }
      for (i = 0; i < liaison_reach_result_num_listed(r); ++i) {
        h = mix(h, liaison_reach_result_listed(r)[i]);
        h = mix(h, (uint64_t)liaison_reach_result_listed_distances(r)[i]);
      }
      liaison_reach_result_destroy(r);
      break;
    }
    case PATHS: {
      liaison_paths_result* r = NULL;
      st = liaison_paths(g_graph, g_options, q->a, q->b, &r, &err);
      h = mix(h, (uint64_t)(int64_t)liaison_paths_result_hops(r));
      h = mix(h, liaison_paths_result_count(r));
      for (i = 0; i < liaison_paths_result_num_paths(r); ++i) {
        const uint64_t* members = NULL;
        size_t len = liaison_paths_result_path(r, i, &members);
        for (j = 0; j < len; ++j) h = mix(h, members[j]);
        h = mix_double(h, liaison_paths_result_warmth(r, i));
        for (j = 0; j + 1 < len; ++j) {
          h = mix_double(h, liaison_paths_result_hop_strength(r, i, j));
          h = mix_text(h, liaison_paths_result_hop_since(r, i, j));
        }
      }
      liaison_paths_result_destroy(r);
      break;
    }
    case MUTUAL: {
      liaison_mutual_result* r = NULL;
      st = liaison_mutual(g_graph, q->a, q->b, &r, &err);
      for (i = 0; i < liaison_mutual_result_count(r); ++i) {
        h = mix(h, liaison_mutual_result_members(r)[i]);
      }
      liaison_mutual_result_destroy(r);
      break;
    }
    case SUGGEST: {
      liaison_suggest_result* r = NULL;
      st = liaison_suggest(g_graph, g_options, q->a, &r, &err);
      for (i = 0; i < liaison_suggest_result_count(r); ++i) {
        const uint64_t* reasons = NULL;
        size_t n = liaison_suggest_result_reasons(r, i, &reasons);
        h = mix(h, liaison_suggest_result_member(r, i));
        h = mix(h, liaison_suggest_result_mutual(r, i));
        h = mix_double(h, liaison_suggest_result_score(r, i));
        for (j = 0; j < n; ++j) h = mix(h, reasons[j]);
      }
      liaison_suggest_result_destroy(r);
      break;
    }
  }
  if (out_status != NULL) *out_status = st;
  h = mix(h, (uint64_t)st);
  h = mix_text(h, err);
  liaison_free(err);
  return h;
}

static void* worker(void* arg) {
  const int t = (int)(intptr_t)arg;
  int round, i;
  for (round = 0; round < kRounds; ++round) {
    for (i = 0; i < kQueries; ++i) {
      const int q = (i + t * (kQueries / kThreads) + round * 7) % kQueries;
      if (run(&g_queries[q], NULL) != g_expected[q]) {
        if (g_failures[t]++ < 5) {
          fprintf(stderr,
                  "thread %d: query %d (kind %d, %llu, %llu) differs from the serial answer\n", t,
                  q, (int)g_queries[q].kind, (unsigned long long)g_queries[q].a,
                  (unsigned long long)g_queries[q].b);
        }
      }
    }
  }
  return NULL;
}

int main(int argc, char** argv) {
  liaison_graph* graph = NULL;
  liaison_options* options;
  pthread_t threads[kThreads];
  char path[4096];
  char* err = NULL;
  uint64_t n, seed = 12345, unknown = 0;
  int i, failures = 0, errors = 0;
  if (argc != 2) {
    fprintf(stderr, "usage: c_api_concurrent_test DATA_DIR\n");
    return 2;
  }
  snprintf(path, sizeof path, "%s/graph.liaison", argv[1]);
  if (liaison_graph_open(path, 0, &graph, &err) != LIAISON_OK) {
    fprintf(stderr, "cannot open %s: %s\n", path, err);
    return 1;
  }
  options = liaison_options_create();
  if (options == NULL || liaison_options_set_depth(options, 2, NULL) != LIAISON_OK ||
      liaison_options_set_list(options, 1, NULL) != LIAISON_OK ||
      liaison_options_set_limit(options, 50, NULL) != LIAISON_OK ||
      liaison_options_set_k(options, 5, NULL) != LIAISON_OK ||
      liaison_options_set_score(options, "adamic-adar", NULL) != LIAISON_OK ||
      liaison_options_set_max_depth(options, 4, NULL) != LIAISON_OK) {
    fprintf(stderr, "cannot set options\n");
    return 1;
  }
  g_graph = graph;
  g_options = options;
  n = liaison_graph_num_members(graph);
  if (liaison_graph_member_at(graph, n - 1, &unknown, NULL) != LIAISON_OK) return 1;
  ++unknown;

  /* Pseudo-random queries (a fixed LCG), one in 50 with an unknown member: errors must be
   * reported identically under concurrency too. */
  for (i = 0; i < kQueries; ++i) {
    uint64_t ia, ib;
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    ia = (seed >> 33) % n;
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    ib = (seed >> 33) % n;
    g_queries[i].kind = (kind)(i % 6);
    if (liaison_graph_member_at(graph, ia, &g_queries[i].a, NULL) != LIAISON_OK ||
        liaison_graph_member_at(graph, ib, &g_queries[i].b, NULL) != LIAISON_OK) {
      return 1;
    }
    if (i % 50 == 49) g_queries[i].b = unknown;
    if (i % 100 == 3) g_queries[i].a = unknown;
  }
  /* The serial answers are real answers: exactly the queries naming an unknown member fail, with
   * NOT_FOUND. */
  for (i = 0; i < kQueries; ++i) {
    liaison_status st;
    const kind k = g_queries[i].kind;
    const int uses_b = k != REACH && k != SUGGEST;
    const int has_unknown = g_queries[i].a == unknown || (uses_b && g_queries[i].b == unknown);
    g_expected[i] = run(&g_queries[i], &st);
    if (st != (has_unknown ? LIAISON_NOT_FOUND : LIAISON_OK)) {
      fprintf(stderr, "serial query %d (kind %d): %s\n", i, (int)g_queries[i].kind,
              liaison_status_name(st));
      ++errors;
    }
  }
  if (errors != 0) return 1;

  for (i = 0; i < kThreads; ++i) {
    if (pthread_create(&threads[i], NULL, worker, (void*)(intptr_t)i) != 0) {
      fprintf(stderr, "pthread_create failed\n");
      return 1;
    }
  }
  for (i = 0; i < kThreads; ++i) pthread_join(threads[i], NULL);
  for (i = 0; i < kThreads; ++i) failures += g_failures[i];

  liaison_options_destroy(options);
  liaison_graph_close(graph);
  printf("c_api_concurrent_test: %d threads x %d rounds x %d queries, %d mismatches\n", kThreads,
         kRounds, kQueries, failures);
  return failures == 0 ? 0 : 1;
}
