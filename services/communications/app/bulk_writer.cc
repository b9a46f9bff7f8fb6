#include "services/communications/app/bulk_writer.h"

#include <utility>

#include "services/platform/status_macros.h"

namespace sisl::communications {

BulkWriter::BulkWriter(platform::outbox::Committer& committer, std::string owner, bool behind)
    : committer_(committer), owner_(std::move(owner)) {
  if (behind) thread_ = std::thread([this] { Run(); });
}

BulkWriter::~BulkWriter() {
  if (!thread_.joinable()) return;
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

absl::Status BulkWriter::Write(const BulkBatchCommit& batch) {
  return committer_.Commit(
      [&](platform::db::Transaction& tx, platform::outbox::EventWriter& events) -> absl::Status {
        RETURN_IF_ERROR(batch.filings.Write(tx));
        RETURN_IF_ERROR(events.Append(batch.events));
        RETURN_IF_ERROR(store::BulkStore::AddRecords(tx, batch.progress.id, batch.report));
        return store::BulkStore::SaveProgress(tx, batch.progress, owner_);
      });
}

absl::Status BulkWriter::Submit(BulkBatchCommit batch) {
  if (!thread_.joinable()) {
    {
      absl::MutexLock lock(&mu_);
      RETURN_IF_ERROR(failed_);
    }
    absl::Status written = Write(batch);
    absl::MutexLock lock(&mu_);
    if (!written.ok()) failed_ = written;
    return written;
  }
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(
      +[](BulkWriter* w) ABSL_EXCLUSIVE_LOCKS_REQUIRED(w->mu_) {
        return !w->next_.has_value() || !w->failed_.ok();
      },
      this));
  RETURN_IF_ERROR(failed_);
  next_ = std::move(batch);
  return absl::OkStatus();
}

absl::Status BulkWriter::Drain() {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(
      +[](BulkWriter* w) ABSL_EXCLUSIVE_LOCKS_REQUIRED(w->mu_) {
        return (!w->next_.has_value() && !w->writing_) || !w->failed_.ok();
      },
      this));
  return failed_;
}

void BulkWriter::Run() {
  for (;;) {
    BulkBatchCommit batch;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](BulkWriter* w) ABSL_EXCLUSIVE_LOCKS_REQUIRED(w->mu_) {
            return w->next_.has_value() || w->stopping_;
          },
          this));
      if (!next_.has_value()) return;  // stopping, nothing left
      if (!failed_.ok()) {             // after a failure nothing more is written
        next_.reset();
        continue;
      }
      batch = *std::move(next_);
      next_.reset();
      writing_ = true;
    }
    absl::Status written = Write(batch);
    absl::MutexLock lock(&mu_);
    writing_ = false;
    if (!written.ok()) failed_ = written;
  }
}

}  // namespace sisl::communications
