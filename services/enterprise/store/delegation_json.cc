// Delegation records as JSON (json_codec.h): the delegation and every act on it.
#include <array>

#include "services/enterprise/store/json_codec.h"
#include "services/enterprise/store/json_enums.h"
#include "services/enterprise/store/json_support.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise::store {
namespace {

constexpr std::array<absl::string_view, 4> kKinds = {"unspecified", "legal_representative",
                                                     "delegate", "consultant"};
constexpr std::array<absl::string_view, 5> kScopes = {"unspecified", "vacancies", "communications",
                                                      "l68_returns", "service_requests"};
constexpr std::array<absl::string_view, 5> kStates = {"unspecified", "pending", "active", "revoked",
                                                      "expired"};
constexpr std::array<absl::string_view, 6> kActs = {
    "unspecified", "record_legal_representative", "grant", "accept", "revoke", "expire"};

}  // namespace

std::string DelegationToJson(const Delegation& d) {
  json scopes = json::array();
  for (DelegationScope s : d.scopes) scopes.push_back(EnumToName(s, kScopes));
  json acts = json::array();
  for (const DelegationAct& a : d.acts) {
    acts.push_back({{"kind", EnumToName(a.kind, kActs)},
                    {"actor", a.actor},
                    {"at", TimeValue(a.at)},
                    {"reason", a.reason},
                    {"from", EnumToName(a.from, kStates)},
                    {"to", EnumToName(a.to, kStates)}});
  }
  json j = {{"id", d.id},
            {"company", d.company},
            {"kind", EnumToName(d.kind, kKinds)},
            {"holder", d.holder},
            {"granted_by", d.granted_by},
            {"scopes", scopes},
            {"valid_from", DayText(d.valid_from)},
            {"state", EnumToName(d.state, kStates)},
            {"acts", acts}};
  if (d.valid_to.has_value()) j["valid_to"] = DayText(*d.valid_to);
  if (d.consultant.has_value()) {
    j["consultant"] = {{"order_number", d.consultant->order_number},
                       {"order_province", d.consultant->order_province},
                       {"studio_fiscal_code", d.consultant->studio_fiscal_code}};
  }
  return j.dump();
}

absl::StatusOr<Delegation> DelegationFromJson(const std::string& text) {
  ASSIGN_OR_RETURN(json j, ParseRecord(text, "delegation"));
  Delegation d;
  d.id = j.value("id", "");
  d.company = j.value("company", "");
  d.kind = EnumFromName<DelegationKind>(j.value("kind", ""), kKinds);
  d.holder = j.value("holder", "");
  d.granted_by = j.value("granted_by", "");
  if (j.contains("scopes") && j["scopes"].is_array()) {
    for (const json& s : j["scopes"]) {
      if (s.is_string())
        d.scopes.push_back(EnumFromName<DelegationScope>(s.get<std::string>(), kScopes));
    }
  }
  d.valid_from = DayFrom(j, "valid_from");
  d.valid_to = OptionalDayFrom(j, "valid_to");
  d.state = EnumFromName<DelegationState>(j.value("state", ""), kStates);
  if (j.contains("consultant") && j["consultant"].is_object()) {
    const json& c = j["consultant"];
    d.consultant = ConsultantDetails{c.value("order_number", ""), c.value("order_province", ""),
                                     c.value("studio_fiscal_code", "")};
  }
  if (j.contains("acts") && j["acts"].is_array()) {
    for (const json& a : j["acts"]) {
      DelegationAct act;
      act.kind = EnumFromName<DelegationActKind>(a.value("kind", ""), kActs);
      act.actor = a.value("actor", "");
      act.at = TimeFrom(a, "at");
      act.reason = a.value("reason", "");
      act.from = EnumFromName<DelegationState>(a.value("from", ""), kStates);
      act.to = EnumFromName<DelegationState>(a.value("to", ""), kStates);
      d.acts.push_back(std::move(act));
    }
  }
  return d;
}

}  // namespace sisl::enterprise::store
