// The communications service's use cases on a real store (SQLite and PostgreSQL): filing with
// the rule catalogue, the relationship each filing shapes, corrections and cancellations with
// their chain, who may file (the delegation replica), idempotency, events, histories and the
// audit of staff reads. Valid content comes from the committed generator.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/communications/app/filing.h"
#include "services/communications/app/queries.h"
#include "services/communications/store/delegation_replica.h"
#include "services/platform/clock.h"
#include "services/platform/db/migrations.h"
#include "services/platform/outbox/committer.h"
#include "services/platform/testing/status_matchers.h"
#include "sisl/communications/v1/communication_events.pb.h"
#include "sisl/communications/v1/relationship_events.pb.h"
#include "tests/contract/communications_test_support.h"
#include "tests/support/co_generator.h"

namespace sisl::communications {
namespace {

using platform::testing::HasReason;
using platform::testing::IsOk;

class CommunicationsFilingTest : public CommunicationsWorldTest {
 protected:
  void SetUp() override {
    CommunicationsWorldTest::SetUp();
    filings_ = std::make_unique<Filings>(deps());
    queries_ = std::make_unique<Queries>(deps());
  }

  // The first valid hire of a stream filed on the fake clock's day.
  Communication Hire(uint64_t seed = 11) {
    testing::CommunicationGenerator gen(
        {.seed = seed, .invalid_share = 0, .today = platform::TodayInItaly(clock_)});
    for (;;) {
      testing::GeneratedRecord r = gen.Next();
      if (r.communication.form == Form::kUnilav && r.communication.event == EventKind::kHire &&
          r.communication.contract.contract_type == "A.02.00") {
        return r.communication;
      }
    }
  }

  // The consultant acting for `company`, granted in the replica unless `grant` is false.
  Caller Filer(const std::string& company, bool grant = true) {
    if (grant) Grant(company, "active");
    return ConsultantFor(company);
  }
  Caller Worker(const std::string& fiscal_code) const {
    return {.subject = hasher_.PersonId(fiscal_code),
            .role = Role::kCitizen,
            .fiscal_code = fiscal_code,
            .spid_level = 2};
  }
  Caller Operator() const {
    return {.subject = "op-1", .role = Role::kOperator, .cpi_code = "CPI-TO-15", .spid_level = 2};
  }

  std::unique_ptr<Filings> filings_;
  std::unique_ptr<Queries> queries_;
};

TEST_F(CommunicationsFilingTest, AnAcceptedHireGetsACodeOpensItsRelationshipAndIsPublished) {
  const Communication hire = Hire();
  auto filed = filings_->File(Filer(hire.employer.fiscal_code), hire, "r-1");
  ASSERT_THAT(filed.status(), IsOk());
  EXPECT_THAT(filed->communication.code, ::testing::MatchesRegex("^0126UL[0-9A-V]{10}$"));
  EXPECT_EQ(filed->days_late, 0);
  EXPECT_FALSE(filed->relationship_id.empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE topic = "
                  "'sisl.communications.communications.v1'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE topic = "
                  "'sisl.communications.relationships.v1'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM forwarding WHERE state = 'to_send'"), 1);
  // No personal data in events: neither the worker's fiscal code nor their surname.
  EXPECT_EQ(
      Count("SELECT COUNT(*) FROM outbox WHERE event_key = '" + hire.worker.fiscal_code + "'"), 0);
  // The same request again answers the same communication.
  auto again = filings_->File(Filer(hire.employer.fiscal_code), hire, "r-1");
  ASSERT_THAT(again.status(), IsOk());
  EXPECT_EQ(again->communication.code, filed->communication.code);
  // A second hire of the same relationship is refused.
  EXPECT_THAT(filings_->File(Filer(hire.employer.fiscal_code), hire, "r-2").status(),
              HasReason("RELATIONSHIP_EXISTS"));
}

TEST_F(CommunicationsFilingTest, ARuleBreakingFilingIsRefusedWithItsRulesAndNothingIsWritten) {
  Communication hire = Hire();
  hire.contract.end = hire.contract.start - 1;  // ends before it starts
  auto filed = filings_->File(Filer(hire.employer.fiscal_code), hire, "");
  EXPECT_THAT(filed.status(), HasReason("COMMUNICATION_REFUSED"));
  EXPECT_FALSE(platform::ErrorFieldViolations(filed.status()).empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM communications"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox"), 0);
}

TEST_F(CommunicationsFilingTest, OnlyAnActiveDelegationWithTheScopeMayFile) {
  const Communication hire = Hire();
  Caller stranger = Filer("09876543210", /*grant=*/false);
  EXPECT_THAT(filings_->File(stranger, hire, "").status(), HasReason("NOT_ACTING_FOR_COMPANY"));
  Caller no_scope = Filer(hire.employer.fiscal_code);
  no_scope.scopes = {"vacancies"};
  EXPECT_THAT(filings_->File(no_scope, hire, "").status(), HasReason("SCOPE_MISSING"));
  Caller revoked = Filer(hire.employer.fiscal_code);
  Grant(hire.employer.fiscal_code, "revoked");
  EXPECT_THAT(filings_->File(revoked, hire, "").status(), HasReason("DELEGATION_NOT_ACTIVE"));
  EXPECT_THAT(filings_->File(Operator(), hire, "").status(), HasReason("BY_OFFICE_ONLY"));
}

TEST_F(CommunicationsFilingTest, AnExtensionMovesTheEndAndACorrectionKeepsTheChain) {
  const Communication hire = Hire();
  const Caller filer = Filer(hire.employer.fiscal_code);
  auto hired = filings_->File(filer, hire, "");
  ASSERT_THAT(hired.status(), IsOk());
  Communication extension = hire;
  extension.event = EventKind::kExtension;
  extension.extension = Extension{*hire.contract.end + 90};
  auto extended = filings_->File(filer, extension, "");
  ASSERT_THAT(extended.status(), IsOk());
  EXPECT_EQ(extended->relationship_id, hired->relationship_id);
  // Only the last communication of a relationship can be corrected.
  Communication fix = hire;
  fix.contract.level = "B2";
  EXPECT_THAT(filings_->Correct(filer, hired->communication.code, fix, "").status(),
              HasReason("COMMUNICATION_REFUSED"));
  Communication longer = extension;
  longer.extension = Extension{*hire.contract.end + 120};
  auto corrected = filings_->Correct(filer, extended->communication.code, longer, "");
  ASSERT_THAT(corrected.status(), IsOk());
  auto old = queries_->Get(filer, extended->communication.code, "");
  ASSERT_THAT(old.status(), IsOk());
  EXPECT_EQ(old->state, store::StoredState::kCorrected);
  EXPECT_EQ(old->next_code, corrected->communication.code);
  EXPECT_EQ(corrected->communication.previous_code, extended->communication.code);
  auto history = queries_->MyEmployment(Worker(hire.worker.fiscal_code), 0, "");
  ASSERT_THAT(history.status(), IsOk());
  ASSERT_EQ(history->relationships.size(), 1u);
  EXPECT_EQ(history->relationships[0].relationship.state.end, *hire.contract.end + 120);
  EXPECT_EQ(history->relationships[0].steps.size(), 3u);
  // Consumers that count (the observatory) move the corrected communication from the facts it
  // was published with to the new ones, and take back the relationship as it was published.
  const auto accepted = OutboxEvents<communications::v1::CommunicationAccepted>();
  const auto corrections = OutboxEvents<communications::v1::CommunicationCorrected>();
  const auto relationships = OutboxEvents<communications::v1::RelationshipChanged>();
  ASSERT_EQ(accepted.size(), 2u);
  ASSERT_EQ(corrections.size(), 1u);
  ASSERT_EQ(relationships.size(), 3u);
  EXPECT_EQ(corrections[0].previous_facts().SerializeAsString(),
            accepted[1].facts().SerializeAsString());
  EXPECT_EQ(relationships[1].previous_facts().SerializeAsString(),
            relationships[0].facts().SerializeAsString());
  EXPECT_EQ(relationships[2].previous_facts().SerializeAsString(),
            relationships[1].facts().SerializeAsString());
  EXPECT_EQ(relationships[2].facts().end_date(), absl::FormatCivilTime(*hire.contract.end + 120));
}

TEST_F(CommunicationsFilingTest, AHireCancelledBeforeItsStartCancelsTheRelationship) {
  const Communication hire = Hire();
  const Caller filer = Filer(hire.employer.fiscal_code);
  auto hired = filings_->File(filer, hire, "");
  ASSERT_THAT(hired.status(), IsOk());
  auto cancelled = filings_->Cancel(filer, hired->communication.code, "");
  ASSERT_THAT(cancelled.status(), IsOk());
  EXPECT_EQ(cancelled->communication.nature, Nature::kCancellation);
  auto history = queries_->MyEmployment(Worker(hire.worker.fiscal_code), 0, "");
  ASSERT_THAT(history.status(), IsOk());
  ASSERT_EQ(history->relationships.size(), 1u);
  EXPECT_EQ(history->relationships[0].relationship.state.status, RelationshipStatus::kCancelled);
  // A cancellation cannot itself be cancelled, and the hire may now be filed again.
  EXPECT_FALSE(filings_->Cancel(filer, cancelled->communication.code, "").ok());
  EXPECT_THAT(filings_->File(filer, hire, "").status(), IsOk());
}

// The rules of `findings`.
std::vector<std::string> Rules(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(f.rule);
  return out;
}

// A transfer of business (VARDATORI) from company A to company B moves the listed workers' open
// relationships with A to B: B files their next communications and A no longer can, the
// histories and the relationship events show B; cancelling the change moves them back.
TEST_F(CommunicationsFilingTest, AnEmployerChangeMovesTheListedWorkersRelationships) {
  const Communication first = Hire(11);
  Communication second = Hire(12);
  second.employer = first.employer;
  const Communication elsewhere = Hire(13);  // B, and a worker with no relationship here
  const std::string a = first.employer.fiscal_code;
  const std::string b = elsewhere.employer.fiscal_code;
  ASSERT_NE(a, b);
  ASSERT_NE(first.worker.fiscal_code, second.worker.fiscal_code);
  const std::vector<const Communication*> hires = {&first, &second};
  const Caller by_a = Filer(a);
  const Caller by_b = Filer(b);
  auto hired_first = filings_->File(by_a, first, "");
  ASSERT_THAT(hired_first.status(), IsOk());
  ASSERT_THAT(filings_->File(by_a, second, "").status(), IsOk());

  const Communication change = TransferOfBusiness(
      a, first.employer.name, elsewhere, std::max(first.contract.start, second.contract.start),
      {first.worker.fiscal_code, second.worker.fiscal_code, elsewhere.worker.fiscal_code});
  auto changed = filings_->File(by_b, change, "");
  ASSERT_THAT(changed.status(), IsOk());
  // The worker with no relationship with A is no error: a warning.
  EXPECT_THAT(Rules(changed->warnings), ::testing::Contains("VAR-013"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM employer_change_links"), 2);
  for (const Communication* hire : hires) {
    auto history = queries_->MyEmployment(Worker(hire->worker.fiscal_code), 0, "");
    ASSERT_THAT(history.status(), IsOk());
    ASSERT_EQ(history->relationships.size(), 1u);
    const RelationshipState& state = history->relationships[0].relationship.state;
    EXPECT_EQ(state.employer_fiscal_code, b);
    EXPECT_EQ(state.employer_name, elsewhere.employer.name);
    EXPECT_EQ(state.status, RelationshipStatus::kOpen);
    ASSERT_EQ(history->relationships[0].steps.size(), 2u);
    EXPECT_EQ(history->relationships[0].steps[1].communication.code, changed->communication.code);
  }
  // One RelationshipChanged per relationship moved: from the facts the hire published (A) to
  // the change's (B), the worker's facts kept, no fiscal code of a person.
  auto relationships = OutboxEvents<communications::v1::RelationshipChanged>();
  ASSERT_EQ(relationships.size(), 4u);
  for (int i : {2, 3}) {
    const auto& e = relationships[i];
    const auto& hired = relationships[i - 2];
    EXPECT_EQ(e.relationship_id(), hired.relationship_id());
    EXPECT_EQ(e.person_id(), hired.person_id());
    EXPECT_EQ(e.state(), "open");
    EXPECT_EQ(e.previous_state(), "open");
    EXPECT_EQ(e.previous_facts().SerializeAsString(), hired.facts().SerializeAsString());
    EXPECT_EQ(e.previous_facts().employer_id(), a);
    EXPECT_EQ(e.facts().employer_id(), b);
    EXPECT_EQ(e.facts().code(), changed->communication.code);
    EXPECT_EQ(e.facts().person_id(), hired.facts().person_id());
    EXPECT_EQ(e.facts().age_band(), hired.facts().age_band());
    EXPECT_EQ(e.facts().start_date(), hired.facts().start_date());
    EXPECT_EQ(e.facts().contract_type(), hired.facts().contract_type());
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE event_key = '" + first.worker.fiscal_code +
                  "' OR event_key = '" + second.worker.fiscal_code + "'"),
            0);

  // B terminates the first worker's relationship (found under B); A can no longer.
  Communication termination = first;
  termination.event = EventKind::kTermination;
  termination.termination =
      Termination{std::max(change.employer_change->date, platform::TodayInItaly(clock_)), "LI"};
  Communication by_old = termination;
  auto check = filings_->Check(by_a, by_old);
  ASSERT_THAT(check.status(), IsOk());
  EXPECT_THAT(Rules(check->findings), ::testing::Contains("VAR-014"));
  EXPECT_THAT(filings_->File(by_a, by_old, "").status(), HasReason("COMMUNICATION_REFUSED"));
  termination.employer = elsewhere.employer;
  auto terminated = filings_->File(by_b, termination, "");
  ASSERT_THAT(terminated.status(), IsOk());
  EXPECT_EQ(terminated->relationship_id, hired_first->relationship_id);
  EXPECT_EQ(terminated->seq, 3);
  relationships = OutboxEvents<communications::v1::RelationshipChanged>();
  ASSERT_EQ(relationships.size(), 5u);
  EXPECT_EQ(relationships[4].state(), "closed");
  // The facts the change was published with are the terminated relationship's previous ones.
  EXPECT_EQ(relationships[4].previous_facts().SerializeAsString(),
            relationships[2].facts().SerializeAsString());
  // The change is no longer the first relationship's last step: it cannot be cancelled until
  // the termination is.
  EXPECT_THAT(filings_->Cancel(by_b, changed->communication.code, "").status(),
              HasReason("COMMUNICATION_REFUSED"));
  ASSERT_THAT(filings_->Cancel(by_b, terminated->communication.code, "").status(), IsOk());

  // Cancelling the change moves both relationships back to A.
  auto cancelled = filings_->Cancel(by_b, changed->communication.code, "");
  ASSERT_THAT(cancelled.status(), IsOk());
  for (const Communication* hire : hires) {
    auto history = queries_->MyEmployment(Worker(hire->worker.fiscal_code), 0, "");
    ASSERT_THAT(history.status(), IsOk());
    ASSERT_EQ(history->relationships.size(), 1u);
    EXPECT_EQ(history->relationships[0].relationship.state.employer_fiscal_code, a);
    EXPECT_EQ(history->relationships[0].relationship.state.status, RelationshipStatus::kOpen);
  }
  relationships = OutboxEvents<communications::v1::RelationshipChanged>();
  ASSERT_EQ(relationships.size(), 8u);
  for (int i : {6, 7}) {
    EXPECT_EQ(relationships[i].previous_facts().employer_id(), b);
    EXPECT_EQ(relationships[i].facts().employer_id(), a);
    EXPECT_EQ(relationships[i].state(), "open");
  }
  // A files for them again; B no longer can.
  by_old.employer = first.employer;
  EXPECT_THAT(filings_->File(by_a, by_old, "").status(), IsOk());
}

TEST_F(CommunicationsFilingTest, StaffReadOthersHistoriesWithAReasonAndAreAudited) {
  const Communication hire = Hire();
  ASSERT_THAT(filings_->File(Filer(hire.employer.fiscal_code), hire, "").status(), IsOk());
  EXPECT_THAT(queries_->SearchEmployment(Operator(), hire.worker.fiscal_code, " ", 0, "").status(),
              HasReason("ACCESS_REASON_REQUIRED"));
  auto found = queries_->SearchEmployment(Operator(), hire.worker.fiscal_code,
                                          "colloquio di orientamento", 0, "");
  ASSERT_THAT(found.status(), IsOk());
  EXPECT_EQ(found->relationships.size(), 1u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM staff_audit WHERE action = 'SearchEmployment'"), 1);
  EXPECT_THAT(queries_
                  ->SearchEmployment(Worker(hire.worker.fiscal_code), hire.worker.fiscal_code,
                                     "curiosity", 0, "")
                  .status(),
              HasReason("STAFF_ONLY"));
  // Another citizen cannot read the communication; the worker can.
  auto list = queries_->MyEmployment(Worker(hire.worker.fiscal_code), 0, "");
  ASSERT_THAT(list.status(), IsOk());
  const std::string code = list->relationships[0].steps[0].communication.code;
  EXPECT_THAT(queries_->Get(Worker("RSSMRA85C12L219B"), code, "").status(),
              HasReason("NOT_YOUR_COMMUNICATION"));
  auto own = queries_->Get(Worker(hire.worker.fiscal_code), code, "");
  ASSERT_THAT(own.status(), IsOk());
  EXPECT_EQ(own->forwarding, "to_send");
}

}  // namespace
}  // namespace sisl::communications
