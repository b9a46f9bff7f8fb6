#ifndef SISL_BOOKING_BOOKING_MODULE_H_
#define SISL_BOOKING_BOOKING_MODULE_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/booking/api/appointment_manager.h"
#include "services/booking/api/appointments_service.h"
#include "services/booking/api/availability_index.h"
#include "services/booking/api/availability_service.h"
#include "services/booking/api/calendar_manager.h"
#include "services/booking/api/calendars_service.h"
#include "services/booking/api/catalogue_service.h"
#include "services/booking/api/office_directory.h"
#include "services/booking/api/offices_service.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/auth/person_id.h"
#include "services/platform/bus/event_bus.h"
#include "services/platform/cache/cache.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"
#include "services/platform/grpc/server_host.h"
#include "services/platform/outbox/relay.h"

namespace sisl::booking {

// Everything the booking service needs from its process: the three ports, a clock and the
// internal-token verifier. The same module runs alone (sisl-booking) or inside the all-in-one.
struct BookingDeps {
  platform::db::Database& db;
  platform::bus::EventBus& bus;
  platform::cache::Cache& cache;
  const platform::Clock& clock;
  const platform::auth::TokenCodec& tokens;
  const platform::auth::PersonIdHasher& person_ids;
  // Embedded and development mode: give every site demo calendars at first start.
  bool seed_demo_calendars = false;
};

class BookingModule final {
 public:
  // Fails when the Europe/Rome time zone cannot be loaded (tzdata missing).
  static absl::StatusOr<std::unique_ptr<BookingModule>> Create(BookingDeps deps);

  // Applies migrations and seeds reference data (idempotent; safe with several replicas).
  absl::Status Initialize();
  // Loads the availability index, subscribes it to booking events, and registers the gRPC
  // services, readiness checks and the outbox relay with `host`.
  absl::Status Register(platform::ServerHost& host);

  platform::outbox::Relay& relay() { return relay_; }
  AvailabilityIndex& availability() { return index_; }

 private:
  BookingModule(BookingDeps deps, absl::TimeZone zone);

  BookingDeps deps_;
  absl::TimeZone zone_;
  platform::outbox::Relay relay_;
  OfficeDirectory directory_;
  OfficesServiceImpl offices_service_;
  CatalogueServiceImpl catalogue_service_;
  CalendarManager calendars_;
  CalendarsServiceImpl calendars_service_;
  AppointmentManager appointments_;
  AppointmentsServiceImpl appointments_service_;
  AvailabilityIndex index_;
  AvailabilityServiceImpl availability_service_;
  std::unique_ptr<platform::bus::Subscription> availability_events_;
};

}  // namespace sisl::booking

#endif  // SISL_BOOKING_BOOKING_MODULE_H_
