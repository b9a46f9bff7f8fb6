#include "services/booking/booking_module.h"

#include "absl/strings/str_cat.h"
#include "services/booking/events/availability_updater.h"
#include "services/booking/seeding.h"
#include "services/booking/store/catalogue_store.h"
#include "services/booking/store/office_store.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/metrics.h"
#include "services/platform/status_macros.h"

namespace sisl::booking {

platform::ModuleSpec BookingModuleSpec() {
  return {
      .name = "booking",
      .config_keys =
          [](bool embedded) {
            return std::vector<platform::ConfigKey>{
                {"booking.seed_demo_calendars",
                 platform::ConfigKey::Type::kBool,
                 embedded ? "true" : "false",
                 false,
                 {},
                 "give every site demo calendars at first start (development only)"},
                // Retention (docs/privacy.md): days; 0 keeps the data for ever.
                {"booking.retention.appointment_days",
                 platform::ConfigKey::Type::kInt,
                 "1826",
                 false,
                 {},
                 "delete appointments this many days after their day (5 years)"},
                {"booking.retention.audit_days",
                 platform::ConfigKey::Type::kInt,
                 "1826",
                 false,
                 {},
                 "delete audit records this many days after they were written (5 years)"},
                {"booking.retention.outbox_sent_days",
                 platform::ConfigKey::Type::kInt,
                 "7",
                 false,
                 {},
                 "delete published outbox rows after this many days (at most 7)"},
                {"booking.retention.interval",
                 platform::ConfigKey::Type::kDuration,
                 "1h",
                 false,
                 {},
                 "how often the retention job runs"},
                {"booking.video_meeting_url",
                 platform::ConfigKey::Type::kString,
                 "",
                 false,
                 {},
                 "the meeting room of a video call: https://... with {appointment_id} (empty: "
                 "no link is given; the operator sends one)"}};
          },
      .create = [](const platform::ModuleContext& context)
          -> absl::StatusOr<std::unique_ptr<platform::Module>> {
        ASSIGN_OR_RETURN(auto module, BookingModule::Create(context));
        return std::unique_ptr<platform::Module>(std::move(module));
      },
  };
}

absl::StatusOr<std::unique_ptr<BookingModule>> BookingModule::Create(
    const platform::ModuleContext& context) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Europe/Rome", &zone)) {
    return platform::Error(absl::StatusCode::kFailedPrecondition, "TIME_ZONE_MISSING",
                           "cannot load the Europe/Rome time zone; install tzdata");
  }
  ASSIGN_OR_RETURN(RetentionPolicy retention, RetentionPolicyFromConfig(context.config));
  RETURN_IF_ERROR(ValidateVideoMeetingUrl(context.config.GetString("booking.video_meeting_url")));
  return std::unique_ptr<BookingModule>(new BookingModule(context, zone, retention));
}

absl::StatusOr<RetentionPolicy> RetentionPolicyFromConfig(const platform::Config& config) {
  RetentionPolicy policy;
  const std::pair<const char*, absl::Duration*> days[] = {
      {"booking.retention.appointment_days", &policy.appointments},
      {"booking.retention.audit_days", &policy.audit},
      {"booking.retention.outbox_sent_days", &policy.outbox_sent}};
  for (const auto& [key, period] : days) {
    const int64_t n = config.GetInt(key);
    if (n < 0 || n > 36500) {
      return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
                             absl::StrCat(key, ": must be 0 (keep) to 36500 days"));
    }
    *period = absl::Hours(24 * n);
  }
  policy.interval = config.GetDuration("booking.retention.interval");
  if (policy.interval < absl::Seconds(1)) {
    return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
                           "booking.retention.interval: must be at least 1s");
  }
  return policy;
}

BookingModule::BookingModule(const platform::ModuleContext& context, absl::TimeZone zone,
                             RetentionPolicy retention)
    : context_(context),
      zone_(zone),
      calls_(context.tokens, platform::ErrorDomainOf("booking")),
      directory_(context.committer, context.cache),
      offices_service_(directory_, calls_),
      catalogue_service_(context.db, calls_),
      calendars_(context.committer, zone),
      calendars_service_(calendars_, calls_),
      appointments_(context.committer, zone, context.person_ids,
                    context.config.GetString("booking.video_meeting_url")),
      appointments_service_(appointments_, calls_),
      index_(context.db, context.clock),
      availability_service_(index_, context.clock, zone, calls_),
      // Each process keeps its own index: no inbox, a consumer group per process (below).
      availability_events_("booking-availability", nullptr, context.clock),
      retention_(context.db, context.clock, retention) {
  ProjectAvailability(availability_events_, index_);
}

absl::Status BookingModule::Initialize() {
  RETURN_IF_ERROR(MigrateBookingStore(context_.db, context_.clock));
  RETURN_IF_ERROR(SeedReferenceData(context_.db, context_.clock));
  if (context_.config.GetBool("booking.seed_demo_calendars")) {
    RETURN_IF_ERROR(SeedDemoCalendars(context_.db, calendars_, context_.clock, zone_));
  }
  return absl::OkStatus();
}

absl::Status BookingModule::Register(platform::ServerHost& host) {
  // Subscribe before loading, in a group of this process's own that starts at the newest
  // events: the load brings the state, events bring the news, and a periodic reload reconciles
  // anything published while the group was being assigned.
  ASSIGN_OR_RETURN(
      availability_subscription_,
      availability_events_.Subscribe(context_.bus, /*start_at_end=*/true, platform::NewUuidV7()));
  RETURN_IF_ERROR(index_.Load());
  index_.StartReconciling(absl::Minutes(1));
  ASSIGN_OR_RETURN(auto services, CatalogueStore(context_.db).List(false));
  ASSIGN_OR_RETURN(auto offices, OfficeStore(context_.db).List({}, "", 1000));
  std::vector<SiteRef> sites;
  for (const Office& o : offices) sites.push_back({o.site_code, o.province, o.municipality});
  availability_service_.SetReferenceData(std::move(services), std::move(sites));

  host.AddService(&offices_service_, v1::OfficesService::service_full_name());
  host.AddService(&catalogue_service_, v1::CatalogueService::service_full_name());
  host.AddService(&calendars_service_, v1::CalendarsService::service_full_name());
  host.AddService(&availability_service_, v1::AvailabilityService::service_full_name());
  host.AddService(&appointments_service_, v1::AppointmentsService::service_full_name());
  platform::MetricsRegistry::Global().SetGauge(
      "sisl_availability_slots", "Slots in the availability index",
      [this] { return static_cast<double>(index_.size()); });
  retention_.Start();
  host.OnShutdown([this] {
    if (availability_subscription_) availability_subscription_->Stop();
    index_.StopReconciling();
    retention_.Stop();
  });
  return absl::OkStatus();
}

}  // namespace sisl::booking
