#ifndef SISL_OBSERVATORY_DOMAIN_CATALOGUE_H_
#define SISL_OBSERVATORY_DOMAIN_CATALOGUE_H_

// The indicators the observatory publishes and the labels of its dimensions' codes (Italian and
// English), from services/reference where a code list exists.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/observatory/domain/cells.h"

namespace sisl::observatory {

enum class Lang { kIt, kEn };
Lang LangOf(absl::string_view code);  // "en" -> kEn, anything else kIt

enum class Measure {
  kCount,       // the cells' counts summed
  kCumulative,  // stock: the deltas summed over every month up to the one shown
  kAverage,     // the cells' totals over their counts (days to fill)
  kNet,         // hires minus terminations
};

struct IndicatorDef {
  absl::string_view id;
  Cube cube;
  absl::string_view kind;  // the cells' kind code it counts; "" for all
  Measure measure;
  absl::string_view unit;  // "people", "relationships", "vacancies", "days", "appointments"
  std::vector<Dim> dims;   // what it can be broken down and filtered by (besides month)
  bool is_public = true;
  bool counts_people = true;  // small cells suppressed in public output
  absl::string_view label_it, label_en, description_it, description_en;

  absl::string_view Label(Lang l) const { return l == Lang::kEn ? label_en : label_it; }
  absl::string_view Description(Lang l) const {
    return l == Lang::kEn ? description_en : description_it;
  }
  bool Has(Dim d) const;
};

const std::vector<IndicatorDef>& Indicators();
const IndicatorDef* FindIndicator(absl::string_view id);

struct Heading {
  std::string code;
  std::string label;
};

// "Mese"/"Month" for "month", else the dimension's name.
std::string AxisLabel(absl::string_view axis, Lang lang);
// The codes a dimension can take, with labels (empty for open-ended ones: municipality,
// service). For kind and outcome, the codes of every cube.
std::vector<Heading> DimValues(Dim dim, Lang lang);
// The label of one code ("Torino" for province "TO"); the code itself when unknown, "Non
// indicato"/"Not stated" for "".
std::string ValueLabel(absl::string_view axis, const std::string& code, Lang lang);

}  // namespace sisl::observatory

#endif  // SISL_OBSERVATORY_DOMAIN_CATALOGUE_H_
