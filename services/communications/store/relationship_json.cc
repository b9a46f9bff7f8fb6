// JSON of relationship records and warnings (nlohmann): days as "YYYY-MM-DD".
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "services/communications/store/communication_store.h"
#include "services/platform/errors.h"

namespace sisl::communications::store {
namespace {

using nlohmann::json;

std::string Day(absl::CivilDay d) { return absl::FormatCivilTime(d); }

std::optional<absl::CivilDay> ParseDay(const json& j, const char* key) {
  absl::CivilDay d;
  if (!j.contains(key) || !j[key].is_string()) return std::nullopt;
  if (!absl::ParseCivilTime(j[key].get<std::string>(), &d)) return std::nullopt;
  return d;
}

}  // namespace

absl::string_view StoredStateName(StoredState state) {
  switch (state) {
    case StoredState::kAccepted:
      return "accepted";
    case StoredState::kCorrected:
      return "corrected";
    case StoredState::kCancelled:
      return "cancelled";
  }
  return "accepted";
}

absl::string_view RelationshipStatusName(RelationshipStatus status) {
  switch (status) {
    case RelationshipStatus::kOpen:
      return "open";
    case RelationshipStatus::kClosed:
      return "closed";
    case RelationshipStatus::kCancelled:
      return "cancelled";
  }
  return "open";
}

std::string RelationshipToJson(const RelationshipState& s) {
  json j = {{"status", RelationshipStatusName(s.status)},
            {"employer", s.employer_fiscal_code},
            {"employer_name", s.employer_name},
            {"start", Day(s.start)},
            {"contract_type", s.contract_type},
            {"working_time", s.working_time},
            {"weekly_hours", s.weekly_hours},
            {"profession", s.profession},
            {"ccnl", s.ccnl},
            {"workplace", s.workplace_municipality_code},
            {"termination_cause", s.termination_cause},
            {"mission_user", s.mission_user_fiscal_code},
            {"extensions", s.extensions},
            {"last_code", s.last_code}};
  if (s.end) j["end"] = Day(*s.end);
  return j.dump();
}

absl::StatusOr<RelationshipState> RelationshipFromJson(const std::string& text) {
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) {
    return platform::Error(absl::StatusCode::kDataLoss, "CORRUPT_RECORD",
                           "a relationship record is not JSON");
  }
  RelationshipState s;
  const std::string status = j.value("status", "open");
  s.status = status == "closed"      ? RelationshipStatus::kClosed
             : status == "cancelled" ? RelationshipStatus::kCancelled
                                     : RelationshipStatus::kOpen;
  s.employer_fiscal_code = j.value("employer", "");
  s.employer_name = j.value("employer_name", "");
  s.start = ParseDay(j, "start").value_or(absl::CivilDay());
  s.end = ParseDay(j, "end");
  s.contract_type = j.value("contract_type", "");
  s.working_time = j.value("working_time", "");
  s.weekly_hours = j.value("weekly_hours", 0.0);
  s.profession = j.value("profession", "");
  s.ccnl = j.value("ccnl", "");
  s.workplace_municipality_code = j.value("workplace", "");
  s.termination_cause = j.value("termination_cause", "");
  s.mission_user_fiscal_code = j.value("mission_user", "");
  s.extensions = j.value("extensions", 0);
  s.last_code = j.value("last_code", "");
  return s;
}

std::string FindingsToJson(const std::vector<Finding>& findings) {
  json out = json::array();
  for (const Finding& f : findings) {
    out.push_back({{"rule", f.rule},
                   {"severity", f.severity == Severity::kError ? "error" : "warning"},
                   {"field", f.field},
                   {"it", f.message_it},
                   {"en", f.message_en}});
  }
  return out.dump();
}

std::vector<Finding> FindingsFromJson(const std::string& text) {
  std::vector<Finding> out;
  const json j = json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const json& f : j) {
    if (!f.is_object()) continue;
    out.push_back({f.value("rule", ""),
                   f.value("severity", "") == "error" ? Severity::kError : Severity::kWarning,
                   f.value("field", ""), f.value("it", ""), f.value("en", "")});
  }
  return out;
}

}  // namespace sisl::communications::store
