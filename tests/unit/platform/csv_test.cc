// RFC 4180 CSV parsing with a header line.

#include "services/platform/csv.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"

namespace sisl::platform {
namespace {

using ::testing::HasSubstr;

void ExpectCsvError(const absl::StatusOr<std::vector<CsvRecord>>& result,
                    const std::string& line_prefix, const std::string& what) {
  ASSERT_FALSE(result.ok()) << "parsed " << result->size() << " records";
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(result.status()), "INVALID_CSV");
  EXPECT_THAT(std::string(result.status().message()), HasSubstr(line_prefix + ":"));
  EXPECT_THAT(std::string(result.status().message()), HasSubstr(what));
}

TEST(CsvTest, ParsesPlainRecordsKeyedByHeader) {
  auto records = ParseCsv("code,name\nTO-01,Torino\nCN-01,Cuneo\n");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0], (CsvRecord{{"code", "TO-01"}, {"name", "Torino"}}));
  EXPECT_EQ((*records)[1], (CsvRecord{{"code", "CN-01"}, {"name", "Cuneo"}}));
}

TEST(CsvTest, QuotedFieldsMayContainCommasAndNewlines) {
  auto records = ParseCsv("a,b,c\n\"via Roma, 1\",\"line1\nline2\",x\n");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].at("a"), "via Roma, 1");
  EXPECT_EQ((*records)[0].at("b"), "line1\nline2");
  EXPECT_EQ((*records)[0].at("c"), "x");
}

TEST(CsvTest, DoubledQuotesBecomeOneQuote) {
  auto records = ParseCsv("label,n\n\"Centro \"\"Nord\"\"\",1\n\"\"\"\",2\n\"\",3\n");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].at("label"), "Centro \"Nord\"");
  EXPECT_EQ((*records)[1].at("label"), "\"");
  EXPECT_EQ((*records)[2].at("label"), "");
  EXPECT_EQ((*records)[2].at("n"), "3");
}

TEST(CsvTest, AcceptsCrlfLineEnds) {
  auto records = ParseCsv("a,b\r\n1,2\r\n\"x\r\ny\",3\r\n");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0], (CsvRecord{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ((*records)[1].at("a"), "x\r\ny");  // line breaks inside quotes are data
  EXPECT_EQ((*records)[1].at("b"), "3");       // no stray \r in the last field
}

TEST(CsvTest, AcceptsMissingTrailingNewline) {
  auto records = ParseCsv("a,b\n1,2\n3,4");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[1], (CsvRecord{{"a", "3"}, {"b", "4"}}));

  auto quoted_last = ParseCsv("a,b\n1,\"two\"");
  ASSERT_TRUE(quoted_last.ok()) << quoted_last.status();
  EXPECT_EQ((*quoted_last)[0].at("b"), "two");

  auto empty_last = ParseCsv("a,b\n1,");
  ASSERT_TRUE(empty_last.ok()) << empty_last.status();
  EXPECT_EQ((*empty_last)[0], (CsvRecord{{"a", "1"}, {"b", ""}}));
}

TEST(CsvTest, EmptyFieldsAndBlankLines) {
  auto records = ParseCsv("a,b,c\n,,\n\n1,,3\n");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0], (CsvRecord{{"a", ""}, {"b", ""}, {"c", ""}}));
  EXPECT_EQ((*records)[1], (CsvRecord{{"a", "1"}, {"b", ""}, {"c", "3"}}));
}

TEST(CsvTest, HeaderOnlyYieldsNoRecords) {
  auto records = ParseCsv("a,b\n");
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_TRUE(records->empty());
}

TEST(CsvTest, EmptyInputHasNoHeader) {
  ExpectCsvError(ParseCsv(""), "line 1", "missing header");
}

TEST(CsvTest, TooFewFieldsNamesTheLine) {
  ExpectCsvError(ParseCsv("a,b,c\n1,2,3\n4,5\n6,7,8\n"), "csv line 3", "expected 3 fields, got 2");
}

TEST(CsvTest, TooManyFieldsNamesTheLine) {
  ExpectCsvError(ParseCsv("a,b\n1,2\n3,4\n5,6\n7,8,9\n"), "csv line 5",
                 "expected 2 fields, got 3");
}

TEST(CsvTest, WrongFieldCountNamesThePhysicalLineAfterMultiLineFields) {
  // The bad record starts on line 5: line 2-3 hold one quoted record, line 4 is blank.
  ExpectCsvError(ParseCsv("a,b\n\"multi\nline\",1\n\n2,3,4\n"), "csv line 5",
                 "expected 2 fields, got 3");
}

TEST(CsvTest, UnterminatedQuoteIsRefusedNamingWhereItOpened) {
  ExpectCsvError(ParseCsv("a,b\n1,2\n3,\"open\n4,5\n"), "csv line 3",
                 "unterminated quoted field");
  ExpectCsvError(ParseCsv("a,b\n1,\"never closed"), "csv line 2", "unterminated quoted field");
}

}  // namespace
}  // namespace sisl::platform
