#include "services/communications/app/bulk_processor.h"

#include <map>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/str_join.h"
#include "services/communications/app/access.h"
#include "services/communications/app/bulk_writer.h"
#include "services/communications/app/filing_support.h"
#include "services/communications/store/batch_filing_store.h"
#include "services/communications/store/bulk_store.h"
#include "services/communications/store/delegation_replica.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/log.h"
#include "services/platform/status_macros.h"

namespace sisl::communications {
namespace {

using store::BulkRecordRow;
using store::BulkStore;
using store::BulkUploadRow;

Caller FilerOf(const BulkUploadRow& row) {
  Caller c;
  c.subject = row.filed_by;
  c.role = row.filed_by_role == "consultant" ? Role::kConsultant : Role::kCompany;
  c.acting_for = row.company;
  return c;
}

std::string Codes(const std::vector<Finding>& findings, Severity severity) {
  std::vector<std::string> codes;
  for (const Finding& f : findings) {
    if (f.severity == severity) codes.push_back(f.rule);
  }
  return absl::StrJoin(codes, " ");
}

// Counts the records of a file (the processor's ETA); the file's error is the processing's.
int64_t CountRecords(const std::string& content, BulkLimits limits) {
  limits.read_records = false;
  absl::StatusOr<std::unique_ptr<BulkSource>> source = BulkSource::Open(content, limits);
  if (!source.ok()) return 0;
  int64_t n = 0;
  for (;;) {
    absl::StatusOr<std::optional<BulkRecord>> r = (*source)->Next();
    if (!r.ok() || !r->has_value()) return n;
    ++n;
  }
}

}  // namespace

BulkProcessor::BulkProcessor(Deps deps, BulkProcessorOptions options)
    : deps_(deps), options_(std::move(options)), owner_(platform::NewUuidV7()) {}

bool BulkProcessor::RunOnce() {
  absl::StatusOr<bool> more = Step();
  if (!more.ok()) {
    platform::log::Warn("bulk upload step failed", {{"error", more.status().ToString()}});
    source_.reset();
    current_id_.clear();
    return false;
  }
  return *more;
}

absl::StatusOr<bool> BulkProcessor::Step() {
  const absl::Time start = deps_.clock.Now();
  BulkUploadRow row;
  {
    ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
    ASSIGN_OR_RETURN(std::optional<BulkUploadRow> due, BulkStore::NextDue(*tx, start, owner_));
    if (!due) return false;
    ASSIGN_OR_RETURN(bool claimed,
                     BulkStore::Claim(*tx, *due, owner_, start, start + options_.lease));
    if (!claimed) return true;
    ASSIGN_OR_RETURN(row, BulkStore::Get(*tx, due->id));
    RETURN_IF_ERROR(tx->Commit());
  }
  ASSIGN_OR_RETURN(bool opened, OpenAtNextRecord(row));
  if (!opened) return true;
  const Caller filer = FilerOf(row);
  // This slice's batches file against one working set; each is written behind the next one's
  // filing, in order (BulkWriter), and all of them are written when the slice ends.
  store::BatchFilingStore filings;
  BulkWriter writer(deps_.committer, owner_,
                    deps_.db.dialect() == platform::db::Dialect::kPostgres);
  // At least one batch per call, then more while the slice lasts.
  for (bool first = true; first || deps_.clock.Now() - start < options_.slice; first = false) {
    absl::Status file_error;
    std::vector<BulkRecord> batch = ReadBatch(file_error);
    const absl::Time now = deps_.clock.Now();
    const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
    BulkBatchCommit out;
    out.progress = row;
    {  // filed in memory, read through a transaction of its own that writes nothing
      ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
      filings.Use(*tx);
      platform::outbox::EventWriter events(deps_.clock, deps_.committer.source());
      ASSIGN_OR_RETURN(out.report, FileBatch(*tx, filings, events, filer, batch, row.verify_only,
                                             now, today, out.progress));
      out.events = events.TakePending();
      out.filings = filings.TakeWrites();
    }
    BulkUploadRow& next = out.progress;
    next.records_total = std::max(next.records_total, next.records_done);
    next.lease_until = now + options_.lease;
    if (!file_error.ok()) {
      next.state = "failed";
      next.error = std::string(file_error.message());
      next.finished_at = now;
    } else if (static_cast<int>(batch.size()) < options_.batch_size) {
      next.state = "done";
      next.finished_at = now;
    }
    row = next;
    RETURN_IF_ERROR(writer.Submit(std::move(out)));
    AnalyzeIfGrown(static_cast<int64_t>(batch.size()));  // what the batches before committed
    if (row.state != "processing") break;
  }
  RETURN_IF_ERROR(writer.Drain());
  current_position_ = row.records_done;
  if (row.state != "processing") {
    source_.reset();
    current_id_.clear();
    platform::log::Info("bulk upload finished", {{"upload", row.id}, {"state", row.state}});
  }
  return true;
}

absl::StatusOr<bool> BulkProcessor::OpenAtNextRecord(BulkUploadRow& row) {
  if (current_id_ == row.id && current_position_ == row.records_done && source_ != nullptr) {
    return true;
  }
  source_.reset();
  std::string content;
  {
    ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
    ASSIGN_OR_RETURN(content, BulkStore::Content(*tx, row.id));
  }
  if (row.records_total == 0) row.records_total = CountRecords(content, options_.limits);
  absl::StatusOr<std::unique_ptr<BulkSource>> opened =
      BulkSource::Open(std::move(content), options_.limits);
  if (!opened.ok()) {
    row.state = "failed";
    row.error = std::string(opened.status().message());
    row.finished_at = deps_.clock.Now();
    RETURN_IF_ERROR(platform::db::InTransaction(deps_.db, [&](platform::db::Transaction& tx) {
      return BulkStore::SaveProgress(tx, row, owner_);
    }));
    return false;
  }
  source_ = std::make_unique<ReadAheadSource>(*std::move(opened),
                                              static_cast<size_t>(2 * options_.batch_size));
  current_id_ = row.id;
  current_position_ = 0;
  // Resume after the last committed record.
  while (current_position_ < row.records_done) {
    ASSIGN_OR_RETURN(std::optional<BulkRecord> skipped, source_->Next());
    if (!skipped) break;
    ++current_position_;
  }
  return true;
}

std::vector<BulkRecord> BulkProcessor::ReadBatch(absl::Status& file_error) {
  std::vector<BulkRecord> batch;
  while (static_cast<int>(batch.size()) < options_.batch_size) {
    absl::StatusOr<std::optional<BulkRecord>> next = source_->Next();
    if (!next.ok()) {
      file_error = next.status();
      break;
    }
    if (!next->has_value()) break;
    batch.push_back(**std::move(next));
  }
  return batch;
}

void BulkProcessor::AnalyzeIfGrown(int64_t filed) {
  if (options_.analyze_after <= 0) return;
  if (next_analyze_ == 0) next_analyze_ = options_.analyze_after;
  filed_since_analyze_ += filed;
  if (filed_since_analyze_ < next_analyze_) return;
  filed_since_analyze_ = 0;
  next_analyze_ *= 2;
  // PostgreSQL's advice after loading much data ("Populating a Database": run ANALYZE
  // afterwards); a failure (e.g. a role that does not own the tables) only costs the plans.
  if (absl::Status analysed = deps_.db.Analyze({"relationships", "communications"});
      !analysed.ok()) {
    platform::log::Warn("bulk upload: ANALYZE failed", {{"error", analysed.ToString()}});
  }
}

absl::StatusOr<std::vector<BulkRecordRow>> BulkProcessor::FileBatch(
    platform::db::Transaction& tx, store::BatchFilingStore& filings,
    platform::outbox::EventWriter& events, const Caller& filer, std::vector<BulkRecord>& batch,
    bool verify_only, absl::Time now, absl::CivilDay today, BulkUploadRow& counts) {
  std::vector<const Communication*> named;
  for (const BulkRecord& record : batch) {
    if (record.communication.ok()) named.push_back(&*record.communication);
  }
  RETURN_IF_ERROR(filings.Prefetch(named));
  std::map<std::string, bool> delegated;
  {  // whom the filer acts for, once per batch (a consultant's file names many)
    std::set<std::string> companies;
    for (const Communication* c : named) companies.insert(FiledFor(*c));
    ASSIGN_OR_RETURN(
        std::set<std::string> held,
        store::DelegationReplica::HeldAmong(tx, filer.subject, {companies.begin(), companies.end()},
                                            platform::auth::kScopeCommunications));
    for (const std::string& company : companies) delegated[company] = held.contains(company);
  }
  std::vector<BulkRecordRow> report;
  report.reserve(batch.size());
  for (BulkRecord& record : batch) {
    BulkRecordRow out{record.index, "refused", "", "", "", ""};
    if (!record.communication.ok()) {
      out.errors = platform::ErrorReason(record.communication.status());
      out.message = std::string(record.communication.status().message());
    } else {
      ASSIGN_OR_RETURN(
          RecordOutcome o,
          FileRecord(tx, filings, events, filer, *std::move(record.communication), delegated,
                     verify_only, /*read_valid=*/true, now, today, deps_));
      out.outcome = o.outcome;
      out.code = o.code;
      out.errors = o.reason.empty() ? Codes(o.findings, Severity::kError) : o.reason;
      out.warnings = Codes(o.findings, Severity::kWarning);
      out.message = o.message;
    }
    ++counts.records_done;
    if (out.outcome == "refused") {
      ++counts.refused;
    } else {
      ++counts.accepted;
      if (!out.warnings.empty()) ++counts.with_warnings;
    }
    report.push_back(std::move(out));
  }
  return report;
}

}  // namespace sisl::communications
