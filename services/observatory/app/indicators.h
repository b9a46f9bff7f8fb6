#ifndef SISL_OBSERVATORY_APP_INDICATORS_H_
#define SISL_OBSERVATORY_APP_INDICATORS_H_

// The tables: a request checked against the catalogue, the store's sums, the domain's layout and
// suppression, a page of rows. Public tables hide small cells of people; staff tables (operators
// and administrators) are exact and include the CPI-activity indicators.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/observatory/domain/tables.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"

namespace sisl::observatory {

struct TableInput {
  std::string indicator;
  std::string rows;  // "" -> "month"
  std::string columns;
  std::string from_month;  // "" -> eleven months before to_month
  std::string to_month;    // "" -> the current month
  std::vector<std::pair<Dim, std::string>> filters;
  std::string language;
  int page_size = 0;
  std::string page_token;
};

struct TablePage {
  const IndicatorDef* indicator = nullptr;
  TableRequest request;
  BuiltTable table;  // every row; the page is [first_row, first_row + row_count)
  size_t first_row = 0;
  size_t row_count = 0;
  std::string next_page_token;
};

class IndicatorTables final {
 public:
  IndicatorTables(platform::db::Database& db, const platform::Clock& clock, absl::TimeZone zone,
                  int threshold)
      : db_(db), clock_(clock), zone_(zone), threshold_(threshold) {}

  // A public indicator (NOT_FOUND INDICATOR_NOT_FOUND otherwise), suppressed.
  absl::StatusOr<TablePage> PublicTable(const TableInput& in) const;
  // Any indicator, exact; operators and administrators only (PERMISSION_DENIED STAFF_ONLY).
  absl::StatusOr<TablePage> StaffTable(const platform::auth::Caller& caller,
                                       const TableInput& in) const;

  // The table of a checked request (open data builds its own requests).
  absl::StatusOr<BuiltTable> Build(const TableRequest& request) const;

  std::string CurrentMonth() const;
  int threshold() const { return threshold_; }
  platform::db::Database& db() const { return db_; }

 private:
  absl::StatusOr<TablePage> Page(const IndicatorDef& indicator, const TableInput& in,
                                 int threshold) const;

  platform::db::Database& db_;
  const platform::Clock& clock_;
  const absl::TimeZone zone_;
  const int threshold_;
};

}  // namespace sisl::observatory

#endif  // SISL_OBSERVATORY_APP_INDICATORS_H_
