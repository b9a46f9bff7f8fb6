// Session domain pieces: ids and CSRF tokens, cookies, role selection, the SAML index key and the
// JSON form stored in the cache.
#include "gateway/session/session.h"

#include <set>
#include <string>

#include "absl/strings/match.h"
#include "gateway/session/session_cookie.h"
#include "gateway/session_api.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"

namespace sisl::gateway::session {
namespace {

using platform::auth::Role;

Session Sample() {
  Session s;
  s.id = *RandomToken();
  s.subject_kind = SubjectKind::kStaff;
  s.fiscal_code = "RSSMRA85T10A562S";
  s.name = "Mario";
  s.family_name = "Rossi";
  s.email = "mario.rossi@example.it";
  s.mobile = "+393331234567";
  s.provider = "spid";
  s.idp_entity_id = "https://idp.example.it";
  s.level = "https://www.spid.gov.it/SpidL2";
  s.name_id = "_name-id-1";
  s.session_index = "_idx-1";
  s.available_roles = {{Role::kCitizen, "", "", "Cittadino"},
                       {Role::kOperator, "CPI-TO-15", "", "Operatore - CPI Torino"}};
  s.selected_role = s.available_roles[1];
  s.csrf_token = *RandomToken();
  s.created_at = absl::FromUnixMicros(1'772'000'000'123'456);
  s.last_seen = s.created_at + absl::Seconds(90);
  s.roles_checked_at = s.created_at + absl::Seconds(60);
  return s;
}

TEST(SessionIdTest, RandomTokensAre43Base64UrlCharactersAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    auto token = RandomToken();
    ASSERT_TRUE(token.ok());
    EXPECT_TRUE(LooksLikeSessionId(*token)) << *token;
    seen.insert(*token);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(SessionIdTest, RejectsMalformedIds) {
  EXPECT_FALSE(LooksLikeSessionId(""));
  EXPECT_FALSE(LooksLikeSessionId("abc"));
  EXPECT_FALSE(LooksLikeSessionId(std::string(43, '+')));
  EXPECT_FALSE(LooksLikeSessionId(std::string(42, 'a') + ":"));
  EXPECT_FALSE(LooksLikeSessionId(std::string(44, 'a')));
  EXPECT_TRUE(LooksLikeSessionId(std::string(42, 'a') + "_"));
}

TEST(CsrfTest, AcceptsOnlyTheSessionsToken) {
  Session s = Sample();
  EXPECT_TRUE(CheckCsrf(s, s.csrf_token));
  std::string wrong = s.csrf_token;
  wrong[10] = wrong[10] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(CheckCsrf(s, wrong));
  EXPECT_FALSE(CheckCsrf(s, ""));
  EXPECT_FALSE(CheckCsrf(s, s.csrf_token + "x"));
  s.csrf_token.clear();
  EXPECT_FALSE(CheckCsrf(s, ""));
}

TEST(CookieTest, RendersTheSessionCookie) {
  // Over https the __Host- prefix: Secure, Path=/, no Domain, so no sibling host can plant it.
  EXPECT_EQ(SessionCookie("abc", true),
            "__Host-sisl_session=abc; Path=/; HttpOnly; SameSite=Lax; Secure");
  EXPECT_EQ(SessionCookie("abc", false), "sisl_session=abc; Path=/; HttpOnly; SameSite=Lax");
  EXPECT_FALSE(absl::StrContains(SessionCookie("abc", true), "Domain"));
}

TEST(CookieTest, ClearingCookieExpiresIt) {
  const std::string clear = ClearSessionCookie(true);
  EXPECT_TRUE(absl::StartsWith(clear, "__Host-sisl_session=; Path=/; HttpOnly; SameSite=Lax"))
      << clear;
  EXPECT_TRUE(absl::StrContains(clear, "Max-Age=0"));
  EXPECT_TRUE(absl::StrContains(clear, "Expires=Thu, 01 Jan 1970 00:00:00 GMT"));
  EXPECT_TRUE(absl::EndsWith(clear, "; Secure"));
  EXPECT_TRUE(absl::StartsWith(ClearSessionCookie(false), "sisl_session=; "));
  EXPECT_FALSE(absl::StrContains(ClearSessionCookie(false), "Secure"));
}

TEST(CookieTest, OverHttpsOnlyTheHostPrefixedCookieCounts) {
  http::Request both;
  both.cookies = {{"sisl_session", "planted"}, {"__Host-sisl_session", "real"}};
  CanonicalSessionCookie(both, /*secure=*/true);
  EXPECT_EQ(both.Cookie(kSessionCookieName), "real");
  EXPECT_EQ(both.Cookie(kSecureSessionCookieName), std::nullopt);

  http::Request planted;
  planted.cookies = {{"sisl_session", "planted"}};
  CanonicalSessionCookie(planted, /*secure=*/true);
  EXPECT_EQ(planted.Cookie(kSessionCookieName), std::nullopt);

  http::Request development;  // plain http on localhost: untouched
  development.cookies = {{"sisl_session", "dev"}};
  CanonicalSessionCookie(development, /*secure=*/false);
  EXPECT_EQ(development.Cookie(kSessionCookieName), "dev");
}

TEST(HstsTest, AddsStrictTransportSecurityToEveryAnswer) {
  http::Response seen;
  http::Respond respond = WithStrictTransportSecurity([&](http::Response r) { seen = r; });
  respond(http::Response::Redirect("/"));
  bool hsts = false;
  for (const auto& [k, v] : seen.headers) {
    hsts |= k == "Strict-Transport-Security" && v == "max-age=31536000";
  }
  EXPECT_TRUE(hsts);
}

TEST(CookieTest, SecureExceptOnLocalPlainHttp) {
  EXPECT_FALSE(SecureCookiesFor("http://localhost:8080"));
  EXPECT_FALSE(SecureCookiesFor("http://127.0.0.1:8080/"));
  EXPECT_FALSE(SecureCookiesFor("HTTP://LOCALHOST"));
  EXPECT_FALSE(SecureCookiesFor("http://localhost/sisl"));
  EXPECT_TRUE(SecureCookiesFor("https://localhost:8443"));
  EXPECT_TRUE(SecureCookiesFor("https://lavoro.regione.piemonte.it"));
  EXPECT_TRUE(SecureCookiesFor("http://lavoro.example.it"));
  EXPECT_TRUE(SecureCookiesFor("http://localhost.evil.example"));
  EXPECT_TRUE(SecureCookiesFor(""));
}

TEST(SelectRoleTest, PicksAnAvailableRoleWithItsLabel) {
  Session s = Sample();
  s.selected_role.reset();
  ASSERT_TRUE(SelectRole(s, {Role::kOperator, "CPI-TO-15", "", ""}).ok());
  ASSERT_TRUE(s.selected_role.has_value());
  EXPECT_EQ(s.selected_role->label, "Operatore - CPI Torino");
}

TEST(SelectRoleTest, RefusesRolesNotOffered) {
  Session s = Sample();
  s.selected_role.reset();
  absl::Status st = SelectRole(s, {Role::kOperator, "CPI-CN-18", "", ""});
  EXPECT_EQ(st.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(platform::ErrorReason(st), "ROLE_NOT_AVAILABLE");
  EXPECT_FALSE(s.selected_role.has_value());
  EXPECT_FALSE(SelectRole(s, {Role::kAdmin, "", "", ""}).ok());
}

TEST(RoleLevelsTest, ParsesPerRoleLevelsOverTheFloor) {
  auto levels = RoleLevels::Parse(2, "operator=2, contact_centre=2,admin=3");
  ASSERT_TRUE(levels.ok()) << levels.status();
  EXPECT_EQ(levels->MinimumFor(Role::kAdmin), 3);
  EXPECT_EQ(levels->MinimumFor(Role::kOperator), 2);
  EXPECT_EQ(levels->MinimumFor(Role::kCitizen), 2);
  // Never below the floor.
  auto low = RoleLevels::Parse(2, "citizen=1");
  ASSERT_TRUE(low.ok());
  EXPECT_EQ(low->MinimumFor(Role::kCitizen), 2);
  EXPECT_EQ(RoleLevels().MinimumFor(Role::kAdmin), 2);
  for (const char* bad : {"admin", "admin=4", "admin=0", "root=3", "admin=L3"}) {
    auto refused = RoleLevels::Parse(2, bad);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(platform::ErrorReason(refused.status()), "CONFIG_INVALID") << bad;
  }
  EXPECT_FALSE(RoleLevels::Parse(0, "").ok());
  EXPECT_FALSE(RoleLevels::Parse(4, "").ok());
}

TEST(SelectRoleTest, RefusesARoleAboveTheSessionsSpidLevel) {
  auto levels = RoleLevels::Parse(2, "admin=3");
  ASSERT_TRUE(levels.ok());
  Session s = Sample();
  s.available_roles.push_back({Role::kAdmin, "", "", "Amministratore"});
  s.selected_role.reset();
  absl::Status st = SelectRole(s, {Role::kAdmin, "", "", ""}, *levels);
  EXPECT_EQ(st.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(platform::ErrorReason(st), "SPID_LEVEL_TOO_LOW");
  EXPECT_FALSE(s.selected_role.has_value());
  // At SpidL3 the same role is granted; the operator needs only L2.
  EXPECT_TRUE(SelectRole(s, {Role::kOperator, "CPI-TO-15", "", ""}, *levels).ok());
  s.level = "https://www.spid.gov.it/SpidL3";
  EXPECT_TRUE(SelectRole(s, {Role::kAdmin, "", "", ""}, *levels).ok());
  // A session at SpidL1 (or with no level) gets no role at all under the default floor of 2.
  s.level = "https://www.spid.gov.it/SpidL1";
  EXPECT_EQ(platform::ErrorReason(SelectRole(s, {Role::kCitizen, "", "", ""})),
            "SPID_LEVEL_TOO_LOW");
  s.level.clear();
  EXPECT_EQ(platform::ErrorReason(SelectRole(s, {Role::kOperator, "CPI-TO-15", "", ""})),
            "SPID_LEVEL_TOO_LOW");
}

TEST(SamlIndexKeyTest, IsStableAndSeparatesTheParts) {
  const std::string key = SamlIndexKey("idp", "name", "idx");
  EXPECT_EQ(key, SamlIndexKey("idp", "name", "idx"));
  EXPECT_TRUE(absl::StartsWith(key, "sess-saml:"));
  EXPECT_EQ(key.size(), std::string("sess-saml:").size() + 64);
  EXPECT_NE(key, SamlIndexKey("idpn", "ame", "idx"));
  EXPECT_NE(key, SamlIndexKey("idp", "name", "idy"));
  EXPECT_FALSE(absl::StrContains(key, "name"));
}

TEST(SessionJsonTest, RoundTrips) {
  const Session s = Sample();
  auto back = SessionFromJson(SessionToJson(s));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, s);
}

TEST(SessionJsonTest, RoundTripsWithoutSelectedRole) {
  Session s = Sample();
  s.selected_role.reset();
  s.subject_kind = SubjectKind::kCitizen;
  s.available_roles.clear();
  auto back = SessionFromJson(SessionToJson(s));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, s);
}

TEST(SessionJsonTest, CorruptEntriesAreErrorsWithoutPersonalData) {
  for (const char* bad : {"", "null", "[]", "{\"v\":1}", "{\"v\":2,\"id\":\"x\"}", "{{{"}) {
    auto s = SessionFromJson(bad);
    EXPECT_FALSE(s.ok()) << bad;
    EXPECT_EQ(platform::ErrorReason(s.status()), "SESSION_CORRUPT") << bad;
  }
  std::string json = SessionToJson(Sample());
  json.replace(json.find("\"operator\""), 10, "\"emperor\"");
  auto s = SessionFromJson(json);
  ASSERT_FALSE(s.ok());
  EXPECT_FALSE(absl::StrContains(s.status().message(), "RSSMRA85T10A562S"));
}

}  // namespace
}  // namespace sisl::gateway::session
