#ifndef SISL_TESTS_CONTRACT_ENTERPRISE_TEST_SUPPORT_H_
#define SISL_TESTS_CONTRACT_ENTERPRISE_TEST_SUPPORT_H_

// The enterprise world the contract suites share: a migrated store (SQLite or PostgreSQL, see
// db_test_support.h), a fake clock on 1 December 2026 (Rome), the use cases, a valid company
// (ACME SRL, Torino) and vacancy content, and callers whose subjects are the person ids of
// their fiscal codes (as the gateway mints them).

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "services/enterprise/app/companies.h"
#include "services/enterprise/app/delegations.h"
#include "services/enterprise/app/vacancies.h"
#include "services/platform/clock.h"
#include "services/platform/db/migrations.h"
#include "services/platform/outbox/committer.h"
#include "services/reference/fiscal_code.h"
#include "tests/contract/db_test_support.h"

namespace sisl::enterprise {
namespace embedded_migrations {
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_migrations

class EnterpriseWorldTest : public ::testing::Test {
 protected:
  using Caller = platform::auth::Caller;
  using Role = platform::auth::Role;

  static std::string FiscalCode(const std::string& first15) {
    return first15 + *reference::FiscalCodeCheckCharacter(first15);
  }

  void SetUp() override {
    db_ = env_.Open();
    ASSERT_NE(db_, nullptr);
    ASSERT_TRUE(testing_env::IsOk(platform::db::ApplyMigrations(
        *db_, "platform", platform::db::PlatformMigrations(), clock_)));
    ASSERT_TRUE(testing_env::IsOk(
        platform::db::ApplyMigrations(*db_, "enterprise", embedded_migrations::Files(), clock_)));
    committer_ =
        std::make_unique<platform::outbox::Committer>(*db_, clock_, "sisl-enterprise", nullptr);
    Deps deps{*db_, *committer_, clock_, hasher_};
    companies_ = std::make_unique<CompanyRegistry>(deps);
    delegations_ = std::make_unique<DelegationManager>(deps);
    vacancies_ = std::make_unique<VacancyManager>(deps);
  }

  // A citizen (no role chosen yet) and the same person acting for `company`.
  Caller Citizen(const std::string& cf) const {
    return {.subject = hasher_.PersonId(cf),
            .role = Role::kCitizen,
            .fiscal_code = cf,
            .spid_level = 2};
  }
  Caller ActingFor(const std::string& cf, const std::string& company,
                   Role role = Role::kCompany) const {
    return {.subject = hasher_.PersonId(cf), .role = role, .acting_for = company, .spid_level = 2};
  }
  Caller Operator(const std::string& cpi) const {
    return {.subject = "op-" + cpi, .role = Role::kOperator, .cpi_code = cpi, .spid_level = 2};
  }

  Company Acme() const {
    Company c;
    c.fiscal_code = "01234567897";
    c.name = "ACME S.R.L.";
    c.legal_form = LegalForm::kLimitedCompany;
    c.ateco_code = "62.10.00";
    c.sector = CompanySector::kPrivate;
    c.registered_office = {"Sede legale", "001272", "Via Roma 1", "10121"};
    c.pec = "acme@pec.example.it";
    c.workforce = 40;
    return c;
  }

  VacancyContent Developer() const {
    VacancyContent c;
    c.title = "Sviluppatore software C++";
    c.description = "Sviluppo di servizi per il lavoro in Piemonte, gRPC e PostgreSQL.";
    c.profession_code = "2.1.1.4.1";
    c.positions = 2;
    c.contract_type = "A.01.00";
    c.workplace_municipality = "001272";
    c.working_time = "F";
    c.l68_reservation = L68Reservation::kNone;
    c.publication_date = absl::CivilDay(2026, 12, 10);
    c.expiry_date = absl::CivilDay(2027, 1, 31);
    return c;
  }

  int64_t Count(const std::string& sql) {
    auto tx = db_->Begin();
    auto r = (*tx)->Execute(sql, {});
    return r.ok() ? r->rows[0].Int(0) : -1;
  }

  testing_env::TestDatabase env_;
  std::unique_ptr<platform::db::Database> db_;
  std::unique_ptr<platform::outbox::Committer> committer_;
  platform::FakeClock clock_{
      absl::FromCivil(absl::CivilSecond(2026, 12, 1, 9, 0, 0), absl::UTCTimeZone())};
  platform::auth::PersonIdHasher hasher_{"test-person-id-secret-0123456789abcdef"};
  std::unique_ptr<CompanyRegistry> companies_;
  std::unique_ptr<DelegationManager> delegations_;
  std::unique_ptr<VacancyManager> vacancies_;

  const std::string rep_ = FiscalCode("RSSMRA80A01L219");         // Mario Rossi, legal rep.
  const std::string delegate_ = FiscalCode("BNCLRA85M41L219");    // Laura Bianchi
  const std::string consultant_ = FiscalCode("VRDGPP70C15F205");  // Giuseppe Verdi
};

}  // namespace sisl::enterprise

#endif  // SISL_TESTS_CONTRACT_ENTERPRISE_TEST_SUPPORT_H_
