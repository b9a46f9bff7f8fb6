// The weighted score of a person who passed the filters, with its explanation. Each criterion
// gives a share in [0, 1] as an exact fraction num/den; its contribution in points is
//   floor(kMaxScore * weight * num / (den * total weight))
// and the score is the sum of the contributions, so the explanation adds up to the score by
// construction, in integers (0..kMaxScore). The weights are those of the vacancy's CPI, so a
// pair scores the same whichever way it is queried.
#ifndef SISL_SERVICES_MATCHING_DOMAIN_SCORING_H_
#define SISL_SERVICES_MATCHING_DOMAIN_SCORING_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/matching/domain/filters.h"
#include "services/matching/domain/prepared.h"
#include "services/matching/domain/weights.h"

namespace sisl::matching {

inline constexpr int kMaxScore = 10000;

enum class Criterion {
  kProfession,            // 1 exact unit, group percent for the same group
  kSkills,                // desired IT skills held / asked (1 when none asked)
  kLanguages,             // vacancy languages at the level asked / listed (1 when none)
  kExperience,            // months in the vacancy's unit / cap (min asked, else the weights')
  kEducation,             // 1 when at least the level asked (or none asked)
  kDistance,              // 1 - distance / the tighter radius (1 for remote work)
  kL68Priority,           // 1 in the L.68/99 lists
  kLongTermUnemployment,  // 1 when unemployed for 12 months or more
};

absl::string_view CriterionName(Criterion criterion);  // "PROFESSION", "SKILLS", ...

struct Contribution {
  Criterion criterion = Criterion::kProfession;
  double raw = 0;      // the criterion's value: a share, months or km (see `detail`)
  std::string detail;  // "3 of 4 skills", "12.3 km of 30 km"
  int weight = 0;      // the CPI's weight of the criterion
  int points = 0;      // the contribution; the points of a result add up to its score
};

struct Score {
  int points = 0;                         // 0..kMaxScore
  std::vector<Contribution> explanation;  // every criterion, in enum order; empty unless asked
};

// Months of experience in `unit` up to `today`: overlapping periods counted once, 30 days a
// month, rounded down.
int ExperienceMonths(const PreparedProfile& profile, absl::string_view unit, absl::CivilDay today);

Score ScoreMatch(const PreparedVacancy& vacancy, const PreparedProfile& profile,
                 const FilterFacts& facts, const Weights& weights, absl::CivilDay today,
                 bool with_explanation);

// The filters then the score of one pair: the brute-force reference the index must agree with.
struct PairOutcome {
  std::optional<Exclusion> exclusion;  // set when excluded
  Score score;                         // when not excluded
};
PairOutcome EvaluatePair(const PreparedVacancy& vacancy, const PreparedProfile& profile,
                         const Weights& weights, const MatchQuery& query, bool with_explanation);

}  // namespace sisl::matching

#endif  // SISL_SERVICES_MATCHING_DOMAIN_SCORING_H_
