/* Embedding Liaison in C: import a network, ask for introductions from Ann (1) to Hal (8). */
#include <liaison.h>
#include <stdio.h>

int main(int argc, char** argv) {
  liaison_graph* g = NULL;
  liaison_paths_result* p = NULL;
  char* err = NULL; /* every call returns LIAISON_OK (0) or an error code and a message */
  if (argc < 2 || liaison_graph_import(argv[1], argc > 2 ? argv[2] : NULL, 0, &g, &err) ||
      liaison_paths(g, NULL, 1, 8, &p, &err)) {
    fprintf(stderr, "embed: %s\n", err ? err : "usage: embed CONNECTIONS [MEMBERS]");
    liaison_free(err);
    liaison_graph_close(g);
    return 1;
  }
  printf("Ann -> Hal: %d hops, %llu shortest paths\n", liaison_paths_result_hops(p),
         (unsigned long long)liaison_paths_result_count(p));
  for (size_t i = 0; i < liaison_paths_result_num_paths(p); ++i) {
    const uint64_t* ids;
    size_t n = liaison_paths_result_path(p, i, &ids);
    printf("  warmth %.3f:", liaison_paths_result_warmth(p, i));
    for (size_t j = 0; j < n; ++j)
      printf(" %llu%s", (unsigned long long)ids[j], j + 1 < n ? "" : "\n");
  }
  liaison_paths_result_destroy(p);
  liaison_graph_close(g);
  return 0;
}
