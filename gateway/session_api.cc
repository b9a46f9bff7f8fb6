#include "gateway/session_api.h"

#include <nlohmann/json.hpp>

#include "gateway/http/problem.h"
#include "gateway/session/session_cookie.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway {
namespace {

using nlohmann::json;
using platform::auth::Role;

http::Response Fail(const http::Request& r, absl::StatusCode code, const std::string& reason,
                    const std::string& detail) {
  return http::RenderProblem(http::ProblemFromStatus(platform::Error(code, reason, detail)),
                             r.request_id);
}

http::Response Fail(const http::Request& r, const absl::Status& st) {
  return http::RenderProblem(http::ProblemFromStatus(st), r.request_id);
}

json RoleJson(const session::AvailableRole& role, const session::RoleLevels& levels) {
  json j = {{"role", std::string(platform::auth::RoleName(role.role))},
            {"cpiCode", role.cpi_code},
            {"actingFor", role.acting_for},
            {"label", role.label},
            {"minimumLevel", levels.MinimumFor(role.role)}};
  if (session::IsCompanyRole(role.role)) {
    j["companyRole"] = role.company_role;
    j["companyName"] = role.company_name;
    j["scopes"] = role.scopes;
  }
  return j;
}

http::Response SessionView(const std::optional<session::Session>& s,
                           const session::SessionStoreOptions& options,
                           const session::RoleLevels& levels) {
  json body = {{"authenticated", s.has_value()}};
  if (s) {
    body["user"] = {{"name", s->name}, {"familyName", s->family_name},
                    {"fiscalCode", s->fiscal_code}, {"email", s->email}};
    // The company named by the SPID identity (purpose=company logins): prefills its registration.
    if (!s->iva_code.empty()) {
      body["spidCompany"] = {{"vatNumber", s->iva_code}, {"name", s->company_name}};
    }
    body["provider"] = s->provider;
    body["level"] = s->level;
    body["roles"] = json::array();
    for (const auto& r : s->available_roles) body["roles"].push_back(RoleJson(r, levels));
    body["selectedRole"] = s->selected_role ? RoleJson(*s->selected_role, levels) : json(nullptr);
    body["csrfToken"] = s->csrf_token;
    body["expiresAt"] = absl::FormatTime(absl::RFC3339_sec, s->created_at + options.absolute_timeout,
                                         absl::UTCTimeZone());
    body["idleTimeoutSeconds"] = absl::ToInt64Seconds(options.idle_timeout);
  }
  http::Response r;
  r.content_type = "application/json";
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace

void CanonicalSessionCookie(http::Request& request, bool secure) {
  if (!secure) return;
  auto host = request.cookies.find(session::kSecureSessionCookieName);
  if (host == request.cookies.end()) {
    request.cookies.erase(session::kSessionCookieName);
    return;
  }
  std::string value = std::move(host->second);
  request.cookies.erase(host);
  request.cookies[session::kSessionCookieName] = std::move(value);
}

http::Respond WithStrictTransportSecurity(http::Respond respond) {
  return [respond = std::move(respond)](http::Response r) {
    r.headers.emplace_back("Strict-Transport-Security", kStrictTransportSecurity);
    respond(std::move(r));
  };
}

absl::Status SessionApi::Register(http::Router& router) {
  RETURN_IF_ERROR(router.Add("GET", "/api/session", [this](http::Request& r, http::Respond d) {
    GetSession(r, std::move(d));
  }));
  RETURN_IF_ERROR(
      router.Add("POST", "/api/session/role",
                 [this](http::Request& r, http::Respond d) { SelectRole(r, std::move(d)); }));
  return router.Add("POST", "/api/session/logout",
                    [this](http::Request& r, http::Respond d) { Logout(r, std::move(d)); });
}

void SessionApi::GetSession(http::Request& request, http::Respond respond) {
  auto s = identity_.Resolve(request);
  if (!s.ok()) return respond(Fail(request, s.status()));
  respond(SessionView(*s, identity_.sessions().options(), role_levels_));
}

void SessionApi::SelectRole(http::Request& request, http::Respond respond) {
  auto s = identity_.Resolve(request);
  if (!s.ok()) return respond(Fail(request, s.status()));
  if (!s->has_value()) {
    return respond(Fail(request, absl::StatusCode::kUnauthenticated, "SESSION_REQUIRED",
                        "Log in first."));
  }
  session::Session& session = **s;
  if (!session::CheckCsrf(session, request.Header("x-csrf-token").value_or(""))) {
    return respond(Fail(request, absl::StatusCode::kPermissionDenied, "CSRF_TOKEN_INVALID",
                        "The X-CSRF-Token header is missing or does not match the session."));
  }
  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("role") ||
      !body["role"].is_string()) {
    return respond(Fail(request, platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_JSON",
                                                 "expected {\"role\": \"...\"}", {},
                                                 {{"role", "required string"}})));
  }
  session::AvailableRole wanted;
  if (!platform::auth::ParseRole(body["role"].get<std::string>(), &wanted.role)) {
    return respond(Fail(request, platform::Error(absl::StatusCode::kInvalidArgument, "UNKNOWN_ROLE",
                                                 "unknown role", {}, {{"role", "unknown role"}})));
  }
  if (body.contains("cpiCode") && body["cpiCode"].is_string()) wanted.cpi_code = body["cpiCode"];
  if (body.contains("actingFor") && body["actingFor"].is_string()) {
    wanted.acting_for = body["actingFor"];
  }
  if (auto st = session::SelectRole(session, wanted, role_levels_); !st.ok()) {
    if (st.code() == absl::StatusCode::kPermissionDenied) {
      platform::log::Warn("session: role refused",
                          {{"role", std::string(platform::auth::RoleName(wanted.role))},
                           {"reason", platform::ErrorReason(st)}});
    }
    return respond(Fail(request, st));
  }
  // A new id for the new role: a cookie captured before the change does not carry the role.
  if (auto st = identity_.sessions().Rotate(session); !st.ok()) return respond(Fail(request, st));
  http::Response r = SessionView(session, identity_.sessions().options(), role_levels_);
  r.set_cookies.push_back(session::SessionCookie(session.id, secure_));
  respond(std::move(r));
}

void SessionApi::Logout(http::Request& request, http::Respond respond) {
  // Peek, not Resolve: no touch, and no staff-roles re-check (logout works while the staff
  // directory is down).
  const std::optional<std::string> cookie = request.Cookie(session::kSessionCookieName);
  auto s = cookie.has_value() ? identity_.sessions().Peek(*cookie)
                              : absl::StatusOr<std::optional<session::Session>>(std::nullopt);
  if (!s.ok()) return respond(Fail(request, s.status()));
  if (!s->has_value()) {
    // As the OpenAPI document says for a session route: 401 problem+json. A stale cookie is
    // cleared all the same.
    http::Response r = Fail(request, absl::StatusCode::kUnauthenticated, "SESSION_REQUIRED",
                            "No session to end: log in first.");
    if (cookie.has_value()) r.set_cookies.push_back(session::ClearSessionCookie(secure_));
    return respond(std::move(r));
  }
  if (!session::CheckCsrf(**s, request.Header("x-csrf-token").value_or(""))) {
    return respond(Fail(request, absl::StatusCode::kPermissionDenied, "CSRF_TOKEN_INVALID",
                        "The X-CSRF-Token header is missing or does not match the session."));
  }
  if (auto st = identity_.sessions().Delete((*s)->id); !st.ok()) return respond(Fail(request, st));
  http::Response r;
  r.status = 204;
  r.headers.emplace_back("Cache-Control", "no-store");
  r.set_cookies.push_back(session::ClearSessionCookie(secure_));
  respond(std::move(r));
}

http::Response SessionApi::CompleteLogin(const http::Request& request,
                                         const spid::VerifiedIdentity& id,
                                         const std::string& return_to) {
  // A new login never reuses the browser's previous session (no fixation).
  if (auto old = request.Cookie(session::kSessionCookieName)) {
    (void)identity_.sessions().Delete(*old);
  }
  session::NewSession init;
  init.fiscal_code = id.fiscal_code;
  init.name = id.name;
  init.family_name = id.family_name;
  init.email = id.email;
  init.mobile = id.mobile_phone;
  init.provider = id.provider;
  init.idp_entity_id = id.idp_entity_id;
  init.level = id.level;
  init.name_id = id.name_id;
  init.session_index = id.session_index;
  init.available_roles.push_back({Role::kCitizen, "", "", "Cittadino / Citizen"});
  if (!id.fiscal_code.empty() && staff_roles_) {
    auto staff = staff_roles_(id.fiscal_code);
    if (!staff.ok()) {
      platform::log::Warn("staff directory unavailable at login; citizen role only",
                          {{"error", std::string(staff.status().message())}});
    } else {
      for (auto& role : *staff) init.available_roles.push_back(std::move(role));
    }
  }
  const bool staff = init.available_roles.size() > 1;
  if (!id.fiscal_code.empty() && company_roles_) {
    auto company = company_roles_(id.fiscal_code, id.level);
    if (!company.ok()) {
      // The code and reason only: who was logging in stays out of the log.
      platform::log::Warn("enterprise unavailable at login; no company roles until it answers",
                          {{"reason", platform::ErrorReason(company.status())},
                           {"error", std::string(company.status().message())}});
      init.company_roles_pending = true;
    } else {
      for (auto& role : *company) init.available_roles.push_back(std::move(role));
    }
  }
  init.subject_kind = staff ? session::SubjectKind::kStaff : session::SubjectKind::kCitizen;
  if (init.available_roles.size() == 1 &&
      role_levels_.Check(init.available_roles.front().role, id.level).ok()) {
    init.selected_role = init.available_roles.front();
  }
  init.iva_code = id.iva_code;
  init.company_name = id.company_name;
  auto created = identity_.sessions().Create(init);
  if (!created.ok()) return Fail(request, created.status());
  // "spid_level": the log's own "level" field is the log level.
  platform::log::Info("login", {{"provider", id.provider}, {"spid_level", id.level},
                                {"roles", std::to_string(init.available_roles.size())}});
  http::Response r = http::Response::Redirect(return_to.empty() ? "/" : return_to);
  r.set_cookies.push_back(session::SessionCookie(created->id, secure_));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

std::optional<spid::VerifiedIdentity> SessionApi::CurrentIdentity(const http::Request& request) {
  // For SP-initiated logout: Peek, so that it works while the staff directory is down.
  const std::optional<std::string> cookie = request.Cookie(session::kSessionCookieName);
  if (!cookie.has_value()) return std::nullopt;
  auto s = identity_.sessions().Peek(*cookie);
  if (!s.ok() || !s->has_value()) return std::nullopt;
  spid::VerifiedIdentity id;
  id.provider = (*s)->provider;
  id.idp_entity_id = (*s)->idp_entity_id;
  id.level = (*s)->level;
  id.fiscal_code = (*s)->fiscal_code;
  id.name = (*s)->name;
  id.family_name = (*s)->family_name;
  id.name_id = (*s)->name_id;
  id.session_index = (*s)->session_index;
  return id;
}

void SessionApi::EndCurrentSession(const http::Request& request, http::Response& response) {
  if (auto cookie = request.Cookie(session::kSessionCookieName)) {
    (void)identity_.sessions().Delete(*cookie);
  }
  response.set_cookies.push_back(session::ClearSessionCookie(secure_));
}

int SessionApi::EndSessionsFor(const std::string& idp_entity_id, const std::string& name_id,
                               const std::string& session_index) {
  auto n = identity_.sessions().EndBySamlSubject(idp_entity_id, name_id, session_index);
  return n.ok() ? *n : 0;
}

}  // namespace sisl::gateway
