#include "services/communications/store/bulk_store.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::communications::store {
namespace {

using platform::db::Result;
using platform::db::RowReader;
using platform::db::Rows;
using platform::db::Transaction;

constexpr char kColumns[] =
    "SELECT id, company, filed_by, filed_by_role, file_name, sha256, verify_only, state,"
    " records_total, records_done, accepted, refused, with_warnings, error, lease_owner,"
    " lease_until, created_at, started_at, finished_at FROM bulk_uploads ";

std::vector<BulkUploadRow> Read(const Result& res) {
  std::vector<BulkUploadRow> out;
  for (const RowReader& r : Rows(res)) {
    BulkUploadRow u;
    u.id = r.Str("id");
    u.company = r.Str("company");
    u.filed_by = r.Str("filed_by");
    u.filed_by_role = r.Str("filed_by_role");
    u.file_name = r.Str("file_name");
    u.sha256 = r.Str("sha256");
    u.verify_only = r.Bool("verify_only");
    u.state = r.Str("state");
    u.records_total = r.Int("records_total");
    u.records_done = r.Int("records_done");
    u.accepted = r.Int("accepted");
    u.refused = r.Int("refused");
    u.with_warnings = r.Int("with_warnings");
    u.error = r.Str("error");
    u.lease_owner = r.Str("lease_owner");
    u.lease_until = r.Time("lease_until");
    u.created_at = r.Time("created_at");
    u.started_at = r.Time("started_at");
    u.finished_at = r.Time("finished_at");
    out.push_back(std::move(u));
  }
  return out;
}

}  // namespace

absl::Status BulkStore::Insert(Transaction& tx, const BulkUploadRow& u,
                               const std::string& content) {
  absl::Status st =
      tx.Execute(
            "INSERT INTO bulk_uploads (id, company, filed_by, filed_by_role, file_name, sha256,"
            " verify_only, state, records_total, records_done, accepted, refused, with_warnings,"
            " error, lease_owner, lease_until, created_at, started_at, finished_at) VALUES"
            " ($1, $2, $3, $4, $5, $6, $7, 'queued', 0, 0, 0, 0, 0, '', '', 0, $8, 0, 0)",
            {u.id, u.company, u.filed_by, u.filed_by_role, u.file_name, u.sha256,
             int64_t{u.verify_only}, absl::ToUnixMicros(u.created_at)})
          .status();
  if (absl::IsAlreadyExists(st)) {
    return platform::Error(absl::StatusCode::kAlreadyExists, "FILE_ALREADY_UPLOADED",
                           "this file was already uploaded for this company");
  }
  RETURN_IF_ERROR(st);
  return tx
      .Execute("INSERT INTO bulk_files (upload_id, content) VALUES ($1, $2)",
               {u.id, absl::Base64Escape(content)})
      .status();
}

absl::StatusOr<BulkUploadRow> BulkStore::Get(Transaction& tx, const std::string& id) {
  ASSIGN_OR_RETURN(Result res, tx.Execute(absl::StrCat(kColumns, "WHERE id = $1"), {id}));
  std::vector<BulkUploadRow> rows = Read(res);
  if (rows.empty()) {
    return platform::Error(absl::StatusCode::kNotFound, "BULK_UPLOAD_NOT_FOUND",
                           "no bulk upload with this id");
  }
  return std::move(rows.front());
}

absl::StatusOr<std::vector<BulkUploadRow>> BulkStore::OfCompany(Transaction& tx,
                                                                const std::string& company,
                                                                const std::string& after_id,
                                                                int limit) {
  Result res;
  if (after_id.empty()) {
    ASSIGN_OR_RETURN(
        res, tx.Execute(absl::StrCat(kColumns, "WHERE company = $1 ORDER BY id DESC LIMIT $2"),
                        {company, int64_t{limit}}));
  } else {
    ASSIGN_OR_RETURN(res, tx.Execute(absl::StrCat(kColumns,
                                                  "WHERE company = $1 AND id < $2"
                                                  " ORDER BY id DESC LIMIT $3"),
                                     {company, after_id, int64_t{limit}}));
  }
  return Read(res);
}

absl::StatusOr<std::optional<BulkUploadRow>> BulkStore::NextDue(Transaction& tx, absl::Time now,
                                                                const std::string& owner) {
  ASSIGN_OR_RETURN(Result res, tx.Execute(absl::StrCat(kColumns,
                                                       "WHERE state IN ('queued', 'processing') AND"
                                                       " (lease_until < $1 OR lease_owner = $2)"
                                                       " ORDER BY created_at, id LIMIT 1"),
                                          {absl::ToUnixMicros(now), owner}));
  std::vector<BulkUploadRow> rows = Read(res);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

absl::StatusOr<bool> BulkStore::Claim(Transaction& tx, const BulkUploadRow& row,
                                      const std::string& owner, absl::Time now, absl::Time until) {
  ASSIGN_OR_RETURN(
      Result res,
      tx.Execute("UPDATE bulk_uploads SET lease_owner = $2, lease_until = $3, state ="
                 " 'processing', started_at = CASE WHEN started_at = 0 THEN $4 ELSE started_at"
                 " END WHERE id = $1 AND lease_owner = $5 AND lease_until = $6 AND state IN"
                 " ('queued', 'processing')",
                 {row.id, owner, absl::ToUnixMicros(until), absl::ToUnixMicros(now),
                  row.lease_owner, absl::ToUnixMicros(row.lease_until)}));
  return res.affected_rows == 1;
}

absl::StatusOr<std::string> BulkStore::Content(Transaction& tx, const std::string& id) {
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute("SELECT content FROM bulk_files WHERE upload_id = $1", {id}));
  if (res.rows.empty()) {
    return platform::Error(absl::StatusCode::kNotFound, "BULK_UPLOAD_NOT_FOUND",
                           "no file for this bulk upload");
  }
  std::string content;
  if (!absl::Base64Unescape(Rows(res).front().Str("content"), &content)) {
    return platform::Error(absl::StatusCode::kDataLoss, "CORRUPT_RECORD",
                           "a stored bulk file is not base64");
  }
  return content;
}

absl::Status BulkStore::SaveProgress(Transaction& tx, const BulkUploadRow& u,
                                     const std::string& owner) {
  ASSIGN_OR_RETURN(
      Result res,
      tx.Execute(
          "UPDATE bulk_uploads SET state = $2, records_total = $3, records_done = $4,"
          " accepted = $5, refused = $6, with_warnings = $7, error = $8,"
          " lease_until = $9, finished_at = $10 WHERE id = $1 AND lease_owner = $11",
          {u.id, u.state, u.records_total, u.records_done, u.accepted, u.refused, u.with_warnings,
           u.error, absl::ToUnixMicros(u.lease_until), absl::ToUnixMicros(u.finished_at), owner}));
  if (res.affected_rows == 1) return absl::OkStatus();
  return platform::Error(absl::StatusCode::kAborted, "LEASE_LOST",
                         "another worker took over this bulk upload");
}

absl::Status BulkStore::AddRecords(Transaction& tx, const std::string& upload_id,
                                   const std::vector<BulkRecordRow>& records) {
  std::vector<std::vector<platform::db::Value>> rows;
  rows.reserve(records.size());
  for (const BulkRecordRow& r : records) {
    rows.push_back({upload_id, r.index, r.outcome, r.code, r.errors, r.warnings, r.message});
  }
  return tx
      .CopyRows("bulk_records",
                {"upload_id", "idx", "outcome", "code", "errors", "warnings", "message"}, rows)
      .status();
}

absl::StatusOr<std::vector<BulkRecordRow>> BulkStore::Records(Transaction& tx,
                                                              const std::string& upload_id,
                                                              int64_t after_index, int limit) {
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute("SELECT idx, outcome, code, errors, warnings, message FROM"
                              " bulk_records WHERE upload_id = $1 AND idx > $2 ORDER BY idx"
                              " LIMIT $3",
                              {upload_id, after_index, int64_t{limit}}));
  std::vector<BulkRecordRow> out;
  for (const RowReader& r : Rows(res)) {
    out.push_back({r.Int("idx"), r.Str("outcome"), r.Str("code"), r.Str("errors"),
                   r.Str("warnings"), r.Str("message")});
  }
  return out;
}

}  // namespace sisl::communications::store
