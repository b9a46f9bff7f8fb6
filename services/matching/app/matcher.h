// Matching runs (issue 13 point 3) over this process's index: candidates for a vacancy and why
// a person is not among them (operators of the vacancy's CPI), vacancies for the caller's own
// validated profile (a citizen).
#ifndef SISL_SERVICES_MATCHING_APP_MATCHER_H_
#define SISL_SERVICES_MATCHING_APP_MATCHER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/matching/app/access.h"
#include "services/matching/app/deps.h"
#include "services/matching/store/matching_store.h"

namespace sisl::matching {

struct CandidateRow {
  MatchResult result;
  std::string given_name;  // "" for anonymous profiles
  std::string family_name;
  std::string domicile_istat_code;
  std::string proposal_id;  // the person's proposal for the vacancy, if any
};

struct VacancyRow {
  MatchResult result;
  store::ReplicatedVacancy vacancy;
};

class Matcher final {
 public:
  explicit Matcher(const Deps& deps) : deps_(deps) {}

  absl::StatusOr<std::vector<CandidateRow>> Candidates(const Caller& caller,
                                                       const std::string& vacancy_id, int limit);
  absl::StatusOr<WhyNot> Explain(const Caller& caller, const std::string& vacancy_id,
                                 const std::string& person_id);
  absl::StatusOr<std::vector<VacancyRow>> MyVacancies(const Caller& caller, int limit);

 private:
  // The replicated vacancy, for an operator of its CPI: VACANCY_NOT_FOUND, OTHER_CPI.
  absl::StatusOr<store::ReplicatedVacancy> StaffVacancy(platform::db::Transaction& tx,
                                                        const Caller& caller,
                                                        const std::string& vacancy_id);
  const Deps deps_;
};

}  // namespace sisl::matching

#endif  // SISL_SERVICES_MATCHING_APP_MATCHER_H_
