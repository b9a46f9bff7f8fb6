#include "services/matching/api/mapping.h"
#include "services/matching/api/services.h"
#include "services/platform/status_macros.h"

namespace sisl::matching::api {

using platform::Call;

grpc::Status ProfilesServiceImpl::GetMyProfile(grpc::ServerContext* context,
                                               const v1::GetMyProfileRequest*,
                                               v1::GetMyProfileResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(ProfileRecord p, profiles_.GetMine(call.caller));
    *out->mutable_profile() = ProfileToProto(p);
    return absl::OkStatus();
  });
}

grpc::Status ProfilesServiceImpl::UpdateMyProfile(grpc::ServerContext* context,
                                                  const v1::UpdateMyProfileRequest* r,
                                                  v1::UpdateMyProfileResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(CandidateProfile content, ContentFromProto(r->content()));
    ASSIGN_OR_RETURN(ProfileRecord p, profiles_.UpdateMine(call.caller, std::move(content),
                                                           r->given_name(), r->family_name()));
    *out->mutable_profile() = ProfileToProto(p);
    return absl::OkStatus();
  });
}

grpc::Status ProfilesServiceImpl::GetProfile(grpc::ServerContext* context,
                                             const v1::GetProfileRequest* r,
                                             v1::GetProfileResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(ProfileRecord p,
                     profiles_.Get(call.caller, r->person_id(), r->access_reason()));
    *out->mutable_profile() = ProfileToProto(p);
    return absl::OkStatus();
  });
}

grpc::Status ProfilesServiceImpl::LookupProfile(grpc::ServerContext* context,
                                                const v1::LookupProfileRequest* r,
                                                v1::LookupProfileResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(ProfileRecord p,
                     profiles_.Lookup(call.caller, r->fiscal_code(), r->access_reason()));
    *out->mutable_profile() = ProfileToProto(p);
    return absl::OkStatus();
  });
}

grpc::Status ProfilesServiceImpl::UpdateProfile(grpc::ServerContext* context,
                                                const v1::UpdateProfileRequest* r,
                                                v1::UpdateProfileResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(CandidateProfile content, ContentFromProto(r->content()));
    ASSIGN_OR_RETURN(ProfileRecord p, profiles_.Update(call.caller, r->person_id(),
                                                       std::move(content), r->access_reason()));
    *out->mutable_profile() = ProfileToProto(p);
    return absl::OkStatus();
  });
}

grpc::Status ProfilesServiceImpl::ValidateProfile(grpc::ServerContext* context,
                                                  const v1::ValidateProfileRequest* r,
                                                  v1::ValidateProfileResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(ProfileRecord p, profiles_.Validate(call.caller, r->person_id()));
    *out->mutable_profile() = ProfileToProto(p);
    return absl::OkStatus();
  });
}

grpc::Status ProfilesServiceImpl::ListProfiles(grpc::ServerContext* context,
                                               const v1::ListProfilesRequest* r,
                                               v1::ListProfilesResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<store::ProfileState> state, StateFromProto(r->state()));
    ASSIGN_OR_RETURN(ProfilePage page,
                     profiles_.List(call.caller, state, r->page_size(), r->page_token()));
    for (store::StoredProfile& p : page.profiles) {
      *out->add_profiles() = ProfileToProto({std::move(p), true});
    }
    out->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

}  // namespace sisl::matching::api
