#ifndef SISL_ENTERPRISE_API_VACANCIES_SERVICE_H_
#define SISL_ENTERPRISE_API_VACANCIES_SERVICE_H_

#include "services/enterprise/app/vacancies.h"
#include "services/platform/grpc/call.h"
#include "sisl/enterprise/v1/vacancies.grpc.pb.h"

namespace sisl::enterprise::api {

// gRPC handlers of sisl.enterprise.v1.VacanciesService.
class VacanciesServiceImpl final : public v1::VacanciesService::Service {
 public:
  VacanciesServiceImpl(VacancyManager& vacancies, const platform::CallHandler& calls)
      : vacancies_(vacancies), calls_(calls) {}

  grpc::Status CreateVacancy(grpc::ServerContext* context, const v1::CreateVacancyRequest* request,
                             v1::CreateVacancyResponse* response) override;
  grpc::Status UpdateVacancy(grpc::ServerContext* context, const v1::UpdateVacancyRequest* request,
                             v1::UpdateVacancyResponse* response) override;
  grpc::Status GetVacancy(grpc::ServerContext* context, const v1::GetVacancyRequest* request,
                          v1::GetVacancyResponse* response) override;
  grpc::Status TransitionVacancy(grpc::ServerContext* context,
                                 const v1::TransitionVacancyRequest* request,
                                 v1::TransitionVacancyResponse* response) override;
  grpc::Status ListVacancies(grpc::ServerContext* context, const v1::ListVacanciesRequest* request,
                             v1::ListVacanciesResponse* response) override;
  grpc::Status SearchVacancies(grpc::ServerContext* context,
                               const v1::SearchVacanciesRequest* request,
                               v1::SearchVacanciesResponse* response) override;

 private:
  VacancyManager& vacancies_;
  const platform::CallHandler& calls_;
};

}  // namespace sisl::enterprise::api

#endif  // SISL_ENTERPRISE_API_VACANCIES_SERVICE_H_
