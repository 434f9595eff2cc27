// The JSON layer answers exactly what the C++ queries answer, and rejects bad requests clearly.

#include "liaison/json_api.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "liaison/query.h"
#include "nlohmann/json.hpp"
#include "tests/testing/graphs.h"

namespace liaison {
namespace {

using json = nlohmann::json;
using ::testing::HasSubstr;

class JsonApiTest : public ::testing::Test {
 protected:
  void SetUp() override { g_ = testing::BuildGraph(testing::RandomPowerLawEdges(400, 2000, 5)); }
  json Ask(const json& request) { return json::parse(AnswerJson(*g_, request.dump())); }
  ExternalId Id(VertexId v) const { return g_->external_id(v); }
  std::shared_ptr<const Snapshot> g_;
};

TEST_F(JsonApiTest, DegreeMatchesTheQuery) {
  for (VertexId a = 0; a < g_->num_members(); a += 37) {
    for (VertexId b = 0; b < g_->num_members(); b += 41) {
      const auto expected = Degree(*g_, a, b, DegreeOptions());
      ASSERT_TRUE(expected.ok());
      const json answer = Ask({{"op", "degree"}, {"from", Id(a)}, {"to", Id(b)}});
      ASSERT_FALSE(answer.contains("error")) << answer;
      EXPECT_EQ(answer["op"], "degree");
      EXPECT_EQ(answer["from"].get<uint64_t>(), Id(a));
      EXPECT_EQ(answer["to"].get<uint64_t>(), Id(b));
      if (expected->degree) {
        EXPECT_EQ(answer["degree"].get<int>(), *expected->degree);
        if (*expected->degree == 2) {
          EXPECT_EQ(answer["mutual"].get<uint32_t>(), expected->mutual);
        }
      } else {
        EXPECT_TRUE(answer["degree"].is_null());
      }
    }
  }
}

TEST_F(JsonApiTest, DegreeToManyTargetsKeepsTheirOrder) {
  const std::vector<VertexId> targets = {5, 3, 200, 3, 17};
  json to = json::array();
  for (VertexId t : targets) to.push_back(Id(t));
  const json answer = Ask({{"op", "degree"}, {"from", Id(1)}, {"to", to}});
  ASSERT_TRUE(answer.contains("degrees")) << answer;
  ASSERT_EQ(answer["degrees"].size(), targets.size());
  for (size_t i = 0; i < targets.size(); ++i) {
    const auto single = Degree(*g_, 1, targets[i], DegreeOptions());
    ASSERT_TRUE(single.ok());
    EXPECT_EQ(answer["degrees"][i]["to"].get<uint64_t>(), Id(targets[i]));
    EXPECT_EQ(answer["degrees"][i]["degree"].is_null(), !single->degree.has_value());
  }
}

TEST_F(JsonApiTest, ReachMutualSuggestPathsMatchTheQueries) {
  const json reach = Ask({{"op", "reach"}, {"from", Id(2)}, {"depth", 2}});
  ReachOptions ro;
  ro.depth = 2;
  const auto r = Reach(*g_, 2, ro);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(reach["levels"].get<std::vector<uint64_t>>(), r->levels);
  EXPECT_EQ(reach["total"].get<uint64_t>(), r->total);

  const json mutual = Ask({{"op", "mutual"}, {"a", Id(0)}, {"b", Id(1)}});
  const auto m = Mutual(*g_, 0, 1);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(mutual["count"].get<size_t>(), m->members.size());

  const json suggest = Ask({{"op", "suggest"}, {"for", Id(3)}, {"k", 4}, {"score", "adamic-adar"}});
  SuggestOptions so;
  so.k = 4;
  so.score = SuggestScore::kAdamicAdar;
  const auto s = Suggest(*g_, 3, so);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(suggest["suggestions"].size(), s->suggestions.size());
  for (size_t i = 0; i < s->suggestions.size(); ++i) {
    EXPECT_EQ(suggest["suggestions"][i]["member"].get<uint64_t>(), Id(s->suggestions[i].member));
  }

  const json paths = Ask({{"op", "paths"}, {"from", Id(4)}, {"to", Id(9)}, {"k", 3}});
  PathOptions po;
  po.k = 3;
  const auto p = IntroPaths(*g_, 4, 9, po);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(paths["count"].get<uint64_t>(), p->count);
  ASSERT_EQ(paths["paths"].size(), p->paths.size());
  for (size_t i = 0; i < p->paths.size(); ++i) {
    EXPECT_EQ(paths["paths"][i]["members"].size(), p->paths[i].members.size());
    EXPECT_EQ(paths["paths"][i]["hops"].size(), p->paths[i].hops.size());
  }
}

TEST_F(JsonApiTest, BadRequestsAreAnsweredWithClearErrors) {
  auto error = [&](const std::string& line) { return json::parse(AnswerJson(*g_, line))["error"]; };
  EXPECT_EQ(error("{not json")["code"], "bad_request");
  EXPECT_EQ(error("[1,2]")["code"], "bad_request");
  EXPECT_EQ(error(R"({"from":1})")["code"], "bad_request");
  EXPECT_EQ(error(R"({"op":"teleport"})")["code"], "bad_request");
  const std::string unknown = json{{"op", "degree"}, {"from", Id(0)}, {"to", 999999999999ull}}.dump();
  EXPECT_EQ(error(unknown)["code"], "unknown_member");
  EXPECT_THAT(error(unknown)["message"].get<std::string>(), HasSubstr("999999999999"));
  const json e1 = error(json{{"op", "degree"}, {"from", Id(0)}, {"to", Id(1)}, {"max_dept", 2}}.dump());
  EXPECT_EQ(e1["code"], "invalid_argument");
  EXPECT_THAT(e1["message"].get<std::string>(), HasSubstr("max_dept"));
  EXPECT_EQ(error(json{{"op", "degree"}, {"from", -3}, {"to", Id(1)}}.dump())["code"], "invalid_argument");
  EXPECT_EQ(error(json{{"op", "degree"}, {"from", "12"}, {"to", Id(1)}}.dump())["code"], "invalid_argument");
  EXPECT_EQ(error(json{{"op", "degree"}, {"from", Id(0)}}.dump())["code"], "invalid_argument");
  EXPECT_EQ(error(json{{"op", "degree"}, {"from", Id(0)}, {"to", Id(1)}, {"max_depth", 0}}.dump())["code"],
            "invalid_argument");
  EXPECT_EQ(error(json{{"op", "suggest"}, {"for", Id(0)}, {"k", 0}}.dump())["code"], "invalid_argument");
  EXPECT_EQ(error(json{{"op", "suggest"}, {"for", Id(0)}, {"score", "vibes"}}.dump())["code"], "invalid_argument");
  EXPECT_EQ(error(json{{"op", "reach"}, {"from", Id(0)}, {"where", {{"planet", "Mars"}}}}.dump())["code"],
            "invalid_argument");
  // Invalid UTF-8 echoed in a message must not break the answer.
  EXPECT_EQ(error("{\"op\":\"\xff\"}")["code"], "bad_request");
}

TEST_F(JsonApiTest, BatchKeepsInputOrderAndSkipsBlankLines) {
  std::ostringstream input;
  std::vector<std::string> expected;
  for (VertexId a = 0; a < 300; ++a) {
    const std::string line =
        json{{"op", "degree"}, {"from", Id(a)}, {"to", Id((a * 7) % g_->num_members())}}.dump();
    input << line << "\n";
    if (a % 50 == 0) input << "\n   \n";
    if (a % 97 == 0) input << "{broken\n";
    expected.push_back(AnswerJson(*g_, line));
    if (a % 97 == 0) expected.push_back(AnswerJson(*g_, "{broken"));
  }
  for (int threads : {1, 2, 4}) {
    std::istringstream in(input.str());
    std::ostringstream out;
    BatchReport report;
    ASSERT_TRUE(RunJsonLines(*g_, in, out, BatchOptions{threads, 64}, &report).ok());
    std::istringstream lines(out.str());
    std::string line;
    size_t i = 0;
    while (std::getline(lines, line)) {
      ASSERT_LT(i, expected.size());
      EXPECT_EQ(line, expected[i]) << "line " << i << " with " << threads << " threads";
      ++i;
    }
    EXPECT_EQ(i, expected.size());
    EXPECT_EQ(report.lines, expected.size());
    EXPECT_EQ(report.errors, 4u);
  }
}

// The batch reader cuts its input in blocks: lines longer than a block, CRLF endings, a last line
// without a newline, chunks of one line and an empty input all give one answer per request.
TEST_F(JsonApiTest, BatchReadsAnyLineLayout) {
  std::vector<std::string> requests;
  for (VertexId a = 0; a < 40; ++a) {
    requests.push_back(
        json{{"op", "degree"}, {"from", Id(a)}, {"to", Id((a * 3 + 1) % g_->num_members())}}.dump());
  }
  // One request of about 200 kB (more than the reader's 64 KiB block): many targets.
  json many = json::array();
  for (size_t i = 0; i < 20000; ++i) many.push_back(Id(static_cast<VertexId>(i % g_->num_members())));
  requests.insert(requests.begin() + 17, json{{"op", "degree"}, {"from", Id(2)}, {"to", many}}.dump());
  ASSERT_GT(requests[17].size(), size_t{1} << 17);
  std::vector<std::string> expected;
  for (const std::string& r : requests) expected.push_back(AnswerJson(*g_, r));
  for (const bool crlf : {false, true}) {
    for (const bool final_newline : {false, true}) {
      std::string input;
      for (size_t i = 0; i < requests.size(); ++i) {
        input += requests[i];
        if (i + 1 < requests.size() || final_newline) input += crlf ? "\r\n" : "\n";
      }
      for (const size_t chunk : {size_t{1}, size_t{3}, size_t{256}}) {
        for (const int threads : {1, 2}) {
          SCOPED_TRACE(::testing::Message() << "crlf " << crlf << " final newline " << final_newline
                                            << " chunk " << chunk << " threads " << threads);
          std::istringstream in(input);
          std::ostringstream out;
          BatchReport report;
          ASSERT_TRUE(RunJsonLines(*g_, in, out, BatchOptions{threads, chunk}, &report).ok());
          std::string want;
          for (const std::string& e : expected) want += e + "\n";
          EXPECT_EQ(out.str(), want);
          EXPECT_EQ(report.lines, requests.size());
          EXPECT_EQ(report.errors, 0u);
        }
      }
    }
  }
  std::istringstream empty("");
  std::ostringstream out;
  BatchReport report;
  ASSERT_TRUE(RunJsonLines(*g_, empty, out, BatchOptions{2, 8}, &report).ok());
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(report.lines, 0u);
}

}  // namespace
}  // namespace liaison
