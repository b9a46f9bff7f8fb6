#ifndef SISL_REFERENCE_MUNICIPALITIES_H_
#define SISL_REFERENCE_MUNICIPALITIES_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace sisl::reference {

inline constexpr absl::string_view kPiedmont = "Piemonte";

struct GeoPoint {
  double lat = 0;
  double lon = 0;
};

// Great-circle distance in kilometres (haversine, mean Earth radius).
double DistanceKm(GeoPoint a, GeoPoint b);

// One period of an Italian municipality under one Belfiore code, name and province: a current
// municipality, or an earlier name or suppressed municipality still found in older fiscal codes.
struct Municipality {
  std::string istat_code;     // "001272"; empty for periods that ended before the ISTAT list
  std::string belfiore_code;  // cadastral code, "L219"
  std::string name;           // Italian name, "Torino"
  std::string name_alt;       // name in the other official language, "Bozen"; often empty
  std::string province_code;  // sigla, "TO" (for old periods the sigla of that time)
  std::string province_name;  // "Torino"
  std::string region;         // "Piemonte"; empty for territories ceded in 1947
  std::optional<int64_t> population;       // residents on 1 January 2023 (ISTAT), current ones only
  std::optional<GeoPoint> location;        // centroid of the territory, current ones only
  absl::CivilDay valid_from;               // first day of this period
  std::optional<absl::CivilDay> valid_to;  // last day, inclusive; nullopt while in force

  bool current() const { return !valid_to.has_value(); }
  bool ValidOn(absl::CivilDay day) const {
    return valid_from <= day && (!valid_to.has_value() || day <= *valid_to);
  }
};

// A foreign country or territory with its Z code (the Belfiore code of fiscal codes).
struct ForeignCountry {
  std::string belfiore_code;                 // "Z404"
  std::string name;                          // Italian name
  std::string name_en;                       // English name; sometimes empty
  std::optional<absl::CivilDay> valid_from;  // nullopt: since before any fiscal code
  std::optional<absl::CivilDay> valid_to;    // last day, inclusive; nullopt while in force

  bool current() const { return !valid_to.has_value(); }
  bool ValidOn(absl::CivilDay day) const {
    return (!valid_from.has_value() || *valid_from <= day) &&
           (!valid_to.has_value() || day <= *valid_to);
  }
};

struct MunicipalitySearch {
  size_t limit = 10;            // 0: no limit
  bool piedmont_first = false;  // Piedmont's municipalities before the others
};

// The registry of Italian municipalities and foreign countries (services/reference/data, see
// its SOURCES.md). Immutable once built, so one instance is shared by every thread. Pointers it
// returns live as long as the registry (for Default(), as long as the process).
class Municipalities final {
 public:
  // The registry of the data compiled into the binary, parsed on first use. The data is checked
  // by the unit tests; a binary whose data did not parse aborts here.
  static const Municipalities& Default();

  // A registry from the two CSV files (municipalities.csv, foreign_countries.csv layouts).
  // INVALID_ARGUMENT, reason REFERENCE_DATA_INVALID, naming the record.
  static absl::StatusOr<std::unique_ptr<Municipalities>> Parse(absl::string_view municipalities_csv,
                                                               absl::string_view countries_csv);

  // Every period, sorted by Belfiore code and first day.
  const std::vector<Municipality>& all() const { return rows_; }
  const std::vector<ForeignCountry>& countries() const { return countries_; }

  // The municipality with an ISTAT code ("001272"), preferring the current one; nullptr if none.
  const Municipality* ByIstatCode(absl::string_view istat_code) const;
  // The current period of a Belfiore code, else its latest one; nullptr if the code is unknown.
  const Municipality* ByBelfiore(absl::string_view code) const;
  // The period of a Belfiore code in force on `day` (e.g. a birth date); nullptr if none.
  const Municipality* ByBelfioreOn(absl::string_view code, absl::CivilDay day) const;

  // Municipalities named `name` (or named so in their other language), ignoring case, accents,
  // apostrophes and punctuation; `province` (sigla or name, "" for any) narrows homonyms. Current
  // ones, or those in force on `on` when given. Sorted by name, then province.
  std::vector<const Municipality*> ByName(absl::string_view name, absl::string_view province = "",
                                          std::optional<absl::CivilDay> on = std::nullopt) const;

  // Current municipalities for a search field: the name (or its other-language name) starting
  // with `prefix`, or a later word of it starting so ("monf" finds Casale Monferrato). Ordered
  // by Piedmont first when asked, then exact names, whole-name prefixes, word prefixes, then by
  // population (largest first) and name.
  std::vector<const Municipality*> Search(absl::string_view prefix,
                                          const MunicipalitySearch& options = {}) const;

  // The current municipalities of a region ("Piemonte") or of a province (sigla "TO" or name
  // "Torino"), by name; matched like names.
  std::vector<const Municipality*> InRegion(absl::string_view region) const;
  std::vector<const Municipality*> InProvince(absl::string_view province) const;

  // The country with a Z code, preferring the current period; nullptr if none.
  const ForeignCountry* CountryByCode(absl::string_view z_code) const;
  const ForeignCountry* CountryByCodeOn(absl::string_view z_code, absl::CivilDay day) const;

  // True when `code` (Belfiore code or Z code, omocodia undone) was a municipality or country on
  // `day`: the birth-place check of a fiscal code born on `day`.
  bool BirthPlaceKnown(absl::string_view code, absl::CivilDay day) const;

 private:
  using Key = std::pair<std::string, uint32_t>;  // a folded text and a row index, sorted

  Municipalities() = default;
  void BuildIndexes();
  std::vector<const Municipality*> Filter(absl::string_view folded, bool province) const;

  std::vector<Municipality> rows_;
  std::vector<ForeignCountry> countries_;
  std::vector<Key> by_istat_;
  std::vector<Key> by_name_;    // folded name and other-language name of every period
  std::vector<Key> by_prefix_;  // folded names of current periods from each word on
};

}  // namespace sisl::reference

#endif  // SISL_REFERENCE_MUNICIPALITIES_H_
