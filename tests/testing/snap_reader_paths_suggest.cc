#include "tests/testing/snap_reader_paths_suggest.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace liaison::testing::paths_suggest {

EdgeList ReadSnapEdges(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "ReadSnapEdges: cannot open %s\n", path.c_str());
    std::abort();
  }
  EdgeList edges;
  std::string line;
  uint64_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    unsigned long long a = 0, b = 0;
    char sep = 0;
    // "%llu%*[ \t,]%llu" would accept "1 2x"; parse by hand: digits, separators, digits.
    size_t i = 0;
    auto number = [&](unsigned long long& v) {
      const size_t start = i;
      while (i < line.size() && line[i] >= '0' && line[i] <= '9') v = v * 10 + (line[i++] - '0');
      return i > start;
    };
    bool ok = number(a);
    while (ok && i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == ',')) sep = line[i++];
    ok = ok && sep != 0 && number(b);
    while (ok && i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (!ok || i != line.size()) {
      std::fprintf(stderr, "ReadSnapEdges: %s:%llu: malformed line \"%s\"\n", path.c_str(),
                   static_cast<unsigned long long>(line_no), line.c_str());
      std::abort();
    }
    edges.emplace_back(a, b);
  }
  return edges;
}

}  // namespace liaison::testing::paths_suggest
