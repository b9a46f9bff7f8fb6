// The matching service's use cases on a real store (SQLite and PostgreSQL): who may save,
// validate and read profiles (audited), the expiry schedule, the proposals workflow, the lapse of
// unanswered proposals, experiences prefilled from communications, and the loop: a hire of a
// proposed person by the vacancy's company records HIRED, fills the position and marks the
// profile employed.
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "services/matching/app/feeds.h"
#include "services/matching/app/matcher.h"
#include "services/matching/app/profiles.h"
#include "services/matching/app/proposals.h"
#include "services/platform/clock.h"
#include "services/platform/db/migrations.h"
#include "services/platform/errors.h"
#include "services/platform/outbox/committer.h"
#include "services/platform/testing/status_matchers.h"
#include "services/reference/cpi_areas.h"
#include "tests/contract/db_test_support.h"

namespace sisl::matching {
namespace embedded_migrations {
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_migrations

namespace {

using platform::testing::HasReason;
using platform::testing::IsOk;

constexpr char kGiulia[] = "BNCGLI92L64D205V";
constexpr char kCompany[] = "01234567897";

class MatchingAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = env_.Open();
    ASSERT_NE(db_, nullptr);
    ASSERT_THAT(
        platform::db::ApplyMigrations(*db_, "platform", platform::db::PlatformMigrations(), clock_),
        IsOk());
    ASSERT_THAT(
        platform::db::ApplyMigrations(*db_, "matching", embedded_migrations::Files(), clock_),
        IsOk());
    committer_ =
        std::make_unique<platform::outbox::Committer>(*db_, clock_, "sisl-matching", nullptr);
    deps_ = std::make_unique<Deps>(Deps{*db_, *committer_, clock_, hasher_, index_, settings_});
    cpi_ = *reference::CompetentCpi("001272");
  }

  Caller Citizen(const std::string& fiscal_code) const {
    return {.subject = hasher_.PersonId(fiscal_code),
            .role = Role::kCitizen,
            .fiscal_code = fiscal_code,
            .spid_level = 2};
  }
  Caller Operator(const std::string& cpi) const {
    return {.subject = "op-" + cpi, .role = Role::kOperator, .cpi_code = cpi, .spid_level = 2};
  }
  Caller Rep() const {
    return {.subject = "rep",
            .role = Role::kCompany,
            .acting_for = kCompany,
            .scopes = {"vacancies"},
            .spid_level = 2};
  }

  static CandidateProfile Content() {
    CandidateProfile p;
    p.desired_professions = {{"2.1.1.4.1", {}, {}}};
    p.education = EducationLevel::kDegree;
    p.languages = {{"en", CefrLevel::kB2}};
    p.driving_licences = {"B"};
    p.domicile_istat_code = "001272";
    p.mobility_radius_km = 30;
    p.availability = Availability::kAvailable;
    p.l68 = L68Category::kNone;
    p.visibility = Visibility::kVisibleToCompanies;
    return p;
  }

  // Giulia's profile, saved and validated by an operator of her CPI.
  std::string ValidatedGiulia() {
    Profiles profiles(*deps_);
    EXPECT_THAT(profiles.UpdateMine(Citizen(kGiulia), Content(), "Giulia", "Bianchi").status(),
                IsOk());
    EXPECT_THAT(profiles.Validate(Operator(cpi_), Citizen(kGiulia).subject).status(), IsOk());
    return Citizen(kGiulia).subject;
  }

  // A published vacancy of kCompany in Torino with `positions`.
  void Publish(const std::string& id, int positions) {
    store::ReplicatedVacancy v;
    v.vacancy.id = id;
    v.vacancy.company_id = kCompany;
    v.vacancy.cpi_code = cpi_;
    v.vacancy.profession_code = "2.1.1.4.1";
    v.vacancy.contract_type = "A.01.00";
    v.vacancy.working_mode = WorkingMode::kOnSite;
    v.vacancy.workplace_istat_code = "001272";
    v.vacancy.area_radius_km = 50;
    v.vacancy.positions = positions;
    v.vacancy.state = VacancyState::kPublished;
    v.company_name = "ACME SRL";
    v.title = "Tecnico di laboratorio";
    ASSERT_THAT(
        platform::db::InTransaction(
            *db_, [&](platform::db::Transaction& tx) { return ApplyVacancy(tx, *deps_, v); }),
        IsOk());
  }

  // The proposal of `person` for `vacancy`, taken to SENT (visible today).
  std::string Sent(const std::string& vacancy, const std::string& person) {
    Proposals proposals(*deps_);
    absl::StatusOr<ProposalView> p =
        proposals.Shortlist(Operator(cpi_), vacancy, person, "coerente", "");
    EXPECT_THAT(p.status(), IsOk());
    if (!p.ok()) return "";
    const std::string id = p->proposal.id;
    const absl::CivilDay today = platform::TodayInItaly(clock_);
    StepInput propose{.action = ProposalAction::kPropose, .deadline = today + 5};
    EXPECT_THAT(proposals.Transition(Operator(cpi_), id, propose).status(), IsOk());
    EXPECT_THAT(
        proposals.Transition(Citizen(kGiulia), id, {.action = ProposalAction::kAccept}).status(),
        IsOk());
    StepInput send{.action = ProposalAction::kSend, .visible_from = today};
    EXPECT_THAT(proposals.Transition(Operator(cpi_), id, send).status(), IsOk());
    return id;
  }

  absl::Status Hire(const std::string& person, const std::string& employer,
                    const std::string& code) {
    return committer_->Commit(
        [&](platform::db::Transaction& tx, platform::outbox::EventWriter& events) {
          return ApplyHire(tx, events, *deps_,
                           {person, employer, "", code, platform::TodayInItaly(clock_) + 3});
        });
  }

  int64_t Count(const std::string& sql) {
    int64_t n = -1;
    EXPECT_THAT(platform::db::InTransaction(*db_,
                                            [&](platform::db::Transaction& tx) -> absl::Status {
                                              absl::StatusOr<platform::db::Result> r =
                                                  tx.Execute(sql);
                                              if (!r.ok()) return r.status();
                                              n = r->rows.front().Int(0);
                                              return absl::OkStatus();
                                            }),
                IsOk());
    return n;
  }

  testing_env::TestDatabase env_;
  std::unique_ptr<platform::db::Database> db_;
  platform::FakeClock clock_{
      absl::FromCivil(absl::CivilSecond(2026, 12, 1, 9, 0, 0), absl::UTCTimeZone())};
  platform::auth::PersonIdHasher hasher_{"contract-test-person-id-secret-0123456789"};
  std::unique_ptr<platform::outbox::Committer> committer_;
  Settings settings_;
  MatchingIndex index_{WeightsByCpi()};
  std::unique_ptr<Deps> deps_;
  std::string cpi_;
};

TEST_F(MatchingAppTest, ACitizensSaveAwaitsValidationByAnOperatorOfHerCpi) {
  Profiles profiles(*deps_);
  absl::StatusOr<ProfileRecord> saved =
      profiles.UpdateMine(Citizen(kGiulia), Content(), "Giulia", "Bianchi");
  ASSERT_THAT(saved.status(), IsOk());
  EXPECT_EQ(saved->profile.state, store::ProfileState::kToValidate);
  EXPECT_EQ(saved->profile.profile.cpi_code, cpi_);
  const std::string id = Citizen(kGiulia).subject;
  EXPECT_THAT(profiles.Validate(Citizen(kGiulia), id).status(), HasReason("STAFF_ONLY"));
  EXPECT_THAT(profiles.Validate(Operator("CPI-NO-01"), id).status(), HasReason("OTHER_CPI"));
  absl::StatusOr<ProfileRecord> validated = profiles.Validate(Operator(cpi_), id);
  ASSERT_THAT(validated.status(), IsOk());
  EXPECT_EQ(validated->profile.state, store::ProfileState::kValidated);
  EXPECT_EQ(validated->profile.expires_on, platform::TodayInItaly(clock_) + 365);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE event_type = "
                  "'sisl.matching.v1.ProfileValidated'"),
            1);
  // Her own change asks for validation again.
  CandidateProfile changed = Content();
  changed.mobility_radius_km = 40;
  saved = profiles.UpdateMine(Citizen(kGiulia), changed, "Giulia", "Bianchi");
  ASSERT_THAT(saved.status(), IsOk());
  EXPECT_EQ(saved->profile.state, store::ProfileState::kToValidate);
  EXPECT_FALSE(saved->profile.profile.validated_on.has_value());
  // A domicile outside Piedmont and unknown codes are refused with their reasons.
  CandidateProfile milan = Content();
  milan.domicile_istat_code = "015146";
  EXPECT_THAT(profiles.UpdateMine(Citizen(kGiulia), milan, "Giulia", "Bianchi").status(),
              HasReason("DOMICILE_OUTSIDE_PIEDMONT"));
  CandidateProfile unknown = Content();
  unknown.desired_professions = {{"9.9.9.9.9", {}, {}}};
  EXPECT_THAT(profiles.UpdateMine(Citizen(kGiulia), unknown, "Giulia", "Bianchi").status(),
              HasReason("UNKNOWN_PROFESSION_CODE"));
}

TEST_F(MatchingAppTest, StaffReadAProfileOnlyWithAReasonAndEveryReadIsAudited) {
  const std::string id = ValidatedGiulia();
  Profiles profiles(*deps_);
  const int64_t before = Count("SELECT COUNT(*) FROM staff_audit");
  EXPECT_THAT(profiles.Get(Operator(cpi_), id, " ").status(), HasReason("ACCESS_REASON_REQUIRED"));
  EXPECT_THAT(profiles.Get(Citizen("RSSMRA85C12L219B"), id, "curiosità").status(),
              HasReason("STAFF_ONLY"));
  EXPECT_THAT(profiles.Get(Operator("CPI-NO-01"), id, "colloquio").status(),
              HasReason("OTHER_CPI"));
  absl::StatusOr<ProfileRecord> read = profiles.Lookup(Operator(cpi_), kGiulia, "colloquio DID");
  ASSERT_THAT(read.status(), IsOk());
  EXPECT_EQ(read->profile.family_name, "Bianchi");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM staff_audit WHERE action = 'matching.GetProfile' AND"
                  " reason = 'colloquio DID'"),
            1);
  EXPECT_GT(Count("SELECT COUNT(*) FROM staff_audit"), before);
}

TEST_F(MatchingAppTest, AValidatedProfileIsWarnedOnceBeforeItExpiresThenExpires) {
  const std::string id = ValidatedGiulia();
  Profiles profiles(*deps_);
  clock_.Advance(absl::Hours(24 * 300));
  ASSERT_THAT(profiles.RunExpiry(100).status(), IsOk());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE event_type = "
                  "'sisl.matching.v1.ProfileExpiring'"),
            0);
  clock_.Advance(absl::Hours(24 * 40));  // day 340: within 30 days of the expiry
  ASSERT_THAT(profiles.RunExpiry(100).status(), IsOk());
  ASSERT_THAT(profiles.RunExpiry(100).status(), IsOk());  // once only
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE event_type = "
                  "'sisl.matching.v1.ProfileExpiring'"),
            1);
  clock_.Advance(absl::Hours(24 * 25));  // day 365: the first day no longer valid
  ASSERT_THAT(profiles.RunExpiry(100).status(), IsOk());
  absl::StatusOr<ProfileRecord> mine = profiles.GetMine(Citizen(kGiulia));
  ASSERT_THAT(mine.status(), IsOk());
  EXPECT_EQ(mine->profile.state, store::ProfileState::kExpired);
  Publish("v-late", 1);
  absl::StatusOr<WhyNot> why =
      index_.Explain("v-late", id, {platform::TodayInItaly(clock_), /*operator_run=*/true, 0});
  ASSERT_THAT(why.status(), IsOk());
  ASSERT_TRUE(why->exclusion.has_value());
  EXPECT_EQ(FilterCodeName(why->exclusion->code), "EXPIRED");
}

TEST_F(MatchingAppTest, AHireByTheVacancysCompanyClosesTheProposalFillsThePositionAndEmploys) {
  const std::string person = ValidatedGiulia();
  Publish("v1", 1);
  const std::string proposal = Sent("v1", person);
  // A hire by another company leaves the proposal as it is (the profile turns employed).
  ASSERT_THAT(Hire(person, "09876543217", "C-OTHER"), IsOk());
  Proposals proposals(*deps_);
  EXPECT_EQ(proposals.Get(Operator(cpi_), proposal)->proposal.state, ProposalState::kSent);
  ASSERT_THAT(Hire(person, kCompany, "C-0001"), IsOk());
  absl::StatusOr<ProposalView> closed = proposals.Get(Operator(cpi_), proposal);
  ASSERT_THAT(closed.status(), IsOk());
  EXPECT_EQ(closed->proposal.state, ProposalState::kHired);
  EXPECT_EQ(closed->proposal.history.back().actor, Actor::kSystem);
  EXPECT_EQ(closed->vacancy.vacancy.positions_filled, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE event_type = "
                  "'sisl.matching.v1.VacancyPositionFilled'"),
            1);
  absl::StatusOr<ProfileRecord> mine = Profiles(*deps_).GetMine(Citizen(kGiulia));
  EXPECT_EQ(mine->profile.profile.availability, Availability::kEmployed);
  // The same hire again (a redelivery outside the inbox) changes nothing more.
  ASSERT_THAT(Hire(person, kCompany, "C-0001"), IsOk());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE event_type = "
                  "'sisl.matching.v1.VacancyPositionFilled'"),
            1);
  // The vacancy is out of matching: no position left.
  EXPECT_THAT(Matcher(*deps_).Candidates(Operator(cpi_), "v1", 10).status(),
              HasReason("VACANCY_NOT_OPEN"));
}

TEST_F(MatchingAppTest, TheCompanySeesOnlyWhatWasSentToItAndNotTheSensitiveFields) {
  Profiles profiles(*deps_);
  CandidateProfile content = Content();
  content.l68 = L68Category::kProtected;
  content.unemployed_since = platform::TodayInItaly(clock_) - 400;
  ASSERT_THAT(profiles.UpdateMine(Citizen(kGiulia), content, "Giulia", "Bianchi").status(), IsOk());
  ASSERT_THAT(profiles.Validate(Operator(cpi_), Citizen(kGiulia).subject).status(), IsOk());
  Publish("v2", 2);
  Proposals proposals(*deps_);
  ASSERT_THAT(proposals.Shortlist(Operator(cpi_), "v2", Citizen(kGiulia).subject, "", "").status(),
              IsOk());
  absl::StatusOr<ProposalPage> none = proposals.SentToCompany(Rep(), "v2", 10, "");
  ASSERT_THAT(none.status(), IsOk());
  EXPECT_TRUE(none->proposals.empty());
  Caller stranger = Rep();
  stranger.acting_for = "09876543217";
  EXPECT_THAT(proposals.SentToCompany(stranger, "v2", 10, "").status(),
              HasReason("NOT_ACTING_FOR_COMPANY"));
  Caller no_scope = Rep();
  no_scope.scopes = {"communications"};
  EXPECT_THAT(proposals.SentToCompany(no_scope, "v2", 10, "").status(), HasReason("SCOPE_MISSING"));
  // Sent, visible from tomorrow: still nothing today; tomorrow the profile without the L.68
  // status and the unemployment date.
  absl::StatusOr<ProposalPage> listed = proposals.OfVacancy(Operator(cpi_), "v2", 10, "");
  ASSERT_THAT(listed.status(), IsOk());
  ASSERT_EQ(listed->proposals.size(), 1u);
  const std::string proposal = listed->proposals[0].proposal.id;
  const absl::CivilDay today = platform::TodayInItaly(clock_);
  ASSERT_THAT(proposals
                  .Transition(Operator(cpi_), proposal,
                              {.action = ProposalAction::kPropose, .deadline = today + 3})
                  .status(),
              IsOk());
  ASSERT_THAT(proposals.Transition(Citizen(kGiulia), proposal, {.action = ProposalAction::kAccept})
                  .status(),
              IsOk());
  ASSERT_THAT(proposals
                  .Transition(Operator(cpi_), proposal,
                              {.action = ProposalAction::kSend, .visible_from = today + 1})
                  .status(),
              IsOk());
  EXPECT_TRUE(proposals.SentToCompany(Rep(), "v2", 10, "")->proposals.empty());
  EXPECT_THAT(proposals.Get(Rep(), proposal).status(), HasReason("PROPOSAL_NOT_FOUND"));
  clock_.Advance(absl::Hours(24));
  absl::StatusOr<ProposalPage> sent = proposals.SentToCompany(Rep(), "v2", 10, "");
  ASSERT_THAT(sent.status(), IsOk());
  ASSERT_EQ(sent->proposals.size(), 1u);
  ASSERT_TRUE(sent->proposals[0].profile.has_value());
  EXPECT_EQ(sent->proposals[0].family_name, "Bianchi");
  EXPECT_EQ(sent->proposals[0].profile->l68, L68Category::kNone);
  EXPECT_FALSE(sent->proposals[0].profile->unemployed_since.has_value());
  EXPECT_EQ(sent->proposals[0].profile->desired_professions[0].profession_code, "2.1.1.4.1");
}

TEST_F(MatchingAppTest, AnUnansweredProposalLapsesAfterItsDeadline) {
  const std::string person = ValidatedGiulia();
  Publish("v3", 1);
  Proposals proposals(*deps_);
  absl::StatusOr<ProposalView> p = proposals.Shortlist(Operator(cpi_), "v3", person, "", "r-1");
  ASSERT_THAT(p.status(), IsOk());
  StepInput propose{.action = ProposalAction::kPropose,
                    .deadline = platform::TodayInItaly(clock_) + 2};
  ASSERT_THAT(proposals.Transition(Operator(cpi_), p->proposal.id, propose).status(), IsOk());
  clock_.Advance(absl::Hours(24 * 2));
  EXPECT_EQ(*proposals.LapseDue(100), 0);  // the deadline day itself is still on time
  clock_.Advance(absl::Hours(24));
  EXPECT_EQ(*proposals.LapseDue(100), 1);
  EXPECT_EQ(proposals.Get(Citizen(kGiulia), p->proposal.id)->proposal.state,
            ProposalState::kLapsed);
  EXPECT_THAT(
      proposals.Transition(Citizen(kGiulia), p->proposal.id, {.action = ProposalAction::kAccept})
          .status(),
      HasReason("INVALID_TRANSITION"));
  // Someone else's proposal is not found for another citizen.
  EXPECT_THAT(proposals.Get(Citizen("RSSMRA85C12L219B"), p->proposal.id).status(),
              HasReason("PROPOSAL_NOT_FOUND"));
}

TEST_F(MatchingAppTest, ExperiencesComeFromCommunicationsRelationships) {
  const std::string person = Citizen(kGiulia).subject;
  ASSERT_THAT(
      committer_->Commit([&](platform::db::Transaction& tx, platform::outbox::EventWriter& events) {
        return ApplyRelationship(tx, events, *deps_,
                                 {"rel-1", person, "2.1.1.4.1", kCompany,
                                  absl::CivilDay(2024, 1, 8), absl::CivilDay(2025, 1, 7), false});
      }),
      IsOk());
  absl::StatusOr<ProfileRecord> draft = Profiles(*deps_).GetMine(Citizen(kGiulia));
  ASSERT_THAT(draft.status(), IsOk());
  EXPECT_FALSE(draft->stored);
  ASSERT_EQ(draft->profile.profile.experiences.size(), 1u);
  EXPECT_EQ(draft->profile.profile.experiences[0].relationship_id, "rel-1");
  EXPECT_EQ(draft->profile.profile.experiences[0].employer_name, kCompany);
  EXPECT_EQ(draft->profile.profile.experiences[0].to, absl::CivilDay(2025, 1, 7));
}

}  // namespace
}  // namespace sisl::matching
