// Snapshot::Validate against hand-made broken snapshots, and against a brute-force oracle on many
// randomly damaged adjacency structures.

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "liaison/graph.h"
#include "tests/testing/graphs.h"

namespace liaison {
namespace {

using ::testing::HasSubstr;

// A snapshot's arrays, owned, so that tests can break them at will.
struct Arrays {
  std::vector<uint64_t> offsets;
  std::vector<VertexId> neighbors;
  std::vector<uint8_t> strength;
  std::vector<PackedDate> since;
  std::vector<ExternalId> external_ids;
  std::vector<uint32_t> id_index;
  std::vector<uint8_t> flags;
  uint32_t num_hiding = 0;

  // From adjacency lists (taken as given: unsorted or one-way lists stay so); members get
  // external ids 10, 20, ...; strength/since, when `with_data`, from the unordered pair.
  static Arrays FromLists(const std::vector<std::vector<VertexId>>& lists, bool with_data) {
    Arrays a;
    a.offsets.push_back(0);
    for (VertexId v = 0; v < lists.size(); ++v) {
      for (VertexId u : lists[v]) {
        a.neighbors.push_back(u);
        if (with_data) {
          a.strength.push_back(
              static_cast<uint8_t>((std::min(u, v) * 31 + std::max(u, v) * 7) % 256));
          a.since.push_back(static_cast<PackedDate>(1 + std::min(u, v) + std::max(u, v) * 3));
        }
      }
      a.offsets.push_back(a.neighbors.size());
      a.external_ids.push_back(10 * (v + 1));
    }
    a.flags.assign(lists.size(), 0);
    uint64_t size = 2;
    while (size < 2 * lists.size()) size <<= 1;
    a.id_index.assign(size, kNoVertex);
    for (VertexId v = 0; v < lists.size(); ++v) {
      uint64_t slot = HashExternalId(a.external_ids[v]) & (size - 1);
      while (a.id_index[slot] != kNoVertex) slot = (slot + 1) & (size - 1);
      a.id_index[slot] = v;
    }
    return a;
  }

  absl::Status Validate() const {
    Snapshot::Parts p;
    p.offsets = offsets;
    p.neighbors = neighbors;
    p.strength = strength;
    p.since = since;
    p.external_ids = external_ids;
    p.id_index = id_index;
    p.flags = flags;
    p.num_hiding = num_hiding;
    return Snapshot(p).Validate();
  }
};

// 0-1, 0-2, 1-2, 2-3, plus member 4 alone.
std::vector<std::vector<VertexId>> Diamond() { return {{1, 2}, {0, 2}, {0, 1, 3}, {2}, {}}; }

TEST(SnapshotValidate, AcceptsAValidSnapshot) {
  EXPECT_TRUE(Arrays::FromLists(Diamond(), false).Validate().ok());
  EXPECT_TRUE(Arrays::FromLists(Diamond(), true).Validate().ok());
  EXPECT_TRUE(Arrays::FromLists({}, false).Validate().ok());
}

TEST(SnapshotValidate, NamesEachKindOfDamage) {
  auto lists = Diamond();
  auto expect = [](const Arrays& a, const std::string& what) {
    const absl::Status st = a.Validate();
    EXPECT_EQ(st.code(), absl::StatusCode::kDataLoss) << what;
    EXPECT_THAT(st.message(), HasSubstr(what));
  };
  {  // 2-3 only in 3's list: the larger end holds it
    auto l = lists;
    l[2] = {0, 1};
    expect(Arrays::FromLists(l, false), "connection 3-2 is stored in one direction only");
  }
  {  // 2-3 only in 2's list: the smaller end holds it
    auto l = lists;
    l[3] = {};
    expect(Arrays::FromLists(l, false), "connection 2-3 is stored in one direction only");
  }
  {  // 4 claims 0, 0 does not know: met at 0's cursor as a smaller stray entry
    auto l = lists;
    l[4] = {0};
    expect(Arrays::FromLists(l, false), "connection 4-0 is stored in one direction only");
  }
  {  // 1 claims 3, 3 does not know; 3's cursor meets 2 > 1
    auto l = lists;
    l[1] = {0, 2, 3};
    expect(Arrays::FromLists(l, false), "connection 1-3 is stored in one direction only");
  }
  {  // 3 has a smaller entry 1 that 1 lacks; found when 2 reaches 3's cursor
    auto l = lists;
    l[3] = {1, 2};
    expect(Arrays::FromLists(l, false), "connection 3-1 is stored in one direction only");
  }
  {
    Arrays a = Arrays::FromLists(lists, true);
    a.strength[a.offsets[3]] ^= 1;  // 3->2
    expect(a, "connection 2-3 differs between its two directions");
  }
  {
    Arrays a = Arrays::FromLists(lists, true);
    a.since[0] += 1;  // 0->1
    expect(a, "connection 0-1 differs between its two directions");
  }
  {
    auto l = lists;
    l[4] = {4};
    expect(Arrays::FromLists(l, false), "self-loop at member 4");
  }
  {
    auto l = lists;
    l[3] = {7};
    expect(Arrays::FromLists(l, false), "neighbour 7 out of range at member 3");
  }
  {
    auto l = lists;
    l[2] = {1, 0, 3};
    expect(Arrays::FromLists(l, false), "neighbours of member 2 not strictly ascending");
  }
  {
    auto l = lists;
    l[2] = {0, 1, 1, 3};
    expect(Arrays::FromLists(l, false), "neighbours of member 2 not strictly ascending");
  }
  {  // an interior offset beyond the array: must be refused before any list is read
    Arrays a = Arrays::FromLists(lists, false);
    a.offsets[1] = 1'000'000;
    expect(a, "offsets decrease at member 1");
  }
  {
    Arrays a = Arrays::FromLists(lists, false);
    std::swap(a.external_ids[1], a.external_ids[2]);
    expect(a, "external ids not strictly ascending at member 2");
  }
  {
    Arrays a = Arrays::FromLists(lists, false);
    a.flags[3] = kHidesConnections;
    expect(a, "hiding-member count does not match the flags");
  }
  {
    Arrays a = Arrays::FromLists(lists, false);
    std::replace(a.id_index.begin(), a.id_index.end(), VertexId{2}, kNoVertex);
    expect(a, "id index does not find member 30");
  }
}

// Brute force: sorted, in range, no self-loop, and the directed entries (with their data) form a
// symmetric set.
bool OracleValid(const std::vector<std::vector<VertexId>>& lists, const Arrays& a) {
  std::map<std::pair<VertexId, VertexId>, std::pair<int, int>> entries;
  uint64_t e = 0;
  for (VertexId v = 0; v < lists.size(); ++v) {
    for (size_t i = 0; i < lists[v].size(); ++i, ++e) {
      const VertexId u = lists[v][i];
      if (u >= lists.size() || u == v || (i > 0 && lists[v][i - 1] >= u)) return false;
      entries[{v, u}] = {a.strength.empty() ? 0 : a.strength[e], a.since.empty() ? 0 : a.since[e]};
    }
  }
  for (const auto& [key, data] : entries) {
    auto it = entries.find({key.second, key.first});
    if (it == entries.end() || it->second != data) return false;
  }
  return true;
}

TEST(SnapshotValidate, AgreesWithBruteForceOnRandomDamage) {
  std::mt19937_64 rng(5);
  int invalid = 0, valid = 0;
  for (int round = 0; round < 3000; ++round) {
    const uint32_t n = 2 + rng() % 12;
    std::set<std::pair<VertexId, VertexId>> pairs;
    const int edges = static_cast<int>(rng() % (n * 2));
    for (int i = 0; i < edges; ++i) {
      const VertexId x = rng() % n, y = rng() % n;
      if (x != y) pairs.insert({std::min(x, y), std::max(x, y)});
    }
    std::vector<std::vector<VertexId>> lists(n);
    for (const auto& [x, y] : pairs) {
      lists[x].push_back(y);
      lists[y].push_back(x);
    }
    for (auto& l : lists) std::sort(l.begin(), l.end());
    // Damage: drop an entry, add one, or change one (and re-sort half the time).
    const int kind = static_cast<int>(rng() % 4);
    const VertexId v = rng() % n;
    if (kind == 1 && !lists[v].empty()) {
      lists[v].erase(lists[v].begin() + static_cast<long>(rng() % lists[v].size()));
    } else if (kind == 2) {
      lists[v].push_back(rng() % n);
      if (rng() % 2) std::sort(lists[v].begin(), lists[v].end());
    } else if (kind == 3 && !lists[v].empty()) {
      lists[v][rng() % lists[v].size()] = rng() % n;
      if (rng() % 2) std::sort(lists[v].begin(), lists[v].end());
    }
    Arrays a = Arrays::FromLists(lists, rng() % 2 == 0);
    if (!a.strength.empty() && rng() % 4 == 0) a.strength[rng() % a.strength.size()] ^= 4;
    const bool want = OracleValid(lists, a);
    const absl::Status got = a.Validate();
    ASSERT_EQ(got.ok(), want) << "round " << round << ": " << got;
    (want ? valid : invalid) += 1;
  }
  EXPECT_GT(valid, 500);  // both outcomes are well represented
  EXPECT_GT(invalid, 1000);
}

TEST(SnapshotValidate, BuiltRandomGraphsAreValid) {
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    EXPECT_TRUE(
        testing::BuildGraph(testing::RandomPowerLawEdges(300, 2000, seed))->Validate().ok());
    EXPECT_TRUE(testing::BuildGraph(testing::RandomUniformEdges(300, 2000, seed))->Validate().ok());
  }
}

}  // namespace
}  // namespace liaison
