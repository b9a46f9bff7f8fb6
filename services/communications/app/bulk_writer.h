// A bulk upload's batches written behind their filing: while one batch's rows are written and
// committed (its filings, events, report rows and the upload's counters, in one transaction),
// the processor files the next one against the working set (store::BatchFilingStore) that
// already holds the first. Batches are written one at a time, in the order handed over; after a
// failed write nothing more is written and the processor starts again from what was committed
// (ADR 0028). On SQLite, whose one writer the filing's reads would wait for, each batch is
// written as it is handed over.
#ifndef SISL_SERVICES_COMMUNICATIONS_APP_BULK_WRITER_H_
#define SISL_SERVICES_COMMUNICATIONS_APP_BULK_WRITER_H_

#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "services/communications/store/batch_filing_store.h"
#include "services/communications/store/bulk_store.h"
#include "services/platform/outbox/committer.h"

namespace sisl::communications {

// Everything one batch changes, committed together.
struct BulkBatchCommit {
  store::BatchWrites filings;
  std::vector<std::vector<platform::db::Value>> events;  // outbox rows
  std::vector<store::BulkRecordRow> report;
  store::BulkUploadRow progress;  // the upload after the batch (its counters, lease, state)
};

class BulkWriter final {
 public:
  // `owner`: the processor's lease id (the upload's counters are saved only while it holds it).
  // `behind`: written on a thread of the writer's own; otherwise within Submit.
  BulkWriter(platform::outbox::Committer& committer, std::string owner, bool behind);
  ~BulkWriter();  // waits for the batch being written
  BulkWriter(const BulkWriter&) = delete;
  BulkWriter& operator=(const BulkWriter&) = delete;

  // Hands a batch over once the one before it is written. The first failed write's error, from
  // then on (that batch and those after it are not written).
  absl::Status Submit(BulkBatchCommit batch);
  // Waits until every batch handed over is written; the first failure as Submit.
  absl::Status Drain();

 private:
  absl::Status Write(const BulkBatchCommit& batch);
  void Run();

  platform::outbox::Committer& committer_;
  const std::string owner_;
  absl::Mutex mu_;
  std::optional<BulkBatchCommit> next_ ABSL_GUARDED_BY(mu_);  // handed over, not taken yet
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  absl::Status failed_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;  // when behind
};

}  // namespace sisl::communications

#endif  // SISL_SERVICES_COMMUNICATIONS_APP_BULK_WRITER_H_
