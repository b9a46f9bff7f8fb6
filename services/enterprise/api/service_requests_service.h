#ifndef SISL_ENTERPRISE_API_SERVICE_REQUESTS_SERVICE_H_
#define SISL_ENTERPRISE_API_SERVICE_REQUESTS_SERVICE_H_

#include "services/enterprise/app/service_requests.h"
#include "services/platform/grpc/call.h"
#include "sisl/enterprise/v1/service_requests.grpc.pb.h"

namespace sisl::enterprise::api {

// gRPC handlers of sisl.enterprise.v1.ServiceRequestsService.
class ServiceRequestsServiceImpl final : public v1::ServiceRequestsService::Service {
 public:
  ServiceRequestsServiceImpl(ServiceRequestManager& requests, const platform::CallHandler& calls)
      : requests_(requests), calls_(calls) {}

  grpc::Status CreateServiceRequest(grpc::ServerContext* context,
                                    const v1::CreateServiceRequestRequest* request,
                                    v1::CreateServiceRequestResponse* response) override;
  grpc::Status GetServiceRequest(grpc::ServerContext* context,
                                 const v1::GetServiceRequestRequest* request,
                                 v1::GetServiceRequestResponse* response) override;
  grpc::Status ListServiceRequests(grpc::ServerContext* context,
                                   const v1::ListServiceRequestsRequest* request,
                                   v1::ListServiceRequestsResponse* response) override;
  grpc::Status AddServiceRequestMessage(grpc::ServerContext* context,
                                        const v1::AddServiceRequestMessageRequest* request,
                                        v1::AddServiceRequestMessageResponse* response) override;
  grpc::Status TransitionServiceRequest(grpc::ServerContext* context,
                                        const v1::TransitionServiceRequestRequest* request,
                                        v1::TransitionServiceRequestResponse* response) override;

 private:
  ServiceRequestManager& requests_;
  const platform::CallHandler& calls_;
};

}  // namespace sisl::enterprise::api

#endif  // SISL_ENTERPRISE_API_SERVICE_REQUESTS_SERVICE_H_
