// Every hard filter with a passing and a failing case, their order and their details.
#include "services/matching/domain/filters.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/matching/domain/prepared.h"

namespace sisl::matching {
namespace {

using ::testing::HasSubstr;

const absl::CivilDay kToday(2025, 6, 1);

CandidateProfile Profile() {
  CandidateProfile p;
  p.person_id = "P1";
  p.cpi_code = "CPI-TO-15";
  p.desired_professions = {{"2.1.1.4.1", {}, {}}};
  p.education = EducationLevel::kDegree;
  p.languages = {{"en", CefrLevel::kB2}};
  p.it_skills = {"C++", "SQL"};
  p.driving_licences = {"B"};
  p.domicile_istat_code = "001272";  // Torino
  p.mobility_radius_km = 30;
  p.availability = Availability::kAvailable;
  p.visibility = Visibility::kVisibleToCompanies;
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
  v.workplace_istat_code = "001156";  // Moncalieri, about 9 km from Torino
  v.area_radius_km = 50;
  v.languages = {{"en", CefrLevel::kB1, true}};
  v.desired_skills = {"c++", "Python"};
  return v;
}

struct Case {
  std::string name;
  std::function<void(CandidateProfile&)> profile;
  std::function<void(Vacancy&)> vacancy;
  bool operator_run;
  std::optional<FilterCode> expected;  // nullopt: passes
  std::string detail;                  // expected in the exclusion's detail
};

void Nothing(CandidateProfile&) {}
void NoChange(Vacancy&) {}

std::optional<Exclusion> Exclude(const Case& c, int group_level = 4) {
  CandidateProfile p = Profile();
  Vacancy v = MakeVacancy();
  c.profile(p);
  c.vacancy(v);
  const MatchQuery query{.today = kToday, .operator_run = c.operator_run};
  return FirstExclusion(PrepareVacancy(v, group_level), PrepareProfile(p, group_level), query, true,
                        nullptr);
}

const std::vector<Case>& Cases() {
  static const auto* cases = new std::vector<Case>{
      {"baseline", Nothing, NoChange, false, std::nullopt, ""},
      {"closed", Nothing, [](Vacancy& v) { v.state = VacancyState::kClosed; }, false,
       FilterCode::kVacancyNotOpen, "closed"},
      {"filled", Nothing, [](Vacancy& v) { v.positions_filled = 1; }, false,
       FilterCode::kVacancyNotOpen, "1 of 1 positions filled"},
      {"other group",
       [](CandidateProfile& p) {
         p.desired_professions = {{"5.2.2.2.1", {}, {}}};
       },
       NoChange, false, FilterCode::kProfession, "group 2.1.1.4"},
      {"same group",
       [](CandidateProfile& p) {
         p.desired_professions = {{"2.1.1.4.3", {}, {}}};
       },
       NoChange, false, std::nullopt, ""},
      {"6th level of the unit",
       [](CandidateProfile& p) {
         p.desired_professions = {{"2.1.1.4.1.17", {}, {}}};
       },
       NoChange, false, std::nullopt, ""},
      {"contract refused",
       [](CandidateProfile& p) { p.desired_professions[0].contract_types = {"A.02.00"}; }, NoChange,
       false, FilterCode::kContractType, "A.01.00"},
      {"contract accepted",
       [](CandidateProfile& p) {
         p.desired_professions[0].contract_types = {"A.02.00", "A.01.00"};
       },
       NoChange, false, std::nullopt, ""},
      {"mode refused",
       [](CandidateProfile& p) { p.desired_professions[0].working_modes = {WorkingMode::kRemote}; },
       NoChange, false, FilterCode::kWorkingMode, "on-site"},
      {"mode accepted",
       [](CandidateProfile& p) {
         p.desired_professions[0].working_modes = {WorkingMode::kRemote, WorkingMode::kOnSite};
       },
       NoChange, false, std::nullopt, ""},
      {"beyond candidate radius", [](CandidateProfile& p) { p.domicile_istat_code = "004078"; },
       NoChange, false, FilterCode::kDistanceCandidateRadius, "> candidate radius 30 km"},
      {"beyond vacancy area",
       [](CandidateProfile& p) {
         p.domicile_istat_code = "004078";  // Cuneo, about 64 km from Moncalieri
         p.mobility_radius_km = 100;
       },
       NoChange, false, FilterCode::kDistanceVacancyArea, "> vacancy area 50 km"},
      {"remote ignores distance", [](CandidateProfile& p) { p.domicile_istat_code = "015146"; },
       [](Vacancy& v) { v.working_mode = WorkingMode::kRemote; }, false, std::nullopt, ""},
      {"licence missing", Nothing, [](Vacancy& v) { v.required_licences = {"C"}; }, false,
       FilterCode::kLicence, "driving licence C missing"},
      {"licence held",
       [](CandidateProfile& p) {
         p.driving_licences = {"b", " c "};
       },
       [](Vacancy& v) {
         v.required_licences = {"C", "B"};
       },
       false, std::nullopt, ""},
      {"language missing", Nothing,
       [](Vacancy& v) {
         v.languages.push_back({"de", CefrLevel::kA2, true});
       },
       false, FilterCode::kLanguage, "language de: none < A2 required"},
      {"language below level", Nothing,
       [](Vacancy& v) { v.languages[0].min_level = CefrLevel::kC1; }, false, FilterCode::kLanguage,
       "language en: B2 < C1 required"},
      {"preferred language not held", Nothing,
       [](Vacancy& v) {
         v.languages.push_back({"de", CefrLevel::kA2, false});
       },
       false, std::nullopt, ""},
      {"register missing", Nothing,
       [](Vacancy& v) { v.required_registers = {"Albo degli ingegneri"}; }, false,
       FilterCode::kRegister, "ALBO DEGLI INGEGNERI"},
      {"register held",
       [](CandidateProfile& p) { p.professional_registers = {"albo degli  Ingegneri"}; },
       [](Vacancy& v) { v.required_registers = {"Albo degli ingegneri"}; }, false, std::nullopt,
       ""},
      {"reserved art.1, not listed", Nothing,
       [](Vacancy& v) { v.l68_reservation = L68Category::kDisabled; }, false,
       FilterCode::kL68Reservation, "art.1; candidate: none"},
      {"reserved art.1, art.18 listed",
       [](CandidateProfile& p) { p.l68 = L68Category::kProtected; },
       [](Vacancy& v) { v.l68_reservation = L68Category::kDisabled; }, false,
       FilterCode::kL68Reservation, "candidate: art.18"},
      {"reserved art.1, art.1 listed", [](CandidateProfile& p) { p.l68 = L68Category::kDisabled; },
       [](Vacancy& v) { v.l68_reservation = L68Category::kDisabled; }, false, std::nullopt, ""},
      {"employed", [](CandidateProfile& p) { p.availability = Availability::kEmployed; }, NoChange,
       false, FilterCode::kAvailability, "employed"},
      {"not available", [](CandidateProfile& p) { p.availability = Availability::kNotAvailable; },
       NoChange, false, FilterCode::kAvailability, "not available"},
      {"CPI only, company run", [](CandidateProfile& p) { p.visibility = Visibility::kCpiOnly; },
       NoChange, false, FilterCode::kVisibility, "CPI only"},
      {"CPI only, operator run", [](CandidateProfile& p) { p.visibility = Visibility::kCpiOnly; },
       NoChange, true, std::nullopt, ""},
      {"anonymous", [](CandidateProfile& p) { p.visibility = Visibility::kAnonymous; }, NoChange,
       false, std::nullopt, ""},
      {"not validated", [](CandidateProfile& p) { p.validated_on.reset(); }, NoChange, false,
       FilterCode::kNotValidated, "not validated"},
      {"expired", [](CandidateProfile& p) { p.validated_on = absl::CivilDay(2024, 5, 31); },
       NoChange, false, FilterCode::kExpired, "expired on 2025-05-31"},
      {"expiry day is still valid the day before",
       [](CandidateProfile& p) { p.validated_on = absl::CivilDay(2024, 6, 2); }, NoChange, false,
       std::nullopt, ""},
      {"L.68 never expires",
       [](CandidateProfile& p) {
         p.validated_on = absl::CivilDay(2020, 1, 1);
         p.l68 = L68Category::kProtected;
       },
       NoChange, false, std::nullopt, ""},
      {"first failing wins: distance before licence",
       [](CandidateProfile& p) { p.domicile_istat_code = "004078"; },
       [](Vacancy& v) { v.required_licences = {"C"}; }, false, FilterCode::kDistanceCandidateRadius,
       ""},
      {"first failing wins: profession before expiry",
       [](CandidateProfile& p) {
         p.desired_professions = {{"5.2.2.2.1", {}, {}}};
         p.validated_on.reset();
       },
       NoChange, false, FilterCode::kProfession, ""},
  };
  return *cases;
}

TEST(FiltersTest, EachFilterPassesAndFails) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    const std::optional<Exclusion> e = Exclude(c);
    if (!c.expected.has_value()) {
      EXPECT_FALSE(e.has_value()) << FilterCodeName(e->code) << ": " << e->detail;
      continue;
    }
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(FilterCodeName(e->code), FilterCodeName(*c.expected)) << e->detail;
    EXPECT_THAT(e->detail, HasSubstr(c.detail));
  }
}

TEST(FiltersTest, EveryCodeIsCoveredByAFailingCase) {
  std::vector<bool> seen(static_cast<int>(FilterCode::kExpired) + 1, false);
  for (const Case& c : Cases()) {
    if (c.expected.has_value()) seen[static_cast<int>(*c.expected)] = true;
  }
  for (size_t i = 0; i < seen.size(); ++i) {
    EXPECT_TRUE(seen[i]) << FilterCodeName(static_cast<FilterCode>(i));
  }
}

TEST(FiltersTest, DistanceDetailIsReadable) {
  const std::optional<Exclusion> e =
      Exclude({"", [](CandidateProfile& p) { p.domicile_istat_code = "004078"; }, NoChange, false,
               std::nullopt, ""});
  ASSERT_TRUE(e.has_value());
  EXPECT_THAT(e->detail,
              testing::MatchesRegex("distance [0-9]+\\.[0-9] km > candidate radius 30 km"));
}

TEST(FiltersTest, GroupLevelIsConfigurable) {
  const Case same_group{
      "",           [](CandidateProfile& p) { p.desired_professions = {{"2.1.1.4.3", {}, {}}}; },
      NoChange,     false,
      std::nullopt, ""};
  EXPECT_FALSE(Exclude(same_group, 4).has_value());
  const std::optional<Exclusion> at_unit = Exclude(same_group, 5);
  ASSERT_TRUE(at_unit.has_value());
  EXPECT_EQ(at_unit->code, FilterCode::kProfession);
  EXPECT_FALSE(Exclude(same_group, 3).has_value());
}

TEST(FiltersTest, FactsTellExactProfessionAndDistance) {
  FilterFacts facts;
  const MatchQuery query{.today = kToday};
  ASSERT_FALSE(FirstExclusion(PrepareVacancy(MakeVacancy(), 4), PrepareProfile(Profile(), 4), query,
                              false, &facts)
                   .has_value());
  EXPECT_TRUE(facts.exact_profession);
  EXPECT_FALSE(facts.remote);
  EXPECT_GT(facts.distance_decikm, 50);  // Torino - Moncalieri: about 9 km
  EXPECT_LT(facts.distance_decikm, 150);
}

TEST(FiltersTest, DetailsAreOnlyWrittenWhenAsked) {
  CandidateProfile p = Profile();
  p.domicile_istat_code = "004078";
  const std::optional<Exclusion> e = FirstExclusion(
      PrepareVacancy(MakeVacancy(), 4), PrepareProfile(p, 4), {.today = kToday}, false, nullptr);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->code, FilterCode::kDistanceCandidateRadius);
  EXPECT_EQ(e->detail, "");
}

}  // namespace
}  // namespace sisl::matching
