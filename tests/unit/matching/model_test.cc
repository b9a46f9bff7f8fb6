// Validation of profiles and vacancies, the expiry rule, education codes and weights.
#include <map>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/matching/domain/profile.h"
#include "services/matching/domain/types.h"
#include "services/matching/domain/vacancy.h"
#include "services/matching/domain/weights.h"
#include "services/platform/errors.h"
#include "services/platform/testing/status_matchers.h"

namespace sisl::matching {
namespace {

using ::sisl::platform::testing::HasReason;
using ::sisl::platform::testing::IsOk;
using ::testing::Contains;
using ::testing::Field;

const absl::CivilDay kToday(2025, 6, 1);

CandidateProfile Profile() {
  CandidateProfile p;
  p.person_id = "P1";
  p.cpi_code = "CPI-TO-15";
  p.desired_professions = {{"2.1.1.4.1", {"A.01.00"}, {WorkingMode::kHybrid}}};
  p.experiences = {
      {"2.1.1.4.1.17", "Acme S.p.A.", absl::CivilDay(2020, 1, 1), absl::CivilDay(2023, 12, 31)}};
  p.languages = {{"en", CefrLevel::kB2}};
  p.it_skills = {"C++"};
  p.driving_licences = {"B"};
  p.professional_registers = {"Albo degli ingegneri"};
  p.domicile_istat_code = "001272";
  p.mobility_radius_km = 30;
  p.availability = Availability::kAvailable;
  p.visibility = Visibility::kAnonymous;
  p.validated_on = absl::CivilDay(2025, 1, 10);
  return p;
}

Vacancy MakeVacancy() {
  Vacancy v;
  v.id = "V1";
  v.company_id = "C1";
  v.cpi_code = "CPI-TO-15";
  v.profession_code = "2.1.1.4.1";
  v.contract_type = "A.01.00";
  v.working_mode = WorkingMode::kOnSite;
  v.workplace_istat_code = "001156";
  v.area_radius_km = 50;
  return v;
}

bool HasProblem(const std::vector<FieldProblem>& problems, const std::string& field,
                const std::string& reason) {
  for (const FieldProblem& p : problems) {
    if (p.field == field && p.reason == reason) return true;
  }
  return false;
}

TEST(ProfileValidationTest, AValidProfilePasses) {
  EXPECT_THAT(ValidateProfile(Profile(), kToday), IsOk());
}

TEST(ProfileValidationTest, EveryFieldIsChecked) {
  struct Case {
    void (*mutate)(CandidateProfile&);
    const char* field;
    const char* reason;
  };
  const Case cases[] = {
      {[](CandidateProfile& p) { p.person_id = ""; }, "person_id", "PERSON_ID_REQUIRED"},
      {[](CandidateProfile& p) { p.cpi_code = "CPI-XX-99"; }, "cpi_code", "UNKNOWN_CPI"},
      {[](CandidateProfile& p) { p.desired_professions.clear(); }, "desired_professions",
       "DESIRED_PROFESSION_REQUIRED"},
      {[](CandidateProfile& p) { p.desired_professions[0].profession_code = "9.9.9.9.9"; },
       "desired_professions[0].profession_code", "UNKNOWN_PROFESSION_CODE"},
      {[](CandidateProfile& p) { p.desired_professions[0].profession_code = "2.1.1"; },
       "desired_professions[0].profession_code", "MALFORMED_PROFESSION_CODE"},
      {[](CandidateProfile& p) { p.desired_professions.push_back(p.desired_professions[0]); },
       "desired_professions[1].profession_code", "DUPLICATE_PROFESSION"},
      {[](CandidateProfile& p) { p.desired_professions[0].contract_types = {"A0100"}; },
       "desired_professions[0].contract_types[0]", "MALFORMED_CONTRACT_TYPE"},
      {[](CandidateProfile& p) {
         p.desired_professions[0].working_modes = {WorkingMode::kUnspecified};
       },
       "desired_professions[0].working_modes[0]", "WORKING_MODE_REQUIRED"},
      {[](CandidateProfile& p) { p.experiences[0].to = absl::CivilDay(2019, 1, 1); },
       "experiences[0].to", "EXPERIENCE_DATES_ORDER"},
      {[](CandidateProfile& p) { p.experiences[0].from = absl::CivilDay(2026, 1, 1); },
       "experiences[0].from", "EXPERIENCE_IN_FUTURE"},
      {[](CandidateProfile& p) { p.experiences[0].employer_name = "  "; },
       "experiences[0].employer_name", "EMPLOYER_REQUIRED"},
      {[](CandidateProfile& p) { p.languages[0].language = "EN"; }, "languages[0].language",
       "INVALID_LANGUAGE_CODE"},
      {[](CandidateProfile& p) {
         p.languages.push_back({"en", CefrLevel::kA1});
       },
       "languages[1].language", "DUPLICATE_LANGUAGE"},
      {[](CandidateProfile& p) { p.languages[0].level = CefrLevel::kUnspecified; },
       "languages[0].level", "CEFR_LEVEL_REQUIRED"},
      {[](CandidateProfile& p) { p.it_skills = {" "}; }, "it_skills[0]", "INVALID_IT_SKILL"},
      {[](CandidateProfile& p) {
         p.it_skills = {"SQL", "sql"};
       },
       "it_skills[1]", "DUPLICATE_ENTRY"},
      {[](CandidateProfile& p) { p.driving_licences = {"Z"}; }, "driving_licences[0]",
       "INVALID_DRIVING_LICENCE"},
      {[](CandidateProfile& p) { p.professional_registers = {""}; }, "professional_registers[0]",
       "INVALID_PROFESSIONAL_REGISTER"},
      {[](CandidateProfile& p) { p.domicile_istat_code = "999999"; }, "domicile_istat_code",
       "UNKNOWN_MUNICIPALITY_CODE"},
      {[](CandidateProfile& p) { p.domicile_istat_code = "1272"; }, "domicile_istat_code",
       "MALFORMED_MUNICIPALITY_CODE"},
      {[](CandidateProfile& p) { p.mobility_radius_km = 301; }, "mobility_radius_km",
       "INVALID_RADIUS"},
      {[](CandidateProfile& p) { p.mobility_radius_km = -1; }, "mobility_radius_km",
       "INVALID_RADIUS"},
      {[](CandidateProfile& p) { p.availability = Availability::kUnspecified; }, "availability",
       "AVAILABILITY_REQUIRED"},
      {[](CandidateProfile& p) { p.visibility = Visibility::kUnspecified; }, "visibility",
       "VISIBILITY_REQUIRED"},
      {[](CandidateProfile& p) { p.validated_on = absl::CivilDay(2025, 6, 2); }, "validated_on",
       "DATE_IN_FUTURE"},
      {[](CandidateProfile& p) { p.unemployed_since = absl::CivilDay(2025, 7, 1); },
       "unemployed_since", "DATE_IN_FUTURE"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.reason);
    CandidateProfile p = Profile();
    c.mutate(p);
    const std::vector<FieldProblem> problems = CheckProfile(p, kToday);
    EXPECT_TRUE(HasProblem(problems, c.field, c.reason))
        << (problems.empty() ? "no problem" : problems[0].field + " " + problems[0].reason);
    EXPECT_THAT(ValidateProfile(p, kToday), HasReason(problems.empty() ? "" : problems[0].reason));
  }
}

TEST(ProfileValidationTest, StatusNamesTheFieldAndEveryReason) {
  CandidateProfile p = Profile();
  p.mobility_radius_km = 999;
  p.languages[0].level = CefrLevel::kUnspecified;
  const absl::Status st = ValidateProfile(p, kToday);
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(st, HasReason("CEFR_LEVEL_REQUIRED"));
  EXPECT_EQ(platform::ErrorMetadata(st)["reasons"], "CEFR_LEVEL_REQUIRED,INVALID_RADIUS");
  EXPECT_THAT(platform::ErrorFieldViolations(st),
              Contains(Field(&platform::FieldViolation::field, "mobility_radius_km")));
}

TEST(VacancyValidationTest, AValidVacancyPassesAndFieldsAreChecked) {
  EXPECT_THAT(ValidateVacancy(MakeVacancy(), kToday), IsOk());
  Vacancy v = MakeVacancy();
  v.profession_code = "9.9.9.9.9";
  v.workplace_istat_code = "000000";
  v.area_radius_km = -5;
  v.languages = {{"en", CefrLevel::kUnspecified, true}};
  v.required_licences = {"B", "b"};
  v.min_experience_months = 601;
  v.positions = 2;
  v.positions_filled = 3;
  v.state = VacancyState::kUnspecified;
  v.working_mode = WorkingMode::kUnspecified;
  v.contract_type = "";
  const std::vector<FieldProblem> problems = CheckVacancy(v, kToday);
  EXPECT_TRUE(HasProblem(problems, "profession_code", "UNKNOWN_PROFESSION_CODE"));
  EXPECT_TRUE(HasProblem(problems, "workplace_istat_code", "UNKNOWN_MUNICIPALITY_CODE"));
  EXPECT_TRUE(HasProblem(problems, "area_radius_km", "INVALID_RADIUS"));
  EXPECT_TRUE(HasProblem(problems, "languages[0].level", "CEFR_LEVEL_REQUIRED"));
  EXPECT_TRUE(HasProblem(problems, "required_licences[1]", "DUPLICATE_DRIVING_LICENCE"));
  EXPECT_TRUE(HasProblem(problems, "min_experience_months", "INVALID_EXPERIENCE"));
  EXPECT_TRUE(HasProblem(problems, "positions_filled", "INVALID_POSITIONS_FILLED"));
  EXPECT_TRUE(HasProblem(problems, "state", "STATE_REQUIRED"));
  EXPECT_TRUE(HasProblem(problems, "working_mode", "WORKING_MODE_REQUIRED"));
  EXPECT_TRUE(HasProblem(problems, "contract_type", "MALFORMED_CONTRACT_TYPE"));
  v = MakeVacancy();
  v.id = "";
  v.company_id = "has space";
  EXPECT_THAT(ValidateVacancy(v, kToday), HasReason("VACANCY_ID_REQUIRED"));
  EXPECT_TRUE(HasProblem(CheckVacancy(v, kToday), "company_id", "INVALID_ID"));
}

TEST(VacancyTest, OpenWhilePublishedWithPositionsLeft) {
  Vacancy v = MakeVacancy();
  v.positions = 2;
  v.positions_filled = 1;
  EXPECT_TRUE(IsOpen(v));
  v.positions_filled = 2;
  EXPECT_FALSE(IsOpen(v));
  v.positions_filled = 0;
  v.state = VacancyState::kSuspended;
  EXPECT_FALSE(IsOpen(v));
}

TEST(ExpiryTest, AValidatedProfileExpiresAfter365Days) {
  CandidateProfile p = Profile();
  p.validated_on = absl::CivilDay(2025, 1, 1);
  EXPECT_EQ(ExpiryDate(p), absl::CivilDay(2026, 1, 1));
  EXPECT_TRUE(IsValidOn(p, absl::CivilDay(2025, 12, 31)));
  EXPECT_FALSE(IsExpired(p, absl::CivilDay(2025, 12, 31)));
  EXPECT_TRUE(IsExpired(p, absl::CivilDay(2026, 1, 1)));
  EXPECT_FALSE(IsValidOn(p, absl::CivilDay(2026, 1, 1)));
  // Across a leap day: still 365 days.
  p.validated_on = absl::CivilDay(2027, 6, 1);
  EXPECT_EQ(ExpiryDate(p), absl::CivilDay(2028, 5, 31));
}

TEST(ExpiryTest, L68ListsNeverExpireAndUnvalidatedHasNoDate) {
  CandidateProfile p = Profile();
  p.validated_on = absl::CivilDay(2020, 1, 1);
  for (L68Category c : {L68Category::kDisabled, L68Category::kProtected}) {
    p.l68 = c;
    EXPECT_EQ(ExpiryDate(p), std::nullopt);
    EXPECT_FALSE(IsExpired(p, kToday));
    EXPECT_TRUE(IsValidOn(p, kToday));
    EXPECT_FALSE(DueForExpiryWarning(p, kToday, 30));
  }
  p.l68 = L68Category::kNone;
  p.validated_on.reset();
  EXPECT_EQ(ExpiryDate(p), std::nullopt);
  EXPECT_FALSE(IsExpired(p, kToday));
  EXPECT_FALSE(IsValidOn(p, kToday));
}

TEST(ExpiryTest, WarningWindowEndsTheDayBeforeExpiry) {
  CandidateProfile p = Profile();
  p.validated_on = absl::CivilDay(2025, 1, 1);  // expires 2026-01-01
  EXPECT_FALSE(DueForExpiryWarning(p, absl::CivilDay(2025, 12, 1), 30));
  EXPECT_TRUE(DueForExpiryWarning(p, absl::CivilDay(2025, 12, 2), 30));
  EXPECT_TRUE(DueForExpiryWarning(p, absl::CivilDay(2025, 12, 31), 30));
  EXPECT_FALSE(DueForExpiryWarning(p, absl::CivilDay(2026, 1, 1), 30));
}

TEST(ProfileTest, LongTermUnemploymentFromTwelveMonths) {
  CandidateProfile p = Profile();
  EXPECT_FALSE(IsLongTermUnemployed(p, kToday));
  p.unemployed_since = kToday - 364;
  EXPECT_FALSE(IsLongTermUnemployed(p, kToday));
  p.unemployed_since = kToday - 365;
  EXPECT_TRUE(IsLongTermUnemployed(p, kToday));
}

TEST(TypesTest, EducationFromCoCodes) {
  EXPECT_EQ(*EducationLevelFromCoCode("edu", "70"), EducationLevel::kDegree);
  EXPECT_EQ(*EducationLevelFromCoCode("edu", "82"), EducationLevel::kPostGraduate);
  EXPECT_EQ(*EducationLevelFromCoCode("edu", "00"), EducationLevel::kNone);
  EXPECT_THAT(EducationLevelFromCoCode("edu", "7").status(),
              HasReason("MALFORMED_EDUCATION_LEVEL"));
  EXPECT_THAT(EducationLevelFromCoCode("edu", "99").status(), HasReason("UNKNOWN_EDUCATION_LEVEL"));
  EXPECT_LT(EducationLevel::kUpperSecondary, EducationLevel::kDegree);
}

TEST(TypesTest, TagsAreNormalised) {
  EXPECT_EQ(NormalizeTag("  Albo degli \t ingegnèri "), "ALBO DEGLI INGEGNERI");
  EXPECT_EQ(NormalizeTag("c++"), "C++");
  EXPECT_EQ(NormalizeTag("   "), "");
}

TEST(WeightsTest, DefaultsAreValidAndAddUpTo100) {
  EXPECT_THAT(ValidateWeights(Weights{}), IsOk());
  EXPECT_EQ(Weights{}.Total(), 100);
}

TEST(WeightsTest, ParseDefaultsAndPerCpiOverrides) {
  absl::StatusOr<WeightsByCpi> w = WeightsByCpi::Parse({{"default.distance", "20"},
                                                        {"CPI-TO-15.skills", "0"},
                                                        {"CPI-TO-15.experience_cap_months", "24"}});
  ASSERT_THAT(w.status(), IsOk());
  EXPECT_EQ(w->defaults().distance, 20);
  EXPECT_EQ(w->For("CPI-AL-01").distance, 20);
  EXPECT_EQ(w->For("CPI-AL-01").skills, 15);
  EXPECT_EQ(w->For("CPI-TO-15").distance, 20);  // inherits the defaults
  EXPECT_EQ(w->For("CPI-TO-15").skills, 0);
  EXPECT_EQ(w->For("CPI-TO-15").experience_cap_months, 24);
}

TEST(WeightsTest, ParseRefusesBadEntries) {
  using M = std::map<std::string, std::string>;
  EXPECT_THAT(WeightsByCpi::Parse(M{{"distance", "1"}}).status(),
              HasReason("MALFORMED_WEIGHT_KEY"));
  EXPECT_THAT(WeightsByCpi::Parse(M{{"default.speed", "1"}}).status(), HasReason("UNKNOWN_WEIGHT"));
  EXPECT_THAT(WeightsByCpi::Parse(M{{"default.skills", "x"}}).status(),
              HasReason("INVALID_WEIGHT"));
  EXPECT_THAT(WeightsByCpi::Parse(M{{"CPI-TO-15.skills", "-1"}}).status(),
              HasReason("NEGATIVE_WEIGHT"));
  EXPECT_THAT(WeightsByCpi::Parse(M{{"default.skills", "1001"}}).status(),
              HasReason("WEIGHT_TOO_LARGE"));
  EXPECT_THAT(WeightsByCpi::Parse(M{{"default.profession_group_percent", "101"}}).status(),
              HasReason("INVALID_PERCENT"));
  EXPECT_THAT(WeightsByCpi::Parse(M{{"default.experience_cap_months", "0"}}).status(),
              HasReason("INVALID_EXPERIENCE_CAP"));
  M zero;
  for (const std::string& key : WeightKeys()) zero["CPI-TO-15." + key] = "0";
  zero["CPI-TO-15.experience_cap_months"] = "12";
  EXPECT_THAT(WeightsByCpi::Parse(zero).status(), HasReason("NO_POSITIVE_WEIGHT"));
  WeightsByCpi w;
  EXPECT_THAT(w.SetOverride("CPI-TO-15", Weights{.profession = -3}), HasReason("NEGATIVE_WEIGHT"));
  EXPECT_THAT(w.SetOverride("CPI-TO-15", Weights{.profession = 3}), IsOk());
  EXPECT_EQ(w.For("CPI-TO-15").profession, 3);
}

}  // namespace
}  // namespace sisl::matching
