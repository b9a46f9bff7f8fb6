#ifndef SISL_ENTERPRISE_ENTERPRISE_MODULE_H_
#define SISL_ENTERPRISE_ENTERPRISE_MODULE_H_

#include <memory>

#include "services/enterprise/api/companies_service.h"
#include "services/enterprise/api/delegations_service.h"
#include "services/enterprise/api/l68_returns_service.h"
#include "services/enterprise/api/service_requests_service.h"
#include "services/enterprise/api/vacancies_service.h"
#include "services/enterprise/app/companies.h"
#include "services/enterprise/app/delegations.h"
#include "services/enterprise/app/vacancies.h"
#include "services/enterprise/app/vacancy_search_index.h"
#include "services/platform/grpc/call.h"
#include "services/platform/module.h"
#include "services/platform/outbox/dispatcher.h"
#include "services/platform/periodic_task.h"

namespace sisl::enterprise {

// The enterprise service as the kit hosts it, alone (sisl-enterprise) or in the all-in-one:
// companies, delegations, vacancies, service requests and L.68/99 returns. Its own key:
// enterprise.schedule_interval (how often the job publishes approved vacancies whose day came
// and expires vacancies and delegations).
platform::ModuleSpec EnterpriseModuleSpec();

class EnterpriseModule final : public platform::Module {
 public:
  // Fails when the Europe/Rome time zone cannot be loaded (tzdata missing).
  static absl::StatusOr<std::unique_ptr<EnterpriseModule>> Create(
      const platform::ModuleContext& context);

  absl::Status Initialize() override;
  // Loads the vacancy search index and subscribes it to the service's vacancy events, registers
  // the gRPC services and starts the schedule.
  absl::Status Register(platform::ServerHost& host) override;

  CompanyRegistry& companies() { return companies_; }
  DelegationManager& delegations() { return delegations_; }
  VacancyManager& vacancies() { return vacancies_; }
  VacancySearchIndex& vacancy_search_index() { return search_index_; }
  // One run of the schedule (publication, expiry); true when there may be more to do.
  bool RunScheduleOnce();

 private:
  explicit EnterpriseModule(const platform::ModuleContext& context);

  platform::ModuleContext context_;
  Deps deps_;
  platform::CallHandler calls_;
  CompanyRegistry companies_;
  DelegationManager delegations_;
  VacancySearchIndex search_index_;
  platform::events::EventDispatcher search_events_;
  std::unique_ptr<platform::bus::Subscription> search_subscription_;
  // Vacancies filled by matching's hires close (inbox: once each).
  platform::events::EventDispatcher matching_events_;
  std::unique_ptr<platform::bus::Subscription> matching_subscription_;
  VacancyManager vacancies_;
  L68ReturnManager l68_returns_;
  ServiceRequestManager service_requests_;
  api::CompaniesServiceImpl companies_service_;
  api::DelegationsServiceImpl delegations_service_;
  api::VacanciesServiceImpl vacancies_service_;
  api::L68ReturnsServiceImpl l68_returns_service_;
  api::ServiceRequestsServiceImpl service_requests_service_;
  platform::PeriodicTask schedule_;
};

}  // namespace sisl::enterprise

#endif  // SISL_ENTERPRISE_ENTERPRISE_MODULE_H_
