// Vacancy records as JSON (json_codec.h): content, state and history.
#include <array>

#include "services/enterprise/store/json_codec.h"
#include "services/enterprise/store/json_enums.h"
#include "services/enterprise/store/json_support.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise::store {
namespace {

constexpr std::array<absl::string_view, 3> kLevels = {"unspecified", "required", "preferred"};
constexpr std::array<absl::string_view, 7> kCefr = {"unspecified", "A1", "A2", "B1",
                                                    "B2",          "C1", "C2"};
constexpr std::array<absl::string_view, 4> kL68 = {"unspecified", "none", "disabled", "protected"};
constexpr std::array<absl::string_view, 4> kPeriods = {"unspecified", "hour", "month", "year"};
constexpr std::array<absl::string_view, 8> kStates = {"unspecified", "draft",     "submitted",
                                                      "approved",    "sent_back", "published",
                                                      "suspended",   "closed"};
constexpr std::array<absl::string_view, 4> kClosures = {"unspecified", "filled", "expired",
                                                        "withdrawn"};
constexpr std::array<absl::string_view, 8> kActions = {
    "unspecified", "submit", "approve", "send_back", "publish", "suspend", "resume", "close"};
constexpr std::array<absl::string_view, 4> kRoles = {"unspecified", "company", "operator",
                                                     "system"};

json RequirementsJson(const std::vector<Requirement>& rs) {
  json out = json::array();
  for (const Requirement& r : rs) {
    out.push_back({{"value", r.value}, {"level", EnumToName(r.requirement, kLevels)}});
  }
  return out;
}

std::vector<Requirement> RequirementsFrom(const json& j, const char* key) {
  std::vector<Requirement> out;
  if (!j.contains(key) || !j[key].is_array()) return out;
  for (const json& r : j[key]) {
    out.push_back(
        {r.value("value", ""), EnumFromName<RequirementLevel>(r.value("level", ""), kLevels)});
  }
  return out;
}

json ContentJson(const VacancyContent& c) {
  json languages = json::array();
  for (const LanguageRequirement& l : c.languages) {
    languages.push_back({{"language", l.language},
                         {"cefr", EnumToName(l.level, kCefr)},
                         {"level", EnumToName(l.requirement, kLevels)}});
  }
  json j = {{"title", c.title},
            {"description", c.description},
            {"profession", c.profession_code},
            {"positions", c.positions},
            {"contract_type", c.contract_type},
            {"ccnl", c.ccnl_code},
            {"ccnl_level", c.ccnl_level},
            {"workplace", c.workplace_municipality},
            {"working_time", c.working_time},
            {"languages", languages},
            {"it_skills", RequirementsJson(c.it_skills)},
            {"driving_licences", RequirementsJson(c.driving_licences)},
            {"registers", RequirementsJson(c.professional_registers)},
            {"l68", EnumToName(c.l68_reservation, kL68)},
            {"publication_date", DayText(c.publication_date)},
            {"expiry_date", DayText(c.expiry_date)},
            {"anonymous", c.anonymous}};
  if (c.salary.has_value()) {
    j["salary"] = {{"min", c.salary->min_cents},
                   {"max", c.salary->max_cents},
                   {"period", EnumToName(c.salary->period, kPeriods)}};
  }
  if (c.weekly_hours.has_value()) j["weekly_hours"] = *c.weekly_hours;
  if (c.duration_months.has_value()) j["duration_months"] = *c.duration_months;
  if (c.education.has_value()) {
    j["education"] = {{"code", c.education->level_code},
                      {"level", EnumToName(c.education->requirement, kLevels)}};
  }
  if (c.experience.has_value()) {
    j["experience"] = {{"months", c.experience->months},
                       {"level", EnumToName(c.experience->requirement, kLevels)}};
  }
  return j;
}

VacancyContent ContentFrom(const json& j) {
  VacancyContent c;
  c.title = j.value("title", "");
  c.description = j.value("description", "");
  c.profession_code = j.value("profession", "");
  c.positions = j.value("positions", 1);
  c.contract_type = j.value("contract_type", "");
  c.ccnl_code = j.value("ccnl", "");
  c.ccnl_level = j.value("ccnl_level", "");
  c.workplace_municipality = j.value("workplace", "");
  c.working_time = j.value("working_time", "");
  if (j.contains("languages") && j["languages"].is_array()) {
    for (const json& l : j["languages"]) {
      c.languages.push_back({l.value("language", ""),
                             EnumFromName<CefrLevel>(l.value("cefr", ""), kCefr),
                             EnumFromName<RequirementLevel>(l.value("level", ""), kLevels)});
    }
  }
  c.it_skills = RequirementsFrom(j, "it_skills");
  c.driving_licences = RequirementsFrom(j, "driving_licences");
  c.professional_registers = RequirementsFrom(j, "registers");
  c.l68_reservation = EnumFromName<L68Reservation>(j.value("l68", ""), kL68);
  c.publication_date = DayFrom(j, "publication_date");
  c.expiry_date = DayFrom(j, "expiry_date");
  c.anonymous = j.value("anonymous", false);
  if (j.contains("salary") && j["salary"].is_object()) {
    const json& s = j["salary"];
    c.salary = SalaryBand{s.value("min", int64_t{0}), s.value("max", int64_t{0}),
                          EnumFromName<SalaryPeriod>(s.value("period", ""), kPeriods)};
  }
  if (j.contains("weekly_hours")) c.weekly_hours = j.value("weekly_hours", 0);
  if (j.contains("duration_months")) c.duration_months = j.value("duration_months", 0);
  if (j.contains("education") && j["education"].is_object()) {
    c.education = EducationRequirement{
        j["education"].value("code", ""),
        EnumFromName<RequirementLevel>(j["education"].value("level", ""), kLevels)};
  }
  if (j.contains("experience") && j["experience"].is_object()) {
    c.experience = ExperienceRequirement{
        j["experience"].value("months", 0),
        EnumFromName<RequirementLevel>(j["experience"].value("level", ""), kLevels)};
  }
  return c;
}

}  // namespace

std::string VacancyToJson(const Vacancy& v) {
  json history = json::array();
  for (const VacancyEvent& e : v.history) {
    history.push_back({{"action", EnumToName(e.action, kActions)},
                       {"from", EnumToName(e.from, kStates)},
                       {"to", EnumToName(e.to, kStates)},
                       {"role", EnumToName(e.role, kRoles)},
                       {"actor", e.actor},
                       {"at", TimeValue(e.at)},
                       {"reasons", e.reasons},
                       {"closure", EnumToName(e.closure, kClosures)}});
  }
  return json{{"id", v.id},
              {"company", v.company},
              {"content", ContentJson(v.content)},
              {"state", EnumToName(v.state, kStates)},
              {"closure", EnumToName(v.closure, kClosures)},
              {"send_back_reasons", v.send_back_reasons},
              {"history", history}}
      .dump();
}

absl::StatusOr<Vacancy> VacancyFromJson(const std::string& text) {
  ASSIGN_OR_RETURN(json j, ParseRecord(text, "vacancy"));
  Vacancy v;
  v.id = j.value("id", "");
  v.company = j.value("company", "");
  if (j.contains("content") && j["content"].is_object()) v.content = ContentFrom(j["content"]);
  v.state = EnumFromName<VacancyState>(j.value("state", ""), kStates);
  v.closure = EnumFromName<ClosureReason>(j.value("closure", ""), kClosures);
  v.send_back_reasons = j.value("send_back_reasons", std::vector<std::string>{});
  if (j.contains("history") && j["history"].is_array()) {
    for (const json& e : j["history"]) {
      VacancyEvent ev;
      ev.action = EnumFromName<VacancyAction>(e.value("action", ""), kActions);
      ev.from = EnumFromName<VacancyState>(e.value("from", ""), kStates);
      ev.to = EnumFromName<VacancyState>(e.value("to", ""), kStates);
      ev.role = EnumFromName<VacancyActorRole>(e.value("role", ""), kRoles);
      ev.actor = e.value("actor", "");
      ev.at = TimeFrom(e, "at");
      ev.reasons = e.value("reasons", std::vector<std::string>{});
      ev.closure = EnumFromName<ClosureReason>(e.value("closure", ""), kClosures);
      v.history.push_back(std::move(ev));
    }
  }
  return v;
}

}  // namespace sisl::enterprise::store
