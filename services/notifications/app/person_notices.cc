#include "services/notifications/app/person_notices.h"

#include <optional>
#include <vector>

#include "services/notifications/app/values_json.h"
#include "services/notifications/domain/schedule.h"
#include "services/notifications/store/notifications_store.h"
#include "services/platform/metrics.h"
#include "services/platform/status_macros.h"

namespace sisl::notifications {
namespace {

// The channels the person chose (all when none chosen) that can reach them here.
std::vector<Channel> Reachable(const store::Preferences& p, const Channels& configured) {
  const std::vector<Channel> wanted =
      p.channels.empty() ? std::vector<Channel>{Channel::kEmail, Channel::kSms} : p.channels;
  std::vector<Channel> out;
  for (Channel c : wanted) {
    if (c == Channel::kEmail && configured.email != nullptr && !p.email.empty()) out.push_back(c);
    if (c == Channel::kSms && configured.sms != nullptr && !p.mobile.empty()) out.push_back(c);
  }
  return out;
}

}  // namespace

absl::Status PersonNotices::Apply(platform::db::Transaction& tx, PersonNotice n) {
  ASSIGN_OR_RETURN(std::optional<store::Preferences> preferences,
                   store::PreferenceStore::Get(tx, n.person_id));
  const std::vector<Channel> channels =
      preferences.has_value() ? Reachable(*preferences, deps_.channels) : std::vector<Channel>{};
  if (channels.empty()) {
    platform::MetricsRegistry::Global()
        .GetCounter("sisl_notifications_unreachable_total",
                    "Notices not sent: the person left no contact data for them",
                    {{"type", std::string(MessageTypeName(n.type))}})
        .Increment();
    return absl::OkStatus();
  }
  n.values.SetText("portal_url", deps_.settings.portal_url);
  RETURN_IF_ERROR(deps_.catalogue.Render(n.type, preferences->language, n.values).status());
  const std::string json = ValuesToJson(n.values);
  for (Channel channel : channels) {
    store::OutgoingMessage m;
    m.idempotency_key = EventMessageKey(n.event_id, n.type, channel);
    m.person_id = n.person_id;
    m.type = n.type;
    m.channel = channel;
    m.language = preferences->language;
    m.values_json = json;
    m.created_at = deps_.clock.Now();
    RETURN_IF_ERROR(store::MessageLedger::Enqueue(tx, m).status());
  }
  return absl::OkStatus();
}

}  // namespace sisl::notifications
