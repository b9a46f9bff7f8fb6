// The in-memory matching index of one process: profiles and vacancies, answering both ways.
// Profiles are bucketed by the CP2011 groups of their desired professions and vacancies by the
// group of theirs, so a query only looks at the people (or vacancies) of one group (or of the
// person's few groups) and no one else can pass the profession filter. Results are ranked by
// score (descending), then by id, so equal inputs give equal lists. Thread-safe: queries share
// a reader lock, upserts and removals take the writer lock.
//
// Profiles are kept compact (compact_profiles.h: interned codes, a fixed record and a few words
// each, about 130 bytes a profile in all) and a vacancy's candidates are filtered and scored on
// that form, people out of reach dropped from the group's postings first; the explanations of
// the results, and "why not", come from filters.h and scoring.h on the profile turned back into
// its PreparedProfile, so they add up to the score exactly. For a bulk load: Reserve(n), the
// upserts, then Compact().
//
//   MatchingIndex index(weights_by_cpi);
//   index.UpsertProfile(profile);
//   index.UpsertVacancy(vacancy);
//   ASSIGN_OR_RETURN(auto top, index.CandidatesFor("V1", {.today = today, .limit = 50}));
//   ASSIGN_OR_RETURN(WhyNot why, index.Explain("V1", "P9", {.today = today}));
#ifndef SISL_SERVICES_MATCHING_DOMAIN_INDEX_H_
#define SISL_SERVICES_MATCHING_DOMAIN_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/node_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "services/matching/domain/compact_profiles.h"
#include "services/matching/domain/filters.h"
#include "services/matching/domain/prepared.h"
#include "services/matching/domain/profession.h"
#include "services/matching/domain/scoring.h"
#include "services/matching/domain/weights.h"

namespace sisl::matching {

struct MatchResult {
  std::string person_id;
  std::string vacancy_id;
  int score = 0;
  std::vector<Contribution> explanation;  // adds up to `score`
};

// Why a person is (not) in a vacancy's list.
struct WhyNot {
  bool matches = false;
  std::optional<Exclusion> exclusion;  // the first filter that failed, with its detail
  int score = 0;                       // when it matches
  std::vector<Contribution> explanation;
  std::size_t rank = 0;   // 1-based position among every candidate passing (when it matches)
  std::size_t total = 0;  // how many pass
};

class MatchingIndex final {
 public:
  // `group_level`: the CP2011 level (1..5) at which professions are the same group; outside
  // that range the default is used.
  explicit MatchingIndex(WeightsByCpi weights, int group_level = kDefaultGroupLevel);
  MatchingIndex(const MatchingIndex&) = delete;
  MatchingIndex& operator=(const MatchingIndex&) = delete;

  int group_level() const { return group_level_; }
  void SetWeights(WeightsByCpi weights);

  // Inserts or replaces (by person_id / id). Content is taken as validated by the caller; a
  // profession code the reference does not know simply matches nothing.
  void UpsertProfile(CandidateProfile profile);
  bool RemoveProfile(absl::string_view person_id);  // false when absent
  void UpsertVacancy(Vacancy vacancy);
  bool RemoveVacancy(absl::string_view vacancy_id);

  std::size_t profile_count() const;
  std::size_t vacancy_count() const;

  // Room for `profiles` profiles in all, before a bulk load.
  void Reserve(std::size_t profiles);
  // Rewrites the profiles' storage without the garbage of replaced and removed profiles, in an
  // order that makes a group's scan read memory mostly in sequence, and trims capacities; after
  // a bulk load. (Upserts and removals also compact by themselves when half is garbage.)
  void Compact();
  // The bytes the index holds for its profiles (records, side words, ids, the id set, the
  // groups' postings, the dictionaries), by the capacities of its containers; vacancies are not
  // counted.
  internal::CompactMemory ProfileMemory() const;
  std::size_t MemoryBytes() const { return ProfileMemory().Total(); }

  // The best `query.limit` candidates for an open vacancy, with explanations.
  // VACANCY_NOT_FOUND (NOT_FOUND), VACANCY_NOT_OPEN (FAILED_PRECONDITION).
  absl::StatusOr<std::vector<MatchResult>> CandidatesFor(absl::string_view vacancy_id,
                                                         const MatchQuery& query) const;
  // The best `query.limit` open vacancies for a person (each scored with its CPI's weights).
  // PROFILE_NOT_FOUND (NOT_FOUND).
  absl::StatusOr<std::vector<MatchResult>> VacanciesFor(absl::string_view person_id,
                                                        const MatchQuery& query) const;
  // Why `person_id` is or is not among the candidates of `vacancy_id` (ignores query.limit):
  // the first failing filter with its detail, or the score, explanation and rank.
  // VACANCY_NOT_FOUND, PROFILE_NOT_FOUND (NOT_FOUND).
  absl::StatusOr<WhyNot> Explain(absl::string_view vacancy_id, absl::string_view person_id,
                                 const MatchQuery& query) const;

 private:
  struct Scored {
    int score;
    const std::string* id;
    const void* item;  // PreparedVacancy
  };
  struct Candidate {
    int score;
    uint32_t record;
  };

  // The best `limit` candidates of `v` (all when 0), ranked.
  std::vector<Candidate> TopCandidatesLocked(const PreparedVacancy& v, const MatchQuery& query,
                                             std::size_t limit) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  static void SortTop(std::vector<Scored>& scored, std::size_t limit);

  const int group_level_;
  mutable absl::Mutex mu_;
  WeightsByCpi weights_ ABSL_GUARDED_BY(mu_);
  internal::CompactProfiles profiles_ ABSL_GUARDED_BY(mu_);
  absl::node_hash_map<std::string, PreparedVacancy> vacancies_ ABSL_GUARDED_BY(mu_);
  // CP2011 group -> the vacancies in it.
  absl::flat_hash_map<std::string, absl::flat_hash_set<const PreparedVacancy*>> vacancies_by_group_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace sisl::matching

#endif  // SISL_SERVICES_MATCHING_DOMAIN_INDEX_H_
