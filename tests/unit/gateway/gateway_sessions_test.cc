// Sessions and SPID levels through the served gateway (the kit's ModuleFixture, the development
// IdP, a real HTTP front on a free port): the level a login asks for and the one each role needs,
// the session id rotated on role change, withdrawn staff roles leaving live sessions, logout
// without a session, and the __Host- cookie and HSTS over https (issue 10, points 1 and 5).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/gateway_module.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "services/platform/clock.h"
#include "services/platform/ids.h"
#include "services/platform/testing/module_fixture.h"
#include "services/platform/testing/status_matchers.h"
#include "sisl/gateway/v1/staff.grpc.pb.h"
#include "tests/support/http_client.h"

namespace sisl::gateway {
namespace {

using nlohmann::json;
using testing_env::Browser;
using testing_env::FormAction;
using testing_env::HiddenInputs;
using testing_env::HttpHeaders;
using testing_env::HttpRequest;
using testing_env::HttpResponse;

constexpr char kOperator[] = "SPSPLA75P30L219V";  // the dev IdP's operatore-torino

// "/path?q" of an absolute URL (the dev IdP's forms name the configured public URL).
std::string PathOf(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const size_t path = url.find('/', scheme + 3);
  return path == std::string::npos ? "/" : url.substr(path);
}

json Json(const HttpResponse& r) { return json::parse(r.body, nullptr, false); }

class GatewaySessionsTest : public ::testing::Test {
 protected:
  void TearDown() override {
    served_.reset();
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  void Serve(const std::string& public_url, const std::string& extra_gateway_yaml = "") {
    public_url_ = public_url;
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("sisl-gateway-sessions-", platform::NewUuidV7());
    std::filesystem::create_directories(dir_);
    platform::testing::ModuleFixture::Options options;
    options.clock = &clock_;
    options.config_yaml = absl::StrCat(
        "gateway:\n  http_address: 127.0.0.1:0\n  web_dir: \"\"\n  access_log: false\n"
        "  public_url: \"",
        public_url, "\"\n", extra_gateway_yaml, "spid:\n  key_file: ", (dir_ / "sp.key").string(),
        "\n  cert_file: ", (dir_ / "sp.crt").string(), "\n");
    auto served = platform::testing::ModuleFixture::Start(GatewayModuleSpec(), options);
    ASSERT_TRUE(served.ok()) << served.status();
    served_ = *std::move(served);
  }

  std::unique_ptr<Browser> NewBrowser() {
    const int port = dynamic_cast<GatewayModule&>(served_->module()).http_port();
    return std::make_unique<Browser>(absl::StrCat("127.0.0.1:", port));
  }

  // Logs `user` in through /spid/login (with `query`, e.g. "&level=1") and the development IdP;
  // returns GET /api/session.
  json Login(Browser& b, const std::string& user, const std::string& query = "") {
    auto login =
        b.Get(absl::StrCat("/spid/login?idp=", testing_env::UrlEncode(public_url_ + "/dev-idp"),
                           query, "&return_to=%2F"));
    EXPECT_TRUE(login.ok() && login->status == 200) << (login.ok() ? login->body : "");
    if (!login.ok()) return json();
    last_login_page_ = login->body;
    auto chooser =
        b.PostForm(PathOf(FormAction(login->body).value_or("")), HiddenInputs(login->body));
    EXPECT_TRUE(chooser.ok() && chooser->status == 200) << (chooser.ok() ? chooser->body : "");
    if (!chooser.ok()) return json();
    last_chooser_page_ = chooser->body;
    HttpHeaders choice = HiddenInputs(chooser->body);
    choice.emplace_back("user", user);
    auto answer = b.PostForm(PathOf(FormAction(chooser->body).value_or("")), choice);
    EXPECT_TRUE(answer.ok() && answer->status == 200) << (answer.ok() ? answer->body : "");
    if (!answer.ok()) return json();
    auto acs =
        b.PostForm(PathOf(FormAction(answer->body).value_or("")), HiddenInputs(answer->body));
    EXPECT_TRUE(acs.ok()) << acs.status();
    auto session = b.Get("/api/session");
    EXPECT_TRUE(session.ok() && session->status == 200);
    return session.ok() ? Json(*session) : json();
  }

  absl::StatusOr<HttpResponse> PostJson(Browser& b, const std::string& target, const json& body,
                                        const std::string& csrf) {
    HttpRequest r;
    r.method = "POST";
    r.target = target;
    r.body = body.is_null() ? "" : body.dump();
    r.headers = {{"Content-Type", "application/json"}};
    if (!csrf.empty()) r.headers.emplace_back("X-CSRF-Token", csrf);
    return b.Send(std::move(r));
  }

  // GET /api/session from a browser holding only the cookie `name`=`value`: is it logged in?
  bool Authenticated(const std::string& name, const std::string& value) {
    auto b = NewBrowser();
    b->cookies().Set(name, value);
    auto r = b->Get("/api/session");
    EXPECT_TRUE(r.ok());
    return r.ok() && Json(*r).value("authenticated", false);
  }

  platform::FakeClock clock_{absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()))};
  std::string public_url_;
  std::filesystem::path dir_;
  std::unique_ptr<platform::testing::ModuleFixture> served_;
  std::string last_login_page_;
  std::string last_chooser_page_;
};

// ---- point 1: SPID levels -------------------------------------------------------------------

TEST_F(GatewaySessionsTest, ALoginAskingForLevel1GetsSpidL2) {
  Serve("http://127.0.0.1:8080");
  auto b = NewBrowser();
  json view = Login(*b, "cittadino-1", "&level=1");
  EXPECT_TRUE(absl::StrContains(last_chooser_page_, "livello SPID 2")) << last_chooser_page_;
  EXPECT_EQ(view.value("authenticated", false), true) << view.dump();
  EXPECT_EQ(view.value("level", ""), "https://www.spid.gov.it/SpidL2");
}

TEST_F(GatewaySessionsTest, AStaffRoleNeedsItsConfiguredLevel) {
  Serve("http://127.0.0.1:8080", "  role_minimum_levels: \"operator=2,admin=3\"\n");
  // Logged in at SpidL2: the administrator role is offered (with its level) but refused.
  auto b = NewBrowser();
  json view = Login(*b, "amministratore");
  ASSERT_EQ(view.value("level", ""), "https://www.spid.gov.it/SpidL2") << view.dump();
  bool offered = false;
  for (const json& role : view["roles"]) {
    if (role.value("role", "") == "admin") {
      offered = true;
      EXPECT_EQ(role.value("minimumLevel", 0), 3);
    }
  }
  EXPECT_TRUE(offered) << view.dump();
  auto refused = PostJson(*b, "/api/session/role", {{"role", "admin"}}, view["csrfToken"]);
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->status, 403) << refused->body;
  EXPECT_EQ(Json(*refused).value("reason", ""), "SPID_LEVEL_TOO_LOW") << refused->body;
  auto still = b->Get("/api/session");
  ASSERT_TRUE(still.ok());
  EXPECT_TRUE(Json(*still)["selectedRole"].is_null());

  // Logged in again at SpidL3: granted.
  auto l3 = NewBrowser();
  json strong = Login(*l3, "amministratore", "&level=3");
  ASSERT_EQ(strong.value("level", ""), "https://www.spid.gov.it/SpidL3");
  auto granted = PostJson(*l3, "/api/session/role", {{"role", "admin"}}, strong["csrfToken"]);
  ASSERT_TRUE(granted.ok());
  EXPECT_EQ(granted->status, 200) << granted->body;
  EXPECT_EQ(Json(*granted)["selectedRole"].value("role", ""), "admin");
}

// ---- point 5: sessions ----------------------------------------------------------------------

TEST_F(GatewaySessionsTest, ARoleChangeRotatesTheSessionId) {
  Serve("http://127.0.0.1:8080");
  auto b = NewBrowser();
  json view = Login(*b, "operatore-torino");
  const std::optional<std::string> before = b->cookies().Get("sisl_session");
  ASSERT_TRUE(before.has_value());
  std::string cpi;
  for (const json& role : view["roles"]) {
    if (role.value("role", "") == "operator") cpi = role.value("cpiCode", "");
  }
  auto chosen = PostJson(*b, "/api/session/role", {{"role", "operator"}, {"cpiCode", cpi}},
                         view["csrfToken"]);
  ASSERT_TRUE(chosen.ok());
  ASSERT_EQ(chosen->status, 200) << chosen->body;
  std::vector<std::string> set = chosen->Headers("set-cookie");
  ASSERT_EQ(set.size(), 1u);
  EXPECT_TRUE(absl::StartsWith(set[0], "sisl_session=")) << set[0];
  const std::optional<std::string> after = b->cookies().Get("sisl_session");
  ASSERT_TRUE(after.has_value());
  EXPECT_NE(*after, *before);
  EXPECT_FALSE(Authenticated("sisl_session", *before)) << "the old id still works";
  EXPECT_TRUE(Authenticated("sisl_session", *after));
  // The CSRF token is kept: the next write with it passes the CSRF check.
  EXPECT_EQ(Json(*chosen).value("csrfToken", ""), view.value("csrfToken", ""));
}

TEST_F(GatewaySessionsTest, AWithdrawnStaffRoleLeavesTheLiveSessionWithinTheInterval) {
  Serve("http://127.0.0.1:8080");
  auto b = NewBrowser();
  json view = Login(*b, "operatore-torino");
  std::string cpi;
  for (const json& role : view["roles"]) {
    if (role.value("role", "") == "operator") cpi = role.value("cpiCode", "");
  }
  ASSERT_FALSE(cpi.empty()) << view.dump();
  auto chosen = PostJson(*b, "/api/session/role", {{"role", "operator"}, {"cpiCode", cpi}},
                         view["csrfToken"]);
  ASSERT_TRUE(chosen.ok() && chosen->status == 200);

  // An administrator disables the operator in the staff directory.
  auto stub = v1::StaffDirectoryService::NewStub(served_->channel());
  auto admin = [&] {
    return served_->ContextAs({.subject = "admin-1", .role = platform::auth::Role::kAdmin});
  };
  v1::ListStaffMembersRequest list;
  list.set_page_size(100);
  list.set_access_reason("ritiro del ruolo");
  v1::ListStaffMembersResponse listed;
  ASSERT_TRUE(stub->ListStaffMembers(admin().get(), list, &listed).ok());
  std::string id;
  for (const auto& m : listed.staff_members()) {
    if (m.fiscal_code() == kOperator) id = m.id();
  }
  ASSERT_FALSE(id.empty());
  v1::DeleteStaffMemberRequest disable;
  disable.set_id(id);
  v1::DeleteStaffMemberResponse disabled;
  ASSERT_TRUE(stub->DeleteStaffMember(admin().get(), disable, &disabled).ok());

  // Within the re-check interval the session is as it was; after it, the role is gone.
  clock_.Advance(absl::Seconds(31));
  auto now = b->Get("/api/session");
  ASSERT_TRUE(now.ok());
  const json after = Json(*now);
  EXPECT_EQ(after.value("authenticated", false), true);
  EXPECT_TRUE(after["selectedRole"].is_null()) << now->body;
  for (const json& role : after["roles"]) EXPECT_EQ(role.value("role", ""), "citizen");
  auto again = PostJson(*b, "/api/session/role", {{"role", "operator"}, {"cpiCode", cpi}},
                        view["csrfToken"]);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->status, 403);
  EXPECT_EQ(Json(*again).value("reason", ""), "ROLE_NOT_AVAILABLE");
}

TEST_F(GatewaySessionsTest, LogoutWithoutASessionIs401ProblemJson) {
  Serve("http://127.0.0.1:8080");
  auto b = NewBrowser();
  auto r = PostJson(*b, "/api/session/logout", nullptr, "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 401) << r->body;
  EXPECT_TRUE(absl::StartsWith(r->Header("content-type").value_or(""), "application/problem+json"));
  EXPECT_EQ(Json(*r).value("reason", ""), "SESSION_REQUIRED");
  // With a session: 204, and the session is over.
  json view = Login(*b, "cittadino-1");
  const std::string cookie = b->cookies().Get("sisl_session").value_or("");
  auto out = PostJson(*b, "/api/session/logout", nullptr, view["csrfToken"]);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->status, 204);
  EXPECT_FALSE(cookie.empty());
  EXPECT_FALSE(Authenticated("sisl_session", cookie));
  auto twice = PostJson(*b, "/api/session/logout", nullptr, view["csrfToken"]);
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(twice->status, 401);
}

TEST_F(GatewaySessionsTest, OverHttpsTheCookieIsHostPrefixedAndHstsIsSent) {
  Serve("https://127.0.0.1:8443");
  auto b = NewBrowser();
  json view = Login(*b, "cittadino-1");
  EXPECT_EQ(view.value("authenticated", false), true) << view.dump();
  const std::optional<std::string> id = b->cookies().Get("__Host-sisl_session");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(b->cookies().Get("sisl_session"), std::nullopt);
  auto health = b->Get("/healthz");
  ASSERT_TRUE(health.ok());
  EXPECT_EQ(health->Header("strict-transport-security"), "max-age=31536000");
  // Only the __Host- cookie counts: the same id under the plain name is ignored.
  EXPECT_TRUE(Authenticated("__Host-sisl_session", *id));
  EXPECT_FALSE(Authenticated("sisl_session", *id));
}

TEST_F(GatewaySessionsTest, OverLocalHttpThePlainCookieAndNoHsts) {
  Serve("http://127.0.0.1:8080");
  auto b = NewBrowser();
  Login(*b, "cittadino-1");
  EXPECT_TRUE(b->cookies().Get("sisl_session").has_value());
  auto health = b->Get("/healthz");
  ASSERT_TRUE(health.ok());
  EXPECT_EQ(health->Header("strict-transport-security"), std::nullopt);
}

}  // namespace
}  // namespace sisl::gateway
