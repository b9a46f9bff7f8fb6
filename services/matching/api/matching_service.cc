#include "services/matching/api/mapping.h"
#include "services/matching/api/services.h"
#include "services/platform/status_macros.h"

namespace sisl::matching::api {

using platform::Call;

grpc::Status MatchingServiceImpl::MatchCandidates(grpc::ServerContext* context,
                                                  const v1::MatchCandidatesRequest* r,
                                                  v1::MatchCandidatesResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<CandidateRow> rows,
                     matcher_.Candidates(call.caller, r->vacancy_id(), r->page_size()));
    for (const CandidateRow& row : rows) {
      v1::CandidateMatch* c = out->add_candidates();
      c->set_person_id(row.result.person_id);
      c->set_given_name(row.given_name);
      c->set_family_name(row.family_name);
      c->set_domicile_municipality(row.domicile_istat_code);
      c->set_score(row.result.score);
      for (const Contribution& x : row.result.explanation) {
        *c->add_explanation() = ContributionToProto(x);
      }
      c->set_proposal_id(row.proposal_id);
    }
    out->set_total(static_cast<int>(rows.size()));
    return absl::OkStatus();
  });
}

grpc::Status MatchingServiceImpl::ExplainCandidate(grpc::ServerContext* context,
                                                   const v1::ExplainCandidateRequest* r,
                                                   v1::ExplainCandidateResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(WhyNot why, matcher_.Explain(call.caller, r->vacancy_id(), r->person_id()));
    out->set_matches(why.matches);
    if (why.exclusion) {
      out->set_excluded_by(std::string(FilterCodeName(why.exclusion->code)));
      out->set_exclusion_detail(why.exclusion->detail);
    }
    out->set_score(why.score);
    for (const Contribution& x : why.explanation) *out->add_explanation() = ContributionToProto(x);
    out->set_rank(static_cast<int>(why.rank));
    out->set_total(static_cast<int>(why.total));
    return absl::OkStatus();
  });
}

grpc::Status MatchingServiceImpl::MatchMyVacancies(grpc::ServerContext* context,
                                                   const v1::MatchMyVacanciesRequest* r,
                                                   v1::MatchMyVacanciesResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<VacancyRow> rows,
                     matcher_.MyVacancies(call.caller, r->page_size()));
    for (const VacancyRow& row : rows) {
      v1::VacancyMatch* v = out->add_vacancies();
      v->set_vacancy_id(row.vacancy.vacancy.id);
      v->set_title(row.vacancy.title);
      v->set_company_name(row.vacancy.company_name);
      v->set_profession_code(row.vacancy.vacancy.profession_code);
      v->set_workplace_municipality(row.vacancy.vacancy.workplace_istat_code);
      v->set_score(row.result.score);
      for (const Contribution& x : row.result.explanation) {
        *v->add_explanation() = ContributionToProto(x);
      }
    }
    return absl::OkStatus();
  });
}

}  // namespace sisl::matching::api
