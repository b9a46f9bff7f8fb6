#include "services/notifications/app/delivery.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/notifications/app/values_json.h"
#include "services/notifications/channels/mime.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"
#include "services/platform/metrics.h"
#include "services/platform/status_macros.h"

namespace sisl::notifications {
namespace {

using platform::db::Transaction;

// Confirmations and moves carry the appointment's .ics (by e-mail).
bool AttachesCalendar(MessageType type) {
  return type == MessageType::kAppointmentConfirmation || type == MessageType::kAppointmentMoved;
}

absl::Status NoContact(absl::string_view what) {
  return platform::Error(absl::StatusCode::kFailedPrecondition, "NO_CONTACT",
                         absl::StrCat("the citizen left no ", what));
}

absl::Status NotConfigured(Channel channel) {
  return platform::Error(absl::StatusCode::kFailedPrecondition, "CHANNEL_NOT_CONFIGURED",
                         absl::StrCat("channel ", ChannelName(channel), " is not configured"));
}

// Where to reach the citizen: the appointment's contact from booking, else their preferences.
absl::StatusOr<AppointmentContact> ContactFor(const Deps& deps, const store::OutgoingMessage& m) {
  if (!m.appointment_id.empty()) {
    return deps.contacts.ForAppointment(m.appointment_id,
                                        absl::StrCat("notification ", MessageTypeName(m.type)),
                                        m.channel == Channel::kEmail && AttachesCalendar(m.type));
  }
  std::optional<store::Preferences> preferences;
  RETURN_IF_ERROR(platform::db::InTransaction(deps.db, [&](Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(preferences, store::PreferenceStore::Get(tx, m.person_id));
    return absl::OkStatus();
  }));
  if (!preferences.has_value()) return NoContact("contact data");
  return AppointmentContact{preferences->email, preferences->mobile, "", ""};
}

void Count(const store::OutgoingMessage& m, const absl::Status& outcome, absl::Time now) {
  platform::MetricsRegistry& metrics = platform::MetricsRegistry::Global();
  const std::string channel(ChannelName(m.channel));
  if (outcome.ok()) {
    metrics
        .GetCounter("sisl_notifications_sent_total", "Messages handed to their channel",
                    {{"channel", channel}})
        .Increment();
    metrics
        .GetHistogram("sisl_notifications_delivery_seconds",
                      "From a message enqueued to its channel's acceptance")
        .Observe(absl::ToDoubleSeconds(now - m.created_at));
    return;
  }
  metrics
      .GetCounter(
          "sisl_notifications_failed_total", "Failed attempts to send a message",
          {{"channel", channel}, {"kind", IsTemporary(outcome) ? "temporary" : "permanent"}})
      .Increment();
}

}  // namespace

std::string FailureText(const absl::Status& status) {
  const std::string reason = platform::ErrorReason(status);
  return absl::StrCat(absl::StatusCodeToString(status.code()), reason.empty() ? "" : " ", reason);
}

bool IsTemporary(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kAborted:
      return true;
    default:
      return false;
  }
}

absl::StatusOr<int> Delivery::RunReminders(int limit) {
  int taken = 0;
  const absl::Time now = deps_.clock.Now();
  RETURN_IF_ERROR(platform::db::InTransaction(deps_.db, [&](Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(
        std::vector<store::ReminderJob> jobs,
        store::ReminderJobs::ClaimDue(tx, now, deps_.settings.owner, deps_.settings.lease, limit));
    for (const store::ReminderJob& job : jobs) {
      store::OutgoingMessage m;
      m.idempotency_key = job.reminder_key;
      m.person_id = job.person_id;
      m.type = MessageType::kAppointmentReminder;
      m.channel = job.channel;
      m.language = job.language;
      m.values_json = job.values_json;
      m.appointment_id = job.appointment_id;
      m.created_at = now;
      RETURN_IF_ERROR(store::MessageLedger::Enqueue(tx, m).status());
      RETURN_IF_ERROR(
          store::ReminderJobs::MarkDone(tx, job.reminder_key, deps_.settings.owner, now));
    }
    taken = static_cast<int>(jobs.size());
    return absl::OkStatus();
  }));
  platform::MetricsRegistry::Global()
      .GetCounter("sisl_notifications_reminders_total", "Reminder jobs that became messages")
      .Increment(taken);
  return taken;
}

absl::Status Delivery::Attempt(const store::OutgoingMessage& m) {
  ASSIGN_OR_RETURN(MessageValues values, ValuesFromJson(m.values_json));
  ASSIGN_OR_RETURN(RenderedMessage rendered, deps_.catalogue.Render(m.type, m.language, values));
  ASSIGN_OR_RETURN(AppointmentContact contact, ContactFor(deps_, m));
  switch (m.channel) {
    case Channel::kEmail: {
      if (deps_.channels.email == nullptr) return NotConfigured(m.channel);
      if (contact.email.empty()) return NoContact("e-mail address");
      Email email = EmailFromRendered(rendered, Mailbox{contact.email, ""}, m.idempotency_key);
      if (AttachesCalendar(m.type) && !contact.ics.empty()) {
        email.attachment = CalendarAttachment(std::move(contact.ics));
      }
      return deps_.channels.email->Send(email).status();
    }
    case Channel::kSms:
      if (deps_.channels.sms == nullptr) return NotConfigured(m.channel);
      if (contact.mobile.empty()) return NoContact("mobile number");
      return deps_.channels.sms->Send({contact.mobile, rendered.sms, m.idempotency_key}).status();
    case Channel::kAppIo:
      if (deps_.channels.app_io == nullptr) return NotConfigured(m.channel);
      if (contact.fiscal_code.empty()) return NoContact("fiscal code");
      return deps_.channels.app_io
          ->Send({contact.fiscal_code, rendered.subject, rendered.markdown, m.idempotency_key})
          .status();
  }
  return NotConfigured(m.channel);
}

absl::StatusOr<int> Delivery::SendDue(int limit) {
  std::vector<store::OutgoingMessage> due;
  const std::string& owner = deps_.settings.owner;
  RETURN_IF_ERROR(platform::db::InTransaction(deps_.db, [&](Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(due, store::MessageLedger::ClaimDue(tx, deps_.clock.Now(), owner,
                                                         deps_.settings.lease, limit));
    return absl::OkStatus();
  }));
  for (const store::OutgoingMessage& m : due) {
    const absl::Status outcome = Attempt(m);
    absl::Status recorded = platform::db::InTransaction(deps_.db, [&](Transaction& tx) {
      if (outcome.ok())
        return store::MessageLedger::MarkSent(tx, m.idempotency_key, owner, deps_.clock.Now());
      return store::MessageLedger::MarkFailed(tx, m.idempotency_key, owner, IsTemporary(outcome),
                                              FailureText(outcome), deps_.clock.Now(),
                                              deps_.settings.retry)
          .status();
    });
    Count(m, outcome, deps_.clock.Now());
    if (!outcome.ok()) {
      platform::log::Warn("notification not sent",
                          {{"type", std::string(MessageTypeName(m.type))},
                           {"channel", std::string(ChannelName(m.channel))},
                           {"attempts", std::to_string(m.attempts + 1)},
                           {"error", FailureText(outcome)}});
    }
    if (!recorded.ok()) {
      // The lease ran out meanwhile (a slow channel): another replica may send it again.
      platform::log::Warn(
          "notification outcome not recorded",
          {{"type", std::string(MessageTypeName(m.type))}, {"error", FailureText(recorded)}});
    }
  }
  return static_cast<int>(due.size());
}

}  // namespace sisl::notifications
