#include "services/platform/db/database.h"

#include <cstdio>
#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/platform/db/multi_row.h"
#include "services/platform/db/postgres_database.h"
#include "services/platform/db/sqlite_database.h"
#include "services/platform/errors.h"

namespace sisl::platform::db {

absl::StatusOr<int64_t> Transaction::CopyRows(absl::string_view table,
                                              const std::vector<std::string>& columns,
                                              const std::vector<std::vector<Value>>& rows) {
  return InsertRows(
      *this, absl::StrCat("INSERT INTO ", table, " (", absl::StrJoin(columns, ", "), ")"), rows);
}

int64_t Row::Int(size_t i) const {
  const Value& v = values.at(i);
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) {
    int64_t out = 0;
    if (absl::SimpleAtoi(*s, &out)) return out;
    if (*s == "t" || *s == "true") return 1;
  }
  return 0;
}

double Row::Double(size_t i) const {
  const Value& v = values.at(i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* n = std::get_if<int64_t>(&v)) return static_cast<double>(*n);
  if (const auto* s = std::get_if<std::string>(&v)) {
    double out = 0;
    if (absl::SimpleAtod(*s, &out)) return out;
  }
  return 0;
}

std::string Row::Str(size_t i) const {
  const Value& v = values.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<int64_t>(&v)) return absl::StrCat(*n);
  if (const auto* d = std::get_if<double>(&v)) return absl::StrCat(*d);
  return "";
}

absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(const DatabaseOptions& options) {
  if (absl::StartsWith(options.url, "sqlite:")) {
    return SqliteDatabase::Open(options.url.substr(7));
  }
  if (absl::StartsWith(options.url, "postgresql://") ||
      absl::StartsWith(options.url, "postgres://")) {
    return PostgresDatabase::Open(options);
  }
  return Error(absl::StatusCode::kInvalidArgument, "INVALID_DATABASE_URL",
               "database url must start with sqlite: or postgresql://");
}

absl::Status InTransaction(Database& db, const std::function<absl::Status(Transaction&)>& fn,
                           int attempts) {
  absl::Status last;
  for (int i = 0; i < attempts; ++i) {
    auto tx = db.Begin();
    if (!tx.ok()) return tx.status();
    last = fn(**tx);
    if (last.ok()) last = (*tx)->Commit();
    if (ErrorReason(last) != "DB_CONFLICT") return last;
  }
  return last;
}

size_t RowReader::Index(absl::string_view column) const {
  for (size_t i = 0; i < result_->columns.size(); ++i) {
    if (result_->columns[i] == column) return i;
  }
  std::fprintf(stderr, "RowReader: the query selects no column '%.*s'\n",
               static_cast<int>(column.size()), column.data());
  std::abort();
}

}  // namespace sisl::platform::db
