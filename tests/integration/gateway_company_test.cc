// Company roles end to end: sisl-gateway (development IdP), sisl-enterprise and sisl-booking as
// their own processes on the real PostgreSQL, Kafka and Redis. A citizen registers a company and
// becomes its legal representative, names a delegate and grants a consultant; the roles appear
// at login, the token they mint is enforced by enterprise (a delegate of X is refused on Y), a
// consultant acts for two companies, and a revocation reaches the live session at the next
// re-check.
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/integration/gateway_fixture.h"

namespace sisl::testing_env {
namespace {

using nlohmann::json;

constexpr char kAcme[] = "01234567897";  // valid check digit
constexpr char kBeta[] = "09876543217";
constexpr char kDelegate[] = "FRRLCU78S05A124F";    // delegato-azienda
constexpr char kConsultant[] = "GLLCHR81B57A479P";  // consulente-lavoro

std::string Today() { return absl::FormatTime("%Y-%m-%d", absl::Now(), absl::LocalTimeZone()); }

json Company(const std::string& fiscal_code, const std::string& name) {
  return {{"fiscalCode", fiscal_code},
          {"name", name},
          {"legalForm", "LEGAL_FORM_LIMITED_COMPANY"},
          {"atecoCode", "62.10.00"},
          {"sector", "SECTOR_PRIVATE"},
          {"registeredOffice",
           {{"municipality", "001272"}, {"address", "Via Roma 1"}, {"postcode", "10121"}}},
          {"pec", "ufficio@pec.example.it"},
          {"workforce", 12}};
}

class GatewayCompanyTest : public GatewayFixture {
 protected:
  static void SetUpTestSuite() {
    role_recheck_ = "2s";
    StartProcesses(/*encrypted=*/false);
  }
  static void TearDownTestSuite() {
    GatewayFixture::TearDownTestSuite();
    role_recheck_.clear();
  }

  // The roles of the user's session whose role is `role`, by company.
  static std::map<std::string, json> CompanyRoles(WebUser& user, const std::string& role) {
    std::map<std::string, json> out;
    auto session = user.Get("/api/session");
    if (!session.ok()) return out;
    const json view = Json(*session);
    for (const auto& r : view["roles"]) {
      if (r["role"] == role) out[r["actingFor"].get<std::string>()] = r;
    }
    return out;
  }

  static absl::StatusOr<HttpResponse> Choose(WebUser& user, const std::string& role,
                                             const std::string& company) {
    return user.Post("/api/session/role", json{{"role", role}, {"actingFor", company}}.dump());
  }

  static json Grant(const std::string& kind, const std::string& holder,
                    const std::vector<std::string>& scopes) {
    json g = {{"kind", kind},
              {"holderFiscalCode", holder},
              {"scopes", scopes},
              {"validFrom", Today()},
              {"reason", "incarico di prova"}};
    if (kind == "DELEGATION_KIND_CONSULTANT") {
      g["consultant"] = {{"orderNumber", "1234"}, {"orderProvince", "TO"}};
    }
    return g;
  }
};

TEST_F(GatewayCompanyTest, CompanyRolesAreOfferedEnforcedAndRevokedInLiveSessions) {
  // Mario registers two companies as a citizen and, at his next login, may act for both.
  WebUser mario = Login("cittadino-1");
  ASSERT_EQ(Choose(mario, "citizen", "")->status, 200);
  for (const auto& [cf, name] : {std::pair{kAcme, "ACME SRL"}, std::pair{kBeta, "BETA SRL"}}) {
    auto made = mario.Post("/api/v1/companies", json{{"company", Company(cf, name)}}.dump(),
                           absl::StrCat("reg-", cf));
    ASSERT_TRUE(made.ok());
    ASSERT_EQ(made->status, 200) << made->body;
  }
  mario = Login("cittadino-1");
  std::map<std::string, json> roles = CompanyRoles(mario, "company");
  ASSERT_EQ(roles.size(), 2u);
  EXPECT_EQ(roles[kAcme]["companyRole"], "legal_representative");
  ASSERT_EQ(Choose(mario, "company", kAcme)->status, 200);

  // He names Luca delegate of ACME (vacancies) and grants Chiara, a consultant, both companies.
  auto grant = mario.Post(
      absl::StrCat("/api/v1/companies/", kAcme, "/delegations"),
      Grant("DELEGATION_KIND_DELEGATE", kDelegate, {"DELEGATION_SCOPE_VACANCIES"}).dump(),
      "grant-luca");
  ASSERT_TRUE(grant.ok());
  ASSERT_EQ(grant->status, 200) << grant->body;
  const std::string luca_delegation = Json(*grant)["delegation"]["delegationId"];
  for (const char* company : {kAcme, kBeta}) {
    ASSERT_EQ(Choose(mario, "company", company)->status, 200);
    auto g = mario.Post(absl::StrCat("/api/v1/companies/", company, "/delegations"),
                        Grant("DELEGATION_KIND_CONSULTANT", kConsultant,
                              {"DELEGATION_SCOPE_VACANCIES", "DELEGATION_SCOPE_COMMUNICATIONS"})
                            .dump(),
                        absl::StrCat("grant-chiara-", company));
    ASSERT_TRUE(g.ok());
    ASSERT_EQ(g->status, 200) << g->body;
  }

  // Chiara accepts both and then acts for either company.
  WebUser chiara = Login("consulente-lavoro");
  ASSERT_EQ(Choose(chiara, "citizen", "")->status, 200);
  auto offered = chiara.Get("/api/v1/my/delegations");
  ASSERT_TRUE(offered.ok());
  const json offers = Json(*offered)["delegations"];
  ASSERT_EQ(offers.size(), 2u) << offered->body;
  for (const auto& d : offers) {
    auto accepted = chiara.Post(
        absl::StrCat("/api/v1/delegations/", d["delegationId"].get<std::string>(), ":accept"),
        "{}");
    ASSERT_TRUE(accepted.ok());
    ASSERT_EQ(accepted->status, 200) << accepted->body;
  }
  chiara = Login("consulente-lavoro");
  roles = CompanyRoles(chiara, "consultant");
  ASSERT_EQ(roles.size(), 2u);
  for (const char* company : {kAcme, kBeta}) {
    ASSERT_EQ(Choose(chiara, "consultant", company)->status, 200);
    auto file = chiara.Get(absl::StrCat("/api/v1/companies/", company));
    ASSERT_TRUE(file.ok());
    EXPECT_EQ(file->status, 200) << file->body;
  }

  // Luca acts for ACME only: BETA is neither offered nor readable with ACME's role.
  WebUser luca = Login("delegato-azienda");
  roles = CompanyRoles(luca, "company");
  ASSERT_EQ(roles.size(), 1u);
  EXPECT_EQ(roles.begin()->first, kAcme);
  auto refused = Choose(luca, "company", kBeta);
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(Json(*refused)["reason"], "COMPANY_ROLE_NOT_HELD");
  ASSERT_EQ(Choose(luca, "company", kAcme)->status, 200);
  auto other = luca.Get(absl::StrCat("/api/v1/companies/", kBeta));
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->status, 403);
  EXPECT_EQ(Json(*other)["reason"], "NOT_ACTING_FOR_COMPANY");
  auto mine = luca.Get("/api/v1/vacancies");
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->status, 200) << mine->body;

  // Mario revokes Luca: enterprise refuses at once, and the session loses the role within the
  // re-check interval (2 s here; 30 s by default).
  ASSERT_EQ(Choose(mario, "company", kAcme)->status, 200);
  auto revoked = mario.Post(absl::StrCat("/api/v1/delegations/", luca_delegation, ":revoke"),
                            json{{"reason", "fine rapporto"}}.dump());
  ASSERT_TRUE(revoked.ok());
  ASSERT_EQ(revoked->status, 200) << revoked->body;
  bool gone = false;
  for (int i = 0; i < 50 && !gone; ++i) {
    absl::SleepFor(absl::Milliseconds(200));
    gone = CompanyRoles(luca, "company").empty();
  }
  EXPECT_TRUE(gone) << "the revoked role is still in Luca's session";
  auto after = luca.Get("/api/v1/vacancies");
  ASSERT_TRUE(after.ok());
  EXPECT_NE(after->status, 200) << after->body;
}

}  // namespace
}  // namespace sisl::testing_env
