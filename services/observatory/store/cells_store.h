#ifndef SISL_OBSERVATORY_STORE_CELLS_STORE_H_
#define SISL_OBSERVATORY_STORE_CELLS_STORE_H_

// The cells table (migrations/V001__cells.sql): deltas in, sums out.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/observatory/domain/cells.h"
#include "services/observatory/domain/tables.h"
#include "services/platform/db/database.h"

namespace sisl::observatory::store {

// Adds `deltas` (summed by cell first, so a batch writes each cell once) in `tx`.
absl::Status AddDeltas(platform::db::Transaction& tx, const std::vector<CellDelta>& deltas);

// The sums of a cube's cells by one or two axes ("month" or a dimension id; `column_axis` ""
// for none), for months from..to (either "" for unbounded), with `kind` ("" for any) and the
// filters. Axes and filters must be known dimension ids (they are column names).
struct SumQuery {
  Cube cube = Cube::kFlow;
  std::string kind;
  std::string row_axis = "month";
  std::string column_axis;
  std::string from_month;
  std::string to_month;
  std::vector<std::pair<Dim, std::string>> filters;
};
absl::StatusOr<std::vector<Sum>> SumCells(platform::db::Database& db, const SumQuery& query);

// The months that have cells of `cube` (with `kind`, "" for any), oldest first.
absl::StatusOr<std::vector<std::string>> MonthsWithData(platform::db::Database& db, Cube cube,
                                                        const std::string& kind);

// Every non-zero cell, ordered by key (to compare two stores' states).
absl::StatusOr<std::vector<CellDelta>> AllCells(platform::db::Database& db);

}  // namespace sisl::observatory::store

#endif  // SISL_OBSERVATORY_STORE_CELLS_STORE_H_
