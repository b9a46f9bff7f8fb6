#ifndef SISL_SERVICES_NOTIFICATIONS_NOTIFICATIONS_MODULE_H_
#define SISL_SERVICES_NOTIFICATIONS_NOTIFICATIONS_MODULE_H_

#include <memory>
#include <optional>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/notifications/api/services.h"
#include "services/notifications/app/appointments.h"
#include "services/notifications/app/citizens.h"
#include "services/notifications/app/delivery.h"
#include "services/notifications/app/person_notices.h"
#include "services/notifications/notifications_config.h"
#include "services/platform/grpc/call.h"
#include "services/platform/module.h"
#include "services/platform/outbox/dispatcher.h"
#include "services/platform/periodic_task.h"

namespace sisl::notifications {

// The notifications service as the kit hosts it, alone (sisl-notifications) or in the
// all-in-one: booking's appointment events become confirmations, change and cancellation
// notices and durable reminder jobs; a sender hands due messages to e-mail (SMTP), SMS (an HTTP
// gateway) and App IO, with the appointment's contact data asked from booking over gRPC.
// Keys: notifications.* (notifications_config.h).
platform::ModuleSpec NotificationsModuleSpec();

class NotificationsModule final : public platform::Module {
 public:
  static absl::StatusOr<std::unique_ptr<NotificationsModule>> Create(
      const platform::ModuleContext& context);
  ~NotificationsModule() override;

  absl::Status Initialize() override;
  absl::Status Register(platform::ServerHost& host) override;
  absl::Status Started(const platform::ServerHost& host) override;
  void Stopping() override;

  Delivery& delivery() { return delivery_; }

 private:
  NotificationsModule(const platform::ModuleContext& context, TemplateCatalogue catalogue,
                      ConfiguredChannels channels, Settings settings, absl::TimeZone zone);
  bool SendOnce();
  // The ledger's counts for the gauges, read at most once a second.
  absl::StatusOr<store::LedgerCounts> LedgerCountsNow() ABSL_LOCKS_EXCLUDED(counts_mu_);

  // The contact source is made once the gRPC port is known (Started); calls before it wait.
  class LateContacts;

  platform::ModuleContext context_;
  TemplateCatalogue catalogue_;
  ConfiguredChannels channels_;
  Settings settings_;
  std::unique_ptr<LateContacts> contacts_;
  Deps deps_;
  platform::CallHandler calls_;
  AppointmentIntake intake_;
  PersonNotices notices_;
  Delivery delivery_;
  Citizens citizens_;
  DeadLetters dead_letters_;
  platform::events::EventDispatcher appointment_events_;
  platform::events::EventDispatcher notice_events_;
  std::unique_ptr<platform::bus::Subscription> appointment_subscription_;
  std::unique_ptr<platform::bus::Subscription> notice_subscription_;
  platform::PeriodicTask sender_;
  api::PreferencesServiceImpl preferences_service_;
  api::DeliveryServiceImpl delivery_service_;
  absl::Mutex counts_mu_;
  std::optional<store::LedgerCounts> counts_ ABSL_GUARDED_BY(counts_mu_);
  absl::Time counts_at_ ABSL_GUARDED_BY(counts_mu_);
};

}  // namespace sisl::notifications

#endif  // SISL_SERVICES_NOTIFICATIONS_NOTIFICATIONS_MODULE_H_
