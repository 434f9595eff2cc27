// The date table of text_format.h: "YYYY-MM-DD" for every generated day, built once.

#include "datasets/generators/text_format.h"

#include <vector>

#include "engine/util/dates.h"

namespace liaison::generators {
namespace {

std::vector<char> BuildDateTable() {
  std::vector<char> table((kLastGeneratedDay + 1) * 10);
  for (uint32_t d = 0; d <= kLastGeneratedDay; ++d) {
    const CivilDay c = CivilFromDays(kGeneratedEpochDays + d);
    char* p = table.data() + d * 10;
    const int y = static_cast<int>(c.year);
    p[0] = static_cast<char>('0' + y / 1000);
    p[1] = static_cast<char>('0' + y / 100 % 10);
    p[2] = static_cast<char>('0' + y / 10 % 10);
    p[3] = static_cast<char>('0' + y % 10);
    p[4] = '-';
    p[5] = static_cast<char>('0' + c.month / 10);
    p[6] = static_cast<char>('0' + c.month % 10);
    p[7] = '-';
    p[8] = static_cast<char>('0' + c.day / 10);
    p[9] = static_cast<char>('0' + c.day % 10);
  }
  return table;
}

}  // namespace

const char* GeneratedDateTable() {
  static const std::vector<char>* const kTable = new std::vector<char>(BuildDateTable());
  return kTable->data();
}

}  // namespace liaison::generators
