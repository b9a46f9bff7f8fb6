// The bounded worker of bulk uploads: one upload at a time per process, records in order,
// batches of records whose filings and report rows commit together with the upload's counters
// (each batch written while the next one is filed: app/bulk_writer.h).
// A lease (renewed by every batch) keeps other replicas off; after a crash the lease runs out
// and any replica resumes after the last committed record: none lost, none filed twice.
#ifndef SISL_SERVICES_COMMUNICATIONS_APP_BULK_PROCESSOR_H_
#define SISL_SERVICES_COMMUNICATIONS_APP_BULK_PROCESSOR_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/communications/app/access.h"
#include "services/communications/app/bulk_source.h"
#include "services/communications/app/deps.h"
#include "services/communications/app/read_ahead_source.h"
#include "services/communications/store/batch_filing_store.h"
#include "services/communications/store/bulk_store.h"

namespace sisl::communications {

struct BulkProcessorOptions {
  BulkLimits limits;
  int batch_size = 500;                      // records per transaction
  absl::Duration lease = absl::Seconds(20);  // renewed by every batch
  absl::Duration slice = absl::Seconds(5);   // then RunOnce returns, to be called again
  // The tables the filings read by key lists are analysed (Database::Analyze) after this many
  // records, then after twice as many more, and so on (0: never). A table loaded from empty is
  // planned as nearly empty, i.e. scanned whole, until autovacuum analyses it (at most once a
  // minute); its keys' statistics are proportions, so a few analyses keep the plans right as it
  // grows.
  int64_t analyze_after = 2000;
};

class BulkProcessor final {
 public:
  BulkProcessor(Deps deps, BulkProcessorOptions options);

  // Works on the next due upload for up to `slice`; true when there may be more to do.
  bool RunOnce();

 private:
  absl::StatusOr<bool> Step();
  // Makes `source_` read `row`'s file from its first record not yet committed (unless it already
  // does); false when the file cannot be opened: the upload then failed, and is saved so.
  absl::StatusOr<bool> OpenAtNextRecord(store::BulkUploadRow& row);
  // The next batch_size records (fewer at the end); a file error ends the batch, in `file_error`.
  std::vector<BulkRecord> ReadBatch(absl::Status& file_error);
  // ANALYZE of the tables the filings read, once enough records were filed since the last.
  void AnalyzeIfGrown(int64_t filed);
  // Files a batch's records in `filings` (reading through `tx`), its events in `events`; counts
  // them in `counts`; the report rows.
  absl::StatusOr<std::vector<store::BulkRecordRow>> FileBatch(
      platform::db::Transaction& tx, store::BatchFilingStore& filings,
      platform::outbox::EventWriter& events, const Caller& filer, std::vector<BulkRecord>& batch,
      bool verify_only, absl::Time now, absl::CivilDay today, store::BulkUploadRow& counts);
  Deps deps_;
  BulkProcessorOptions options_;
  std::string owner_;  // this processor's lease id
  int64_t filed_since_analyze_ = 0;
  int64_t next_analyze_ = 0;  // records since the last ANALYZE that call for the next one
  // The upload being read, kept between slices while this processor holds its lease.
  std::string current_id_;
  int64_t current_position_ = 0;  // records read from `source_`
  std::unique_ptr<ReadAheadSource> source_;
};

}  // namespace sisl::communications

#endif  // SISL_SERVICES_COMMUNICATIONS_APP_BULK_PROCESSOR_H_
