// The SP endpoints and the development IdP end to end, in process: login by both bindings,
// refusals, replay, IdP errors, SP- and IdP-initiated logout.

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/devidp/dev_idp.h"
#include "gateway/spid/certificates.h"
#include "gateway/spid/redirect_binding.h"
#include "gateway/spid/web/saml_http.h"
#include "gateway/spid/web/spid_endpoints.h"
#include "gtest/gtest.h"
#include "services/platform/cache/memory_cache.h"

namespace sisl::gateway::spid {
namespace {

class FakeSessions final : public SessionBridge {
 public:
  http::Response CompleteLogin(const http::Request&, const VerifiedIdentity& identity,
                               const std::string& return_to) override {
    logins.push_back(identity);
    current = identity;
    return http::Response::Redirect(return_to, 303);
  }
  std::optional<VerifiedIdentity> CurrentIdentity(const http::Request&) override {
    return current;
  }
  void EndCurrentSession(const http::Request&, http::Response& response) override {
    current.reset();
    response.set_cookies.push_back("sid=; Max-Age=0");
    ++ended;
  }
  int EndSessionsFor(const std::string& idp, const std::string& name_id,
                     const std::string& session_index) override {
    ended_for.push_back(idp + "|" + name_id + "|" + session_index);
    if (current.has_value() && current->name_id == name_id) {
      current.reset();
      return 1;
    }
    return 0;
  }
  std::vector<VerifiedIdentity> logins;
  std::optional<VerifiedIdentity> current;
  std::vector<std::string> ended_for;
  int ended = 0;
};

std::string Unescape(std::string s) {
  for (auto [from, to] : {std::pair{"&quot;", "\""}, {"&#39;", "'"}, {"&lt;", "<"},
                          {"&gt;", ">"}, {"&amp;", "&"}}) {
    size_t pos;
    while ((pos = s.find(from)) != std::string::npos) s.replace(pos, std::strlen(from), to);
  }
  return s;
}

std::map<std::string, std::string> Inputs(const std::string& html) {
  std::map<std::string, std::string> out;
  static const std::regex kInput("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kInput);
       it != std::sregex_iterator(); ++it) {
    out[(*it)[1]] = Unescape((*it)[2]);
  }
  return out;
}

std::string Action(const std::string& html) {
  std::smatch m;
  static const std::regex kAction("<form[^>]* action=\"([^\"]*)\"");
  return std::regex_search(html, m, kAction) ? Unescape(m[1]) : "";
}

std::string Body(const std::map<std::string, std::string>& fields) {
  std::string body;
  for (const auto& [k, v] : fields) {
    absl::StrAppend(&body, body.empty() ? "" : "&", FormUrlEncode(k), "=", FormUrlEncode(v));
  }
  return body;
}

http::Request Get(const std::string& target) {
  http::Request r;
  r.method = "GET";
  r.target = target;
  r.path = target.substr(0, target.find('?'));
  size_t q = target.find('?');
  if (q != std::string::npos) {
    for (const auto& [k, v] : web::ParseForm(target.substr(q + 1))) r.query.emplace(k, v);
  }
  return r;
}

http::Request Post(const std::string& path, const std::map<std::string, std::string>& fields) {
  http::Request r;
  r.method = "POST";
  r.target = r.path = path;
  r.body = Body(fields);
  return r;
}

class SpidFlowTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string dir = ::testing::TempDir();
    key_ = new std::string(dir + "/spid_flow_sp.key");
    crt_ = new std::string(dir + "/spid_flow_sp.crt");
    std::remove(key_->c_str());
    std::remove(crt_->c_str());
    SpConfig config;
    CertificateProfile profile = SpCertificateFor(config);
    profile.key_bits = 2048;
    ASSERT_TRUE(EnsureSelfSignedFiles(profile, *key_, *crt_).ok());
  }

  void SetUp() override {
    config_.key_file = *key_;
    config_.cert_file = *crt_;
    absl::StatusOr<std::unique_ptr<devidp::DevIdp>> dev =
        devidp::DevIdp::Create(true, config_.public_base_url, config_, nullptr);
    ASSERT_TRUE(dev.ok()) << dev.status();
    dev_ = *std::move(dev);
    IdpRegistry registry;
    ASSERT_TRUE(registry.AddFromMetadataXml(dev_->MetadataXml(), false, true).ok());
    absl::StatusOr<std::unique_ptr<SpidEndpoints>> sp =
        SpidEndpoints::Create(config_, std::move(registry), cache_, sessions_, nullptr);
    ASSERT_TRUE(sp.ok()) << sp.status();
    sp_ = *std::move(sp);
  }

  std::string LoginTarget(const std::string& extra = "") {
    return absl::StrCat("/spid/login?idp=", FormUrlEncode(dev_->entity_id()), extra);
  }

  // /spid/login -> dev IdP -> chosen user: the auto-post page for the ACS (and the cookie).
  // `answer_level` (1-3): the dev IdP asserts that level instead of the requested one.
  http::Response ToAcs(const std::string& user, std::string* cookie,
                       const std::string& extra = "&return_to=%2Farea",
                       const std::string& answer_level = "") {
    http::Response login = sp_->Login(Get(LoginTarget(extra)));
    EXPECT_EQ(login.status, 200);
    EXPECT_EQ(Action(login.body), dev_->entity_id() + "/sso");
    EXPECT_EQ(login.set_cookies.size(), 1u);
    *cookie = login.set_cookies.empty() ? "" : login.set_cookies[0].substr(
        login.set_cookies[0].find('=') + 1, 64);
    http::Response chooser = dev_->Sso(Post("/dev-idp/sso", Inputs(login.body)));
    EXPECT_EQ(chooser.status, 200) << chooser.body;
    std::map<std::string, std::string> choice = Inputs(chooser.body);
    choice[user.empty() ? "cancel" : "user"] = user.empty() ? "1" : user;
    if (!answer_level.empty()) choice["level"] = answer_level;
    return dev_->Login(Post("/dev-idp/login", choice));
  }

  http::Response PostToAcs(const http::Response& page, const std::string& cookie) {
    EXPECT_EQ(Action(page.body), "http://127.0.0.1:8080/spid/acs");
    http::Request acs = Post("/spid/acs", Inputs(page.body));
    if (!cookie.empty()) acs.cookies[SpidEndpoints::kBindingCookie] = cookie;
    return sp_->Acs(acs);
  }

  static std::string* key_;
  static std::string* crt_;
  SpConfig config_;
  platform::cache::MemoryCache cache_;
  FakeSessions sessions_;
  std::unique_ptr<devidp::DevIdp> dev_;
  std::unique_ptr<SpidEndpoints> sp_;
};
std::string* SpidFlowTest::key_ = nullptr;
std::string* SpidFlowTest::crt_ = nullptr;

TEST_F(SpidFlowTest, LoginThroughTheDevelopmentIdpAndNoReplay) {
  std::string cookie;
  http::Response page = ToAcs("operatore-torino", &cookie);
  ASSERT_EQ(page.status, 200) << page.body;
  http::Response done = PostToAcs(page, cookie);
  EXPECT_EQ(done.status, 303) << done.body;
  ASSERT_EQ(sessions_.logins.size(), 1u);
  const VerifiedIdentity& id = sessions_.logins[0];
  EXPECT_EQ(id.provider, "dev");
  EXPECT_EQ(id.idp_entity_id, "http://127.0.0.1:8080/dev-idp");
  EXPECT_EQ(id.level, "https://www.spid.gov.it/SpidL2");
  EXPECT_EQ(id.fiscal_code, "SPSPLA75P30L219V");
  EXPECT_EQ(id.name, "Paolo");
  EXPECT_EQ(id.family_name, "Esposito");
  EXPECT_EQ(id.date_of_birth, "1975-09-30");
  EXPECT_FALSE(id.name_id.empty());
  EXPECT_FALSE(id.session_index.empty());
  bool to_area = false;
  for (const auto& [name, value] : done.headers) to_area |= name == "Location" && value == "/area";
  EXPECT_TRUE(to_area);
  // The same Response again: the request is consumed.
  http::Response replay = PostToAcs(page, cookie);
  EXPECT_GE(replay.status, 400);
  EXPECT_LT(replay.status, 500);
  EXPECT_EQ(sessions_.logins.size(), 1u);
}

TEST_F(SpidFlowTest, RefusesAResponseFromAnotherBrowser) {
  std::string cookie;
  http::Response page = ToAcs("cittadino-1", &cookie);
  http::Response other = PostToAcs(page, std::string(64, 'a'));
  EXPECT_EQ(other.status, 403);
  EXPECT_TRUE(absl::StrContains(other.body, "stesso browser"));
  EXPECT_TRUE(sessions_.logins.empty());
}

TEST_F(SpidFlowTest, CancelShowsTheSpidAnomalyPage) {
  std::string cookie;
  http::Response page = ToAcs("", &cookie);
  http::Response refused = PostToAcs(page, cookie);
  EXPECT_EQ(refused.status, 403);
  EXPECT_TRUE(absl::StrContains(refused.body, "ErrorCode nr25"));
  EXPECT_TRUE(absl::StrContains(refused.body, "Hai annullato l&#39;accesso"));
  EXPECT_TRUE(absl::StrContains(refused.body, "lang=\"it\""));
}

TEST_F(SpidFlowTest, RedirectBindingSignsTheQuery) {
  http::Response login = sp_->Login(Get(LoginTarget("&binding=redirect&level=1")));
  ASSERT_EQ(login.status, 302);
  std::string location;
  for (const auto& [name, value] : login.headers) {
    if (name == "Location") location = value;
  }
  ASSERT_TRUE(absl::StartsWith(location, dev_->entity_id() + "/sso?SAMLRequest="));
  EXPECT_TRUE(absl::StrContains(location, "&RelayState="));
  EXPECT_TRUE(absl::StrContains(location, "&SigAlg="));
  EXPECT_TRUE(absl::StrContains(location, "&Signature="));
  http::Response chooser = dev_->Sso(Get(location.substr(location.find("/dev-idp"))));
  EXPECT_EQ(chooser.status, 200) << chooser.body;
  // level=1 is raised to the minimum (SpidL2): never less is requested.
  EXPECT_TRUE(absl::StrContains(chooser.body, "livello SPID 2"));
}

std::string RequestedLevel(const http::Response& login_page) {
  std::string xml;
  EXPECT_TRUE(absl::Base64Unescape(Inputs(login_page.body)["SAMLRequest"], &xml));
  std::smatch m;
  static const std::regex kClassRef("AuthnContextClassRef>([^<]*)<");
  return std::regex_search(xml, m, kClassRef) ? std::string(m[1]) : "";
}

TEST_F(SpidFlowTest, ALoginAtLevel1IsRaisedToTheMinimum) {
  http::Response login = sp_->Login(Get(LoginTarget("&level=1")));
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(RequestedLevel(login), "https://www.spid.gov.it/SpidL2");
  // The whole way: the session gets SpidL2, never L1.
  std::string cookie;
  http::Response page = ToAcs("cittadino-1", &cookie, "&level=1");
  ASSERT_EQ(PostToAcs(page, cookie).status, 303);
  ASSERT_EQ(sessions_.logins.size(), 1u);
  EXPECT_EQ(sessions_.logins[0].level, "https://www.spid.gov.it/SpidL2");
  // Higher levels are requested as asked.
  EXPECT_EQ(RequestedLevel(sp_->Login(Get(LoginTarget("&level=3")))),
            "https://www.spid.gov.it/SpidL3");
}

TEST_F(SpidFlowTest, TheConfiguredMinimumRaisesEveryRequest) {
  SpConfig strict = config_;
  strict.minimum_level = 3;
  IdpRegistry registry;
  ASSERT_TRUE(registry.AddFromMetadataXml(dev_->MetadataXml(), false, true).ok());
  auto sp = SpidEndpoints::Create(strict, std::move(registry), cache_, sessions_, nullptr);
  ASSERT_TRUE(sp.ok()) << sp.status();
  EXPECT_EQ(RequestedLevel((*sp)->Login(Get(LoginTarget()))), "https://www.spid.gov.it/SpidL3");
  EXPECT_EQ(RequestedLevel((*sp)->Login(Get(LoginTarget("&level=2")))),
            "https://www.spid.gov.it/SpidL3");
  strict.minimum_level = 4;
  EXPECT_FALSE(ValidateSpConfig(strict).ok());
}

TEST_F(SpidFlowTest, AnAssertionBelowTheRequestedLevelIsRefused) {
  std::string cookie;
  // Requested SpidL2; the IdP answers SpidL1.
  http::Response page = ToAcs("amministratore", &cookie, "&level=2", "1");
  ASSERT_EQ(page.status, 200) << page.body;
  http::Response refused = PostToAcs(page, cookie);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_TRUE(sessions_.logins.empty());
  // Answering higher than requested is fine.
  http::Response higher = ToAcs("amministratore", &cookie, "&level=2", "3");
  ASSERT_EQ(PostToAcs(higher, cookie).status, 303);
  ASSERT_EQ(sessions_.logins.size(), 1u);
  EXPECT_EQ(sessions_.logins[0].level, "https://www.spid.gov.it/SpidL3");
}

TEST_F(SpidFlowTest, LoginRefusesBadParameters) {
  EXPECT_EQ(sp_->Login(Get("/spid/login?idp=https%3A%2F%2Funknown.example")).status, 400);
  EXPECT_EQ(sp_->Login(Get("/spid/login")).status, 400);
  EXPECT_EQ(sp_->Login(Get(LoginTarget("&level=4"))).status, 400);
  EXPECT_EQ(sp_->Login(Get(LoginTarget("&binding=artifact"))).status, 400);
  for (const char* evil : {"https%3A%2F%2Fevil.example%2F", "%2F%2Fevil.example", "%2F%5Cevil",
                           "javascript%3Aalert(1)", "%2Fok%0D%0ASet-Cookie%3Ax"}) {
    EXPECT_EQ(sp_->Login(Get(LoginTarget(absl::StrCat("&return_to=", evil)))).status, 400) << evil;
  }
  EXPECT_EQ(sp_->Acs(Post("/spid/acs", {})).status, 400);
  EXPECT_EQ(sp_->Acs(Post("/spid/acs", {{"SAMLResponse", "%%%"}})).status, 400);
  EXPECT_EQ(sp_->Acs(Post("/spid/acs", {{"SAMLResponse", absl::Base64Escape("<x/>")}})).status,
            400);
}

// The AttributeConsumingServiceIndex of the AuthnRequest on an HTTP-POST login page.
std::string RequestedAttributeSet(const http::Response& login_page) {
  std::string xml;
  EXPECT_TRUE(absl::Base64Unescape(Inputs(login_page.body)["SAMLRequest"], &xml));
  std::smatch m;
  static const std::regex kIndex("AttributeConsumingServiceIndex=\"([^\"]*)\"");
  return std::regex_search(xml, m, kIndex) ? std::string(m[1]) : "";
}

TEST_F(SpidFlowTest, PurposeCompanyAsksForTheCompanyAttributeSet) {
  http::Response plain = sp_->Login(Get(LoginTarget()));
  ASSERT_EQ(plain.status, 200) << plain.body;
  EXPECT_EQ(RequestedAttributeSet(plain), "0");
  http::Response company = sp_->Login(Get(LoginTarget("&purpose=company")));
  ASSERT_EQ(company.status, 200) << company.body;
  EXPECT_EQ(RequestedAttributeSet(company), "1");
  // HTTP-Redirect too: the development IdP reads index 1 from the signed query's request.
  http::Response redirect = sp_->Login(Get(LoginTarget("&purpose=company&binding=redirect")));
  ASSERT_EQ(redirect.status, 302);
  std::string location;
  for (const auto& [name, value] : redirect.headers) {
    if (name == "Location") location = value;
  }
  std::string deflated, xml;
  std::map<std::string, std::string> query =
      web::ParseForm(location.substr(location.find('?') + 1));
  ASSERT_TRUE(absl::Base64Unescape(query["SAMLRequest"], &deflated));
  absl::StatusOr<std::string> inflated = web::Inflate(deflated, 1 << 20);
  ASSERT_TRUE(inflated.ok()) << inflated.status();
  EXPECT_TRUE(absl::StrContains(*inflated, "AttributeConsumingServiceIndex=\"1\""));
}

TEST_F(SpidFlowTest, UnknownPurposeIsRefused) {
  for (const char* purpose : {"&purpose=", "&purpose=Company", "&purpose=citizen",
                              "&purpose=company%20", "&purpose=1"}) {
    http::Response refused = sp_->Login(Get(LoginTarget(purpose)));
    EXPECT_EQ(refused.status, 400) << purpose;
    EXPECT_TRUE(absl::StartsWith(refused.content_type, "text/html")) << purpose;
    EXPECT_TRUE(absl::StrContains(refused.body, "La richiesta non è valida")) << purpose;
    EXPECT_TRUE(refused.set_cookies.empty()) << purpose;
  }
}

TEST_F(SpidFlowTest, CieFallsBackToItsOnlyAttributeSet) {
  IdpRegistry registry;
  ASSERT_TRUE(registry.AddFromMetadataXml(dev_->MetadataXml(), /*cie=*/true, true).ok());
  auto sp = SpidEndpoints::Create(config_, std::move(registry), cache_, sessions_, nullptr);
  ASSERT_TRUE(sp.ok()) << sp.status();
  http::Response login = (*sp)->Login(Get(LoginTarget("&purpose=company")));
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(RequestedAttributeSet(login), "0");
  // An unknown purpose is refused with CIE as well.
  EXPECT_EQ((*sp)->Login(Get(LoginTarget("&purpose=other"))).status, 400);
}

TEST_F(SpidFlowTest, TheCompanyAttributesReachTheSessionNormalised) {
  std::string cookie;
  http::Response page = ToAcs("titolare-azienda", &cookie, "&purpose=company");
  ASSERT_EQ(page.status, 200) << page.body;
  // The development IdP sends SPID's format.
  std::string xml;
  ASSERT_TRUE(absl::Base64Unescape(Inputs(page.body)["SAMLResponse"], &xml));
  EXPECT_TRUE(absl::StrContains(xml, "VATIT-10534760011"));
  ASSERT_EQ(PostToAcs(page, cookie).status, 303);
  ASSERT_EQ(sessions_.logins.size(), 1u);
  EXPECT_EQ(sessions_.logins[0].fiscal_code, "RCCLNE83D62L219Y");
  EXPECT_EQ(sessions_.logins[0].iva_code, "10534760011");
  EXPECT_EQ(sessions_.logins[0].company_name, "Ricci Impianti S.r.l.");
}

TEST_F(SpidFlowTest, NoCompanyAttributesWhenNotAskedForOrNotReleased) {
  std::string cookie;
  // The same person without purpose=company: index 0, no company attributes requested or sent.
  http::Response page = ToAcs("titolare-azienda", &cookie);
  std::string xml;
  ASSERT_TRUE(absl::Base64Unescape(Inputs(page.body)["SAMLResponse"], &xml));
  EXPECT_FALSE(absl::StrContains(xml, "ivaCode"));
  ASSERT_EQ(PostToAcs(page, cookie).status, 303);
  // Someone with no company: asked for, not released.
  page = ToAcs("cittadino-1", &cookie, "&purpose=company");
  ASSERT_TRUE(absl::Base64Unescape(Inputs(page.body)["SAMLResponse"], &xml));
  EXPECT_FALSE(absl::StrContains(xml, "ivaCode"));
  EXPECT_FALSE(absl::StrContains(xml, "companyName"));
  ASSERT_EQ(PostToAcs(page, cookie).status, 303);
  ASSERT_EQ(sessions_.logins.size(), 2u);
  for (const VerifiedIdentity& id : sessions_.logins) {
    EXPECT_TRUE(id.iva_code.empty()) << id.fiscal_code;
    EXPECT_TRUE(id.company_name.empty()) << id.fiscal_code;
  }
}

TEST(VatNumberFromIvaCodeTest, StripsThePrefixAndKeepsValidNumbersOnly) {
  EXPECT_EQ(VatNumberFromIvaCode("VATIT-01234567897"), "01234567897");
  EXPECT_EQ(VatNumberFromIvaCode(" vatit-10534760011 "), "10534760011");
  EXPECT_EQ(VatNumberFromIvaCode("VATIT-97735020584"), "97735020584");  // spid-sp-test's value
  EXPECT_EQ(VatNumberFromIvaCode("10534760011"), "10534760011");
  EXPECT_EQ(VatNumberFromIvaCode("VATIT-01234567890"), "");  // wrong check digit
  EXPECT_EQ(VatNumberFromIvaCode("VATIT-0123456789"), "");   // 10 digits
  EXPECT_EQ(VatNumberFromIvaCode("VATIT-00000000000"), "");
  EXPECT_EQ(VatNumberFromIvaCode("VATFR-01234567897"), "");  // not Italian
  EXPECT_EQ(VatNumberFromIvaCode("VATIT-IT01234567897"), "");
  EXPECT_EQ(VatNumberFromIvaCode("TINIT-RSSMRA85C12L219B"), "");
  EXPECT_EQ(VatNumberFromIvaCode(""), "");
}

TEST_F(SpidFlowTest, SpInitiatedLogout) {
  std::string cookie;
  ASSERT_EQ(PostToAcs(ToAcs("cittadina-2", &cookie), cookie).status, 303);
  // A cross-site request (a link on another site) does not log anyone out.
  http::Request cross_site = Post("/spid/logout", {});
  cross_site.headers["sec-fetch-site"] = "cross-site";
  EXPECT_EQ(sp_->Logout(cross_site).status, 400);
  EXPECT_TRUE(sessions_.current.has_value());
  http::Response to_idp = sp_->Logout(Post("/spid/logout", {}));
  ASSERT_EQ(to_idp.status, 200) << to_idp.body;
  EXPECT_FALSE(sessions_.current.has_value());  // ended locally at once
  EXPECT_EQ(Action(to_idp.body), dev_->entity_id() + "/slo");
  http::Response back = dev_->Slo(Post("/dev-idp/slo", Inputs(to_idp.body)));
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(Action(back.body), "http://127.0.0.1:8080/spid/slo");
  http::Response home = sp_->Slo(Post("/spid/slo", Inputs(back.body)));
  EXPECT_EQ(home.status, 303) << home.body;
  // Without a SAML session, logout is local only.
  EXPECT_EQ(sp_->Logout(Post("/spid/logout", {})).status, 303);
}

TEST_F(SpidFlowTest, IdpInitiatedLogout) {
  std::string cookie;
  ASSERT_EQ(PostToAcs(ToAcs("amministratore", &cookie), cookie).status, 303);
  std::map<std::string, std::string> home = Inputs(dev_->Home(Get("/dev-idp")).body);
  ASSERT_EQ(home.count("session"), 1u);
  http::Response to_sp = dev_->StartLogout(Post("/dev-idp/logout", home));
  ASSERT_EQ(to_sp.status, 200);
  EXPECT_EQ(Action(to_sp.body), "http://127.0.0.1:8080/spid/slo");
  // A forged copy (signature broken) is refused.
  std::map<std::string, std::string> forged = Inputs(to_sp.body);
  std::string xml;
  ASSERT_TRUE(absl::Base64Unescape(forged["SAMLRequest"], &xml));
  forged["SAMLRequest"] = absl::Base64Escape(std::regex_replace(
      xml, std::regex("<saml:NameID([^>]*)>[^<]*<"), "<saml:NameID$1>_someone_else<"));
  EXPECT_EQ(sp_->Slo(Post("/spid/slo", forged)).status, 403);
  EXPECT_TRUE(sessions_.ended_for.empty());

  http::Response answer = sp_->Slo(Post("/spid/slo", Inputs(to_sp.body)));
  ASSERT_EQ(answer.status, 200) << answer.body;
  ASSERT_EQ(sessions_.ended_for.size(), 1u);
  EXPECT_TRUE(absl::StartsWith(sessions_.ended_for[0], dev_->entity_id() + "|_"));
  EXPECT_FALSE(sessions_.current.has_value());
  EXPECT_EQ(Action(answer.body), dev_->entity_id() + "/slo");
  http::Response done = dev_->Slo(Post("/dev-idp/slo", Inputs(answer.body)));
  EXPECT_EQ(done.status, 200);
  EXPECT_TRUE(absl::StrContains(done.body, "chiuso"));
  // The same LogoutRequest again is a replay.
  EXPECT_EQ(sp_->Slo(Post("/spid/slo", Inputs(to_sp.body))).status, 403);
  EXPECT_EQ(sessions_.ended_for.size(), 1u);
}

TEST_F(SpidFlowTest, MetadataAndDevModeOnly) {
  http::Response md = sp_->Metadata(false);
  EXPECT_EQ(md.status, 200);
  EXPECT_TRUE(absl::StartsWith(md.content_type, "application/samlmetadata+xml"));
  EXPECT_TRUE(absl::StrContains(md.body, "spid:IPACode"));
  EXPECT_TRUE(absl::StrContains(sp_->Metadata(true).body, "cie:Municipality"));
  EXPECT_EQ(devidp::DevIdp::Create(false, config_.public_base_url, config_, nullptr)
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
  // An AuthnRequest the SP did not sign is refused by the development IdP.
  http::Response login = sp_->Login(Get(LoginTarget()));
  std::map<std::string, std::string> fields = Inputs(login.body);
  std::string xml;
  ASSERT_TRUE(absl::Base64Unescape(fields["SAMLRequest"], &xml));
  fields["SAMLRequest"] = absl::Base64Escape(absl::StrReplaceAll(xml, {{"SpidL2", "SpidL1"}}));
  EXPECT_EQ(dev_->Sso(Post("/dev-idp/sso", fields)).status, 400);
}

// Writes the SP metadata and an AuthnRequest page where spid-sp-test's file:// mode can read
// them (SISL_SPID_DUMP_DIR=/tmp/spid build/tests/unit/spid_unit_test; else a temporary directory),
// and checks that what it wrote is the signed metadata and a signed request.
TEST_F(SpidFlowTest, DumpForSpidSpTest) {
  const char* env_dir = std::getenv("SISL_SPID_DUMP_DIR");
  const std::string dir = env_dir != nullptr ? env_dir : ::testing::TempDir();
  std::ofstream(absl::StrCat(dir, "/spid-metadata.xml")) << sp_->spid_metadata_xml();
  std::ofstream(absl::StrCat(dir, "/cie-metadata.xml")) << sp_->cie_metadata_xml();
  // The AuthnRequest for spid-sp-test's own IdP (https://localhost:8443).
  IdpRegistry registry;
  ASSERT_TRUE(registry
                  .AddFromMetadataFile(
                      absl::StrCat(std::getenv("SISL_SPID_TESTDATA"), "/spid-sp-test-idp-metadata.xml"),
                      false)
                  .ok());
  absl::StatusOr<std::unique_ptr<SpidEndpoints>> sp =
      SpidEndpoints::Create(config_, std::move(registry), cache_, sessions_, nullptr);
  ASSERT_TRUE(sp.ok());
  http::Response login = (*sp)->Login(Get("/spid/login?idp=https%3A%2F%2Flocalhost%3A8443"));
  std::string xml;
  ASSERT_TRUE(absl::Base64Unescape(Inputs(login.body)["SAMLRequest"], &xml));
  // spid-sp-test's file:// mode parses the file as text: no XML declaration.
  if (absl::StartsWith(xml, "<?xml")) xml = xml.substr(xml.find("?>") + 2);
  std::ofstream(absl::StrCat(dir, "/authn-request.xml")) << xml;
  for (const char* name : {"/spid-metadata.xml", "/cie-metadata.xml", "/authn-request.xml"}) {
    std::ifstream in(absl::StrCat(dir, name));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find("Signature"), std::string::npos) << name;
  }
}

}  // namespace
}  // namespace sisl::gateway::spid
