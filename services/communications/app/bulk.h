// Bulk uploads (issue 12 point 8, what Commax does): an XML file or a ZIP of them for the
// company the caller acts for, stored and processed by BulkProcessor, with a per-record report.
#ifndef SISL_SERVICES_COMMUNICATIONS_APP_BULK_H_
#define SISL_SERVICES_COMMUNICATIONS_APP_BULK_H_

#include <atomic>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/communications/app/access.h"
#include "services/communications/app/bulk_source.h"
#include "services/communications/app/deps.h"
#include "services/communications/receipt/receipt.h"
#include "services/communications/store/bulk_store.h"

namespace sisl::communications {

struct BulkUploadPage {
  std::vector<store::BulkUploadRow> uploads;
  std::string next_page_token;
};

// Progress figures of an upload at `now`.
struct BulkProgress {
  double records_per_second = 0;
  int64_t eta_seconds = 0;
};
BulkProgress ProgressOf(const store::BulkUploadRow& row, absl::Time now);

class BulkUploads final {
 public:
  BulkUploads(Deps deps, BulkLimits limits) : deps_(deps), limits_(limits) {}

  // Stores the file for the company the caller acts for (RequireFiler); FILE_ALREADY_UPLOADED
  // for the same file again, BULK_TOO_LARGE / BULK_EMPTY / BULK_NOT_A_ZIP for what cannot even
  // be opened. `on_created` is called after the commit (to wake the processor).
  absl::StatusOr<store::BulkUploadRow> Create(const Caller& caller, const std::string& request_id,
                                              const std::string& file_name, std::string content,
                                              bool verify_only);
  // The company's filers only (NOT_ACTING_FOR_COMPANY otherwise; NOT_FOUND across companies).
  absl::StatusOr<store::BulkUploadRow> Get(const Caller& caller, const std::string& id);
  absl::StatusOr<BulkUploadPage> List(const Caller& caller, int page_size,
                                      const std::string& page_token);
  // The per-record report (bulk_report.h), its messages in `language`.
  absl::StatusOr<std::string> ReportCsv(const Caller& caller, const std::string& id,
                                        Language language);
  absl::StatusOr<std::string> ReportXml(const Caller& caller, const std::string& id,
                                        Language language);

  const BulkLimits& limits() const { return limits_; }

 private:
  absl::StatusOr<store::BulkUploadRow> Authorized(platform::db::Transaction& tx,
                                                  const Caller& caller, const std::string& id);
  Deps deps_;
  BulkLimits limits_;
};

}  // namespace sisl::communications

#endif  // SISL_SERVICES_COMMUNICATIONS_APP_BULK_H_
