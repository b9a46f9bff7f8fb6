#include "gateway/staff/api/staff_service.h"

#include <string>
#include <utility>

#include "gateway/staff/api/staff_mapping.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::staff {

using platform::Call;

StaffDirectoryServiceImpl::StaffDirectoryServiceImpl(StaffDirectory& directory,
                                                     const platform::auth::TokenVerifier& tokens)
    : directory_(directory), calls_(tokens, platform::ErrorDomainOf("gateway")) {}

grpc::Status StaffDirectoryServiceImpl::ListStaffMembers(grpc::ServerContext* context,
                                                         const v1::ListStaffMembersRequest* request,
                                                         v1::ListStaffMembersResponse* response) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<StaffRole> role, RoleFilterFromProto(request->role()));
    ListStaffQuery query{request->page_size(),
                         request->page_token(),
                         {role, request->cpi_code(), request->show_inactive()}};
    ASSIGN_OR_RETURN(StaffPage page, directory_.List(call.caller, query, request->access_reason(),
                                                     call.correlation_id));
    for (const StaffMember& m : page.members) *response->add_staff_members() = ToProto(m);
    response->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status StaffDirectoryServiceImpl::GetStaffMember(grpc::ServerContext* context,
                                                       const v1::GetStaffMemberRequest* request,
                                                       v1::GetStaffMemberResponse* response) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(
        StaffMember member,
        directory_.Get(call.caller, request->id(), request->access_reason(), call.correlation_id));
    *response->mutable_staff_member() = ToProto(member);
    return absl::OkStatus();
  });
}

grpc::Status StaffDirectoryServiceImpl::CreateStaffMember(
    grpc::ServerContext* context, const v1::CreateStaffMemberRequest* request,
    v1::CreateStaffMemberResponse* response) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(StaffMember member, NewMemberFromProto(request->staff_member()));
    ASSIGN_OR_RETURN(StaffMember created,
                     directory_.Create(call.caller, std::move(member), request->request_id(),
                                       call.correlation_id));
    *response->mutable_staff_member() = ToProto(created);
    return absl::OkStatus();
  });
}

grpc::Status StaffDirectoryServiceImpl::UpdateStaffMember(
    grpc::ServerContext* context, const v1::UpdateStaffMemberRequest* request,
    v1::UpdateStaffMemberResponse* response) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(StaffPatch patch, PatchFromProto(*request));
    ASSIGN_OR_RETURN(StaffMember updated,
                     directory_.Update(call.caller, request->id(), patch,
                                       request->expected_version(), call.correlation_id));
    *response->mutable_staff_member() = ToProto(updated);
    return absl::OkStatus();
  });
}

grpc::Status StaffDirectoryServiceImpl::DeleteStaffMember(
    grpc::ServerContext* context, const v1::DeleteStaffMemberRequest* request,
    v1::DeleteStaffMemberResponse* response) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(StaffMember disabled,
                     directory_.Disable(call.caller, request->id(), request->expected_version(),
                                        call.correlation_id));
    *response->mutable_staff_member() = ToProto(disabled);
    return absl::OkStatus();
  });
}

grpc::Status StaffDirectoryServiceImpl::LookupStaffRoles(grpc::ServerContext* context,
                                                         const v1::LookupStaffRolesRequest* request,
                                                         v1::LookupStaffRolesResponse* response) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    RETURN_IF_ERROR(RequireGateway(call.caller));
    ASSIGN_OR_RETURN(StaffRolesLookup found, directory_.LookupRoles(request->fiscal_code()));
    response->set_staff_member_id(found.staff_id);
    response->set_display_name(found.display_name);
    for (const RoleAssignment& r : found.roles) *response->add_roles() = ToProto(r);
    return absl::OkStatus();
  });
}

}  // namespace sisl::gateway::staff
