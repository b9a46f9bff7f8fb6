// Sessions and SPID levels on the real infrastructure (sisl-gateway on Redis, in front of
// sisl-booking; the development IdP on loopback): a login asking for SpidL1 gets SpidL2, a role
// change moves the session to a new id in Redis (the old cookie is dead), logout is final, and
// POST /api/session/logout without a session answers 401 problem+json (issue 10, points 1, 5
// and the logout mismatch of point 10). Redis-level races: tests/contract/gateway_state_test.cc.
#include <string>

#include "absl/strings/match.h"
#include "tests/integration/gateway_fixture.h"

namespace sisl::testing_env {
namespace {

using nlohmann::json;

class GatewaySessionsIntegrationTest : public GatewayFixture {
 protected:
  // A browser holding only the session cookie `value`: is it logged in?
  static bool Authenticated(const std::string& value) {
    WebUser probe = Anonymous();
    probe.browser->cookies().Set("sisl_session", value);
    auto r = probe.Get("/api/session");
    EXPECT_TRUE(r.ok());
    return r.ok() && Json(*r).value("authenticated", false);
  }
};

TEST_F(GatewaySessionsIntegrationTest, ALoginAskingForLevel1IsRaisedToSpidL2) {
  WebUser u = Anonymous();
  const std::string idp = "http://" + gateway_http_ + "/dev-idp";
  auto login = u.browser->Get("/spid/login?idp=" + UrlEncode(idp) + "&level=1&return_to=%2F");
  ASSERT_TRUE(login.ok() && login->status == 200);
  auto chooser =
      u.browser->PostForm(PathOf(FormAction(login->body).value_or("")), HiddenInputs(login->body));
  ASSERT_TRUE(chooser.ok() && chooser->status == 200);
  EXPECT_TRUE(absl::StrContains(chooser->body, "livello SPID 2")) << chooser->body;
  HttpHeaders choice = HiddenInputs(chooser->body);
  choice.emplace_back("user", "cittadino-1");
  auto answer = u.browser->PostForm(PathOf(FormAction(chooser->body).value_or("")), choice);
  ASSERT_TRUE(answer.ok() && answer->status == 200);
  auto acs = u.browser->PostForm(PathOf(FormAction(answer->body).value_or("")),
                                 HiddenInputs(answer->body));
  ASSERT_TRUE(acs.ok());
  auto session = u.Get("/api/session");
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(Json(*session).value("level", ""), "https://www.spid.gov.it/SpidL2") << session->body;
}

TEST_F(GatewaySessionsIntegrationTest, ARoleChangeMovesTheSessionToANewId) {
  WebUser op = Login("operatore-torino");
  const std::string before = op.browser->cookies().Get("sisl_session").value_or("");
  ASSERT_FALSE(before.empty());
  auto view = op.Get("/api/session");
  ASSERT_TRUE(view.ok());
  const json roles = Json(*view)["roles"];
  std::string cpi;
  for (const json& role : roles) {
    if (role.value("role", "") == "operator") cpi = role.value("cpiCode", "");
  }
  ASSERT_FALSE(cpi.empty()) << view->body;
  auto chosen = op.Post("/api/session/role", json{{"role", "operator"}, {"cpiCode", cpi}}.dump());
  ASSERT_TRUE(chosen.ok());
  ASSERT_EQ(chosen->status, 200) << chosen->body;
  const std::string after = op.browser->cookies().Get("sisl_session").value_or("");
  EXPECT_NE(after, before);
  EXPECT_FALSE(Authenticated(before)) << "the id before the role change still works";
  EXPECT_TRUE(Authenticated(after));
  // The new id works for API calls, with the CSRF token the page already holds.
  auto search = op.Get("/api/v1/offices?pageSize=1");
  ASSERT_TRUE(search.ok());
  EXPECT_EQ(search->status, 200) << search->body;
  auto logout = op.Post("/api/session/logout", "");
  ASSERT_TRUE(logout.ok());
  EXPECT_EQ(logout->status, 204) << logout->body;
  EXPECT_FALSE(Authenticated(after));
}

TEST_F(GatewaySessionsIntegrationTest, LogoutWithoutASessionAnswers401ProblemJson) {
  WebUser anon = Anonymous();
  auto r = anon.Post("/api/session/logout", "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 401) << r->body;
  EXPECT_TRUE(absl::StartsWith(r->Header("content-type").value_or(""), "application/problem+json"));
  EXPECT_EQ(Json(*r).value("reason", ""), "SESSION_REQUIRED");
  // A cookie of an ended session: 401 too, and the cookie is cleared.
  WebUser c = Login("cittadina-2");
  ASSERT_EQ(c.Post("/api/session/logout", "")->status, 204);
  c.browser->cookies().Set("sisl_session", std::string(43, 'a'));
  auto stale = c.Post("/api/session/logout", "");
  ASSERT_TRUE(stale.ok());
  EXPECT_EQ(stale->status, 401);
  EXPECT_FALSE(c.browser->cookies().Get("sisl_session").has_value());
}

}  // namespace
}  // namespace sisl::testing_env
