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
      weights_(std::move(weights)),
      profiles_(group_level_) {}

void MatchingIndex::SetWeights(WeightsByCpi weights) {
  absl::MutexLock lock(&mu_);
  weights_ = std::move(weights);
}

void MatchingIndex::UpsertProfile(CandidateProfile profile) {
  absl::MutexLock lock(&mu_);
  profiles_.Upsert(profile);
}

bool MatchingIndex::RemoveProfile(absl::string_view person_id) {
  absl::MutexLock lock(&mu_);
  return profiles_.Remove(person_id);
}

void MatchingIndex::Reserve(std::size_t profiles) {
  absl::MutexLock lock(&mu_);
  profiles_.Reserve(profiles);
}

void MatchingIndex::Compact() {
  absl::MutexLock lock(&mu_);
  profiles_.Compact();
}

internal::CompactMemory MatchingIndex::ProfileMemory() const {
  absl::ReaderMutexLock lock(&mu_);
  return profiles_.Memory();
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

std::vector<MatchingIndex::Candidate> MatchingIndex::TopCandidatesLocked(const PreparedVacancy& v,
                                                                         const MatchQuery& query,
                                                                         std::size_t limit) const {
  std::vector<Candidate> out;
  // Ranked by score, then by person id: `better(a, b)` when a comes first.
  const auto better = [this](const Candidate& a, const Candidate& b) {
    return a.score != b.score ? a.score > b.score
                              : profiles_.PersonId(a.record) < profiles_.PersonId(b.record);
  };
  const Weights& weights = weights_.For(v.vacancy.cpi_code);
  if (limit == 0) {
    profiles_.ScanCandidates(v, weights, query, [&](uint32_t record, int score) {
      out.push_back({score, record});
    });
    std::sort(out.begin(), out.end(), better);
    return out;
  }
  // A heap of the best `limit` so far, the worst on top.
  out.reserve(limit);
  profiles_.ScanCandidates(v, weights, query, [&](uint32_t record, int score) {
    if (out.size() < limit) {
      out.push_back({score, record});
      std::push_heap(out.begin(), out.end(), better);
      return;
    }
    const Candidate& worst = out.front();
    if (score < worst.score) return;
    const Candidate c{score, record};
    if (!better(c, worst)) return;
    std::pop_heap(out.begin(), out.end(), better);
    out.back() = c;
    std::push_heap(out.begin(), out.end(), better);
  });
  std::sort_heap(out.begin(), out.end(), better);
  return out;
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
  const std::vector<Candidate> top = TopCandidatesLocked(v, query, query.limit);
  const Weights& weights = weights_.For(v.vacancy.cpi_code);
  std::vector<MatchResult> out;
  out.reserve(top.size());
  for (const Candidate& c : top) {
    // The explanation from the reference filters and score, on the profile as prepared.
    const PreparedProfile p = profiles_.Materialize(c.record);
    PairOutcome pair = EvaluatePair(v, p, weights, query, /*with_explanation=*/true);
    out.push_back(
        {p.profile.person_id, v.vacancy.id, pair.score.points, std::move(pair.score.explanation)});
  }
  return out;
}

absl::StatusOr<std::vector<MatchResult>> MatchingIndex::VacanciesFor(
    absl::string_view person_id, const MatchQuery& query) const {
  absl::ReaderMutexLock lock(&mu_);
  const uint32_t record = profiles_.Find(person_id);
  if (record == internal::CompactProfiles::kNone) {
    return NotFound("PROFILE_NOT_FOUND", "profile", person_id);
  }
  const PreparedProfile p = profiles_.Materialize(record);
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
  const uint32_t record = profiles_.Find(person_id);
  if (record == internal::CompactProfiles::kNone) {
    return NotFound("PROFILE_NOT_FOUND", "profile", person_id);
  }
  const PreparedProfile p = profiles_.Materialize(record);
  PairOutcome pair = EvaluatePair(v->second, p, weights_.For(v->second.vacancy.cpi_code), query,
                                  /*with_explanation=*/true);
  WhyNot out;
  if (pair.exclusion.has_value()) {
    out.exclusion = std::move(pair.exclusion);
    return out;
  }
  out.matches = true;
  out.score = pair.score.points;
  out.explanation = std::move(pair.score.explanation);
  // 1 + everyone ranked before: a higher score, or the same score and a smaller id.
  const absl::string_view me = p.profile.person_id;
  std::size_t total = 0, before = 0;
  profiles_.ScanCandidates(
      v->second, weights_.For(v->second.vacancy.cpi_code), query, [&](uint32_t other, int score) {
        ++total;
        if (score > out.score || (score == out.score && profiles_.PersonId(other) < me)) {
          ++before;
        }
      });
  out.total = total;
  out.rank = 1 + before;
  return out;
}

}  // namespace sisl::matching
