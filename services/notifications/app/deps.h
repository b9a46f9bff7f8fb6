// What every use case of the notifications service works with: the store, the templates, the
// channels that send, and where contact data comes from.
#ifndef SISL_SERVICES_NOTIFICATIONS_APP_DEPS_H_
#define SISL_SERVICES_NOTIFICATIONS_APP_DEPS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/notifications/channels/app_io.h"
#include "services/notifications/channels/sms_gateway.h"
#include "services/notifications/channels/smtp_mailer.h"
#include "services/notifications/domain/catalogue.h"
#include "services/notifications/domain/schedule.h"
#include "services/platform/auth/person_id.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"

namespace sisl::notifications {

// An appointment's citizen as booking tells it (AppointmentsService.GetAppointmentContact).
// Personal data: held only while one message is sent, never stored nor logged.
struct AppointmentContact {
  std::string email;
  std::string mobile;
  std::string fiscal_code;
  std::string ics;
};

// The port to the service that owns an appointment's contact data (booking over gRPC).
class ContactSource {
 public:
  virtual ~ContactSource() = default;
  // NOT_FOUND when booking has no such appointment; UNAVAILABLE when it cannot be asked now.
  // `with_ics`: also the appointment's calendar file (confirmations and moves attach it).
  virtual absl::StatusOr<AppointmentContact> ForAppointment(const std::string& appointment_id,
                                                            const std::string& reason,
                                                            bool with_ics) = 0;
};

struct Settings {
  // The citizen's area, linked from every message.
  std::string portal_url = "http://127.0.0.1:8080/";
  // The ledger's retry rules after temporary failures.
  RetryPolicy retry;
  // How long a replica holds the messages and reminders it took before another may take them.
  absl::Duration lease = absl::Seconds(60);
  // Messages taken per round of the sender.
  int batch = 50;
  // This replica's name in the leases.
  std::string owner;
};

// The channels (null: not configured, its messages fail as CHANNEL_NOT_CONFIGURED).
struct Channels {
  EmailChannel* email = nullptr;
  SmsChannel* sms = nullptr;
  AppIoChannel* app_io = nullptr;
};

struct Deps {
  platform::db::Database& db;
  const platform::Clock& clock;
  const platform::auth::PersonIdHasher& person_ids;
  const TemplateCatalogue& catalogue;
  Channels channels;
  ContactSource& contacts;
  const Settings& settings;
};

}  // namespace sisl::notifications

#endif  // SISL_SERVICES_NOTIFICATIONS_APP_DEPS_H_
