#include "services/booking/app/retention_job.h"

#include "absl/strings/str_cat.h"
#include "services/booking/store/appointment_store.h"
#include "services/platform/log.h"
#include "services/platform/status_macros.h"

namespace sisl::booking {

using platform::db::Transaction;

RetentionJob::RetentionJob(platform::db::Database& db, const platform::Clock& clock,
                           RetentionPolicy policy)
    : db_(db),
      clock_(clock),
      policy_(policy),
      task_("booking-retention", policy.interval, [this] { return Step(); }) {}

RetentionJob::~RetentionJob() { Stop(); }

absl::StatusOr<RetentionCounts> RetentionJob::RunOnce() {
  const absl::Time now = clock_.Now();
  const int limit = policy_.batch_size;
  RetentionCounts counts;
  if (policy_.appointments > absl::ZeroDuration()) {
    RETURN_IF_ERROR(platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
      ASSIGN_OR_RETURN(counts.appointments,
                       AppointmentStore().DeleteEndedBefore(tx, now - policy_.appointments, limit));
      return absl::OkStatus();
    }));
  }
  if (policy_.audit > absl::ZeroDuration()) {
    RETURN_IF_ERROR(platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
      ASSIGN_OR_RETURN(counts.audit_records,
                       AppointmentStore().DeleteAuditBefore(tx, now - policy_.audit, limit));
      return absl::OkStatus();
    }));
  }
  if (policy_.outbox_sent > absl::ZeroDuration()) {
    RETURN_IF_ERROR(platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
      ASSIGN_OR_RETURN(
          auto del,
          tx.Execute("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NOT"
                     " NULL AND sent_at < $1 ORDER BY id LIMIT $2)",
                     {platform::ToUnixMicrosUtc(now - policy_.outbox_sent),
                      static_cast<int64_t>(limit)}));
      counts.outbox_rows = del.affected_rows;
      return absl::OkStatus();
    }));
  }
  counts.full_batch = counts.appointments >= limit || counts.audit_records >= limit ||
                      counts.outbox_rows >= limit;
  return counts;
}

bool RetentionJob::Step() {
  auto counts = RunOnce();
  if (!counts.ok()) {
    platform::log::Warn("retention job failed", {{"error", counts.status().ToString()}});
    return false;
  }
  if (counts->appointments + counts->audit_records + counts->outbox_rows > 0) {
    platform::log::Info("retention job deleted expired rows",
                        {{"appointments", absl::StrCat(counts->appointments)},
                         {"audit_records", absl::StrCat(counts->audit_records)},
                         {"outbox_rows", absl::StrCat(counts->outbox_rows)}});
  }
  return counts->full_batch;
}

}  // namespace sisl::booking
