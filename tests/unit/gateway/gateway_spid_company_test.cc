// SPID company attributes (ivaCode, companyName) through the served gateway: a login with
// purpose=company asks for the company attribute set, the development IdP's titolare-azienda
// releases them, and GET /api/session returns them as spidCompany to prefill the company's
// registration; other logins have no spidCompany; an unknown purpose is refused. Also the
// session's serialized form (old sessions have neither field).
#include <filesystem>
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/gateway_module.h"
#include "gateway/session/session.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "services/platform/clock.h"
#include "services/platform/ids.h"
#include "services/platform/testing/module_fixture.h"
#include "tests/support/http_client.h"

namespace sisl::gateway {
namespace {

using nlohmann::json;
using testing_env::Browser;
using testing_env::FormAction;
using testing_env::HiddenInputs;
using testing_env::HttpHeaders;

constexpr char kPublicUrl[] = "http://127.0.0.1:8080";

std::string PathOf(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const size_t path = url.find('/', scheme + 3);
  return path == std::string::npos ? "/" : url.substr(path);
}

class GatewaySpidCompanyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("sisl-gateway-spid-company-", platform::NewUuidV7());
    std::filesystem::create_directories(dir_);
    platform::testing::ModuleFixture::Options options;
    options.clock = &clock_;
    options.config_yaml = absl::StrCat(
        "gateway:\n  http_address: 127.0.0.1:0\n  web_dir: \"\"\n  access_log: false\n"
        "  public_url: \"",
        kPublicUrl, "\"\nspid:\n  key_file: ", (dir_ / "sp.key").string(),
        "\n  cert_file: ", (dir_ / "sp.crt").string(), "\n");
    auto served = platform::testing::ModuleFixture::Start(GatewayModuleSpec(), options);
    ASSERT_TRUE(served.ok()) << served.status();
    served_ = *std::move(served);
  }

  void TearDown() override {
    served_.reset();
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  std::unique_ptr<Browser> NewBrowser() {
    const int port = dynamic_cast<GatewayModule&>(served_->module()).http_port();
    return std::make_unique<Browser>(absl::StrCat("127.0.0.1:", port));
  }

  std::string LoginTarget(const std::string& query) {
    return absl::StrCat("/spid/login?idp=",
                        testing_env::UrlEncode(absl::StrCat(kPublicUrl, "/dev-idp")), query,
                        "&return_to=%2F");
  }

  // Logs `user` in through /spid/login (with `query`, e.g. "&purpose=company") and the
  // development IdP; returns GET /api/session.
  json Login(Browser& b, const std::string& user, const std::string& query = "") {
    auto login = b.Get(LoginTarget(query));
    EXPECT_TRUE(login.ok() && login->status == 200) << (login.ok() ? login->body : "");
    if (!login.ok()) return json();
    auto chooser =
        b.PostForm(PathOf(FormAction(login->body).value_or("")), HiddenInputs(login->body));
    EXPECT_TRUE(chooser.ok() && chooser->status == 200) << (chooser.ok() ? chooser->body : "");
    if (!chooser.ok()) return json();
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
    return session.ok() ? json::parse(session->body, nullptr, false) : json();
  }

  platform::FakeClock clock_{absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()))};
  std::filesystem::path dir_;
  std::unique_ptr<platform::testing::ModuleFixture> served_;
};

TEST_F(GatewaySpidCompanyTest, ALegalRepresentativesCompanyPrefillsTheSession) {
  auto b = NewBrowser();
  const json view = Login(*b, "titolare-azienda", "&purpose=company");
  ASSERT_TRUE(view.value("authenticated", false)) << view.dump();
  EXPECT_EQ(view["user"]["fiscalCode"], "RCCLNE83D62L219Y");
  ASSERT_TRUE(view.contains("spidCompany")) << view.dump();
  // "VATIT-10534760011" as sent by the IdP, without its prefix.
  EXPECT_EQ(view["spidCompany"], json({{"vatNumber", "10534760011"},
                                       {"name", "Ricci Impianti S.r.l."}}));
  // It stays with the session when its id rotates on a role change.
  testing_env::HttpRequest select;
  select.method = "POST";
  select.target = "/api/session/role";
  select.body = R"({"role": "citizen"})";
  select.headers = {{"Content-Type", "application/json"},
                    {"X-CSRF-Token", view.value("csrfToken", "")}};
  auto selected = b->Send(std::move(select));
  ASSERT_TRUE(selected.ok());
  ASSERT_EQ(selected->status, 200) << selected->body;
  auto again = b->Get("/api/session");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(json::parse(again->body)["spidCompany"], view["spidCompany"]);
}

TEST_F(GatewaySpidCompanyTest, NoSpidCompanyWithoutTheAttributes) {
  // The same person without purpose=company: the default set does not ask for them.
  auto b = NewBrowser();
  json view = Login(*b, "titolare-azienda");
  ASSERT_TRUE(view.value("authenticated", false)) << view.dump();
  EXPECT_FALSE(view.contains("spidCompany")) << view.dump();
  // Asked for, but the person's SPID identity names no company.
  auto c = NewBrowser();
  view = Login(*c, "cittadino-1", "&purpose=company");
  ASSERT_TRUE(view.value("authenticated", false)) << view.dump();
  EXPECT_FALSE(view.contains("spidCompany")) << view.dump();
  // Anonymous: nothing.
  auto anonymous = NewBrowser()->Get("/api/session");
  ASSERT_TRUE(anonymous.ok());
  EXPECT_FALSE(json::parse(anonymous->body).contains("spidCompany"));
}

TEST_F(GatewaySpidCompanyTest, AnUnknownPurposeIsRefusedLikeTheOtherLoginErrors) {
  auto b = NewBrowser();
  for (const char* query : {"&purpose=impresa", "&purpose=", "&purpose=COMPANY"}) {
    auto r = b->Get(LoginTarget(query));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, 400) << query;
    EXPECT_TRUE(absl::StartsWith(r->Header("content-type").value_or(""), "text/html")) << query;
    EXPECT_TRUE(absl::StrContains(r->body, "lang=\"it\"")) << query;
    EXPECT_TRUE(r->Headers("set-cookie").empty()) << query;
  }
  auto ok = b->Get(LoginTarget("&purpose=company"));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->status, 200);
}

session::Session StoredSession() {
  session::Session s;
  s.id = std::string(43, 'a');
  s.fiscal_code = "RCCLNE83D62L219Y";
  s.name = "Elena";
  s.family_name = "Ricci";
  s.provider = "spid";
  s.level = "https://www.spid.gov.it/SpidL2";
  s.available_roles.push_back({platform::auth::Role::kCitizen, "", "", "Cittadino / Citizen"});
  s.csrf_token = std::string(43, 'c');
  s.created_at = absl::FromUnixSeconds(1767268800);
  s.last_seen = s.created_at;
  s.roles_checked_at = s.created_at;
  s.company_roles_confirmed_at = s.created_at;
  return s;
}

TEST(SpidCompanySessionJsonTest, RoundTripsAndIsAbsentFromOlderSessions) {
  session::Session s = StoredSession();
  s.iva_code = "10534760011";
  s.company_name = "Ricci Impianti S.r.l.";
  auto back = session::SessionFromJson(session::SessionToJson(s));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, s);

  // Without them, the stored form has no such keys (the shape older gateways wrote and read)...
  const session::Session plain = StoredSession();
  const json stored = json::parse(session::SessionToJson(plain));
  EXPECT_FALSE(stored.contains("iva"));
  EXPECT_FALSE(stored.contains("company"));
  // ... and a session stored before the fields existed reads with both empty.
  auto old = session::SessionFromJson(stored.dump());
  ASSERT_TRUE(old.ok()) << old.status();
  EXPECT_TRUE(old->iva_code.empty());
  EXPECT_TRUE(old->company_name.empty());
  EXPECT_EQ(*old, plain);
}

}  // namespace
}  // namespace sisl::gateway
