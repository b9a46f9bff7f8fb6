// Synthetic candidate profiles and vacancies for the matching tests and benchmark, realistic in
// their proportions and deterministic: profile i (and vacancy i) depends only on the seed and i,
// so a run can generate them in any order, in chunks, twice (once for the index, once for
// PostgreSQL) and get the same people.
//
// Where the distributions come from (every code read from services/reference, none copied):
//  - professions: CP2011 units (level 5) valid on `today`, sometimes their CO 6th-level child;
//    the major group (first digit) weighted as tests/support/co_generator_tables.cc weights it
//    (2: 6, 3: 12, 4: 12, 5: 22, 6: 16, 7: 14, 8: 18; no frequency data by unit exists in the
//    repository or /work/shared/data), then within it a Zipf law (s = 1) over the units in a
//    fixed order shuffled by a constant seed. A second or third desired profession is a sibling
//    in the same category half of the time;
//  - domicile and workplace: current municipalities with a centroid weighted by population
//    (ISTAT 2023), 93% in Piedmont (profiles; 97% for vacancies), the rest anywhere in Italy;
//    the CPI is the competent one of the municipality (a Piedmont CPI picked by population
//    otherwise);
//  - contract types: among CoContractTypes() valid on `today`, fixed shares (fixed-term
//    A.02.00 first); working modes, languages (CEFR), licences (checked with the domain's
//    licence list), education (CO levels), experience, radius, availability, L.68/99 status,
//    long-term unemployment, visibility and validation in the proportions of the constants in
//    matching_generator.cc (plausible for Piedmont's CPI users, not official figures).
// Every profile and vacancy passes ValidateProfile / ValidateVacancy on `today`.
//
//   MatchingGenerator gen(/*seed=*/13, absl::CivilDay(2025, 6, 1));
//   for (int64_t i = 0; i < 1'000'000; ++i) index.UpsertProfile(gen.Profile(i));
//   Vacancy v = gen.Vacancy(0);
#ifndef SISL_TESTS_SUPPORT_MATCHING_GENERATOR_H_
#define SISL_TESTS_SUPPORT_MATCHING_GENERATOR_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/time/civil_time.h"
#include "services/matching/domain/profile.h"
#include "services/matching/domain/vacancy.h"

namespace sisl::testing {

class MatchingGenerator final {
 public:
  MatchingGenerator(uint64_t seed, absl::CivilDay today);
  ~MatchingGenerator();
  MatchingGenerator(const MatchingGenerator&) = delete;
  MatchingGenerator& operator=(const MatchingGenerator&) = delete;

  absl::CivilDay today() const { return today_; }

  // Person ids "MP" + 8 digits of i; vacancy ids "MV" + 6 digits of i.
  matching::CandidateProfile Profile(int64_t i) const;
  matching::Vacancy Vacancy(int64_t i) const;

  struct Tables;  // the reference's lists, selected and weighted once (matching_generator.cc)

 private:
  uint64_t seed_;
  absl::CivilDay today_;
  std::unique_ptr<const Tables> tables_;
};

}  // namespace sisl::testing

#endif  // SISL_TESTS_SUPPORT_MATCHING_GENERATOR_H_
