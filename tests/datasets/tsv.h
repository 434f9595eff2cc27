// A deliberately simple TSV reader for the generator tests, independent of the generator's
// writer and of engine/io: whole file in memory, lines split on '\n', fields on '\t'.

#ifndef LIAISON_TESTS_DATASETS_TSV_H_
#define LIAISON_TESTS_DATASETS_TSV_H_

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace liaison::testing {

using TsvRow = std::vector<std::string>;

inline std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Every line of the file (the header first), split into fields. Empty fields are kept.
inline std::vector<TsvRow> ReadTsv(const std::string& path) {
  const std::string text = ReadWholeFile(path);
  std::vector<TsvRow> rows;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    TsvRow row;
    size_t field = start;
    while (true) {
      const size_t tab = text.find('\t', field);
      if (tab == std::string::npos || tab >= end) {
        row.push_back(text.substr(field, end - field));
        break;
      }
      row.push_back(text.substr(field, tab - field));
      field = tab + 1;
    }
    rows.push_back(std::move(row));
    start = end + 1;
  }
  return rows;
}

}  // namespace liaison::testing

#endif  // LIAISON_TESTS_DATASETS_TSV_H_
