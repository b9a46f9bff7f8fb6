// The two workers of the notifications service, safe with several replicas (the store's leases):
// - reminders: due reminder jobs become messages in the ledger (enqueue + done, one
//   transaction);
// - sending: due messages are taken under a lease, their contact asked from the owning service,
//   rendered in the citizen's language and handed to their channel, then marked sent, or failed
//   (temporary: retried with backoff until the attempts run out; permanent: a dead letter at
//   once).
// Metrics: sisl_notifications_sent_total{channel}, sisl_notifications_failed_total{channel,kind}
// (kind temporary or permanent), sisl_notifications_reminders_total, and
// sisl_notifications_delivery_seconds (from enqueued to sent).
// Effect exactly once per message and channel: the key is the ledger's primary key; a message
// is resent only when its previous attempt's outcome is unknown (a replica killed between the
// channel's answer and the commit, after its lease ran out), and then with the same Message-ID
// and SMS reference, so the receiving side can recognise it.
#ifndef SISL_SERVICES_NOTIFICATIONS_APP_DELIVERY_H_
#define SISL_SERVICES_NOTIFICATIONS_APP_DELIVERY_H_

#include "absl/status/statusor.h"
#include "services/notifications/app/deps.h"
#include "services/notifications/store/notifications_store.h"

namespace sisl::notifications {

class Delivery final {
 public:
  explicit Delivery(const Deps& deps) : deps_(deps) {}

  // Up to `limit` due reminder jobs become messages; how many.
  absl::StatusOr<int> RunReminders(int limit);
  // Up to `limit` due messages are sent (or failed); how many were taken.
  absl::StatusOr<int> SendDue(int limit);

 private:
  // The outcome of one attempt: OK when the channel took it; otherwise the status to record.
  absl::Status Attempt(const store::OutgoingMessage& m);

  const Deps& deps_;
};

// The text kept as a failure's last_error: code and reason only (channel errors may quote
// answers; no personal data goes to the ledger).
std::string FailureText(const absl::Status& status);
// Whether a failed attempt may be retried: UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED
// and ABORTED are; everything else is permanent.
bool IsTemporary(const absl::Status& status);

}  // namespace sisl::notifications

#endif  // SISL_SERVICES_NOTIFICATIONS_APP_DELIVERY_H_
