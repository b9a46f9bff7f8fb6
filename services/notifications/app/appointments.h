// What booking's appointment events become: the confirmation, change and cancellation notices
// on the citizen's channels, and the durable reminder jobs (scheduled, moved, cancelled). Runs
// inside the consumer's transaction, so the inbox, the messages and the jobs commit together.
#ifndef SISL_SERVICES_NOTIFICATIONS_APP_APPOINTMENTS_H_
#define SISL_SERVICES_NOTIFICATIONS_APP_APPOINTMENTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/notifications/app/deps.h"
#include "services/notifications/domain/types.h"
#include "services/platform/db/database.h"

namespace sisl::notifications {

// One appointment event, as the consumer reads it (no contact data: booking keeps that).
struct AppointmentNotice {
  enum class Change { kBooked, kMoved, kCancelled, kOther };
  Change change = Change::kOther;
  std::string appointment_id;
  // Moves: the appointment it replaces.
  std::string previous_appointment_id;
  std::string person_id;
  int sequence = 0;
  std::string service_name;
  std::string site_label;
  std::string site_address;
  absl::Time start;
  absl::Time end;
  std::string delivery;  // "in_person", "video_call", "phone"
  std::string video_link;
  std::vector<Channel> channels;  // the service's channels
  Language language = Language::kItalian;
  std::string cancelled_by;  // "citizen", "operator", "office_closure"
  bool send_confirmation = false;
  std::vector<int32_t> reminder_days_before;
};

class AppointmentIntake final {
 public:
  AppointmentIntake(const Deps& deps, absl::TimeZone zone) : deps_(deps), zone_(zone) {}

  // Enqueues the event's messages (once per appointment, sequence, type and channel: a
  // redelivered event enqueues nothing new) and keeps the appointment's reminder jobs in step.
  absl::Status Apply(platform::db::Transaction& tx, const AppointmentNotice& notice);

 private:
  const Deps& deps_;
  absl::TimeZone zone_;
};

}  // namespace sisl::notifications

#endif  // SISL_SERVICES_NOTIFICATIONS_APP_APPOINTMENTS_H_
