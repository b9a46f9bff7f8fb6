#ifndef SISL_OBSERVATORY_DOMAIN_DATASETS_H_
#define SISL_OBSERVATORY_DOMAIN_DATASETS_H_

// The open-data datasets: for one month, some public indicators broken down by one dimension,
// each protected as its own table (suppression.h), one CSV row per code and indicator plus the
// total.

#include <vector>

#include "absl/strings/string_view.h"
#include "services/observatory/domain/catalogue.h"

namespace sisl::observatory {

struct DatasetDef {
  absl::string_view id;
  Dim dimension;
  std::vector<absl::string_view> indicators;
  absl::string_view title_it, title_en, description_it, description_en;

  absl::string_view Title(Lang l) const { return l == Lang::kEn ? title_en : title_it; }
  absl::string_view Description(Lang l) const {
    return l == Lang::kEn ? description_en : description_it;
  }
};

const std::vector<DatasetDef>& Datasets();
const DatasetDef* FindDataset(absl::string_view id);

// The code of a dataset's total rows.
inline constexpr absl::string_view kTotalCode = "TOTAL";
inline constexpr absl::string_view kLicence = "CC BY 4.0";

}  // namespace sisl::observatory

#endif  // SISL_OBSERVATORY_DOMAIN_DATASETS_H_
