// Vacancies: content validation with specific reasons, the life cycle (every valid transition,
// invalid ones refused), the expiry rule.

#include "services/enterprise/domain/vacancy.h"

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
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

const absl::CivilDay kToday(2026, 3, 2);
const absl::Time kNow =
    absl::FromCivil(absl::CivilSecond(2026, 3, 2, 9, 0, 0), absl::UTCTimeZone());

VacancyContent Content() {
  VacancyContent c;
  c.title = "Sviluppatore software C++";
  c.description = "Sviluppo e manutenzione di servizi per il lavoro.";
  c.profession_code = "2.1.1.4.1";
  c.positions = 2;
  c.contract_type = "A.01.00";
  c.ccnl_code = "001";
  c.ccnl_level = "5";
  c.salary = SalaryBand{2'800'000, 3'500'000, SalaryPeriod::kYear};
  c.workplace_municipality = "001272";
  c.working_time = "F";
  c.weekly_hours = 40;
  c.education = EducationRequirement{"70", RequirementLevel::kPreferred};
  c.experience = ExperienceRequirement{24, RequirementLevel::kRequired};
  c.languages = {{"en", CefrLevel::kB2, RequirementLevel::kRequired}};
  c.it_skills = {{"C++", RequirementLevel::kRequired},
                 {"PostgreSQL", RequirementLevel::kPreferred}};
  c.driving_licences = {{"B", RequirementLevel::kPreferred}};
  c.professional_registers = {{"Albo degli ingegneri", RequirementLevel::kPreferred}};
  c.l68_reservation = L68Reservation::kNone;
  c.publication_date = absl::CivilDay(2026, 3, 5);
  c.expiry_date = absl::CivilDay(2026, 4, 30);
  return c;
}

Vacancy Draft() {
  Vacancy v;
  v.id = "v-1";
  v.company = "01234567897";
  v.content = Content();
  return v;
}

VacancyTransition Act(VacancyAction action, VacancyActorRole role, absl::CivilDay today = kToday) {
  VacancyTransition t;
  t.action = action;
  t.role = role;
  t.actor = role == VacancyActorRole::kOperator ? "op-7"
            : role == VacancyActorRole::kSystem ? "system"
                                                : "RSSMRA70E17L219X";
  t.today = today;
  t.at = kNow;
  return t;
}

VacancyTransition Close(ClosureReason reason, VacancyActorRole role,
                        absl::CivilDay today = kToday) {
  VacancyTransition t = Act(VacancyAction::kClose, role, today);
  t.closure = reason;
  return t;
}

VacancyTransition SendBack(std::vector<std::string> reasons) {
  VacancyTransition t = Act(VacancyAction::kSendBack, VacancyActorRole::kOperator);
  t.reasons = std::move(reasons);
  return t;
}

// Applies `t`, failing the test when refused.
Vacancy Must(const Vacancy& v, const VacancyTransition& t) {
  absl::StatusOr<Vacancy> next = ApplyTransition(v, t);
  EXPECT_TRUE(next.ok()) << VacancyActionName(t.action) << ": " << next.status();
  return next.ok() ? *next : v;
}

const absl::CivilDay kPublication(2026, 3, 5);

Vacancy Published() {
  Vacancy v = Must(Draft(), Act(VacancyAction::kSubmit, VacancyActorRole::kCompany));
  v = Must(v, Act(VacancyAction::kApprove, VacancyActorRole::kOperator));
  return Must(v, Act(VacancyAction::kPublish, VacancyActorRole::kOperator, kPublication));
}

TEST(VacancyContentTest, ValidContentHasNoProblems) {
  EXPECT_THAT(CheckVacancyContent(Content()), IsEmpty());
  EXPECT_THAT(ValidateVacancyContent(Content()), IsOk());
  VacancyContent six_levels = Content();
  six_levels.profession_code = "2.1.1.4.1.11";  // the CO's sixth level is accepted too
  EXPECT_THAT(CheckVacancyContent(six_levels), IsEmpty());
}

struct BadContent {
  std::string name;
  void (*mutate)(VacancyContent&);
  std::string field;
  std::string reason;
};

class VacancyValidationTest : public ::testing::TestWithParam<BadContent> {};

TEST_P(VacancyValidationTest, ReportsTheFieldAndReason) {
  VacancyContent c = Content();
  GetParam().mutate(c);
  const std::vector<FieldProblem> problems = CheckVacancyContent(c);
  ASSERT_EQ(problems.size(), 1u) << GetParam().name;
  EXPECT_EQ(problems[0].field, GetParam().field);
  EXPECT_EQ(problems[0].reason, GetParam().reason);
  const absl::Status st = ValidateVacancyContent(c);
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(platform::ErrorReason(st), GetParam().reason);
  ASSERT_EQ(platform::ErrorFieldViolations(st).size(), 1u);
  EXPECT_EQ(platform::ErrorFieldViolations(st)[0].field, GetParam().field);
}

INSTANTIATE_TEST_SUITE_P(
    Vacancies, VacancyValidationTest,
    ::testing::Values(
        BadContent{"title", [](VacancyContent& c) { c.title = "C"; }, "title", "INVALID_TITLE"},
        BadContent{"description", [](VacancyContent& c) { c.description.clear(); }, "description",
                   "INVALID_DESCRIPTION"},
        BadContent{"no profession", [](VacancyContent& c) { c.profession_code.clear(); },
                   "profession_code", "PROFESSION_REQUIRED"},
        BadContent{"malformed profession", [](VacancyContent& c) { c.profession_code = "2.1.1"; },
                   "profession_code", "MALFORMED_PROFESSION_CODE"},
        BadContent{"unknown profession", [](VacancyContent& c) { c.profession_code = "9.9.9.9.9"; },
                   "profession_code", "UNKNOWN_PROFESSION_CODE"},
        BadContent{"positions", [](VacancyContent& c) { c.positions = 0; }, "positions",
                   "INVALID_POSITIONS"},
        BadContent{"no contract", [](VacancyContent& c) { c.contract_type.clear(); },
                   "contract_type", "CONTRACT_TYPE_REQUIRED"},
        BadContent{"contract", [](VacancyContent& c) { c.contract_type = "A0100"; },
                   "contract_type", "MALFORMED_CONTRACT_TYPE"},
        BadContent{"ccnl", [](VacancyContent& c) { c.ccnl_code = "1"; }, "ccnl_code",
                   "MALFORMED_CCNL_CODE"},
        BadContent{"level without ccnl", [](VacancyContent& c) { c.ccnl_code.clear(); },
                   "ccnl_level", "CCNL_REQUIRED_FOR_LEVEL"},
        BadContent{"salary band",
                   [](VacancyContent& c) { c.salary->min_cents = c.salary->max_cents + 1; },
                   "salary.min_cents", "SALARY_MIN_ABOVE_MAX"},
        BadContent{"salary amounts", [](VacancyContent& c) { c.salary->max_cents = 0; }, "salary",
                   "INVALID_SALARY"},
        BadContent{"salary period",
                   [](VacancyContent& c) { c.salary->period = SalaryPeriod::kUnspecified; },
                   "salary.period", "SALARY_PERIOD_REQUIRED"},
        BadContent{"municipality shape",
                   [](VacancyContent& c) { c.workplace_municipality = "L219"; },
                   "workplace_municipality", "MALFORMED_MUNICIPALITY_CODE"},
        BadContent{"unknown municipality",
                   [](VacancyContent& c) { c.workplace_municipality = "001999"; },
                   "workplace_municipality", "UNKNOWN_MUNICIPALITY_CODE"},
        BadContent{"suppressed municipality",
                   [](VacancyContent& c) { c.workplace_municipality = "018082"; },
                   "workplace_municipality", "MUNICIPALITY_NOT_IN_FORCE"},
        BadContent{"no working time", [](VacancyContent& c) { c.working_time.clear(); },
                   "working_time", "WORKING_TIME_REQUIRED"},
        BadContent{"working time", [](VacancyContent& c) { c.working_time = "FT"; }, "working_time",
                   "MALFORMED_WORKING_TIME_CODE"},
        BadContent{"hours", [](VacancyContent& c) { c.weekly_hours = 60; }, "weekly_hours",
                   "INVALID_WEEKLY_HOURS"},
        BadContent{"duration", [](VacancyContent& c) { c.duration_months = 0; }, "duration_months",
                   "INVALID_DURATION"},
        BadContent{"fixed term without duration",
                   [](VacancyContent& c) { c.contract_type = "A.02.00"; }, "duration_months",
                   "DURATION_REQUIRED_FOR_FIXED_TERM"},
        BadContent{"education", [](VacancyContent& c) { c.education->level_code = "7"; },
                   "education.level_code", "MALFORMED_EDUCATION_LEVEL"},
        BadContent{
            "education level",
            [](VacancyContent& c) { c.education->requirement = RequirementLevel::kUnspecified; },
            "education.requirement", "REQUIREMENT_LEVEL_REQUIRED"},
        BadContent{"experience", [](VacancyContent& c) { c.experience->months = -1; },
                   "experience.months", "INVALID_EXPERIENCE"},
        BadContent{"language code", [](VacancyContent& c) { c.languages[0].language = "ENG"; },
                   "languages[0].language", "INVALID_LANGUAGE_CODE"},
        BadContent{"cefr",
                   [](VacancyContent& c) { c.languages[0].level = CefrLevel::kUnspecified; },
                   "languages[0].level", "CEFR_LEVEL_REQUIRED"},
        BadContent{"duplicate language",
                   [](VacancyContent& c) {
                     c.languages.push_back({"en", CefrLevel::kC1, RequirementLevel::kPreferred});
                   },
                   "languages[1].language", "DUPLICATE_LANGUAGE"},
        BadContent{"it skill", [](VacancyContent& c) { c.it_skills[1].value.clear(); },
                   "it_skills[1].value", "INVALID_IT_SKILL"},
        BadContent{"licence", [](VacancyContent& c) { c.driving_licences[0].value = "Z"; },
                   "driving_licences[0].value", "INVALID_DRIVING_LICENCE"},
        BadContent{
            "register",
            [](VacancyContent& c) { c.professional_registers[0].value = std::string(201, 'x'); },
            "professional_registers[0].value", "INVALID_PROFESSIONAL_REGISTER"},
        BadContent{
            "requirement level",
            [](VacancyContent& c) { c.it_skills[0].requirement = RequirementLevel::kUnspecified; },
            "it_skills[0].requirement", "REQUIREMENT_LEVEL_REQUIRED"},
        BadContent{"reservation",
                   [](VacancyContent& c) { c.l68_reservation = L68Reservation::kUnspecified; },
                   "l68_reservation", "L68_RESERVATION_REQUIRED"},
        BadContent{"dates", [](VacancyContent& c) { c.expiry_date = absl::CivilDay(2026, 3, 4); },
                   "expiry_date", "EXPIRY_BEFORE_PUBLICATION"}),
    [](const ::testing::TestParamInfo<BadContent>& info) {
      std::string name = info.param.name;
      for (char& ch : name) {
        if (!absl::ascii_isalnum(static_cast<unsigned char>(ch))) ch = '_';
      }
      return name;
    });

TEST(VacancyContentTest, EveryProblemIsReported) {
  VacancyContent c = Content();
  c.title.clear();
  c.positions = 1000;
  c.driving_licences[0].value = "b";
  const std::vector<FieldProblem> problems = CheckVacancyContent(c);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].reason, "INVALID_TITLE");
  EXPECT_EQ(problems[1].reason, "INVALID_POSITIONS");
  EXPECT_EQ(problems[2].reason, "INVALID_DRIVING_LICENCE");
  const absl::Status st = ValidateVacancyContent(c);
  EXPECT_EQ(platform::ErrorMetadata(st)["reasons"],
            "INVALID_TITLE,INVALID_POSITIONS,INVALID_DRIVING_LICENCE");
  EXPECT_EQ(platform::ErrorFieldViolations(st).size(), 3u);
}

TEST(VacancyContentTest, FixedTermWithDurationAndReservedVacancies) {
  VacancyContent c = Content();
  c.contract_type = "A.02.00";
  c.duration_months = 12;
  c.l68_reservation = L68Reservation::kDisabled;
  EXPECT_THAT(CheckVacancyContent(c), IsEmpty());
  c.l68_reservation = L68Reservation::kProtected;
  EXPECT_THAT(CheckVacancyContent(c), IsEmpty());
}

TEST(VacancyLifecycleTest, EveryValidTransition) {
  Vacancy v = Draft();
  EXPECT_EQ(v.state, VacancyState::kDraft);
  v = Must(v, Act(VacancyAction::kSubmit, VacancyActorRole::kCompany));
  EXPECT_EQ(v.state, VacancyState::kSubmitted);
  v = Must(v, Act(VacancyAction::kApprove, VacancyActorRole::kOperator));
  EXPECT_EQ(v.state, VacancyState::kApproved);
  v = Must(v, Act(VacancyAction::kPublish, VacancyActorRole::kOperator, kPublication));
  EXPECT_EQ(v.state, VacancyState::kPublished);
  v = Must(v, Act(VacancyAction::kSuspend, VacancyActorRole::kCompany));
  EXPECT_EQ(v.state, VacancyState::kSuspended);
  v = Must(v, Act(VacancyAction::kResume, VacancyActorRole::kOperator));
  EXPECT_EQ(v.state, VacancyState::kPublished);
  v = Must(v, Close(ClosureReason::kFilled, VacancyActorRole::kCompany));
  EXPECT_EQ(v.state, VacancyState::kClosed);
  EXPECT_EQ(v.closure, ClosureReason::kFilled);
  ASSERT_EQ(v.history.size(), 6u);
  EXPECT_EQ(v.history[0].action, VacancyAction::kSubmit);
  EXPECT_EQ(v.history[0].from, VacancyState::kDraft);
  EXPECT_EQ(v.history[0].to, VacancyState::kSubmitted);
  EXPECT_EQ(v.history[0].role, VacancyActorRole::kCompany);
  EXPECT_EQ(v.history[1].actor, "op-7");
  EXPECT_EQ(v.history[1].at, kNow);
  EXPECT_EQ(v.history[5].closure, ClosureReason::kFilled);
}

TEST(VacancyLifecycleTest, SentBackWithReasonsThenResubmitted) {
  Vacancy v = Must(Draft(), Act(VacancyAction::kSubmit, VacancyActorRole::kCompany));
  v = Must(v, SendBack({"togliere il riferimento all'età", "indicare il CCNL"}));
  EXPECT_EQ(v.state, VacancyState::kSentBack);
  EXPECT_THAT(v.send_back_reasons,
              ElementsAre("togliere il riferimento all'età", "indicare il CCNL"));
  EXPECT_THAT(v.history.back().reasons,
              ElementsAre("togliere il riferimento all'età", "indicare il CCNL"));
  VacancyContent fixed = v.content;
  fixed.title = "Sviluppatrice o sviluppatore C++";
  absl::StatusOr<Vacancy> edited = EditContent(v, fixed);
  ASSERT_THAT(edited, IsOk());
  v = Must(*edited, Act(VacancyAction::kSubmit, VacancyActorRole::kCompany));
  EXPECT_EQ(v.state, VacancyState::kSubmitted);
  EXPECT_THAT(v.send_back_reasons, IsEmpty());
  EXPECT_EQ(v.history.size(), 3u);
}

TEST(VacancyLifecycleTest, SystemPublishesOnThePublicationDate) {
  Vacancy v = Must(Draft(), Act(VacancyAction::kSubmit, VacancyActorRole::kCompany));
  v = Must(v, Act(VacancyAction::kApprove, VacancyActorRole::kOperator));
  EXPECT_THAT(ApplyTransition(v, Act(VacancyAction::kPublish, VacancyActorRole::kSystem)),
              HasReason("PUBLICATION_DATE_NOT_REACHED"));
  v = Must(v, Act(VacancyAction::kPublish, VacancyActorRole::kSystem, kPublication));
  EXPECT_EQ(v.state, VacancyState::kPublished);
  EXPECT_EQ(v.history.back().role, VacancyActorRole::kSystem);
}

TEST(VacancyLifecycleTest, SystemClosesAFilledVacancyWhenMatchingFilledItsPositions) {
  Vacancy v = Must(Published(), Close(ClosureReason::kFilled, VacancyActorRole::kSystem));
  EXPECT_EQ(v.state, VacancyState::kClosed);
  EXPECT_EQ(v.closure, ClosureReason::kFilled);
  EXPECT_EQ(v.history.back().role, VacancyActorRole::kSystem);
  Vacancy suspended = Must(Published(), Act(VacancyAction::kSuspend, VacancyActorRole::kCompany));
  EXPECT_THAT(ApplyTransition(suspended, Close(ClosureReason::kFilled, VacancyActorRole::kSystem)),
              IsOk());
}

TEST(VacancyLifecycleTest, WithdrawnFromAnyOpenState) {
  std::vector<Vacancy> states = {Draft()};
  states.push_back(Must(states.back(), Act(VacancyAction::kSubmit, VacancyActorRole::kCompany)));
  states.push_back(Must(states.back(), SendBack({"x"})));
  states.push_back(Must(states[1], Act(VacancyAction::kApprove, VacancyActorRole::kOperator)));
  states.push_back(Published());
  states.push_back(Must(Published(), Act(VacancyAction::kSuspend, VacancyActorRole::kOperator)));
  for (const Vacancy& v : states) {
    for (VacancyActorRole role : {VacancyActorRole::kCompany, VacancyActorRole::kOperator}) {
      absl::StatusOr<Vacancy> closed = ApplyTransition(v, Close(ClosureReason::kWithdrawn, role));
      ASSERT_THAT(closed, IsOk()) << VacancyStateName(v.state);
      EXPECT_EQ(closed->state, VacancyState::kClosed);
      EXPECT_EQ(closed->closure, ClosureReason::kWithdrawn);
      EXPECT_EQ(v.history.size() + 1, closed->history.size());  // `v` itself is unchanged
    }
  }
}

struct Refusal {
  std::string name;
  Vacancy (*start)();
  VacancyTransition (*act)();
  absl::StatusCode code;
  std::string reason;
};

Vacancy Submitted() {
  return Must(Draft(), Act(VacancyAction::kSubmit, VacancyActorRole::kCompany));
}
Vacancy Approved() {
  return Must(Submitted(), Act(VacancyAction::kApprove, VacancyActorRole::kOperator));
}
Vacancy Closed() {
  return Must(Published(), Close(ClosureReason::kFilled, VacancyActorRole::kCompany));
}

class VacancyRefusalTest : public ::testing::TestWithParam<Refusal> {};

TEST_P(VacancyRefusalTest, IsRefusedWithItsReason) {
  const Vacancy v = GetParam().start();
  absl::StatusOr<Vacancy> next = ApplyTransition(v, GetParam().act());
  EXPECT_THAT(next, StatusIs(GetParam().code)) << GetParam().name;
  EXPECT_THAT(next, HasReason(GetParam().reason)) << GetParam().name;
}

using A = VacancyAction;
using R = VacancyActorRole;
constexpr auto kFailed = absl::StatusCode::kFailedPrecondition;
constexpr auto kDenied = absl::StatusCode::kPermissionDenied;
constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

INSTANTIATE_TEST_SUITE_P(
    Vacancies, VacancyRefusalTest,
    ::testing::Values(
        Refusal{"approve draft", Draft, [] { return Act(A::kApprove, R::kOperator); }, kFailed,
                "INVALID_VACANCY_TRANSITION"},
        Refusal{"publish submitted", Submitted,
                [] { return Act(A::kPublish, R::kOperator, kPublication); }, kFailed,
                "INVALID_VACANCY_TRANSITION"},
        Refusal{"suspend draft", Draft, [] { return Act(A::kSuspend, R::kCompany); }, kFailed,
                "INVALID_VACANCY_TRANSITION"},
        Refusal{"resume published", Published, [] { return Act(A::kResume, R::kCompany); }, kFailed,
                "INVALID_VACANCY_TRANSITION"},
        Refusal{"submit published", Published, [] { return Act(A::kSubmit, R::kCompany); }, kFailed,
                "INVALID_VACANCY_TRANSITION"},
        Refusal{"send back approved", Approved, [] { return SendBack({"late"}); }, kFailed,
                "INVALID_VACANCY_TRANSITION"},
        Refusal{"anything when closed", Closed, [] { return Act(A::kResume, R::kOperator); },
                kFailed, "INVALID_VACANCY_TRANSITION"},
        Refusal{"close closed", Closed,
                [] { return Close(ClosureReason::kWithdrawn, R::kCompany); }, kFailed,
                "INVALID_VACANCY_TRANSITION"},
        Refusal{"unspecified action", Draft, [] { return Act(A::kUnspecified, R::kCompany); },
                kFailed, "INVALID_VACANCY_TRANSITION"},
        Refusal{"company approves", Submitted, [] { return Act(A::kApprove, R::kCompany); },
                kDenied, "VACANCY_ACTION_NOT_ALLOWED"},
        Refusal{"company publishes", Approved,
                [] { return Act(A::kPublish, R::kCompany, kPublication); }, kDenied,
                "VACANCY_ACTION_NOT_ALLOWED"},
        Refusal{"system suspends", Published, [] { return Act(A::kSuspend, R::kSystem); }, kDenied,
                "VACANCY_ACTION_NOT_ALLOWED"},
        Refusal{
            "operator expires", Published,
            [] { return Close(ClosureReason::kExpired, R::kOperator, absl::CivilDay(2026, 5, 1)); },
            kDenied, "VACANCY_ACTION_NOT_ALLOWED"},
        Refusal{"system withdraws", Published,
                [] { return Close(ClosureReason::kWithdrawn, R::kSystem); }, kDenied,
                "VACANCY_ACTION_NOT_ALLOWED"},
        Refusal{"send back without reasons", Submitted, [] { return SendBack({""}); }, kInvalid,
                "SEND_BACK_REASON_REQUIRED"},
        Refusal{"long reason", Submitted, [] { return SendBack({std::string(501, 'x')}); },
                kInvalid, "REASON_TOO_LONG"},
        Refusal{"close without reason", Published,
                [] { return Close(ClosureReason::kUnspecified, R::kCompany); }, kInvalid,
                "CLOSURE_REASON_REQUIRED"},
        Refusal{"system fills before publication", Approved,
                [] { return Close(ClosureReason::kFilled, R::kSystem); }, kFailed,
                "INVALID_CLOSURE_REASON"},
        Refusal{"filled before publication", Approved,
                [] { return Close(ClosureReason::kFilled, R::kCompany); }, kFailed,
                "INVALID_CLOSURE_REASON"},
        Refusal{
            "expired too early", Published,
            [] { return Close(ClosureReason::kExpired, R::kSystem, absl::CivilDay(2026, 4, 30)); },
            kFailed, "INVALID_CLOSURE_REASON"},
        Refusal{"publish before the date", Approved, [] { return Act(A::kPublish, R::kOperator); },
                kFailed, "PUBLICATION_DATE_NOT_REACHED"},
        Refusal{"publish after expiry", Approved,
                [] { return Act(A::kPublish, R::kOperator, absl::CivilDay(2026, 5, 1)); }, kFailed,
                "VACANCY_EXPIRED"},
        Refusal{"resume after expiry",
                [] { return Must(Published(), Act(A::kSuspend, R::kCompany)); },
                [] { return Act(A::kResume, R::kCompany, absl::CivilDay(2026, 5, 1)); }, kFailed,
                "VACANCY_EXPIRED"},
        Refusal{"submit invalid content",
                [] {
                  Vacancy v = Draft();
                  v.content.positions = 0;
                  return v;
                },
                [] { return Act(A::kSubmit, R::kCompany); }, kInvalid, "INVALID_POSITIONS"},
        Refusal{"submit with a past publication date", Draft,
                [] { return Act(A::kSubmit, R::kCompany, absl::CivilDay(2026, 3, 6)); }, kFailed,
                "PUBLICATION_DATE_IN_PAST"}),
    [](const ::testing::TestParamInfo<Refusal>& info) {
      std::string name = info.param.name;
      for (char& ch : name) {
        if (!absl::ascii_isalnum(static_cast<unsigned char>(ch))) ch = '_';
      }
      return name;
    });

TEST(VacancyLifecycleTest, RefusalCarriesStateAndAction) {
  absl::StatusOr<Vacancy> r = ApplyTransition(Draft(), Act(A::kApprove, R::kOperator));
  ASSERT_FALSE(r.ok());
  auto meta = platform::ErrorMetadata(r.status());
  EXPECT_EQ(meta["state"], "draft");
  EXPECT_EQ(meta["action"], "approve");
  EXPECT_EQ(meta["vacancy_id"], "v-1");
}

TEST(VacancyLifecycleTest, ContentIsEditableOnlyInDraftAndSentBack) {
  EXPECT_THAT(EditContent(Draft(), Content()), IsOk());
  for (const Vacancy& v : {Submitted(), Approved(), Published(), Closed()}) {
    EXPECT_THAT(EditContent(v, Content()), HasReason("INVALID_VACANCY_TRANSITION"))
        << VacancyStateName(v.state);
  }
}

TEST(VacancyExpiryTest, ExpiresTheDayAfterItsExpiryDate) {
  const Vacancy published = Published();
  EXPECT_FALSE(ShouldExpire(published, absl::CivilDay(2026, 4, 30)));
  EXPECT_TRUE(ShouldExpire(published, absl::CivilDay(2026, 5, 1)));
  const Vacancy suspended = Must(published, Act(A::kSuspend, R::kCompany));
  EXPECT_TRUE(ShouldExpire(suspended, absl::CivilDay(2026, 5, 1)));
  EXPECT_TRUE(ShouldExpire(Approved(), absl::CivilDay(2026, 5, 1)));
  EXPECT_FALSE(ShouldExpire(Draft(), absl::CivilDay(2026, 5, 1)));
  EXPECT_FALSE(ShouldExpire(Submitted(), absl::CivilDay(2026, 5, 1)));
  EXPECT_FALSE(ShouldExpire(Closed(), absl::CivilDay(2026, 5, 1)));

  std::vector<Vacancy> all = {Draft(), published, suspended, Closed()};
  all[0].id = "draft";
  all[1].id = "published";
  all[2].id = "suspended";
  all[3].id = "closed";
  all[2].content.expiry_date = absl::CivilDay(2026, 6, 30);
  EXPECT_THAT(VacanciesToExpire(all, absl::CivilDay(2026, 5, 1)), ElementsAre("published"));
  EXPECT_THAT(VacanciesToExpire(all, absl::CivilDay(2026, 7, 1)),
              ElementsAre("published", "suspended"));

  absl::StatusOr<Vacancy> expired = Expire(published, absl::CivilDay(2026, 5, 1), kNow);
  ASSERT_THAT(expired, IsOk());
  EXPECT_EQ(expired->state, VacancyState::kClosed);
  EXPECT_EQ(expired->closure, ClosureReason::kExpired);
  EXPECT_EQ(expired->history.back().role, R::kSystem);
  EXPECT_EQ(expired->history.back().actor, "system");
  EXPECT_THAT(Expire(published, absl::CivilDay(2026, 4, 30), kNow),
              HasReason("INVALID_CLOSURE_REASON"));
}

TEST(VacancyNamesTest, StatesAndActions) {
  EXPECT_EQ(VacancyStateName(VacancyState::kSentBack), "sent_back");
  EXPECT_EQ(VacancyActionName(VacancyAction::kSendBack), "send_back");
  EXPECT_TRUE(IsDrivingLicence("CQC"));
  EXPECT_FALSE(IsDrivingLicence("b"));
}

}  // namespace
}  // namespace sisl::enterprise
