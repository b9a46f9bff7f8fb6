// Company roles in the session, without a server: enterprise's answer turned into session roles,
// the re-check rules (revoked, narrowed, widened, enterprise failing within and beyond the grace
// period), the stored JSON form, and the caller a selected company role acts as (ADR 0016).
#include "gateway/session/role_recheck.h"

#include <string>
#include <vector>

#include "gateway/identity.h"
#include "gateway/session/company_roles.h"
#include "gateway/session/session.h"
#include "gtest/gtest.h"
#include "services/platform/cache/memory_cache.h"
#include "services/platform/clock.h"

namespace sisl::gateway::session {
namespace {

namespace ev1 = enterprise::v1;
using platform::auth::Role;

const absl::Time kNow = absl::FromUnixSeconds(1'780'000'000);
constexpr absl::Duration kGrace = absl::Seconds(60);

AvailableRole Company(const std::string& company, const std::string& kind,
                      std::vector<std::string> scopes) {
  AvailableRole r;
  r.role = kind == "consultant" ? Role::kConsultant : Role::kCompany;
  r.acting_for = company;
  r.label = "Delegato - " + company;
  r.scopes = std::move(scopes);
  r.company_role = kind;
  r.company_name = "Name of " + company;
  return r;
}

Session WithDelegateSelected() {
  Session s;
  s.level = "https://www.spid.gov.it/SpidL2";
  s.available_roles = {{Role::kCitizen, "", "", "Cittadino / Citizen"},
                       {Role::kOperator, "CPI-TO-15", "", "Operatore - CPI-TO-15"},
                       Company("01234567890", "delegate", {"vacancies", "communications"})};
  s.selected_role = s.available_roles[2];
  s.company_roles_confirmed_at = kNow - absl::Seconds(30);
  return s;
}

TEST(CompanyRolesFromTest, MapsKindsScopesAndLabels) {
  ev1::ListMyCompanyRolesResponse response;
  auto add = [&](const std::string& cf, const std::string& name, ev1::DelegationKind kind) {
    ev1::CompanyRole* r = response.add_roles();
    r->set_company_fiscal_code(cf);
    r->set_company_name(name);
    r->set_kind(kind);
    return r;
  };
  ev1::CompanyRole* rep = add("01234567890", "ACME SRL", ev1::DELEGATION_KIND_LEGAL_REPRESENTATIVE);
  rep->add_scopes(ev1::DELEGATION_SCOPE_L68_RETURNS);
  rep->add_scopes(ev1::DELEGATION_SCOPE_L68_RETURNS);
  rep->add_scopes(ev1::DELEGATION_SCOPE_UNSPECIFIED);
  rep->add_scopes(ev1::DELEGATION_SCOPE_SERVICE_REQUESTS);
  add("09876543210", "", ev1::DELEGATION_KIND_CONSULTANT)
      ->add_scopes(ev1::DELEGATION_SCOPE_COMMUNICATIONS);
  add("11111111111", "Ignota", ev1::DELEGATION_KIND_UNSPECIFIED);
  add("", "Senza codice", ev1::DELEGATION_KIND_DELEGATE);
  add("22222222222", "Gamma SNC", ev1::DELEGATION_KIND_DELEGATE);

  const std::vector<AvailableRole> roles = CompanyRolesFrom(response);
  ASSERT_EQ(roles.size(), 3u);
  EXPECT_EQ(roles[0].role, Role::kCompany);
  EXPECT_EQ(roles[0].company_role, "legal_representative");
  EXPECT_EQ(roles[0].label, "Rappresentante legale - ACME SRL");
  EXPECT_EQ(roles[0].scopes, (std::vector<std::string>{"l68_returns", "service_requests"}));
  EXPECT_EQ(roles[1].role, Role::kConsultant);
  EXPECT_EQ(roles[1].acting_for, "09876543210");
  EXPECT_EQ(roles[1].label, "Consulente del lavoro - 09876543210");
  EXPECT_EQ(roles[1].scopes, (std::vector<std::string>{"communications"}));
  EXPECT_EQ(roles[2].company_role, "delegate");
  EXPECT_EQ(roles[2].label, "Delegato - Gamma SNC");
}

TEST(ApplyCompanyRolesTest, ARevokedSelectedRoleIsUnselected) {
  Session s = WithDelegateSelected();
  EXPECT_TRUE(ApplyCompanyRoles(s, std::vector<AvailableRole>{}, kNow, kGrace, RoleLevels()));
  EXPECT_FALSE(s.selected_role.has_value());
  ASSERT_EQ(s.available_roles.size(), 2u);  // citizen and operator stay
  EXPECT_EQ(s.available_roles[1].role, Role::kOperator);
  EXPECT_EQ(s.company_roles_confirmed_at, kNow);
  EXPECT_FALSE(s.company_roles_pending);
  EXPECT_FALSE(TracksCompanyRoles(s));
}

TEST(ApplyCompanyRolesTest, FewerScopesOrAnotherKindUnselectMoreScopesUpdate) {
  Session narrowed = WithDelegateSelected();
  EXPECT_TRUE(ApplyCompanyRoles(
      narrowed, std::vector<AvailableRole>{Company("01234567890", "delegate", {"vacancies"})},
      kNow, kGrace, RoleLevels()));
  EXPECT_FALSE(narrowed.selected_role.has_value());
  ASSERT_EQ(narrowed.available_roles.size(), 3u);
  EXPECT_EQ(narrowed.available_roles[2].scopes, (std::vector<std::string>{"vacancies"}));

  Session consultant = WithDelegateSelected();
  EXPECT_TRUE(ApplyCompanyRoles(
      consultant,
      std::vector<AvailableRole>{
          Company("01234567890", "consultant", {"vacancies", "communications"})},
      kNow, kGrace, RoleLevels()));
  EXPECT_FALSE(consultant.selected_role.has_value());

  Session widened = WithDelegateSelected();
  EXPECT_FALSE(ApplyCompanyRoles(
      widened,
      std::vector<AvailableRole>{
          Company("01234567890", "delegate", {"vacancies", "communications", "l68_returns"})},
      kNow, kGrace, RoleLevels()));
  ASSERT_TRUE(widened.selected_role.has_value());
  EXPECT_EQ(widened.selected_role->scopes.size(), 3u);
}

TEST(ApplyCompanyRolesTest, AFailureKeepsTheRolesForTheGracePeriodOnly) {
  const absl::StatusOr<std::vector<AvailableRole>> down = absl::UnavailableError("down");
  Session s = WithDelegateSelected();  // last answer 30 s ago
  EXPECT_FALSE(ApplyCompanyRoles(s, down, kNow, kGrace, RoleLevels()));
  EXPECT_TRUE(s.selected_role.has_value());
  EXPECT_EQ(s.available_roles.size(), 3u);
  EXPECT_TRUE(s.company_roles_pending);
  EXPECT_EQ(s.company_roles_confirmed_at, kNow - absl::Seconds(30));
  // 60 s after the last answer: dropped, and still tracked until enterprise answers.
  EXPECT_TRUE(ApplyCompanyRoles(s, down, kNow + absl::Seconds(30), kGrace, RoleLevels()));
  EXPECT_FALSE(s.selected_role.has_value());
  EXPECT_EQ(s.available_roles.size(), 2u);
  EXPECT_TRUE(TracksCompanyRoles(s));
  EXPECT_FALSE(ApplyCompanyRoles(
      s, std::vector<AvailableRole>{Company("01234567890", "delegate", {"vacancies"})},
      kNow + absl::Seconds(60), kGrace, RoleLevels()));
  EXPECT_EQ(s.available_roles.size(), 3u);
  EXPECT_FALSE(s.company_roles_pending);
}

TEST(ApplyCompanyRolesTest, StaffRolesAndCompanyRolesKeepTheirOrder) {
  Session s = WithDelegateSelected();
  ApplyStaffRoles(s, {{Role::kAdmin, "", "", "Amministratore"}}, RoleLevels());
  ASSERT_EQ(s.available_roles.size(), 3u);
  EXPECT_EQ(s.available_roles[0].role, Role::kCitizen);
  EXPECT_EQ(s.available_roles[1].role, Role::kAdmin);
  EXPECT_EQ(s.available_roles[2].role, Role::kCompany);
  EXPECT_TRUE(s.selected_role.has_value()) << "a staff change leaves a company selection alone";
}

TEST(CompanySessionJsonTest, CompanyRolesAndTheirCheckRoundTrip) {
  Session s = WithDelegateSelected();
  s.id = *RandomToken();
  s.csrf_token = *RandomToken();
  s.created_at = kNow - absl::Minutes(5);
  s.last_seen = kNow;
  s.roles_checked_at = kNow;
  s.company_roles_pending = true;
  auto back = SessionFromJson(SessionToJson(s));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, s);
  EXPECT_EQ(back->selected_role->scopes, (std::vector<std::string>{"vacancies", "communications"}));
}

TEST(CompanyCallerTest, ASelectedCompanyRoleActsForTheCompanyWithItsScopes) {
  platform::SystemClock clock;
  platform::cache::MemoryCache cache;
  SessionStore sessions(cache, clock);
  auto signer = platform::auth::TokenSigner::Generate();
  ASSERT_TRUE(signer.ok());
  platform::auth::PersonIdHasher person_ids("person-id-secret-of-at-least-32-bytes");
  Identity identity(sessions, *signer, person_ids);
  Session s = WithDelegateSelected();
  s.fiscal_code = "FRRLCU78S05A124F";
  const platform::auth::Caller caller = identity.CallerOf(s);
  EXPECT_EQ(caller.role, Role::kCompany);
  EXPECT_EQ(caller.acting_for, "01234567890");
  EXPECT_EQ(caller.company_role, "delegate");
  EXPECT_EQ(caller.scopes, (std::vector<std::string>{"vacancies", "communications"}));
  EXPECT_EQ(caller.fiscal_code, "");
  EXPECT_EQ(caller.subject, person_ids.PersonId("FRRLCU78S05A124F"));
  s.selected_role = s.available_roles[0];  // citizen: no company claims
  EXPECT_TRUE(identity.CallerOf(s).scopes.empty());
  EXPECT_EQ(identity.CallerOf(s).company_role, "");
}

}  // namespace
}  // namespace sisl::gateway::session
