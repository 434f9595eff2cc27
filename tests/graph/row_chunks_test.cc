// The builder's internal paths, each checked against a brute-force model (ordered map of
// undirected pairs, merged by the documented rule): row chunks (32-bit, 64-bit, listed
// self-loops), every count-array layout (one per part, or one shared with atomic counts), direct
// and sorted keys, short and long lists (insertion and radix sort), with and without
// relationship data.

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <vector>

#include "engine/graph/row_chunks.h"
#include "gtest/gtest.h"
#include "liaison/builder.h"

namespace liaison {
namespace {

struct Row {
  ExternalId a, b;
  uint8_t strength;
  PackedDate since;
};

struct Model {
  std::map<ExternalId, std::map<ExternalId, std::pair<uint8_t, PackedDate>>> adj;
  uint64_t loops = 0, merged = 0;
};

Model BuildModel(const std::vector<Row>& rows) {
  Model m;
  for (const Row& r : rows) {
    m.adj[r.a];
    m.adj[r.b];
    if (r.a == r.b) {
      ++m.loops;
      continue;
    }
    auto [it, inserted] = m.adj[r.a].emplace(r.b, std::make_pair(r.strength, r.since));
    if (!inserted) {
      ++m.merged;
      auto& [s, d] = it->second;
      s = std::max(s, r.strength);
      d = d == kNoDate ? r.since : r.since == kNoDate ? d : std::min(d, r.since);
    }
    m.adj[r.b][r.a] = it->second;
  }
  return m;
}

void ExpectMatches(const Snapshot& g, const BuildReport& report, const Model& m, bool with_data) {
  ASSERT_EQ(g.num_members(), m.adj.size());
  VertexId v = 0;
  uint64_t isolated = 0, adjacencies = 0;
  for (const auto& [id, nbrs] : m.adj) {
    ASSERT_EQ(g.external_id(v), id);
    ASSERT_EQ(g.degree(v), nbrs.size()) << "member " << id;
    EdgeIndex e = g.edge_begin(v);
    for (const auto& [nbr, data] : nbrs) {
      ASSERT_EQ(g.external_id(g.neighbor(e)), nbr);
      if (with_data) {
        ASSERT_EQ(g.parts().strength[e], data.first);
        ASSERT_EQ(g.since(e), data.second);
      }
      ++e;
    }
    isolated += nbrs.empty();
    adjacencies += nbrs.size();
    ++v;
  }
  EXPECT_EQ(g.num_adjacencies(), adjacencies);
  EXPECT_EQ(report.self_loops_dropped, m.loops);
  EXPECT_EQ(report.duplicates_merged, m.merged);
  EXPECT_EQ(report.connections_kept, adjacencies / 2);
  EXPECT_EQ(report.isolated_members, isolated);
  EXPECT_TRUE(g.Validate().ok()) << g.Validate();
}

// Skewed random rows (a few hubs with long lists), with duplicates and self-loops.
std::vector<Row> RandomRows(uint64_t count, uint64_t id_range, ExternalId id_base, uint64_t seed, bool with_data) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<Row> rows;
  for (uint64_t i = 0; i < count; ++i) {
    auto pick = [&] {
      const double x = u(rng);
      return id_base + static_cast<uint64_t>(x * x * x * static_cast<double>(id_range)) * 3;
    };
    Row r{pick(), pick(), 255, kNoDate};
    if (i % 101 == 0) r.b = r.a;
    if (i % 7 == 0 && i > 0) r = Row{rows[i / 2].b, rows[i / 2].a, 255, kNoDate};  // reverse duplicate
    if (with_data) {
      r.strength = static_cast<uint8_t>(rng());
      r.since = (rng() % 4 == 0) ? kNoDate : static_cast<PackedDate>(1 + rng() % 60000);
    }
    rows.push_back(r);
  }
  return rows;
}

// Row chunks of about `per_chunk` rows; chunk c is written wide when `wide(c)`.
std::vector<RowChunk> ToChunks(const std::vector<Row>& rows, size_t per_chunk, bool with_data,
                               bool (*wide)(size_t)) {
  std::vector<RowChunk> chunks;
  for (size_t begin = 0, c = 0; begin < rows.size(); begin += per_chunk, ++c) {
    const size_t end = std::min(rows.size(), begin + per_chunk);
    RowChunk chunk;
    std::vector<Row> kept;
    for (size_t i = begin; i < end; ++i) {
      chunk.max_id = std::max({chunk.max_id, rows[i].a, rows[i].b});
      if (rows[i].a == rows[i].b) {
        chunk.self_loop_ids.push_back(rows[i].a);
      } else {
        kept.push_back(rows[i]);
      }
    }
    chunk.rows = kept.size();
    chunk.wide = wide(c) || chunk.max_id > 0xFFFFFFFFull;
    if (chunk.wide) {
      auto pairs = std::make_shared<std::vector<uint64_t>>();
      for (const Row& r : kept) pairs->insert(pairs->end(), {r.a, r.b});
      chunk.pairs64 = pairs->data();
      chunk.storage = pairs;
    } else {
      auto pairs = std::make_shared<std::vector<uint32_t>>();
      for (const Row& r : kept) pairs->insert(pairs->end(), {static_cast<uint32_t>(r.a), static_cast<uint32_t>(r.b)});
      chunk.pairs32 = pairs->data();
      chunk.storage = pairs;
    }
    if (with_data && c % 3 != 1) {  // chunk 1, 4, ... carry no data: strength 1, no date
      chunk.strength = Buffer<uint8_t>(kept.size());
      chunk.since = Buffer<PackedDate>(kept.size());
      for (size_t i = 0; i < kept.size(); ++i) {
        chunk.strength[i] = kept[i].strength;
        chunk.since[i] = kept[i].since;
      }
    }
    chunks.push_back(std::move(chunk));
  }
  return chunks;
}

// The rows as the builder must see them after ToChunks (chunks without data: 255, kNoDate).
std::vector<Row> AsSeen(std::vector<Row> rows, size_t per_chunk, bool with_data) {
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!with_data || (i / per_chunk) % 3 == 1) rows[i].strength = 255, rows[i].since = kNoDate;
  }
  return rows;
}

std::vector<ConnectionBatch> ToBatches(const std::vector<Row>& rows, size_t per_batch, bool with_data) {
  std::vector<ConnectionBatch> batches;
  for (size_t begin = 0; begin < rows.size(); begin += per_batch) {
    ConnectionBatch b;
    for (size_t i = begin; i < std::min(rows.size(), begin + per_batch); ++i) {
      b.a.push_back(rows[i].a);
      b.b.push_back(rows[i].b);
      if (with_data) {
        b.strength.push_back(rows[i].strength);
        b.since.push_back(rows[i].since);
      }
    }
    batches.push_back(std::move(b));
  }
  return batches;
}

bool NeverWide(size_t) { return false; }
bool OddWide(size_t c) { return c % 2 == 1; }

TEST(BuildSnapshotFromRows, EveryCountLayoutMatchesTheModel) {
  for (bool with_data : {false, true}) {
    for (ExternalId base : {ExternalId{5}, (ExternalId{1} << 45) + 11}) {  // direct and sorted keys
      const std::vector<Row> rows = RandomRows(24000, 6000, base, 17 + base, with_data);
      const size_t per_chunk = 5000;
      const Model model = BuildModel(AsSeen(rows, per_chunk, with_data));
      size_t longest = 0;
      for (const auto& [id, nbrs] : model.adj) longest = std::max(longest, nbrs.size());
      ASSERT_GT(longest, 1024u);  // the long-list radix passes are exercised
      for (size_t parts : {size_t{0}, size_t{1}, size_t{3}}) {
        for (bool (*wide)(size_t) : {NeverWide, OddWide}) {
          SCOPED_TRACE(testing::Message() << "data " << with_data << " base " << base << " parts " << parts
                                          << " wide " << (wide == OddWide));
          BuildReport report;
          BuildTuning tuning;
          tuning.count_parts = parts;
          auto g = BuildSnapshotFromRows(ToChunks(rows, per_chunk, with_data, wide), nullptr, &report, nullptr,
                                         tuning);
          ASSERT_TRUE(g.ok()) << g.status();
          ExpectMatches(**g, report, model, with_data);
          EXPECT_EQ(report.connections_in, rows.size());
        }
      }
      // The public batches through the same layouts.
      for (size_t parts : {size_t{1}, size_t{5}}) {
        BuildReport report;
        BuildTuning tuning;
        tuning.count_parts = parts;
        auto g = BuildSnapshotTimed(ToBatches(rows, 7000, with_data), nullptr, &report, nullptr, tuning);
        ASSERT_TRUE(g.ok()) << g.status();
        ExpectMatches(**g, report, BuildModel(rows), with_data);
      }
    }
  }
}

TEST(BuildSnapshotFromRows, ListedSelfLoopsAndMembersCreateIsolatedMembers) {
  RowChunk chunk;
  auto pairs = std::make_shared<std::vector<uint32_t>>(std::vector<uint32_t>{1, 2, 2, 1});
  chunk.pairs32 = pairs->data();
  chunk.storage = pairs;
  chunk.rows = 2;
  chunk.self_loop_ids = {7, 7, 2};
  chunk.max_id = 7;
  MemberTable members;
  members.ids = {9, 1};
  members.flags = {kHidesConnections, 0};
  std::vector<RowChunk> chunks;
  chunks.push_back(std::move(chunk));
  BuildReport report;
  auto g = BuildSnapshotFromRows(std::move(chunks), &members, &report);
  ASSERT_TRUE(g.ok()) << g.status();
  ASSERT_EQ((*g)->num_members(), 4u);  // 1 2 7 9
  EXPECT_EQ((*g)->external_id(2), 7u);
  EXPECT_EQ((*g)->degree(2), 0u);
  EXPECT_TRUE((*g)->hides_connections((*g)->FindMember(9)));
  EXPECT_EQ(report.connections_in, 5u);
  EXPECT_EQ(report.self_loops_dropped, 3u);
  EXPECT_EQ(report.duplicates_merged, 1u);
  EXPECT_EQ(report.connections_kept, 1u);
  EXPECT_EQ(report.isolated_members, 2u);
}

TEST(BuildSnapshotFromRows, EmptyInput) {
  auto g = BuildSnapshotFromRows({}, nullptr, nullptr);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ((*g)->num_members(), 0u);
  EXPECT_TRUE((*g)->Validate().ok());
}

}  // namespace
}  // namespace liaison
