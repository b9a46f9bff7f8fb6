// The matching store on a real database (SQLite or PostgreSQL, db_test_support.h): profiles
// (content JSON and columns, pages, the expiry selections), the vacancy replica, proposals with
// their history (optimistic appends, duplicates, pages, lapsing) and the staff audit.
#include "services/matching/store/matching_store.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/clock.h"
#include "services/platform/db/migrations.h"
#include "services/platform/ids.h"
#include "services/platform/testing/status_matchers.h"
#include "tests/contract/db_test_support.h"

namespace sisl::matching {
namespace embedded_migrations {
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_migrations

namespace store {
namespace {

using platform::db::Transaction;
using platform::testing::HasReason;
using platform::testing::IsOk;
using platform::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

using Day = absl::CivilDay;

// Every field with a value other than its default.
CandidateProfile FullProfile(const std::string& person_id) {
  CandidateProfile p;
  p.person_id = person_id;
  p.cpi_code = "CPI-TO-15";
  p.desired_professions = {
      {"2.1.1.4.1", {"A.01.00", "A.03.00"}, {WorkingMode::kOnSite, WorkingMode::kHybrid}},
      {"3.1.2.1.0", {}, {WorkingMode::kRemote}}};
  p.experiences = {{"2.1.1.4.1", "Acme S.p.A.", Day(2019, 3, 1), Day(2022, 6, 30), "rel-1"},
                   {"3.1.2.1.0", "Bottega Rossi", Day(2022, 9, 1), std::nullopt, ""}};
  p.education = EducationLevel::kDegree;
  p.languages = {{"en", CefrLevel::kC1}, {"fr", CefrLevel::kA2}};
  p.it_skills = {"C++", "SQL"};
  p.driving_licences = {"B", "CQC"};
  p.professional_registers = {"Albo degli ingegneri"};
  p.domicile_istat_code = "001272";
  p.mobility_radius_km = 35;
  p.availability = Availability::kNotAvailable;
  p.l68 = L68Category::kProtected;
  p.unemployed_since = Day(2025, 2, 14);
  p.visibility = Visibility::kCpiOnly;
  p.validated_on = Day(2026, 11, 20);
  return p;
}

void ExpectSameContent(const CandidateProfile& got, const CandidateProfile& want) {
  ASSERT_EQ(got.desired_professions.size(), want.desired_professions.size());
  for (size_t i = 0; i < want.desired_professions.size(); ++i) {
    const DesiredProfession &g = got.desired_professions[i], &w = want.desired_professions[i];
    EXPECT_EQ(g.profession_code, w.profession_code) << i;
    EXPECT_EQ(g.contract_types, w.contract_types) << i;
    EXPECT_EQ(g.working_modes, w.working_modes) << i;
  }
  ASSERT_EQ(got.experiences.size(), want.experiences.size());
  for (size_t i = 0; i < want.experiences.size(); ++i) {
    const Experience &g = got.experiences[i], &w = want.experiences[i];
    EXPECT_EQ(g.profession_code, w.profession_code) << i;
    EXPECT_EQ(g.employer_name, w.employer_name) << i;
    EXPECT_EQ(g.from, w.from) << i;
    EXPECT_EQ(g.to, w.to) << i;
    EXPECT_EQ(g.relationship_id, w.relationship_id) << i;
  }
  EXPECT_EQ(got.education, want.education);
  ASSERT_EQ(got.languages.size(), want.languages.size());
  for (size_t i = 0; i < want.languages.size(); ++i) {
    EXPECT_EQ(got.languages[i].language, want.languages[i].language) << i;
    EXPECT_EQ(got.languages[i].level, want.languages[i].level) << i;
  }
  EXPECT_EQ(got.it_skills, want.it_skills);
  EXPECT_EQ(got.driving_licences, want.driving_licences);
  EXPECT_EQ(got.professional_registers, want.professional_registers);
  EXPECT_EQ(got.domicile_istat_code, want.domicile_istat_code);
  EXPECT_EQ(got.mobility_radius_km, want.mobility_radius_km);
  EXPECT_EQ(got.availability, want.availability);
  EXPECT_EQ(got.l68, want.l68);
  EXPECT_EQ(got.unemployed_since, want.unemployed_since);
  EXPECT_EQ(got.visibility, want.visibility);
}

Vacancy FullVacancy(const std::string& id) {
  Vacancy v;
  v.id = id;
  v.company_id = "01234567897";
  v.cpi_code = "CPI-TO-15";
  v.profession_code = "2.1.1.4.1";
  v.contract_type = "A.03.00";
  v.working_mode = WorkingMode::kHybrid;
  v.workplace_istat_code = "001272";
  v.area_radius_km = 40;
  v.required_licences = {"B", "C"};
  v.languages = {{"en", CefrLevel::kB2, true}, {"de", CefrLevel::kA1, false}};
  v.required_registers = {"Albo degli ingegneri"};
  v.desired_skills = {"C++", "Kubernetes"};
  v.min_experience_months = 24;
  v.min_education = EducationLevel::kUpperSecondary;
  v.l68_reservation = L68Category::kDisabled;
  v.positions = 3;
  v.positions_filled = 1;
  v.state = VacancyState::kSuspended;
  return v;
}

void ExpectSameVacancy(const Vacancy& got, const Vacancy& want) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.company_id, want.company_id);
  EXPECT_EQ(got.cpi_code, want.cpi_code);
  EXPECT_EQ(got.profession_code, want.profession_code);
  EXPECT_EQ(got.contract_type, want.contract_type);
  EXPECT_EQ(got.working_mode, want.working_mode);
  EXPECT_EQ(got.workplace_istat_code, want.workplace_istat_code);
  EXPECT_EQ(got.area_radius_km, want.area_radius_km);
  EXPECT_EQ(got.required_licences, want.required_licences);
  ASSERT_EQ(got.languages.size(), want.languages.size());
  for (size_t i = 0; i < want.languages.size(); ++i) {
    EXPECT_EQ(got.languages[i].language, want.languages[i].language) << i;
    EXPECT_EQ(got.languages[i].min_level, want.languages[i].min_level) << i;
    EXPECT_EQ(got.languages[i].required, want.languages[i].required) << i;
  }
  EXPECT_EQ(got.required_registers, want.required_registers);
  EXPECT_EQ(got.desired_skills, want.desired_skills);
  EXPECT_EQ(got.min_experience_months, want.min_experience_months);
  EXPECT_EQ(got.min_education, want.min_education);
  EXPECT_EQ(got.l68_reservation, want.l68_reservation);
  EXPECT_EQ(got.positions, want.positions);
  EXPECT_EQ(got.positions_filled, want.positions_filled);
  EXPECT_EQ(got.state, want.state);
}

void ExpectSameProposal(const Proposal& got, const Proposal& want) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.vacancy_id, want.vacancy_id);
  EXPECT_EQ(got.person_id, want.person_id);
  EXPECT_EQ(got.state, want.state);
  EXPECT_EQ(got.score, want.score);
  EXPECT_EQ(got.deadline, want.deadline);
  EXPECT_EQ(got.visible_from, want.visible_from);
  EXPECT_EQ(got.interview_at, want.interview_at);
  ASSERT_EQ(got.history.size(), want.history.size()) << want.id;
  for (size_t i = 0; i < want.history.size(); ++i) {
    const ProposalStep &g = got.history[i], &w = want.history[i];
    EXPECT_EQ(g.action, w.action) << i;
    EXPECT_EQ(g.from, w.from) << i;
    EXPECT_EQ(g.to, w.to) << i;
    EXPECT_EQ(g.actor, w.actor) << i;
    EXPECT_EQ(g.actor_id, w.actor_id) << i;
    EXPECT_EQ(g.at, w.at) << i;
    EXPECT_EQ(g.note, w.note) << i;
  }
}

std::vector<std::string> PersonIds(const std::vector<StoredProfile>& all) {
  std::vector<std::string> out;
  for (const StoredProfile& s : all) out.push_back(s.profile.person_id);
  return out;
}

std::vector<std::string> ProposalIds(const std::vector<Proposal>& all) {
  std::vector<std::string> out;
  for (const Proposal& p : all) out.push_back(p.id);
  return out;
}

class MatchingStoreTest : public ::testing::Test {
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
  }

  absl::Status Tx(const std::function<absl::Status(Transaction&)>& fn) {
    return platform::db::InTransaction(*db_, fn);
  }

  // The value `sql` selects (one row, one column), as text.
  std::string Scalar(const std::string& sql, const std::vector<platform::db::Value>& params) {
    std::string out = "<none>";
    EXPECT_THAT(Tx([&](Transaction& tx) -> absl::Status {
                  absl::StatusOr<platform::db::Result> r = tx.Execute(sql, params);
                  if (!r.ok()) return r.status();
                  if (r->rows.size() == 1)
                    out = r->rows[0].IsNull(0) ? "<null>" : r->rows[0].Str(0);
                  return absl::OkStatus();
                }),
                IsOk());
    return out;
  }

  void PutProfile(const StoredProfile& s) {
    ASSERT_THAT(Tx([&](Transaction& tx) { return ProfileStore::Put(tx, s); }), IsOk());
  }

  // A validated profile of `cpi` in `state` with the given expiry and warning.
  StoredProfile Profile(const std::string& id, const std::string& cpi, ProfileState state,
                        std::optional<Day> expires_on = std::nullopt,
                        std::optional<Day> warned = std::nullopt) {
    StoredProfile s;
    s.profile = FullProfile(id);
    s.profile.cpi_code = cpi;
    s.state = state;
    s.expires_on = expires_on;
    s.warned_expiry = warned;
    s.updated_at = clock_.Now();
    return s;
  }

  // Runs a store read in its own transaction.
  template <typename T>
  absl::StatusOr<T> Read(const std::function<absl::StatusOr<T>(Transaction&)>& fn) {
    std::optional<T> out;
    const absl::Status st = Tx([&](Transaction& tx) -> absl::Status {
      absl::StatusOr<T> r = fn(tx);
      if (!r.ok()) return r.status();
      out = *std::move(r);
      return absl::OkStatus();
    });
    if (!st.ok()) return st;
    return *std::move(out);
  }

  // A proposal in `state` with `steps` steps of history, notes "<id>#<n>".
  Proposal MakeProposal(const std::string& id, const std::string& vacancy,
                        const std::string& person, int steps,
                        ProposalState state = ProposalState::kShortlisted) {
    Proposal p;
    p.id = id;
    p.vacancy_id = vacancy;
    p.person_id = person;
    p.state = state;
    p.score = 70 + steps;
    for (int i = 0; i < steps; ++i) {
      p.history.push_back(
          {i == 0 ? ProposalAction::kShortlist : ProposalAction::kNote, ProposalState::kShortlisted,
           ProposalState::kShortlisted, Actor::kOperator, "op-" + id,
           clock_.Now() + absl::Microseconds(1000 * i + 7), absl::StrCat(id, "#", i)});
    }
    return p;
  }

  absl::Status InsertProposal(const Proposal& p) {
    return Tx([&](Transaction& tx) { return ProposalStore::Insert(tx, p, clock_.Now()); });
  }

  absl::StatusOr<std::optional<StoredProfile>> FindProfile(const std::string& id) {
    return Read<std::optional<StoredProfile>>(
        [&](Transaction& tx) { return ProfileStore::Find(tx, id); });
  }

  absl::StatusOr<std::optional<Proposal>> FindProposal(const std::string& id) {
    return Read<std::optional<Proposal>>(
        [&](Transaction& tx) { return ProposalStore::Find(tx, id); });
  }

  testing_env::TestDatabase env_;
  std::unique_ptr<platform::db::Database> db_;
  platform::FakeClock clock_{
      absl::FromCivil(absl::CivilSecond(2026, 12, 1, 9, 0, 0), absl::UTCTimeZone()) +
      absl::Microseconds(123)};
};

// ---- Profiles -------------------------------------------------------------------------------

TEST_F(MatchingStoreTest, ProfileRoundTripKeepsEveryFieldInColumnsAndContent) {
  StoredProfile s =
      Profile("p-1", "CPI-TO-15", ProfileState::kValidated, Day(2027, 11, 20), Day(2027, 11, 20));
  s.given_name = "Giulia";
  s.family_name = "Bianchi";
  s.updated_at = clock_.Now() + absl::Microseconds(5);
  PutProfile(s);

  ASSERT_OK_AND_ASSIGN(std::optional<StoredProfile> got, FindProfile("p-1"));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->profile.person_id, "p-1");
  EXPECT_EQ(got->profile.cpi_code, "CPI-TO-15");
  EXPECT_EQ(got->profile.validated_on, Day(2026, 11, 20));
  ExpectSameContent(got->profile, s.profile);
  EXPECT_EQ(got->given_name, "Giulia");
  EXPECT_EQ(got->family_name, "Bianchi");
  EXPECT_EQ(got->state, ProfileState::kValidated);
  EXPECT_EQ(got->expires_on, Day(2027, 11, 20));
  EXPECT_EQ(got->warned_expiry, Day(2027, 11, 20));
  EXPECT_EQ(got->updated_at, s.updated_at);

  // The columns hold what the queries select on; the content holds none of them.
  EXPECT_EQ(Scalar("SELECT state FROM profiles WHERE person_id = $1", {"p-1"}), "validated");
  EXPECT_EQ(Scalar("SELECT cpi_code FROM profiles WHERE person_id = $1", {"p-1"}), "CPI-TO-15");
  EXPECT_EQ(Scalar("SELECT validated_on FROM profiles WHERE person_id = $1", {"p-1"}),
            "2026-11-20");
  EXPECT_EQ(Scalar("SELECT expires_on FROM profiles WHERE person_id = $1", {"p-1"}), "2027-11-20");
  EXPECT_EQ(Scalar("SELECT updated_at FROM profiles WHERE person_id = $1", {"p-1"}),
            absl::StrCat(absl::ToUnixMicros(s.updated_at)));
  const std::string content = Scalar("SELECT content FROM profiles WHERE person_id = $1", {"p-1"});
  EXPECT_THAT(content, Not(HasSubstr("p-1")));
  EXPECT_THAT(content, Not(HasSubstr("CPI-TO-15")));
  EXPECT_THAT(content, Not(HasSubstr("2026-11-20")));
  EXPECT_THAT(content, Not(HasSubstr("Giulia")));

  // Put replaces: a profile back to validation, without dates or warning.
  StoredProfile changed = Profile("p-1", "CPI-MI-01", ProfileState::kToValidate);
  changed.profile.validated_on.reset();
  changed.profile.it_skills = {"Python"};
  changed.profile.experiences.pop_back();
  PutProfile(changed);
  ASSERT_OK_AND_ASSIGN(got, FindProfile("p-1"));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->profile.cpi_code, "CPI-MI-01");
  EXPECT_EQ(got->state, ProfileState::kToValidate);
  EXPECT_EQ(got->profile.validated_on, std::nullopt);
  EXPECT_EQ(got->expires_on, std::nullopt);
  EXPECT_EQ(got->warned_expiry, std::nullopt);
  EXPECT_EQ(got->given_name, "");
  ExpectSameContent(got->profile, changed.profile);

  ASSERT_OK_AND_ASSIGN(got, FindProfile("p-unknown"));
  EXPECT_FALSE(got.has_value());
}

TEST_F(MatchingStoreTest, ProfileJsonRoundTripsEveryEnumValueAndKeepsTheColumnsFields) {
  const CandidateProfile full = FullProfile("p-json");
  const std::string text = ProfileContentToJson(full);
  CandidateProfile out;
  out.person_id = "p-kept";
  out.cpi_code = "CPI-KEPT";
  out.validated_on = Day(2020, 1, 1);
  ASSERT_THAT(ProfileContentFromJson(text, out), IsOk());
  ExpectSameContent(out, full);
  EXPECT_EQ(out.person_id, "p-kept");
  EXPECT_EQ(out.cpi_code, "CPI-KEPT");
  EXPECT_EQ(out.validated_on, Day(2020, 1, 1));

  // Every value of every enum comes back as itself (the names are the domain's).
  for (int i = 0; i <= static_cast<int>(EducationLevel::kDoctorate); ++i) {
    CandidateProfile p = full;
    p.education = static_cast<EducationLevel>(i);
    p.languages[0].level = static_cast<CefrLevel>(i % 7);
    p.desired_professions[0].working_modes = {static_cast<WorkingMode>(i % 4)};
    p.availability = static_cast<Availability>(i % 4);
    p.visibility = static_cast<Visibility>((i + 1) % 4);
    p.l68 = static_cast<L68Category>(i % 3);
    CandidateProfile back;
    ASSERT_THAT(ProfileContentFromJson(ProfileContentToJson(p), back), IsOk());
    ExpectSameContent(back, p);
  }

  // Missing members take their defaults (the earlier content does not linger); unknown ones are
  // ignored.
  ASSERT_THAT(ProfileContentFromJson(R"({"future_member": [1, 2], "mobility_radius_km": 5})", out),
              IsOk());
  CandidateProfile defaults;
  defaults.mobility_radius_km = 5;
  ExpectSameContent(out, defaults);
  EXPECT_EQ(out.person_id, "p-kept");
}

TEST_F(MatchingStoreTest, CorruptProfileContentIsDataLossAndChangesNothing) {
  for (const std::string bad :
       {"not json", "[1, 2]", R"({"it_skills": 5})", R"({"mobility_radius_km": "far"})",
        R"({"experiences": [{"employer": "x", "from": "yesterday"}]})",
        R"({"experiences": [{"employer": "x"}]})", R"({"languages": {"en": "B2"}})",
        R"({"education": 3})", R"({"unemployed_since": "2025-13-45"})"}) {
    CandidateProfile out = FullProfile("p-c");
    EXPECT_THAT(ProfileContentFromJson(bad, out), HasReason("CORRUPT_RECORD")) << bad;
    EXPECT_THAT(ProfileContentFromJson(bad, out), StatusIs(absl::StatusCode::kDataLoss)) << bad;
    ExpectSameContent(out, FullProfile("p-c"));
  }

  PutProfile(Profile("p-c", "CPI-TO-15", ProfileState::kValidated));
  ASSERT_THAT(Tx([](Transaction& tx) {
                return tx
                    .Execute(
                        "UPDATE profiles SET content = '{\"it_skills\": ' WHERE"
                        " person_id = 'p-c'")
                    .status();
              }),
              IsOk());
  EXPECT_THAT(FindProfile("p-c"), HasReason("CORRUPT_RECORD"));
}

TEST_F(MatchingStoreTest, OfCpiPagesByPersonIdAndFiltersByState) {
  PutProfile(Profile("p-05", "CPI-A", ProfileState::kValidated));
  PutProfile(Profile("p-01", "CPI-A", ProfileState::kToValidate));
  PutProfile(Profile("p-03", "CPI-A", ProfileState::kValidated));
  PutProfile(Profile("p-02", "CPI-A", ProfileState::kExpired));
  PutProfile(Profile("p-04", "CPI-A", ProfileState::kValidated));
  PutProfile(Profile("p-00", "CPI-B", ProfileState::kValidated));

  auto of_cpi = [&](std::optional<ProfileState> state, const std::string& after, int limit) {
    return Read<std::vector<StoredProfile>>(
        [&](Transaction& tx) { return ProfileStore::OfCpi(tx, "CPI-A", state, after, limit); });
  };
  ASSERT_OK_AND_ASSIGN(std::vector<StoredProfile> page, of_cpi(std::nullopt, "", 2));
  EXPECT_THAT(PersonIds(page), ElementsAre("p-01", "p-02"));
  ASSERT_OK_AND_ASSIGN(page, of_cpi(std::nullopt, "p-02", 2));
  EXPECT_THAT(PersonIds(page), ElementsAre("p-03", "p-04"));
  ASSERT_OK_AND_ASSIGN(page, of_cpi(std::nullopt, "p-04", 2));
  EXPECT_THAT(PersonIds(page), ElementsAre("p-05"));
  ASSERT_OK_AND_ASSIGN(page, of_cpi(std::nullopt, "p-05", 2));
  EXPECT_THAT(page, IsEmpty());

  ASSERT_OK_AND_ASSIGN(page, of_cpi(ProfileState::kValidated, "", 2));
  EXPECT_THAT(PersonIds(page), ElementsAre("p-03", "p-04"));
  ASSERT_OK_AND_ASSIGN(page, of_cpi(ProfileState::kValidated, "p-04", 2));
  EXPECT_THAT(PersonIds(page), ElementsAre("p-05"));
  ASSERT_OK_AND_ASSIGN(page, of_cpi(ProfileState::kToValidate, "", 10));
  EXPECT_THAT(PersonIds(page), ElementsAre("p-01"));
  ASSERT_OK_AND_ASSIGN(page, of_cpi(ProfileState::kExpired, "", 10));
  EXPECT_THAT(PersonIds(page), ElementsAre("p-02"));
  ASSERT_FALSE(page.empty());
  ExpectSameContent(page[0].profile, FullProfile("p-02"));

  // Page: every CPI, every state.
  auto all = [&](const std::string& after, int limit) {
    return Read<std::vector<StoredProfile>>(
        [&](Transaction& tx) { return ProfileStore::Page(tx, after, limit); });
  };
  ASSERT_OK_AND_ASSIGN(page, all("", 4));
  EXPECT_THAT(PersonIds(page), ElementsAre("p-00", "p-01", "p-02", "p-03"));
  ASSERT_OK_AND_ASSIGN(page, all("p-03", 4));
  EXPECT_THAT(PersonIds(page), ElementsAre("p-04", "p-05"));
}

TEST_F(MatchingStoreTest, ToWarnAndExpiredSelectValidatedProfilesByExpiry) {
  PutProfile(Profile("w-1", "CPI-A", ProfileState::kValidated, Day(2027, 1, 10)));
  PutProfile(Profile("w-2", "CPI-A", ProfileState::kValidated, Day(2027, 1, 5), Day(2027, 1, 5)));
  // Warned for an earlier validation's expiry: warned again for the new one.
  PutProfile(Profile("w-3", "CPI-A", ProfileState::kValidated, Day(2027, 1, 5), Day(2026, 1, 5)));
  PutProfile(Profile("w-4", "CPI-A", ProfileState::kToValidate, Day(2027, 1, 1)));
  PutProfile(Profile("w-5", "CPI-A", ProfileState::kValidated));  // L.68: no expiry
  PutProfile(Profile("w-6", "CPI-A", ProfileState::kExpired, Day(2026, 11, 1)));
  PutProfile(Profile("w-7", "CPI-B", ProfileState::kValidated, Day(2027, 1, 3)));

  auto to_warn = [&](Day day, int limit) {
    return Read<std::vector<StoredProfile>>(
        [&](Transaction& tx) { return ProfileStore::ToWarn(tx, day, limit); });
  };
  auto expired = [&](Day day, int limit) {
    return Read<std::vector<StoredProfile>>(
        [&](Transaction& tx) { return ProfileStore::Expired(tx, day, limit); });
  };
  ASSERT_OK_AND_ASSIGN(std::vector<StoredProfile> got, to_warn(Day(2027, 1, 10), 10));
  EXPECT_THAT(PersonIds(got), ElementsAre("w-7", "w-3", "w-1"));
  ASSERT_OK_AND_ASSIGN(got, to_warn(Day(2027, 1, 9), 10));
  EXPECT_THAT(PersonIds(got), ElementsAre("w-7", "w-3"));
  ASSERT_OK_AND_ASSIGN(got, to_warn(Day(2027, 1, 10), 2));
  EXPECT_THAT(PersonIds(got), ElementsAre("w-7", "w-3"));
  ASSERT_OK_AND_ASSIGN(got, to_warn(Day(2027, 1, 2), 10));
  EXPECT_THAT(got, IsEmpty());

  ASSERT_OK_AND_ASSIGN(got, expired(Day(2027, 1, 5), 10));
  EXPECT_THAT(PersonIds(got), ElementsAre("w-7"));
  ASSERT_OK_AND_ASSIGN(got, expired(Day(2027, 1, 6), 10));
  EXPECT_THAT(PersonIds(got), ElementsAre("w-7", "w-2", "w-3"));
  ASSERT_OK_AND_ASSIGN(got, expired(Day(2027, 1, 6), 1));
  EXPECT_THAT(PersonIds(got), ElementsAre("w-7"));
  ASSERT_OK_AND_ASSIGN(got, expired(Day(2030, 1, 1), 10));
  EXPECT_THAT(PersonIds(got), ElementsAre("w-7", "w-2", "w-3", "w-1"));
}

// ---- Vacancy replica ------------------------------------------------------------------------

TEST_F(MatchingStoreTest, VacancyReplicaRoundTripsTheWholeVacancy) {
  ReplicatedVacancy r{FullVacancy("v-1"), "Acme S.p.A.", "Ingegnere software",
                      clock_.Now() + absl::Microseconds(9)};
  ASSERT_THAT(Tx([&](Transaction& tx) { return VacancyReplica::Put(tx, r); }), IsOk());
  auto find = [&](const std::string& id) {
    return Read<std::optional<ReplicatedVacancy>>(
        [&](Transaction& tx) { return VacancyReplica::Find(tx, id); });
  };
  ASSERT_OK_AND_ASSIGN(std::optional<ReplicatedVacancy> got, find("v-1"));
  ASSERT_TRUE(got.has_value());
  ExpectSameVacancy(got->vacancy, r.vacancy);
  EXPECT_EQ(got->company_name, "Acme S.p.A.");
  EXPECT_EQ(got->title, "Ingegnere software");
  EXPECT_EQ(got->updated_at, r.updated_at);
  EXPECT_EQ(
      Scalar("SELECT company_fiscal_code FROM vacancy_replica WHERE vacancy_id = $1", {"v-1"}),
      "01234567897");
  EXPECT_EQ(Scalar("SELECT state FROM vacancy_replica WHERE vacancy_id = $1", {"v-1"}),
            "suspended");
  EXPECT_EQ(Scalar("SELECT positions FROM vacancy_replica WHERE vacancy_id = $1", {"v-1"}), "3");

  // Replaced by a later event.
  r.vacancy.state = VacancyState::kClosed;
  r.vacancy.positions_filled = 3;
  r.vacancy.desired_skills.clear();
  r.title = "Ingegnere del software";
  ASSERT_THAT(Tx([&](Transaction& tx) { return VacancyReplica::Put(tx, r); }), IsOk());
  ASSERT_OK_AND_ASSIGN(got, find("v-1"));
  ASSERT_TRUE(got.has_value());
  ExpectSameVacancy(got->vacancy, r.vacancy);
  EXPECT_EQ(got->title, "Ingegnere del software");

  // The columns win over the content (a column-only change shows).
  ASSERT_THAT(Tx([](Transaction& tx) {
                return tx
                    .Execute(
                        "UPDATE vacancy_replica SET positions_filled = 2,"
                        " state = 'published' WHERE vacancy_id = 'v-1'")
                    .status();
              }),
              IsOk());
  ASSERT_OK_AND_ASSIGN(got, find("v-1"));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->vacancy.positions_filled, 2);
  EXPECT_EQ(got->vacancy.state, VacancyState::kPublished);

  ASSERT_OK_AND_ASSIGN(got, find("v-unknown"));
  EXPECT_FALSE(got.has_value());
}

TEST_F(MatchingStoreTest, VacancyJsonRoundTripsAndRejectsCorruptText) {
  for (int i = 0; i < 4; ++i) {
    Vacancy v = FullVacancy("v-j");
    v.working_mode = static_cast<WorkingMode>(i);
    v.state = static_cast<VacancyState>(i);
    v.l68_reservation = static_cast<L68Category>(i % 3);
    v.languages[0].min_level = static_cast<CefrLevel>(i + 3);
    v.min_education = static_cast<EducationLevel>(i + 7);
    ASSERT_OK_AND_ASSIGN(Vacancy back, VacancyFromJson(VacancyToJson(v)));
    ExpectSameVacancy(back, v);
  }
  ASSERT_OK_AND_ASSIGN(Vacancy empty, VacancyFromJson("{}"));
  EXPECT_EQ(empty.positions, 1);
  EXPECT_TRUE(empty.languages.empty());
  for (const std::string bad :
       {"", "{", "42", R"({"positions": "three"})", R"({"languages": [{"language": 1}]})"}) {
    EXPECT_THAT(VacancyFromJson(bad), HasReason("CORRUPT_RECORD")) << bad;
    EXPECT_THAT(VacancyFromJson(bad), StatusIs(absl::StatusCode::kDataLoss)) << bad;
  }

  ReplicatedVacancy r{FullVacancy("v-c"), "Acme", "t", clock_.Now()};
  ASSERT_THAT(Tx([&](Transaction& tx) { return VacancyReplica::Put(tx, r); }), IsOk());
  ASSERT_THAT(Tx([](Transaction& tx) {
                return tx.Execute("UPDATE vacancy_replica SET content = 'x'").status();
              }),
              IsOk());
  EXPECT_THAT(Read<std::optional<ReplicatedVacancy>>(
                  [&](Transaction& tx) { return VacancyReplica::Find(tx, "v-c"); }),
              HasReason("CORRUPT_RECORD"));
}

TEST_F(MatchingStoreTest, VacancyReplicaPagesById) {
  for (const char* id : {"v-3", "v-1", "v-2"}) {
    ReplicatedVacancy r{FullVacancy(id), "Acme", "t", clock_.Now()};
    ASSERT_THAT(Tx([&](Transaction& tx) { return VacancyReplica::Put(tx, r); }), IsOk());
  }
  auto page = [&](const std::string& after, int limit) {
    return Read<std::vector<ReplicatedVacancy>>(
        [&](Transaction& tx) { return VacancyReplica::Page(tx, after, limit); });
  };
  auto ids = [](const std::vector<ReplicatedVacancy>& all) {
    std::vector<std::string> out;
    for (const ReplicatedVacancy& v : all) out.push_back(v.vacancy.id);
    return out;
  };
  ASSERT_OK_AND_ASSIGN(std::vector<ReplicatedVacancy> got, page("", 2));
  EXPECT_THAT(ids(got), ElementsAre("v-1", "v-2"));
  ASSERT_OK_AND_ASSIGN(got, page("v-2", 2));
  EXPECT_THAT(ids(got), ElementsAre("v-3"));
}

// ---- Proposals ------------------------------------------------------------------------------

TEST_F(MatchingStoreTest, ProposalInsertThenUpdateAppendsHistory) {
  Proposal p = MakeProposal("pr-1", "v-1", "p-1", 1);
  ASSERT_THAT(InsertProposal(p), IsOk());
  ASSERT_OK_AND_ASSIGN(std::optional<Proposal> got, FindProposal("pr-1"));
  ASSERT_TRUE(got.has_value());
  ExpectSameProposal(*got, p);
  EXPECT_EQ(got->deadline, std::nullopt);
  EXPECT_EQ(got->interview_at, std::nullopt);

  // PROPOSE: state, deadline and a step by the operator.
  const size_t known = p.history.size();
  p.state = ProposalState::kProposed;
  p.score = 88;
  p.deadline = Day(2026, 12, 20);
  p.history.push_back({ProposalAction::kPropose, ProposalState::kShortlisted,
                       ProposalState::kProposed, Actor::kOperator, "op-9",
                       clock_.Now() + absl::Microseconds(77), "proposto"});
  ASSERT_THAT(Tx([&](Transaction& tx) {
                return ProposalStore::Update(tx, p, known, clock_.Now() + absl::Seconds(1));
              }),
              IsOk());
  ASSERT_OK_AND_ASSIGN(got, FindProposal("pr-1"));
  ASSERT_TRUE(got.has_value());
  ExpectSameProposal(*got, p);
  EXPECT_EQ(Scalar("SELECT updated_at FROM proposals WHERE proposal_id = $1", {"pr-1"}),
            absl::StrCat(absl::ToUnixMicros(clock_.Now() + absl::Seconds(1))));
  EXPECT_EQ(Scalar("SELECT created_at FROM proposals WHERE proposal_id = $1", {"pr-1"}),
            absl::StrCat(absl::ToUnixMicros(clock_.Now())));

  // ACCEPT, SEND, SCHEDULE_INTERVIEW in one update: several steps appended, every column set.
  const size_t known2 = p.history.size();
  p.state = ProposalState::kInterview;
  p.visible_from = Day(2026, 12, 22);
  p.interview_at = clock_.Now() + absl::Hours(24 * 30) + absl::Microseconds(3);
  p.history.push_back({ProposalAction::kAccept, ProposalState::kProposed, ProposalState::kAccepted,
                       Actor::kCitizen, "p-1", clock_.Now() + absl::Seconds(2), ""});
  p.history.push_back({ProposalAction::kSend, ProposalState::kAccepted, ProposalState::kSent,
                       Actor::kOperator, "op-9", clock_.Now() + absl::Seconds(3), "inviato"});
  p.history.push_back({ProposalAction::kScheduleInterview, ProposalState::kSent,
                       ProposalState::kInterview, Actor::kCompany, "01234567897",
                       clock_.Now() + absl::Seconds(4), ""});
  ASSERT_THAT(
      Tx([&](Transaction& tx) { return ProposalStore::Update(tx, p, known2, clock_.Now()); }),
      IsOk());
  ASSERT_OK_AND_ASSIGN(got, FindProposal("pr-1"));
  ASSERT_TRUE(got.has_value());
  ExpectSameProposal(*got, p);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM proposal_history WHERE proposal_id = $1", {"pr-1"}), "5");

  // A system outcome with no operator.
  const size_t known3 = p.history.size();
  p.state = ProposalState::kHired;
  p.history.push_back({ProposalAction::kRecordOutcome, ProposalState::kInterview,
                       ProposalState::kHired, Actor::kSystem, "", clock_.Now(), ""});
  ASSERT_THAT(
      Tx([&](Transaction& tx) { return ProposalStore::Update(tx, p, known3, clock_.Now()); }),
      IsOk());
  ASSERT_OK_AND_ASSIGN(got, Read<std::optional<Proposal>>([&](Transaction& tx) {
                         return ProposalStore::FindFor(tx, "v-1", "p-1");
                       }));
  ASSERT_TRUE(got.has_value());
  ExpectSameProposal(*got, p);
  ASSERT_OK_AND_ASSIGN(got, Read<std::optional<Proposal>>([&](Transaction& tx) {
                         return ProposalStore::FindFor(tx, "v-1", "p-2");
                       }));
  EXPECT_FALSE(got.has_value());
  ASSERT_OK_AND_ASSIGN(got, FindProposal("pr-unknown"));
  EXPECT_FALSE(got.has_value());
}

TEST_F(MatchingStoreTest, ProposalUpdateFromAStaleHistoryIsAbortedAndChangesNothing) {
  Proposal p = MakeProposal("pr-1", "v-1", "p-1", 2);
  ASSERT_THAT(InsertProposal(p), IsOk());

  // Two readers saw 2 steps; the first one's note wins.
  Proposal first = p, second = p;
  first.history.push_back({ProposalAction::kNote, ProposalState::kShortlisted,
                           ProposalState::kShortlisted, Actor::kOperator, "op-a", clock_.Now(),
                           "first"});
  second.state = ProposalState::kRemoved;
  second.history.push_back({ProposalAction::kRemove, ProposalState::kShortlisted,
                            ProposalState::kRemoved, Actor::kOperator, "op-b", clock_.Now(),
                            "second"});
  ASSERT_THAT(
      Tx([&](Transaction& tx) { return ProposalStore::Update(tx, first, 2, clock_.Now()); }),
      IsOk());
  const absl::Status stale =
      Tx([&](Transaction& tx) { return ProposalStore::Update(tx, second, 2, clock_.Now()); });
  EXPECT_THAT(stale, HasReason("PROPOSAL_CHANGED"));
  EXPECT_THAT(stale, StatusIs(absl::StatusCode::kAborted));

  ASSERT_OK_AND_ASSIGN(std::optional<Proposal> got, FindProposal("pr-1"));
  ASSERT_TRUE(got.has_value());
  ExpectSameProposal(*got, first);

  // A state change without a step is checked too.
  Proposal no_step = p;
  no_step.score = 1;
  EXPECT_THAT(
      Tx([&](Transaction& tx) { return ProposalStore::Update(tx, no_step, 2, clock_.Now()); }),
      HasReason("PROPOSAL_CHANGED"));
  // Fewer steps than stored is stale as well.
  EXPECT_THAT(
      Tx([&](Transaction& tx) { return ProposalStore::Update(tx, first, 1, clock_.Now()); }),
      HasReason("PROPOSAL_CHANGED"));
  ASSERT_OK_AND_ASSIGN(got, FindProposal("pr-1"));
  ASSERT_TRUE(got.has_value());
  ExpectSameProposal(*got, first);

  // An unknown proposal.
  Proposal ghost = MakeProposal("pr-ghost", "v-1", "p-9", 1);
  EXPECT_THAT(
      Tx([&](Transaction& tx) { return ProposalStore::Update(tx, ghost, 0, clock_.Now()); }),
      HasReason("PROPOSAL_NOT_FOUND"));
}

TEST_F(MatchingStoreTest, ASecondProposalForTheSameVacancyAndPersonAlreadyExists) {
  ASSERT_THAT(InsertProposal(MakeProposal("pr-1", "v-1", "p-1", 1)), IsOk());
  const Proposal dup = MakeProposal("pr-2", "v-1", "p-1", 3);
  std::optional<Proposal> seen;
  const absl::Status st = Tx([&](Transaction& tx) -> absl::Status {
    const absl::Status insert = ProposalStore::Insert(tx, dup, clock_.Now());
    // The transaction is still usable (PostgreSQL aborts one on a unique violation).
    absl::StatusOr<std::optional<Proposal>> existing = ProposalStore::FindFor(tx, "v-1", "p-1");
    if (!existing.ok()) return existing.status();
    seen = *existing;
    return insert;
  });
  EXPECT_THAT(st, HasReason("PROPOSAL_EXISTS"));
  EXPECT_THAT(st, StatusIs(absl::StatusCode::kAlreadyExists));
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(seen->id, "pr-1");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM proposal_history WHERE proposal_id = $1", {"pr-2"}), "0");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM proposals", {}), "1");

  // The same person for another vacancy is a new proposal.
  EXPECT_THAT(InsertProposal(MakeProposal("pr-3", "v-2", "p-1", 1)), IsOk());
}

TEST_F(MatchingStoreTest, OfVacancyAndOfPersonPageWithTheirOwnHistories) {
  std::vector<Proposal> of_v1;
  for (int i = 0; i < 5; ++i) {
    of_v1.push_back(MakeProposal(absl::StrCat("pr-", i), "v-1", absl::StrCat("p-", i), i + 1));
    ASSERT_THAT(InsertProposal(of_v1.back()), IsOk());
  }
  const Proposal other = MakeProposal("pr-9", "v-2", "p-0", 4);
  ASSERT_THAT(InsertProposal(other), IsOk());

  auto of_vacancy = [&](const std::string& after, int limit) {
    return Read<std::vector<Proposal>>(
        [&](Transaction& tx) { return ProposalStore::OfVacancy(tx, "v-1", after, limit); });
  };
  ASSERT_OK_AND_ASSIGN(std::vector<Proposal> page, of_vacancy("", 2));
  EXPECT_THAT(ProposalIds(page), ElementsAre("pr-0", "pr-1"));
  ASSERT_EQ(page.size(), 2u);
  ExpectSameProposal(page[0], of_v1[0]);
  ExpectSameProposal(page[1], of_v1[1]);
  ASSERT_OK_AND_ASSIGN(page, of_vacancy("pr-1", 2));
  EXPECT_THAT(ProposalIds(page), ElementsAre("pr-2", "pr-3"));
  ASSERT_EQ(page.size(), 2u);
  ExpectSameProposal(page[0], of_v1[2]);
  ExpectSameProposal(page[1], of_v1[3]);
  ASSERT_OK_AND_ASSIGN(page, of_vacancy("pr-3", 2));
  ASSERT_EQ(page.size(), 1u);
  ExpectSameProposal(page[0], of_v1[4]);
  ASSERT_OK_AND_ASSIGN(page, of_vacancy("pr-4", 2));
  EXPECT_THAT(page, IsEmpty());

  auto of_person = [&](const std::string& person, const std::string& after, int limit) {
    return Read<std::vector<Proposal>>(
        [&](Transaction& tx) { return ProposalStore::OfPerson(tx, person, after, limit); });
  };
  ASSERT_OK_AND_ASSIGN(page, of_person("p-0", "", 10));
  ASSERT_EQ(page.size(), 2u);
  ExpectSameProposal(page[0], of_v1[0]);
  ExpectSameProposal(page[1], other);
  ASSERT_OK_AND_ASSIGN(page, of_person("p-0", "", 1));
  EXPECT_THAT(ProposalIds(page), ElementsAre("pr-0"));
  ASSERT_OK_AND_ASSIGN(page, of_person("p-0", "pr-0", 1));
  EXPECT_THAT(ProposalIds(page), ElementsAre("pr-9"));
  ASSERT_OK_AND_ASSIGN(page, of_person("p-3", "", 10));
  ASSERT_EQ(page.size(), 1u);
  ExpectSameProposal(page[0], of_v1[3]);
  ASSERT_OK_AND_ASSIGN(page, of_person("p-none", "", 10));
  EXPECT_THAT(page, IsEmpty());
}

TEST_F(MatchingStoreTest, LapsingSelectsProposedProposalsPastTheirDeadline) {
  auto with_deadline = [&](const std::string& id, ProposalState state, std::optional<Day> d) {
    Proposal p = MakeProposal(id, "v-1", "p-" + id, 1, state);
    p.deadline = d;
    return p;
  };
  ASSERT_THAT(InsertProposal(with_deadline("l-2", ProposalState::kProposed, Day(2026, 12, 11))),
              IsOk());
  ASSERT_THAT(InsertProposal(with_deadline("l-1", ProposalState::kProposed, Day(2026, 12, 10))),
              IsOk());
  ASSERT_THAT(InsertProposal(with_deadline("l-3", ProposalState::kAccepted, Day(2026, 12, 5))),
              IsOk());
  ASSERT_THAT(InsertProposal(with_deadline("l-4", ProposalState::kShortlisted, std::nullopt)),
              IsOk());

  auto lapsing = [&](Day today, int limit) {
    return Read<std::vector<Proposal>>(
        [&](Transaction& tx) { return ProposalStore::Lapsing(tx, today, limit); });
  };
  ASSERT_OK_AND_ASSIGN(std::vector<Proposal> got, lapsing(Day(2026, 12, 10), 10));
  EXPECT_THAT(got, IsEmpty());
  ASSERT_OK_AND_ASSIGN(got, lapsing(Day(2026, 12, 11), 10));
  EXPECT_THAT(ProposalIds(got), ElementsAre("l-1"));
  ASSERT_OK_AND_ASSIGN(got, lapsing(Day(2026, 12, 12), 10));
  EXPECT_THAT(ProposalIds(got), ElementsAre("l-1", "l-2"));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1].history.size(), 1u);
  EXPECT_EQ(got[1].deadline, Day(2026, 12, 11));
  ASSERT_OK_AND_ASSIGN(got, lapsing(Day(2026, 12, 12), 1));
  EXPECT_THAT(ProposalIds(got), ElementsAre("l-1"));
}

TEST_F(MatchingStoreTest, CorruptProposalHistoryIsDataLoss) {
  ASSERT_THAT(InsertProposal(MakeProposal("pr-1", "v-1", "p-1", 2)), IsOk());
  ASSERT_THAT(
      Tx([](Transaction& tx) {
        return tx.Execute("UPDATE proposal_history SET action = 'dance' WHERE seq = 1").status();
      }),
      IsOk());
  EXPECT_THAT(FindProposal("pr-1"), HasReason("CORRUPT_RECORD"));
}

// ---- Staff audit ----------------------------------------------------------------------------

TEST_F(MatchingStoreTest, StaffAuditRecordsEveryField) {
  const absl::Time at = clock_.Now() + absl::Microseconds(42);
  ASSERT_THAT(Tx([&](Transaction& tx) {
                return StaffAudit::Record(
                    tx,
                    {"op-1", "operator", "matching.GetProfile", "p-1", "colloquio di orientamento"},
                    at);
              }),
              IsOk());
  ASSERT_THAT(Tx([&](Transaction& tx) {
                return StaffAudit::Record(
                    tx, {"op-2", "operator", "matching.UpdateProfile", "p-1", "correzione"}, at);
              }),
              IsOk());
  std::vector<std::vector<std::string>> rows;
  ASSERT_THAT(Tx([&](Transaction& tx) -> absl::Status {
                auto r = tx.Execute(
                    "SELECT id, at, actor, actor_role, action, subject, reason FROM staff_audit"
                    " ORDER BY actor");
                if (!r.ok()) return r.status();
                for (const auto& row : r->rows) {
                  std::vector<std::string> v;
                  for (size_t i = 0; i < 7; ++i) v.push_back(row.Str(i));
                  rows.push_back(v);
                }
                return absl::OkStatus();
              }),
              IsOk());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(platform::IsUuid(rows[0][0])) << rows[0][0];
  EXPECT_NE(rows[0][0], rows[1][0]);
  EXPECT_THAT(rows[0],
              ElementsAre(rows[0][0], absl::StrCat(absl::ToUnixMicros(at)), "op-1", "operator",
                          "matching.GetProfile", "p-1", "colloquio di orientamento"));
  EXPECT_EQ(rows[1][4], "matching.UpdateProfile");
  EXPECT_EQ(rows[1][6], "correzione");
}

}  // namespace
}  // namespace store
}  // namespace sisl::matching
