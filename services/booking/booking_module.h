#ifndef SISL_BOOKING_BOOKING_MODULE_H_
#define SISL_BOOKING_BOOKING_MODULE_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/booking/api/appointments_service.h"
#include "services/booking/api/availability_service.h"
#include "services/booking/api/calendars_service.h"
#include "services/booking/api/catalogue_service.h"
#include "services/booking/api/offices_service.h"
#include "services/booking/app/appointment_manager.h"
#include "services/booking/app/availability_index.h"
#include "services/booking/app/calendar_manager.h"
#include "services/booking/app/office_directory.h"
#include "services/booking/app/retention_job.h"
#include "services/platform/grpc/call.h"
#include "services/platform/module.h"
#include "services/platform/outbox/dispatcher.h"

namespace sisl::booking {

// The booking service as the kit hosts it, alone (sisl-booking) or in the all-in-one. Its own
// keys: booking.seed_demo_calendars (on by default in the all-in-one) and booking.retention.*
// (the retention job; docs/privacy.md).
platform::ModuleSpec BookingModuleSpec();

// booking.retention.* as a policy; INVALID_CONFIG on a negative or absurd period.
absl::StatusOr<RetentionPolicy> RetentionPolicyFromConfig(const platform::Config& config);

class BookingModule final : public platform::Module {
 public:
  // Fails when the Europe/Rome time zone cannot be loaded (tzdata missing).
  static absl::StatusOr<std::unique_ptr<BookingModule>> Create(
      const platform::ModuleContext& context);

  // Migrations and reference data (idempotent; safe with several replicas), demo calendars
  // when configured.
  absl::Status Initialize() override;
  // Loads the availability index, subscribes it to booking events, registers the gRPC services.
  absl::Status Register(platform::ServerHost& host) override;

  AvailabilityIndex& availability() { return index_; }
  AppointmentManager& appointments() { return appointments_; }
  CalendarManager& calendars() { return calendars_; }
  RetentionJob& retention() { return retention_; }

 private:
  BookingModule(const platform::ModuleContext& context, absl::TimeZone zone,
                RetentionPolicy retention);

  platform::ModuleContext context_;
  absl::TimeZone zone_;
  platform::CallHandler calls_;
  OfficeDirectory directory_;
  OfficesServiceImpl offices_service_;
  CatalogueServiceImpl catalogue_service_;
  CalendarManager calendars_;
  CalendarsServiceImpl calendars_service_;
  AppointmentManager appointments_;
  AppointmentsServiceImpl appointments_service_;
  AvailabilityIndex index_;
  AvailabilityServiceImpl availability_service_;
  platform::events::EventDispatcher availability_events_;
  std::unique_ptr<platform::bus::Subscription> availability_subscription_;
  RetentionJob retention_;
};

}  // namespace sisl::booking

#endif  // SISL_BOOKING_BOOKING_MODULE_H_
