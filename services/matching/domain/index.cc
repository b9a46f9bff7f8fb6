#include "services/matching/domain/index.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"

namespace sisl::matching {
namespace {

absl::Status NotFound(absl::string_view reason, absl::string_view what, absl::string_view id) {
  return platform::Error(absl::StatusCode::kNotFound, reason,
                         absl::StrCat(what, " '", id, "' is not in the matching index"),
                         {{"id", std::string(id)}});
}

}  // namespace

MatchingIndex::MatchingIndex(WeightsByCpi weights, int group_level)
    : group_level_(group_level >= 1 && group_level <= kUnitLevel ? group_level
                                                                 : kDefaultGroupLevel),
      weights_(std::move(weights)) {}

void MatchingIndex::SetWeights(WeightsByCpi weights) {
  absl::MutexLock lock(&mu_);
  weights_ = std::move(weights);
}

void MatchingIndex::UpsertProfile(CandidateProfile profile) {
  PreparedProfile prepared = PrepareProfile(std::move(profile), group_level_);
  const std::string id = prepared.profile.person_id;
  absl::MutexLock lock(&mu_);
  auto it = profiles_.find(id);
  if (it != profiles_.end()) {
    for (const std::string& g : it->second.groups) profiles_by_group_[g].erase(&it->second);
    it->second = std::move(prepared);
  } else {
    it = profiles_.emplace(id, std::move(prepared)).first;
  }
  for (const std::string& g : it->second.groups) profiles_by_group_[g].insert(&it->second);
}

bool MatchingIndex::RemoveProfile(absl::string_view person_id) {
  absl::MutexLock lock(&mu_);
  const auto it = profiles_.find(person_id);
  if (it == profiles_.end()) return false;
  for (const std::string& g : it->second.groups) {
    auto bucket = profiles_by_group_.find(g);
    bucket->second.erase(&it->second);
    if (bucket->second.empty()) profiles_by_group_.erase(bucket);
  }
  profiles_.erase(it);
  return true;
}

void MatchingIndex::UpsertVacancy(Vacancy vacancy) {
  PreparedVacancy prepared = PrepareVacancy(std::move(vacancy), group_level_);
  const std::string id = prepared.vacancy.id;
  absl::MutexLock lock(&mu_);
  auto it = vacancies_.find(id);
  if (it != vacancies_.end()) {
    vacancies_by_group_[it->second.group].erase(&it->second);
    it->second = std::move(prepared);
  } else {
    it = vacancies_.emplace(id, std::move(prepared)).first;
  }
  vacancies_by_group_[it->second.group].insert(&it->second);
}

bool MatchingIndex::RemoveVacancy(absl::string_view vacancy_id) {
  absl::MutexLock lock(&mu_);
  const auto it = vacancies_.find(vacancy_id);
  if (it == vacancies_.end()) return false;
  auto bucket = vacancies_by_group_.find(it->second.group);
  bucket->second.erase(&it->second);
  if (bucket->second.empty()) vacancies_by_group_.erase(bucket);
  vacancies_.erase(it);
  return true;
}

std::size_t MatchingIndex::profile_count() const {
  absl::ReaderMutexLock lock(&mu_);
  return profiles_.size();
}

std::size_t MatchingIndex::vacancy_count() const {
  absl::ReaderMutexLock lock(&mu_);
  return vacancies_.size();
}

void MatchingIndex::SortTop(std::vector<Scored>& scored, std::size_t limit) {
  const auto better = [](const Scored& a, const Scored& b) {
    return a.score != b.score ? a.score > b.score : *a.id < *b.id;
  };
  if (limit == 0 || limit >= scored.size()) {
    std::sort(scored.begin(), scored.end(), better);
  } else {
    std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(limit),
                      scored.end(), better);
    scored.resize(limit);
  }
}

std::vector<MatchingIndex::Scored> MatchingIndex::RankCandidatesLocked(
    const PreparedVacancy& v, const MatchQuery& query) const {
  std::vector<Scored> scored;
  const auto bucket = profiles_by_group_.find(v.group);
  if (v.group.empty() || bucket == profiles_by_group_.end()) return scored;
  const Weights& weights = weights_.For(v.vacancy.cpi_code);
  for (const PreparedProfile* p : bucket->second) {
    FilterFacts facts;
    if (FirstExclusion(v, *p, query, /*with_detail=*/false, &facts).has_value()) continue;
    const Score s = ScoreMatch(v, *p, facts, weights, query.today, /*with_explanation=*/false);
    scored.push_back({s.points, &p->profile.person_id, p});
  }
  return scored;
}

absl::StatusOr<std::vector<MatchResult>> MatchingIndex::CandidatesFor(
    absl::string_view vacancy_id, const MatchQuery& query) const {
  absl::ReaderMutexLock lock(&mu_);
  const auto it = vacancies_.find(vacancy_id);
  if (it == vacancies_.end()) return NotFound("VACANCY_NOT_FOUND", "vacancy", vacancy_id);
  const PreparedVacancy& v = it->second;
  if (!IsOpen(v.vacancy)) {
    return platform::Error(
        absl::StatusCode::kFailedPrecondition, "VACANCY_NOT_OPEN",
        absl::StrCat("vacancy '", vacancy_id, "' is ", VacancyStateName(v.vacancy.state), " with ",
                     v.vacancy.positions - v.vacancy.positions_filled, " positions left"),
        {{"id", std::string(vacancy_id)}});
  }
  std::vector<Scored> scored = RankCandidatesLocked(v, query);
  SortTop(scored, query.limit);
  const Weights& weights = weights_.For(v.vacancy.cpi_code);
  std::vector<MatchResult> out;
  out.reserve(scored.size());
  for (const Scored& s : scored) {
    const auto& p = *static_cast<const PreparedProfile*>(s.item);
    PairOutcome pair = EvaluatePair(v, p, weights, query, /*with_explanation=*/true);
    out.push_back(
        {p.profile.person_id, v.vacancy.id, pair.score.points, std::move(pair.score.explanation)});
  }
  return out;
}

absl::StatusOr<std::vector<MatchResult>> MatchingIndex::VacanciesFor(
    absl::string_view person_id, const MatchQuery& query) const {
  absl::ReaderMutexLock lock(&mu_);
  const auto it = profiles_.find(person_id);
  if (it == profiles_.end()) return NotFound("PROFILE_NOT_FOUND", "profile", person_id);
  const PreparedProfile& p = it->second;
  std::vector<Scored> scored;
  for (const std::string& group : p.groups) {
    const auto bucket = vacancies_by_group_.find(group);
    if (bucket == vacancies_by_group_.end()) continue;
    for (const PreparedVacancy* v : bucket->second) {
      FilterFacts facts;
      if (FirstExclusion(*v, p, query, /*with_detail=*/false, &facts).has_value()) continue;
      const Score s = ScoreMatch(*v, p, facts, weights_.For(v->vacancy.cpi_code), query.today,
                                 /*with_explanation=*/false);
      scored.push_back({s.points, &v->vacancy.id, v});
    }
  }
  SortTop(scored, query.limit);
  std::vector<MatchResult> out;
  out.reserve(scored.size());
  for (const Scored& s : scored) {
    const auto& v = *static_cast<const PreparedVacancy*>(s.item);
    PairOutcome pair =
        EvaluatePair(v, p, weights_.For(v.vacancy.cpi_code), query, /*with_explanation=*/true);
    out.push_back(
        {p.profile.person_id, v.vacancy.id, pair.score.points, std::move(pair.score.explanation)});
  }
  return out;
}

absl::StatusOr<WhyNot> MatchingIndex::Explain(absl::string_view vacancy_id,
                                              absl::string_view person_id,
                                              const MatchQuery& query) const {
  absl::ReaderMutexLock lock(&mu_);
  const auto v = vacancies_.find(vacancy_id);
  if (v == vacancies_.end()) return NotFound("VACANCY_NOT_FOUND", "vacancy", vacancy_id);
  const auto p = profiles_.find(person_id);
  if (p == profiles_.end()) return NotFound("PROFILE_NOT_FOUND", "profile", person_id);
  PairOutcome pair = EvaluatePair(v->second, p->second, weights_.For(v->second.vacancy.cpi_code),
                                  query, /*with_explanation=*/true);
  WhyNot out;
  if (pair.exclusion.has_value()) {
    out.exclusion = std::move(pair.exclusion);
    return out;
  }
  out.matches = true;
  out.score = pair.score.points;
  out.explanation = std::move(pair.score.explanation);
  const std::vector<Scored> all = RankCandidatesLocked(v->second, query);
  out.total = all.size();
  const std::string& me = p->second.profile.person_id;
  // 1 + everyone ranked before: a higher score, or the same score and a smaller id.
  out.rank =
      1 + static_cast<std::size_t>(std::count_if(all.begin(), all.end(), [&](const Scored& s) {
        return s.score > out.score || (s.score == out.score && *s.id < me);
      }));
  return out;
}

}  // namespace sisl::matching
