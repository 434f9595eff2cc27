// Batch mode from several threads on one shared snapshot (runs under ThreadSanitizer): every
// query type mixed, answers compared with a single-threaded run.

#include <sstream>

#include "gtest/gtest.h"
#include "liaison/json_api.h"
#include "nlohmann/json.hpp"
#include "tests/testing/graphs.h"

namespace liaison {
namespace {

using json = nlohmann::json;

TEST(BatchConcurrent, FourThreadsAnswerLikeOne) {
  MemberTable members;
  auto g0 = testing::BuildGraph(testing::RandomPowerLawEdges(3000, 15000, 21));
  for (VertexId v = 0; v < g0->num_members(); ++v) {
    members.ids.push_back(g0->external_id(v));
    members.flags.push_back(v % 17 == 0 ? kHidesConnections : v % 13 == 0 ? kNoIntroductions : 0);
  }
  auto g = testing::BuildGraph(testing::RandomPowerLawEdges(3000, 15000, 21), &members);
  std::ostringstream input;
  for (VertexId i = 0; i < 600; ++i) {
    const ExternalId a = g->external_id((i * 31) % g->num_members());
    const ExternalId b = g->external_id((i * 57 + 11) % g->num_members());
    switch (i % 5) {
      case 0: input << json{{"op", "degree"}, {"from", a}, {"to", b}}.dump(); break;
      case 1: input << json{{"op", "reach"}, {"from", a}, {"depth", 2}}.dump(); break;
      case 2: input << json{{"op", "paths"}, {"from", a}, {"to", b}, {"k", 3}}.dump(); break;
      case 3: input << json{{"op", "mutual"}, {"a", a}, {"b", b}}.dump(); break;
      default: input << json{{"op", "suggest"}, {"for", a}, {"k", 5}}.dump(); break;
    }
    input << "\n";
  }
  auto run = [&](int threads) {
    std::istringstream in(input.str());
    std::ostringstream out;
    EXPECT_TRUE(RunJsonLines(*g, in, out, BatchOptions{threads, 100}, nullptr).ok());
    return out.str();
  };
  const std::string serial = run(1);
  EXPECT_EQ(std::count(serial.begin(), serial.end(), '\n'), 600);
  EXPECT_EQ(run(4), serial);
}

}  // namespace
}  // namespace liaison
