/* Built against an installed Liaison (header, library, CMake package or pkg-config file): builds a
 * small graph, checks an answer, and checks that the header matches the library. */
#include <liaison.h>
#include <stdio.h>

int main(void) {
  const uint64_t a[] = {10, 20, 30}, b[] = {20, 30, 40};
  liaison_graph* g = NULL;
  liaison_degree_result* d = NULL;
  char* err = NULL;
  int degree;
  if (liaison_version() != LIAISON_VERSION_NUMBER || liaison_abi_version() != LIAISON_ABI_VERSION) {
    fprintf(stderr, "consumer: header and library differ (library %s)\n", liaison_version_string());
    return 1;
  }
  if (liaison_graph_build(a, b, NULL, 3, &g, &err) != LIAISON_OK ||
      liaison_degree(g, NULL, 10, 40, &d, &err) != LIAISON_OK) {
    fprintf(stderr, "consumer: %s\n", err);
    liaison_free(err);
    return 1;
  }
  degree = liaison_degree_result_degree(d);
  printf("liaison %s: degree(10, 40) = %d\n", liaison_version_string(), degree);
  liaison_degree_result_destroy(d);
  liaison_graph_close(g);
  return degree == 3 ? 0 : 1;
}
