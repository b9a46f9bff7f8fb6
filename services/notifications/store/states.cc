// The stored names of the ledger's and the reminders' states (notifications_store.h): never
// rename one, the database keeps them.
#include <optional>

#include "services/notifications/store/notifications_store.h"
#include "services/notifications/store/store_internal.h"

namespace sisl::notifications::store {

absl::string_view MessageStateName(MessageState state) {
  switch (state) {
    case MessageState::kQueued: return "queued";
    case MessageState::kSending: return "sending";
    case MessageState::kSent: return "sent";
    case MessageState::kFailed: return "failed";
    case MessageState::kDead: return "dead";
  }
  return "queued";
}

std::optional<MessageState> MessageStateFromName(absl::string_view name) {
  for (MessageState s : internal::kAllMessageStates) {
    if (MessageStateName(s) == name) return s;
  }
  return std::nullopt;
}

absl::string_view ReminderStateName(ReminderState state) {
  switch (state) {
    case ReminderState::kScheduled: return "scheduled";
    case ReminderState::kDone: return "done";
    case ReminderState::kCancelled: return "cancelled";
  }
  return "scheduled";
}

}  // namespace sisl::notifications::store
