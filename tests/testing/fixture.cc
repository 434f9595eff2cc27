#include "tests/testing/fixture.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "engine/util/dates.h"
#include "liaison/builder.h"
#include "tests/testing/paths.h"

namespace liaison::testing {
namespace {

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "fixture: %s\n", what.c_str());
  std::abort();
}

std::vector<std::string> Split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, sep)) out.push_back(field);
  return out;
}

PackedDate ParseDate(const std::string& s) {
  int y, m, d;
  if (std::sscanf(s.c_str(), "%d-%d-%d", &y, &m, &d) != 3) Die("bad date " + s);
  return PackDate(DaysFromCivil(y, m, d));
}

}  // namespace

std::shared_ptr<const Snapshot> LoadFixture(const std::string& name) {
  const std::string dir = FixturePath(name);
  std::ifstream conn(dir + "/connections.tsv");
  if (!conn) Die("cannot open " + dir + "/connections.tsv");
  ConnectionBatch batch;
  bool with_strength = false, with_since = false;
  std::string line;
  while (std::getline(conn, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream in(line);
    ExternalId a, b;
    if (!(in >> a >> b)) Die("bad connection line: " + line);
    std::string s, d;
    in >> s >> d;
    batch.a.push_back(a);
    batch.b.push_back(b);
    batch.strength.push_back(s.empty() ? 255 : PackStrength(std::stof(s)));
    batch.since.push_back(d.empty() ? kNoDate : ParseDate(d));
    with_strength |= !s.empty();
    with_since |= !d.empty();
  }
  if (!with_strength) batch.strength.clear();
  if (!with_since) batch.since.clear();

  MemberTable members;
  std::ifstream mem(dir + "/members.tsv");
  const bool has_members = static_cast<bool>(mem);
  if (has_members) {
    std::getline(mem, line);
    const std::vector<std::string> header = Split(line, '\t');
    while (std::getline(mem, line)) {
      if (line.empty() || line[0] == '#') continue;
      const std::vector<std::string> f = Split(line, '\t');
      uint8_t flags = 0;
      for (size_t c = 0; c < header.size(); ++c) {
        const std::string value = c < f.size() ? f[c] : "";
        const std::string& col = header[c];
        if (col == "id") {
          members.ids.push_back(std::stoull(value));
        } else if (col == "hides_connections") {
          if (value == "1") flags |= kHidesConnections;
        } else if (col == "no_introductions") {
          if (value == "1") flags |= kNoIntroductions;
        } else if (col == "verified") {
          if (value == "1") flags |= kVerified;
        } else {
          for (int t = 0; t < kNumTextColumns; ++t) {
            if (col == TextColumnName(static_cast<TextColumn>(t))) members.text[t].push_back(value);
          }
        }
      }
      members.flags.push_back(flags);
    }
  }
  std::vector<ConnectionBatch> batches;
  batches.push_back(std::move(batch));
  auto g = BuildSnapshot(std::move(batches), has_members ? &members : nullptr, nullptr);
  if (!g.ok()) Die(g.status().ToString());
  return *std::move(g);
}

}  // namespace liaison::testing
