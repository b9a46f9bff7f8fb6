#include "gateway/session/session.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "services/platform/errors.h"

namespace sisl::gateway::session {
namespace {

using nlohmann::json;
using platform::auth::Role;

constexpr size_t kSessionIdLength = 43;  // base64url of 32 bytes, unpadded
constexpr int kJsonVersion = 1;

json RoleToJson(const AvailableRole& r) {
  return json{{"role", std::string(platform::auth::RoleName(r.role))},
              {"cpi", r.cpi_code},
              {"act", r.acting_for},
              {"label", r.label}};
}

AvailableRole RoleFromJson(const json& j) {
  AvailableRole r;
  const std::string name = j.at("role").get<std::string>();
  if (!platform::auth::ParseRole(name, &r.role)) throw std::invalid_argument("unknown role");
  r.cpi_code = j.value("cpi", "");
  r.acting_for = j.value("act", "");
  r.label = j.value("label", "");
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

absl::Status SelectRole(Session& session, const AvailableRole& wanted) {
  for (const AvailableRole& r : session.available_roles) {
    if (r.SameRoleAs(wanted)) {
      session.selected_role = r;
      return absl::OkStatus();
    }
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
         {"seen", absl::ToUnixMicros(s.last_seen)}};
  if (s.selected_role.has_value()) j["selected"] = RoleToJson(*s.selected_role);
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
    return s;
  } catch (const std::exception& e) {
    // nlohmann's messages name keys and types, never values.
    return Corrupt(e.what());
  }
}

}  // namespace sisl::gateway::session
