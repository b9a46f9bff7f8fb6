#ifndef SISL_BOOKING_APP_RETENTION_JOB_H_
#define SISL_BOOKING_APP_RETENTION_JOB_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"
#include "services/platform/periodic_task.h"

namespace sisl::booking {

// How long booking keeps what it holds about people (docs/privacy.md justifies the defaults).
// A zero period keeps the data for ever (that deletion is off).
struct RetentionPolicy {
  // Appointments (with contact data, notes, attendance) after the appointment's end.
  absl::Duration appointments = absl::Hours(24 * 1826);  // five years
  // Audit records of staff and notifier access after they were written.
  absl::Duration audit = absl::Hours(24 * 1826);
  // Outbox rows after they were published (the relay's own prune stays the upper bound).
  absl::Duration outbox_sent = absl::Hours(24 * 7);
  // How often the job looks for expired rows.
  absl::Duration interval = absl::Hours(1);
  // Rows deleted per table and transaction; a full batch runs the job again at once.
  int batch_size = 500;
};

struct RetentionCounts {
  int64_t appointments = 0;
  int64_t audit_records = 0;
  int64_t outbox_rows = 0;
  bool full_batch = false;  // some table had more to delete
};

// The periodic job that deletes booking's expired personal data: appointments past the
// retention period after their day, old audit records and published outbox rows. Every run
// reads the time from the injected clock, so tests drive it with a FakeClock.
class RetentionJob final {
 public:
  RetentionJob(platform::db::Database& db, const platform::Clock& clock, RetentionPolicy policy);
  ~RetentionJob();
  RetentionJob(const RetentionJob&) = delete;
  RetentionJob& operator=(const RetentionJob&) = delete;

  // One batch per table, each in its own transaction.
  absl::StatusOr<RetentionCounts> RunOnce();
  // The background loop (platform::PeriodicTask): every policy.interval, at once after a full
  // batch. Errors are logged and retried at the next turn.
  void Start() { task_.Start(); }
  void Stop() { task_.Stop(); }
  const RetentionPolicy& policy() const { return policy_; }

 private:
  bool Step();

  platform::db::Database& db_;
  const platform::Clock& clock_;
  const RetentionPolicy policy_;
  platform::PeriodicTask task_;
};

}  // namespace sisl::booking

#endif  // SISL_BOOKING_APP_RETENTION_JOB_H_
