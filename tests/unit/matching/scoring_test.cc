// The weighted score: each criterion's contribution, and contributions adding up to the score.
#include "services/matching/domain/scoring.h"

#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/matching/domain/filters.h"
#include "services/matching/domain/prepared.h"

namespace sisl::matching {
namespace {

const absl::CivilDay kToday(2025, 6, 1);

// A candidate who meets every criterion of Vacancy() in full.
CandidateProfile Ideal() {
  CandidateProfile p;
  p.person_id = "P1";
  p.cpi_code = "CPI-TO-15";
  p.desired_professions = {{"2.1.1.4.1", {}, {}}};
  p.experiences = {
      {"2.1.1.4.1.17", "Acme", absl::CivilDay(2020, 1, 1), absl::CivilDay(2023, 12, 31)}};
  p.education = EducationLevel::kDegree;
  p.languages = {{"en", CefrLevel::kB2}, {"fr", CefrLevel::kA2}};
  p.it_skills = {"C++", "python", "SQL"};
  p.domicile_istat_code = "001156";  // the workplace itself
  p.mobility_radius_km = 30;
  p.availability = Availability::kAvailable;
  p.l68 = L68Category::kDisabled;
  p.unemployed_since = absl::CivilDay(2024, 1, 1);
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
  v.workplace_istat_code = "001156";
  v.area_radius_km = 50;
  v.languages = {{"en", CefrLevel::kB1, true}, {"fr", CefrLevel::kA2, false}};
  v.desired_skills = {"c++", "Python"};
  v.min_experience_months = 24;
  v.min_education = EducationLevel::kUpperSecondary;
  return v;
}

Score Evaluate(const CandidateProfile& p, const Vacancy& v, const Weights& w = {}) {
  const PairOutcome out =
      EvaluatePair(PrepareVacancy(v, 4), PrepareProfile(p, 4), w, {.today = kToday}, true);
  EXPECT_FALSE(out.exclusion.has_value()) << out.exclusion->detail;
  return out.score;
}

int SumOf(const Score& s) {
  return std::accumulate(s.explanation.begin(), s.explanation.end(), 0,
                         [](int sum, const Contribution& c) { return sum + c.points; });
}

Contribution Of(const Score& s, Criterion c) {
  for (const Contribution& x : s.explanation) {
    if (x.criterion == c) return x;
  }
  ADD_FAILURE() << "no " << CriterionName(c);
  return {};
}

TEST(ScoringTest, AnIdealCandidateScoresTheMaximum) {
  const Score s = Evaluate(Ideal(), MakeVacancy());
  EXPECT_EQ(s.points, kMaxScore);
  EXPECT_EQ(SumOf(s), s.points);
  ASSERT_EQ(s.explanation.size(), 8u);
  const Weights w;
  EXPECT_EQ(Of(s, Criterion::kProfession).points, w.profession * 100);
  EXPECT_EQ(Of(s, Criterion::kProfession).detail, "exact 2.1.1.4.1");
  EXPECT_EQ(Of(s, Criterion::kSkills).detail, "2 of 2 skills");
  EXPECT_EQ(Of(s, Criterion::kDistance).detail, "0.0 km of 30 km");
  EXPECT_EQ(Of(s, Criterion::kExperience).raw, 48);
}

TEST(ScoringTest, EachCriterionLowersItsOwnContribution) {
  struct Case {
    const char* name;
    void (*mutate)(CandidateProfile&);
    Criterion criterion;
    int expected_points;  // with the default weights
  };
  const Case cases[] = {
      {"same group",
       [](CandidateProfile& p) { p.desired_professions[0].profession_code = "2.1.1.4.3"; },
       Criterion::kProfession, 1500},
      {"one skill of two", [](CandidateProfile& p) { p.it_skills = {"python"}; },
       Criterion::kSkills, 750},
      {"preferred language missing", [](CandidateProfile& p) { p.languages.pop_back(); },
       Criterion::kLanguages, 500},
      {"12 of 24 months",
       [](CandidateProfile& p) { p.experiences[0].to = absl::CivilDay(2020, 12, 25); },
       Criterion::kExperience, 750},
      {"experience in another unit",
       [](CandidateProfile& p) { p.experiences[0].profession_code = "2.1.1.4.2"; },
       Criterion::kExperience, 0},
      {"education below",
       [](CandidateProfile& p) { p.education = EducationLevel::kLowerSecondary; },
       Criterion::kEducation, 0},
      {"education not declared",
       [](CandidateProfile& p) { p.education = EducationLevel::kUnspecified; },
       Criterion::kEducation, 0},
      {"not in L.68 lists", [](CandidateProfile& p) { p.l68 = L68Category::kNone; },
       Criterion::kL68Priority, 0},
      {"unemployed for less than a year",
       [](CandidateProfile& p) { p.unemployed_since = kToday - 100; },
       Criterion::kLongTermUnemployment, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    CandidateProfile p = Ideal();
    c.mutate(p);
    const Score s = Evaluate(p, MakeVacancy());
    EXPECT_EQ(Of(s, c.criterion).points, c.expected_points) << Of(s, c.criterion).detail;
    const int full = Of(Evaluate(Ideal(), MakeVacancy()), c.criterion).points;
    EXPECT_EQ(s.points, kMaxScore - (full - c.expected_points));
    EXPECT_EQ(SumOf(s), s.points);
  }
}

TEST(ScoringTest, CloserIsBetter) {
  CandidateProfile near = Ideal(), far = Ideal();
  far.domicile_istat_code = "001078";  // Chieri
  const Contribution at_work = Of(Evaluate(near, MakeVacancy()), Criterion::kDistance);
  const Score far_score = Evaluate(far, MakeVacancy());
  const Contribution away = Of(far_score, Criterion::kDistance);
  EXPECT_EQ(at_work.points, 1000);
  EXPECT_LT(away.points, at_work.points);
  EXPECT_GT(away.points, 0);
  EXPECT_GT(away.raw, 5);
  EXPECT_THAT(away.detail, testing::EndsWith("km of 30 km"));
}

TEST(ScoringTest, RemoteWorkGetsTheFullDistanceContribution) {
  CandidateProfile p = Ideal();
  p.domicile_istat_code = "015146";  // Milano
  Vacancy v = MakeVacancy();
  v.working_mode = WorkingMode::kRemote;
  const Score s = Evaluate(p, v);
  EXPECT_EQ(Of(s, Criterion::kDistance).points, 1000);
  EXPECT_EQ(Of(s, Criterion::kDistance).detail, "remote work");
}

TEST(ScoringTest, ContributionsAddUpWithWeightsThatDoNotDivide) {
  Weights w{.profession = 7,
            .skills = 3,
            .languages = 0,
            .experience = 11,
            .education = 1,
            .distance = 13,
            .l68_priority = 0,
            .long_term_unemployed = 2};
  for (const char* domicile : {"001156", "001272", "001078"}) {
    CandidateProfile p = Ideal();
    p.domicile_istat_code = domicile;
    p.it_skills = {"python"};
    p.desired_professions[0].profession_code = "2.1.1.4.3";
    const Score s = Evaluate(p, MakeVacancy(), w);
    EXPECT_EQ(SumOf(s), s.points);
    EXPECT_LE(s.points, kMaxScore);
    EXPECT_EQ(Of(s, Criterion::kLanguages).points, 0);
    EXPECT_EQ(Of(s, Criterion::kLanguages).weight, 0);
  }
}

TEST(ScoringTest, ScoreWithoutExplanationIsTheSame) {
  const PreparedVacancy v = PrepareVacancy(MakeVacancy(), 4);
  CandidateProfile p = Ideal();
  p.domicile_istat_code = "001272";
  const PreparedProfile pp = PrepareProfile(p, 4);
  const PairOutcome quick = EvaluatePair(v, pp, Weights{}, {.today = kToday}, false);
  const PairOutcome full = EvaluatePair(v, pp, Weights{}, {.today = kToday}, true);
  EXPECT_TRUE(quick.score.explanation.empty());
  EXPECT_EQ(quick.score.points, full.score.points);
}

TEST(ExperienceTest, OverlapsCountOnceAndOngoingRunsToToday) {
  CandidateProfile p = Ideal();
  p.experiences = {
      {"2.1.1.4.1", "A", absl::CivilDay(2020, 1, 1), absl::CivilDay(2020, 12, 30)},   // 365 days
      {"2.1.1.4.1.3", "B", absl::CivilDay(2020, 7, 1), absl::CivilDay(2021, 6, 29)},  // +181
      {"2.1.1.4.2", "C", absl::CivilDay(2015, 1, 1), absl::CivilDay(2019, 1, 1)},     // other unit
  };
  EXPECT_EQ(ExperienceMonths(PrepareProfile(p, 4), "2.1.1.4.1", kToday), 546 / 30);
  p.experiences = {{"2.1.1.4.1", "A", kToday - 59, std::nullopt},
                   {"2.1.1.4.1", "B", kToday + 10, std::nullopt}};
  EXPECT_EQ(ExperienceMonths(PrepareProfile(p, 4), "2.1.1.4.1", kToday), 2);
}

}  // namespace
}  // namespace sisl::matching
