#include "services/communications/app/bulk.h"

#include "services/communications/app/bulk_report.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "openssl/evp.h"
#include "services/platform/db/request_ids.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/paging.h"
#include "services/platform/status_macros.h"

namespace sisl::communications {
namespace {

using store::BulkRecordRow;
using store::BulkStore;
using store::BulkUploadRow;

std::string Sha256Hex(const std::string& content) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(content.data(), content.size(), digest, &size, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

// Every record row of an upload, in order (pages of 5000).
absl::StatusOr<std::vector<BulkRecordRow>> AllRecords(platform::db::Transaction& tx,
                                                      const std::string& id) {
  std::vector<BulkRecordRow> out;
  for (;;) {
    ASSIGN_OR_RETURN(std::vector<BulkRecordRow> page,
                     BulkStore::Records(tx, id, out.empty() ? 0 : out.back().index, 5000));
    if (page.empty()) return out;
    out.insert(out.end(), page.begin(), page.end());
  }
}

}  // namespace

BulkProgress ProgressOf(const BulkUploadRow& row, absl::Time now) {
  BulkProgress p;
  if (row.started_at == absl::UnixEpoch() || row.records_done == 0) return p;
  const absl::Time end = row.finished_at == absl::UnixEpoch() ? now : row.finished_at;
  const double seconds = std::max(absl::ToDoubleSeconds(end - row.started_at), 1e-3);
  p.records_per_second = static_cast<double>(row.records_done) / seconds;
  const int64_t left = std::max<int64_t>(row.records_total - row.records_done, 0);
  p.eta_seconds = row.finished_at == absl::UnixEpoch()
                      ? static_cast<int64_t>(static_cast<double>(left) / p.records_per_second)
                      : 0;
  return p;
}

absl::StatusOr<BulkUploadRow> BulkUploads::Create(const Caller& caller,
                                                  const std::string& request_id,
                                                  const std::string& file_name, std::string content,
                                                  bool verify_only) {
  // What cannot even be opened is refused now; records are read by the processor.
  if (content.empty()) return platform::InvalidField("BULK_EMPTY", "content", "the file is empty");
  if (static_cast<int64_t>(content.size()) > limits_.max_bytes) {
    return platform::InvalidField("BULK_TOO_LARGE", "content",
                                  absl::StrCat("at most ", limits_.max_bytes, " bytes"));
  }
  BulkUploadRow row;
  RETURN_IF_ERROR(deps_.committer.Commit(
      [&](platform::db::Transaction& tx, platform::outbox::EventWriter&) -> absl::Status {
        RETURN_IF_ERROR(RequireFiler(tx, caller, caller.acting_for));
        const platform::db::RequestKey key{"communications.CreateBulkUpload", caller.subject,
                                           request_id};
        ASSIGN_OR_RETURN(row, platform::db::CreateOnce<BulkUploadRow>(
                                  tx, key, deps_.clock.Now(),
                                  [&](const std::string& id) { return BulkStore::Get(tx, id); },
                                  [&]() -> absl::StatusOr<BulkUploadRow> {
                                    BulkUploadRow u;
                                    u.id = platform::NewUuidV7(deps_.clock);
                                    u.company = caller.acting_for;
                                    u.filed_by = caller.subject;
                                    u.filed_by_role = ActorRole(caller);
                                    u.file_name = file_name;
                                    u.sha256 = Sha256Hex(content);
                                    u.verify_only = verify_only;
                                    u.created_at = deps_.clock.Now();
                                    RETURN_IF_ERROR(BulkStore::Insert(tx, u, content));
                                    return u;
                                  },
                                  [](const BulkUploadRow& u) { return u.id; }));
        return absl::OkStatus();
      }));
  return row;
}

absl::StatusOr<BulkUploadRow> BulkUploads::Authorized(platform::db::Transaction& tx,
                                                      const Caller& caller, const std::string& id) {
  RETURN_IF_ERROR(RequireFiler(tx, caller, caller.acting_for));
  ASSIGN_OR_RETURN(BulkUploadRow row, BulkStore::Get(tx, id));
  if (row.company != caller.acting_for) {
    return platform::Error(absl::StatusCode::kNotFound, "BULK_UPLOAD_NOT_FOUND",
                           "no bulk upload with this id");
  }
  return row;
}

absl::StatusOr<BulkUploadRow> BulkUploads::Get(const Caller& caller, const std::string& id) {
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  return Authorized(*tx, caller, id);
}

absl::StatusOr<BulkUploadPage> BulkUploads::List(const Caller& caller, int page_size,
                                                 const std::string& page_token) {
  ASSIGN_OR_RETURN(int size, platform::ResolvePageSize(page_size, 50, 200));
  const std::string query = absl::StrCat("bulk-uploads/", caller.acting_for);
  ASSIGN_OR_RETURN(std::string cursor, platform::DecodePageToken(page_token, query));
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  RETURN_IF_ERROR(RequireFiler(*tx, caller, caller.acting_for));
  BulkUploadPage page;
  ASSIGN_OR_RETURN(page.uploads, BulkStore::OfCompany(*tx, caller.acting_for, cursor, size + 1));
  if (static_cast<int>(page.uploads.size()) > size) {
    page.uploads.resize(size);
    page.next_page_token = platform::EncodePageToken(page.uploads.back().id, query);
  }
  return page;
}

absl::StatusOr<std::string> BulkUploads::ReportCsv(const Caller& caller, const std::string& id,
                                                   Language language) {
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  RETURN_IF_ERROR(Authorized(*tx, caller, id).status());
  ASSIGN_OR_RETURN(std::vector<BulkRecordRow> records, AllRecords(*tx, id));
  return communications::ReportCsv(records, language);
}

absl::StatusOr<std::string> BulkUploads::ReportXml(const Caller& caller, const std::string& id,
                                                   Language language) {
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  ASSIGN_OR_RETURN(BulkUploadRow row, Authorized(*tx, caller, id));
  ASSIGN_OR_RETURN(std::vector<BulkRecordRow> records, AllRecords(*tx, id));
  return communications::ReportXml(row, records, language);
}

}  // namespace sisl::communications
