// Company roles through the served gateway in front of a fake enterprise (ADR 0016): the roles
// offered after login, the token of a selected company role, refusals, and login when enterprise
// is unreachable or not configured.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "tests/unit/gateway/company_roles_fixture.h"

namespace sisl::gateway::company_testing {
namespace {

TEST_F(GatewayCompanyRolesTest, CompanyRolesAreOfferedAfterLogin) {
  Serve(enterprise_.address());
  auto b = NewBrowser();
  const json view = Login(*b, "delegato-azienda");
  ASSERT_EQ(view.value("authenticated", false), true) << view.dump();
  const json acme = RoleFor(view, kAcme);
  ASSERT_TRUE(acme.is_object()) << view.dump();
  EXPECT_EQ(acme.value("role", ""), "company");
  EXPECT_EQ(acme.value("companyRole", ""), "delegate");
  EXPECT_EQ(acme.value("companyName", ""), "ACME SRL");
  EXPECT_EQ(acme.value("label", ""), "Delegato - ACME SRL");
  EXPECT_EQ(acme["scopes"], json({"vacancies", "communications"}));
  const json beta = RoleFor(view, kBeta);
  ASSERT_TRUE(beta.is_object()) << view.dump();
  EXPECT_EQ(beta.value("companyRole", ""), "legal_representative");
  EXPECT_EQ(beta.value("label", ""), "Rappresentante legale - Beta SpA");
  EXPECT_EQ(view["roles"][0].value("role", ""), "citizen");
  EXPECT_TRUE(view["selectedRole"].is_null()) << "several roles: the person chooses";
  // Asked as the citizen, with the person's fiscal code, addressed to enterprise.
  const auto asked = enterprise_.last_roles_caller();
  ASSERT_TRUE(asked.has_value());
  EXPECT_EQ(asked->role, Role::kCitizen);
  EXPECT_EQ(asked->fiscal_code, kDelegate);
  EXPECT_EQ(asked->spid_level, 2);

  auto c = NewBrowser();
  const json consultant = RoleFor(Login(*c, "consulente-lavoro"), kAcme);
  EXPECT_EQ(consultant.value("role", ""), "consultant") << consultant.dump();
  EXPECT_EQ(consultant.value("label", ""), "Consulente del lavoro - ACME SRL");
}

TEST_F(GatewayCompanyRolesTest, PickingACompanyRoleMintsTokensWithTheCompanyAndItsScopes) {
  Serve(enterprise_.address());
  auto b = NewBrowser();
  const json view = Login(*b, "delegato-azienda");
  auto chosen = SelectRole(*b, {{"role", "company"}, {"actingFor", kAcme}}, view);
  ASSERT_TRUE(chosen.ok());
  ASSERT_EQ(chosen->status, 200) << chosen->body;
  EXPECT_EQ(Json(*chosen)["selectedRole"].value("companyRole", ""), "delegate");
  // A call through the gateway to enterprise carries the selected role.
  auto listed = b->Get("/api/v1/my/delegations");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->status, 200) << listed->body;
  const auto caller = enterprise_.last_delegations_caller();
  ASSERT_TRUE(caller.has_value());
  EXPECT_EQ(caller->role, Role::kCompany);
  EXPECT_EQ(caller->acting_for, kAcme);
  EXPECT_EQ(caller->company_role, "delegate");
  EXPECT_EQ(caller->scopes, (std::vector<std::string>{"vacancies", "communications"}));
  EXPECT_TRUE(platform::auth::HasScope(*caller, platform::auth::kScopeCommunications));
  EXPECT_FALSE(platform::auth::HasScope(*caller, platform::auth::kScopeL68Returns));
  EXPECT_EQ(caller->fiscal_code, "") << "the person's fiscal code travels for citizens only";
}

TEST_F(GatewayCompanyRolesTest, ACompanyThePersonDoesNotHoldIsRefused) {
  Serve(enterprise_.address());
  auto b = NewBrowser();
  const json view = Login(*b, "delegato-azienda");
  const json refused[] = {
      {{"role", "company"}, {"actingFor", "11111111111"}},  // not theirs
      {{"role", "consultant"}, {"actingFor", kAcme}},       // theirs, but as a delegate
      {{"role", "company"}},                                // no company named
  };
  for (const json& body : refused) {
    auto r = SelectRole(*b, body, view);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, 403) << body.dump() << " " << r->body;
    EXPECT_TRUE(absl::StartsWith(r->Header("content-type").value_or(""),
                                 "application/problem+json"));
    EXPECT_EQ(Json(*r).value("reason", ""), "COMPANY_ROLE_NOT_HELD") << body.dump();
  }
  EXPECT_TRUE(View(*b)["selectedRole"].is_null());
}

TEST_F(GatewayCompanyRolesTest, EnterpriseUnreachableAtLoginStillLogsIn) {
  const std::string address = enterprise_.address();
  enterprise_.Stop();  // nothing listens there any more
  Serve(address);
  auto b = NewBrowser();
  const json view = Login(*b, "delegato-azienda");
  EXPECT_EQ(view.value("authenticated", false), true) << view.dump();
  ASSERT_EQ(view["roles"].size(), 1u) << view.dump();
  EXPECT_EQ(view["selectedRole"].value("role", ""), "citizen");
  // Staff roles are unaffected.
  const json op = Login(*NewBrowser(), "operatore-torino");
  bool operator_role = false;
  for (const json& r : op["roles"]) operator_role |= r.value("role", "") == "operator";
  EXPECT_TRUE(operator_role) << op.dump();
}

TEST_F(GatewayCompanyRolesTest, WithoutAnEnterpriseUpstreamThereAreNoCompanyRoles) {
  // The old configuration: every package on the default upstream, which does not host it.
  Serve(std::nullopt);
  auto b = NewBrowser();
  const json view = Login(*b, "delegato-azienda");
  EXPECT_EQ(view.value("authenticated", false), true);
  ASSERT_EQ(view["roles"].size(), 1u) << view.dump();
  EXPECT_EQ(enterprise_.role_lookups(), 0);
}

}  // namespace
}  // namespace sisl::gateway::company_testing
