// The observatory's pure rules: months, the stock's month-end rule, ATECO sections, and tables
// built from sums (cumulative stock, net change, averages, suppression of the public ones).
#include "services/observatory/domain/deltas.h"

#include "gtest/gtest.h"
#include "services/observatory/domain/tables.h"

namespace sisl::observatory {
namespace {

EmploymentFacts Relationship(const std::string& start, const std::string& end) {
  EmploymentFacts f;
  f.event_date = start;
  f.start_date = start;
  f.end_date = end;
  f.province = "TO";
  return f;
}

TEST(MonthsTest, ParseStepAndCount) {
  EXPECT_EQ(MonthOf("2026-11-30"), "2026-11");
  EXPECT_EQ(MonthOf("2026-13-01"), "");
  EXPECT_EQ(MonthOf("26-11-30"), "");
  EXPECT_EQ(NextMonth("2026-12"), "2027-01");
  EXPECT_EQ(MonthsBefore("2026-03", 3), "2025-12");
  EXPECT_EQ(MonthRange("2025-11", "2026-02").size(), 4u);
  EXPECT_TRUE(MonthRange("2026-02", "2025-11").empty());
}

TEST(StockDeltasTest, ARelationshipCountsOnEveryMonthEndItIsInForce) {
  // In force on 31 January and 28 February; ended 10 March: -1 in March.
  std::vector<CellDelta> d = StockDeltas(Relationship("2026-01-15", "2026-03-10"), +1);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].key.month, "2026-01");
  EXPECT_EQ(d[0].count, 1);
  EXPECT_EQ(d[1].key.month, "2026-03");
  EXPECT_EQ(d[1].count, -1);
  // Ending on a month's last day it is still in force then: -1 in the next month.
  d = StockDeltas(Relationship("2026-01-15", "2026-03-31"), +1);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1].key.month, "2026-04");
  // Started and ended within a month: never in force at a month's end.
  EXPECT_TRUE(StockDeltas(Relationship("2026-01-05", "2026-01-20"), +1).empty());
  // Open-ended: only the start; taken back with the opposite signs.
  d = StockDeltas(Relationship("2026-02-01", ""), -1);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].count, -1);
}

TEST(FlowDeltasTest, OnlyTheFourFlowsCount) {
  EmploymentFacts f = Relationship("2026-05-04", "");
  f.kind = FlowKind::kNone;
  EXPECT_TRUE(FlowDeltas(f, +1).empty());
  f.kind = FlowKind::kTermination;
  const std::vector<CellDelta> d = FlowDeltas(f, -1);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].key.code(Dim::kKind), "termination");
  EXPECT_EQ(d[0].key.month, "2026-05");
  EXPECT_EQ(d[0].count, -1);
}

TEST(AtecoSectionTest, CodesOfEitherEditionHaveTheirSection) {
  EXPECT_EQ(AtecoSection("47.11.10", "2024-06-01"), "G");
  EXPECT_EQ(AtecoSection("01.11.10", "2025-06-01"), "A");
  EXPECT_EQ(AtecoSection("99.99.99", "2025-06-01"), "");
  EXPECT_EQ(AtecoSection("", "2025-06-01"), "");
}

TEST(VacancyDeltasTest, DaysToFillFromPublicationToClosure) {
  const std::vector<CellDelta> d = VacancyClosedDeltas(
      {"TO", "5.1.2.2.0", "A.01.00"}, VacancyOutcome::kFilled, "2026-03-01", "2026-03-31");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].key.code(Dim::kKind), "filled");
  EXPECT_EQ(d[0].key.code(Dim::kProfessionGroup), "5");
  EXPECT_EQ(d[0].total, 30);
}

TableRequest Request(absl::string_view indicator, std::string rows, std::string from,
                     std::string to, int threshold = 0) {
  TableRequest r;
  r.indicator = FindIndicator(indicator);
  r.rows = std::move(rows);
  r.from_month = std::move(from);
  r.to_month = std::move(to);
  r.threshold = threshold;
  return r;
}

TEST(BuildTableTest, TheStockOfAMonthSumsEveryDeltaUpToIt) {
  // Deltas before the range count; a stock's total over months is its last month.
  const BuiltTable t =
      BuildTable(Request("stock", "month", "2026-02", "2026-04"),
                 {{"2025-12", "", 10, 0}, {"2026-03", "", 5, 0}, {"2026-04", "", -3, 0}});
  ASSERT_EQ(t.row_headings.size(), 3u);
  EXPECT_EQ(t.cells[0][0].value, 10);
  EXPECT_EQ(t.cells[1][0].value, 15);
  EXPECT_EQ(t.cells[2][0].value, 12);
  EXPECT_EQ(t.grand_total.value, 12);
}

TEST(BuildTableTest, NetChangeHidesWhatEitherSideHides) {
  TableRequest r = Request("net_change", "province", "2026-05", "2026-05", 5);
  r.columns = "sex";
  const BuiltTable t = BuildTable(
      r, {{"TO", "F", 40, 0}, {"TO", "M", 50, 0}, {"CN", "F", 30, 0}, {"CN", "M", 20, 0}},
      {{"TO", "F", 10, 0}, {"TO", "M", 12, 0}, {"CN", "F", 2, 0}, {"CN", "M", 9, 0}});
  // Rows by code: CN, TO. Terminations CN/F (2) is small: in a 2x2 table only the whole
  // rectangle protects it, so no net cell is shown; the totals (all large) are.
  for (const auto& row : t.cells) {
    for (const TableCell& c : row) EXPECT_TRUE(c.suppressed);
  }
  EXPECT_FALSE(t.grand_total.suppressed);
  EXPECT_EQ(t.grand_total.value, 140 - 33);
  EXPECT_FALSE(t.row_totals[1].suppressed);
  EXPECT_EQ(t.row_totals[1].value, 90 - 22);  // TO
}

TEST(BuildTableTest, AveragesDivideTotalsByCounts) {
  const BuiltTable t = BuildTable(Request("days_to_fill", "province", "2026-05", "2026-05"),
                                  {{"TO", "", 4, 100}, {"CN", "", 1, 10}});
  EXPECT_DOUBLE_EQ(t.cells[1][0].value, 25);  // TO
  EXPECT_DOUBLE_EQ(t.grand_total.value, 22);  // 110 / 5
}

TEST(CheckRequestTest, RefusesLayoutsTheIndicatorHasNot) {
  TableRequest r = Request("vacancies_published", "sex", "2026-01", "2026-02");
  EXPECT_FALSE(CheckRequest(r).ok());
  r = Request("hires", "province", "2026-03", "2026-02");
  EXPECT_FALSE(CheckRequest(r).ok());
  r = Request("hires", "province", "2016-01", "2026-02");
  EXPECT_FALSE(CheckRequest(r).ok());  // more than 120 months
  r = Request("hires", "province", "2026-01", "2026-02");
  r.filters = {{Dim::kCpi, "CPI-TO-15"}};
  EXPECT_FALSE(CheckRequest(r).ok());
  r.filters = {{Dim::kSex, "F"}};
  EXPECT_TRUE(CheckRequest(r).ok());
}

}  // namespace
}  // namespace sisl::observatory
