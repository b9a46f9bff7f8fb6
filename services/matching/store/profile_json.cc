// A candidate profile's content as JSON (matching_store.h): everything but the person id, the
// CPI and the validation date, which are columns. Enums by the domain's names (json_fields.h).
#include <string>
#include <vector>

#include "services/matching/store/json_fields.h"
#include "services/matching/store/matching_store.h"
#include "services/platform/status_macros.h"

namespace sisl::matching::store {
namespace {

using internal::DayText;
using internal::EnumFrom;
using internal::EnumName;
using internal::json;
using internal::OptionalDay;
using Strings = std::vector<std::string>;

// How many values each enum has (EnumFrom looks a name up among them).
constexpr int kWorkingModes = 4, kCefrLevels = 7, kEducationLevels = 11, kL68Categories = 3,
              kAvailabilities = 4, kVisibilities = 4;

json ProfessionsJson(const std::vector<DesiredProfession>& all) {
  json out = json::array();
  for (const DesiredProfession& d : all) {
    json modes = json::array();
    for (WorkingMode m : d.working_modes) modes.push_back(EnumName(WorkingModeName, m));
    out.push_back({{"profession", d.profession_code},
                   {"contract_types", d.contract_types},
                   {"working_modes", modes}});
  }
  return out;
}

json ExperiencesJson(const std::vector<Experience>& all) {
  json out = json::array();
  for (const Experience& e : all) {
    json x = {{"profession", e.profession_code},
              {"employer", e.employer_name},
              {"from", DayText(e.from)}};
    if (e.to) x["to"] = DayText(*e.to);
    if (!e.relationship_id.empty()) x["relationship_id"] = e.relationship_id;
    out.push_back(std::move(x));
  }
  return out;
}

json LanguagesJson(const std::vector<LanguageSkill>& all) {
  json out = json::array();
  for (const LanguageSkill& l : all) {
    out.push_back({{"language", l.language}, {"level", EnumName(CefrLevelName, l.level)}});
  }
  return out;
}

// The array under `key`, or an empty one when absent (a member of another type is corrupt).
json ArrayAt(const json& j, const char* key) {
  if (!j.contains(key)) return json::array();
  if (!j.at(key).is_array()) throw internal::BadMember{key};
  return j.at(key);
}

void Fill(const json& j, CandidateProfile& c) {
  for (const json& d : ArrayAt(j, "desired_professions")) {
    DesiredProfession p;
    p.profession_code = d.value("profession", "");
    p.contract_types = d.value("contract_types", Strings{});
    for (const json& m : ArrayAt(d, "working_modes")) {
      p.working_modes.push_back(internal::EnumOf(WorkingModeName, kWorkingModes,
                                                 m.get<std::string>(), WorkingMode::kUnspecified));
    }
    c.desired_professions.push_back(std::move(p));
  }
  for (const json& x : ArrayAt(j, "experiences")) {
    Experience e;
    e.profession_code = x.value("profession", "");
    e.employer_name = x.value("employer", "");
    const std::optional<absl::CivilDay> from = OptionalDay(x, "from");
    if (!from) throw internal::BadMember{"experiences.from"};
    e.from = *from;
    e.to = OptionalDay(x, "to");
    e.relationship_id = x.value("relationship_id", "");
    c.experiences.push_back(std::move(e));
  }
  c.education =
      EnumFrom(j, "education", EducationLevelName, kEducationLevels, EducationLevel::kUnspecified);
  for (const json& l : ArrayAt(j, "languages")) {
    c.languages.push_back({l.value("language", ""), EnumFrom(l, "level", CefrLevelName, kCefrLevels,
                                                             CefrLevel::kUnspecified)});
  }
  c.it_skills = j.value("it_skills", Strings{});
  c.driving_licences = j.value("driving_licences", Strings{});
  c.professional_registers = j.value("professional_registers", Strings{});
  c.domicile_istat_code = j.value("domicile", "");
  c.mobility_radius_km = j.value("mobility_radius_km", 0);
  c.availability =
      EnumFrom(j, "availability", AvailabilityName, kAvailabilities, Availability::kUnspecified);
  c.l68 = EnumFrom(j, "l68", L68CategoryName, kL68Categories, L68Category::kNone);
  c.unemployed_since = OptionalDay(j, "unemployed_since");
  c.visibility = EnumFrom(j, "visibility", VisibilityName, kVisibilities, Visibility::kUnspecified);
}

}  // namespace

std::string ProfileContentToJson(const CandidateProfile& p) {
  json j = {{"desired_professions", ProfessionsJson(p.desired_professions)},
            {"experiences", ExperiencesJson(p.experiences)},
            {"education", EnumName(EducationLevelName, p.education)},
            {"languages", LanguagesJson(p.languages)},
            {"it_skills", p.it_skills},
            {"driving_licences", p.driving_licences},
            {"professional_registers", p.professional_registers},
            {"domicile", p.domicile_istat_code},
            {"mobility_radius_km", p.mobility_radius_km},
            {"availability", EnumName(AvailabilityName, p.availability)},
            {"l68", EnumName(L68CategoryName, p.l68)},
            {"visibility", EnumName(VisibilityName, p.visibility)}};
  if (p.unemployed_since) j["unemployed_since"] = DayText(*p.unemployed_since);
  return j.dump();
}

absl::Status ProfileContentFromJson(const std::string& text, CandidateProfile& out) {
  // Into a fresh profile, so a missing member is its default and a corrupt record changes nothing.
  CandidateProfile content;
  RETURN_IF_ERROR(
      internal::Decode(text, "profile content", [&](const json& j) { Fill(j, content); }));
  content.person_id = std::move(out.person_id);
  content.cpi_code = std::move(out.cpi_code);
  content.validated_on = out.validated_on;
  out = std::move(content);
  return absl::OkStatus();
}

}  // namespace sisl::matching::store
