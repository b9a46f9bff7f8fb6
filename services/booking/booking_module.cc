#include "services/booking/booking_module.h"

#include "absl/strings/str_cat.h"
#include "services/booking/events/availability_updater.h"
#include "services/booking/events/office_events.h"
#include "services/booking/seeding.h"
#include "services/booking/store/catalogue_store.h"
#include "services/booking/store/office_store.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/metrics.h"

namespace sisl::booking {
absl::StatusOr<std::unique_ptr<BookingModule>> BookingModule::Create(BookingDeps deps) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Europe/Rome", &zone)) {
    return platform::Error(absl::StatusCode::kFailedPrecondition, "TIME_ZONE_MISSING",
                           "cannot load the Europe/Rome time zone; install tzdata");
  }
  return std::unique_ptr<BookingModule>(new BookingModule(deps, zone));
}

BookingModule::BookingModule(BookingDeps deps, absl::TimeZone zone)
    : deps_(deps),
      zone_(zone),
      relay_(deps.db, deps.bus, deps.clock),
      directory_(deps.db, deps.cache, deps.clock, [this] { relay_.Notify(); }),
      offices_service_(directory_, deps.tokens),
      catalogue_service_(deps.db),
      calendars_(deps.db, deps.clock, zone, [this] { relay_.Notify(); }),
      calendars_service_(calendars_, deps.tokens),
      appointments_(deps.db, deps.clock, zone, deps.person_ids, [this] { relay_.Notify(); }),
      appointments_service_(appointments_, deps.tokens),
      index_(deps.db, deps.clock),
      availability_service_(index_, deps.clock, zone) {}

absl::Status BookingModule::Initialize() {
  if (auto st = MigrateBookingStore(deps_.db, deps_.clock); !st.ok()) return st;
  if (auto st = SeedReferenceData(deps_.db, deps_.clock); !st.ok()) return st;
  if (deps_.seed_demo_calendars) {
    if (auto st = SeedDemoCalendars(deps_.db, calendars_, deps_.clock, zone_); !st.ok()) {
      return st;
    }
  }
  return absl::OkStatus();
}

absl::Status BookingModule::Register(platform::ServerHost& host) {
  absl::Status topics =
      deps_.bus.EnsureTopics({kOfficesTopic, kCalendarsTopic, kAppointmentsTopic});
  if (!topics.ok()) return topics;
  // Subscribe before loading. Each process keeps its own index, hence its own consumer group,
  // which starts at the newest events: the load brings the state, events bring the news, and a
  // periodic reload reconciles anything published while the group was being assigned.
  auto sub = deps_.bus.Subscribe(
      {.group = absl::StrCat("booking-availability-", platform::NewUuidV7()),
       .topics = {kCalendarsTopic, kAppointmentsTopic},
       .start_at_end = true},
      [this](const platform::bus::Message& m) { return ApplyAvailabilityEvent(index_, m); });
  if (!sub.ok()) return sub.status();
  availability_events_ = *std::move(sub);
  if (absl::Status st = index_.Load(); !st.ok()) return st;
  index_.StartReconciling(absl::Minutes(1));
  auto services = CatalogueStore(deps_.db).List(false);
  if (!services.ok()) return services.status();
  auto offices = OfficeStore(deps_.db).List({}, "", 1000);
  if (!offices.ok()) return offices.status();
  std::vector<SiteRef> sites;
  for (const Office& o : *offices) sites.push_back({o.site_code, o.province, o.municipality});
  availability_service_.SetReferenceData(*std::move(services), std::move(sites));

  host.AddService(&offices_service_, v1::OfficesService::service_full_name());
  host.AddService(&catalogue_service_, v1::CatalogueService::service_full_name());
  host.AddService(&calendars_service_, v1::CalendarsService::service_full_name());
  host.AddService(&availability_service_, v1::AvailabilityService::service_full_name());
  host.AddService(&appointments_service_, v1::AppointmentsService::service_full_name());
  host.AddReadinessCheck("booking-db", [this] { return deps_.db.Ping(); });
  platform::MetricsRegistry::Global().SetGauge(
      "sisl_outbox_backlog", "Outbox rows not yet published (booking)", [this] {
        auto n = relay_.Backlog();
        return n.ok() ? static_cast<double>(*n) : -1.0;
      });
  platform::MetricsRegistry::Global().SetGauge(
      "sisl_availability_slots", "Slots in the availability index",
      [this] { return static_cast<double>(index_.size()); });
  relay_.Start();
  host.OnShutdown([this] {
    if (availability_events_) availability_events_->Stop();
    index_.StopReconciling();
    relay_.Stop();
  });
  return absl::OkStatus();
}

}  // namespace sisl::booking
