#ifndef SISL_SERVICES_MATCHING_MATCHING_MODULE_H_
#define SISL_SERVICES_MATCHING_MATCHING_MODULE_H_

#include <memory>

#include "services/matching/api/services.h"
#include "services/matching/app/deps.h"
#include "services/matching/app/matcher.h"
#include "services/matching/app/profiles.h"
#include "services/matching/app/proposals.h"
#include "services/platform/grpc/call.h"
#include "services/platform/module.h"
#include "services/platform/outbox/dispatcher.h"
#include "services/platform/periodic_task.h"

namespace sisl::matching {

// The matching service as the kit hosts it, alone (sisl-matching) or in the all-in-one:
// candidate profiles, the replica of enterprise's vacancies, the in-memory index (loaded at start,
// kept current by events), matching runs, the proposals workflow and the loop closed by
// communications' hires; a schedule lapses unanswered proposals and warns of expiring profiles.
// Keys: matching.area_radius_km, .expiry_warning_days, .schedule_interval, .weights.
platform::ModuleSpec MatchingModuleSpec();

class MatchingModule final : public platform::Module {
 public:
  static absl::StatusOr<std::unique_ptr<MatchingModule>> Create(
      const platform::ModuleContext& context);

  absl::Status Initialize() override;
  absl::Status Register(platform::ServerHost& host) override;

  Profiles& profiles() { return profiles_; }
  Proposals& proposals() { return proposals_; }
  MatchingIndex& index() { return index_; }

 private:
  MatchingModule(const platform::ModuleContext& context, Settings settings, WeightsByCpi weights);
  bool RunScheduleOnce();

  platform::ModuleContext context_;
  Settings settings_;
  MatchingIndex index_;
  Deps deps_;
  platform::CallHandler calls_;
  Profiles profiles_;
  Matcher matcher_;
  Proposals proposals_;
  platform::events::EventDispatcher vacancy_events_;
  platform::events::EventDispatcher communication_events_;
  platform::events::EventDispatcher index_events_;
  std::unique_ptr<platform::bus::Subscription> vacancy_subscription_;
  std::unique_ptr<platform::bus::Subscription> communication_subscription_;
  std::unique_ptr<platform::bus::Subscription> index_subscription_;
  platform::PeriodicTask schedule_;
  api::ProfilesServiceImpl profiles_service_;
  api::MatchingServiceImpl matching_service_;
  api::ProposalsServiceImpl proposals_service_;
  api::ProfessionsServiceImpl professions_service_;
};

}  // namespace sisl::matching

#endif  // SISL_SERVICES_MATCHING_MATCHING_MODULE_H_
