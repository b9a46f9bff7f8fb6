#ifndef SISL_TESTS_CONTRACT_COMMUNICATIONS_TEST_SUPPORT_H_
#define SISL_TESTS_CONTRACT_COMMUNICATIONS_TEST_SUPPORT_H_

// The communications world the contract suites share: a migrated store (SQLite or PostgreSQL,
// see db_test_support.h), a fake clock on 1 December 2026, a committer without a relay (events
// stay in the outbox for the tests to count), and the labour consultant Chiara Gallo (the
// development IdP's consulente-lavoro), whose delegations are written into the replica.

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "services/communications/app/deps.h"
#include "services/communications/store/delegation_replica.h"
#include "services/platform/clock.h"
#include "services/platform/db/migrations.h"
#include "services/platform/outbox/committer.h"
#include "services/platform/testing/status_matchers.h"
#include "sisl/events/v1/event.pb.h"
#include "tests/contract/db_test_support.h"

namespace sisl::communications {
namespace embedded_migrations {
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_migrations

class CommunicationsWorldTest : public ::testing::Test {
 protected:
  using Caller = platform::auth::Caller;
  using Role = platform::auth::Role;
  static constexpr char kConsultant[] = "GLLCHR81B57A479P";

  void SetUp() override {
    db_ = env_.Open();
    ASSERT_NE(db_, nullptr);
    ASSERT_THAT(
        platform::db::ApplyMigrations(*db_, "platform", platform::db::PlatformMigrations(), clock_),
        platform::testing::IsOk());
    ASSERT_THAT(
        platform::db::ApplyMigrations(*db_, "communications", embedded_migrations::Files(), clock_),
        platform::testing::IsOk());
    committer_ =
        std::make_unique<platform::outbox::Committer>(*db_, clock_, "sisl-communications", nullptr);
  }

  Deps deps() { return Deps{*db_, *committer_, clock_, hasher_}; }

  // The consultant's delegation of `company` (communications scope) in the replica, in `state`.
  void Grant(const std::string& company, const std::string& state = "active") {
    ASSERT_THAT(platform::db::InTransaction(*db_,
                                            [&](platform::db::Transaction& tx) {
                                              return store::DelegationReplica::Put(
                                                  tx,
                                                  {"d-" + company,
                                                   company,
                                                   hasher_.PersonId(kConsultant),
                                                   "consultant",
                                                   {"communications"},
                                                   state},
                                                  clock_.Now());
                                            }),
                platform::testing::IsOk());
  }

  // The consultant acting for `company` with the communications scope (as the gateway mints it).
  Caller ConsultantFor(const std::string& company) const {
    return {.subject = hasher_.PersonId(kConsultant),
            .role = Role::kConsultant,
            .acting_for = company,
            .scopes = {"communications"},
            .company_role = "consultant",
            .spid_level = 2};
  }

  // The single integer a COUNT(*) query answers.
  int64_t Count(const std::string& sql) {
    int64_t n = -1;
    EXPECT_THAT(platform::db::InTransaction(*db_,
                                            [&](platform::db::Transaction& tx) {
                                              absl::StatusOr<platform::db::Result> r =
                                                  tx.Execute(sql);
                                              if (!r.ok()) return r.status();
                                              n = r->rows.front().Int(0);
                                              return absl::OkStatus();
                                            }),
                platform::testing::IsOk());
    return n;
  }

  // The events of `type` in the outbox, oldest first, unpacked into T.
  template <typename T>
  std::vector<T> OutboxEvents() {
    std::vector<T> out;
    EXPECT_THAT(platform::db::InTransaction(
                    *db_,
                    [&](platform::db::Transaction& tx) -> absl::Status {
                      absl::StatusOr<platform::db::Result> r =
                          tx.Execute("SELECT payload FROM outbox WHERE event_type = $1 ORDER BY id",
                                     {std::string(T::descriptor()->full_name())});
                      if (!r.ok()) return r.status();
                      for (const platform::db::Row& row : r->rows) {
                        std::string bytes;
                        sisl::events::v1::Event envelope;
                        T event;
                        if (!absl::Base64Unescape(row.Str(0), &bytes) ||
                            !envelope.ParseFromString(bytes) || !envelope.data().UnpackTo(&event)) {
                          return absl::DataLossError("unreadable outbox row");
                        }
                        out.push_back(std::move(event));
                      }
                      return absl::OkStatus();
                    }),
                platform::testing::IsOk());
    return out;
  }

  testing_env::TestDatabase env_;
  std::unique_ptr<platform::db::Database> db_;
  platform::FakeClock clock_{
      absl::FromCivil(absl::CivilSecond(2026, 12, 1, 9, 0, 0), absl::UTCTimeZone())};
  platform::auth::PersonIdHasher hasher_{"contract-test-person-id-secret-0123456789"};
  std::unique_ptr<platform::outbox::Committer> committer_;
};

// A VARDATORI transfer of business from `from` (fiscal code, name) to `to`'s employer on `day`,
// moving the listed workers.
inline Communication TransferOfBusiness(const std::string& from, const std::string& from_name,
                                        const Communication& to, absl::CivilDay day,
                                        std::vector<std::string> workers) {
  Communication change;
  change.form = Form::kVardatori;
  change.event = EventKind::kEmployerChange;
  change.employer = to.employer;
  change.employer_change = EmployerChange{"TRANSFER", day, from, from_name, std::move(workers)};
  return change;
}

}  // namespace sisl::communications

#endif  // SISL_TESTS_CONTRACT_COMMUNICATIONS_TEST_SUPPORT_H_
