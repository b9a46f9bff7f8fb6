// When messages go out and what makes each one unique:
// - reminders N calendar days before an appointment at 09:00 local time (Europe/Rome, given by
//   the caller), right across the changes of summer time;
// - idempotency keys, stable strings that name one message on one channel, so a redelivered
//   event or a second replica never sends it twice;
// - retries: a deterministic exponential backoff with a cap, and which failures are permanent
//   (SMTP reply codes, HTTP statuses of the SMS gateway and App IO).
#ifndef SISL_SERVICES_NOTIFICATIONS_DOMAIN_SCHEDULE_H_
#define SISL_SERVICES_NOTIFICATIONS_DOMAIN_SCHEDULE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "services/notifications/domain/types.h"

namespace sisl::notifications {

// Local time of day at which reminders are sent.
inline constexpr int kReminderHour = 9;

struct Reminder {
  int days_before = 0;
  absl::Time due;

  friend bool operator==(const Reminder&, const Reminder&) = default;
};

// The reminders of an appointment starting at `start`, for the service's reminder_days_before:
// `days_before` calendar days before the appointment's day (in `zone`) at 09:00 in `zone`.
// Left out: negative days, reminders due at or before `now`, and reminders due at or after the
// start (an early appointment on the same day). Sorted by due time, one per day.
std::vector<Reminder> ReminderSchedule(absl::Time start, absl::Span<const int32_t> days_before,
                                       absl::Time now, absl::TimeZone zone);

// Idempotency keys: one per message and channel, made of parts that never change for it. Ids
// are written with ':', '#' and '%' escaped, so no two different inputs give the same key.
//   "reminder:<appointment_id>:<days>d:<channel>"
std::string ReminderKey(absl::string_view appointment_id, int days_before, Channel channel);
//   "event:<event_id>:<type>:<channel>"
std::string EventMessageKey(absl::string_view event_id, MessageType type, Channel channel);
//   "appointment:<appointment_id>#<sequence>:<type>:<channel>" (booking's per-appointment
//   sequence, when the event id is not at hand)
std::string AppointmentMessageKey(absl::string_view appointment_id, int sequence, MessageType type,
                                  Channel channel);

// Retries after temporary failures: `initial` after the first failed attempt, doubling after
// each further one, never more than `max`; after `max_attempts` failed attempts the message is
// a dead letter, shown to operators.
struct RetryPolicy {
  absl::Duration initial = absl::Seconds(30);
  absl::Duration max = absl::Hours(1);
  int max_attempts = 12;
};

// The wait before the next attempt after `failed_attempts` (>= 1; less counts as 1) failures.
// No jitter: the same inputs always give the same delay.
absl::Duration RetryDelay(int failed_attempts, const RetryPolicy& policy = {});
// Whether a message that failed `failed_attempts` times stops being retried.
bool IsExhausted(int failed_attempts, const RetryPolicy& policy = {});

enum class FailureKind { kTemporary, kPermanent };

// SMTP reply codes (RFC 5321 §4.2.1): 5yz permanent; 4yz, and anything that is no reply at all
// (0 for a connection that failed, codes out of range), temporary.
FailureKind ClassifySmtpReply(int reply_code);
// HTTP statuses: 4xx permanent except 408 (timeout) and 429 (too many requests); 5xx, 408, 429
// and no status at all (0: no response) temporary.
FailureKind ClassifyHttpStatus(int status);
inline bool IsPermanentSmtpReply(int reply_code) {
  return ClassifySmtpReply(reply_code) == FailureKind::kPermanent;
}
inline bool IsPermanentHttpStatus(int status) {
  return ClassifyHttpStatus(status) == FailureKind::kPermanent;
}

}  // namespace sisl::notifications

#endif  // SISL_SERVICES_NOTIFICATIONS_DOMAIN_SCHEDULE_H_
