// The replica's vacancy as JSON (matching_store.h): the whole domain Vacancy, enums by the
// domain's names (json_fields.h).
#include <string>
#include <vector>

#include "services/matching/store/json_fields.h"
#include "services/matching/store/matching_store.h"
#include "services/platform/status_macros.h"

namespace sisl::matching::store {
namespace {

using internal::EnumFrom;
using internal::EnumName;
using internal::json;
using Strings = std::vector<std::string>;

// How many values each enum has (EnumFrom looks a name up among them).
constexpr int kWorkingModes = 4, kCefrLevels = 7, kEducationLevels = 11, kL68Categories = 3,
              kVacancyStates = 4;

void Fill(const json& j, Vacancy& v) {
  v.id = j.value("id", "");
  v.company_id = j.value("company_id", "");
  v.cpi_code = j.value("cpi_code", "");
  v.profession_code = j.value("profession", "");
  v.contract_type = j.value("contract_type", "");
  v.working_mode =
      EnumFrom(j, "working_mode", WorkingModeName, kWorkingModes, WorkingMode::kUnspecified);
  v.workplace_istat_code = j.value("workplace", "");
  v.area_radius_km = j.value("area_radius_km", 0);
  v.required_licences = j.value("required_licences", Strings{});
  if (j.contains("languages")) {
    if (!j.at("languages").is_array()) throw internal::BadMember{"languages"};
    for (const json& l : j.at("languages")) {
      v.languages.push_back(
          {l.value("language", ""),
           EnumFrom(l, "min_level", CefrLevelName, kCefrLevels, CefrLevel::kUnspecified),
           l.value("required", true)});
    }
  }
  v.required_registers = j.value("required_registers", Strings{});
  v.desired_skills = j.value("desired_skills", Strings{});
  v.min_experience_months = j.value("min_experience_months", 0);
  v.min_education = EnumFrom(j, "min_education", EducationLevelName, kEducationLevels,
                             EducationLevel::kUnspecified);
  v.l68_reservation =
      EnumFrom(j, "l68_reservation", L68CategoryName, kL68Categories, L68Category::kNone);
  v.positions = j.value("positions", 1);
  v.positions_filled = j.value("positions_filled", 0);
  v.state = EnumFrom(j, "state", VacancyStateName, kVacancyStates, VacancyState::kUnspecified);
}

}  // namespace

std::string VacancyToJson(const Vacancy& v) {
  json languages = json::array();
  for (const LanguageRequirement& l : v.languages) {
    languages.push_back({{"language", l.language},
                         {"min_level", EnumName(CefrLevelName, l.min_level)},
                         {"required", l.required}});
  }
  const json j = {{"id", v.id},
                  {"company_id", v.company_id},
                  {"cpi_code", v.cpi_code},
                  {"profession", v.profession_code},
                  {"contract_type", v.contract_type},
                  {"working_mode", EnumName(WorkingModeName, v.working_mode)},
                  {"workplace", v.workplace_istat_code},
                  {"area_radius_km", v.area_radius_km},
                  {"required_licences", v.required_licences},
                  {"languages", languages},
                  {"required_registers", v.required_registers},
                  {"desired_skills", v.desired_skills},
                  {"min_experience_months", v.min_experience_months},
                  {"min_education", EnumName(EducationLevelName, v.min_education)},
                  {"l68_reservation", EnumName(L68CategoryName, v.l68_reservation)},
                  {"positions", v.positions},
                  {"positions_filled", v.positions_filled},
                  {"state", EnumName(VacancyStateName, v.state)}};
  return j.dump();
}

absl::StatusOr<Vacancy> VacancyFromJson(const std::string& text) {
  Vacancy v;
  RETURN_IF_ERROR(internal::Decode(text, "vacancy", [&](const json& j) { Fill(j, v); }));
  return v;
}

}  // namespace sisl::matching::store
