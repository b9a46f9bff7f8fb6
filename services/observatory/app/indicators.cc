#include "services/observatory/app/indicators.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "services/observatory/store/cells_store.h"
#include "services/platform/errors.h"
#include "services/platform/paging.h"
#include "services/platform/status_macros.h"

namespace sisl::observatory {
namespace {

using platform::auth::Role;

constexpr int kDefaultPage = 200;
constexpr int kMaxPage = 1000;

std::string Fingerprint(const TableInput& in) {
  std::string f = absl::StrCat(in.indicator, "|", in.rows, "|", in.columns, "|", in.from_month, "|",
                               in.to_month, "|", in.language);
  for (const auto& [dim, code] : in.filters) absl::StrAppend(&f, "|", DimId(dim), "=", code);
  return f;
}

}  // namespace

std::string IndicatorTables::CurrentMonth() const {
  return MonthOf(absl::FormatCivilTime(absl::ToCivilDay(clock_.Now(), zone_)));
}

absl::StatusOr<TablePage> IndicatorTables::PublicTable(const TableInput& in) const {
  const IndicatorDef* indicator = FindIndicator(in.indicator);
  if (indicator == nullptr || !indicator->is_public) {
    return platform::Error(absl::StatusCode::kNotFound, "INDICATOR_NOT_FOUND",
                           absl::StrCat("no public indicator \"", in.indicator, "\""));
  }
  return Page(*indicator, in, indicator->counts_people ? threshold_ : 0);
}

absl::StatusOr<TablePage> IndicatorTables::StaffTable(const platform::auth::Caller& caller,
                                                      const TableInput& in) const {
  if (caller.role != Role::kOperator && caller.role != Role::kAdmin) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "STAFF_ONLY",
                           "the staff tables are for operators and administrators");
  }
  const IndicatorDef* indicator = FindIndicator(in.indicator);
  if (indicator == nullptr) {
    return platform::Error(absl::StatusCode::kNotFound, "INDICATOR_NOT_FOUND",
                           absl::StrCat("no indicator \"", in.indicator, "\""));
  }
  return Page(*indicator, in, 0);
}

absl::StatusOr<TablePage> IndicatorTables::Page(const IndicatorDef& indicator, const TableInput& in,
                                                int threshold) const {
  TablePage page;
  page.indicator = &indicator;
  TableRequest& r = page.request;
  r.indicator = &indicator;
  r.rows = in.rows.empty() ? "month" : in.rows;
  r.columns = in.columns;
  r.to_month = in.to_month.empty() ? CurrentMonth() : in.to_month;
  r.from_month = in.from_month.empty() ? MonthsBefore(r.to_month, 11) : in.from_month;
  r.filters = in.filters;
  r.lang = LangOf(in.language);
  r.threshold = threshold;
  RETURN_IF_ERROR(CheckRequest(r));
  ASSIGN_OR_RETURN(const int size, platform::ResolvePageSize(in.page_size, kDefaultPage, kMaxPage));
  const std::string fingerprint = Fingerprint(in);
  ASSIGN_OR_RETURN(const std::string cursor, platform::DecodePageToken(in.page_token, fingerprint));
  size_t first = 0;
  if (!cursor.empty() && !absl::SimpleAtoi(cursor, &first)) {
    return platform::InvalidField("INVALID_PAGE_TOKEN", "page_token", "malformed page token");
  }
  ASSIGN_OR_RETURN(page.table, Build(r));
  const size_t rows = page.table.row_headings.size();
  page.first_row = std::min(first, rows);
  page.row_count = std::min(rows - page.first_row, static_cast<size_t>(size));
  if (page.first_row + page.row_count < rows) {
    page.next_page_token =
        platform::EncodePageToken(absl::StrCat(page.first_row + page.row_count), fingerprint);
  }
  return page;
}

absl::StatusOr<BuiltTable> IndicatorTables::Build(const TableRequest& r) const {
  const IndicatorDef& ind = *r.indicator;
  store::SumQuery q;
  q.cube = ind.cube;
  q.row_axis = r.rows;
  q.column_axis = r.columns;
  q.filters = r.filters;
  // A stock sums every delta up to the last month shown (with no month axis: the stock of
  // to_month).
  q.from_month = ind.measure == Measure::kCumulative ? "" : r.from_month;
  q.to_month = r.to_month;
  if (ind.measure == Measure::kNet) {
    q.kind = "hire";
    ASSIGN_OR_RETURN(std::vector<Sum> hires, store::SumCells(db_, q));
    q.kind = "termination";
    ASSIGN_OR_RETURN(std::vector<Sum> terminations, store::SumCells(db_, q));
    return BuildTable(r, hires, terminations);
  }
  q.kind = std::string(ind.kind);
  ASSIGN_OR_RETURN(std::vector<Sum> sums, store::SumCells(db_, q));
  return BuildTable(r, sums);
}

}  // namespace sisl::observatory
