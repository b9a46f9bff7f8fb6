// The enterprise service's use cases on a real store (SQLite, or PostgreSQL in the _postgres
// variant): company registration and history, delegations (grant, accept, revoke, expiry) and
// the company roles they give, the vacancy life cycle with its review by the workplace's CPI,
// the schedule, the public search, and the events each change leaves in the outbox.
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "services/platform/testing/status_matchers.h"
#include "tests/contract/enterprise_test_support.h"

namespace sisl::enterprise {
namespace {

using platform::testing::HasReason;
using platform::testing::IsOk;
using ::testing::SizeIs;

class EnterpriseTest : public EnterpriseWorldTest {
 protected:
  // ACME registered by its legal representative.
  void RegisterAcme() {
    auto c = companies_->Register(Citizen(rep_), {Acme(), "", "reg-1"});
    ASSERT_TRUE(c.ok()) << c.status();
  }

  // The delegate named by the legal representative, with the vacancies scope.
  void NameDelegate() {
    auto d = delegations_->Grant(ActingFor(rep_, "01234567897"), {"01234567897",
                                                                  DelegationKind::kDelegate,
                                                                  delegate_,
                                                                  std::nullopt,
                                                                  {DelegationScope::kVacancies},
                                                                  absl::CivilDay(2026, 12, 1),
                                                                  std::nullopt,
                                                                  "responsabile del personale",
                                                                  "g-1"});
    ASSERT_TRUE(d.ok()) << d.status();
    ASSERT_EQ(d->delegation.state, DelegationState::kActive);
  }

  std::string OutboxPayloads() {
    auto tx = db_->Begin();
    auto r = (*tx)->Execute("SELECT payload FROM outbox", {});
    std::string all;
    if (r.ok()) {
      for (const auto& row : r->rows) {
        std::string decoded;
        if (absl::Base64Unescape(row.Str(0), &decoded)) all += decoded;
      }
    }
    return all;
  }
};

TEST_F(EnterpriseTest, TheLegalRepresentativeRegistersOnceAndIsRecorded) {
  RegisterAcme();
  auto again = companies_->Register(Citizen(rep_), {Acme(), "", "reg-1"});
  ASSERT_TRUE(again.ok()) << again.status();  // same request id: the same company
  EXPECT_EQ(again->company.fiscal_code, "01234567897");
  EXPECT_THAT(companies_->Register(Citizen(delegate_), {Acme(), "", "reg-2"}),
              HasReason("COMPANY_ALREADY_REGISTERED"));
  auto roles = delegations_->MyRoles(Citizen(rep_));
  ASSERT_TRUE(roles.ok()) << roles.status();
  ASSERT_THAT(*roles, SizeIs(1));
  EXPECT_EQ((*roles)[0].kind, DelegationKind::kLegalRepresentative);
  EXPECT_THAT((*roles)[0].scopes, SizeIs(4));
  EXPECT_TRUE(companies_->Get(ActingFor(rep_, "01234567897"), "01234567897").ok());
  EXPECT_THAT(companies_->Get(ActingFor(delegate_, "01234567897"), "01234567897"),
              HasReason("NOT_ACTING_FOR_COMPANY"));
  // Two events (company, legal representative), neither naming the person.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox"), 2);
  const std::string payloads = OutboxPayloads();
  EXPECT_TRUE(absl::StrContains(payloads, "ACME S.R.L."));  // decoded: the check below can fail
  EXPECT_FALSE(absl::StrContains(payloads, rep_));
}

TEST_F(EnterpriseTest, InvalidCompaniesAreRefusedWithTheirReason) {
  Company bad = Acme();
  bad.fiscal_code = "01234567890";  // wrong check digit
  EXPECT_THAT(companies_->Register(Citizen(rep_), {bad, "", ""}),
              platform::testing::StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM companies"), 0);
  EXPECT_THAT(companies_->Register(Operator("CPI-TO-15"), {Acme(), "", ""}),
              HasReason("LEGAL_REPRESENTATIVE_REQUIRED"));
  // An operator of another province's CPI does not register a Turin company.
  EXPECT_THAT(companies_->Register(Operator("CPI-CN-01"), {Acme(), rep_, ""}),
              HasReason("OUTSIDE_OPERATOR_CPI"));
  EXPECT_TRUE(companies_->Register(Operator("CPI-TO-15"), {Acme(), rep_, ""}).ok());
}

TEST_F(EnterpriseTest, ChangesKeepEveryVersionAndRefuseStaleOnes) {
  RegisterAcme();
  Company changes;
  changes.name = "ACME ITALIA S.R.L.";
  auto updated = companies_->Update(ActingFor(rep_, "01234567897"), "01234567897", changes,
                                    {"name"}, 1, "cambio denominazione");
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->version, 2);
  EXPECT_THAT(companies_->Update(ActingFor(rep_, "01234567897"), "01234567897", changes, {"name"},
                                 1, "stale"),
              HasReason("VERSION_CONFLICT"));
  EXPECT_THAT(companies_->Update(ActingFor(rep_, "01234567897"), "01234567897", changes,
                                 {"fiscal_code"}, 2, ""),
              HasReason("FIELD_NOT_UPDATABLE"));
  auto versions = companies_->Versions(Operator("CPI-TO-15"), "01234567897", 10, "");
  ASSERT_TRUE(versions.ok()) << versions.status();
  ASSERT_THAT(versions->versions, SizeIs(2));
  EXPECT_EQ(versions->versions[0].company.name, "ACME ITALIA S.R.L.");
  EXPECT_EQ(versions->versions[0].meta.reason, "cambio denominazione");
  EXPECT_EQ(versions->versions[1].company.name, "ACME S.R.L.");
  // A delegate is not the legal representative.
  NameDelegate();
  EXPECT_THAT(companies_->Update(ActingFor(delegate_, "01234567897"), "01234567897", changes,
                                 {"name"}, 2, ""),
              HasReason("ONLY_LEGAL_REPRESENTATIVE_MAY_UPDATE"));
}

TEST_F(EnterpriseTest, AConsultantActsOnlyAfterAcceptingAndOnlyInItsScopes) {
  RegisterAcme();
  auto granted =
      delegations_->Grant(ActingFor(rep_, "01234567897"), {"01234567897",
                                                           DelegationKind::kConsultant,
                                                           consultant_,
                                                           ConsultantDetails{"1234", "TO", ""},
                                                           {DelegationScope::kVacancies},
                                                           absl::CivilDay(2026, 12, 1),
                                                           absl::CivilDay(2027, 12, 31),
                                                           "incarico 2027",
                                                           "g-c"});
  ASSERT_TRUE(granted.ok()) << granted.status();
  EXPECT_EQ(granted->delegation.state, DelegationState::kPending);
  const Caller consultant = ActingFor(consultant_, "01234567897", Role::kConsultant);
  EXPECT_THAT(vacancies_->Create(consultant, Developer(), ""), HasReason("DELEGATION_PENDING"));
  auto roles = delegations_->MyRoles(Citizen(consultant_));
  ASSERT_TRUE(roles.ok());
  EXPECT_THAT(*roles, SizeIs(0));

  ASSERT_TRUE(delegations_->Accept(Citizen(consultant_), granted->delegation.id, "").ok());
  roles = delegations_->MyRoles(Citizen(consultant_));
  ASSERT_TRUE(roles.ok());
  ASSERT_THAT(*roles, SizeIs(1));
  EXPECT_EQ((*roles)[0].kind, DelegationKind::kConsultant);
  EXPECT_EQ((*roles)[0].company_name, "ACME S.R.L.");
  EXPECT_TRUE(vacancies_->Create(consultant, Developer(), "").ok());
  // A delegate of ACME acting for another company is refused.
  EXPECT_THAT(
      vacancies_->Create(ActingFor(consultant_, "09876543217", Role::kConsultant), Developer(), ""),
      HasReason("NO_ROLE_FOR_COMPANY"));

  // Either side revokes: the consultant renounces, and may no longer act.
  auto revoked = delegations_->Revoke(consultant, granted->delegation.id, "fine incarico");
  ASSERT_TRUE(revoked.ok()) << revoked.status();
  EXPECT_EQ(revoked->delegation.state, DelegationState::kRevoked);
  EXPECT_THAT(vacancies_->Create(consultant, Developer(), ""), HasReason("DELEGATION_REVOKED"));
  roles = delegations_->MyRoles(Citizen(consultant_));
  ASSERT_TRUE(roles.ok());
  EXPECT_THAT(*roles, SizeIs(0));
}

TEST_F(EnterpriseTest, OperatorsReadACompanysPeopleWithAReasonThatIsAudited) {
  RegisterAcme();
  NameDelegate();
  EXPECT_THAT(delegations_->OfCompany(Operator("CPI-TO-15"), "01234567897", " "),
              HasReason("ACCESS_REASON_REQUIRED"));
  EXPECT_THAT(delegations_->OfCompany(Operator("CPI-AL-01"), "01234567897", "verifica"),
              HasReason("OUTSIDE_OPERATOR_CPI"));
  auto all = delegations_->OfCompany(Operator("CPI-TO-15"), "01234567897", "verifica pratica");
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_THAT(*all, SizeIs(2));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM enterprise_audit WHERE reason = 'verifica pratica'"), 1);
  // The delegate does not list the company's people; the legal representative does, unaudited.
  EXPECT_THAT(delegations_->OfCompany(ActingFor(delegate_, "01234567897"), "01234567897", ""),
              HasReason("ONLY_LEGAL_REPRESENTATIVE_MAY_LIST"));
  EXPECT_TRUE(delegations_->OfCompany(ActingFor(rep_, "01234567897"), "01234567897", "").ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM enterprise_audit"), 1);
}

TEST_F(EnterpriseTest, DelegationsPastTheirLastDayExpireWithAnEvent) {
  RegisterAcme();
  auto granted = delegations_->Grant(ActingFor(rep_, "01234567897"), {"01234567897",
                                                                      DelegationKind::kDelegate,
                                                                      delegate_,
                                                                      std::nullopt,
                                                                      {DelegationScope::kVacancies},
                                                                      absl::CivilDay(2026, 12, 1),
                                                                      absl::CivilDay(2026, 12, 5),
                                                                      "sostituzione",
                                                                      ""});
  ASSERT_TRUE(granted.ok()) << granted.status();
  auto none = delegations_->ExpireOverdue(100);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);
  clock_.Advance(absl::Hours(24 * 5));  // 6 December
  auto expired = delegations_->ExpireOverdue(100);
  ASSERT_TRUE(expired.ok()) << expired.status();
  EXPECT_EQ(*expired, 1);
  EXPECT_THAT(vacancies_->Create(ActingFor(delegate_, "01234567897"), Developer(), ""),
              HasReason("DELEGATION_EXPIRED"));
}

}  // namespace
}  // namespace sisl::enterprise
