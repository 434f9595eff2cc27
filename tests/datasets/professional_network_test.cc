// The professional-network generator in memory: option checks, determinism per seed, and the
// statistical properties the model promises (datasets/README.md), measured on 20,000 members by
// code independent of the generator (sets of pairs, BuildSnapshot's report, measure.h, and a
// uniform random graph of the same size as the baseline for clustering).

#include "datasets/generators/professional_network.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <utility>

#include "datasets/generators/measure.h"
#include "datasets/generators/network_model.h"
#include "datasets/generators/text_format.h"
#include "engine/util/dates.h"
#include "gtest/gtest.h"
#include "liaison/builder.h"
#include "tests/testing/graphs.h"

namespace liaison::generators {
namespace {

constexpr uint64_t kMembers = 20000;
constexpr double kAvgDegree = 40;

// Model rates (network_model.h), restated here on purpose: a change there must be deliberate.
constexpr double kRateNoProfile = 0.12, kRateComplete = 0.42, kRatePhoto = 0.70, kRatePhone = 0.33;
constexpr double kRateVerified = 0.10, kRateHides = 0.03, kRateNoIntroductions = 0.04;

class ProfessionalNetworkTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto net = GenerateProfessionalNetwork({kMembers, kAvgDegree, 7});
    ASSERT_TRUE(net.ok()) << net.status();
    net_ = new GeneratedNetwork(*std::move(net));
    std::vector<ConnectionBatch> copy = net_->connections;
    auto g = BuildSnapshot(std::move(copy), &net_->members, &report_);
    ASSERT_TRUE(g.ok()) << g.status();
    graph_ = new std::shared_ptr<const Snapshot>(*std::move(g));
  }
  static void TearDownTestSuite() {
    delete net_;
    delete graph_;
    net_ = nullptr;
    graph_ = nullptr;
  }
  static uint64_t Rows() {
    uint64_t rows = 0;
    for (const auto& b : net_->connections) rows += b.size();
    return rows;
  }
  // Calls fn(a, b, strength, since) for every row.
  template <typename Fn>
  static void ForEachRow(Fn&& fn) {
    for (const auto& b : net_->connections) {
      for (size_t i = 0; i < b.size(); ++i) fn(b.a[i], b.b[i], b.strength[i], b.since[i]);
    }
  }

  static GeneratedNetwork* net_;
  static std::shared_ptr<const Snapshot>* graph_;
  static BuildReport report_;
};

GeneratedNetwork* ProfessionalNetworkTest::net_ = nullptr;
std::shared_ptr<const Snapshot>* ProfessionalNetworkTest::graph_ = nullptr;
BuildReport ProfessionalNetworkTest::report_;

TEST(ProfessionalNetworkOptionsTest, RejectsBadOptions) {
  EXPECT_EQ(ValidateProfessionalNetworkOptions({0, 10, 1}).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateProfessionalNetworkOptions({uint64_t{1} << 32, 10, 1}).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateProfessionalNetworkOptions({100, -1, 1}).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateProfessionalNetworkOptions({100, std::nan(""), 1}).code(),
            absl::StatusCode::kInvalidArgument);
  const absl::Status dense = ValidateProfessionalNetworkOptions({50, 40, 1});
  EXPECT_EQ(dense.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(dense.message().find("50 members"), absl::string_view::npos) << dense;
  EXPECT_TRUE(ValidateProfessionalNetworkOptions({1, 0, 1}).ok());
  EXPECT_TRUE(ValidateProfessionalNetworkOptions({1000, 40, 1}).ok());
  EXPECT_FALSE(GenerateProfessionalNetwork({0, 10, 1}).ok());
}

void ExpectSameNetwork(const GeneratedNetwork& x, const GeneratedNetwork& y) {
  ASSERT_EQ(x.connections.size(), y.connections.size());
  for (size_t i = 0; i < x.connections.size(); ++i) {
    EXPECT_EQ(x.connections[i].a, y.connections[i].a);
    EXPECT_EQ(x.connections[i].b, y.connections[i].b);
    EXPECT_EQ(x.connections[i].strength, y.connections[i].strength);
    EXPECT_EQ(x.connections[i].since, y.connections[i].since);
  }
  EXPECT_EQ(x.members.ids, y.members.ids);
  EXPECT_EQ(x.members.flags, y.members.flags);
  EXPECT_EQ(x.members.last_updated, y.members.last_updated);
  EXPECT_EQ(x.members.text, y.members.text);
}

TEST(ProfessionalNetworkDeterminismTest, SameSeedSameNetworkOtherSeedOtherNetwork) {
  auto a = GenerateProfessionalNetwork({5000, 20, 11});
  auto b = GenerateProfessionalNetwork({5000, 20, 11});
  auto c = GenerateProfessionalNetwork({5000, 20, 12});
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  ExpectSameNetwork(*a, *b);
  std::set<std::pair<ExternalId, ExternalId>> pa, pc;
  for (const auto& batch : a->connections) {
    for (size_t i = 0; i < batch.size(); ++i) pa.insert(std::minmax(batch.a[i], batch.b[i]));
  }
  for (const auto& batch : c->connections) {
    for (size_t i = 0; i < batch.size(); ++i) pc.insert(std::minmax(batch.a[i], batch.b[i]));
  }
  std::vector<std::pair<ExternalId, ExternalId>> common;
  std::set_intersection(pa.begin(), pa.end(), pc.begin(), pc.end(), std::back_inserter(common));
  EXPECT_LT(common.size(), pa.size() / 10) << "seeds 11 and 12 share most connections";
  EXPECT_NE(a->members.text, c->members.text);
}

TEST_F(ProfessionalNetworkTest, AverageDegreeWithinTenPercent) {
  const double degree = 2.0 * static_cast<double>(Rows()) / kMembers;
  EXPECT_NEAR(degree, kAvgDegree, 0.1 * kAvgDegree);
  // A sparser and a smaller request too.
  for (const ProfessionalNetworkOptions o : {ProfessionalNetworkOptions{5000, 8, 3},
                                             ProfessionalNetworkOptions{2000, 100, 4}}) {
    auto net = GenerateProfessionalNetwork(o);
    ASSERT_TRUE(net.ok());
    uint64_t rows = 0;
    for (const auto& b : net->connections) rows += b.size();
    EXPECT_NEAR(2.0 * static_cast<double>(rows) / o.members, o.avg_degree, 0.1 * o.avg_degree)
        << o.members << " members, degree " << o.avg_degree;
  }
}

TEST_F(ProfessionalNetworkTest, RowsAreDistinctWithoutSelfLoops) {
  std::vector<std::pair<ExternalId, ExternalId>> pairs;
  uint64_t self_loops = 0;
  ForEachRow([&](ExternalId a, ExternalId b, uint8_t, PackedDate) {
    self_loops += a == b;
    pairs.push_back(std::minmax(a, b));
  });
  EXPECT_EQ(self_loops, 0u);
  std::sort(pairs.begin(), pairs.end());
  EXPECT_EQ(std::adjacent_find(pairs.begin(), pairs.end()), pairs.end()) << "a connection appears twice";
  EXPECT_EQ(pairs.size(), Rows());
  // The builder agrees: it keeps every row.
  EXPECT_EQ(report_.connections_in, Rows());
  EXPECT_EQ(report_.connections_kept, Rows());
  EXPECT_EQ(report_.duplicates_merged, 0u);
  EXPECT_EQ(report_.self_loops_dropped, 0u);
  EXPECT_TRUE((*graph_)->Validate().ok());
}

TEST_F(ProfessionalNetworkTest, IdsArePermutationOfOneToN) {
  std::vector<ExternalId> ids = net_->members.ids;
  ASSERT_EQ(ids.size(), kMembers);
  std::sort(ids.begin(), ids.end());
  for (uint64_t i = 0; i < kMembers; ++i) ASSERT_EQ(ids[i], i + 1);
  EXPECT_FALSE(std::is_sorted(net_->members.ids.begin(), net_->members.ids.end()));
  ForEachRow([&](ExternalId a, ExternalId b, uint8_t, PackedDate) {
    ASSERT_TRUE(a >= 1 && a <= kMembers && b >= 1 && b <= kMembers);
  });
  EXPECT_EQ((*graph_)->num_members(), kMembers);
}

TEST_F(ProfessionalNetworkTest, SinceDatesAndStrengthsInRangeAndSkewedRecent) {
  const PackedDate first = PackDate(DaysFromCivil(1990, 1, 1));
  const PackedDate last = PackDate(DaysFromCivil(2026, 6, 30));
  const PackedDate recent = PackDate(DaysFromCivil(2016, 7, 1));  // the last ten years
  const PackedDate early = PackDate(DaysFromCivil(2005, 1, 1));
  uint64_t in_last_decade = 0, before_2005 = 0;
  ForEachRow([&](ExternalId, ExternalId, uint8_t strength, PackedDate since) {
    ASSERT_GE(since, first);
    ASSERT_LE(since, last);
    ASSERT_GE(strength, PackStrength(0.01f));
    in_last_decade += since >= recent;
    before_2005 += since < early;
  });
  // Uniform dates would put 27% of the ties in the last ten of the 36.5 years; the whole range
  // is still used.
  EXPECT_GT(static_cast<double>(in_last_decade) / Rows(), 0.45);
  EXPECT_GT(static_cast<double>(before_2005) / Rows(), 0.03);
}

TEST_F(ProfessionalNetworkTest, ClusteringFarAboveUniformRandomGraph) {
  const ClusteringStats generated = MeasureClustering(**graph_);
  const auto uniform = testing::BuildGraph(testing::RandomUniformEdges(kMembers, Rows(), 5));
  const ClusteringStats random = MeasureClustering(*uniform);
  EXPECT_GT(generated.average_local, 0.15);
  EXPECT_GT(generated.transitivity, 0.10);
  EXPECT_GT(generated.average_local, 20 * random.average_local)
      << "uniform random graph: " << random.average_local;
}

TEST_F(ProfessionalNetworkTest, DegreesAreHeavyTailed) {
  const DegreeStats d = MeasureDegrees(**graph_);
  EXPECT_LT(d.median, 0.9 * d.mean);
  EXPECT_GT(d.p99, 3 * d.mean);
  EXPECT_GT(d.max, 10 * d.mean);
}

TEST_F(ProfessionalNetworkTest, MostConnectionsShareACompanyAndColleaguesAreCloser) {
  // Where both members show a company (the field is hidden independently of the ties).
  std::vector<uint32_t> index(kMembers + 1);
  for (uint32_t i = 0; i < kMembers; ++i) index[net_->members.ids[i]] = i;
  const auto& company = net_->members.text[static_cast<int>(TextColumn::kCompany)];
  uint64_t both = 0, same = 0;
  double same_strength = 0, other_strength = 0;
  ForEachRow([&](ExternalId a, ExternalId b, uint8_t strength, PackedDate) {
    const std::string& ca = company[index[a]];
    const std::string& cb = company[index[b]];
    if (ca.empty() || cb.empty()) return;
    ++both;
    if (ca == cb) {
      ++same;
      same_strength += strength;
    } else {
      other_strength += strength;
    }
  });
  ASSERT_GT(both, Rows() / 4);
  EXPECT_GT(static_cast<double>(same) / both, 0.5);
  EXPECT_GT(same_strength / same / 255.0, other_strength / (both - same) / 255.0 + 0.1);
}

TEST_F(ProfessionalNetworkTest, ProfileAndFlagRatesMatchTheModel) {
  const MemberTable& m = net_->members;
  auto text = [&](TextColumn c, size_t i) -> const std::string& { return m.text[static_cast<int>(c)][i]; };
  double no_profile = 0, complete = 0, photo = 0, phone = 0, verified = 0, hides = 0, no_intro = 0;
  for (size_t i = 0; i < m.size(); ++i) {
    const bool empty = std::all_of(m.text.begin(), m.text.end(), [&](const auto& col) { return col[i].empty(); });
    no_profile += empty;
    if (empty) {
      EXPECT_EQ(m.last_updated[i], kNoDate);
      EXPECT_EQ(m.flags[i] & (kHasPhoto | kHasPhone | kVerified), 0);
    } else {
      EXPECT_FALSE(text(TextColumn::kName, i).empty());
      EXPECT_NE(m.last_updated[i], kNoDate);
    }
    const bool all_text = std::all_of(m.text.begin(), m.text.end(), [&](const auto& col) { return !col[i].empty(); });
    complete += all_text && (m.flags[i] & kHasPhoto);
    photo += (m.flags[i] & kHasPhoto) != 0;
    phone += (m.flags[i] & kHasPhone) != 0;
    verified += (m.flags[i] & kVerified) != 0;
    hides += (m.flags[i] & kHidesConnections) != 0;
    no_intro += (m.flags[i] & kNoIntroductions) != 0;
  }
  const double n = static_cast<double>(m.size());
  // Tolerances are about 5 standard deviations of a proportion over 20,000 members.
  EXPECT_NEAR(no_profile / n, kRateNoProfile, 0.012);
  EXPECT_NEAR(complete / n, kRateComplete, 0.018);
  EXPECT_NEAR(photo / n, kRatePhoto, 0.016);
  EXPECT_NEAR(phone / n, kRatePhone, 0.017);
  EXPECT_NEAR(verified / n, kRateVerified, 0.011);
  EXPECT_NEAR(hides / n, kRateHides, 0.006);
  EXPECT_NEAR(no_intro / n, kRateNoIntroductions, 0.007);
  // And the snapshot sees the privacy flags.
  EXPECT_TRUE((*graph_)->any_hidden());
}

TEST(NetworkModelTest, TiesStartAfterBothMembersJoinedAndListsAreSorted) {
  // The join dates are internal to the model, so this checks the model directly.
  const internal::NetworkModel model(ProfessionalNetworkOptions{3000, 20, 13});
  internal::Scratch scratch;
  std::vector<internal::OwnedEdge> edges;
  uint64_t total = 0;
  for (uint32_t u = 0; u < model.num_members(); ++u) {
    edges.clear();
    model.OwnedConnections(u, scratch, &edges);
    for (size_t i = 0; i < edges.size(); ++i) {
      const internal::OwnedEdge& e = edges[i];
      ASSERT_NE(e.target, u);
      ASSERT_LT(e.target, model.num_members());
      if (i > 0) {
        ASSERT_LT(edges[i - 1].target, e.target);
      }
      ASSERT_GE(e.since, std::max(model.info(u).joined, model.info(e.target).joined));
      ASSERT_LE(e.since, kLastGeneratedDay);
      ASSERT_GE(e.strength_pct, 1);
      ASSERT_LE(e.strength_pct, 100);
    }
    total += edges.size();
  }
  EXPECT_NEAR(2.0 * static_cast<double>(total) / model.num_members(), 20, 2);
}

TEST(ProfessionalNetworkEdgeCases, TinyNetworks) {
  auto one = GenerateProfessionalNetwork({1, 0, 1});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->members.ids, std::vector<ExternalId>{1});
  uint64_t rows = 0;
  for (const auto& b : one->connections) rows += b.size();
  EXPECT_EQ(rows, 0u);

  auto small = GenerateProfessionalNetwork({30, 4, 2});
  ASSERT_TRUE(small.ok());
  std::set<std::pair<ExternalId, ExternalId>> pairs;
  rows = 0;
  for (const auto& b : small->connections) {
    for (size_t i = 0; i < b.size(); ++i) {
      EXPECT_NE(b.a[i], b.b[i]);
      pairs.insert(std::minmax(b.a[i], b.b[i]));
      ++rows;
    }
  }
  EXPECT_EQ(pairs.size(), rows);
  EXPECT_GT(rows, 0u);
}

}  // namespace
}  // namespace liaison::generators
