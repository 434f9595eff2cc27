// The generators' output does not depend on the thread count: the same options written with one
// thread (tbb::global_control), in a 2-thread and in a 4-thread arena give byte-identical files,
// and the in-memory network is identical too; the ordered pipeline then formats several blocks
// on different threads at once. Labelled "concurrent", so the tsan preset runs it too; note that
// oneTBB itself is not instrumented, and a TSan run that caps oneTBB at one thread (as the tsan
// preset may, to avoid reports from TBB's internals) checks only the single-thread path.

#include <unistd.h>

#include <filesystem>
#include <string>

#include "datasets/generators/professional_network.h"
#include "gtest/gtest.h"
#include "oneapi/tbb/global_control.h"
#include "oneapi/tbb/task_arena.h"
#include "tests/datasets/tsv.h"

namespace liaison::generators {
namespace {

using ::liaison::testing::ReadWholeFile;

std::string Dir(const std::string& name) {
  return (std::filesystem::path(::testing::TempDir()) /
          ("liaison_threads_" + name + "_" + std::to_string(::getpid())))
      .string();
}

// Runs fn with `threads` worker threads: one through global_control, more in an explicit arena.
template <typename Fn>
void WithThreads(int threads, Fn&& fn) {
  if (threads == 1) {
    tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    fn();
  } else {
    tbb::task_arena arena(threads);
    arena.execute(fn);
  }
}

TEST(GeneratorThreadsTest, FilesAreIdenticalForAnyThreadCount) {
  const ProfessionalNetworkOptions options{30000, 20, 21};
  const KroneckerOptions kronecker{14, 16, 5};
  std::string members[3], connections[3], rows[3];
  const int threads[3] = {1, 2, 4};
  for (int i = 0; i < 3; ++i) {
    const std::string dir = Dir(std::to_string(threads[i]));
    absl::Status s1, s2;
    WithThreads(threads[i], [&] {
      s1 = WriteProfessionalNetwork(options, dir + "/net", nullptr);
      s2 = WriteKroneckerNetwork(kronecker, dir + "/kron", nullptr);
    });
    ASSERT_TRUE(s1.ok()) << s1;
    ASSERT_TRUE(s2.ok()) << s2;
    members[i] = ReadWholeFile(dir + "/net/members.tsv");
    connections[i] = ReadWholeFile(dir + "/net/connections.tsv");
    rows[i] = ReadWholeFile(dir + "/kron/connections.tsv");
    std::filesystem::remove_all(dir);
  }
  ASSERT_GT(connections[0].size(), 1000000u);
  for (int i = 1; i < 3; ++i) {
    EXPECT_TRUE(members[i] == members[0]) << threads[i] << " threads: members.tsv differs";
    EXPECT_TRUE(connections[i] == connections[0]) << threads[i] << " threads: connections.tsv differs";
    EXPECT_TRUE(rows[i] == rows[0]) << threads[i] << " threads: Kronecker rows differ";
  }
}

TEST(GeneratorThreadsTest, InMemoryNetworkIsIdenticalForAnyThreadCount) {
  const ProfessionalNetworkOptions options{20000, 30, 8};
  absl::StatusOr<GeneratedNetwork> one, four;
  WithThreads(1, [&] { one = GenerateProfessionalNetwork(options); });
  WithThreads(4, [&] { four = GenerateProfessionalNetwork(options); });
  ASSERT_TRUE(one.ok() && four.ok());
  ASSERT_EQ(one->connections.size(), four->connections.size());
  for (size_t i = 0; i < one->connections.size(); ++i) {
    EXPECT_EQ(one->connections[i].a, four->connections[i].a);
    EXPECT_EQ(one->connections[i].b, four->connections[i].b);
    EXPECT_EQ(one->connections[i].strength, four->connections[i].strength);
    EXPECT_EQ(one->connections[i].since, four->connections[i].since);
  }
  EXPECT_EQ(one->members.ids, four->members.ids);
  EXPECT_EQ(one->members.flags, four->members.flags);
  EXPECT_EQ(one->members.text, four->members.text);
}

}  // namespace
}  // namespace liaison::generators
