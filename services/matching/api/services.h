// gRPC handlers of sisl.matching.v1: ProfilesService, MatchingService, ProposalsService (one
// CallHandler line each; mapping in mapping.h).
#ifndef SISL_SERVICES_MATCHING_API_SERVICES_H_
#define SISL_SERVICES_MATCHING_API_SERVICES_H_

#include "services/matching/app/matcher.h"
#include "services/matching/app/profiles.h"
#include "services/matching/app/proposals.h"
#include "services/platform/grpc/call.h"
#include "sisl/matching/v1/matching.grpc.pb.h"
#include "sisl/matching/v1/professions.grpc.pb.h"
#include "sisl/matching/v1/profiles.grpc.pb.h"
#include "sisl/matching/v1/proposals.grpc.pb.h"

namespace sisl::matching::api {

namespace v1 = ::sisl::matching::v1;

class ProfilesServiceImpl final : public v1::ProfilesService::Service {
 public:
  ProfilesServiceImpl(Profiles& profiles, const platform::CallHandler& calls)
      : profiles_(profiles), calls_(calls) {}

  grpc::Status GetMyProfile(grpc::ServerContext* context, const v1::GetMyProfileRequest* r,
                            v1::GetMyProfileResponse* out) override;
  grpc::Status UpdateMyProfile(grpc::ServerContext* context, const v1::UpdateMyProfileRequest* r,
                               v1::UpdateMyProfileResponse* out) override;
  grpc::Status GetProfile(grpc::ServerContext* context, const v1::GetProfileRequest* r,
                          v1::GetProfileResponse* out) override;
  grpc::Status LookupProfile(grpc::ServerContext* context, const v1::LookupProfileRequest* r,
                             v1::LookupProfileResponse* out) override;
  grpc::Status UpdateProfile(grpc::ServerContext* context, const v1::UpdateProfileRequest* r,
                             v1::UpdateProfileResponse* out) override;
  grpc::Status ValidateProfile(grpc::ServerContext* context, const v1::ValidateProfileRequest* r,
                               v1::ValidateProfileResponse* out) override;
  grpc::Status ListProfiles(grpc::ServerContext* context, const v1::ListProfilesRequest* r,
                            v1::ListProfilesResponse* out) override;

 private:
  Profiles& profiles_;
  const platform::CallHandler& calls_;
};

class MatchingServiceImpl final : public v1::MatchingService::Service {
 public:
  MatchingServiceImpl(Matcher& matcher, const platform::CallHandler& calls)
      : matcher_(matcher), calls_(calls) {}

  grpc::Status MatchCandidates(grpc::ServerContext* context, const v1::MatchCandidatesRequest* r,
                               v1::MatchCandidatesResponse* out) override;
  grpc::Status ExplainCandidate(grpc::ServerContext* context, const v1::ExplainCandidateRequest* r,
                                v1::ExplainCandidateResponse* out) override;
  grpc::Status MatchMyVacancies(grpc::ServerContext* context, const v1::MatchMyVacanciesRequest* r,
                                v1::MatchMyVacanciesResponse* out) override;

 private:
  Matcher& matcher_;
  const platform::CallHandler& calls_;
};

class ProposalsServiceImpl final : public v1::ProposalsService::Service {
 public:
  ProposalsServiceImpl(Proposals& proposals, const platform::CallHandler& calls)
      : proposals_(proposals), calls_(calls) {}

  grpc::Status ShortlistCandidate(grpc::ServerContext* context,
                                  const v1::ShortlistCandidateRequest* r,
                                  v1::ShortlistCandidateResponse* out) override;
  grpc::Status ListVacancyProposals(grpc::ServerContext* context,
                                    const v1::ListVacancyProposalsRequest* r,
                                    v1::ListVacancyProposalsResponse* out) override;
  grpc::Status TransitionProposal(grpc::ServerContext* context,
                                  const v1::TransitionProposalRequest* r,
                                  v1::TransitionProposalResponse* out) override;
  grpc::Status GetProposal(grpc::ServerContext* context, const v1::GetProposalRequest* r,
                           v1::GetProposalResponse* out) override;
  grpc::Status ListMyProposals(grpc::ServerContext* context, const v1::ListMyProposalsRequest* r,
                               v1::ListMyProposalsResponse* out) override;
  grpc::Status ListCompanyCandidates(grpc::ServerContext* context,
                                     const v1::ListCompanyCandidatesRequest* r,
                                     v1::ListCompanyCandidatesResponse* out) override;

 private:
  Proposals& proposals_;
  const platform::CallHandler& calls_;
};

// The CP2011 picker's search (public: the classification is open data).
class ProfessionsServiceImpl final : public v1::ProfessionsService::Service {
 public:
  explicit ProfessionsServiceImpl(const platform::CallHandler& calls) : calls_(calls) {}

  grpc::Status SearchProfessions(grpc::ServerContext* context,
                                 const v1::SearchProfessionsRequest* r,
                                 v1::SearchProfessionsResponse* out) override;

 private:
  const platform::CallHandler& calls_;
};

}  // namespace sisl::matching::api

#endif  // SISL_SERVICES_MATCHING_API_SERVICES_H_
