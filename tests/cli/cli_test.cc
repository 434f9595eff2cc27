// End-to-end tests of the liaison binary: exit codes, error messages, JSON output, and the
// generate -> import -> stats -> query path on files it writes itself.

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/paths.h"

namespace liaison {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using ::testing::HasSubstr;

struct CliResult {
  int exit_code;
  std::string out;
  std::string err;
};

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("liaison_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `liaison <args>` with `input` on stdin.
  CliResult Run(const std::string& args, const std::string& input = "") {
    const fs::path in = dir_ / "stdin", out = dir_ / "stdout", err = dir_ / "stderr";
    std::ofstream(in) << input;
    const std::string cmd = testing::CliPath() + " " + args + " <" + in.string() + " >" + out.string() +
                            " 2>" + err.string();
    const int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadFile(out), ReadFile(err)};
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  void Write(const std::string& name, const std::string& text) const { std::ofstream(dir_ / name) << text; }

  fs::path dir_;
};

TEST_F(CliTest, GenerateImportStatsAndQuery) {
  CliResult gen = Run("generate --members 3000 --avg-degree 12 --seed 7 --out " + Path("net"));
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  CliResult imp = Run("import " + Path("net/connections.tsv") + " --members " + Path("net/members.tsv") +
                      " --out " + Path("net.liaison") + " --json");
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  const json report = json::parse(imp.out);
  EXPECT_EQ(report["members"].get<uint64_t>(), 3000u);
  EXPECT_EQ(report["bad_lines_skipped"].get<uint64_t>(), 0u);

  CliResult stats = Run("stats " + Path("net.liaison") + " --verify --json");
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  const json s = json::parse(stats.out);
  EXPECT_EQ(s["members"].get<uint64_t>(), 3000u);
  EXPECT_EQ(s["connections"].get<uint64_t>(), report["connections"].get<uint64_t>());
  EXPECT_TRUE(s.contains("profiles"));

  // The same statistics from the text file imported on the fly.
  CliResult stats_text = Run("stats " + Path("net/connections.tsv") + " --members " + Path("net/members.tsv") + " --json");
  ASSERT_EQ(stats_text.exit_code, 0) << stats_text.err;
  EXPECT_EQ(json::parse(stats_text.out)["connections"], s["connections"]);

  CliResult batch = Run("query " + Path("net.liaison") + " --threads 2",
                        "{\"op\":\"degree\",\"from\":1,\"to\":2}\n{\"op\":\"reach\",\"from\":1,\"depth\":2}\n"
                        "{\"op\":\"degree\",\"from\":1,\"to\":99999999}\n");
  ASSERT_EQ(batch.exit_code, 0) << batch.err;
  std::istringstream lines(batch.out);
  std::string l1, l2, l3;
  std::getline(lines, l1);
  std::getline(lines, l2);
  std::getline(lines, l3);
  EXPECT_EQ(json::parse(l1)["op"], "degree");
  EXPECT_EQ(json::parse(l2)["op"], "reach");
  EXPECT_EQ(json::parse(l3)["error"]["code"], "unknown_member");

  // The snapshot copied into memory answers the same.
  CliResult copied = Run("query " + Path("net.liaison") + " --threads 2 --in-memory",
                         "{\"op\":\"degree\",\"from\":1,\"to\":2}\n{\"op\":\"reach\",\"from\":1,\"depth\":2}\n"
                         "{\"op\":\"degree\",\"from\":1,\"to\":99999999}\n");
  ASSERT_EQ(copied.exit_code, 0) << copied.err;
  EXPECT_EQ(copied.out, batch.out);
  CliResult copied_stats = Run("stats " + Path("net.liaison") + " --verify --in-memory --json");
  ASSERT_EQ(copied_stats.exit_code, 0) << copied_stats.err;
  EXPECT_EQ(json::parse(copied_stats.out)["connections"], s["connections"]);
}

TEST_F(CliTest, QueryCommandsOnAFixture) {
  Write("c.tsv", "1\t2\n2\t3\n3\t4\n1\t5\n5\t3\n");
  CliResult d = Run("degree " + Path("c.tsv") + " 1 3 --json");
  ASSERT_EQ(d.exit_code, 0) << d.err;
  const json a = json::parse(d.out);
  EXPECT_EQ(a["degree"], 2);
  EXPECT_EQ(a["mutual"], 2);
  CliResult many = Run("degree " + Path("c.tsv") + " 1 2,3,4 --json");
  ASSERT_EQ(many.exit_code, 0) << many.err;
  EXPECT_EQ(json::parse(many.out)["degrees"][2]["degree"], 3);
  CliResult human = Run("degree " + Path("c.tsv") + " 1 4");
  EXPECT_THAT(human.out, HasSubstr("3rd-degree"));
  CliResult m = Run("mutual " + Path("c.tsv") + " 1 3 --json");
  EXPECT_EQ(json::parse(m.out)["members"], json::array({2, 5}));
  CliResult p = Run("paths " + Path("c.tsv") + " 1 4 --json");
  ASSERT_EQ(p.exit_code, 0) << p.err;
  EXPECT_EQ(json::parse(p.out)["count"], 2);
  CliResult r = Run("reach " + Path("c.tsv") + " 1 --json");
  EXPECT_EQ(json::parse(r.out)["levels"], json::array({2, 1, 1}));
  CliResult s = Run("suggest " + Path("c.tsv") + " 1 --json");
  EXPECT_EQ(json::parse(s.out)["suggestions"][0]["member"], 3);
}

TEST_F(CliTest, ExitCodesAndErrors) {
  Write("c.tsv", "1\t2\n2\t3\n");
  EXPECT_EQ(Run("").exit_code, 2);
  EXPECT_EQ(Run("frobnicate").exit_code, 2);
  CliResult bad_id = Run("degree " + Path("c.tsv") + " 1 x2");
  EXPECT_EQ(bad_id.exit_code, 2);
  CliResult unknown = Run("degree " + Path("c.tsv") + " 1 42");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("member 42 is not in the graph"));
  CliResult depth = Run("degree " + Path("c.tsv") + " 1 2 --max-depth 0");
  EXPECT_EQ(depth.exit_code, 2);
  CliResult missing = Run("stats " + Path("nope.tsv"));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("nope.tsv"));

  // A malformed line: exit 1, file and line named, and no snapshot written.
  Write("bad.tsv", "1\t2\n3\tfour\n");
  CliResult bad = Run("import " + Path("bad.tsv") + " --out " + Path("bad.liaison"));
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("bad.tsv:2"));
  EXPECT_FALSE(fs::exists(Path("bad.liaison")));
  CliResult skipped = Run("import " + Path("bad.tsv") + " --out " + Path("bad.liaison") + " --skip-bad --json");
  EXPECT_EQ(skipped.exit_code, 0) << skipped.err;
  EXPECT_EQ(json::parse(skipped.out)["bad_lines_skipped"], 1);
  EXPECT_TRUE(fs::exists(Path("bad.liaison")));

  // A corrupted snapshot: stats --verify fails with exit 1, never crashes.
  std::string bytes = ReadFile(Path("bad.liaison"));
  // Sections start at 4 KiB boundaries after the header and table: the 8-byte scalars section at
  // 4096, then the offsets at 8192 (padding is not checksummed, so flip inside offsets[1]).
  ASSERT_GT(bytes.size(), 8192u + 16u);
  bytes[8192 + 9] ^= 0x5a;
  std::ofstream(Path("corrupt.liaison"), std::ios::binary) << bytes;
  CliResult corrupt = Run("stats " + Path("corrupt.liaison") + " --verify");
  EXPECT_EQ(corrupt.exit_code, 1);
  EXPECT_FALSE(corrupt.err.empty());
}

}  // namespace
}  // namespace liaison
