#ifndef SISL_PLATFORM_OUTBOX_INBOX_H_
#define SISL_PLATFORM_OUTBOX_INBOX_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"

namespace sisl::platform::outbox {

enum class InboxOutcome { kApplied, kDuplicate };

// The idempotent consumer: runs `effect` and records (consumer, event_id) in the inbox table in
// one transaction. An event already recorded for this consumer is skipped, so redelivery changes
// nothing. Commit the bus offset only after this returns OK.
absl::StatusOr<InboxOutcome> ProcessOnce(
    db::Database& db, const std::string& consumer, const std::string& event_id,
    const std::function<absl::Status(db::Transaction&)>& effect,
    const Clock& clock = SystemClock::Get());

// Records (consumer, event_id) in `tx`: true when it is new (apply the event's effect in the same
// transaction), false when the event was already applied (skip it).
absl::StatusOr<bool> RecordOnce(db::Transaction& tx, const std::string& consumer,
                                const std::string& event_id, const Clock& clock);

// The same for many events at once (one statement per thousand): the ids among `event_ids` that
// were new. An id given twice is new at most once.
absl::StatusOr<std::vector<std::string>> RecordMany(db::Transaction& tx,
                                                    const std::string& consumer,
                                                    const std::vector<std::string>& event_ids,
                                                    const Clock& clock);

}  // namespace sisl::platform::outbox

#endif  // SISL_PLATFORM_OUTBOX_INBOX_H_
