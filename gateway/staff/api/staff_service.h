#ifndef SISL_GATEWAY_STAFF_API_STAFF_SERVICE_H_
#define SISL_GATEWAY_STAFF_API_STAFF_SERVICE_H_

#include "gateway/staff/api/staff_directory.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/grpc/call.h"
#include "sisl/gateway/v1/staff.grpc.pb.h"

namespace sisl::gateway::staff {

// gRPC handlers of sisl.gateway.v1.StaffDirectoryService: proto in, StaffDirectory, proto out,
// inside the platform's CallHandler (correlation id, verified token, absl::Status -> gRPC status
// in the "gateway.sisl.regione.piemonte.it" error domain). Administrators only, except
// LookupStaffRoles: only the gateway (internal token subject "gateway", role admin). Reads carry
// an access_reason and are audited (StaffDirectory::List, Get).
class StaffDirectoryServiceImpl final : public v1::StaffDirectoryService::Service {
 public:
  StaffDirectoryServiceImpl(StaffDirectory& directory, const platform::auth::TokenVerifier& tokens);

  grpc::Status ListStaffMembers(grpc::ServerContext* context,
                                const v1::ListStaffMembersRequest* request,
                                v1::ListStaffMembersResponse* response) override;
  grpc::Status GetStaffMember(grpc::ServerContext* context,
                              const v1::GetStaffMemberRequest* request,
                              v1::GetStaffMemberResponse* response) override;
  grpc::Status CreateStaffMember(grpc::ServerContext* context,
                                 const v1::CreateStaffMemberRequest* request,
                                 v1::CreateStaffMemberResponse* response) override;
  grpc::Status UpdateStaffMember(grpc::ServerContext* context,
                                 const v1::UpdateStaffMemberRequest* request,
                                 v1::UpdateStaffMemberResponse* response) override;
  grpc::Status DeleteStaffMember(grpc::ServerContext* context,
                                 const v1::DeleteStaffMemberRequest* request,
                                 v1::DeleteStaffMemberResponse* response) override;
  grpc::Status LookupStaffRoles(grpc::ServerContext* context,
                                const v1::LookupStaffRolesRequest* request,
                                v1::LookupStaffRolesResponse* response) override;

 private:
  StaffDirectory& directory_;
  const platform::CallHandler calls_;
};

}  // namespace sisl::gateway::staff

#endif  // SISL_GATEWAY_STAFF_API_STAFF_SERVICE_H_
