// Service requests: the draft's rules with specific reasons, the CPI they go to, every step of
// the life cycle (who may take it, from which state, with which message), reopening within 30
// days, and the thread. Each rule has a passing and a failing case.

#include "services/enterprise/domain/service_request.h"

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"
#include "services/platform/testing/status_matchers.h"

namespace sisl::enterprise {
namespace {

using platform::testing::HasReason;
using platform::testing::IsOk;
using platform::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using Action = ServiceRequestAction;
using Side = ServiceRequestSide;
using State = ServiceRequestState;
using Outcome = ServiceRequestOutcome;

const absl::Time kNow =
    absl::FromCivil(absl::CivilSecond(2026, 3, 2, 9, 0, 0), absl::UTCTimeZone());
constexpr char kCompany[] = "01234567897";
constexpr char kPerson[] = "RSSMRA80A01L219M";

ServiceRequestDraft Draft(ServiceRequestKind kind = ServiceRequestKind::kIncentivesInformation) {
  return {kind, "Incentivi per assunzioni under 36",
          "Vorremmo sapere quali incentivi si applicano.\nGrazie.", ""};
}

std::vector<std::string> Reasons(const ServiceRequestDraft& d) {
  std::vector<std::string> out;
  for (const FieldProblem& p : CheckServiceRequestDraft(d)) out.push_back(p.reason);
  return out;
}

Company Acme() {
  Company c;
  c.fiscal_code = kCompany;
  c.name = "ACME S.R.L.";
  c.registered_office = {"Sede legale", "001272", "Via Roma 1", "10121"};  // Torino
  return c;
}

ServiceRequest Submitted() {
  auto r = SubmitServiceRequest({"sr-1", kCompany, Draft(), "CPI-TO-15", kPerson, kNow});
  EXPECT_TRUE(r.ok()) << r.status();
  return *r;
}

ServiceRequestTransition Step(Action action, Side side, std::string message = "",
                              Outcome outcome = Outcome::kUnspecified,
                              absl::Duration later = absl::Hours(1)) {
  return {
      action,      side, side == Side::kOperator ? "op-7" : kPerson, outcome, std::move(message),
      kNow + later};
}

// Takes `r` through `steps`, failing the test on the first refusal.
ServiceRequest Through(ServiceRequest r, const std::vector<ServiceRequestTransition>& steps) {
  for (const ServiceRequestTransition& t : steps) {
    auto next = ApplyServiceRequestTransition(r, t);
    EXPECT_TRUE(next.ok()) << ServiceRequestActionName(t.action) << ": " << next.status();
    if (next.ok()) r = *next;
  }
  return r;
}

const ServiceRequestTransition kTake = Step(Action::kTakeInCharge, Side::kOperator);
const ServiceRequestTransition kAsk = Step(Action::kAsk, Side::kOperator, "Quanti assunti?");
const ServiceRequestTransition kAnswer = Step(Action::kAnswer, Side::kCompany, "Due.");
const ServiceRequestTransition kResolve =
    Step(Action::kClose, Side::kOperator, "", Outcome::kResolved);

TEST(ServiceRequestNames, AreStable) {
  EXPECT_EQ(ServiceRequestKindName(ServiceRequestKind::kL68Placement), "l68_placement");
  EXPECT_EQ(ServiceRequestStateName(State::kWaitingForCompany), "waiting_for_company");
  EXPECT_EQ(ServiceRequestOutcomeName(Outcome::kUnspecified), "");
  EXPECT_EQ(ServiceRequestActionName(Action::kTakeInCharge), "take_in_charge");
  EXPECT_EQ(ServiceRequestSideName(Side::kOperator), "operator");
}

TEST(ServiceRequestDraftTest, AValidDraftHasNoProblem) {
  EXPECT_THAT(Reasons(Draft()), IsEmpty());
  ServiceRequestDraft linked = Draft(ServiceRequestKind::kPreselection);
  linked.vacancy_id = "v-1";
  EXPECT_THAT(ValidateServiceRequestDraft(linked), IsOk());
}

TEST(ServiceRequestDraftTest, KindIsRequired) {
  EXPECT_THAT(Reasons(Draft(ServiceRequestKind::kL68Placement)), IsEmpty());
  EXPECT_THAT(Reasons(Draft(ServiceRequestKind::kUnspecified)), ElementsAre("KIND_REQUIRED"));
}

TEST(ServiceRequestDraftTest, SubjectIsOneLineOfThreeTo150Characters) {
  ServiceRequestDraft d = Draft();
  d.subject = "  Tirocinio  ";  // blanks around are kept, as the API's pattern allows
  EXPECT_THAT(Reasons(d), IsEmpty());
  d.subject = std::string(150, 'x');
  EXPECT_THAT(Reasons(d), IsEmpty());
  d.subject.clear();
  for (int i = 0; i < 150; ++i) d.subject += "è";  // counted in characters, not bytes
  EXPECT_THAT(Reasons(d), IsEmpty());
  d.subject = std::string(151, 'x');
  EXPECT_THAT(Reasons(d), ElementsAre("SUBJECT_TOO_LONG"));
  d.subject = "ab";
  EXPECT_THAT(Reasons(d), ElementsAre("SUBJECT_TOO_SHORT"));
  d.subject = "   ";
  EXPECT_THAT(Reasons(d), ElementsAre("SUBJECT_REQUIRED"));
  d.subject = "";
  EXPECT_THAT(Reasons(d), ElementsAre("SUBJECT_REQUIRED"));
  d.subject = "Tirocinio\ncurricolare";
  EXPECT_THAT(Reasons(d), ElementsAre("INVALID_SUBJECT"));
}

TEST(ServiceRequestDraftTest, DescriptionIsNotBlankAndAtMost4000Characters) {
  ServiceRequestDraft d = Draft();
  d.description = std::string(4000, 'x');
  EXPECT_THAT(Reasons(d), IsEmpty());
  d.description = std::string(4001, 'x');
  EXPECT_THAT(Reasons(d), ElementsAre("DESCRIPTION_TOO_LONG"));
  d.description = " \n\t\x01 ";
  EXPECT_THAT(Reasons(d), ElementsAre("DESCRIPTION_REQUIRED"));
}

TEST(ServiceRequestDraftTest, OnlyAPreselectionNamesAVacancy) {
  ServiceRequestDraft d = Draft(ServiceRequestKind::kTraineeshipActivation);
  d.vacancy_id = "v-1";
  EXPECT_THAT(Reasons(d), ElementsAre("VACANCY_ONLY_FOR_PRESELECTION"));
  d.kind = ServiceRequestKind::kPreselection;
  EXPECT_THAT(Reasons(d), IsEmpty());
}

TEST(ServiceRequestDraftTest, EveryProblemIsReportedWithItsField) {
  const absl::Status st = ValidateServiceRequestDraft({ServiceRequestKind::kUnspecified, "", ""});
  EXPECT_THAT(st, HasReason("KIND_REQUIRED"));
  EXPECT_THAT(st, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(platform::ErrorMetadata(st)["reasons"],
            "KIND_REQUIRED,SUBJECT_REQUIRED,DESCRIPTION_REQUIRED");
}

TEST(ServiceRequestTextTest, ControlCharactersOtherThanLineBreaksAndTabsAreRemoved) {
  EXPECT_EQ(CleanServiceRequestText(std::string("a\x00"
                                                "b\x1b[1m\tc\r\nè",
                                                13)),
            "ab[1m\tc\r\nè");
  EXPECT_EQ(CleanServiceRequestText("Buongiorno,\n\tgrazie"), "Buongiorno,\n\tgrazie");
}

TEST(AssignCpiTest, TheRegisteredOfficesCompetentCpi) {
  EXPECT_EQ(AssignCpi(Acme(), Draft(), std::nullopt).value_or(""), "CPI-TO-15");
}

TEST(AssignCpiTest, APreselectionForAVacancyGoesToTheVacancysCpi) {
  ServiceRequestDraft d = Draft(ServiceRequestKind::kPreselection);
  d.vacancy_id = "v-1";
  EXPECT_EQ(AssignCpi(Acme(), d, LinkedVacancy{"v-1", kCompany, "CPI-CN-02", false}).value_or(""),
            "CPI-CN-02");
  // A workplace outside Piedmont has no CPI: the registered office's.
  EXPECT_EQ(AssignCpi(Acme(), d, LinkedVacancy{"v-1", kCompany, "", false}).value_or(""),
            "CPI-TO-15");
  EXPECT_THAT(AssignCpi(Acme(), d, std::nullopt), HasReason("LINKED_VACANCY_NOT_FOUND"));
  EXPECT_THAT(AssignCpi(Acme(), d, LinkedVacancy{"v-1", "09876543217", "CPI-TO-15", false}),
              HasReason("LINKED_VACANCY_NOT_FOUND"));
  EXPECT_THAT(AssignCpi(Acme(), d, LinkedVacancy{"v-1", kCompany, "CPI-TO-15", true}),
              HasReason("LINKED_VACANCY_CLOSED"));
}

TEST(AssignCpiTest, OutsidePiedmontTheFirstSiteInPiedmontElseNone) {
  Company milano = Acme();
  milano.registered_office.municipality_istat_code = "015146";  // Milano
  EXPECT_THAT(AssignCpi(milano, Draft(), std::nullopt), HasReason("NO_COMPETENT_CPI"));
  milano.operating_sites = {{"Magazzino", "015146", "Via Po 1", ""},
                            {"Stabilimento", "001272", "Via Nizza 2", ""}};
  EXPECT_EQ(AssignCpi(milano, Draft(), std::nullopt).value_or(""), "CPI-TO-15");
}

TEST(SubmitTest, OpensASubmittedRequestWithItsFirstStep) {
  const ServiceRequest r = Submitted();
  EXPECT_EQ(r.state, State::kSubmitted);
  EXPECT_EQ(r.cpi_code, "CPI-TO-15");
  EXPECT_EQ(r.created_by, kPerson);
  ASSERT_EQ(r.history.size(), 1u);
  EXPECT_EQ(r.history[0].action, Action::kSubmit);
  EXPECT_THAT(r.messages, IsEmpty());
  EXPECT_THAT(SubmitServiceRequest({"sr-2", kCompany, {}, "CPI-TO-15", kPerson, kNow}),
              HasReason("KIND_REQUIRED"));
}

TEST(TransitionTest, TheWholePathKeepsEveryStepAndMessage) {
  const ServiceRequest r = Through(Submitted(), {kTake, kAsk, kAnswer, kAsk, kAnswer, kResolve});
  EXPECT_EQ(r.state, State::kClosed);
  EXPECT_EQ(r.outcome, Outcome::kResolved);
  EXPECT_EQ(r.handler, "op-7");
  ASSERT_TRUE(r.closed_at.has_value());
  ASSERT_EQ(r.history.size(), 7u);
  EXPECT_EQ(r.history[2].from, State::kTakenInCharge);
  EXPECT_EQ(r.history[2].to, State::kWaitingForCompany);
  EXPECT_EQ(r.history[6].outcome, Outcome::kResolved);
  ASSERT_EQ(r.messages.size(), 4u);  // two questions, two answers
  EXPECT_EQ(r.messages[1].sequence, 2);
  EXPECT_EQ(r.messages[1].side, Side::kCompany);
  EXPECT_EQ(r.messages[1].action, Action::kAnswer);
  EXPECT_EQ(r.messages[1].text, "Due.");
}

TEST(TransitionTest, EachSideTakesOnlyItsSteps) {
  const ServiceRequest submitted = Submitted();
  EXPECT_THAT(ApplyServiceRequestTransition(submitted, Step(Action::kTakeInCharge, Side::kCompany)),
              HasReason("SERVICE_REQUEST_ACTION_NOT_ALLOWED"));
  EXPECT_THAT(ApplyServiceRequestTransition(submitted, kTake), IsOk());
  const ServiceRequest waiting = Through(submitted, {kTake, kAsk});
  EXPECT_THAT(ApplyServiceRequestTransition(waiting, Step(Action::kAnswer, Side::kOperator, "x")),
              HasReason("SERVICE_REQUEST_ACTION_NOT_ALLOWED"));
  EXPECT_THAT(ApplyServiceRequestTransition(waiting, kAnswer), IsOk());
  EXPECT_THAT(ApplyServiceRequestTransition(waiting, Step(Action::kWithdraw, Side::kOperator)),
              HasReason("SERVICE_REQUEST_ACTION_NOT_ALLOWED"));
  EXPECT_THAT(ApplyServiceRequestTransition(waiting, Step(Action::kWithdraw, Side::kCompany)),
              IsOk());
  EXPECT_THAT(ApplyServiceRequestTransition(
                  waiting, Step(Action::kClose, Side::kCompany, "", Outcome::kResolved)),
              HasReason("SERVICE_REQUEST_ACTION_NOT_ALLOWED"));
  EXPECT_THAT(ApplyServiceRequestTransition(waiting, kResolve), IsOk());
  EXPECT_THAT(ApplyServiceRequestTransition(waiting, Step(Action::kAsk, Side::kCompany, "?")),
              HasReason("SERVICE_REQUEST_ACTION_NOT_ALLOWED"));
}

TEST(TransitionTest, StepsAreRefusedFromTheWrongState) {
  const ServiceRequest submitted = Submitted();
  auto st = ApplyServiceRequestTransition(submitted, kAsk);
  EXPECT_THAT(st, HasReason("INVALID_SERVICE_REQUEST_TRANSITION"));
  EXPECT_THAT(st, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(platform::ErrorMetadata(st.status())["state"], "submitted");
  EXPECT_THAT(ApplyServiceRequestTransition(submitted, kAnswer),
              HasReason("INVALID_SERVICE_REQUEST_TRANSITION"));
  EXPECT_THAT(ApplyServiceRequestTransition(submitted, kResolve),  // take it in charge first
              HasReason("INVALID_SERVICE_REQUEST_TRANSITION"));
  const ServiceRequest taken = Through(submitted, {kTake});
  EXPECT_THAT(ApplyServiceRequestTransition(taken, kTake),
              HasReason("INVALID_SERVICE_REQUEST_TRANSITION"));
  const ServiceRequest closed = Through(taken, {kResolve});
  EXPECT_THAT(ApplyServiceRequestTransition(closed, Step(Action::kWithdraw, Side::kCompany)),
              HasReason("INVALID_SERVICE_REQUEST_TRANSITION"));
  EXPECT_THAT(ApplyServiceRequestTransition(taken, Step(Action::kReopen, Side::kCompany, "x")),
              HasReason("INVALID_SERVICE_REQUEST_TRANSITION"));
  EXPECT_THAT(ApplyServiceRequestTransition(taken, Step(Action::kSubmit, Side::kCompany)),
              HasReason("INVALID_SERVICE_REQUEST_TRANSITION"));
}

TEST(TransitionTest, ClosingNeedsAnOutcomeAndARejectionItsReason) {
  const ServiceRequest submitted = Submitted();
  EXPECT_THAT(ApplyServiceRequestTransition(submitted, Step(Action::kClose, Side::kOperator)),
              HasReason("OUTCOME_REQUIRED"));
  EXPECT_THAT(ApplyServiceRequestTransition(
                  submitted, Step(Action::kClose, Side::kOperator, "", Outcome::kWithdrawn)),
              HasReason("INVALID_OUTCOME"));
  EXPECT_THAT(ApplyServiceRequestTransition(
                  submitted, Step(Action::kClose, Side::kOperator, " \n", Outcome::kRejected)),
              HasReason("REJECTION_REASON_REQUIRED"));
  auto rejected = ApplyServiceRequestTransition(
      submitted, Step(Action::kClose, Side::kOperator, "Non di competenza", Outcome::kRejected));
  ASSERT_THAT(rejected, IsOk());
  EXPECT_EQ(rejected->outcome, Outcome::kRejected);
  ASSERT_EQ(rejected->messages.size(), 1u);
  EXPECT_EQ(rejected->messages[0].action, Action::kClose);
  auto withdrawn =
      ApplyServiceRequestTransition(submitted, Step(Action::kWithdraw, Side::kCompany));
  ASSERT_THAT(withdrawn, IsOk());
  EXPECT_EQ(withdrawn->outcome, Outcome::kWithdrawn);
  EXPECT_THAT(withdrawn->messages, IsEmpty());  // an optional note
}

TEST(TransitionTest, QuestionsAndAnswersCarryTheirText) {
  const ServiceRequest taken = Through(Submitted(), {kTake});
  EXPECT_THAT(ApplyServiceRequestTransition(taken, Step(Action::kAsk, Side::kOperator, "\x01 ")),
              HasReason("QUESTION_REQUIRED"));
  const ServiceRequest waiting = Through(taken, {kAsk});
  EXPECT_THAT(ApplyServiceRequestTransition(waiting, Step(Action::kAnswer, Side::kCompany)),
              HasReason("ANSWER_REQUIRED"));
  EXPECT_THAT(ApplyServiceRequestTransition(
                  waiting, Step(Action::kAnswer, Side::kCompany, std::string(4001, 'x'))),
              HasReason("MESSAGE_TEXT_TOO_LONG"));
  EXPECT_THAT(ApplyServiceRequestTransition(
                  waiting, Step(Action::kAnswer, Side::kCompany, std::string(4000, 'x'))),
              IsOk());
}

TEST(TransitionTest, ReopeningWithin30DaysAtMostThreeTimes) {
  const ServiceRequest resolved = Through(Submitted(), {kTake, kResolve});
  // 30 days after the closure (one hour after creation) is still in time; a minute later is not.
  auto in_time = ApplyServiceRequestTransition(
      resolved, Step(Action::kReopen, Side::kCompany, "Non risolto", Outcome::kUnspecified,
                     absl::Hours(1 + 24 * 30)));
  ASSERT_THAT(in_time, IsOk());
  EXPECT_EQ(in_time->state, State::kAnswered);  // back with its operator
  EXPECT_EQ(in_time->outcome, Outcome::kUnspecified);
  EXPECT_FALSE(in_time->closed_at.has_value());
  EXPECT_EQ(in_time->reopen_count, 1);
  EXPECT_THAT(
      ApplyServiceRequestTransition(
          resolved, Step(Action::kReopen, Side::kCompany, "Non risolto", Outcome::kUnspecified,
                         absl::Hours(1 + 24 * 30) + absl::Minutes(1))),
      HasReason("REOPEN_WINDOW_EXPIRED"));
  EXPECT_THAT(ApplyServiceRequestTransition(resolved, Step(Action::kReopen, Side::kCompany)),
              HasReason("REOPEN_REASON_REQUIRED"));

  const ServiceRequestTransition reopen = Step(Action::kReopen, Side::kCompany, "Ancora");
  const ServiceRequest thrice =
      Through(resolved, {reopen, kResolve, reopen, kResolve, reopen, kResolve});
  EXPECT_EQ(thrice.reopen_count, 3);
  EXPECT_THAT(ApplyServiceRequestTransition(thrice, reopen), HasReason("REOPEN_LIMIT_REACHED"));
}

TEST(TransitionTest, WhoReopensDecidesWhereItGoes) {
  const ServiceRequestTransition by_company = Step(Action::kReopen, Side::kCompany, "Ancora");
  const ServiceRequestTransition by_operator = Step(Action::kReopen, Side::kOperator, "Errore");
  const ServiceRequest rejected =
      Through(Submitted(), {Step(Action::kClose, Side::kOperator, "No", Outcome::kRejected)});
  EXPECT_EQ(ApplyServiceRequestTransition(rejected, by_company)->state, State::kSubmitted);
  auto reopened = ApplyServiceRequestTransition(rejected, by_operator);
  ASSERT_THAT(reopened, IsOk());
  EXPECT_EQ(reopened->state, State::kTakenInCharge);
  EXPECT_EQ(reopened->handler, "op-7");
  // The operator does not revive what the company withdrew; the company may.
  const ServiceRequest withdrawn = Through(Submitted(), {Step(Action::kWithdraw, Side::kCompany)});
  EXPECT_THAT(ApplyServiceRequestTransition(withdrawn, by_operator),
              HasReason("SERVICE_REQUEST_ACTION_NOT_ALLOWED"));
  EXPECT_THAT(ApplyServiceRequestTransition(withdrawn, by_company), IsOk());
}

TEST(MessageTest, BothSidesWriteWhileOpenWithoutChangingTheState) {
  const ServiceRequest r = Submitted();
  auto one = AddServiceRequestMessage(r, Side::kCompany, kPerson, "Aggiungo\tun dettaglio", kNow);
  ASSERT_THAT(one, IsOk());
  auto two = AddServiceRequestMessage(*one, Side::kOperator, "op-7", "Ricevuto", kNow);
  ASSERT_THAT(two, IsOk());
  EXPECT_EQ(two->state, State::kSubmitted);
  ASSERT_EQ(two->messages.size(), 2u);
  EXPECT_EQ(two->messages[1].sequence, 2);
  EXPECT_EQ(two->messages[1].action, Action::kUnspecified);
  EXPECT_THAT(r.messages, IsEmpty());  // the input is not changed
  EXPECT_THAT(AddServiceRequestMessage(r, Side::kUnspecified, "x", "Ciao", kNow),
              HasReason("SERVICE_REQUEST_ACTION_NOT_ALLOWED"));
}

TEST(MessageTest, TextRules) {
  const ServiceRequest r = Submitted();
  EXPECT_THAT(AddServiceRequestMessage(r, Side::kCompany, kPerson, " \r\n", kNow),
              HasReason("MESSAGE_TEXT_REQUIRED"));
  EXPECT_THAT(AddServiceRequestMessage(r, Side::kCompany, kPerson, std::string(4001, 'x'), kNow),
              HasReason("MESSAGE_TEXT_TOO_LONG"));
  auto cleaned = AddServiceRequestMessage(r, Side::kCompany, kPerson, "ok\x07", kNow);
  ASSERT_THAT(cleaned, IsOk());
  EXPECT_EQ(cleaned->messages[0].text, "ok");
  const ServiceRequest closed = Through(r, {Step(Action::kWithdraw, Side::kCompany)});
  EXPECT_THAT(AddServiceRequestMessage(closed, Side::kCompany, kPerson, "Ciao", kNow),
              HasReason("SERVICE_REQUEST_CLOSED"));
}

TEST(MessageTest, AFullThreadTakesNoMoreMessagesButCanBeClosed) {
  ServiceRequest r = Through(Submitted(), {kTake});
  for (size_t i = 0; i + 1 < kMaxThreadMessages; ++i) {
    r = *AddServiceRequestMessage(r, Side::kCompany, kPerson, "msg", kNow);
  }
  EXPECT_THAT(ApplyServiceRequestTransition(r, kAsk), IsOk());  // the 200th
  r = *AddServiceRequestMessage(r, Side::kCompany, kPerson, "msg", kNow);
  EXPECT_THAT(AddServiceRequestMessage(r, Side::kCompany, kPerson, "msg", kNow),
              HasReason("TOO_MANY_MESSAGES"));
  EXPECT_THAT(ApplyServiceRequestTransition(r, kAsk), HasReason("TOO_MANY_MESSAGES"));
  auto closed = ApplyServiceRequestTransition(
      r, Step(Action::kClose, Side::kOperator, "Chiusa", Outcome::kResolved));
  ASSERT_THAT(closed, IsOk());
  EXPECT_EQ(closed->messages.size(), kMaxThreadMessages + 1);
}

}  // namespace
}  // namespace sisl::enterprise
