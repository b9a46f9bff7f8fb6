#include "services/enterprise/enterprise_module.h"

#include "services/enterprise/events/matching_consumer.h"
#include "services/enterprise/events/vacancy_projection.h"
#include "services/platform/db/migrations.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/log.h"
#include "services/platform/metrics.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise {
namespace embedded_migrations {
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_migrations

namespace {
constexpr int kScheduleBatch = 200;
// The search index compares itself with the store this often (a cheap query on the published
// vacancies' index) and reloads on a difference, and reloads anyway every so often.
constexpr absl::Duration kSearchIndexCheck = absl::Seconds(2);
constexpr absl::Duration kSearchIndexReload = absl::Minutes(10);
}  // namespace

platform::ModuleSpec EnterpriseModuleSpec() {
  return {
      .name = "enterprise",
      .config_keys =
          [](bool) {
            return std::vector<platform::ConfigKey>{
                {"enterprise.schedule_interval",
                 platform::ConfigKey::Type::kDuration,
                 "10m",
                 false,
                 {},
                 "how often approved vacancies are published on their day and vacancies and "
                 "delegations past their last day are closed"}};
          },
      .create = [](const platform::ModuleContext& context)
          -> absl::StatusOr<std::unique_ptr<platform::Module>> {
        ASSIGN_OR_RETURN(auto module, EnterpriseModule::Create(context));
        return std::unique_ptr<platform::Module>(std::move(module));
      },
  };
}

absl::StatusOr<std::unique_ptr<EnterpriseModule>> EnterpriseModule::Create(
    const platform::ModuleContext& context) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Europe/Rome", &zone)) {
    return platform::Error(absl::StatusCode::kFailedPrecondition, "TIME_ZONE_MISSING",
                           "cannot load the Europe/Rome time zone; install tzdata");
  }
  if (context.config.GetDuration("enterprise.schedule_interval") < absl::Seconds(1)) {
    return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
                           "enterprise.schedule_interval: must be at least 1s");
  }
  return std::unique_ptr<EnterpriseModule>(new EnterpriseModule(context));
}

EnterpriseModule::EnterpriseModule(const platform::ModuleContext& context)
    : context_(context),
      deps_{context.db, context.committer, context.clock, context.person_ids},
      calls_(context.tokens, platform::ErrorDomainOf("enterprise")),
      companies_(deps_),
      delegations_(deps_),
      search_index_(context.db),
      // Each process keeps its own index: no inbox, a consumer group per process (Register).
      search_events_("enterprise-vacancy-search", nullptr, context.clock),
      matching_events_("enterprise-matching", &context.db, context.clock),
      vacancies_(deps_),
      l68_returns_(deps_),
      service_requests_(deps_),
      companies_service_(companies_, calls_),
      delegations_service_(delegations_, calls_),
      vacancies_service_(vacancies_, calls_),
      l68_returns_service_(l68_returns_, calls_),
      service_requests_service_(service_requests_, calls_),
      schedule_("enterprise-schedule", context.config.GetDuration("enterprise.schedule_interval"),
                [this] { return RunScheduleOnce(); }) {
  events::ProjectVacancySearch(search_events_, search_index_);
  events::ConsumeMatching(matching_events_, vacancies_, context.clock, "sisl-enterprise");
}

absl::Status EnterpriseModule::Initialize() {
  RETURN_IF_ERROR(platform::db::ApplyMigrations(
      context_.db, "platform", platform::db::PlatformMigrations(), context_.clock));
  return platform::db::ApplyMigrations(context_.db, "enterprise", embedded_migrations::Files(),
                                       context_.clock);
}

bool EnterpriseModule::RunScheduleOnce() {
  absl::StatusOr<int> vacancies = vacancies_.RunSchedule(kScheduleBatch);
  absl::StatusOr<int> delegations = delegations_.ExpireOverdue(kScheduleBatch);
  if (!vacancies.ok() || !delegations.ok()) {
    platform::log::Warn(
        "enterprise schedule failed",
        {{"error", (!vacancies.ok() ? vacancies.status() : delegations.status()).ToString()}});
    return false;
  }
  return *vacancies + *delegations >= kScheduleBatch;
}

absl::Status EnterpriseModule::Register(platform::ServerHost& host) {
  // As booking's availability: subscribe first, in a group of this process's own that starts
  // at the newest events, then load; the reconciler repairs what fell between the two.
  ASSIGN_OR_RETURN(
      search_subscription_,
      search_events_.Subscribe(context_.bus, /*start_at_end=*/true, platform::NewUuidV7()));
  RETURN_IF_ERROR(search_index_.Load());
  vacancies_.AttachSearchIndex(&search_index_);
  ASSIGN_OR_RETURN(matching_subscription_, matching_events_.Subscribe(context_.bus));
  search_index_.StartReconciling(kSearchIndexCheck, kSearchIndexReload);
  platform::MetricsRegistry::Global().SetGauge(
      "sisl_vacancy_index_size", "Published vacancies in the public search index",
      [this] { return static_cast<double>(search_index_.size()); });
  platform::MetricsRegistry::Global().SetGauge(
      "sisl_vacancy_index_bytes", "Estimated memory of the public search index",
      [this] { return static_cast<double>(search_index_.MemoryBytes()); });
  host.AddService(&companies_service_, v1::CompaniesService::service_full_name());
  host.AddService(&delegations_service_, v1::DelegationsService::service_full_name());
  host.AddService(&vacancies_service_, v1::VacanciesService::service_full_name());
  host.AddService(&l68_returns_service_, v1::L68ReturnsService::service_full_name());
  host.AddService(&service_requests_service_, v1::ServiceRequestsService::service_full_name());
  schedule_.Start();
  host.OnShutdown([this] {
    schedule_.Stop();
    if (search_subscription_) search_subscription_->Stop();
    if (matching_subscription_) matching_subscription_->Stop();
    search_index_.StopReconciling();
  });
  return absl::OkStatus();
}

}  // namespace sisl::enterprise
