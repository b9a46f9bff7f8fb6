#include "services/matching/matching_module.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "services/matching/events/consumers.h"
#include "services/platform/db/migrations.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/log.h"
#include "services/platform/metrics.h"
#include "services/platform/status_macros.h"

namespace sisl::matching {
namespace embedded_migrations {
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_migrations

namespace {

constexpr int kScheduleBatch = 200;
constexpr char kSource[] = "sisl-matching";

// "default.distance=20, CPI-TO-15.profession=40" -> WeightsByCpi (defaults when empty).
absl::StatusOr<WeightsByCpi> ParseWeights(const std::string& text) {
  std::map<std::string, std::string> entries;
  for (absl::string_view item : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(item, absl::MaxSplits('=', 1));
    entries[std::string(absl::StripAsciiWhitespace(kv.first))] =
        std::string(absl::StripAsciiWhitespace(kv.second));
  }
  return WeightsByCpi::Parse(entries);
}

}  // namespace

platform::ModuleSpec MatchingModuleSpec() {
  return {
      .name = "matching",
      .config_keys =
          [](bool) {
            using T = platform::ConfigKey::Type;
            return std::vector<platform::ConfigKey>{
                {"matching.area_radius_km",
                 T::kInt,
                 "50",
                 false,
                 {},
                 "how far from a vacancy's workplace candidates may live (enterprise's vacancies "
                 "name no area)"},
                {"matching.expiry_warning_days",
                 T::kInt,
                 "30",
                 false,
                 {},
                 "days before a validated profile expires that the person is warned"},
                {"matching.schedule_interval",
                 T::kDuration,
                 "1m",
                 false,
                 {},
                 "how often unanswered proposals lapse and expiring profiles are warned"},
                {"matching.weights",
                 T::kString,
                 "",
                 false,
                 {},
                 "score weights: 'default.<criterion>=N, <CPI code>.<criterion>=N' (see "
                 "docs/matching.md); the defaults add up to 100"}};
          },
      .create = [](const platform::ModuleContext& context)
          -> absl::StatusOr<std::unique_ptr<platform::Module>> {
        ASSIGN_OR_RETURN(auto module, MatchingModule::Create(context));
        return std::unique_ptr<platform::Module>(std::move(module));
      },
  };
}

absl::StatusOr<std::unique_ptr<MatchingModule>> MatchingModule::Create(
    const platform::ModuleContext& context) {
  Settings settings;
  settings.default_area_radius_km =
      static_cast<int>(context.config.GetInt("matching.area_radius_km"));
  settings.expiry_warning_days =
      static_cast<int>(context.config.GetInt("matching.expiry_warning_days"));
  if (settings.default_area_radius_km < 1 || settings.default_area_radius_km > 500) {
    return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
                           "matching.area_radius_km: between 1 and 500");
  }
  if (settings.expiry_warning_days < 1 || settings.expiry_warning_days > 180) {
    return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
                           "matching.expiry_warning_days: between 1 and 180");
  }
  absl::StatusOr<WeightsByCpi> weights = ParseWeights(context.config.GetString("matching.weights"));
  if (!weights.ok()) {
    return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
                           absl::StrCat("matching.weights: ", weights.status().message()));
  }
  return std::unique_ptr<MatchingModule>(
      new MatchingModule(context, settings, *std::move(weights)));
}

MatchingModule::MatchingModule(const platform::ModuleContext& context, Settings settings,
                               WeightsByCpi weights)
    : context_(context),
      settings_(settings),
      index_(std::move(weights)),
      deps_{context.db, context.committer, context.clock, context.person_ids, index_, settings_},
      calls_(context.tokens, platform::ErrorDomainOf("matching")),
      profiles_(deps_),
      matcher_(deps_),
      proposals_(deps_),
      vacancy_events_("matching-vacancies", &context.db, context.clock),
      communication_events_("matching-communications", &context.db, context.clock),
      // Each process keeps its own index: no inbox, a consumer group per process (Register).
      index_events_("matching-index", nullptr, context.clock),
      schedule_("matching-schedule", context.config.GetDuration("matching.schedule_interval"),
                [this] { return RunScheduleOnce(); }),
      profiles_service_(profiles_, calls_),
      matching_service_(matcher_, calls_),
      proposals_service_(proposals_, calls_),
      professions_service_(calls_) {
  events::ConsumeVacancies(vacancy_events_, deps_);
  events::ConsumeCommunications(communication_events_, deps_, kSource);
  events::ProjectIndex(index_events_, deps_);
}

absl::Status MatchingModule::Initialize() {
  RETURN_IF_ERROR(platform::db::ApplyMigrations(
      context_.db, "platform", platform::db::PlatformMigrations(), context_.clock));
  return platform::db::ApplyMigrations(context_.db, "matching", embedded_migrations::Files(),
                                       context_.clock);
}

bool MatchingModule::RunScheduleOnce() {
  absl::StatusOr<int> lapsed = proposals_.LapseDue(kScheduleBatch);
  absl::StatusOr<int> expiry = profiles_.RunExpiry(kScheduleBatch);
  if (!lapsed.ok() || !expiry.ok()) {
    platform::log::Warn("matching schedule failed",
                        {{"error", (!lapsed.ok() ? lapsed.status() : expiry.status()).ToString()}});
    return false;
  }
  return *lapsed + *expiry >= kScheduleBatch;
}

absl::Status MatchingModule::Register(platform::ServerHost& host) {
  // The index: subscribe first (a group of this process's own, from the newest events), then
  // load; what falls between is applied twice, which changes nothing.
  ASSIGN_OR_RETURN(index_subscription_, index_events_.Subscribe(context_.bus, /*start_at_end=*/true,
                                                                platform::NewUuidV7()));
  ASSIGN_OR_RETURN(size_t loaded, events::LoadIndex(deps_));
  platform::log::Info("matching index loaded", {{"rows", std::to_string(loaded)}});
  ASSIGN_OR_RETURN(vacancy_subscription_, vacancy_events_.Subscribe(context_.bus));
  ASSIGN_OR_RETURN(communication_subscription_, communication_events_.Subscribe(context_.bus));
  platform::MetricsRegistry::Global().SetGauge(
      "sisl_matching_index_profiles", "Candidate profiles in this process's matching index",
      [this] { return static_cast<double>(index_.profile_count()); });
  platform::MetricsRegistry::Global().SetGauge(
      "sisl_matching_index_vacancies", "Vacancies in this process's matching index",
      [this] { return static_cast<double>(index_.vacancy_count()); });
  host.AddService(&profiles_service_, v1::ProfilesService::service_full_name());
  host.AddService(&matching_service_, v1::MatchingService::service_full_name());
  host.AddService(&proposals_service_, v1::ProposalsService::service_full_name());
  host.AddService(&professions_service_, v1::ProfessionsService::service_full_name());
  schedule_.Start();
  host.OnShutdown([this] {
    schedule_.Stop();
    if (index_subscription_) index_subscription_->Stop();
    if (vacancy_subscription_) vacancy_subscription_->Stop();
    if (communication_subscription_) communication_subscription_->Stop();
  });
  return absl::OkStatus();
}

}  // namespace sisl::matching
