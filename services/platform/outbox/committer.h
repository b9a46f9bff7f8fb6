#ifndef SISL_PLATFORM_OUTBOX_COMMITTER_H_
#define SISL_PLATFORM_OUTBOX_COMMITTER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "google/protobuf/message.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"

namespace sisl::platform::outbox {

// The events one change emits, written to the outbox inside the change's own transaction.
// Without a transaction it only collects them (TakePending), for a change whose rows are written
// later in a transaction of their own (a bulk upload's write-behind, app/bulk_writer.h), where
// the Committer's EventWriter takes them with Append.
class EventWriter final {
 public:
  EventWriter(db::Transaction& tx, const Clock& clock, const std::string& source)
      : tx_(&tx), clock_(clock), source_(source) {}
  EventWriter(const Clock& clock, const std::string& source) : clock_(clock), source_(source) {}

  // Appends `data` on the topic its message type declares (option (sisl.events.v1.topic)),
  // keyed by `subject` (the aggregate id; person-related events use the pseudonymous person
  // id). The correlation id is the current call's (see log::ScopedCorrelationId).
  absl::Status Emit(const std::string& subject, const google::protobuf::Message& data);
  int emitted() const { return emitted_; }
  // Writes the events emitted so far to the outbox (Commit does before committing; Emit does
  // every kFlushEvery events, so a change of many events makes few round trips). Without a
  // transaction it keeps them.
  absl::Status Flush();
  // The outbox rows emitted and not written yet (a collecting writer's events).
  std::vector<std::vector<db::Value>> TakePending() { return std::exchange(pending_, {}); }
  // Emits rows another EventWriter collected, as if emitted here.
  absl::Status Append(const std::vector<std::vector<db::Value>>& rows);

  static constexpr size_t kFlushEvery = 256;

 private:
  db::Transaction* tx_ = nullptr;
  const Clock& clock_;
  const std::string& source_;
  int emitted_ = 0;
  std::vector<std::vector<db::Value>> pending_;
};

// The one way a use case commits a change together with its events (transactional outbox):
//
//   RETURN_IF_ERROR(committer_.Commit([&](db::Transaction& tx, EventWriter& events) {
//     RETURN_IF_ERROR(store_.Insert(tx, row));
//     return events.Emit(row.id, ToEvent(row));
//   }));
//
// The change and its outbox rows commit in one transaction (retried on serialization
// conflicts), and the relay is woken after a commit that emitted anything.
class Committer final {
 public:
  // `source`: the producing service, e.g. "sisl-booking". `wake_relay`: called after a commit
  // that emitted events (Relay::Notify); may be empty.
  Committer(db::Database& db, const Clock& clock, std::string source,
            std::function<void()> wake_relay);

  absl::Status Commit(absl::FunctionRef<absl::Status(db::Transaction&, EventWriter&)> change);

  db::Database& db() const { return db_; }
  const Clock& clock() const { return clock_; }
  const std::string& source() const { return source_; }

 private:
  db::Database& db_;
  const Clock& clock_;
  std::string source_;
  std::function<void()> wake_relay_;
};

}  // namespace sisl::platform::outbox

#endif  // SISL_PLATFORM_OUTBOX_COMMITTER_H_
