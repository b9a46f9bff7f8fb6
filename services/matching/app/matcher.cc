#include "services/matching/app/matcher.h"

#include <algorithm>

#include "services/platform/clock.h"
#include "services/platform/errors.h"
#include "services/platform/paging.h"
#include "services/platform/status_macros.h"

namespace sisl::matching {

using platform::db::Transaction;

absl::StatusOr<store::ReplicatedVacancy> Matcher::StaffVacancy(Transaction& tx,
                                                               const Caller& caller,
                                                               const std::string& vacancy_id) {
  if (!IsStaff(caller)) RETURN_IF_ERROR(RequireStaffOf(caller, ""));
  ASSIGN_OR_RETURN(std::optional<store::ReplicatedVacancy> v,
                   store::VacancyReplica::Find(tx, vacancy_id));
  if (!v) {
    return platform::Error(absl::StatusCode::kNotFound, "VACANCY_NOT_FOUND",
                           "no published vacancy with this id");
  }
  RETURN_IF_ERROR(RequireStaffOf(caller, v->vacancy.cpi_code));
  return *std::move(v);
}

absl::StatusOr<std::vector<CandidateRow>> Matcher::Candidates(const Caller& caller,
                                                              const std::string& vacancy_id,
                                                              int limit) {
  ASSIGN_OR_RETURN(int size, platform::ResolvePageSize(limit, 50, deps_.settings.max_results));
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  RETURN_IF_ERROR(StaffVacancy(*tx, caller, vacancy_id).status());
  const MatchQuery query{platform::TodayInItaly(deps_.clock), /*operator_run=*/true,
                         static_cast<size_t>(size)};
  ASSIGN_OR_RETURN(std::vector<MatchResult> results, deps_.index.CandidatesFor(vacancy_id, query));
  std::vector<CandidateRow> out;
  out.reserve(results.size());
  for (MatchResult& r : results) {
    CandidateRow row;
    ASSIGN_OR_RETURN(std::optional<store::StoredProfile> p,
                     store::ProfileStore::Find(*tx, r.person_id));
    if (p) {
      row.given_name = p->given_name;
      row.family_name = p->family_name;
      row.domicile_istat_code = p->profile.domicile_istat_code;
    }
    ASSIGN_OR_RETURN(std::optional<Proposal> proposal,
                     store::ProposalStore::FindFor(*tx, vacancy_id, r.person_id));
    if (proposal) row.proposal_id = proposal->id;
    row.result = std::move(r);
    out.push_back(std::move(row));
  }
  return out;
}

absl::StatusOr<WhyNot> Matcher::Explain(const Caller& caller, const std::string& vacancy_id,
                                        const std::string& person_id) {
  {
    ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
    RETURN_IF_ERROR(StaffVacancy(*tx, caller, vacancy_id).status());
  }
  return deps_.index.Explain(
      vacancy_id, person_id,
      MatchQuery{platform::TodayInItaly(deps_.clock), /*operator_run=*/true, 0});
}

absl::StatusOr<std::vector<VacancyRow>> Matcher::MyVacancies(const Caller& caller, int limit) {
  RETURN_IF_ERROR(RequireCitizen(caller));
  ASSIGN_OR_RETURN(int size, platform::ResolvePageSize(limit, 20, deps_.settings.max_results));
  const MatchQuery query{platform::TodayInItaly(deps_.clock), /*operator_run=*/false,
                         static_cast<size_t>(size)};
  absl::StatusOr<std::vector<MatchResult>> results =
      deps_.index.VacanciesFor(caller.subject, query);
  if (absl::IsNotFound(results.status())) {
    return platform::Error(absl::StatusCode::kFailedPrecondition, "PROFILE_REQUIRED",
                           "save your profile and have it validated by your CPI first");
  }
  RETURN_IF_ERROR(results.status());
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  std::vector<VacancyRow> out;
  for (MatchResult& r : *results) {
    ASSIGN_OR_RETURN(std::optional<store::ReplicatedVacancy> v,
                     store::VacancyReplica::Find(*tx, r.vacancy_id));
    if (!v) continue;
    out.push_back({std::move(r), *std::move(v)});
  }
  return out;
}

}  // namespace sisl::matching
