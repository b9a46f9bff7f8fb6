#include "services/observatory/app/open_data.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "nlohmann/json.hpp"
#include "services/observatory/store/cells_store.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::observatory {
namespace {

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  return absl::StrCat("\"", absl::StrReplaceAll(s, {{"\"", "\"\""}}), "\"");
}

std::string Number(double v) {
  if (v == static_cast<double>(static_cast<int64_t>(v)))
    return absl::StrCat(static_cast<int64_t>(v));
  return absl::StrFormat("%.1f", v);
}

}  // namespace

absl::StatusOr<std::vector<std::string>> OpenData::Months(const DatasetDef& dataset) const {
  const IndicatorDef* first = FindIndicator(dataset.indicators.front());
  ASSIGN_OR_RETURN(std::vector<std::string> months,
                   store::MonthsWithData(indicators_.db(), first->cube, ""));
  const std::string current = indicators_.CurrentMonth();
  if (months.empty() || months.front() > current) return std::vector<std::string>{};
  // At most ten years back; a stock's delta months include starts long ago.
  const std::string oldest = std::max(months.front(), MonthsBefore(current, 119));
  return MonthRange(oldest, current);
}

absl::StatusOr<std::vector<DatasetRow>> OpenData::Rows(const std::string& id,
                                                       const std::string& month, Lang lang) const {
  const DatasetDef* dataset = FindDataset(id);
  if (dataset == nullptr) {
    return platform::Error(absl::StatusCode::kNotFound, "DATASET_NOT_FOUND",
                           absl::StrCat("no dataset \"", id, "\""));
  }
  ASSIGN_OR_RETURN(const std::vector<std::string> months, Months(*dataset));
  if (std::find(months.begin(), months.end(), month) == months.end()) {
    return platform::Error(absl::StatusCode::kNotFound, "MONTH_NOT_AVAILABLE",
                           absl::StrCat("dataset ", id, " has no data for ", month));
  }
  std::vector<DatasetRow> out;
  for (absl::string_view indicator_id : dataset->indicators) {
    const IndicatorDef* indicator = FindIndicator(indicator_id);
    TableRequest r;
    r.indicator = indicator;
    r.rows = std::string(DimId(dataset->dimension));
    r.from_month = month;
    r.to_month = month;
    r.lang = lang;
    r.threshold = indicator->counts_people ? indicators_.threshold() : 0;
    ASSIGN_OR_RETURN(const BuiltTable t, indicators_.Build(r));
    for (size_t i = 0; i < t.row_headings.size(); ++i) {
      out.push_back({month, t.row_headings[i].code, t.row_headings[i].label,
                     std::string(indicator_id), t.cells[i][0].value, t.cells[i][0].suppressed});
    }
    out.push_back({month, std::string(kTotalCode), lang == Lang::kEn ? "Total" : "Totale",
                   std::string(indicator_id), t.grand_total.value, t.grand_total.suppressed});
  }
  return out;
}

absl::StatusOr<std::string> OpenData::Csv(const std::string& id, const std::string& month) const {
  ASSIGN_OR_RETURN(const std::vector<DatasetRow> rows, Rows(id, month, Lang::kIt));
  const std::string dim(DimId(FindDataset(id)->dimension));
  std::string csv = absl::StrCat("month,", dim, ",", dim, "_label,indicator,value,suppressed\r\n");
  for (const DatasetRow& r : rows) {
    absl::StrAppend(&csv, r.month, ",", CsvField(r.code), ",", CsvField(r.label), ",", r.indicator,
                    ",", r.suppressed ? "" : Number(r.value), ",", r.suppressed ? "true" : "false",
                    "\r\n");
  }
  return csv;
}

absl::StatusOr<std::string> OpenData::Json(const std::string& id, const std::string& month) const {
  ASSIGN_OR_RETURN(const std::vector<DatasetRow> rows, Rows(id, month, Lang::kIt));
  const DatasetDef& dataset = *FindDataset(id);
  nlohmann::json doc = {
      {"dataset", id},
      {"title", std::string(dataset.title_it)},
      {"month", month},
      // The current month still changes as communications arrive.
      {"provisional", month >= indicators_.CurrentMonth()},
      {"dimension", std::string(DimId(dataset.dimension))},
      {"suppression_threshold", indicators_.threshold()},
      {"licence", std::string(kLicence)},
  };
  nlohmann::json lines = nlohmann::json::array();
  for (const DatasetRow& r : rows) {
    nlohmann::json line = {{"code", r.code},
                           {"label", r.label},
                           {"indicator", r.indicator},
                           {"suppressed", r.suppressed}};
    line["value"] = r.suppressed ? nlohmann::json(nullptr) : nlohmann::json(r.value);
    lines.push_back(std::move(line));
  }
  doc["rows"] = std::move(lines);
  return doc.dump();
}

}  // namespace sisl::observatory
