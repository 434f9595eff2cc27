#include "tests/testing/snap_reader_qa.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace liaison::testing {

EdgeList ReadSnapEdgesQa(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "ReadSnapEdgesQa: cannot open %s\n", path.c_str());
    std::abort();
  }
  EdgeList edges;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    ExternalId a, b;
    if (!(fields >> a >> b)) {
      std::fprintf(stderr, "ReadSnapEdgesQa: %s:%zu: bad line '%s'\n", path.c_str(), line_no,
                   line.c_str());
      std::abort();
    }
    edges.emplace_back(a, b);
  }
  return edges;
}

}  // namespace liaison::testing
