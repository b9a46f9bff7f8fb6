// The compact profile storage of the index (compact_profiles.h) and the generator of the
// benchmark (tests/support/matching_generator.h): the compact ranking against the reference
// filters and score on realistic and on odd data, through upserts, removals and compactions;
// "why not" details as the reference writes them; memory per profile; the generator's validity
// and determinism.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "gtest/gtest.h"
#include "services/matching/domain/index.h"
#include "services/reference/municipalities.h"
#include "tests/support/matching_generator.h"

namespace sisl::matching {
namespace {

const absl::CivilDay kToday(2025, 6, 1);

struct Row {
  int score;
  std::string id;
  friend bool operator==(const Row&, const Row&) = default;
};

bool Better(const Row& a, const Row& b) {
  return a.score != b.score ? a.score > b.score : a.id < b.id;
}

// The reference: every live profile through EvaluatePair, ranked.
std::vector<Row> Brute(const absl::flat_hash_map<std::string, PreparedProfile>& live,
                       const PreparedVacancy& v, const WeightsByCpi& weights, const MatchQuery& q) {
  std::vector<Row> rows;
  for (const auto& [id, p] : live) {
    const PairOutcome o = EvaluatePair(v, p, weights.For(v.vacancy.cpi_code), q, false);
    if (!o.exclusion.has_value()) rows.push_back({o.score.points, id});
  }
  std::sort(rows.begin(), rows.end(), Better);
  return rows;
}

std::vector<Row> Rows(const std::vector<MatchResult>& results) {
  std::vector<Row> rows;
  for (const MatchResult& r : results) rows.push_back({r.score, r.person_id});
  return rows;
}

TEST(MatchingGeneratorTest, ValidDeterministicAndRealistic) {
  const testing::MatchingGenerator a(7, kToday), b(7, kToday), c(8, kToday);
  int piedmont = 0, with_b = 0, available = 0;
  for (int i = 0; i < 3000; ++i) {
    const CandidateProfile p = a.Profile(i);
    ASSERT_TRUE(ValidateProfile(p, kToday).ok()) << i << ": " << ValidateProfile(p, kToday);
    const CandidateProfile q = b.Profile(i);
    EXPECT_EQ(p.person_id, q.person_id);
    EXPECT_EQ(p.domicile_istat_code, q.domicile_istat_code);
    EXPECT_EQ(p.desired_professions[0].profession_code, q.desired_professions[0].profession_code);
    const reference::Municipality* m =
        reference::Municipalities::Default().ByIstatCode(p.domicile_istat_code);
    piedmont += m->region == reference::kPiedmont ? 1 : 0;
    with_b += std::count(p.driving_licences.begin(), p.driving_licences.end(), "B") > 0 ? 1 : 0;
    available += p.availability == Availability::kAvailable ? 1 : 0;
  }
  EXPECT_GT(piedmont, 2600);
  EXPECT_LT(piedmont, 2950);
  EXPECT_GT(with_b, 1800);
  EXPECT_GT(available, 2400);
  int same = 0;
  for (int i = 0; i < 200; ++i) {
    const Vacancy v = a.Vacancy(i);
    ASSERT_TRUE(ValidateVacancy(v, kToday).ok()) << i << ": " << ValidateVacancy(v, kToday);
    EXPECT_EQ(v.profession_code, b.Vacancy(i).profession_code);
    same += a.Profile(i).domicile_istat_code == c.Profile(i).domicile_istat_code ? 1 : 0;
  }
  EXPECT_LT(same, 100);  // another seed, other people
}

class CompactIndexTest : public ::testing::Test {
 protected:
  CompactIndexTest()
      : weights_(*WeightsByCpi::Parse({{"CPI-TO-01.distance", "40"},
                                       {"CPI-TO-02.skills", "0"},
                                       {"CPI-TO-02.l68_priority", "30"}})),
        index_(weights_) {}

  void Upsert(const CandidateProfile& p) {
    index_.UpsertProfile(p);
    live_[p.person_id] = PrepareProfile(p, kDefaultGroupLevel);
  }
  void Remove(const std::string& id) { EXPECT_EQ(index_.RemoveProfile(id), live_.erase(id) > 0); }
  // Every open vacancy: the index's full list and top 50 against the reference, and the
  // explanations adding up.
  void ExpectSameAsBrute(const std::vector<PreparedVacancy>& vacancies, size_t* matched) {
    for (const bool operator_run : {false, true}) {
      for (const PreparedVacancy& v : vacancies) {
        if (!IsOpen(v.vacancy)) continue;
        const MatchQuery all{.today = kToday, .operator_run = operator_run, .limit = 0};
        const std::vector<Row> expected = Brute(live_, v, weights_, all);
        const std::vector<MatchResult> got = *index_.CandidatesFor(v.vacancy.id, all);
        ASSERT_EQ(Rows(got), expected) << v.vacancy.id;
        for (const MatchResult& r : got) {
          int sum = 0;
          for (const Contribution& c : r.explanation) sum += c.points;
          ASSERT_EQ(sum, r.score);
        }
        const std::vector<MatchResult> top =
            *index_.CandidatesFor(v.vacancy.id, {.today = kToday, .operator_run = operator_run});
        ASSERT_EQ(Rows(top),
                  std::vector<Row>(expected.begin(),
                                   expected.begin() + std::min<size_t>(50, expected.size())));
        *matched += got.size();
      }
    }
  }

  WeightsByCpi weights_;
  MatchingIndex index_;
  absl::flat_hash_map<std::string, PreparedProfile> live_;
};

TEST_F(CompactIndexTest, GeneratedDataThroughUpsertsRemovalsAndCompactions) {
  const testing::MatchingGenerator gen(2025, kToday);
  // Few vacancies, concentrated in the busiest groups: those of the first profiles.
  std::vector<PreparedVacancy> vacancies;
  for (int i = 0; i < 40; ++i) {
    Vacancy v = gen.Vacancy(i);
    if (i % 2 == 0) v.profession_code = gen.Profile(i).desired_professions[0].profession_code;
    if (i % 5 == 0) v.area_radius_km = 300;
    if (i < 3) v.cpi_code = i == 0 ? "CPI-TO-01" : "CPI-TO-02";
    index_.UpsertVacancy(v);
    vacancies.push_back(PrepareVacancy(v, kDefaultGroupLevel));
  }
  index_.Reserve(12000);
  for (int i = 0; i < 12000; ++i) Upsert(gen.Profile(i));
  size_t matched = 0;
  ExpectSameAsBrute(vacancies, &matched);
  EXPECT_GT(matched, 1000u);

  // Replacements (bigger and smaller), removals, new people; then compacted.
  for (int i = 0; i < 12000; i += 7) {
    CandidateProfile p = gen.Profile(i + 100000);
    p.person_id = gen.Profile(i).person_id;
    Upsert(p);
  }
  for (int i = 3; i < 12000; i += 11) Remove(gen.Profile(i).person_id);
  Remove("nobody");
  for (int i = 12000; i < 13000; ++i) Upsert(gen.Profile(i));
  EXPECT_EQ(index_.profile_count(), live_.size());
  ExpectSameAsBrute(vacancies, &matched);
  index_.Compact();
  EXPECT_EQ(index_.profile_count(), live_.size());
  ExpectSameAsBrute(vacancies, &matched);
  for (int i = 13000; i < 13500; ++i) Upsert(gen.Profile(i));
  for (int i = 5; i < 13500; i += 13) Remove(gen.Profile(i).person_id);
  ExpectSameAsBrute(vacancies, &matched);
}

TEST_F(CompactIndexTest, WhyNotAsTheReferenceWritesIt) {
  const testing::MatchingGenerator gen(99, kToday);
  std::vector<CandidateProfile> people;
  for (int i = 0; i < 3000; ++i) {
    people.push_back(gen.Profile(i));
    Upsert(people.back());
  }
  index_.Compact();
  for (int k = 0; k < 10; ++k) {
    Vacancy v = gen.Vacancy(k);
    v.profession_code = people[static_cast<size_t>(k)].desired_professions[0].profession_code;
    v.area_radius_km = 100;
    index_.UpsertVacancy(v);
    const PreparedVacancy pv = PrepareVacancy(v, kDefaultGroupLevel);
    const MatchQuery q{.today = kToday, .limit = 0};
    const std::vector<MatchResult> list = *index_.CandidatesFor(v.id, q);
    for (size_t i = 0; i < people.size(); i += 3) {
      const PairOutcome ref =
          EvaluatePair(pv, live_[people[i].person_id], weights_.For(v.cpi_code), q, true);
      const WhyNot why = *index_.Explain(v.id, people[i].person_id, q);
      ASSERT_EQ(why.matches, !ref.exclusion.has_value());
      if (ref.exclusion.has_value()) {
        ASSERT_EQ(why.exclusion->code, ref.exclusion->code);
        ASSERT_EQ(why.exclusion->detail, ref.exclusion->detail);
        continue;
      }
      ASSERT_EQ(why.score, ref.score.points);
      ASSERT_EQ(why.explanation.size(), ref.score.explanation.size());
      for (size_t c = 0; c < why.explanation.size(); ++c) {
        EXPECT_EQ(why.explanation[c].detail, ref.score.explanation[c].detail);
        EXPECT_EQ(why.explanation[c].points, ref.score.explanation[c].points);
      }
      ASSERT_EQ(why.total, list.size());
      ASSERT_EQ(list[why.rank - 1].person_id, people[i].person_id);
    }
  }
}

// Content the caller did not validate: what PrepareProfile makes of it, the index makes too.
TEST_F(CompactIndexTest, OddContentRanksAsTheReference) {
  std::vector<CandidateProfile> people;
  const auto base = [](std::string id) {
    CandidateProfile p;
    p.person_id = std::move(id);
    p.desired_professions = {{"5.2.2.1.0", {}, {}}};
    p.domicile_istat_code = "001272";
    p.mobility_radius_km = 30;
    p.availability = Availability::kAvailable;
    p.visibility = Visibility::kVisibleToCompanies;
    p.validated_on = kToday - 10;
    return p;
  };
  CandidateProfile p = base("A1");
  p.languages = {{"en", CefrLevel::kA1}, {"en", CefrLevel::kC2}};  // the first one counts
  people.push_back(p);
  p = base("A2");
  p.desired_professions = {{"5.2.2.1", {"X.99.99"}, {}}, {"9.9.9.9.9", {}, {}}};  // level 4, junk
  people.push_back(p);
  p = base("A3");
  p.mobility_radius_km = -5;
  people.push_back(p);
  p = base("A4");
  p.mobility_radius_km = 100000;
  p.domicile_istat_code = "999999";  // no location
  people.push_back(p);
  p = base("A5");
  p.desired_professions = {{"5.2.2.1.0.3",
                            {"A.02.00", "A.01.00", "A.02.00"},
                            {WorkingMode::kRemote, WorkingMode::kRemote}},
                           {"5.2.2.1.0", {"A.01.00"}, {WorkingMode::kOnSite}}};
  p.driving_licences = {" b ", "ce"};
  p.professional_registers = {"Albo  degli ingegnèri"};
  p.it_skills = {"c++", "C++ ", "excel"};
  p.experiences = {{"5.2.2.1.0.3", "X", kToday - 400, kToday - 100},
                   {"5.2.2.1.0", "Y", kToday - 200, std::nullopt},
                   {"5.2.2.1.0", "Z", kToday + 5, std::nullopt},
                   {"junk", "W", kToday - 900, kToday - 10}};
  p.unemployed_since = kToday - 400;
  p.l68 = L68Category::kDisabled;
  p.validated_on = kToday - 1000;  // L.68: never expires
  people.push_back(p);
  p = base("A6");
  p.validated_on = kToday - 365;  // expired today
  people.push_back(p);
  p = base("A7");
  p.validated_on.reset();
  people.push_back(p);
  for (int i = 0; i < 40; ++i) {
    p = people[static_cast<size_t>(i) % people.size()];
    p.person_id = "B" + std::to_string(i);
    p.mobility_radius_km = i;
    p.education = static_cast<EducationLevel>(i % 11);
    people.push_back(p);
  }
  for (const CandidateProfile& x : people) Upsert(x);

  std::vector<PreparedVacancy> vacancies;
  const auto vacancy = [&](std::string id, auto edit) {
    Vacancy v;
    v.id = std::move(id);
    v.company_id = "C";
    v.cpi_code = "CPI-TO-01";
    v.profession_code = "5.2.2.1.0";
    v.contract_type = "A.01.00";
    v.working_mode = WorkingMode::kOnSite;
    v.workplace_istat_code = "001156";
    v.area_radius_km = 40;
    edit(v);
    index_.UpsertVacancy(v);
    vacancies.push_back(PrepareVacancy(v, kDefaultGroupLevel));
  };
  vacancy("V1", [](Vacancy&) {});
  vacancy("V2", [](Vacancy& v) {
    v.languages = {{"en", CefrLevel::kB1, true}, {"de", CefrLevel::kUnspecified, false}};
  });
  vacancy("V3", [](Vacancy& v) {
    v.required_licences = {"B"};
    v.required_registers = {"albo degli ingegneri"};
    v.desired_skills = {"C++", "Rust"};
    v.min_experience_months = 9;
    v.min_education = EducationLevel::kUpperSecondary;
    v.l68_reservation = L68Category::kDisabled;
  });
  vacancy("V4", [](Vacancy& v) { v.working_mode = WorkingMode::kRemote; });
  vacancy("V5", [](Vacancy& v) { v.required_licences = {"D"}; });
  vacancy("V6", [](Vacancy& v) {
    v.profession_code = "5.2.2.1";  // level 4: no unit, the group itself
    v.contract_type = "X.99.99";
  });
  vacancy("V7", [](Vacancy& v) {
    v.area_radius_km = 0;
    v.workplace_istat_code = "001272";
  });
  vacancy("V8", [](Vacancy& v) { v.workplace_istat_code = "000000"; });
  size_t matched = 0;
  ExpectSameAsBrute(vacancies, &matched);
  EXPECT_GT(matched, 40u);
  index_.Compact();
  ExpectSameAsBrute(vacancies, &matched);
}

TEST_F(CompactIndexTest, AtMost300BytesAProfile) {
  const testing::MatchingGenerator gen(5, kToday);
  constexpr int kProfiles = 50000;
  index_.Reserve(kProfiles);
  for (int i = 0; i < kProfiles; ++i) index_.UpsertProfile(gen.Profile(i));
  index_.Compact();
  const internal::CompactMemory m = index_.ProfileMemory();
  EXPECT_EQ(m.Total(), index_.MemoryBytes());
  std::printf(
      "%zu bytes a profile (records %zu, side %zu, ids %zu, id set %zu, postings %zu, dictionaries "
      "%zu)\n",
      m.Total() / kProfiles, m.records, m.side, m.arena, m.id_set, m.postings, m.dictionaries);
  EXPECT_LT(m.Total() / kProfiles, 300u)
      << "records " << m.records << ", side " << m.side << ", ids " << m.arena << ", id set "
      << m.id_set << ", postings " << m.postings << ", dictionaries " << m.dictionaries;
}

}  // namespace
}  // namespace sisl::matching
