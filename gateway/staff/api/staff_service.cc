#include "gateway/staff/api/staff_service.h"

#include <string>
#include <utility>

#include "gateway/staff/api/grpc_errors.h"
#include "gateway/staff/api/staff_mapping.h"
#include "services/platform/grpc/server_host.h"
#include "services/platform/log.h"

namespace sisl::gateway::staff {

grpc::Status StaffDirectoryServiceImpl::ListStaffMembers(grpc::ServerContext* context,
                                                         const v1::ListStaffMembersRequest* request,
                                                         v1::ListStaffMembersResponse* response) {
  platform::log::ScopedCorrelationId cid(platform::CorrelationIdOf(*context));
  auto caller = tokens_.FromContext(*context);
  if (!caller.ok()) return Fail(caller.status());
  auto role = RoleFilterFromProto(request->role());
  if (!role.ok()) return Fail(role.status());
  ListStaffQuery query{request->page_size(),
                       request->page_token(),
                       {*role, request->cpi_code(), request->show_inactive()}};
  auto page = directory_.List(*caller, query);
  if (!page.ok()) return Fail(page.status());
  for (const StaffMember& m : page->members) *response->add_staff_members() = ToProto(m);
  response->set_next_page_token(page->next_page_token);
  return grpc::Status::OK;
}

grpc::Status StaffDirectoryServiceImpl::GetStaffMember(grpc::ServerContext* context,
                                                       const v1::GetStaffMemberRequest* request,
                                                       v1::GetStaffMemberResponse* response) {
  platform::log::ScopedCorrelationId cid(platform::CorrelationIdOf(*context));
  auto caller = tokens_.FromContext(*context);
  if (!caller.ok()) return Fail(caller.status());
  auto member = directory_.Get(*caller, request->id());
  if (!member.ok()) return Fail(member.status());
  *response->mutable_staff_member() = ToProto(*member);
  return grpc::Status::OK;
}

grpc::Status StaffDirectoryServiceImpl::CreateStaffMember(
    grpc::ServerContext* context, const v1::CreateStaffMemberRequest* request,
    v1::CreateStaffMemberResponse* response) {
  const std::string correlation_id = platform::CorrelationIdOf(*context);
  platform::log::ScopedCorrelationId cid(correlation_id);
  auto caller = tokens_.FromContext(*context);
  if (!caller.ok()) return Fail(caller.status());
  auto member = NewMemberFromProto(request->staff_member());
  if (!member.ok()) return Fail(member.status());
  auto created =
      directory_.Create(*caller, *std::move(member), request->request_id(), correlation_id);
  if (!created.ok()) return Fail(created.status());
  *response->mutable_staff_member() = ToProto(*created);
  return grpc::Status::OK;
}

grpc::Status StaffDirectoryServiceImpl::UpdateStaffMember(
    grpc::ServerContext* context, const v1::UpdateStaffMemberRequest* request,
    v1::UpdateStaffMemberResponse* response) {
  const std::string correlation_id = platform::CorrelationIdOf(*context);
  platform::log::ScopedCorrelationId cid(correlation_id);
  auto caller = tokens_.FromContext(*context);
  if (!caller.ok()) return Fail(caller.status());
  auto patch = PatchFromProto(*request);
  if (!patch.ok()) return Fail(patch.status());
  auto updated = directory_.Update(*caller, request->id(), *patch, request->expected_version(),
                                   correlation_id);
  if (!updated.ok()) return Fail(updated.status());
  *response->mutable_staff_member() = ToProto(*updated);
  return grpc::Status::OK;
}

grpc::Status StaffDirectoryServiceImpl::DeleteStaffMember(
    grpc::ServerContext* context, const v1::DeleteStaffMemberRequest* request,
    v1::DeleteStaffMemberResponse* response) {
  const std::string correlation_id = platform::CorrelationIdOf(*context);
  platform::log::ScopedCorrelationId cid(correlation_id);
  auto caller = tokens_.FromContext(*context);
  if (!caller.ok()) return Fail(caller.status());
  auto disabled =
      directory_.Disable(*caller, request->id(), request->expected_version(), correlation_id);
  if (!disabled.ok()) return Fail(disabled.status());
  *response->mutable_staff_member() = ToProto(*disabled);
  return grpc::Status::OK;
}

grpc::Status StaffDirectoryServiceImpl::LookupStaffRoles(grpc::ServerContext* context,
                                                         const v1::LookupStaffRolesRequest* request,
                                                         v1::LookupStaffRolesResponse* response) {
  platform::log::ScopedCorrelationId cid(platform::CorrelationIdOf(*context));
  auto caller = tokens_.FromContext(*context);
  if (!caller.ok()) return Fail(caller.status());
  if (absl::Status st = RequireGateway(*caller); !st.ok()) return Fail(st);
  auto found = directory_.LookupRoles(request->fiscal_code());
  if (!found.ok()) return Fail(found.status());
  response->set_staff_member_id(found->staff_id);
  response->set_display_name(found->display_name);
  for (const RoleAssignment& r : found->roles) *response->add_roles() = ToProto(r);
  return grpc::Status::OK;
}

}  // namespace sisl::gateway::staff
