// The in-memory index: upserts and removals, both directions, "why not", weights per CPI and
// deterministic order.
#include "services/matching/domain/index.h"

#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/testing/status_matchers.h"

namespace sisl::matching {
namespace {

using ::sisl::platform::testing::HasReason;
using ::sisl::platform::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

const absl::CivilDay kToday(2025, 6, 1);
const MatchQuery kQuery{.today = kToday};

CandidateProfile Profile(std::string id, std::string domicile = "001272") {
  CandidateProfile p;
  p.person_id = std::move(id);
  p.cpi_code = "CPI-TO-15";
  p.desired_professions = {{"2.1.1.4.1", {}, {}}};
  p.languages = {{"en", CefrLevel::kB2}};
  p.it_skills = {"C++"};
  p.domicile_istat_code = std::move(domicile);
  p.mobility_radius_km = 30;
  p.availability = Availability::kAvailable;
  p.visibility = Visibility::kVisibleToCompanies;
  p.validated_on = absl::CivilDay(2025, 1, 10);
  return p;
}

Vacancy MakeVacancy(std::string id, std::string cpi = "CPI-TO-15") {
  Vacancy v;
  v.id = std::move(id);
  v.company_id = "C1";
  v.cpi_code = std::move(cpi);
  v.profession_code = "2.1.1.4.1";
  v.contract_type = "A.01.00";
  v.working_mode = WorkingMode::kOnSite;
  v.workplace_istat_code = "001156";
  v.area_radius_km = 50;
  v.desired_skills = {"c++", "python"};
  return v;
}

std::vector<std::string> Ids(const std::vector<MatchResult>& results, bool persons) {
  std::vector<std::string> out;
  for (const MatchResult& r : results) out.push_back(persons ? r.person_id : r.vacancy_id);
  return out;
}

TEST(MatchingIndexTest, UpsertReplaceAndRemove) {
  MatchingIndex index{WeightsByCpi()};
  index.UpsertProfile(Profile("P1"));
  index.UpsertProfile(Profile("P2"));
  index.UpsertVacancy(MakeVacancy("V1"));
  EXPECT_EQ(index.profile_count(), 2u);
  EXPECT_EQ(index.vacancy_count(), 1u);
  EXPECT_THAT(Ids(*index.CandidatesFor("V1", kQuery), true), ElementsAre("P1", "P2"));

  CandidateProfile moved = Profile("P2");
  moved.desired_professions = {{"5.2.2.2.1", {}, {}}};  // another group
  index.UpsertProfile(moved);
  EXPECT_EQ(index.profile_count(), 2u);
  EXPECT_THAT(Ids(*index.CandidatesFor("V1", kQuery), true), ElementsAre("P1"));

  EXPECT_TRUE(index.RemoveProfile("P1"));
  EXPECT_FALSE(index.RemoveProfile("P1"));
  EXPECT_TRUE(index.CandidatesFor("V1", kQuery)->empty());
  EXPECT_THAT(index.VacanciesFor("P1", kQuery).status(), HasReason("PROFILE_NOT_FOUND"));

  EXPECT_TRUE(index.RemoveVacancy("V1"));
  EXPECT_FALSE(index.RemoveVacancy("V1"));
  EXPECT_THAT(index.CandidatesFor("V1", kQuery).status(), HasReason("VACANCY_NOT_FOUND"));
}

TEST(MatchingIndexTest, ClosedVacanciesAreNotMatched) {
  MatchingIndex index{WeightsByCpi()};
  index.UpsertProfile(Profile("P1"));
  Vacancy v = MakeVacancy("V1");
  index.UpsertVacancy(v);
  EXPECT_THAT(Ids(*index.VacanciesFor("P1", kQuery), false), ElementsAre("V1"));
  v.positions_filled = 1;
  index.UpsertVacancy(v);
  EXPECT_THAT(index.CandidatesFor("V1", kQuery).status(), HasReason("VACANCY_NOT_OPEN"));
  EXPECT_TRUE(index.VacanciesFor("P1", kQuery)->empty());
}

TEST(MatchingIndexTest, RankedByScoreThenIdAndLimited) {
  MatchingIndex index{WeightsByCpi()};
  for (const char* id : {"P5", "P3", "P4", "P1"}) index.UpsertProfile(Profile(id));
  CandidateProfile best = Profile("P9", "001156");  // at the workplace
  best.it_skills = {"c++", "Python"};
  index.UpsertProfile(best);
  index.UpsertVacancy(MakeVacancy("V1"));
  const std::vector<MatchResult> all = *index.CandidatesFor("V1", {.today = kToday, .limit = 0});
  EXPECT_THAT(Ids(all, true), ElementsAre("P9", "P1", "P3", "P4", "P5"));
  EXPECT_GT(all[0].score, all[1].score);
  EXPECT_EQ(all[1].score, all[4].score);
  EXPECT_THAT(Ids(*index.CandidatesFor("V1", {.today = kToday, .limit = 3}), true),
              ElementsAre("P9", "P1", "P3"));
  for (int i = 0; i < 5; ++i) {
    EXPECT_THAT(Ids(*index.CandidatesFor("V1", {.today = kToday, .limit = 0}), true),
                ElementsAre("P9", "P1", "P3", "P4", "P5"));
  }
}

TEST(MatchingIndexTest, ExplanationsAddUpToTheScore) {
  MatchingIndex index{WeightsByCpi()};
  index.UpsertProfile(Profile("P1"));
  index.UpsertProfile(Profile("P2", "001078"));
  index.UpsertVacancy(MakeVacancy("V1"));
  const std::vector<MatchResult> results = *index.CandidatesFor("V1", kQuery);
  ASSERT_EQ(results.size(), 2u);
  for (const MatchResult& r : results) {
    int sum = 0;
    for (const Contribution& c : r.explanation) sum += c.points;
    EXPECT_EQ(sum, r.score);
    EXPECT_EQ(r.explanation.size(), 8u);
  }
}

TEST(MatchingIndexTest, WhyNotNamesTheFilterOrGivesTheRank) {
  MatchingIndex index{WeightsByCpi()};
  index.UpsertProfile(Profile("P1", "001156"));
  index.UpsertProfile(Profile("P2"));
  index.UpsertProfile(Profile("P3", "004078"));  // Cuneo
  CandidateProfile cpi_only = Profile("P4");
  cpi_only.visibility = Visibility::kCpiOnly;
  index.UpsertProfile(cpi_only);
  index.UpsertVacancy(MakeVacancy("V1"));

  const WhyNot far = *index.Explain("V1", "P3", kQuery);
  EXPECT_FALSE(far.matches);
  ASSERT_TRUE(far.exclusion.has_value());
  EXPECT_EQ(FilterCodeName(far.exclusion->code), "DISTANCE_CANDIDATE_RADIUS");
  EXPECT_THAT(far.exclusion->detail, HasSubstr("> candidate radius 30 km"));

  const WhyNot hidden = *index.Explain("V1", "P4", kQuery);
  ASSERT_TRUE(hidden.exclusion.has_value());
  EXPECT_EQ(hidden.exclusion->code, FilterCode::kVisibility);
  const WhyNot by_operator = *index.Explain("V1", "P4", {.today = kToday, .operator_run = true});
  EXPECT_TRUE(by_operator.matches);
  EXPECT_EQ(by_operator.total, 3u);

  const WhyNot second = *index.Explain("V1", "P2", {.today = kToday, .limit = 1});
  EXPECT_TRUE(second.matches);
  EXPECT_EQ(second.rank, 2u);
  EXPECT_EQ(second.total, 2u);
  const std::vector<MatchResult> all = *index.CandidatesFor("V1", {.today = kToday, .limit = 0});
  EXPECT_EQ(all[1].person_id, "P2");
  EXPECT_EQ(all[1].score, second.score);

  EXPECT_THAT(index.Explain("V1", "nobody", kQuery).status(), HasReason("PROFILE_NOT_FOUND"));
  EXPECT_THAT(index.Explain("V9", "P1", kQuery).status(), HasReason("VACANCY_NOT_FOUND"));
}

TEST(MatchingIndexTest, WeightsOfTheVacancysCpi) {
  WeightsByCpi weights;
  ASSERT_THAT(weights.SetOverride("CPI-TO-16", Weights{.profession = 0,
                                                       .skills = 100,
                                                       .languages = 0,
                                                       .experience = 0,
                                                       .education = 0,
                                                       .distance = 0,
                                                       .l68_priority = 0,
                                                       .long_term_unemployed = 0}),
              IsOk());
  MatchingIndex index(weights);
  index.UpsertProfile(Profile("P1"));  // one of the two skills
  index.UpsertVacancy(MakeVacancy("V-default"));
  index.UpsertVacancy(MakeVacancy("V-override", "CPI-TO-16"));
  const MatchResult overridden = index.CandidatesFor("V-override", kQuery)->at(0);
  EXPECT_EQ(overridden.score, kMaxScore / 2);
  const MatchResult standard = index.CandidatesFor("V-default", kQuery)->at(0);
  EXPECT_NE(standard.score, overridden.score);
  // The person's side uses each vacancy's weights: the same scores.
  const std::vector<MatchResult> mine = *index.VacanciesFor("P1", kQuery);
  ASSERT_EQ(mine.size(), 2u);
  for (const MatchResult& r : mine) {
    EXPECT_EQ(r.score, r.vacancy_id == "V-override" ? overridden.score : standard.score);
  }
  index.SetWeights(WeightsByCpi());
  EXPECT_EQ(index.CandidatesFor("V-override", kQuery)->at(0).score, standard.score);
}

TEST(MatchingIndexTest, ReadersAndWritersConcurrently) {
  MatchingIndex index{WeightsByCpi()};
  index.UpsertVacancy(MakeVacancy("V1"));
  std::thread writer([&] {
    for (int i = 0; i < 300; ++i) {
      index.UpsertProfile(Profile("P" + std::to_string(i % 50)));
      if (i % 7 == 0) index.RemoveProfile("P" + std::to_string(i % 50));
    }
  });
  std::thread reader([&] {
    for (int i = 0; i < 300; ++i) {
      const std::vector<MatchResult> results = *index.CandidatesFor("V1", kQuery);
      for (const MatchResult& r : results) ASSERT_FALSE(r.explanation.empty());
    }
  });
  writer.join();
  reader.join();
  EXPECT_LE(index.profile_count(), 50u);
}

}  // namespace
}  // namespace sisl::matching
