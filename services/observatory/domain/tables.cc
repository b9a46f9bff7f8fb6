#include "services/observatory/domain/tables.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/observatory/domain/suppression.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::observatory {
namespace {

absl::Status Invalid(absl::string_view reason, absl::string_view field, std::string message) {
  return platform::InvalidField(std::string(reason), std::string(field), std::move(message));
}

absl::Status CheckAxis(const IndicatorDef& ind, const std::string& axis, absl::string_view field) {
  if (axis.empty() || axis == "month") return absl::OkStatus();
  const std::optional<Dim> dim = DimFromId(axis);
  if (!dim) {
    return Invalid("UNKNOWN_DIMENSION", field, absl::StrCat("no dimension \"", axis, "\""));
  }
  if (!ind.Has(*dim)) {
    return Invalid("DIMENSION_NOT_AVAILABLE", field,
                   absl::StrCat("indicator ", ind.id, " has no dimension ", axis));
  }
  return absl::OkStatus();
}

// The codes of one axis: every month of the range, or those present in the sums, sorted.
std::vector<std::string> AxisCodes(const TableRequest& r, const std::string& axis, bool row,
                                   const std::vector<Sum>& a, const std::vector<Sum>& b) {
  if (axis.empty()) return {""};
  if (axis == "month") return MonthRange(r.from_month, r.to_month);
  std::set<std::string> codes;
  for (const auto* sums : {&a, &b}) {
    for (const Sum& s : *sums) codes.insert(row ? s.row : s.column);
  }
  return {codes.begin(), codes.end()};
}

// The additive table of counts (or totals) laid out on rows x columns. For a cumulative
// measure along a month axis, each cell is the sum of every month up to its own.
std::vector<std::vector<int64_t>> Layout(const TableRequest& r, const std::vector<Sum>& sums,
                                         const std::vector<std::string>& rows,
                                         const std::vector<std::string>& cols, bool totals) {
  std::map<std::string, size_t> row_at;
  std::map<std::string, size_t> col_at;
  for (size_t i = 0; i < rows.size(); ++i) row_at[rows[i]] = i;
  for (size_t j = 0; j < cols.size(); ++j) col_at[cols[j]] = j;
  std::vector<std::vector<int64_t>> v(rows.size(), std::vector<int64_t>(cols.size(), 0));
  const bool cumulative = r.indicator->measure == Measure::kCumulative;
  for (const Sum& s : sums) {
    const int64_t x = totals ? s.total : s.count;
    if (cumulative && r.rows == "month") {
      // Adds to its month and every later month shown (months before the range count too).
      auto ci = col_at.find(s.column);
      if (ci == col_at.end()) continue;
      for (size_t i = 0; i < rows.size(); ++i) {
        if (rows[i] >= s.row) v[i][ci->second] += x;
      }
    } else if (cumulative && r.columns == "month") {
      auto ri = row_at.find(s.row);
      if (ri == row_at.end()) continue;
      for (size_t j = 0; j < cols.size(); ++j) {
        if (cols[j] >= s.column) v[ri->second][j] += x;
      }
    } else {
      auto ri = row_at.find(s.row);
      auto ci = col_at.find(s.column);
      if (ri != row_at.end() && ci != col_at.end()) v[ri->second][ci->second] += x;
    }
  }
  return v;
}

// WithTotals with the column count kept when there are no rows.
Table Totalled(std::vector<std::vector<int64_t>> values, size_t columns) {
  Table t = WithTotals(std::move(values));
  t.column_totals.resize(columns, 0);
  return t;
}

void Or(SuppressionMask& into, const SuppressionMask& other) {
  for (size_t i = 0; i < into.cells.size(); ++i) {
    for (size_t j = 0; j < into.cells[i].size(); ++j)
      into.cells[i][j] = into.cells[i][j] || other.cells[i][j];
    into.row_totals[i] = into.row_totals[i] || other.row_totals[i];
  }
  for (size_t j = 0; j < into.column_totals.size(); ++j) {
    into.column_totals[j] = into.column_totals[j] || other.column_totals[j];
  }
  into.grand_total = into.grand_total || other.grand_total;
}

SuppressionMask NoMask(const Table& t) {
  SuppressionMask m;
  m.cells.assign(t.values.size(), std::vector<bool>(t.column_totals.size(), false));
  m.row_totals.assign(t.values.size(), false);
  m.column_totals.assign(t.column_totals.size(), false);
  return m;
}

}  // namespace

absl::Status CheckRequest(const TableRequest& r) {
  RETURN_IF_ERROR(CheckAxis(*r.indicator, r.rows, "rows"));
  RETURN_IF_ERROR(CheckAxis(*r.indicator, r.columns, "columns"));
  if (r.rows.empty()) return Invalid("UNKNOWN_DIMENSION", "rows", "rows need a dimension");
  if (r.rows == r.columns) {
    return Invalid("SAME_DIMENSION", "columns", "rows and columns need different dimensions");
  }
  for (const auto& [dim, code] : r.filters) {
    if (!r.indicator->Has(dim)) {
      return Invalid(
          "DIMENSION_NOT_AVAILABLE", DimId(dim),
          absl::StrCat("indicator ", r.indicator->id, " cannot be filtered by ", DimId(dim)));
    }
  }
  if (r.from_month > r.to_month) {
    return Invalid("INVALID_MONTH_RANGE", "from_month", "from_month is after to_month");
  }
  if (MonthRange(r.from_month, r.to_month).size() > 120) {
    return Invalid("INVALID_MONTH_RANGE", "from_month", "at most 120 months at a time");
  }
  return absl::OkStatus();
}

BuiltTable BuildTable(const TableRequest& r, const std::vector<Sum>& sums,
                      const std::vector<Sum>& minus) {
  const std::vector<std::string> rows = AxisCodes(r, r.rows, true, sums, minus);
  const std::vector<std::string> cols = AxisCodes(r, r.columns, false, sums, minus);
  const Measure measure = r.indicator->measure;
  const Table counts = Totalled(Layout(r, sums, rows, cols, false), cols.size());
  Table shown = counts;
  SuppressionMask mask = NoMask(counts);
  const bool suppress = r.threshold > 0 && r.indicator->counts_people;
  if (suppress) mask = Suppress(counts, r.threshold);
  if (measure == Measure::kNet) {
    const Table minus_counts = Totalled(Layout(r, minus, rows, cols, false), cols.size());
    if (suppress) Or(mask, Suppress(minus_counts, r.threshold));
    for (size_t i = 0; i < rows.size(); ++i) {
      for (size_t j = 0; j < cols.size(); ++j) shown.values[i][j] -= minus_counts.values[i][j];
      shown.row_totals[i] -= minus_counts.row_totals[i];
    }
    for (size_t j = 0; j < cols.size(); ++j)
      shown.column_totals[j] -= minus_counts.column_totals[j];
    shown.grand_total -= minus_counts.grand_total;
  }
  const Table sums_of_totals = measure == Measure::kAverage
                                   ? Totalled(Layout(r, sums, rows, cols, true), cols.size())
                                   : Table{};
  auto value = [&](int64_t shown_value, int64_t total) -> double {
    if (measure != Measure::kAverage) return static_cast<double>(shown_value);
    return shown_value == 0 ? 0.0 : static_cast<double>(total) / static_cast<double>(shown_value);
  };
  BuiltTable out;
  for (const std::string& c : cols) {
    out.columns.push_back({c, c.empty() ? (r.lang == Lang::kEn ? "Total" : "Totale")
                                        : ValueLabel(r.columns, c, r.lang)});
  }
  for (const std::string& c : rows) out.row_headings.push_back({c, ValueLabel(r.rows, c, r.lang)});
  auto cell = [&](double v, bool hidden) {
    return hidden ? TableCell{0, true} : TableCell{v, false};
  };
  const bool avg = measure == Measure::kAverage;
  for (size_t i = 0; i < rows.size(); ++i) {
    std::vector<TableCell> line;
    for (size_t j = 0; j < cols.size(); ++j) {
      line.push_back(
          cell(value(shown.values[i][j], avg ? sums_of_totals.values[i][j] : 0), mask.cells[i][j]));
    }
    out.cells.push_back(std::move(line));
    out.row_totals.push_back(cell(
        value(shown.row_totals[i], avg ? sums_of_totals.row_totals[i] : 0), mask.row_totals[i]));
  }
  for (size_t j = 0; j < cols.size(); ++j) {
    out.column_totals.push_back(
        cell(value(shown.column_totals[j], avg ? sums_of_totals.column_totals[j] : 0),
             mask.column_totals[j]));
  }
  out.grand_total =
      cell(value(shown.grand_total, avg ? sums_of_totals.grand_total : 0), mask.grand_total);
  // A stock is not summed over months: along a month axis, the totals are the last month's.
  if (measure == Measure::kCumulative && !rows.empty() && r.rows == "month") {
    out.column_totals = out.cells.back();
    out.grand_total = out.row_totals.back();
  } else if (measure == Measure::kCumulative && !cols.empty() && r.columns == "month") {
    for (size_t i = 0; i < rows.size(); ++i) out.row_totals[i] = out.cells[i].back();
    out.grand_total = out.column_totals.back();
  }
  auto count = [](const TableCell& c) { return c.suppressed ? 1 : 0; };
  for (size_t i = 0; i < rows.size(); ++i) {
    for (const TableCell& c : out.cells[i]) out.suppressed += count(c);
    out.suppressed += count(out.row_totals[i]);
  }
  for (const TableCell& c : out.column_totals) out.suppressed += count(c);
  out.suppressed += count(out.grand_total);
  return out;
}

std::vector<std::string> MonthRange(const std::string& from, const std::string& to) {
  std::vector<std::string> out;
  if (MonthOf(from).empty() || MonthOf(to).empty()) return out;
  for (std::string m = from; m <= to && out.size() <= 1200; m = NextMonth(m)) out.push_back(m);
  return out;
}

std::string MonthsBefore(const std::string& month, int n) {
  if (MonthOf(month).empty() || month.size() != 7) return "";
  int year = 0;
  for (char c : month.substr(0, 4)) year = year * 10 + (c - '0');
  int m = (month[5] - '0') * 10 + (month[6] - '0');
  int index = year * 12 + (m - 1) - n;
  return absl::StrFormat("%04d-%02d", index / 12, index % 12 + 1);
}

}  // namespace sisl::observatory
