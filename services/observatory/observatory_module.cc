#include "services/observatory/observatory_module.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/platform/db/migrations.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::observatory {
namespace embedded_migrations {
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_migrations

namespace {

using T = platform::ConfigKey::Type;

std::vector<platform::ConfigKey> ConfigKeys() {
  return {
      {"observatory.suppression_threshold",
       T::kInt,
       "5",
       false,
       {},
       "public cells counting fewer people than this are suppressed (with their complements)"},
      {"observatory.generation",
       T::kString,
       "1",
       false,
       {},
       "names the consumer groups (observatory-<generation>-<stream>): a new generation on an "
       "empty database rebuilds every indicator by replaying the topics from the start"},
      {"observatory.batch", T::kInt, "500", false, {}, "events applied per transaction at most"},
      {"observatory.time_zone",
       T::kString,
       "Europe/Rome",
       false,
       {},
       "the zone of the months events fall in"},
  };
}

}  // namespace

platform::ModuleSpec ObservatoryModuleSpec() {
  return {
      .name = "observatory",
      .config_keys = [](bool) { return ConfigKeys(); },
      .create = [](const platform::ModuleContext& context)
          -> absl::StatusOr<std::unique_ptr<platform::Module>> {
        ASSIGN_OR_RETURN(auto module, ObservatoryModule::Create(context));
        return std::unique_ptr<platform::Module>(std::move(module));
      },
  };
}

absl::StatusOr<std::unique_ptr<ObservatoryModule>> ObservatoryModule::Create(
    const platform::ModuleContext& context) {
  absl::TimeZone zone;
  const std::string zone_name = context.config.GetString("observatory.time_zone");
  if (!absl::LoadTimeZone(zone_name, &zone)) {
    return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
                           absl::StrCat("observatory.time_zone: unknown zone ", zone_name));
  }
  if (context.config.GetInt("observatory.suppression_threshold") < 0 ||
      context.config.GetInt("observatory.batch") < 1) {
    return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
                           "observatory.suppression_threshold must be >= 0 and batch >= 1");
  }
  return std::unique_ptr<ObservatoryModule>(new ObservatoryModule(context, zone));
}

ObservatoryModule::ObservatoryModule(const platform::ModuleContext& context, absl::TimeZone zone)
    : context_(context),
      calls_(context.tokens, platform::ErrorDomainOf("observatory")),
      indicators_(context.db, context.clock, zone,
                  static_cast<int>(context.config.GetInt("observatory.suppression_threshold"))),
      open_data_(indicators_),
      consumers_(events::MakeConsumers(
          context.config.GetString("observatory.generation"), &context_.db, context.clock,
          static_cast<int>(context.config.GetInt("observatory.batch")), zone)),
      indicators_service_(indicators_, calls_),
      open_data_service_(indicators_, open_data_, calls_) {}

absl::Status ObservatoryModule::Initialize() {
  RETURN_IF_ERROR(platform::db::ApplyMigrations(
      context_.db, "platform", platform::db::PlatformMigrations(), context_.clock));
  return platform::db::ApplyMigrations(context_.db, "observatory", embedded_migrations::Files(),
                                       context_.clock);
}

absl::Status ObservatoryModule::Register(platform::ServerHost& host) {
  ASSIGN_OR_RETURN(subscriptions_, events::SubscribeAll(consumers_, context_.bus));
  host.AddService(&indicators_service_, api::v1::IndicatorsService::service_full_name());
  host.AddService(&open_data_service_, api::v1::OpenDataService::service_full_name());
  host.OnShutdown([this] {
    for (auto& s : subscriptions_) s->Stop();
  });
  return absl::OkStatus();
}

}  // namespace sisl::observatory
