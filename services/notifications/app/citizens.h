// The use cases behind the notifications API: a citizen's preferences and the messages sent to
// them; the operators' dead letters, their retry and the delivery figures.
#ifndef SISL_SERVICES_NOTIFICATIONS_APP_CITIZENS_H_
#define SISL_SERVICES_NOTIFICATIONS_APP_CITIZENS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/notifications/app/deps.h"
#include "services/notifications/store/notifications_store.h"
#include "services/platform/auth/internal_token.h"

namespace sisl::notifications {

struct MessagePage {
  std::vector<store::OutgoingMessage> messages;
  std::string next_page_token;
};

class Citizens final {
 public:
  explicit Citizens(const Deps& deps) : deps_(deps) {}

  // The caller's preferences; the defaults (every channel, Italian) before the first save.
  // PERMISSION_DENIED CITIZENS_ONLY for anyone but a citizen.
  absl::StatusOr<store::Preferences> GetMine(const platform::auth::Caller& caller);
  // INVALID_ARGUMENT INVALID_EMAIL_ADDRESS / INVALID_PHONE_NUMBER (field `preferences.email`,
  // `preferences.mobile`) for contact data the channels could not use.
  absl::StatusOr<store::Preferences> UpdateMine(const platform::auth::Caller& caller,
                                                store::Preferences preferences);
  absl::StatusOr<MessagePage> ListMine(const platform::auth::Caller& caller, int page_size,
                                       const std::string& page_token);

 private:
  const Deps& deps_;
};

class DeadLetters final {
 public:
  explicit DeadLetters(const Deps& deps) : deps_(deps) {}

  // Operators and administrators (PERMISSION_DENIED STAFF_ONLY otherwise).
  absl::StatusOr<MessagePage> List(const platform::auth::Caller& caller, int page_size,
                                   const std::string& page_token);
  // Queues a failed or dead message again, due now; logged with the staff id.
  absl::StatusOr<store::OutgoingMessage> Retry(const platform::auth::Caller& caller,
                                               const std::string& message_id);
  // The ledger's counts and how long the oldest message not sent yet has waited (zero: none).
  struct Figures {
    store::LedgerCounts counts;
    absl::Duration oldest_queued_age = absl::ZeroDuration();
  };
  absl::StatusOr<Figures> Stats(const platform::auth::Caller& caller);

 private:
  const Deps& deps_;
};

// The opaque id of a message in the API (base64url of its idempotency key) and back
// (INVALID_ARGUMENT INVALID_MESSAGE_ID).
std::string MessageIdOf(const std::string& idempotency_key);
absl::StatusOr<std::string> IdempotencyKeyOf(const std::string& message_id);

}  // namespace sisl::notifications

#endif  // SISL_SERVICES_NOTIFICATIONS_APP_CITIZENS_H_
