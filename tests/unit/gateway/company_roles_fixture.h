// The served gateway in front of a fake enterprise DelegationsService (fake_delegations.h), for
// the company-roles tests: the kit's ModuleFixture, the development IdP, a real HTTP front, a fake
// clock for the roles re-check.
#ifndef SISL_TESTS_UNIT_GATEWAY_COMPANY_ROLES_FIXTURE_H_
#define SISL_TESTS_UNIT_GATEWAY_COMPANY_ROLES_FIXTURE_H_

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/gateway_module.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "services/platform/clock.h"
#include "services/platform/ids.h"
#include "services/platform/testing/module_fixture.h"
#include "tests/support/http_client.h"
#include "tests/unit/gateway/fake_delegations.h"

namespace sisl::gateway::company_testing {

using fakes::HeldRole;
using nlohmann::json;
using platform::auth::Role;
using testing_env::Browser;
using testing_env::FormAction;
using testing_env::HiddenInputs;
using testing_env::HttpHeaders;
using testing_env::HttpRequest;
using testing_env::HttpResponse;
namespace ev1 = enterprise::v1;

constexpr char kDelegate[] = "FRRLCU78S05A124F";  // the development IdP's delegato-azienda
constexpr char kAcme[] = "01234567890";
constexpr char kBeta[] = "09876543210";

inline std::string PathOf(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const size_t path = url.find('/', scheme + 3);
  return path == std::string::npos ? "/" : url.substr(path);
}

inline json Json(const HttpResponse& r) { return json::parse(r.body, nullptr, false); }

// The entry of `view`'s roles acting for `company` (null when absent).
inline json RoleFor(const json& view, const std::string& company) {
  for (const json& role : view.value("roles", json::array())) {
    if (role.value("actingFor", "") == company) return role;
  }
  return json();
}

class GatewayCompanyRolesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    enterprise_.Start();
    // Luca Ferrero: delegate of ACME (vacancies, communications), legal representative of Beta.
    enterprise_.SetRoles(
        kDelegate,
        {HeldRole(kAcme, "ACME SRL", ev1::DELEGATION_KIND_DELEGATE,
                  {ev1::DELEGATION_SCOPE_VACANCIES, ev1::DELEGATION_SCOPE_COMMUNICATIONS}),
         HeldRole(kBeta, "Beta SpA", ev1::DELEGATION_KIND_LEGAL_REPRESENTATIVE,
                  {ev1::DELEGATION_SCOPE_VACANCIES, ev1::DELEGATION_SCOPE_COMMUNICATIONS,
                   ev1::DELEGATION_SCOPE_L68_RETURNS, ev1::DELEGATION_SCOPE_SERVICE_REQUESTS})});
    enterprise_.SetRoles("GLLCHR81B57A479P",  // consulente-lavoro
                         {HeldRole(kAcme, "ACME SRL", ev1::DELEGATION_KIND_CONSULTANT,
                                   {ev1::DELEGATION_SCOPE_VACANCIES})});
  }
  void TearDown() override {
    served_.reset();
    enterprise_.Stop();
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  // The gateway with sisl.enterprise.v1 at `enterprise` (none: not configured).
  void Serve(const std::optional<std::string>& enterprise) {
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("sisl-gateway-company-", platform::NewUuidV7());
    std::filesystem::create_directories(dir_);
    platform::testing::ModuleFixture::Options options;
    options.clock = &clock_;
    options.config_yaml = absl::StrCat(
        "gateway:\n  http_address: 127.0.0.1:0\n  web_dir: \"\"\n  access_log: false\n",
        enterprise ? absl::StrCat("  upstreams: \"sisl.enterprise.v1=", *enterprise, "\"\n") : "",
        "spid:\n  key_file: ", (dir_ / "sp.key").string(), "\n  cert_file: ",
        (dir_ / "sp.crt").string(), "\n");
    auto served = platform::testing::ModuleFixture::Start(GatewayModuleSpec(), options);
    ASSERT_TRUE(served.ok()) << served.status();
    served_ = *std::move(served);
    enterprise_.SetVerifier(served_->keys().verifier.ForAudiences({"enterprise"}));
  }

  std::unique_ptr<Browser> NewBrowser() {
    const int port = dynamic_cast<GatewayModule&>(served_->module()).http_port();
    return std::make_unique<Browser>(absl::StrCat("127.0.0.1:", port));
  }

  // Logs `user` in through the development IdP; returns GET /api/session.
  json Login(Browser& b, const std::string& user) {
    const std::string idp = "http://127.0.0.1:8080/dev-idp";
    auto login = b.Get(absl::StrCat("/spid/login?idp=", testing_env::UrlEncode(idp),
                                    "&return_to=%2F"));
    EXPECT_TRUE(login.ok() && login->status == 200);
    if (!login.ok()) return json();
    auto chooser =
        b.PostForm(PathOf(FormAction(login->body).value_or("")), HiddenInputs(login->body));
    EXPECT_TRUE(chooser.ok() && chooser->status == 200);
    if (!chooser.ok()) return json();
    HttpHeaders choice = HiddenInputs(chooser->body);
    choice.emplace_back("user", user);
    auto answer = b.PostForm(PathOf(FormAction(chooser->body).value_or("")), choice);
    EXPECT_TRUE(answer.ok() && answer->status == 200);
    if (!answer.ok()) return json();
    auto acs =
        b.PostForm(PathOf(FormAction(answer->body).value_or("")), HiddenInputs(answer->body));
    EXPECT_TRUE(acs.ok()) << acs.status();
    return View(b);
  }

  json View(Browser& b) {
    auto session = b.Get("/api/session");
    EXPECT_TRUE(session.ok() && session->status == 200);
    return session.ok() ? Json(*session) : json();
  }

  absl::StatusOr<HttpResponse> SelectRole(Browser& b, const json& body, const json& view) {
    HttpRequest r;
    r.method = "POST";
    r.target = "/api/session/role";
    r.body = body.dump();
    r.headers = {{"Content-Type", "application/json"},
                 {"X-CSRF-Token", view.value("csrfToken", "")}};
    return b.Send(std::move(r));
  }

  bool Authenticated(const std::string& id) {
    auto b = NewBrowser();
    b->cookies().Set("sisl_session", id);
    auto r = b->Get("/api/session");
    return r.ok() && Json(*r).value("authenticated", false);
  }

  platform::FakeClock clock_{absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()))};
  fakes::FakeDelegations enterprise_;
  std::filesystem::path dir_;
  std::unique_ptr<platform::testing::ModuleFixture> served_;
};

}  // namespace sisl::gateway::company_testing

#endif  // SISL_TESTS_UNIT_GATEWAY_COMPANY_ROLES_FIXTURE_H_
