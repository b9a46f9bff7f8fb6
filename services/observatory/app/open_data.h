#ifndef SISL_OBSERVATORY_APP_OPEN_DATA_H_
#define SISL_OBSERVATORY_APP_OPEN_DATA_H_

// Open data: every dataset (domain/datasets.h) for every month with data, as CSV and JSON at
// stable URLs; each indicator of a dataset is a suppressed public table of its own.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/observatory/app/indicators.h"
#include "services/observatory/domain/datasets.h"

namespace sisl::observatory {

// One line of a dataset: a code of its dimension (or TOTAL) and one indicator's value.
struct DatasetRow {
  std::string month;
  std::string code;
  std::string label;
  std::string indicator;
  double value = 0;
  bool suppressed = false;
};

class OpenData final {
 public:
  explicit OpenData(const IndicatorTables& indicators) : indicators_(indicators) {}

  // The months a dataset has: from the first with data of its cube to the current one.
  absl::StatusOr<std::vector<std::string>> Months(const DatasetDef& dataset) const;

  // NOT_FOUND DATASET_NOT_FOUND, or MONTH_NOT_AVAILABLE for a month outside Months().
  absl::StatusOr<std::vector<DatasetRow>> Rows(const std::string& dataset, const std::string& month,
                                               Lang lang) const;
  absl::StatusOr<std::string> Csv(const std::string& dataset, const std::string& month) const;
  absl::StatusOr<std::string> Json(const std::string& dataset, const std::string& month) const;

 private:
  const IndicatorTables& indicators_;
};

}  // namespace sisl::observatory

#endif  // SISL_OBSERVATORY_APP_OPEN_DATA_H_
