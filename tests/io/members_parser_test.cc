// The members parser: every column, TSV and CSV (quoting with "" escapes, separators and line
// breaks inside quotes), booleans, unknown columns, and every error with its file:line message.

#include <string>

#include "engine/util/dates.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "liaison/import.h"

namespace liaison {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Text(const MemberTable& t, TextColumn c) { return t.text[static_cast<int>(c)]; }

absl::StatusOr<MemberTable> Parse(std::string_view text, ImportReport* report = nullptr, bool skip_bad = false) {
  ImportOptions options;
  options.skip_bad = skip_bad;
  return ParseMembers(text, "members.csv", options, report);
}

std::string ErrorOf(std::string_view text, bool skip_bad = false) {
  auto parsed = Parse(text, nullptr, skip_bad);
  EXPECT_FALSE(parsed.ok()) << text;
  if (parsed.ok()) return "";
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << parsed.status();
  return std::string(parsed.status().message());
}

TEST(ParseMembers, TsvWithEveryColumn) {
  ImportReport report;
  auto t = Parse(
      "id\tname\theadline\tcompany\tindustry\tlocation\tschool\thas_photo\thas_phone\tlast_updated\t"
      "hides_connections\tno_introductions\tverified\n"
      "10\tAda Lovelace\tAnalyst\tAcme\tComputing\tLondon\tHome\t1\t0\t2024-02-29\t1\t0\ttrue\n"
      "7\tAlan\t\tGlobex\t\t\t\tfalse\tTRUE\t\t0\t1\t0\n",
      &report);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_THAT(t->ids, ElementsAre(10, 7));
  EXPECT_THAT(Text(*t, TextColumn::kName), ElementsAre("Ada Lovelace", "Alan"));
  EXPECT_THAT(Text(*t, TextColumn::kHeadline), ElementsAre("Analyst", ""));
  EXPECT_THAT(Text(*t, TextColumn::kCompany), ElementsAre("Acme", "Globex"));
  EXPECT_THAT(Text(*t, TextColumn::kIndustry), ElementsAre("Computing", ""));
  EXPECT_THAT(Text(*t, TextColumn::kLocation), ElementsAre("London", ""));
  EXPECT_THAT(Text(*t, TextColumn::kSchool), ElementsAre("Home", ""));
  EXPECT_THAT(t->flags, ElementsAre(kHasPhoto | kHidesConnections | kVerified, kHasPhone | kNoIntroductions));
  EXPECT_THAT(t->last_updated, ElementsAre(PackDate(DaysFromCivil(2024, 2, 29)), kNoDate));
  EXPECT_EQ(report.member_rows, 2u);
  EXPECT_EQ(report.header_lines, 1u);
  EXPECT_EQ(report.lines_read, 3u);
  EXPECT_TRUE(report.ignored_member_columns.empty());
}

TEST(ParseMembers, OnlyIdAndAbsentColumnsStayAbsent) {
  auto t = Parse("id\n3\n1\n2");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_THAT(t->ids, ElementsAre(3, 1, 2));
  EXPECT_THAT(t->flags, ElementsAre(0, 0, 0));
  EXPECT_TRUE(t->last_updated.empty());
  for (int c = 0; c < kNumTextColumns; ++c) EXPECT_TRUE(t->text[c].empty());
}

TEST(ParseMembers, CsvQuotingUnknownColumnsCaseAndOrder) {
  ImportReport report;
  auto t = Parse(
      "# exported members\n"
      "Company,ID,Favourite Colour,Name,Verified\r\n"
      "\"Smith, Jones & Co\",5,blue,\"Bob \"\"The Builder\"\"\",1\r\n"
      "\r\n"
      "  Initech , 6 ,red,\"Multi\nline\",0\r\n"
      "\"\",8,,Eve,\n",
      &report);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_THAT(t->ids, ElementsAre(5, 6, 8));
  EXPECT_THAT(Text(*t, TextColumn::kCompany), ElementsAre("Smith, Jones & Co", "Initech", ""));
  EXPECT_THAT(Text(*t, TextColumn::kName), ElementsAre("Bob \"The Builder\"", "Multi\nline", "Eve"));
  EXPECT_THAT(t->flags, ElementsAre(kVerified, 0, 0));
  EXPECT_THAT(report.ignored_member_columns, ElementsAre("Favourite Colour"));
  EXPECT_EQ(report.comment_lines, 1u);
  EXPECT_EQ(report.blank_lines, 1u);
  EXPECT_EQ(report.lines_read, 7u);
  // A record that spans lines: the next error names the right line.
  EXPECT_EQ(ErrorOf("id,name\n1,\"a\nb\nc\"\n2x,d\n"), "members.csv:5: member id \"2x\" is not a number");
}

TEST(ParseMembers, HeaderErrorsFailEvenWithSkipBad) {
  EXPECT_EQ(ErrorOf("name,company\nAda,Acme\n", true),
            "members.csv:1: the header has no \"id\" column (columns: \"name\", \"company\")");
  EXPECT_EQ(ErrorOf("member_id\tname\n1\tA\n", true),
            "members.csv:1: the header has no \"id\" column (columns: \"member_id\", \"name\")");
  EXPECT_EQ(ErrorOf("id,name,Name\n", true), "members.csv:1: column \"Name\" appears twice in the header");
  EXPECT_EQ(ErrorOf("", true), "members.csv: empty file, no header line");
  EXPECT_EQ(ErrorOf("# nothing\n\n", true), "members.csv: no header line (only comments)");
  EXPECT_THAT(ErrorOf(std::string("id\n1\0\n", 6), true), HasSubstr("members.csv:2: NUL byte"));
}

TEST(ParseMembers, RowErrorsNameLineAndProblem) {
  EXPECT_EQ(ErrorOf("id,name\n1,A\n12a,B\n"), "members.csv:3: member id \"12a\" is not a number");
  EXPECT_EQ(ErrorOf("id,name\n,A\n"), "members.csv:2: missing member id");
  EXPECT_EQ(ErrorOf("id,name\n18446744073709551616,A\n"),
            "members.csv:2: member id 18446744073709551616 is above 2^64-1 (18446744073709551615)");
  EXPECT_EQ(ErrorOf("id,name,company\n1,A\n"),
            "members.csv:2: missing column \"company\" (2 fields, the header has 3 columns)");
  EXPECT_EQ(ErrorOf("id,name\n1,A,extra\n"), "members.csv:2: 3 fields, the header has 2 columns");
  EXPECT_EQ(ErrorOf("id\tverified\n1\tyes\n"),
            "members.csv:2: verified \"yes\" is not a boolean (0, 1, true or false)");
  EXPECT_EQ(ErrorOf("id\tlast_updated\n1\t2023-02-30\n"),
            "members.csv:2: last_updated date \"2023-02-30\" does not exist");
  EXPECT_EQ(ErrorOf("id\tlast_updated\n1\t1900-01-01\n"),
            "members.csv:2: last_updated date \"1900-01-01\" is outside the supported range 1950-01-01..2129-06-05");
  EXPECT_EQ(ErrorOf("id,name\n1,A\n2,B\n1,C\n"), "members.csv:4: member 1 is listed twice (first on line 2)");
  EXPECT_EQ(ErrorOf("id,name\n1,\"open\n2,B\n"),
            "members.csv:2: unterminated quoted field (the quote opens on line 2)");
  EXPECT_EQ(ErrorOf("id,name\n1,\"A\"x\n"), "members.csv:2: unexpected \"x\" after a closing quote");
  EXPECT_EQ(ErrorOf("id\tname\n1\tA\x01\n"), "members.csv:2: control byte 0x01 at column 4: binary data, not text");
  EXPECT_EQ(ErrorOf("id,name\n1,\"A\x02\"\n"),
            "members.csv:2: control byte 0x02 in a quoted field: binary data, not text");
}

TEST(ParseMembers, SkipBadSkipsWholeRows) {
  ImportReport report;
  auto t = Parse("id,company,verified\n1,Acme,1\nx,Bad,1\n2,Globex,maybe\n3,Initech,0\n1,Dup,0\n", &report,
                 /*skip_bad=*/true);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_THAT(t->ids, ElementsAre(1, 3));
  EXPECT_THAT(Text(*t, TextColumn::kCompany), ElementsAre("Acme", "Initech"));
  EXPECT_THAT(t->flags, ElementsAre(kVerified, 0));
  EXPECT_EQ(report.bad_lines_skipped, 3u);
  EXPECT_THAT(report.bad_line_messages,
              ElementsAre("members.csv:3: member id \"x\" is not a number",
                          "members.csv:4: verified \"maybe\" is not a boolean (0, 1, true or false)",
                          "members.csv:6: member 1 is listed twice (first on line 2)"));
  EXPECT_EQ(report.member_rows, 2u);
}

TEST(ParseMembers, HeaderOnlyGivesNoRows) {
  auto t = Parse("id,name\n");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->size(), 0u);
}

}  // namespace
}  // namespace liaison
