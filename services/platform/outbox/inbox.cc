#include "services/platform/outbox/inbox.h"
#include "services/platform/status_macros.h"

namespace sisl::platform::outbox {

absl::StatusOr<InboxOutcome> ProcessOnce(db::Database& db, const std::string& consumer,
                                         const std::string& event_id,
                                         const std::function<absl::Status(db::Transaction&)>& effect,
                                         const Clock& clock) {
  InboxOutcome outcome = InboxOutcome::kApplied;
  RETURN_IF_ERROR(db::InTransaction(db, [&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(const bool fresh, RecordOnce(tx, consumer, event_id, clock));
    if (!fresh) {
      outcome = InboxOutcome::kDuplicate;
      return absl::OkStatus();
    }
    outcome = InboxOutcome::kApplied;
    return effect(tx);
  }));
  return outcome;
}

absl::StatusOr<bool> RecordOnce(db::Transaction& tx, const std::string& consumer,
                                const std::string& event_id, const Clock& clock) {
  ASSIGN_OR_RETURN(const db::Result ins,
                   tx.Execute("INSERT INTO inbox (consumer, event_id, processed_at)"
                              " VALUES ($1, $2, $3) ON CONFLICT (consumer, event_id) DO NOTHING",
                              {consumer, event_id, ToUnixMicrosUtc(clock.Now())}));
  return ins.affected_rows > 0;
}

}  // namespace sisl::platform::outbox
