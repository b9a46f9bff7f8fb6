#include "services/matching/domain/scoring.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace sisl::matching {
namespace {

// Adds the criteria one by one.
class Accumulator final {
 public:
  Accumulator(const Weights& w, bool explain) : total_(w.Total()), explain_(explain) {}

  // `num`/`den` in [0, 1]; `detail` is called only when explaining.
  template <typename F>
  void Add(Criterion c, int weight, int64_t num, int64_t den, double raw, F detail) {
    if (den <= 0) num = den = 1;
    num = std::clamp<int64_t>(num, 0, den);
    const int points =
        total_ <= 0 ? 0 : static_cast<int>(int64_t{kMaxScore} * weight * num / (den * total_));
    score_.points += points;
    if (explain_) score_.explanation.push_back({c, raw, detail(), weight, points});
  }

  Score Take() { return std::move(score_); }

 private:
  int64_t total_;
  bool explain_;
  Score score_;
};

CefrLevel LevelOf(const CandidateProfile& p, const std::string& language) {
  for (const LanguageSkill& l : p.languages) {
    if (l.language == language) return l.level;
  }
  return CefrLevel::kUnspecified;
}

}  // namespace

absl::string_view CriterionName(Criterion criterion) {
  static constexpr absl::string_view kNames[] = {
      "PROFESSION", "SKILLS",   "LANGUAGES",    "EXPERIENCE",
      "EDUCATION",  "DISTANCE", "L68_PRIORITY", "LONG_TERM_UNEMPLOYMENT"};
  return kNames[static_cast<int>(criterion)];
}

int ExperienceMonths(const PreparedProfile& profile, absl::string_view unit, absl::CivilDay today) {
  std::vector<std::pair<absl::CivilDay, absl::CivilDay>> periods;
  for (const PreparedExperience& e : profile.experiences) {
    if (e.unit != unit || e.from > today) continue;
    const absl::CivilDay to = std::min(e.to.value_or(today), today);
    if (to >= e.from) periods.emplace_back(e.from, to);
  }
  std::sort(periods.begin(), periods.end());
  int64_t days = 0;
  std::optional<absl::CivilDay> covered;  // the last day counted so far
  for (const auto& [from, to] : periods) {
    const absl::CivilDay start = covered.has_value() ? std::max(from, *covered + 1) : from;
    if (to >= start) days += (to - start) + 1;
    if (!covered.has_value() || to > *covered) covered = to;
  }
  return static_cast<int>(days / 30);
}

Score ScoreMatch(const PreparedVacancy& pv, const PreparedProfile& pp, const FilterFacts& facts,
                 const Weights& w, absl::CivilDay today, bool explain) {
  const Vacancy& v = pv.vacancy;
  const CandidateProfile& p = pp.profile;
  Accumulator acc(w, explain);

  const int64_t prof_num = facts.exact_profession ? 100 : w.profession_group_percent;
  acc.Add(Criterion::kProfession, w.profession, prof_num, 100, prof_num / 100.0, [&] {
    return facts.exact_profession ? absl::StrCat("exact ", pv.unit)
                                  : absl::StrCat("same group ", pv.group);
  });

  int64_t skills_met = 0;
  for (const std::string& s : pv.skills) skills_met += SortedContains(pp.skills, s) ? 1 : 0;
  const int64_t skills_asked = static_cast<int64_t>(pv.skills.size());
  acc.Add(Criterion::kSkills, w.skills, skills_asked == 0 ? 1 : skills_met,
          skills_asked == 0 ? 1 : skills_asked,
          skills_asked == 0 ? 1.0 : static_cast<double>(skills_met) / skills_asked, [&] {
            return skills_asked == 0 ? std::string("no skills asked")
                                     : absl::StrCat(skills_met, " of ", skills_asked, " skills");
          });

  int64_t langs_met = 0;
  for (const LanguageRequirement& r : v.languages) {
    langs_met += LevelOf(p, r.language) >= r.min_level ? 1 : 0;
  }
  const int64_t langs_asked = static_cast<int64_t>(v.languages.size());
  acc.Add(Criterion::kLanguages, w.languages, langs_asked == 0 ? 1 : langs_met,
          langs_asked == 0 ? 1 : langs_asked,
          langs_asked == 0 ? 1.0 : static_cast<double>(langs_met) / langs_asked, [&] {
            return langs_asked == 0
                       ? std::string("no languages asked")
                       : absl::StrCat(langs_met, " of ", langs_asked, " languages at level");
          });

  const int months = ExperienceMonths(pp, pv.unit, today);
  const int cap = v.min_experience_months > 0 ? v.min_experience_months : w.experience_cap_months;
  acc.Add(Criterion::kExperience, w.experience, std::min(months, cap), cap, months,
          [&] { return absl::StrCat(months, " months in ", pv.unit, " (full at ", cap, ")"); });

  const bool edu_ok =
      v.min_education == EducationLevel::kUnspecified ||
      (p.education != EducationLevel::kUnspecified && p.education >= v.min_education);
  acc.Add(Criterion::kEducation, w.education, edu_ok ? 1 : 0, 1, edu_ok ? 1 : 0, [&] {
    return v.min_education == EducationLevel::kUnspecified
               ? std::string("no education asked")
               : absl::StrCat(EducationLevelName(p.education), edu_ok ? " >= " : " < ",
                              EducationLevelName(v.min_education));
  });

  const int64_t limit = int64_t{std::min(p.mobility_radius_km, v.area_radius_km)} * 10;
  const int64_t d = facts.distance_decikm;
  const bool full = facts.remote || limit == 0;
  acc.Add(Criterion::kDistance, w.distance, full ? 1 : limit - d, full ? 1 : limit, d / 10.0, [&] {
    return facts.remote ? std::string("remote work")
                        : absl::StrFormat("%.1f km of %d km", d / 10.0, limit / 10);
  });

  const bool l68 = InL68Lists(p);
  acc.Add(Criterion::kL68Priority, w.l68_priority, l68 ? 1 : 0, 1, l68 ? 1 : 0,
          [&] { return absl::StrCat("L.68/99 ", L68CategoryName(p.l68)); });

  const bool ltu = IsLongTermUnemployed(p, today);
  acc.Add(
      Criterion::kLongTermUnemployment, w.long_term_unemployed, ltu ? 1 : 0, 1, ltu ? 1 : 0, [&] {
        return p.unemployed_since.has_value()
                   ? absl::StrCat("unemployed since ", absl::FormatCivilTime(*p.unemployed_since))
                   : std::string("not unemployed");
      });
  return acc.Take();
}

PairOutcome EvaluatePair(const PreparedVacancy& vacancy, const PreparedProfile& profile,
                         const Weights& weights, const MatchQuery& query, bool with_explanation) {
  PairOutcome out;
  FilterFacts facts;
  out.exclusion = FirstExclusion(vacancy, profile, query, with_explanation, &facts);
  if (!out.exclusion.has_value()) {
    out.score = ScoreMatch(vacancy, profile, facts, weights, query.today, with_explanation);
  }
  return out;
}

}  // namespace sisl::matching
