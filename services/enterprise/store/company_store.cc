#include "services/enterprise/store/company_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/enterprise/store/json_codec.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"
#include "services/reference/text_folding.h"

namespace sisl::enterprise::store {
namespace {

using platform::db::Result;
using platform::db::RowReader;
using platform::db::Rows;
using platform::db::Transaction;

constexpr char kColumns[] = "c.fiscal_code, c.record, c.version, c.created_at, c.updated_at";

absl::StatusOr<StoredCompany> FromRow(const RowReader& r) {
  StoredCompany s;
  ASSIGN_OR_RETURN(s.company, CompanyFromJson(r.Str("record")));
  s.version = r.Int("version");
  s.created_at = r.Time("created_at");
  s.updated_at = r.Time("updated_at");
  return s;
}

absl::Status NotFound(const std::string& fiscal_code) {
  return platform::Error(absl::StatusCode::kNotFound, "COMPANY_NOT_FOUND",
                         "no company with this fiscal code");
}

absl::Status WriteCpis(Transaction& tx, const std::string& fiscal_code,
                       const std::vector<std::string>& cpi_codes) {
  RETURN_IF_ERROR(
      tx.Execute("DELETE FROM company_cpis WHERE fiscal_code = $1", {fiscal_code}).status());
  for (const std::string& cpi : cpi_codes) {
    RETURN_IF_ERROR(tx.Execute("INSERT INTO company_cpis (fiscal_code, cpi_code) VALUES ($1, $2)"
                               " ON CONFLICT DO NOTHING",
                               {fiscal_code, cpi})
                        .status());
  }
  return absl::OkStatus();
}

absl::Status WriteVersion(Transaction& tx, const Company& c, int64_t version,
                          const ChangeMeta& meta) {
  return tx
      .Execute(
          "INSERT INTO company_versions (fiscal_code, version, changed_at, actor, actor_role,"
          " changed_fields, reason, record) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
          {c.fiscal_code, version, absl::ToUnixMicros(meta.at), meta.actor, meta.actor_role,
           absl::StrJoin(meta.changed_fields, ","), meta.reason, CompanyToJson(c)})
      .status();
}

}  // namespace

std::string FoldForSearch(absl::string_view text) { return reference::FoldPlaceName(text); }

absl::StatusOr<StoredCompany> CompanyStore::Insert(Transaction& tx, const Company& c,
                                                   const std::vector<std::string>& cpi_codes,
                                                   const ChangeMeta& meta) {
  const int64_t at = absl::ToUnixMicros(meta.at);
  absl::StatusOr<Result> res = tx.Execute(
      "INSERT INTO companies (fiscal_code, name, name_folded, record, version, created_at,"
      " updated_at) VALUES ($1, $2, $3, $4, 1, $5, $5)",
      {c.fiscal_code, c.name, FoldForSearch(c.name), CompanyToJson(c), at});
  if (absl::IsAlreadyExists(res.status())) {
    return platform::Error(absl::StatusCode::kAlreadyExists, "COMPANY_ALREADY_REGISTERED",
                           "a company with this fiscal code is already registered");
  }
  RETURN_IF_ERROR(res.status());
  RETURN_IF_ERROR(WriteCpis(tx, c.fiscal_code, cpi_codes));
  RETURN_IF_ERROR(WriteVersion(tx, c, 1, meta));
  return StoredCompany{c, 1, meta.at, meta.at};
}

absl::StatusOr<StoredCompany> CompanyStore::Get(Transaction& tx, const std::string& fiscal_code) {
  ASSIGN_OR_RETURN(
      Result res,
      tx.Execute(absl::StrCat("SELECT ", kColumns, " FROM companies c WHERE c.fiscal_code = $1"),
                 {fiscal_code}));
  if (res.rows.empty()) return NotFound(fiscal_code);
  return FromRow(Rows(res).front());
}

absl::StatusOr<StoredCompany> CompanyStore::Update(Transaction& tx, const Company& c,
                                                   int64_t expected_version,
                                                   const std::vector<std::string>& cpi_codes,
                                                   const ChangeMeta& meta) {
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute("UPDATE companies SET name = $2, name_folded = $3, record = $4,"
                              " version = version + 1, updated_at = $5"
                              " WHERE fiscal_code = $1 AND version = $6",
                              {c.fiscal_code, c.name, FoldForSearch(c.name), CompanyToJson(c),
                               absl::ToUnixMicros(meta.at), expected_version}));
  if (res.affected_rows == 0) {
    RETURN_IF_ERROR(Get(tx, c.fiscal_code).status());  // NOT_FOUND first
    return platform::Error(absl::StatusCode::kAborted, "VERSION_CONFLICT",
                           "the company changed since it was read: read it again");
  }
  RETURN_IF_ERROR(WriteCpis(tx, c.fiscal_code, cpi_codes));
  RETURN_IF_ERROR(WriteVersion(tx, c, expected_version + 1, meta));
  return Get(tx, c.fiscal_code);
}

absl::StatusOr<std::vector<StoredCompany>> CompanyStore::List(Transaction& tx,
                                                              const std::string& cpi_code,
                                                              const std::string& name_prefix,
                                                              const std::string& after, int limit) {
  const std::string folded = FoldForSearch(name_prefix);
  ASSIGN_OR_RETURN(
      Result res,
      tx.Execute(absl::StrCat("SELECT ", kColumns,
                              " FROM companies c WHERE c.fiscal_code > $1"
                              " AND ($2 = '' OR EXISTS (SELECT 1 FROM company_cpis p WHERE"
                              " p.fiscal_code = c.fiscal_code AND p.cpi_code = $2))"
                              " AND ($3 = '' OR c.name_folded LIKE $4 OR c.fiscal_code = $5)"
                              " ORDER BY c.fiscal_code LIMIT $6"),
                 {after, cpi_code, folded, folded + "%", name_prefix, int64_t{limit}}));
  std::vector<StoredCompany> out;
  for (const RowReader& r : Rows(res)) {
    ASSIGN_OR_RETURN(StoredCompany s, FromRow(r));
    out.push_back(std::move(s));
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> CompanyStore::CpisOf(Transaction& tx,
                                                              const std::string& fiscal_code) {
  ASSIGN_OR_RETURN(Result res, tx.Execute("SELECT cpi_code FROM company_cpis WHERE"
                                          " fiscal_code = $1 ORDER BY cpi_code",
                                          {fiscal_code}));
  std::vector<std::string> out;
  for (const RowReader& r : Rows(res)) out.push_back(r.Str("cpi_code"));
  return out;
}

absl::StatusOr<std::vector<CompanyVersionRow>> CompanyStore::Versions(
    Transaction& tx, const std::string& fiscal_code, int64_t before, int limit) {
  ASSIGN_OR_RETURN(
      Result res,
      tx.Execute("SELECT version, changed_at, actor, actor_role, changed_fields, reason, record"
                 " FROM company_versions WHERE fiscal_code = $1 AND ($2 = 0 OR version < $2)"
                 " ORDER BY version DESC LIMIT $3",
                 {fiscal_code, before, int64_t{limit}}));
  std::vector<CompanyVersionRow> out;
  for (const RowReader& r : Rows(res)) {
    CompanyVersionRow row;
    row.version = r.Int("version");
    row.meta.at = r.Time("changed_at");
    row.meta.actor = r.Str("actor");
    row.meta.actor_role = r.Str("actor_role");
    const std::string fields = r.Str("changed_fields");
    if (!fields.empty()) row.meta.changed_fields = absl::StrSplit(fields, ',');
    row.meta.reason = r.Str("reason");
    ASSIGN_OR_RETURN(row.company, CompanyFromJson(r.Str("record")));
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace sisl::enterprise::store
