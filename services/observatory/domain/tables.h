#ifndef SISL_OBSERVATORY_DOMAIN_TABLES_H_
#define SISL_OBSERVATORY_DOMAIN_TABLES_H_

// From summed cells to a published table: the layout (rows and columns by "month" or a
// dimension), the measure (counts, stock, averages, net change) and, for public tables of
// people, suppression (suppression.h).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/observatory/domain/catalogue.h"

namespace sisl::observatory {

// What a table shows. Axes are "month" or a dimension id; `columns` "" for one column.
struct TableRequest {
  const IndicatorDef* indicator = nullptr;
  std::string rows = "month";
  std::string columns;
  std::string from_month;  // inclusive, YYYY-MM
  std::string to_month;
  std::vector<std::pair<Dim, std::string>> filters;
  Lang lang = Lang::kIt;
  int threshold = 0;  // 0: no suppression (staff tables, and indicators not counting people)
};

// Checks a request's axes and filters against its indicator; INVALID_ARGUMENT with reason
// UNKNOWN_DIMENSION or DIMENSION_NOT_AVAILABLE (field "rows", "columns" or the filter's id),
// SAME_DIMENSION (rows == columns) or INVALID_MONTH_RANGE.
absl::Status CheckRequest(const TableRequest& request);

// The cells summed by (row code, column code) as the store answers: for kCumulative the deltas
// of every month up to to_month, the month axis included even when it is not shown.
struct Sum {
  std::string row;
  std::string column;  // "" for one column
  int64_t count = 0;
  int64_t total = 0;
};

struct TableCell {
  double value = 0;
  bool suppressed = false;
};

struct BuiltTable {
  std::vector<Heading> columns;  // one {"", "Totale"} heading for a one-column table
  std::vector<Heading> row_headings;
  std::vector<std::vector<TableCell>> cells;  // [row][column]
  std::vector<TableCell> row_totals;
  std::vector<TableCell> column_totals;
  TableCell grand_total;
  int suppressed = 0;
};

// Builds the table of `sums` (for kNet: `sums` are the hires and `minus` the terminations).
// Rows by month list every month of the range; other axes the codes present, by code.
BuiltTable BuildTable(const TableRequest& request, const std::vector<Sum>& sums,
                      const std::vector<Sum>& minus = {});

// The months from..to inclusive ("2026-01".."2026-03" -> three); empty if from > to.
std::vector<std::string> MonthRange(const std::string& from, const std::string& to);
// The month `n` months before `month` ("2026-03", 2 -> "2026-01").
std::string MonthsBefore(const std::string& month, int n);

}  // namespace sisl::observatory

#endif  // SISL_OBSERVATORY_DOMAIN_TABLES_H_
