// Property test: on ~20,000 generated profiles and a few hundred vacancies, the index answers
// exactly what a brute-force scan of every pair answers (same people, same scores, same order),
// both ways, and a pair scores the same from either side. No timing is asserted.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "gtest/gtest.h"
#include "services/matching/domain/index.h"
#include "services/reference/municipalities.h"

namespace sisl::matching {
namespace {

const absl::CivilDay kToday(2025, 6, 1);

// Units of a few CP2011 groups, so buckets hold many people and groups partly match.
const std::vector<std::string> kProfessions = {
    "2.1.1.4.1", "2.1.1.4.2", "2.1.1.4.3", "5.2.2.2.1",   "5.2.2.2.2",   "5.2.2.2.3",
    "5.2.2.3.1", "5.2.2.3.2", "5.2.2.1.0", "5.2.2.1.0.3", "2.1.1.4.1.17"};
const std::vector<std::string> kContracts = {"A.01.00", "A.02.00", "A.03.00"};
const std::vector<std::string> kSkills = {"C++", "SQL", "Python", "Excel", "HACCP", "Java"};
const std::vector<std::string> kLicences = {"B", "C", "CE", "CQC"};
const std::vector<std::string> kRegisters = {"Albo degli ingegneri", "Albo dei periti"};
const std::vector<std::string> kLanguages = {"en", "fr", "de"};
const std::vector<std::string> kCpis = {"CPI-TO-15", "CPI-TO-16", "CPI-CN-08"};

class Generator final {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {
    for (const reference::Municipality* m : reference::Municipalities::Default().InProvince("TO")) {
      if (m->location.has_value() && municipalities_.size() < 120) {
        municipalities_.push_back(m->istat_code);
      }
    }
  }

  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(int percent) { return Int(1, 100) <= percent; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(Int(0, static_cast<int>(v.size()) - 1))];
  }
  template <typename T>
  std::vector<T> Some(const std::vector<T>& v, int max) {
    std::vector<T> out;
    for (const T& x : v) {
      if (static_cast<int>(out.size()) < max && Chance(30)) out.push_back(x);
    }
    return out;
  }
  CefrLevel Level() { return static_cast<CefrLevel>(Int(1, 6)); }

  CandidateProfile NextProfile(int i) {
    CandidateProfile p;
    p.person_id = "P" + std::to_string(100000 + i);
    p.cpi_code = Pick(kCpis);
    const int n = Int(1, 3);
    for (int k = 0; k < n; ++k) {
      DesiredProfession d{Pick(kProfessions), {}, {}};
      if (Chance(30)) d.contract_types = {Pick(kContracts)};
      if (Chance(20)) d.working_modes = {static_cast<WorkingMode>(Int(1, 3))};
      p.desired_professions.push_back(d);
    }
    for (int k = Int(0, 3); k > 0; --k) {
      const absl::CivilDay from = kToday - Int(30, 3000);
      p.experiences.push_back(
          {Pick(kProfessions), "Employer", from,
           Chance(20) ? std::nullopt : std::optional<absl::CivilDay>(from + Int(0, 900))});
    }
    p.education = static_cast<EducationLevel>(Int(0, 10));
    for (const std::string& l : Some(kLanguages, 2)) p.languages.push_back({l, Level()});
    p.it_skills = Some(kSkills, 4);
    p.driving_licences = Some(kLicences, 3);
    p.professional_registers = Some(kRegisters, 1);
    p.domicile_istat_code = Pick(municipalities_);
    p.mobility_radius_km = Int(0, 8) * 10;
    p.availability = Chance(85) ? Availability::kAvailable : static_cast<Availability>(Int(2, 3));
    p.l68 = Chance(85) ? L68Category::kNone : static_cast<L68Category>(Int(1, 2));
    if (Chance(50)) p.unemployed_since = kToday - Int(0, 900);
    p.visibility = static_cast<Visibility>(Int(1, 3));
    if (Chance(90)) p.validated_on = kToday - Int(0, 500);
    return p;
  }

  Vacancy NextVacancy(int i) {
    Vacancy v;
    v.id = "V" + std::to_string(1000 + i);
    v.company_id = "C" + std::to_string(i % 17);
    v.cpi_code = Pick(kCpis);
    v.profession_code = Pick(kProfessions);
    v.contract_type = Pick(kContracts);
    v.working_mode = static_cast<WorkingMode>(Chance(80) ? 1 : Int(2, 3));
    v.workplace_istat_code = Pick(municipalities_);
    v.area_radius_km = Int(1, 10) * 10;
    if (Chance(20)) v.required_licences = {Pick(kLicences)};
    for (const std::string& l : Some(kLanguages, 2)) {
      v.languages.push_back({l, static_cast<CefrLevel>(Int(1, 3)), Chance(40)});
    }
    if (Chance(10)) v.required_registers = {Pick(kRegisters)};
    v.desired_skills = Some(kSkills, 3);
    v.min_experience_months = Chance(50) ? 0 : Int(6, 36);
    v.min_education = static_cast<EducationLevel>(Chance(50) ? 0 : Int(1, 10));
    v.l68_reservation = Chance(90) ? L68Category::kNone : static_cast<L68Category>(Int(1, 2));
    v.positions = Int(1, 3);
    v.positions_filled = Chance(10) ? v.positions : 0;
    v.state = Chance(90) ? VacancyState::kPublished : VacancyState::kSuspended;
    return v;
  }

 private:
  std::mt19937 rng_;
  std::vector<std::string> municipalities_;
};

struct Row {
  int score;
  std::string id;
};

bool Better(const Row& a, const Row& b) {
  return a.score != b.score ? a.score > b.score : a.id < b.id;
}

class BruteForceTest : public testing::Test {
 protected:
  static constexpr int kProfiles = 20000;
  static constexpr int kVacancies = 300;

  static void SetUpTestSuite() {
    weights_ = new WeightsByCpi(*WeightsByCpi::Parse({{"CPI-TO-16.distance", "40"},
                                                      {"CPI-CN-08.skills", "0"},
                                                      {"CPI-CN-08.l68_priority", "30"}}));
    index_ = new MatchingIndex(*weights_);
    Generator gen(20250601);
    profiles_ = new std::vector<PreparedProfile>();
    vacancies_ = new std::vector<PreparedVacancy>();
    for (int i = 0; i < kProfiles; ++i) {
      CandidateProfile p = gen.NextProfile(i);
      index_->UpsertProfile(p);
      profiles_->push_back(PrepareProfile(p, kDefaultGroupLevel));
    }
    for (int i = 0; i < kVacancies; ++i) {
      Vacancy v = gen.NextVacancy(i);
      index_->UpsertVacancy(v);
      vacancies_->push_back(PrepareVacancy(v, kDefaultGroupLevel));
    }
  }

  static std::vector<Row> BruteCandidates(const PreparedVacancy& v, const MatchQuery& q) {
    std::vector<Row> rows;
    for (const PreparedProfile& p : *profiles_) {
      const PairOutcome o = EvaluatePair(v, p, weights_->For(v.vacancy.cpi_code), q, false);
      if (!o.exclusion.has_value()) rows.push_back({o.score.points, p.profile.person_id});
    }
    std::sort(rows.begin(), rows.end(), Better);
    return rows;
  }

  static WeightsByCpi* weights_;
  static MatchingIndex* index_;
  static std::vector<PreparedProfile>* profiles_;
  static std::vector<PreparedVacancy>* vacancies_;
};

WeightsByCpi* BruteForceTest::weights_ = nullptr;
MatchingIndex* BruteForceTest::index_ = nullptr;
std::vector<PreparedProfile>* BruteForceTest::profiles_ = nullptr;
std::vector<PreparedVacancy>* BruteForceTest::vacancies_ = nullptr;

TEST_F(BruteForceTest, CandidatesEqualABruteForceScan) {
  size_t matched = 0, open = 0;
  for (const bool operator_run : {false, true}) {
    for (size_t i = 0; i < vacancies_->size(); i += 3) {
      const PreparedVacancy& v = (*vacancies_)[i];
      if (!IsOpen(v.vacancy)) continue;
      ++open;
      const MatchQuery all{.today = kToday, .operator_run = operator_run, .limit = 0};
      const std::vector<Row> expected = BruteCandidates(v, all);
      const std::vector<MatchResult> got = *index_->CandidatesFor(v.vacancy.id, all);
      ASSERT_EQ(got.size(), expected.size()) << v.vacancy.id;
      for (size_t k = 0; k < got.size(); ++k) {
        ASSERT_EQ(got[k].person_id, expected[k].id) << v.vacancy.id << " #" << k;
        ASSERT_EQ(got[k].score, expected[k].score) << v.vacancy.id << " #" << k;
        int sum = 0;
        for (const Contribution& c : got[k].explanation) sum += c.points;
        ASSERT_EQ(sum, got[k].score);
      }
      const std::vector<MatchResult> top =
          *index_->CandidatesFor(v.vacancy.id, {.today = kToday, .operator_run = operator_run});
      ASSERT_EQ(top.size(), std::min<size_t>(50, expected.size()));
      for (size_t k = 0; k < top.size(); ++k) ASSERT_EQ(top[k].person_id, expected[k].id);
      matched += got.size();
    }
  }
  EXPECT_GT(open, 100u);
  EXPECT_GT(matched, 1000u);  // the data is not trivially empty
}

TEST_F(BruteForceTest, VacanciesEqualABruteForceScanAndScoresAreSymmetric) {
  const MatchQuery all{.today = kToday, .operator_run = true, .limit = 0};
  absl::flat_hash_map<std::string, std::vector<MatchResult>> candidates;
  for (const PreparedVacancy& v : *vacancies_) {
    if (IsOpen(v.vacancy)) candidates[v.vacancy.id] = *index_->CandidatesFor(v.vacancy.id, all);
  }
  size_t checked = 0;
  for (size_t i = 0; i < profiles_->size(); i += 40) {
    const PreparedProfile& p = (*profiles_)[i];
    std::vector<Row> expected;
    for (const PreparedVacancy& v : *vacancies_) {
      const PairOutcome o = EvaluatePair(v, p, weights_->For(v.vacancy.cpi_code), all, false);
      if (!o.exclusion.has_value()) expected.push_back({o.score.points, v.vacancy.id});
    }
    std::sort(expected.begin(), expected.end(), Better);
    const std::vector<MatchResult> got = *index_->VacanciesFor(p.profile.person_id, all);
    ASSERT_EQ(got.size(), expected.size()) << p.profile.person_id;
    for (size_t k = 0; k < got.size(); ++k) {
      ASSERT_EQ(got[k].vacancy_id, expected[k].id);
      ASSERT_EQ(got[k].score, expected[k].score);
      // Symmetry: the vacancy lists the person with the same score.
      const std::vector<MatchResult>& list = candidates[got[k].vacancy_id];
      const auto it = std::find_if(list.begin(), list.end(), [&](const MatchResult& r) {
        return r.person_id == p.profile.person_id;
      });
      ASSERT_NE(it, list.end()) << got[k].vacancy_id << " misses " << p.profile.person_id;
      ASSERT_EQ(it->score, got[k].score);
      ++checked;
    }
  }
  EXPECT_GT(checked, 50u);
}

TEST_F(BruteForceTest, WhyNotAgreesWithTheLists) {
  const MatchQuery all{.today = kToday, .limit = 0};
  const PreparedVacancy* v = nullptr;
  for (const PreparedVacancy& x : *vacancies_) {
    if (IsOpen(x.vacancy) && index_->CandidatesFor(x.vacancy.id, all)->size() > 5) {
      v = &x;
      break;
    }
  }
  ASSERT_NE(v, nullptr);
  const std::vector<MatchResult> list = *index_->CandidatesFor(v->vacancy.id, all);
  for (size_t i = 0; i < 2000; ++i) {
    const std::string& id = (*profiles_)[i].profile.person_id;
    const WhyNot why = *index_->Explain(v->vacancy.id, id, all);
    const auto it = std::find_if(list.begin(), list.end(),
                                 [&](const MatchResult& r) { return r.person_id == id; });
    ASSERT_EQ(why.matches, it != list.end()) << id;
    if (why.matches) {
      EXPECT_EQ(why.rank, static_cast<size_t>(it - list.begin()) + 1);
      EXPECT_EQ(why.score, it->score);
      EXPECT_EQ(why.total, list.size());
    } else {
      ASSERT_TRUE(why.exclusion.has_value());
      EXPECT_FALSE(why.exclusion->detail.empty()) << FilterCodeName(why.exclusion->code);
    }
  }
}

}  // namespace
}  // namespace sisl::matching
