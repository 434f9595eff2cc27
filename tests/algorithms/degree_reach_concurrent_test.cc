// Degree, DegreeMany, Reach and Mutual from several threads at once on one snapshot. Expected
// answers come from the oracle (tests/testing/visible_graph_qa.h) computed before the threads
// start; each thread then runs every query several times in its own order, so per-thread scratch is
// reused across queries, viewers and graphs while parallel reach steps (oneTBB) run inside
// concurrent callers.
//
// ThreadSanitizer runs every test here: TBB is capped at one thread there (LIAISON_TBB_THREADS=1),
// so parallel steps run on their caller, and the TBB allocators the engine calls are replaced by
// malloc/free (engine/util/tsan_tbb_allocator.cc) so that memory recycled between the test's
// threads is visible to TSan.

#include <atomic>
#include <random>
#include <thread>

#include "engine/algorithms/reach_internal.h"
#include "gtest/gtest.h"
#include "liaison/query.h"
#include "oneapi/tbb/parallel_for.h"
#include "oneapi/tbb/task_arena.h"
#include "tests/testing/graphs.h"
#include "tests/testing/visible_graph_qa.h"

namespace liaison {
namespace {

struct Expected {
  VertexId from;
  std::vector<VertexId> targets;
  std::vector<std::optional<int>> degrees;
  std::vector<uint32_t> mutuals;
  std::vector<uint64_t> levels3, levels16;
  std::vector<ReachMember> listing3;  // first 50 of the depth-3 listing
  std::vector<std::vector<VertexId>> mutual_lists;
};

std::vector<Expected> ComputeExpected(const Snapshot& g, int viewers, int targets, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Expected> out;
  for (int i = 0; i < viewers; ++i) {
    Expected e;
    e.from = rng() % g.num_members();
    const testing::VisibleGraphQa oracle(g, e.from);
    for (int t = 0; t < targets; ++t) {
      VertexId to = rng() % g.num_members();
      if (t % 2 == 0 && g.degree(e.from) > 0) {  // some targets near the viewer
        const VertexId x = g.neighbors(e.from)[rng() % g.degree(e.from)];
        if (g.degree(x) > 0) to = g.neighbors(x)[rng() % g.degree(x)];
      }
      e.targets.push_back(to);
      e.degrees.push_back(oracle.ExpectedDegree(to, 4));
      e.mutual_lists.push_back(to == e.from ? std::vector<VertexId>{} : oracle.BruteMutual(to));
      const bool has_mutual = e.degrees.back() == 1 || e.degrees.back() == 2;
      e.mutuals.push_back(has_mutual ? e.mutual_lists.back().size() : 0);
    }
    e.levels3 = oracle.ReachLevels(3, {});
    e.levels16 = oracle.ReachLevels(16, {});
    const auto listing = oracle.ReachListing(3, {});
    e.listing3.assign(listing.begin(), listing.begin() + std::min<size_t>(50, listing.size()));
    out.push_back(std::move(e));
  }
  return out;
}

// Runs every query of `expected` `rounds` times, starting at a thread-specific viewer; returns the
// number of mismatches.
int RunQueries(const Snapshot& g, const std::vector<Expected>& expected, int thread, int rounds,
               const internal::ReachTuning& tuning) {
  int errors = 0;
  DegreeOptions d;
  d.max_depth = 4;
  for (int round = 0; round < rounds; ++round) {
    for (size_t k = 0; k < expected.size(); ++k) {
      const Expected& e = expected[(k + thread) % expected.size()];
      const auto many = DegreeMany(g, e.from, e.targets, d);
      if (!many.ok()) return ++errors;
      for (size_t i = 0; i < e.targets.size(); ++i) {
        const auto one = Degree(g, e.from, e.targets[i], d);
        if (!one.ok() || one->degree != e.degrees[i] || one->mutual != e.mutuals[i]) ++errors;
        if ((*many)[i].degree != e.degrees[i] || (*many)[i].mutual != e.mutuals[i]) ++errors;
        if (e.targets[i] != e.from) {
          const auto m = Mutual(g, e.from, e.targets[i]);
          if (!m.ok() || m->members != e.mutual_lists[i]) ++errors;
        }
      }
      ReachOptions r;
      r.depth = 3;
      r.list = true;
      r.limit = 50;
      const auto r3 = internal::ReachTuned(g, e.from, r, tuning, nullptr);
      if (!r3.ok() || r3->levels != e.levels3 || r3->members.size() != e.listing3.size()) {
        ++errors;
      } else {
        for (size_t i = 0; i < e.listing3.size(); ++i) {
          errors += r3->members[i].member != e.listing3[i].member ||
                    r3->members[i].distance != e.listing3[i].distance;
        }
      }
      r.depth = 16;
      r.list = false;
      const auto r16 = internal::ReachTuned(g, e.from, r, tuning, nullptr);
      if (!r16.ok() || r16->levels != e.levels16) ++errors;
    }
  }
  return errors;
}

void RunThreads(const Snapshot& g, const std::vector<Expected>& expected, int threads, int rounds,
                const internal::ReachTuning& tuning) {
  std::vector<int> errors(threads, 0);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] { errors[t] = RunQueries(g, expected, t, rounds, tuning); });
  }
  for (auto& th : pool) th.join();
  for (int t = 0; t < threads; ++t) EXPECT_EQ(errors[t], 0) << "thread " << t;
}

// The snapshot is built in a one-thread arena, so that every test checks the queries only (the
// builder has its own concurrent test).
std::shared_ptr<const Snapshot> BuildSerially(const testing::EdgeList& edges,
                                              const MemberTable& members) {
  std::shared_ptr<const Snapshot> g;
  tbb::task_arena(1).execute([&] { g = testing::BuildGraph(edges, &members); });
  return g;
}

TEST(DegreeReachConcurrent, SerialStepsManyThreads) {
  const auto edges = testing::RandomPowerLawEdges(3000, 12000, 44);
  const MemberTable members = testing::RandomMembersQa(edges, 0.15, 45);
  const auto g = BuildSerially(edges, members);
  const auto expected = ComputeExpected(*g, 6, 40, 46);
  internal::ReachTuning tuning;  // every reach step on the calling thread
  tuning.parallel_entries = UINT64_MAX;
  tuning.parallel_members = UINT64_MAX;
  RunThreads(*g, expected, 4, 2, tuning);
}

TEST(DegreeReachConcurrent, SmallGraphEveryStepParallel) {
  const auto edges = testing::RandomPowerLawEdges(3000, 12000, 41);
  const MemberTable members = testing::RandomMembersQa(edges, 0.15, 42);
  const auto g = BuildSerially(edges, members);
  const auto expected = ComputeExpected(*g, 6, 40, 43);
  internal::ReachTuning tuning;
  tuning.parallel_entries = 0;
  tuning.parallel_members = 0;
  RunThreads(*g, expected, 4, 2, tuning);
}

// Queries run as oneTBB tasks (as a batch of queries would be), each reach forking its own
// parallel steps: a thread waiting inside a reach must not pick up another query's task, which
// would reuse its per-thread scratch midway.
TEST(DegreeReachConcurrent, QueriesAsTbbTasks) {
  const auto edges = testing::RandomPowerLawEdges(3000, 12000, 61);
  const MemberTable members = testing::RandomMembersQa(edges, 0.15, 62);
  const auto g = BuildSerially(edges, members);
  const auto expected = ComputeExpected(*g, 8, 20, 63);
  internal::ReachTuning tuning;
  tuning.parallel_entries = 0;
  tuning.parallel_members = 0;
  std::atomic<int> errors{0};
  tbb::parallel_for(size_t{0}, expected.size() * 4, [&](size_t i) {
    const std::vector<Expected> one = {expected[i % expected.size()]};
    errors += RunQueries(*g, one, 0, 1, tuning);
  });
  // Many short reaches as tasks: the more outer tasks wait in a deque while a reach waits for its
  // chunks, the likelier an unisolated wait would run one of them on the same thread.
  ReachOptions o;
  o.depth = 16;
  tbb::parallel_for(size_t{0}, size_t{400}, [&](size_t i) {
    const Expected& e = expected[i % expected.size()];
    const auto r = internal::ReachTuned(*g, e.from, o, tuning, nullptr);
    if (!r.ok() || r->levels != e.levels16) ++errors;
  });
  EXPECT_EQ(errors.load(), 0);
}

TEST(DegreeReachConcurrent, LargeGraphDefaultTuning) {
  const auto edges = testing::RandomPowerLawEdges(70000, 200000, 51);
  const MemberTable members = testing::RandomMembersQa(edges, 0.1, 52);
  const auto g = BuildSerially(edges, members);
  const auto expected = ComputeExpected(*g, 3, 12, 53);
  RunThreads(*g, expected, 3, 1, internal::ReachTuning{});
}

}  // namespace
}  // namespace liaison
