#include "services/matching/api/mapping.h"
#include "services/matching/api/services.h"
#include "services/platform/status_macros.h"

namespace sisl::matching::api {

using platform::Call;

grpc::Status ProposalsServiceImpl::ShortlistCandidate(grpc::ServerContext* context,
                                                      const v1::ShortlistCandidateRequest* r,
                                                      v1::ShortlistCandidateResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(ProposalView v,
                     proposals_.Shortlist(call.caller, r->vacancy_id(), r->person_id(), r->note(),
                                          r->request_id()));
    *out->mutable_proposal() = ProposalToProto(v);
    return absl::OkStatus();
  });
}

grpc::Status ProposalsServiceImpl::ListVacancyProposals(grpc::ServerContext* context,
                                                        const v1::ListVacancyProposalsRequest* r,
                                                        v1::ListVacancyProposalsResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(ProposalPage page, proposals_.OfVacancy(call.caller, r->vacancy_id(),
                                                             r->page_size(), r->page_token()));
    for (const ProposalView& v : page.proposals) *out->add_proposals() = ProposalToProto(v);
    out->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status ProposalsServiceImpl::TransitionProposal(grpc::ServerContext* context,
                                                      const v1::TransitionProposalRequest* r,
                                                      v1::TransitionProposalResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(StepInput in, StepFromProto(*r));
    ASSIGN_OR_RETURN(ProposalView v,
                     proposals_.Transition(call.caller, r->proposal_id(), std::move(in)));
    *out->mutable_proposal() = ProposalToProto(v);
    return absl::OkStatus();
  });
}

grpc::Status ProposalsServiceImpl::GetProposal(grpc::ServerContext* context,
                                               const v1::GetProposalRequest* r,
                                               v1::GetProposalResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(ProposalView v, proposals_.Get(call.caller, r->proposal_id()));
    *out->mutable_proposal() = ProposalToProto(v);
    return absl::OkStatus();
  });
}

grpc::Status ProposalsServiceImpl::ListMyProposals(grpc::ServerContext* context,
                                                   const v1::ListMyProposalsRequest* r,
                                                   v1::ListMyProposalsResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(ProposalPage page,
                     proposals_.Mine(call.caller, r->page_size(), r->page_token()));
    for (const ProposalView& v : page.proposals) *out->add_proposals() = ProposalToProto(v);
    out->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status ProposalsServiceImpl::ListCompanyCandidates(grpc::ServerContext* context,
                                                         const v1::ListCompanyCandidatesRequest* r,
                                                         v1::ListCompanyCandidatesResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(ProposalPage page, proposals_.SentToCompany(call.caller, r->vacancy_id(),
                                                                 r->page_size(), r->page_token()));
    for (const ProposalView& v : page.proposals) {
      v1::SentCandidate* c = out->add_candidates();
      *c->mutable_proposal() = ProposalToProto(v);
      if (v.profile) *c->mutable_profile() = ContentToProto(*v.profile);
    }
    out->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

}  // namespace sisl::matching::api
