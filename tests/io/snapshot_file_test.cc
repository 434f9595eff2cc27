// Snapshot files: round trips against the in-memory snapshot, truncation at many offsets, a flipped
// byte in the header, the table and every section, crafted files whose checksums are right but
// whose contents lie, and the atomic-write guarantees.

#include "liaison/snapshot_file.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/io/snapshot_file_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "liaison/builder.h"
#include "tests/testing/graphs.h"

namespace liaison {
namespace {

namespace fs = std::filesystem;
namespace sf = snapshot_format;
using ::liaison::testing::BuildGraph;
using ::testing::AnyOf;
using ::testing::HasSubstr;

// ---- graphs -------------------------------------------------------------------------------------

std::shared_ptr<const Snapshot> Build(std::vector<ConnectionBatch> batches,
                                      const MemberTable* members) {
  auto g = BuildSnapshot(std::move(batches), members, nullptr);
  EXPECT_TRUE(g.ok()) << g.status();
  return *std::move(g);
}

// Random connections with strength and/or since.
ConnectionBatch RandomBatch(uint32_t n, uint64_t rows, bool strength, bool since, uint64_t seed) {
  std::mt19937_64 rng(seed);
  ConnectionBatch b;
  for (const auto& [x, y] : testing::RandomPowerLawEdges(n, rows, seed)) {
    b.a.push_back(x);
    b.b.push_back(y);
    if (strength) b.strength.push_back(static_cast<uint8_t>(rng() % 256));
    if (since) b.since.push_back(static_cast<PackedDate>(rng() % 30000));
  }
  return b;
}

// A members table over the ids of `batch` plus a few isolated members, with flags, last_updated,
// text columns (one full, one partly missing, one where every value is missing) and absent ones.
MemberTable RandomMembers(const ConnectionBatch& batch, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::set<ExternalId> ids(batch.a.begin(), batch.a.end());
  ids.insert(batch.b.begin(), batch.b.end());
  for (int i = 0; i < 5; ++i) ids.insert(1'000'000'000 + i);  // isolated, only in the table
  MemberTable t;
  const std::vector<std::string> companies = {"Acme", "Globex", "Initech", "", "Umbrella", "Hooli"};
  for (ExternalId id : ids) {
    if (rng() % 10 == 0) continue;  // not every connected member has a profile
    t.ids.push_back(id);
    t.flags.push_back(static_cast<uint8_t>(rng() % 8));  // hides / no_introductions / verified
    t.last_updated.push_back(
        static_cast<PackedDate>(rng() % 3 == 0 ? kNoDate : 20000 + rng() % 5000));
    t.text[static_cast<int>(TextColumn::kName)].push_back("member " + std::to_string(id));
    t.text[static_cast<int>(TextColumn::kCompany)].push_back(companies[rng() % companies.size()]);
    t.text[static_cast<int>(TextColumn::kSchool)].push_back("");
  }
  return t;
}

struct NamedGraph {
  std::string name;
  std::shared_ptr<const Snapshot> g;
};

std::vector<NamedGraph> RoundTripGraphs() {
  std::vector<NamedGraph> out;
  out.push_back({"uniform", BuildGraph(testing::RandomUniformEdges(300, 1500, 1))});
  out.push_back({"power_law", BuildGraph(testing::RandomPowerLawEdges(500, 3000, 2))});
  out.push_back({"star", BuildGraph(testing::StarEdges(200, 77))});
  out.push_back({"two_components", BuildGraph(testing::TwoComponentEdges(200, 800, 3))});
  {
    std::vector<ConnectionBatch> b;
    b.push_back(RandomBatch(400, 2000, true, true, 4));
    out.push_back({"strength_since", Build(std::move(b), nullptr)});
  }
  {
    std::vector<ConnectionBatch> b;
    b.push_back(RandomBatch(400, 2000, true, false, 5));
    out.push_back({"strength_only", Build(std::move(b), nullptr)});
  }
  {
    std::vector<ConnectionBatch> b;
    b.push_back(RandomBatch(400, 2000, false, true, 6));
    out.push_back({"since_only", Build(std::move(b), nullptr)});
  }
  {
    std::vector<ConnectionBatch> b;
    b.push_back(RandomBatch(600, 4000, true, true, 7));
    const MemberTable members = RandomMembers(b[0], 7);
    out.push_back({"members", Build(std::move(b), &members)});
  }
  {
    std::vector<ConnectionBatch> b;
    b.push_back(RandomBatch(300, 1000, false, false, 8));
    const MemberTable members = RandomMembers(b[0], 8);
    out.push_back({"members_plain_edges", Build(std::move(b), &members)});
  }
  out.push_back({"empty", BuildGraph({})});
  {
    MemberTable empty_table;
    out.push_back({"empty_with_members_file", BuildGraph({}, &empty_table)});
  }
  {
    MemberTable lonely;  // members but no connection at all
    lonely.ids = {5, 9, 11};
    lonely.flags = {kHidesConnections, 0, kVerified};
    lonely.text[static_cast<int>(TextColumn::kLocation)] = {"Paris", "", "Oslo"};
    out.push_back({"isolated_members", BuildGraph({}, &lonely)});
  }
  return out;
}

// The richest small graph: every optional array present.
std::shared_ptr<const Snapshot> RichGraph() {
  std::vector<ConnectionBatch> b;
  b.push_back(RandomBatch(300, 1500, true, true, 11));
  const MemberTable members = RandomMembers(b[0], 11);
  return Build(std::move(b), &members);
}

template <typename T>
void ExpectSameArray(std::span<const T> a, std::span<const T> b, const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  EXPECT_TRUE(std::equal(a.begin(), a.end(), b.begin())) << what << " differs";
}

// Every array, every scalar, FindMember for every member and for absent ids.
void ExpectSameSnapshot(const Snapshot& want, const Snapshot& got) {
  const Snapshot::Parts& a = want.parts();
  const Snapshot::Parts& b = got.parts();
  ExpectSameArray(a.offsets, b.offsets, "offsets");
  ExpectSameArray(a.neighbors, b.neighbors, "neighbors");
  ExpectSameArray(a.strength, b.strength, "strength");
  ExpectSameArray(a.since, b.since, "since");
  ExpectSameArray(a.external_ids, b.external_ids, "external_ids");
  ExpectSameArray(a.id_index, b.id_index, "id_index");
  ExpectSameArray(a.flags, b.flags, "flags");
  ExpectSameArray(a.last_updated, b.last_updated, "last_updated");
  ExpectSameArray(a.top_neighbors, b.top_neighbors, "top_neighbors");
  for (int c = 0; c < kNumTextColumns; ++c) {
    const std::string col(TextColumnName(static_cast<TextColumn>(c)));
    ExpectSameArray(a.text[c].codes, b.text[c].codes, col + ".codes");
    ExpectSameArray(a.text[c].dict_offsets, b.text[c].dict_offsets, col + ".dict_offsets");
    ExpectSameArray(a.text[c].dict_chars, b.text[c].dict_chars, col + ".dict_chars");
    EXPECT_EQ(want.text(static_cast<TextColumn>(c)).present(),
              got.text(static_cast<TextColumn>(c)).present());
  }
  EXPECT_EQ(a.has_members_file, b.has_members_file);
  EXPECT_EQ(a.num_hiding, b.num_hiding);
  EXPECT_EQ(want.num_members(), got.num_members());
  EXPECT_EQ(want.num_connections(), got.num_connections());
  EXPECT_EQ(want.has_strength(), got.has_strength());
  EXPECT_EQ(want.has_since(), got.has_since());
  for (VertexId v = 0; v < want.num_members(); ++v) {
    ASSERT_EQ(got.FindMember(want.external_id(v)), v) << "member " << want.external_id(v);
    for (int c = 0; c < kNumTextColumns; ++c) {
      ASSERT_EQ(got.text(static_cast<TextColumn>(c), v), want.text(static_cast<TextColumn>(c), v));
    }
  }
  for (ExternalId absent :
       {ExternalId{0}, ExternalId{1}, ExternalId{12}, ~ExternalId{0}, ExternalId{999'999'999}}) {
    EXPECT_EQ(got.FindMember(absent), want.FindMember(absent)) << absent;
  }
}

// ---- files --------------------------------------------------------------------------------------

class SnapshotFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "liaison_snapshot_file_test.XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir_, ec);
  }
  std::string Path(const std::string& name) const { return (fs::path(dir_) / name).string(); }
  // Names in the test directory (to see that no temporary file is left behind).
  std::set<std::string> Listing() const {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) names.insert(e.path().filename().string());
    return names;
  }

  std::string dir_;
};

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << path;
}

sf::Header HeaderOf(const std::string& bytes) {
  sf::Header h;
  std::memcpy(&h, bytes.data(), sizeof(h));
  return h;
}
void PutHeader(std::string& bytes, const sf::Header& h) {
  std::memcpy(bytes.data(), &h, sizeof(h));
}
sf::TableEntry EntryOf(const std::string& bytes, uint32_t i) {
  sf::TableEntry e;
  std::memcpy(&e, bytes.data() + HeaderOf(bytes).table_offset + i * sizeof(e), sizeof(e));
  return e;
}
void PutEntry(std::string& bytes, uint32_t i, const sf::TableEntry& e) {
  std::memcpy(bytes.data() + HeaderOf(bytes).table_offset + i * sizeof(e), &e, sizeof(e));
}
// Recomputes the table and header checksums after a deliberate edit, so that only the semantic
// checks can catch it.
void Reseal(std::string& bytes) {
  sf::Header h = HeaderOf(bytes);
  const uint64_t table_bytes = uint64_t{h.section_count} * sizeof(sf::TableEntry);
  if (h.table_offset <= bytes.size() &&
      table_bytes <= bytes.size() - h.table_offset) {  // else moot
    h.table_checksum = XXH3_64bits(bytes.data() + h.table_offset, table_bytes);
  }
  PutHeader(bytes, h);
  h.header_checksum = XXH3_64bits(bytes.data(), sf::kHeaderChecksummedBytes);
  PutHeader(bytes, h);
}
int EntryIndex(const std::string& bytes, uint32_t id) {
  for (uint32_t i = 0; i < HeaderOf(bytes).section_count; ++i) {
    if (EntryOf(bytes, i).id == id) return static_cast<int>(i);
  }
  return -1;
}

// ---- round trips --------------------------------------------------------------------------------

TEST_F(SnapshotFileTest, RoundTripEveryArray) {
  for (const NamedGraph& ng : RoundTripGraphs()) {
    SCOPED_TRACE(ng.name);
    ASSERT_TRUE(ng.g->Validate().ok()) << ng.g->Validate();
    const std::string path = Path(ng.name + ".liaison");
    ASSERT_TRUE(WriteSnapshotFile(*ng.g, path).ok());
    auto opened = OpenSnapshotFile(path);
    ASSERT_TRUE(opened.ok()) << opened.status();
    ExpectSameSnapshot(*ng.g, **opened);
    EXPECT_TRUE((*opened)->Validate().ok()) << (*opened)->Validate();
    EXPECT_TRUE(VerifySnapshotFile(path).ok()) << VerifySnapshotFile(path);
    auto verified = OpenSnapshotFile(path, {.verify = true});
    ASSERT_TRUE(verified.ok()) << verified.status();
    ExpectSameSnapshot(*ng.g, **verified);
    for (const bool verify : {false, true}) {
      auto copied = OpenSnapshotFile(path, {.verify = verify, .in_memory = true});
      ASSERT_TRUE(copied.ok()) << copied.status();
      ExpectSameSnapshot(*ng.g, **copied);
      EXPECT_TRUE((*copied)->Validate().ok()) << (*copied)->Validate();
    }
    EXPECT_TRUE(LooksLikeSnapshotFile(path));
  }
}

// A snapshot opened in memory is a copy: it reads the same after its file is cut to nothing in
// place, which would make a mapped snapshot fault (SIGBUS) on its next read.
TEST_F(SnapshotFileTest, InMemorySnapshotIsACopy) {
  auto g = RichGraph();
  const std::string path = Path("copy.liaison");
  ASSERT_TRUE(WriteSnapshotFile(*g, path).ok());
  auto copied = OpenSnapshotFile(path, {.in_memory = true});
  ASSERT_TRUE(copied.ok()) << copied.status();
  fs::resize_file(path, 0);
  ExpectSameSnapshot(*g, **copied);
  EXPECT_TRUE((*copied)->Validate().ok());
  // The same checks as a mapped open, made before the copy.
  auto empty = OpenSnapshotFile(path, {.in_memory = true});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), absl::StatusCode::kDataLoss) << empty.status();
}

TEST_F(SnapshotFileTest, InfoDescribesTheLayout) {
  auto g = RichGraph();
  const std::string path = Path("rich.liaison");
  ASSERT_TRUE(WriteSnapshotFile(*g, path).ok());
  auto info = ReadSnapshotFileInfo(path);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->format_version, kSnapshotFormatVersion);
  EXPECT_EQ(info->file_bytes, fs::file_size(path));
  EXPECT_EQ(info->file_bytes % sf::kWriteAlignment, 0u);
  EXPECT_EQ(info->members, g->num_members());
  EXPECT_EQ(info->adjacencies, g->num_adjacencies());
  EXPECT_EQ(info->table_offset, sizeof(sf::Header));
  EXPECT_EQ(info->table_bytes, info->sections.size() * sizeof(sf::TableEntry));
  std::vector<std::string> names;
  for (const SnapshotSectionInfo& s : info->sections) {
    names.push_back(s.name);
    EXPECT_EQ(s.offset % sf::kWriteAlignment, 0u) << s.name;
    EXPECT_LE(s.offset + s.bytes, info->file_bytes) << s.name;
  }
  // Present here: strength, since, last_updated, name/company/school; absent: the other columns.
  EXPECT_THAT(names, ::testing::ElementsAre("scalars", "offsets", "neighbors", "strength", "since",
                                            "external_ids", "id_index", "flags", "last_updated",
                                            "top_neighbors", "text.name.codes",
                                            "text.name.dict_offsets", "text.name.dict_chars",
                                            "text.company.codes", "text.company.dict_offsets",
                                            "text.company.dict_chars", "text.school.codes",
                                            "text.school.dict_offsets", "text.school.dict_chars"));
  const auto& neighbors = info->sections[2];
  EXPECT_EQ(neighbors.bytes, g->num_adjacencies() * sizeof(VertexId));
  EXPECT_EQ(neighbors.checksum, XXH3_64bits(g->parts().neighbors.data(), neighbors.bytes));
  // The opened arrays are views into the mapping, aligned as written.
  auto opened = OpenSnapshotFile(path);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(reinterpret_cast<uintptr_t>((*opened)->parts().neighbors.data()) % sf::kWriteAlignment,
            0u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>((*opened)->parts().offsets.data()) % sf::kWriteAlignment,
            0u);
}

TEST_F(SnapshotFileTest, PlainGraphHasTheRequiredSectionsAndTopNeighbors) {
  auto g = BuildGraph(testing::RandomUniformEdges(50, 100, 9));
  const std::string path = Path("plain.liaison");
  ASSERT_TRUE(WriteSnapshotFile(*g, path).ok());
  auto info = ReadSnapshotFileInfo(path);
  ASSERT_TRUE(info.ok()) << info.status();
  std::vector<std::string> names;
  for (const auto& s : info->sections) names.push_back(s.name);
  EXPECT_THAT(names, ::testing::ElementsAre("scalars", "offsets", "neighbors", "external_ids",
                                            "id_index", "flags", "top_neighbors"));
}

// A version-1 file (written before top_neighbors existed) opens, verifies and has no top
// neighbours; the same file claiming version 1 with a top_neighbors section is corrupt.
TEST_F(SnapshotFileTest, VersionOneFileHasNoTopNeighbors) {
  auto g = BuildGraph(testing::RandomPowerLawEdges(120, 400, 31));
  Snapshot::Parts parts = g->parts();
  parts.top_neighbors = {};
  const Snapshot without(parts);
  const std::string path = Path("v1.liaison");
  ASSERT_TRUE(WriteSnapshotFile(without, path).ok());
  std::string bytes = ReadBytes(path);
  sf::Header h = HeaderOf(bytes);
  h.format_version = 1;
  PutHeader(bytes, h);
  Reseal(bytes);
  WriteBytes(path, bytes);
  auto opened = OpenSnapshotFile(path, {.verify = true});
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_FALSE((*opened)->has_top_neighbors());
  ExpectSameSnapshot(without, **opened);
  EXPECT_EQ(ReadSnapshotFileInfo(path)->format_version, 1u);

  ASSERT_TRUE(WriteSnapshotFile(*g, path).ok());
  bytes = ReadBytes(path);
  h = HeaderOf(bytes);
  h.format_version = 1;
  PutHeader(bytes, h);
  Reseal(bytes);
  WriteBytes(path, bytes);
  auto refused = OpenSnapshotFile(path);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(refused.status().message(),
              HasSubstr("('top_neighbors') is a version-2 section in a version-1 file"))
      << refused.status();
}

TEST_F(SnapshotFileTest, SnapshotOutlivesTheFileAndItsReplacement) {
  auto first = BuildGraph(testing::RandomUniformEdges(100, 400, 21));
  auto second = BuildGraph(testing::RandomPowerLawEdges(150, 600, 22));
  const std::string path = Path("g.liaison");
  ASSERT_TRUE(WriteSnapshotFile(*first, path).ok());
  auto reader = OpenSnapshotFile(path);
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE(
      WriteSnapshotFile(*second, path).ok());  // renamed over: the reader keeps the old inode
  ExpectSameSnapshot(*first, **reader);
  auto fresh = OpenSnapshotFile(path);
  ASSERT_TRUE(fresh.ok());
  ExpectSameSnapshot(*second, **fresh);
  ASSERT_TRUE(fs::remove(path));
  ExpectSameSnapshot(*first, **reader);
  ExpectSameSnapshot(*second, **fresh);
  // The mapping lives as long as any copy of the snapshot pointer.
  std::shared_ptr<const Snapshot> keep = *fresh;
  fresh = absl::InternalError("dropped");
  ExpectSameSnapshot(*second, *keep);
}

// Not enough memory for the copy: a clear ResourceExhausted naming the file, not an exception.
// The copy is refused by lowering the address-space limit just above what the process and the
// file's mapping need, which the sanitizers' up-front shadow reservations do not allow.
TEST_F(SnapshotFileTest, InMemoryWithoutMemoryIsResourceExhausted) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "RLIMIT_AS cannot be lowered under a sanitizer (its shadow memory is reserved "
                  "up front); the release build runs this test";
#else
  auto g = BuildGraph(testing::RandomUniformEdges(100000, 1000000, 31));
  const std::string path = Path("big.liaison");
  ASSERT_TRUE(WriteSnapshotFile(*g, path).ok());
  const uint64_t file_bytes = fs::file_size(path);
  ASSERT_GT(file_bytes, uint64_t{4} << 20);
  uint64_t vm_kb = 0;
  {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
      if (line.rfind("VmSize:", 0) == 0) vm_kb = std::stoull(line.substr(7));
    }
  }
  ASSERT_GT(vm_kb, 0u);
  rlimit old_limit;
  ASSERT_EQ(getrlimit(RLIMIT_AS, &old_limit), 0);
  rlimit low = old_limit;
  low.rlim_cur = vm_kb * 1024 + file_bytes + (uint64_t{1} << 20);
  ASSERT_EQ(setrlimit(RLIMIT_AS, &low), 0);
  auto copied = OpenSnapshotFile(path, {.in_memory = true});
  ASSERT_EQ(setrlimit(RLIMIT_AS, &old_limit), 0);
  ASSERT_FALSE(copied.ok());
  EXPECT_EQ(copied.status().code(), absl::StatusCode::kResourceExhausted) << copied.status();
  EXPECT_THAT(copied.status().message(), HasSubstr(path));
  // With the limit back, the same open works.
  auto again = OpenSnapshotFile(path, {.in_memory = true});
  ASSERT_TRUE(again.ok()) << again.status();
  ExpectSameSnapshot(*g, **again);
#endif
}

// ---- damaged files ------------------------------------------------------------------------------

TEST_F(SnapshotFileTest, TruncatedAnywhereIsDataLoss) {
  auto g = RichGraph();
  const std::string good = Path("good.liaison");
  ASSERT_TRUE(WriteSnapshotFile(*g, good).ok());
  auto info = ReadSnapshotFileInfo(good);
  ASSERT_TRUE(info.ok());
  std::set<uint64_t> cuts;
  for (uint64_t i = 0; i <= info->table_offset + info->table_bytes; ++i) cuts.insert(i);
  for (const auto& s : info->sections) {
    for (uint64_t at : {s.offset, s.offset + 1, s.offset + s.bytes / 2, s.offset + s.bytes - 1}) {
      if (s.bytes > 0) cuts.insert(at);
    }
    if (s.offset < info->file_bytes) cuts.insert(s.offset);
  }
  for (uint64_t at = 0; at < info->file_bytes; at += 997) cuts.insert(at);
  cuts.insert(info->file_bytes - 1);
  // Cut one copy shorter and shorter.
  const std::string path = Path("cut.liaison");
  fs::copy_file(good, path);
  for (auto it = cuts.rbegin(); it != cuts.rend(); ++it) {
    ASSERT_LT(*it, info->file_bytes);
    fs::resize_file(path, *it);
    SCOPED_TRACE(*it);
    auto opened = OpenSnapshotFile(path);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.status().code(), absl::StatusCode::kDataLoss) << opened.status();
    EXPECT_THAT(opened.status().message(), HasSubstr(path));
    EXPECT_THAT(opened.status().message(), AnyOf(HasSubstr("truncated"), HasSubstr("empty")))
        << opened.status();
    auto verified = OpenSnapshotFile(path, {.verify = true});
    EXPECT_EQ(verified.status().code(), absl::StatusCode::kDataLoss);
    EXPECT_FALSE(ReadSnapshotFileInfo(path).ok());
    EXPECT_FALSE(VerifySnapshotFile(path).ok());
  }
}

TEST_F(SnapshotFileTest, FlippedByteInEverySectionIsNamedByVerify) {
  auto g = RichGraph();
  const std::string good = Path("good.liaison");
  ASSERT_TRUE(WriteSnapshotFile(*g, good).ok());
  const std::string bytes = ReadBytes(good);
  auto info = ReadSnapshotFileInfo(good);
  ASSERT_TRUE(info.ok());
  const std::string path = Path("flipped.liaison");
  int flipped = 0, nonempty = 0;
  for (const auto& s : info->sections) {
    if (s.bytes == 0) {
      EXPECT_EQ(s.name, "text.school.dict_chars");  // every value of that column is missing
      continue;
    }
    ++nonempty;
    for (uint64_t at : {s.offset, s.offset + s.bytes / 2, s.offset + s.bytes - 1}) {
      SCOPED_TRACE(s.name + " byte " + std::to_string(at - s.offset));
      std::string bad = bytes;
      bad[at] = static_cast<char>(bad[at] ^ 0x5a);
      WriteBytes(path, bad);
      ++flipped;
      auto verified = OpenSnapshotFile(path, {.verify = true});
      ASSERT_FALSE(verified.ok());
      EXPECT_EQ(verified.status().code(), absl::StatusCode::kDataLoss) << verified.status();
      EXPECT_THAT(verified.status().message(), HasSubstr("'" + s.name + "'"));
      EXPECT_THAT(verified.status().message(), HasSubstr(path));
      EXPECT_FALSE(VerifySnapshotFile(path).ok());
      auto copied = OpenSnapshotFile(path, {.verify = true, .in_memory = true});
      ASSERT_FALSE(copied.ok());
      EXPECT_EQ(copied.status().message(), verified.status().message());
      // Without verify, opening either catches it (end values, scalars) or succeeds: no crash.
      auto opened = OpenSnapshotFile(path);
      if (!opened.ok()) {
        EXPECT_THAT(opened.status().message(), HasSubstr("'" + s.name + "'")) << opened.status();
      }
    }
  }
  EXPECT_EQ(nonempty, 18);
  EXPECT_EQ(flipped, 3 * nonempty);
}

TEST_F(SnapshotFileTest, FlippedByteInHeaderOrTableFailsOpen) {
  auto g = RichGraph();
  const std::string good = Path("good.liaison");
  ASSERT_TRUE(WriteSnapshotFile(*g, good).ok());
  const std::string bytes = ReadBytes(good);
  const sf::Header h = HeaderOf(bytes);
  const uint64_t table_end = h.table_offset + h.section_count * sizeof(sf::TableEntry);
  const std::string path = Path("flipped.liaison");
  for (uint64_t at = 0; at < table_end; ++at) {
    for (uint8_t mask : {0x01, 0x80}) {
      SCOPED_TRACE("byte " + std::to_string(at) + " mask " + std::to_string(mask));
      std::string bad = bytes;
      bad[at] = static_cast<char>(bad[at] ^ mask);
      WriteBytes(path, bad);
      auto opened = OpenSnapshotFile(path);
      ASSERT_FALSE(opened.ok());
      EXPECT_THAT(opened.status().code(),
                  AnyOf(absl::StatusCode::kDataLoss, absl::StatusCode::kFailedPrecondition));
      EXPECT_THAT(opened.status().message(),
                  HasSubstr(at < sizeof(sf::Header) ? "header" : "section table"))
          << opened.status();
      EXPECT_FALSE(ReadSnapshotFileInfo(path).ok());
      EXPECT_FALSE(VerifySnapshotFile(path).ok());
    }
  }
}

// Edits with the checksums recomputed: the semantic checks must still refuse them.
TEST_F(SnapshotFileTest, ResealedLiesAreCaughtAtOpen) {
  auto g = RichGraph();
  const std::string good = Path("good.liaison");
  ASSERT_TRUE(WriteSnapshotFile(*g, good).ok());
  const std::string bytes = ReadBytes(good);
  const std::string path = Path("lie.liaison");
  const int neighbors = EntryIndex(bytes, sf::kNeighbors);
  const int since = EntryIndex(bytes, sf::kSince);
  const int offsets = EntryIndex(bytes, sf::kOffsets);
  ASSERT_GE(neighbors, 0);
  ASSERT_GE(since, 0);
  struct Case {
    std::string name;
    std::function<void(std::string&)> edit;
    std::string expect;
  };
  const uint64_t file_bytes = bytes.size();
  using Edit = std::function<void(std::string&)>;
  auto header = [](std::function<void(sf::Header&)> f) -> Edit {
    return [f](std::string& b) {
      sf::Header h = HeaderOf(b);
      f(h);
      PutHeader(b, h);
    };
  };
  auto entry = [](int i, std::function<void(sf::TableEntry&)> f) -> Edit {
    return [i, f](std::string& b) {
      sf::TableEntry e = EntryOf(b, i);
      f(e);
      PutEntry(b, i, e);
    };
  };
  const uint64_t neighbors_offset = EntryOf(bytes, neighbors).offset;
  std::vector<Case> cases = {
      {"more members", header([](sf::Header& h) { h.members += 1; }), "section 'offsets' has"},
      {"more adjacencies", header([](sf::Header& h) { h.adjacencies += 2; }),
       "section 'neighbors' has"},
      {"shorter neighbors", entry(neighbors, [](sf::TableEntry& e) { e.bytes -= 4; }),
       "section 'neighbors' has"},
      {"odd since length", entry(since, [](sf::TableEntry& e) { e.bytes -= 1; }),
       "not a multiple of its element size"},
      {"section past the end", entry(since, [&](sf::TableEntry& e) { e.offset = file_bytes; }),
       "outside"},
      {"misaligned section", entry(neighbors, [](sf::TableEntry& e) { e.offset += 8; }),
       "not a multiple of 64"},
      {"wrong element size", entry(neighbors, [](sf::TableEntry& e) { e.element_size = 8; }),
       "element size 8"},
      {"unknown section id", entry(since, [](sf::TableEntry& e) { e.id = 200; }),
       "unknown section id 200"},
      {"unassigned id", entry(offsets, [](sf::TableEntry& e) { e.id = sf::kTopNeighbors + 1; }),
       "unknown section id 11"},
      {"duplicate section", entry(since, [](sf::TableEntry& e) { e.id = sf::kNeighbors; }),
       "repeats"},
      {"overlapping sections",
       entry(since, [&](sf::TableEntry& e) { e.offset = neighbors_offset; }), "overlaps"},
      {"missing offsets", header([](sf::Header& h) { h.section_count = 1; }),
       "required section 'offsets' is missing"},
      {"text column cut short", header([](sf::Header& h) { h.section_count -= 1; }),
       "text column 'school' has 2 of its 3 sections"},
      {"table outside the file", header([&](sf::Header& h) { h.table_offset = file_bytes; }),
       "section table"},
      {"absurd section count", header([](sf::Header& h) { h.section_count = 1'000'000; }),
       "sections, expected"},
      {"unknown flags", header([](sf::Header& h) { h.flags = 4; }), "feature flags"},
      {"longer file", [](std::string& b) { b.append(100, '\0'); }, "unexpected bytes at the end"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::string bad = bytes;
    c.edit(bad);
    Reseal(bad);
    WriteBytes(path, bad);
    auto opened = OpenSnapshotFile(path);
    ASSERT_FALSE(opened.ok());
    EXPECT_THAT(opened.status().message(), HasSubstr(c.expect)) << opened.status();
    EXPECT_FALSE(ReadSnapshotFileInfo(path).ok());
  }
}

// A file whose checksums all match but whose contents break an invariant: only Validate sees it.
TEST_F(SnapshotFileTest, VerifyRunsValidateAfterTheChecksums) {
  auto g = BuildGraph({{1, 2}, {2, 3}, {3, 4}});
  const std::string path = Path("asym.liaison");
  ASSERT_TRUE(WriteSnapshotFile(*g, path).ok());
  std::string bytes = ReadBytes(path);
  const int i = EntryIndex(bytes, sf::kNeighbors);
  sf::TableEntry e = EntryOf(bytes, i);
  // Member 0's only neighbour 1 becomes 2: the connection 0-2 exists in one direction only.
  VertexId v;
  std::memcpy(&v, bytes.data() + e.offset, sizeof(v));
  ASSERT_EQ(v, 1u);
  v = 2;
  std::memcpy(bytes.data() + e.offset, &v, sizeof(v));
  e.checksum = XXH3_64bits(bytes.data() + e.offset, e.bytes);
  PutEntry(bytes, i, e);
  Reseal(bytes);
  WriteBytes(path, bytes);
  EXPECT_TRUE(OpenSnapshotFile(path).ok());  // the cheap checks cannot see it
  const absl::Status st = VerifySnapshotFile(path);
  EXPECT_EQ(st.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(st.message(), HasSubstr("one direction only")) << st;
}

TEST_F(SnapshotFileTest, NewerVersionNamesBothVersions) {
  auto g = BuildGraph({{1, 2}});
  const std::string path = Path("g.liaison");
  ASSERT_TRUE(WriteSnapshotFile(*g, path).ok());
  std::string bytes = ReadBytes(path);
  sf::Header h = HeaderOf(bytes);
  h.format_version = kSnapshotFormatVersion + 1;
  PutHeader(bytes, h);
  for (bool reseal : {true, false}) {  // the version is read before the header checksum
    std::string b = bytes;
    if (reseal) Reseal(b);
    WriteBytes(path, b);
    auto opened = OpenSnapshotFile(path);
    EXPECT_EQ(opened.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_THAT(opened.status().message(), HasSubstr("format version 3, newer than version 2"))
        << opened.status();
    EXPECT_TRUE(LooksLikeSnapshotFile(path));
  }
}

TEST_F(SnapshotFileTest, NotASnapshotFile) {
  const std::string text = Path("connections.tsv");
  WriteBytes(text, "a\tb\n1\t2\n2\t3\n");
  auto opened = OpenSnapshotFile(text);
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(opened.status().message(), HasSubstr("not a Liaison snapshot file"));
  EXPECT_THAT(opened.status().message(), HasSubstr(text));
  EXPECT_FALSE(LooksLikeSnapshotFile(text));

  const std::string tiny = Path("tiny");
  WriteBytes(tiny, "x");
  EXPECT_EQ(OpenSnapshotFile(tiny).status().code(), absl::StatusCode::kFailedPrecondition);

  const std::string empty = Path("empty.liaison");
  WriteBytes(empty, "");
  opened = OpenSnapshotFile(empty);
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(opened.status().message(), HasSubstr("empty"));
  EXPECT_FALSE(LooksLikeSnapshotFile(empty));

  opened = OpenSnapshotFile(dir_);
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(opened.status().message(), HasSubstr("is a directory"));
  EXPECT_FALSE(LooksLikeSnapshotFile(dir_));
  EXPECT_EQ(ReadSnapshotFileInfo(dir_).status().code(), absl::StatusCode::kFailedPrecondition);

  const std::string missing = Path("missing.liaison");
  opened = OpenSnapshotFile(missing);
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(opened.status().message(), HasSubstr(missing));
  EXPECT_FALSE(LooksLikeSnapshotFile(missing));
  EXPECT_EQ(VerifySnapshotFile(missing).code(), absl::StatusCode::kNotFound);

  const std::string fifo = Path("fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(OpenSnapshotFile(fifo).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(LooksLikeSnapshotFile(fifo));
}

TEST_F(SnapshotFileTest, UnreadableFileIsPermissionDenied) {
  if (::geteuid() == 0) GTEST_SKIP() << "running as root: permissions are not enforced";
  auto g = BuildGraph({{1, 2}});
  const std::string path = Path("g.liaison");
  ASSERT_TRUE(WriteSnapshotFile(*g, path).ok());
  fs::permissions(path, fs::perms::none);
  auto opened = OpenSnapshotFile(path);
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(opened.status().message(), HasSubstr(path));
}

// ---- writing ------------------------------------------------------------------------------------

TEST_F(SnapshotFileTest, WriteIntoMissingDirectoryLeavesNothing) {
  auto g = BuildGraph({{1, 2}});
  const std::string path = Path("no/such/dir/g.liaison");
  const absl::Status st = WriteSnapshotFile(*g, path);
  EXPECT_EQ(st.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(st.message(), HasSubstr(path));
  EXPECT_TRUE(Listing().empty());
}

TEST_F(SnapshotFileTest, OverwriteReplacesAndLeavesNoTemporaryFile) {
  auto first = BuildGraph(testing::RandomUniformEdges(80, 300, 31));
  auto second = RichGraph();
  const std::string path = Path("g.liaison");
  ASSERT_TRUE(WriteSnapshotFile(*first, path).ok());
  ASSERT_TRUE(WriteSnapshotFile(*second, path).ok());
  EXPECT_EQ(Listing(), std::set<std::string>{"g.liaison"});
  auto opened = OpenSnapshotFile(path, {.verify = true});
  ASSERT_TRUE(opened.ok()) << opened.status();
  ExpectSameSnapshot(*second, **opened);
}

TEST_F(SnapshotFileTest, PathIsADirectoryFailsAndLeavesItIntact) {
  auto g = BuildGraph({{1, 2}});
  const std::string path = Path("taken");
  fs::create_directory(path);
  WriteBytes(path + "/inside", "keep me");
  const absl::Status st = WriteSnapshotFile(*g, path);
  EXPECT_FALSE(st.ok());
  EXPECT_THAT(st.message(), HasSubstr(path));
  EXPECT_EQ(Listing(), std::set<std::string>{"taken"});
  EXPECT_EQ(ReadBytes(path + "/inside"), "keep me");
}

// A write that fails half way (the file-size limit stops it) leaves the previous file intact.
TEST_F(SnapshotFileTest, FailedWriteKeepsThePreviousFile) {
  auto small = BuildGraph({{1, 2}, {2, 3}});
  auto big = BuildGraph(testing::RandomUniformEdges(20000, 100000, 41));
  const std::string path = Path("g.liaison");
  ASSERT_TRUE(WriteSnapshotFile(*small, path).ok());
  const std::string before = ReadBytes(path);
  ASSERT_LT(before.size(), 256u << 10);

  struct rlimit old_limit;
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old_limit), 0);
  struct sigaction ignore = {}, old_action;
  ignore.sa_handler = SIG_IGN;
  ASSERT_EQ(::sigaction(SIGXFSZ, &ignore, &old_action), 0);
  struct rlimit limit = old_limit;
  limit.rlim_cur = 256 << 10;  // the big graph's file is several MB
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &limit), 0);
  const absl::Status st = WriteSnapshotFile(*big, path);
  ::setrlimit(RLIMIT_FSIZE, &old_limit);
  ::sigaction(SIGXFSZ, &old_action, nullptr);

  EXPECT_FALSE(st.ok());
  EXPECT_THAT(st.message(), HasSubstr(path)) << st;
  EXPECT_EQ(Listing(), std::set<std::string>{"g.liaison"});
  EXPECT_EQ(ReadBytes(path), before);
  auto opened = OpenSnapshotFile(path, {.verify = true});
  ASSERT_TRUE(opened.ok()) << opened.status();
  ExpectSameSnapshot(*small, **opened);
}

TEST_F(SnapshotFileTest, InconsistentSnapshotIsNotWritten) {
  auto g = BuildGraph({{1, 2}, {2, 3}});
  Snapshot::Parts parts = g->parts();
  parts.offsets = parts.offsets.first(parts.offsets.size() - 1);
  const Snapshot broken(parts);
  const std::string path = Path("broken.liaison");
  absl::Status st = WriteSnapshotFile(broken, path);
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(st.message(), HasSubstr("section 'offsets' has 3 elements, expected 4"));

  Snapshot::Parts short_strength = g->parts();
  const std::vector<uint8_t> strength(3, 9);  // 4 adjacencies
  short_strength.strength = strength;
  st = WriteSnapshotFile(Snapshot(short_strength), path);
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(st.message(), HasSubstr("'strength'"));

  st = WriteSnapshotFile(Snapshot(Snapshot::Parts{}), path);  // no offsets at all
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(Listing().empty());
}

TEST_F(SnapshotFileTest, TwoMegabyteAlignmentIsReadable) {
  auto g = RichGraph();
  const std::string path = Path("huge.liaison");
  ASSERT_TRUE(sf::WriteSnapshotFileAligned(*g, path, 2 << 20).ok());
  auto info = ReadSnapshotFileInfo(path);
  ASSERT_TRUE(info.ok());
  for (const auto& s : info->sections) EXPECT_EQ(s.offset % (2 << 20), 0u) << s.name;
  auto opened = OpenSnapshotFile(path, {.verify = true});
  ASSERT_TRUE(opened.ok()) << opened.status();
  ExpectSameSnapshot(*g, **opened);
  EXPECT_EQ(sf::WriteSnapshotFileAligned(*g, path, 100).code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace liaison
