#ifndef SISL_PLATFORM_OUTBOX_RELAY_H_
#define SISL_PLATFORM_OUTBOX_RELAY_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/platform/bus/event_bus.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"
#include "services/platform/periodic_task.h"

namespace sisl::platform::outbox {

struct RelayOptions {
  int batch_size = 200;
  // How often the relay looks for unsent rows when nobody calls Notify().
  absl::Duration poll_interval = absl::Milliseconds(250);
  absl::Duration publish_timeout = absl::Seconds(10);
  // Sent rows older than this are deleted (hourly). The upper bound for every service; a module's
  // retention job may delete them sooner (booking.retention.outbox_sent_days; docs/privacy.md).
  absl::Duration retention = absl::Hours(24 * 7);
  // An event the bus refuses this many times while the bus is reachable is parked in
  // outbox_dead_letters instead of blocking the relay. Attempts are spaced 1 s, 2 s, 4 s ... (at
  // most 5 min apart), so the default parks an event after about eight and a half minutes.
  int max_attempts = 10;
};

// Publishes committed outbox rows to the bus, oldest first, and marks them sent once the bus
// acknowledged them. A crash between publish and mark re-publishes on restart (at-least-once);
// consumers deduplicate by event id (inbox.h). On PostgreSQL rows are claimed with FOR UPDATE:
// several replicas relay without double publishing, one batch after the other, so the events of
// a key keep their commit order on the bus.
//
// Poison events: when a batch is refused but the bus answers a ping (so it is not an outage),
// the relay publishes the batch one event at a time. Events the bus accepts are marked sent;
// a refused one gets an attempt counted, waits a growing delay before the next, and holds back
// the later events of its key meanwhile (per-key order); after RelayOptions::max_attempts it is
// moved to outbox_dead_letters, logged, and counted by DeadLetterCount(), and its key flows
// again. During an outage (the bus does not answer a ping) nothing is counted. Administrators
// list, retry or drop parked events with DeadLetters (dead_letters.h).
class Relay final {
 public:
  Relay(db::Database& db, bus::EventBus& bus, const Clock& clock, RelayOptions options = {});
  ~Relay();
  Relay(const Relay&) = delete;
  Relay& operator=(const Relay&) = delete;

  void Start() { task_.Start(); }
  // Stops the background loop after its current batch.
  void Stop() { task_.Stop(); }
  // Wakes the relay (the Committer calls it after a commit that appended events).
  void Notify() { task_.Wake(); }
  // Publishes one batch; returns how many events were published.
  absl::StatusOr<int> RelayOnce();
  // Unsent rows (the outbox backlog metric).
  absl::StatusOr<int64_t> Backlog();
  // Age of the oldest unsent row (zero when none): how far behind the relay is.
  absl::StatusOr<absl::Duration> OldestUnsentAge();
  // Events parked in outbox_dead_letters.
  absl::StatusOr<int64_t> DeadLetterCount();

 private:
  // One turn of the loop; true when a full batch went out (more may be waiting).
  bool Step();
  absl::Status Prune();
  // The batch was refused: publishes its events one by one (see the class comment).
  absl::StatusOr<int> PublishOneByOne(db::Transaction& tx, const db::Result& rows,
                                      const std::vector<bus::Message>& messages);

  db::Database& db_;
  bus::EventBus& bus_;
  const Clock& clock_;
  RelayOptions options_;
  // Touched by the loop's thread only.
  absl::Time next_prune_;
  bool last_failed_ = false;
  PeriodicTask task_;
};

}  // namespace sisl::platform::outbox

#endif  // SISL_PLATFORM_OUTBOX_RELAY_H_
