#ifndef SISL_ENTERPRISE_API_L68_RETURNS_SERVICE_H_
#define SISL_ENTERPRISE_API_L68_RETURNS_SERVICE_H_

#include "services/enterprise/app/l68_returns.h"
#include "services/platform/grpc/call.h"
#include "sisl/enterprise/v1/l68_returns.grpc.pb.h"

namespace sisl::enterprise::api {

// gRPC handlers of sisl.enterprise.v1.L68ReturnsService.
class L68ReturnsServiceImpl final : public v1::L68ReturnsService::Service {
 public:
  L68ReturnsServiceImpl(L68ReturnManager& returns, const platform::CallHandler& calls)
      : returns_(returns), calls_(calls) {}

  grpc::Status ComputeL68Return(grpc::ServerContext* context,
                                const v1::ComputeL68ReturnRequest* request,
                                v1::ComputeL68ReturnResponse* response) override;
  grpc::Status CreateL68Return(grpc::ServerContext* context,
                               const v1::CreateL68ReturnRequest* request,
                               v1::CreateL68ReturnResponse* response) override;
  grpc::Status UpdateL68Return(grpc::ServerContext* context,
                               const v1::UpdateL68ReturnRequest* request,
                               v1::UpdateL68ReturnResponse* response) override;
  grpc::Status SubmitL68Return(grpc::ServerContext* context,
                               const v1::SubmitL68ReturnRequest* request,
                               v1::SubmitL68ReturnResponse* response) override;
  grpc::Status RequestL68Correction(grpc::ServerContext* context,
                                    const v1::RequestL68CorrectionRequest* request,
                                    v1::RequestL68CorrectionResponse* response) override;
  grpc::Status CorrectL68Return(grpc::ServerContext* context,
                                const v1::CorrectL68ReturnRequest* request,
                                v1::CorrectL68ReturnResponse* response) override;
  grpc::Status CancelL68Return(grpc::ServerContext* context,
                               const v1::CancelL68ReturnRequest* request,
                               v1::CancelL68ReturnResponse* response) override;
  grpc::Status GetL68Return(grpc::ServerContext* context, const v1::GetL68ReturnRequest* request,
                            v1::GetL68ReturnResponse* response) override;
  grpc::Status ListL68Returns(grpc::ServerContext* context,
                              const v1::ListL68ReturnsRequest* request,
                              v1::ListL68ReturnsResponse* response) override;
  grpc::Status ExportL68ReturnXml(grpc::ServerContext* context,
                                  const v1::ExportL68ReturnXmlRequest* request,
                                  v1::ExportL68ReturnXmlResponse* response) override;
  grpc::Status ImportL68ReturnsXml(grpc::ServerContext* context,
                                   const v1::ImportL68ReturnsXmlRequest* request,
                                   v1::ImportL68ReturnsXmlResponse* response) override;

 private:
  L68ReturnManager& returns_;
  const platform::CallHandler& calls_;
};

}  // namespace sisl::enterprise::api

#endif  // SISL_ENTERPRISE_API_L68_RETURNS_SERVICE_H_
