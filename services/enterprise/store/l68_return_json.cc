// L.68/1999 return records as JSON (l68_return_json.h).
#include "services/enterprise/store/l68_return_json.h"

#include <array>
#include <utility>
#include <vector>

#include "services/enterprise/store/json_enums.h"
#include "services/enterprise/store/json_support.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise::store {
namespace {

constexpr std::array<absl::string_view, 4> kWorkingTimes = {"unspecified", "full_time", "part_time",
                                                            "intermittent"};
constexpr std::array<absl::string_view, 4> kRoles = {"unspecified", "ordinary", "disabled",
                                                     "protected"};
constexpr std::array<absl::string_view, 3> kKinds = {"unspecified", "disabled", "protected"};
constexpr std::array<absl::string_view, 3> kScopes = {"unspecified", "both", "disabled_base_only"};
constexpr std::array<absl::string_view, 5> kCategories = {"unspecified", "not_subject", "C", "B",
                                                          "A"};
constexpr int kLastExclusion = static_cast<int>(L68Exclusion::kConstructionSiteStaff);

std::optional<L68Exclusion> ExclusionFrom(const std::string& code) {
  for (int i = 1; i <= kLastExclusion; ++i) {
    if (ExclusionCode(static_cast<L68Exclusion>(i)) == code) return static_cast<L68Exclusion>(i);
  }
  return std::nullopt;
}

const json& Member(const json& j, const char* key) {
  static const json* const kNull = new json();
  return j.is_object() && j.contains(key) ? j[key] : *kNull;
}

// The array at `key`, or an empty one.
const json& Array(const json& j, const char* key) {
  static const json* const kEmpty = new json(json::array());
  const json& m = Member(j, key);
  return m.is_array() ? m : *kEmpty;
}

// ---- Input ----------------------------------------------------------------------------------

json InputJson(const L68ReturnInput& in) {
  json provinces = json::array();
  for (const L68ProvinceInput& p : in.provinces) {
    json employees = json::array();
    for (const L68Employee& e : p.employees) {
      json je = {{"count", e.count},
                 {"working_time", EnumToName(e.working_time, kWorkingTimes)},
                 {"weekly_minutes", e.weekly_minutes},
                 {"full_time_weekly_minutes", e.full_time_weekly_minutes},
                 {"role", EnumToName(e.role, kRoles)},
                 {"in_force_on_17_01_2000", e.in_force_on_17_01_2000}};
      if (e.exclusion.has_value()) je["exclusion"] = std::string(ExclusionCode(*e.exclusion));
      employees.push_back(std::move(je));
    }
    json jp = {{"province", p.province},
               {"employees", std::move(employees)},
               {"other_disabled_coverage", p.other_disabled_coverage},
               {"exemption_percent", p.exemption_percent}};
    if (p.suspension.has_value()) {
      jp["suspension"] = {{"workers", p.suspension->workers}, {"cause", p.suspension->cause}};
    }
    provinces.push_back(std::move(jp));
  }
  json compensations = json::array();
  for (const L68Compensation& c : in.compensations) {
    compensations.push_back({{"kind", EnumToName(c.kind, kKinds)},
                             {"from", c.from_province},
                             {"to", c.to_province},
                             {"positions", c.positions}});
  }
  return {{"year", in.year},
          {"registered_office_province", in.registered_office_province},
          {"provinces", std::move(provinces)},
          {"compensations", std::move(compensations)}};
}

L68ReturnInput InputFrom(const json& j) {
  L68ReturnInput in;
  if (!j.is_object()) return in;
  in.year = j.value("year", 0);
  in.registered_office_province = j.value("registered_office_province", "");
  for (const json& jp : Array(j, "provinces")) {
    L68ProvinceInput p;
    p.province = jp.value("province", "");
    for (const json& je : Array(jp, "employees")) {
      L68Employee e;
      e.count = je.value("count", 1);
      e.working_time = EnumFromName<L68WorkingTime>(je.value("working_time", ""), kWorkingTimes);
      e.weekly_minutes = je.value("weekly_minutes", 0);
      e.full_time_weekly_minutes = je.value("full_time_weekly_minutes", 0);
      e.role = EnumFromName<L68Role>(je.value("role", ""), kRoles);
      if (je.contains("exclusion")) e.exclusion = ExclusionFrom(je.value("exclusion", ""));
      e.in_force_on_17_01_2000 = je.value("in_force_on_17_01_2000", false);
      p.employees.push_back(e);
    }
    p.other_disabled_coverage = jp.value("other_disabled_coverage", 0);
    p.exemption_percent = jp.value("exemption_percent", 0);
    if (Member(jp, "suspension").is_object()) {
      p.suspension =
          L68Suspension{jp["suspension"].value("workers", 0), jp["suspension"].value("cause", "")};
    }
    in.provinces.push_back(std::move(p));
  }
  for (const json& jc : Array(j, "compensations")) {
    in.compensations.push_back({EnumFromName<L68QuotaKind>(jc.value("kind", ""), kKinds),
                                jc.value("from", ""), jc.value("to", ""),
                                jc.value("positions", 0)});
  }
  return in;
}

// ---- Figures --------------------------------------------------------------------------------

json FigureJson(const L68Figure& f) {
  json steps = json::array();
  for (const L68Step& s : f.steps) {
    json values = json::array();
    for (const L68Value& v : s.values) values.push_back({{"name", v.name}, {"value", v.value}});
    steps.push_back(
        {{"code", s.code}, {"text_it", s.text_it}, {"text_en", s.text_en}, {"values", values}});
  }
  return {{"value", f.value}, {"steps", std::move(steps)}};
}

L68Figure FigureFrom(const json& j) {
  L68Figure f;
  if (!j.is_object()) return f;
  f.value = j.value("value", int64_t{0});
  for (const json& js : Array(j, "steps")) {
    L68Step s{js.value("code", ""), js.value("text_it", ""), js.value("text_en", ""), {}};
    for (const json& jv : Array(js, "values")) {
      s.values.push_back({jv.value("name", ""), jv.value("value", "")});
    }
    f.steps.push_back(std::move(s));
  }
  return f;
}

json FiguresJson(const L68Figures& f) {
  json out = json::object();
  for (const L68FigureField& field : L68FigureFields()) {
    out[field.name] = FigureJson(f.*field.member);
  }
  return out;
}

L68Figures FiguresFrom(const json& j) {
  L68Figures f;
  for (const L68FigureField& field : L68FigureFields()) {
    f.*field.member = FigureFrom(Member(j, field.name));
  }
  return f;
}

json ExclusionsJson(const std::vector<L68ExclusionLine>& lines) {
  json out = json::array();
  for (const L68ExclusionLine& l : lines) {
    out.push_back({{"category", std::string(ExclusionCode(l.category))},
                   {"scope", EnumToName(l.scope, kScopes)},
                   {"workers", l.workers}});
  }
  return out;
}

std::vector<L68ExclusionLine> ExclusionsFrom(const json& j) {
  std::vector<L68ExclusionLine> out;
  if (!j.is_array()) return out;
  for (const json& jl : j) {
    out.push_back({ExclusionFrom(jl.value("category", "")).value_or(L68Exclusion::kUnspecified),
                   EnumFromName<L68ExclusionScope>(jl.value("scope", ""), kScopes),
                   jl.value("workers", int64_t{0})});
  }
  return out;
}

json ReturnJson(const L68Return& r) {
  json provinces = json::array();
  for (const L68ProvinceResult& p : r.provinces) {
    provinces.push_back({{"province", p.province},
                         {"registered_office", p.registered_office},
                         {"obligation_suspended", p.obligation_suspended},
                         {"exclusions", ExclusionsJson(p.exclusions)},
                         {"figures", FiguresJson(p.figures)}});
  }
  return {{"year", r.year},
          {"category", EnumToName(r.category, kCategories)},
          {"provinces", std::move(provinces)},
          {"exclusions", ExclusionsJson(r.exclusions)},
          {"national", FiguresJson(r.national)}};
}

L68Return ReturnFrom(const json& j) {
  L68Return r;
  if (!j.is_object()) return r;
  r.year = j.value("year", 0);
  r.category = EnumFromName<L68CompanyCategory>(j.value("category", ""), kCategories);
  for (const json& jp : Array(j, "provinces")) {
    L68ProvinceResult p;
    p.province = jp.value("province", "");
    p.registered_office = jp.value("registered_office", false);
    p.obligation_suspended = jp.value("obligation_suspended", false);
    p.exclusions = ExclusionsFrom(Member(jp, "exclusions"));
    p.figures = FiguresFrom(Member(jp, "figures"));
    r.provinces.push_back(std::move(p));
  }
  r.exclusions = ExclusionsFrom(Member(j, "exclusions"));
  r.national = FiguresFrom(Member(j, "national"));
  return r;
}

json FilingJson(const L68Filing& f) {
  return {{"input", InputJson(f.input)}, {"figures", ReturnJson(f.figures)}};
}

L68Filing FilingFrom(const json& j) {
  return {InputFrom(Member(j, "input")), ReturnFrom(Member(j, "figures"))};
}

}  // namespace

const std::vector<L68FigureField>& L68FigureFields() {
  static const auto* fields = new std::vector<L68FigureField>{
      {"workers_in_force", &L68Figures::workers_in_force},
      {"disabled_in_force", &L68Figures::disabled_in_force},
      {"excluded_disabled_base", &L68Figures::excluded_disabled_base},
      {"excluded_protected_base", &L68Figures::excluded_protected_base},
      {"protected_deducted", &L68Figures::protected_deducted},
      {"part_time_workers", &L68Figures::part_time_workers},
      {"part_time_units", &L68Figures::part_time_units},
      {"base", &L68Figures::base},
      {"base_protected", &L68Figures::base_protected},
      {"quota", &L68Figures::quota},
      {"exempted", &L68Figures::exempted},
      {"compensation", &L68Figures::compensation},
      {"positions_due", &L68Figures::positions_due},
      {"disabled_coverage", &L68Figures::disabled_coverage},
      {"abatement", &L68Figures::abatement},
      {"covered", &L68Figures::covered},
      {"uncovered", &L68Figures::uncovered},
      {"excess", &L68Figures::excess},
      {"quota_protected", &L68Figures::quota_protected},
      {"protected_in_force", &L68Figures::protected_in_force},
      {"compensation_protected", &L68Figures::compensation_protected},
      {"positions_due_protected", &L68Figures::positions_due_protected},
      {"covered_protected", &L68Figures::covered_protected},
      {"uncovered_protected", &L68Figures::uncovered_protected},
      {"excess_protected", &L68Figures::excess_protected},
      {"suspended_workers", &L68Figures::suspended_workers}};
  return *fields;
}

std::string L68InputToJson(const L68ReturnInput& input) { return InputJson(input).dump(); }

absl::StatusOr<L68ReturnInput> L68InputFromJson(const std::string& text) {
  ASSIGN_OR_RETURN(json j, ParseRecord(text, "L.68 input"));
  return InputFrom(j);
}

std::string L68RecordToJson(const StoredL68Return& r) {
  json acts = json::array();
  for (const L68ReturnAct& a : r.acts) {
    acts.push_back({{"action", a.action},
                    {"from", std::string(L68ReturnStateName(a.from))},
                    {"to", std::string(L68ReturnStateName(a.to))},
                    {"actor", a.actor},
                    {"actor_role", a.actor_role},
                    {"at", TimeValue(a.at)},
                    {"reason", a.reason}});
  }
  json j = {{"filing", FilingJson(r.filing)}, {"acts", std::move(acts)}};
  if (r.correction.has_value()) j["correction"] = FilingJson(*r.correction);
  return j.dump();
}

absl::Status L68RecordFromJson(const std::string& text, StoredL68Return& r) {
  ASSIGN_OR_RETURN(json j, ParseRecord(text, "L.68 return"));
  r.filing = FilingFrom(Member(j, "filing"));
  r.correction.reset();
  if (Member(j, "correction").is_object()) r.correction = FilingFrom(j["correction"]);
  r.acts.clear();
  for (const json& ja : Array(j, "acts")) {
    r.acts.push_back({ja.value("action", ""), L68ReturnStateFromName(ja.value("from", "")),
                      L68ReturnStateFromName(ja.value("to", "")), ja.value("actor", ""),
                      ja.value("actor_role", ""), TimeFrom(ja, "at"), ja.value("reason", "")});
  }
  return absl::OkStatus();
}

}  // namespace sisl::enterprise::store
