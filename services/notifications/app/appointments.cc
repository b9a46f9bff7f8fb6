#include "services/notifications/app/appointments.h"

#include <algorithm>
#include <optional>

#include "services/notifications/app/values_json.h"
#include "services/notifications/domain/message_values.h"
#include "services/notifications/domain/schedule.h"
#include "services/notifications/store/notifications_store.h"
#include "services/platform/status_macros.h"

namespace sisl::notifications {
namespace {

using platform::db::Transaction;

bool Configured(const Channels& channels, Channel c) {
  switch (c) {
    case Channel::kEmail:
      return channels.email != nullptr;
    case Channel::kSms:
      return channels.sms != nullptr;
    case Channel::kAppIo:
      return channels.app_io != nullptr;
  }
  return false;
}

// The service's channels that this deployment has (an SMS gateway or App IO key may not be
// configured), narrowed to the citizen's choice when they made one (in the citizen's order);
// when none of theirs is offered, all of those.
std::vector<Channel> ChooseChannels(const std::vector<Channel>& service_channels,
                                    const Channels& configured,
                                    const std::optional<store::Preferences>& preferences) {
  std::vector<Channel> offered;
  for (Channel c : service_channels) {
    if (Configured(configured, c)) offered.push_back(c);
  }
  if (!preferences.has_value() || preferences->channels.empty()) return offered;
  std::vector<Channel> chosen;
  for (Channel c : preferences->channels) {
    if (std::find(offered.begin(), offered.end(), c) != offered.end()) chosen.push_back(c);
  }
  return chosen.empty() ? offered : chosen;
}

MessageValues AppointmentValues(const AppointmentNotice& n, const std::string& portal_url) {
  MessageValues v;
  v.SetText("service_name", n.service_name)
      .SetText("site_label", n.site_label)
      .SetDateTime("start", n.start)
      .SetText("delivery", n.delivery)
      .SetText("portal_url", portal_url);
  if (n.end > n.start) v.SetDateTime("end", n.end);
  if (n.delivery == "in_person" && !n.site_address.empty()) {
    v.SetText("site_address", n.site_address);
  }
  if (!n.video_link.empty()) v.SetText("video_link", n.video_link);
  return v;
}

MessageValues CancelledValues(const AppointmentNotice& n, const std::string& portal_url) {
  MessageValues v;
  v.SetText("service_name", n.service_name)
      .SetText("site_label", n.site_label)
      .SetDateTime("start", n.start)
      .SetText("cancelled_by", n.cancelled_by.empty() ? "operator" : n.cancelled_by)
      .SetText("portal_url", portal_url);
  return v;
}

}  // namespace

absl::Status AppointmentIntake::Apply(Transaction& tx, const AppointmentNotice& n) {
  MessageType type = MessageType::kAppointmentConfirmation;
  switch (n.change) {
    case AppointmentNotice::Change::kBooked:
      type = MessageType::kAppointmentConfirmation;
      break;
    case AppointmentNotice::Change::kMoved:
      type = MessageType::kAppointmentMoved;
      break;
    case AppointmentNotice::Change::kCancelled:
      type = MessageType::kAppointmentCancelled;
      break;
    case AppointmentNotice::Change::kOther:
      return absl::OkStatus();
  }
  const absl::Time now = deps_.clock.Now();
  ASSIGN_OR_RETURN(std::optional<store::Preferences> preferences,
                   store::PreferenceStore::Get(tx, n.person_id));
  const std::vector<Channel> channels = ChooseChannels(n.channels, deps_.channels, preferences);
  const Language language = preferences.has_value() ? preferences->language : n.language;
  const std::string& portal = deps_.settings.portal_url;

  const bool notify = type != MessageType::kAppointmentConfirmation || n.send_confirmation;
  if (notify) {
    const MessageValues values = type == MessageType::kAppointmentCancelled
                                     ? CancelledValues(n, portal)
                                     : AppointmentValues(n, portal);
    // Checked now: an event the templates cannot render is refused here, not at each send.
    RETURN_IF_ERROR(deps_.catalogue.Render(type, language, values).status());
    const std::string json = ValuesToJson(values);
    for (Channel channel : channels) {
      store::OutgoingMessage m;
      m.idempotency_key = AppointmentMessageKey(n.appointment_id, n.sequence, type, channel);
      m.person_id = n.person_id;
      m.type = type;
      m.channel = channel;
      m.language = language;
      m.values_json = json;
      m.appointment_id = n.appointment_id;
      m.created_at = now;
      RETURN_IF_ERROR(store::MessageLedger::Enqueue(tx, m).status());
    }
  }

  if (type == MessageType::kAppointmentCancelled) {
    return store::ReminderJobs::Cancel(tx, n.appointment_id, now).status();
  }
  store::AppointmentForReminders reminders{
      n.appointment_id, n.person_id, language,
      channels,         n.start,     ValuesToJson(AppointmentValues(n, portal))};
  const std::vector<Reminder> due = ReminderSchedule(n.start, n.reminder_days_before, now, zone_);
  if (type == MessageType::kAppointmentMoved && !n.previous_appointment_id.empty()) {
    return store::ReminderJobs::Move(tx, n.previous_appointment_id, reminders, due, now);
  }
  return store::ReminderJobs::Schedule(tx, reminders, due, now);
}

}  // namespace sisl::notifications
