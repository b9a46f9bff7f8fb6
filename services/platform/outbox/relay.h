#ifndef SISL_PLATFORM_OUTBOX_RELAY_H_
#define SISL_PLATFORM_OUTBOX_RELAY_H_

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
  // Sent rows older than this are deleted.
  absl::Duration retention = absl::Hours(24 * 7);
};

// Publishes committed outbox rows to the bus, oldest first, and marks them sent once the bus
// acknowledged them. A crash between publish and mark re-publishes on restart (at-least-once);
// consumers deduplicate by event id (inbox.h). On PostgreSQL rows are claimed with
// FOR UPDATE SKIP LOCKED, so several replicas can relay at once without double publishing.
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

 private:
  // One turn of the loop; true when a full batch went out (more may be waiting).
  bool Step();
  absl::Status Prune();

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
