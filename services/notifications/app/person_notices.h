// Messages to a person about no appointment: a job proposal from matching (to accept or refuse
// before its deadline), a profile about to expire, a communication's receipt to its filer. The
// events name the person only by their pseudonymous id, and no other service holds contact data
// for them: the person's own preferences (their page) give the channels, language, e-mail
// address and mobile. A person who left none is not written to (counted, not queued as a
// failure). App IO needs the fiscal code, which these events do not carry: e-mail and SMS only.
#ifndef SISL_SERVICES_NOTIFICATIONS_APP_PERSON_NOTICES_H_
#define SISL_SERVICES_NOTIFICATIONS_APP_PERSON_NOTICES_H_

#include <string>

#include "absl/status/status.h"
#include "services/notifications/app/deps.h"
#include "services/notifications/domain/message_values.h"
#include "services/platform/db/database.h"

namespace sisl::notifications {

struct PersonNotice {
  std::string event_id;  // the event's id: the messages' keys derive from it
  std::string person_id;
  MessageType type = MessageType::kProposalReceived;
  MessageValues values;  // portal_url is added
};

class PersonNotices final {
 public:
  explicit PersonNotices(const Deps& deps) : deps_(deps) {}

  // Enqueues the notice on the person's reachable channels (once per event and channel);
  // INVALID_ARGUMENT when its values do not fit its templates.
  absl::Status Apply(platform::db::Transaction& tx, PersonNotice notice);

 private:
  const Deps& deps_;
};

}  // namespace sisl::notifications

#endif  // SISL_SERVICES_NOTIFICATIONS_APP_PERSON_NOTICES_H_
