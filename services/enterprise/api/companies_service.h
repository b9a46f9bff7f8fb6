#ifndef SISL_ENTERPRISE_API_COMPANIES_SERVICE_H_
#define SISL_ENTERPRISE_API_COMPANIES_SERVICE_H_

#include "services/enterprise/app/companies.h"
#include "services/platform/grpc/call.h"
#include "sisl/enterprise/v1/companies.grpc.pb.h"

namespace sisl::enterprise::api {

// gRPC handlers of sisl.enterprise.v1.CompaniesService.
class CompaniesServiceImpl final : public v1::CompaniesService::Service {
 public:
  CompaniesServiceImpl(CompanyRegistry& registry, const platform::CallHandler& calls)
      : registry_(registry), calls_(calls) {}

  grpc::Status RegisterCompany(grpc::ServerContext* context,
                               const v1::RegisterCompanyRequest* request,
                               v1::RegisterCompanyResponse* response) override;
  grpc::Status GetCompany(grpc::ServerContext* context, const v1::GetCompanyRequest* request,
                          v1::GetCompanyResponse* response) override;
  grpc::Status UpdateCompany(grpc::ServerContext* context, const v1::UpdateCompanyRequest* request,
                             v1::UpdateCompanyResponse* response) override;
  grpc::Status ListCompanies(grpc::ServerContext* context, const v1::ListCompaniesRequest* request,
                             v1::ListCompaniesResponse* response) override;
  grpc::Status ListCompanyVersions(grpc::ServerContext* context,
                                   const v1::ListCompanyVersionsRequest* request,
                                   v1::ListCompanyVersionsResponse* response) override;

 private:
  CompanyRegistry& registry_;
  const platform::CallHandler& calls_;
};

}  // namespace sisl::enterprise::api

#endif  // SISL_ENTERPRISE_API_COMPANIES_SERVICE_H_
