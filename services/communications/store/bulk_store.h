// The bulk_uploads, bulk_files and bulk_records tables, inside the caller's transaction.
#ifndef SISL_SERVICES_COMMUNICATIONS_STORE_BULK_STORE_H_
#define SISL_SERVICES_COMMUNICATIONS_STORE_BULK_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/platform/db/database.h"

namespace sisl::communications::store {

struct BulkUploadRow {
  std::string id;
  std::string company;
  std::string filed_by;
  std::string filed_by_role;
  std::string file_name;
  std::string sha256;
  bool verify_only = false;
  std::string state = "queued";  // queued, processing, done, failed
  int64_t records_total = 0;
  int64_t records_done = 0;
  int64_t accepted = 0;
  int64_t refused = 0;
  int64_t with_warnings = 0;
  std::string error;
  std::string lease_owner;
  absl::Time lease_until = absl::UnixEpoch();
  absl::Time created_at = absl::UnixEpoch();
  absl::Time started_at = absl::UnixEpoch();   // epoch: not started
  absl::Time finished_at = absl::UnixEpoch();  // epoch: not finished
};

struct BulkRecordRow {
  int64_t index = 0;
  std::string outcome;  // accepted, refused, acceptable (verify only)
  std::string code;     // the communication code when accepted
  std::string errors;   // comma-separated rule codes or reasons
  std::string warnings;
  std::string message;  // the first error's message (English), or ""
};

class BulkStore final {
 public:
  // ALREADY_EXISTS, reason FILE_ALREADY_UPLOADED, for the same company, file and mode.
  static absl::Status Insert(platform::db::Transaction& tx, const BulkUploadRow& row,
                             const std::string& content);
  // NOT_FOUND, reason BULK_UPLOAD_NOT_FOUND.
  static absl::StatusOr<BulkUploadRow> Get(platform::db::Transaction& tx, const std::string& id);
  static absl::StatusOr<std::vector<BulkUploadRow>> OfCompany(platform::db::Transaction& tx,
                                                              const std::string& company,
                                                              const std::string& after_id,
                                                              int limit);
  // The oldest upload waiting or processing whose lease has run out or is `owner`'s own (a
  // processor goes on with its upload between slices without waiting for its lease to end).
  static absl::StatusOr<std::optional<BulkUploadRow>> NextDue(platform::db::Transaction& tx,
                                                              absl::Time now,
                                                              const std::string& owner);
  // Takes the lease if `row`'s lease is still the one read (false: another worker took it).
  static absl::StatusOr<bool> Claim(platform::db::Transaction& tx, const BulkUploadRow& row,
                                    const std::string& owner, absl::Time now, absl::Time until);
  static absl::StatusOr<std::string> Content(platform::db::Transaction& tx, const std::string& id);
  // Writes counters, state, error, times and lease, if `owner` still holds the lease
  // (ABORTED, reason LEASE_LOST, otherwise).
  static absl::Status SaveProgress(platform::db::Transaction& tx, const BulkUploadRow& row,
                                   const std::string& owner);
  // The report rows of a batch, in one statement.
  static absl::Status AddRecords(platform::db::Transaction& tx, const std::string& upload_id,
                                 const std::vector<BulkRecordRow>& records);
  static absl::StatusOr<std::vector<BulkRecordRow>> Records(platform::db::Transaction& tx,
                                                            const std::string& upload_id,
                                                            int64_t after_index, int limit);
};

}  // namespace sisl::communications::store

#endif  // SISL_SERVICES_COMMUNICATIONS_STORE_BULK_STORE_H_
