// The workers of the communication generator: names, birth data and place, coherent fiscal
// codes (never reused in a stream), citizenship, education, domicile and residence permit.
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "services/reference/code_lists.h"
#include "services/reference/fiscal_code.h"
#include "tests/support/co_generator_internal.h"

namespace sisl::communications::testing::internal {

int State::PickAge(int min_age, int max_age) {
  // Hires skew young: the density falls with age.
  const double u = std::pow(rng.Unit(), 1.5);
  return std::min(max_age, min_age + static_cast<int>(u * (max_age - min_age + 1)));
}

Worker State::MakeWorker(absl::CivilDay start, int min_age, int max_age, bool non_eu) {
  static const std::vector<std::pair<absl::string_view, double>> kEducation = {
      {"00", 1}, {"10", 3}, {"20", 30}, {"30", 10}, {"40", 35},
      {"50", 2}, {"60", 1}, {"70", 15}, {"80", 2},  {"90", 1}};
  static const std::vector<double> kEducationCum = [] {
    std::vector<double> w;
    for (const auto& [code, weight] : kEducation) w.push_back(weight);
    return Cumulative(w);
  }();
  for (;;) {
    const Country& country = non_eu ? tables.countries[rng.Pick(tables.non_eu)]
                                    : tables.countries[rng.Weighted(tables.country_cum)];
    const NameList& names = tables.names[country.names];
    Worker w;
    w.sex = rng.Chance(0.45) ? reference::Sex::kFemale : reference::Sex::kMale;
    w.surname = std::string(rng.Pick(names.surnames));
    w.name = std::string(rng.Pick(w.sex == reference::Sex::kFemale ? names.female : names.male));
    const int age = min_age == max_age ? min_age : PickAge(min_age, max_age);
    const absl::CivilDay latest = AddMonths(start, -12 * age);
    const absl::CivilDay earliest = AddMonths(start, -12 * (age + 1)) + 1;
    w.birth_date =
        earliest + static_cast<int>(rng.Index(static_cast<size_t>(latest - earliest) + 1));
    if (reference::AgeOn(w.birth_date, start) != age) continue;
    const bool born_in_italy = country.z_code.empty() || (age < 28 && rng.Chance(0.25));
    if (!born_in_italy) {
      w.birth_place_code = std::string(country.z_code);
    } else if (country.z_code.empty() && rng.Chance(0.3)) {
      w.birth_place_code = tables.italy[rng.Weighted(tables.italy_cum)]->belfiore_code;
    } else {
      w.birth_place_code =
          tables.piedmont[rng.Weighted(tables.piedmont_cum)].municipality->belfiore_code;
    }
    if (!tables.registry->BirthPlaceKnown(w.birth_place_code, w.birth_date)) continue;
    absl::StatusOr<std::string> code =
        reference::EncodeFiscalCode({w.surname, w.name, w.sex, w.birth_date, w.birth_place_code});
    if (!code.ok() || !used_fiscal_codes.insert(*code).second) continue;
    w.fiscal_code = *std::move(code);
    w.citizenship = std::string(country.citizenship);
    w.education_level = std::string(kEducation[rng.Weighted(kEducationCum)].first);
    if (age < 19 && w.education_level > "30") w.education_level = "20";
    w.domicile = RandomAddress(tables.piedmont[rng.Weighted(tables.piedmont_cum)]);
    w.permit = PermitFor(w, start);
    return w;
  }
}

std::optional<Permit> State::PermitFor(const Worker& w, absl::CivilDay start) {
  if (reference::IsFreeMovementCitizenship(w.citizenship, start)) return std::nullopt;
  // Permit reason codes: employment (twice as likely), family, awaiting employment, special
  // protection, study.
  static const std::vector<absl::string_view> kReasons = {"LS", "FAM", "LS", "AO", "PS", "STU"};
  Permit p;
  p.document_type = rng.Chance(0.85) ? "1" : "2";
  p.number = absl::StrFormat("I%08d", rng.Uniform(0, 99999999));
  p.reason = std::string(rng.Pick(kReasons));
  p.expiry = start + rng.Uniform(60, p.document_type == "1" ? 730 : 3650);
  p.police_office = rng.Pick(tables.police_offices);
  return p;
}

}  // namespace sisl::communications::testing::internal
