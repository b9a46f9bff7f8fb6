#include "gateway/session/session.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gateway/spid/levels.h"
#include "nlohmann/json.hpp"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::session {
namespace {

using nlohmann::json;
using platform::auth::Role;

constexpr size_t kSessionIdLength = 43;  // base64url of 32 bytes, unpadded
constexpr int kJsonVersion = 1;

json RoleToJson(const AvailableRole& r) {
  json j{{"role", std::string(platform::auth::RoleName(r.role))},
         {"cpi", r.cpi_code},
         {"act", r.acting_for},
         {"label", r.label}};
  if (!r.scopes.empty()) j["scp"] = r.scopes;
  if (!r.company_role.empty()) j["crl"] = r.company_role;
  if (!r.company_name.empty()) j["cname"] = r.company_name;
  return j;
}

AvailableRole RoleFromJson(const json& j) {
  AvailableRole r;
  const std::string name = j.at("role").get<std::string>();
  if (!platform::auth::ParseRole(name, &r.role)) throw std::invalid_argument("unknown role");
  r.cpi_code = j.value("cpi", "");
  r.acting_for = j.value("act", "");
  r.label = j.value("label", "");
  if (j.contains("scp")) r.scopes = j.at("scp").get<std::vector<std::string>>();
  r.company_role = j.value("crl", "");
  r.company_name = j.value("cname", "");
  return r;
}

absl::Status Corrupt(absl::string_view why) {
  return platform::Error(absl::StatusCode::kInternal, "SESSION_CORRUPT",
                         absl::StrCat("stored session cannot be read: ", why));
}

}  // namespace

absl::StatusOr<std::string> RandomToken(int bytes) {
  std::vector<unsigned char> buf(static_cast<size_t>(bytes));
  if (RAND_bytes(buf.data(), bytes) != 1) {
    return platform::Error(absl::StatusCode::kInternal, "RANDOM_UNAVAILABLE",
                           "the system random generator failed");
  }
  return absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(buf.data()), buf.size()));
}

bool LooksLikeSessionId(absl::string_view id) {
  if (id.size() != kSessionIdLength) return false;
  for (char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

bool CheckCsrf(const Session& session, absl::string_view header_value) {
  const std::string& expected = session.csrf_token;
  // The length is not secret (always 43); only the content is compared in constant time.
  if (expected.empty() || header_value.size() != expected.size()) return false;
  return CRYPTO_memcmp(expected.data(), header_value.data(), expected.size()) == 0;
}

bool IsStaffRole(Role role) {
  return role == Role::kOperator || role == Role::kContactCentre || role == Role::kAdmin;
}

bool IsCompanyRole(Role role) { return role == Role::kCompany || role == Role::kConsultant; }

absl::StatusOr<RoleLevels> RoleLevels::Parse(int floor, absl::string_view per_role) {
  auto invalid = [](absl::string_view why) {
    return platform::Error(absl::StatusCode::kInvalidArgument, "CONFIG_INVALID",
                           absl::StrCat("gateway.role_minimum_levels: ", why));
  };
  if (floor < 1 || floor > 3) return invalid("spid.minimum_level must be 1, 2 or 3");
  RoleLevels levels;
  levels.floor_ = floor;
  for (absl::string_view entry : absl::StrSplit(per_role, ',', absl::SkipWhitespace())) {
    entry = absl::StripAsciiWhitespace(entry);
    const size_t eq = entry.find('=');
    if (eq == absl::string_view::npos) return invalid(absl::StrCat("'", entry, "' has no '='"));
    Role role;
    const absl::string_view name = absl::StripAsciiWhitespace(entry.substr(0, eq));
    if (!platform::auth::ParseRole(name, &role)) {
      return invalid(absl::StrCat("unknown role '", name, "'"));
    }
    const absl::string_view value = absl::StripAsciiWhitespace(entry.substr(eq + 1));
    if (value != "1" && value != "2" && value != "3") {
      return invalid(absl::StrCat("level of '", name, "' must be 1, 2 or 3"));
    }
    levels.per_role_[static_cast<int>(role)] = value[0] - '0';
  }
  return levels;
}

int RoleLevels::MinimumFor(Role role) const {
  return std::max(floor_, per_role_[static_cast<int>(role)]);
}

absl::Status RoleLevels::Check(Role role, absl::string_view level_uri) const {
  const int level = spid::LevelFromUri(std::string_view(level_uri.data(), level_uri.size()));
  const int required = MinimumFor(role);
  if (level >= required) return absl::OkStatus();
  return platform::Error(
      absl::StatusCode::kPermissionDenied, "SPID_LEVEL_TOO_LOW",
      absl::StrCat("this role needs a login at SPID level ", required, " or higher; log in again "
                   "at that level"),
      {{"role", std::string(platform::auth::RoleName(role))},
       {"required_level", absl::StrCat(required)},
       {"session_level", absl::StrCat(level)}});
}

absl::Status SelectRole(Session& session, const AvailableRole& wanted, const RoleLevels& levels) {
  for (const AvailableRole& r : session.available_roles) {
    if (r.SameRoleAs(wanted)) {
      RETURN_IF_ERROR(levels.Check(r.role, session.level));
      session.selected_role = r;
      return absl::OkStatus();
    }
  }
  if (IsCompanyRole(wanted.role)) {
    // The company is not named in the answer: it may be a person's fiscal code.
    return platform::Error(
        absl::StatusCode::kPermissionDenied, "COMPANY_ROLE_NOT_HELD",
        "the logged-in user holds no such role for this company today (actingFor must name one "
        "of the companies listed in the session's roles)",
        {{"role", std::string(platform::auth::RoleName(wanted.role))}});
  }
  return platform::Error(absl::StatusCode::kPermissionDenied, "ROLE_NOT_AVAILABLE",
                         "this role is not available to the logged-in user",
                         {{"role", std::string(platform::auth::RoleName(wanted.role))}});
}

std::string SamlIndexKey(absl::string_view idp_entity_id, absl::string_view name_id,
                         absl::string_view session_index) {
  const std::string material =
      absl::StrCat(idp_entity_id.size(), ":", idp_entity_id, name_id.size(), ":", name_id,
                   session_index.size(), ":", session_index);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(material.data()), material.size(), digest);
  return absl::StrCat("sess-saml:", absl::BytesToHexString(absl::string_view(
                                        reinterpret_cast<const char*>(digest), sizeof(digest))));
}

std::string SessionToJson(const Session& s) {
  json roles = json::array();
  for (const AvailableRole& r : s.available_roles) roles.push_back(RoleToJson(r));
  json j{{"v", kJsonVersion},
         {"id", s.id},
         {"kind", s.subject_kind == SubjectKind::kStaff ? "staff" : "citizen"},
         {"cf", s.fiscal_code},
         {"name", s.name},
         {"family_name", s.family_name},
         {"email", s.email},
         {"mobile", s.mobile},
         {"provider", s.provider},
         {"idp", s.idp_entity_id},
         {"level", s.level},
         {"name_id", s.name_id},
         {"session_index", s.session_index},
         {"roles", std::move(roles)},
         {"csrf", s.csrf_token},
         {"created", absl::ToUnixMicros(s.created_at)},
         {"seen", absl::ToUnixMicros(s.last_seen)},
         {"checked", absl::ToUnixMicros(s.roles_checked_at)},
         {"cconf", absl::ToUnixMicros(s.company_roles_confirmed_at)},
         {"cpend", s.company_roles_pending}};
  if (s.selected_role.has_value()) j["selected"] = RoleToJson(*s.selected_role);
  // Only when released, so other sessions keep the shape older gateways read.
  if (!s.iva_code.empty()) j["iva"] = s.iva_code;
  if (!s.company_name.empty()) j["company"] = s.company_name;
  // Replace, not throw, on invalid UTF-8 in IdP-provided attributes.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

absl::StatusOr<Session> SessionFromJson(absl::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Corrupt("not a JSON object");
  try {
    if (j.at("v").get<int>() != kJsonVersion) return Corrupt("unknown version");
    Session s;
    s.id = j.at("id").get<std::string>();
    const std::string kind = j.at("kind").get<std::string>();
    if (kind != "citizen" && kind != "staff") return Corrupt("unknown subject kind");
    s.subject_kind = kind == "staff" ? SubjectKind::kStaff : SubjectKind::kCitizen;
    s.fiscal_code = j.value("cf", "");
    s.name = j.value("name", "");
    s.family_name = j.value("family_name", "");
    s.email = j.value("email", "");
    s.mobile = j.value("mobile", "");
    // Absent in sessions without SPID company attributes, and in those stored before them.
    s.iva_code = j.value("iva", "");
    s.company_name = j.value("company", "");
    s.provider = j.value("provider", "");
    s.idp_entity_id = j.value("idp", "");
    s.level = j.value("level", "");
    s.name_id = j.value("name_id", "");
    s.session_index = j.value("session_index", "");
    for (const json& r : j.at("roles")) s.available_roles.push_back(RoleFromJson(r));
    if (j.contains("selected")) s.selected_role = RoleFromJson(j.at("selected"));
    s.csrf_token = j.at("csrf").get<std::string>();
    s.created_at = absl::FromUnixMicros(j.at("created").get<int64_t>());
    s.last_seen = absl::FromUnixMicros(j.at("seen").get<int64_t>());
    // Sessions written before the roles re-check have no "checked": due at the next read.
    s.roles_checked_at =
        j.contains("checked") ? absl::FromUnixMicros(j.at("checked").get<int64_t>()) : s.created_at;
    // Sessions written before company roles have none to confirm.
    s.company_roles_confirmed_at =
        j.contains("cconf") ? absl::FromUnixMicros(j.at("cconf").get<int64_t>()) : s.created_at;
    s.company_roles_pending = j.value("cpend", false);
    return s;
  } catch (const std::exception& e) {
    // nlohmann's messages name keys and types, never values.
    return Corrupt(e.what());
  }
}

}  // namespace sisl::gateway::session
