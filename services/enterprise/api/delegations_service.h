#ifndef SISL_ENTERPRISE_API_DELEGATIONS_SERVICE_H_
#define SISL_ENTERPRISE_API_DELEGATIONS_SERVICE_H_

#include "services/enterprise/app/delegations.h"
#include "services/platform/grpc/call.h"
#include "sisl/enterprise/v1/delegations.grpc.pb.h"

namespace sisl::enterprise::api {

// gRPC handlers of sisl.enterprise.v1.DelegationsService.
class DelegationsServiceImpl final : public v1::DelegationsService::Service {
 public:
  DelegationsServiceImpl(DelegationManager& delegations, const platform::CallHandler& calls)
      : delegations_(delegations), calls_(calls) {}

  grpc::Status RecordLegalRepresentative(grpc::ServerContext* context,
                                         const v1::RecordLegalRepresentativeRequest* request,
                                         v1::RecordLegalRepresentativeResponse* response) override;
  grpc::Status GrantDelegation(grpc::ServerContext* context,
                               const v1::GrantDelegationRequest* request,
                               v1::GrantDelegationResponse* response) override;
  grpc::Status AcceptDelegation(grpc::ServerContext* context,
                                const v1::AcceptDelegationRequest* request,
                                v1::AcceptDelegationResponse* response) override;
  grpc::Status RevokeDelegation(grpc::ServerContext* context,
                                const v1::RevokeDelegationRequest* request,
                                v1::RevokeDelegationResponse* response) override;
  grpc::Status ListCompanyDelegations(grpc::ServerContext* context,
                                      const v1::ListCompanyDelegationsRequest* request,
                                      v1::ListCompanyDelegationsResponse* response) override;
  grpc::Status ListMyDelegations(grpc::ServerContext* context,
                                 const v1::ListMyDelegationsRequest* request,
                                 v1::ListMyDelegationsResponse* response) override;
  grpc::Status ListMyCompanyRoles(grpc::ServerContext* context,
                                  const v1::ListMyCompanyRolesRequest* request,
                                  v1::ListMyCompanyRolesResponse* response) override;

 private:
  DelegationManager& delegations_;
  const platform::CallHandler& calls_;
};

}  // namespace sisl::enterprise::api

#endif  // SISL_ENTERPRISE_API_DELEGATIONS_SERVICE_H_
