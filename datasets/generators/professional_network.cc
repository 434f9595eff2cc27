// The public generator API: validation, in-memory generation and the streaming TSV writers.
//
// Members are processed in blocks of kBlockMembers consecutive member indexes. A block's
// connection rows are the connections its members own (network_model.h), in member order and,
// per member, in target order; its member rows are those members in order. Blocks are generated
// in parallel and written in order (block_writer.h), so the bytes never depend on the thread
// count, and memory stays at the model state plus a few blocks.

#include "datasets/generators/professional_network.h"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "datasets/generators/block_writer.h"
#include "datasets/generators/network_model.h"
#include "datasets/generators/text_format.h"
#include "engine/util/status_macros.h"
#include "oneapi/tbb/blocked_range.h"
#include "oneapi/tbb/enumerable_thread_specific.h"
#include "oneapi/tbb/parallel_for.h"

namespace liaison::generators {
namespace {

using internal::MemberProfile;
using internal::NetworkModel;
using internal::OwnedEdge;

constexpr uint32_t kBlockMembers = 4096;
constexpr uint64_t kKroneckerBlockRows = uint64_t{1} << 16;
constexpr uint64_t kMaxMembers = 0xFFFFFFFEULL;
constexpr double kMaxAvgDegree = 10000;

constexpr std::string_view kConnectionsHeader = "a\tb\tstrength\tsince\n";
constexpr std::string_view kMembersHeader =
    "id\tname\theadline\tcompany\tindustry\tlocation\tschool\thas_photo\thas_phone\tlast_updated\t"
    "hides_connections\tno_introductions\tverified\n";
// Longest connection row: two 20-digit ids, "0.xx", a date, 4 separators.
constexpr size_t kMaxConnectionRow = 20 + 1 + 20 + 1 + 4 + 1 + 10 + 1;
constexpr size_t kMaxMemberRow = 20 + kNumTextColumns * (1 + NetworkModel::kMaxTextBytes) + 6 * 2 + 11 + 1;

struct BlockScratch {
  internal::Scratch scratch;
  std::vector<OwnedEdge> edges;
};

uint64_t NumBlocks(uint32_t n) { return (uint64_t{n} + kBlockMembers - 1) / kBlockMembers; }
uint32_t BlockBegin(uint64_t block) { return static_cast<uint32_t>(block * kBlockMembers); }
uint32_t BlockEnd(uint64_t block, uint32_t n) {
  return static_cast<uint32_t>(std::min<uint64_t>(n, (block + 1) * kBlockMembers));
}

absl::Status CreateDirectory(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return absl::ErrnoToStatus(ec.value(), absl::StrCat("cannot create directory ", dir));
  return absl::OkStatus();
}

inline char* PutFlag(char* p, bool b) {
  *p++ = '\t';
  *p++ = b ? '1' : '0';
  return p;
}

void FormatConnectionBlock(const NetworkModel& model, uint64_t block, BlockScratch& bs, CharBuffer& out) {
  const uint32_t end = BlockEnd(block, model.num_members());
  const char* const dates = GeneratedDateTable();
  for (uint32_t u = BlockBegin(block); u < end; ++u) {
    bs.edges.clear();
    model.OwnedConnections(u, bs.scratch, &bs.edges);
    if (bs.edges.empty()) continue;
    // The row prefix "a<TAB>" is copied as a fixed kPrefixBytes (an inlined copy, not a libc
    // call); the bytes past prefix_len land inside the row's reserved room and are overwritten.
    constexpr size_t kPrefixBytes = 24;
    static_assert(kPrefixBytes <= kMaxConnectionRow);
    char prefix[kPrefixBytes] = {};
    char* prefix_end = AppendUint(prefix, model.external_id(u));
    *prefix_end++ = '\t';
    const size_t prefix_len = static_cast<size_t>(prefix_end - prefix);
    char* p = out.Reserve(bs.edges.size() * kMaxConnectionRow);
    for (const OwnedEdge& e : bs.edges) {
      std::memcpy(p, prefix, kPrefixBytes);
      p = AppendUint(p + prefix_len, e.target_id);
      *p++ = '\t';
      std::memcpy(p, StrengthText(e.strength_pct), 4);
      p[4] = '\t';
      std::memcpy(p + 5, dates + size_t{e.since} * 10, 10);
      p[15] = '\n';
      p += 16;
    }
    out.Commit(p);
  }
}

void FormatMemberBlock(const NetworkModel& model, uint64_t block, CharBuffer& out) {
  const uint32_t end = BlockEnd(block, model.num_members());
  for (uint32_t u = BlockBegin(block); u < end; ++u) {
    const MemberProfile prof = model.Profile(u);
    char* p = AppendUint(out.Reserve(kMaxMemberRow), model.external_id(u));
    for (int c = 0; c < kNumTextColumns; ++c) {
      *p++ = '\t';
      p = model.WriteText(static_cast<TextColumn>(c), u, prof, p);
    }
    p = PutFlag(p, prof.photo);
    p = PutFlag(p, prof.phone);
    *p++ = '\t';
    if (prof.has_profile) {
      std::memcpy(p, GeneratedDateText(prof.last_updated), 10);
      p += 10;
    }
    p = PutFlag(p, prof.hides_connections);
    p = PutFlag(p, prof.no_introductions);
    p = PutFlag(p, prof.verified);
    *p++ = '\n';
    out.Commit(p);
  }
}

PackedDate ToPackedDate(uint32_t generated_day) {
  return PackDate(kGeneratedEpochDays + generated_day);
}

uint8_t MemberFlags(const MemberProfile& p) {
  return (p.photo ? kHasPhoto : 0) | (p.phone ? kHasPhone : 0) |
         (p.hides_connections ? kHidesConnections : 0) |
         (p.no_introductions ? kNoIntroductions : 0) | (p.verified ? kVerified : 0);
}

}  // namespace

absl::Status ValidateProfessionalNetworkOptions(const ProfessionalNetworkOptions& o) {
  if (o.members == 0 || o.members > kMaxMembers) {
    return absl::InvalidArgumentError(
        absl::StrCat("members ", o.members, " is outside 1..", kMaxMembers));
  }
  if (!std::isfinite(o.avg_degree) || o.avg_degree < 0 || o.avg_degree > kMaxAvgDegree) {
    return absl::InvalidArgumentError(
        absl::StrCat("average degree ", o.avg_degree, " is outside 0..", kMaxAvgDegree));
  }
  const double densest = (static_cast<double>(o.members) - 1) / 2;
  if (o.avg_degree > densest) {
    return absl::InvalidArgumentError(absl::StrCat("average degree ", o.avg_degree, " is too high for ",
                                                   o.members, " members (at most ", densest, ")"));
  }
  return absl::OkStatus();
}

absl::StatusOr<GeneratedNetwork> GenerateProfessionalNetwork(const ProfessionalNetworkOptions& options) {
  LIAISON_RETURN_IF_ERROR(ValidateProfessionalNetworkOptions(options));
  const NetworkModel model(options);
  const uint32_t n = model.num_members();
  GeneratedNetwork net;
  net.connections.resize(NumBlocks(n));
  tbb::enumerable_thread_specific<BlockScratch> scratch;
  tbb::parallel_for(uint64_t{0}, NumBlocks(n), [&](uint64_t block) {
    BlockScratch& bs = scratch.local();
    ConnectionBatch& batch = net.connections[block];
    const uint32_t end = BlockEnd(block, n);
    for (uint32_t u = BlockBegin(block); u < end; ++u) {
      bs.edges.clear();
      model.OwnedConnections(u, bs.scratch, &bs.edges);
      for (const OwnedEdge& e : bs.edges) {
        batch.a.push_back(model.external_id(u));
        batch.b.push_back(e.target_id);
        batch.strength.push_back(PackStrength(static_cast<float>(e.strength_pct) / 100.0f));
        batch.since.push_back(ToPackedDate(e.since));
      }
    }
  });

  MemberTable& members = net.members;
  members.ids.resize(n);
  members.flags.resize(n);
  members.last_updated.resize(n);
  for (auto& column : members.text) column.resize(n);
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, n, 1024), [&](const tbb::blocked_range<uint32_t>& r) {
    char text[NetworkModel::kMaxTextBytes];
    for (uint32_t u = r.begin(); u != r.end(); ++u) {
      const MemberProfile prof = model.Profile(u);
      members.ids[u] = model.external_id(u);
      members.flags[u] = MemberFlags(prof);
      members.last_updated[u] = prof.has_profile ? ToPackedDate(prof.last_updated) : kNoDate;
      for (int c = 0; c < kNumTextColumns; ++c) {
        const char* end = model.WriteText(static_cast<TextColumn>(c), u, prof, text);
        members.text[c][u].assign(text, static_cast<size_t>(end - text));
      }
    }
  });
  return net;
}

absl::Status WriteProfessionalNetwork(const ProfessionalNetworkOptions& options, const std::string& dir,
                                      ProgressFn progress) {
  LIAISON_RETURN_IF_ERROR(ValidateProfessionalNetworkOptions(options));
  LIAISON_RETURN_IF_ERROR(CreateDirectory(dir));
  const NetworkModel model(options);
  const uint32_t n = model.num_members();
  const uint64_t blocks = NumBlocks(n);
  const uint64_t total = 2 * uint64_t{n};
  auto report = [&](uint64_t done) {
    if (progress) progress(done, total);
  };

  LIAISON_RETURN_IF_ERROR(WriteBlocksInOrder(
      dir + "/members.tsv", kMembersHeader, blocks,
      [&](uint64_t block, CharBuffer& out) { FormatMemberBlock(model, block, out); },
      [&](uint64_t block) { report(BlockEnd(block, n)); }));

  tbb::enumerable_thread_specific<BlockScratch> scratch;
  return WriteBlocksInOrder(
      dir + "/connections.tsv", kConnectionsHeader, blocks,
      [&](uint64_t block, CharBuffer& out) { FormatConnectionBlock(model, block, scratch.local(), out); },
      [&](uint64_t block) { report(uint64_t{n} + BlockEnd(block, n)); });
}

absl::Status WriteKroneckerNetwork(const KroneckerOptions& options, const std::string& dir,
                                   ProgressFn progress) {
  LIAISON_RETURN_IF_ERROR(ValidateKroneckerOptions(options));
  LIAISON_RETURN_IF_ERROR(CreateDirectory(dir));
  const uint64_t rows = static_cast<uint64_t>(options.edge_factor) << options.scale;
  const uint64_t blocks = (rows + kKroneckerBlockRows - 1) / kKroneckerBlockRows;
  const uint64_t row_seed = internal::Mix(options.seed ^ 0x6b726f6e65636b72ULL);
  tbb::enumerable_thread_specific<ConnectionBatch> batches;
  return WriteBlocksInOrder(
      dir + "/connections.tsv", kConnectionsHeader, blocks,
      [&](uint64_t block, CharBuffer& out) {
        const uint64_t begin = block * kKroneckerBlockRows;
        const uint64_t end = std::min(rows, begin + kKroneckerBlockRows);
        ConnectionBatch& batch = batches.local();
        KroneckerRows(options, begin, end, &batch);
        char* p = out.Reserve((end - begin) * kMaxConnectionRow);
        for (uint64_t i = 0; i < end - begin; ++i) {
          // Strength uniform in 0.01..1.00; since skewed towards recent days, as in the model.
          const uint64_t h = internal::Mix(row_seed + begin + i);
          const uint32_t pct = 1 + internal::Below(static_cast<uint32_t>(h), 100);
          const uint32_t since = static_cast<uint32_t>(kLastGeneratedDay *
                                                       std::sqrt(internal::Unit(internal::Mix(h))));
          p = AppendUint(p, batch.a[i]);
          *p++ = '\t';
          p = AppendUint(p, batch.b[i]);
          *p++ = '\t';
          std::memcpy(p, StrengthText(pct), 4);
          p[4] = '\t';
          std::memcpy(p + 5, GeneratedDateText(since), 10);
          p[15] = '\n';
          p += 16;
        }
        out.Commit(p);
      },
      [&](uint64_t block) {
        if (progress) progress(std::min(rows, (block + 1) * kKroneckerBlockRows), rows);
      });
}

}  // namespace liaison::generators
