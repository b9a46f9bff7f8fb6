// Parsing of municipalities.csv and foreign_countries.csv into a Municipalities registry.

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <tuple>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/platform/csv.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"
#include "services/reference/data_files.h"
#include "services/reference/municipalities.h"

namespace sisl::reference {
namespace {

using platform::CsvRecord;

absl::Status Invalid(absl::string_view file, size_t record, absl::string_view what) {
  return platform::Error(absl::StatusCode::kInvalidArgument, "REFERENCE_DATA_INVALID",
                         absl::StrCat(file, " record ", record + 1, ": ", what),
                         {{"file", std::string(file)}});
}

const std::string& Field(const CsvRecord& r, const std::string& name) {
  static const std::string* const kEmpty = new std::string;
  auto it = r.find(name);
  return it == r.end() ? *kEmpty : it->second;
}

absl::StatusOr<std::optional<absl::CivilDay>> OptionalDay(const std::string& text) {
  if (text.empty()) return std::nullopt;
  absl::CivilDay day;
  if (!absl::ParseCivilTime(text, &day)) {
    return absl::InvalidArgumentError(absl::StrCat("bad date '", text, "'"));
  }
  return day;
}

absl::StatusOr<Municipality> ParseMunicipality(const CsvRecord& r) {
  Municipality m;
  m.istat_code = Field(r, "istat_code");
  m.belfiore_code = Field(r, "belfiore_code");
  m.name = Field(r, "name");
  m.name_alt = Field(r, "name_alt");
  m.province_code = Field(r, "province_code");
  m.province_name = Field(r, "province_name");
  m.region = Field(r, "region");
  if (m.belfiore_code.size() != 4 || m.name.empty()) {
    return absl::InvalidArgumentError("a Belfiore code and a name are required");
  }
  if (const std::string& p = Field(r, "population"); !p.empty()) {
    int64_t population;
    if (!absl::SimpleAtoi(p, &population)) return absl::InvalidArgumentError("bad population");
    m.population = population;
  }
  const std::string& lat = Field(r, "latitude");
  const std::string& lon = Field(r, "longitude");
  if (!lat.empty() || !lon.empty()) {
    GeoPoint point;
    if (!absl::SimpleAtod(lat, &point.lat) || !absl::SimpleAtod(lon, &point.lon)) {
      return absl::InvalidArgumentError("bad coordinates");
    }
    m.location = point;
  }
  ASSIGN_OR_RETURN(std::optional<absl::CivilDay> from, OptionalDay(Field(r, "valid_from")));
  if (!from.has_value()) return absl::InvalidArgumentError("valid_from is required");
  m.valid_from = *from;
  ASSIGN_OR_RETURN(m.valid_to, OptionalDay(Field(r, "valid_to")));
  return m;
}

absl::StatusOr<ForeignCountry> ParseCountry(const CsvRecord& r) {
  ForeignCountry c;
  c.belfiore_code = Field(r, "belfiore_code");
  c.name = Field(r, "name");
  c.name_en = Field(r, "name_en");
  if (c.belfiore_code.size() != 4 || c.belfiore_code[0] != 'Z' || c.name.empty()) {
    return absl::InvalidArgumentError("a Z code and a name are required");
  }
  ASSIGN_OR_RETURN(c.valid_from, OptionalDay(Field(r, "valid_from")));
  ASSIGN_OR_RETURN(c.valid_to, OptionalDay(Field(r, "valid_to")));
  return c;
}

template <typename T, typename ParseFn>
absl::StatusOr<std::vector<T>> ParseRows(absl::string_view file, absl::string_view csv,
                                         ParseFn parse) {
  absl::StatusOr<std::vector<CsvRecord>> records = platform::ParseCsv(csv);
  if (!records.ok()) return Invalid(file, 0, records.status().message());
  std::vector<T> out;
  out.reserve(records->size());
  for (size_t i = 0; i < records->size(); ++i) {
    absl::StatusOr<T> row = parse((*records)[i]);
    if (!row.ok()) return Invalid(file, i + 1, row.status().message());
    out.push_back(*std::move(row));
  }
  return out;
}

}  // namespace

const Municipalities& Municipalities::Default() {
  static const Municipalities* const kDefault = [] {
    absl::StatusOr<absl::string_view> municipalities = DataFile("municipalities.csv");
    absl::StatusOr<absl::string_view> countries = DataFile("foreign_countries.csv");
    if (!municipalities.ok() || !countries.ok()) std::abort();
    absl::StatusOr<std::unique_ptr<Municipalities>> parsed = Parse(*municipalities, *countries);
    if (!parsed.ok()) std::abort();  // the unit tests parse the same data, so not in a release
    return parsed->release();
  }();
  return *kDefault;
}

absl::StatusOr<std::unique_ptr<Municipalities>> Municipalities::Parse(
    absl::string_view municipalities_csv, absl::string_view countries_csv) {
  std::unique_ptr<Municipalities> out(new Municipalities);
  ASSIGN_OR_RETURN(out->rows_, ParseRows<Municipality>("municipalities.csv", municipalities_csv,
                                                       ParseMunicipality));
  ASSIGN_OR_RETURN(out->countries_,
                   ParseRows<ForeignCountry>("foreign_countries.csv", countries_csv, ParseCountry));
  std::stable_sort(
      out->rows_.begin(), out->rows_.end(), [](const Municipality& a, const Municipality& b) {
        return std::tie(a.belfiore_code, a.valid_from) < std::tie(b.belfiore_code, b.valid_from);
      });
  std::stable_sort(out->countries_.begin(), out->countries_.end(),
                   [](const ForeignCountry& a, const ForeignCountry& b) {
                     return a.belfiore_code < b.belfiore_code;
                   });
  out->BuildIndexes();
  return out;
}

}  // namespace sisl::reference
