#include "services/observatory/store/cells_store.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/platform/db/multi_row.h"
#include "services/platform/status_macros.h"

namespace sisl::observatory::store {
namespace {

namespace db = platform::db;

std::string DimColumns() {
  std::vector<std::string> names;
  for (Dim d : AllDims()) names.emplace_back(DimId(d));
  return absl::StrJoin(names, ", ");
}

// An axis is "month" or a dimension id: both are column names.
bool KnownAxis(const std::string& axis) { return axis == "month" || DimFromId(axis).has_value(); }

}  // namespace

absl::Status AddDeltas(db::Transaction& tx, const std::vector<CellDelta>& deltas) {
  absl::flat_hash_map<CellKey, std::pair<int64_t, int64_t>> summed;
  for (const CellDelta& d : deltas) {
    auto& [n, total] = summed[d.key];
    n += d.count;
    total += d.total;
  }
  std::vector<std::vector<db::Value>> rows;
  rows.reserve(summed.size());
  for (const auto& [key, sums] : summed) {
    if (sums.first == 0 && sums.second == 0) continue;
    std::vector<db::Value> row = {std::string(CubeName(key.cube)), key.month};
    for (const std::string& code : key.codes) row.emplace_back(code);
    row.emplace_back(sums.first);
    row.emplace_back(sums.second);
    rows.push_back(std::move(row));
  }
  // A stable order keeps concurrent writers (replicas) from deadlocking on each other's rows.
  std::sort(rows.begin(), rows.end());
  const std::string columns = DimColumns();
  return db::InsertRows(
             tx, absl::StrCat("INSERT INTO cells (cube, month, ", columns, ", n, total)"), rows,
             absl::StrCat("ON CONFLICT (cube, month, ", columns,
                          ") DO UPDATE SET n = cells.n + excluded.n,"
                          " total = cells.total + excluded.total"))
      .status();
}

absl::StatusOr<std::vector<Sum>> SumCells(db::Database& database, const SumQuery& q) {
  if (!KnownAxis(q.row_axis) || (!q.column_axis.empty() && !KnownAxis(q.column_axis))) {
    return absl::InvalidArgumentError("unknown axis");
  }
  std::vector<db::Value> params = {std::string(CubeName(q.cube))};
  std::string where = "cube = $1";
  auto add = [&](const std::string& condition, std::string value) {
    params.emplace_back(std::move(value));
    absl::StrAppend(&where, " AND ", condition, " $", params.size());
  };
  if (!q.kind.empty()) add("kind =", q.kind);
  if (!q.from_month.empty()) add("month >=", q.from_month);
  if (!q.to_month.empty()) add("month <=", q.to_month);
  for (const auto& [dim, code] : q.filters) add(absl::StrCat(DimId(dim), " ="), code);
  const std::string column = q.column_axis.empty() ? "''" : q.column_axis;
  const std::string sql = absl::StrCat(
      "SELECT ", q.row_axis, " AS r, ", column, " AS c, SUM(n) AS n, SUM(total) AS t",
      " FROM cells WHERE ", where, " GROUP BY ", q.row_axis,
      q.column_axis.empty() ? "" : absl::StrCat(", ", q.column_axis), " ORDER BY 1, 2");
  std::vector<Sum> out;
  RETURN_IF_ERROR(db::InTransaction(database, [&](db::Transaction& tx) -> absl::Status {
    out.clear();
    ASSIGN_OR_RETURN(const db::Result result, tx.Execute(sql, params));
    for (const db::RowReader& r : db::Rows(result)) {
      out.push_back({r.Str("r"), r.Str("c"), r.Int("n"), r.Int("t")});
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<std::string>> MonthsWithData(db::Database& database, Cube cube,
                                                        const std::string& kind) {
  std::vector<std::string> out;
  RETURN_IF_ERROR(db::InTransaction(database, [&](db::Transaction& tx) -> absl::Status {
    out.clear();
    std::vector<db::Value> params = {std::string(CubeName(cube))};
    std::string sql = "SELECT DISTINCT month FROM cells WHERE cube = $1 AND n <> 0";
    if (!kind.empty()) {
      params.emplace_back(kind);
      sql += " AND kind = $2";
    }
    ASSIGN_OR_RETURN(const db::Result result, tx.Execute(sql + " ORDER BY month", params));
    for (const db::RowReader& r : db::Rows(result)) out.push_back(r.Str("month"));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<CellDelta>> AllCells(db::Database& database) {
  std::vector<CellDelta> out;
  const std::string columns = DimColumns();
  RETURN_IF_ERROR(db::InTransaction(database, [&](db::Transaction& tx) -> absl::Status {
    out.clear();
    ASSIGN_OR_RETURN(const db::Result result,
                     tx.Execute(absl::StrCat("SELECT cube, month, ", columns,
                                             ", n, total FROM cells WHERE n <> 0 OR total <> 0"
                                             " ORDER BY cube, month, ",
                                             columns),
                                {}));
    for (const db::RowReader& r : db::Rows(result)) {
      CellDelta d;
      d.key.cube = CubeFromName(r.Str("cube")).value_or(Cube::kFlow);
      d.key.month = r.Str("month");
      for (Dim dim : AllDims()) d.key.code(dim) = r.Str(std::string(DimId(dim)));
      d.count = r.Int("n");
      d.total = r.Int("total");
      out.push_back(std::move(d));
    }
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace sisl::observatory::store
