#ifndef SISL_PLATFORM_OUTBOX_DEAD_LETTERS_H_
#define SISL_PLATFORM_OUTBOX_DEAD_LETTERS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/platform/db/database.h"

namespace sisl::platform::outbox {

// An event the relay parked after the bus refused it too often (relay.h). No payload: it may
// hold personal data, and an administrator decides from the type, topic and error.
struct DeadLetter {
  std::string event_id;
  std::string topic;
  std::string event_key;
  std::string event_type;
  int64_t attempts = 0;
  std::string last_error;
  absl::Time created_at;
  absl::Time parked_at;
};

// What an administrator does with parked events: look, send again, or drop. Every retry and drop
// is logged with who did it.
class DeadLetters final {
 public:
  explicit DeadLetters(db::Database& db) : db_(db) {}

  // Oldest first, at most `limit`.
  absl::StatusOr<std::vector<DeadLetter>> List(int limit);
  // Moves the event back into the outbox with its attempts reset, so the relay publishes it
  // again (after the cause is fixed). NOT_FOUND (DEAD_LETTER_NOT_FOUND) for an unknown id.
  absl::Status Retry(const std::string& event_id, const std::string& by);
  // Deletes the event for good. NOT_FOUND (DEAD_LETTER_NOT_FOUND) for an unknown id.
  absl::Status Drop(const std::string& event_id, const std::string& by);

 private:
  db::Database& db_;
};

}  // namespace sisl::platform::outbox

#endif  // SISL_PLATFORM_OUTBOX_DEAD_LETTERS_H_
