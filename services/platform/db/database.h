#ifndef SISL_PLATFORM_DB_DATABASE_H_
#define SISL_PLATFORM_DB_DATABASE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sisl::platform::db {

// A SQL value. SISL's portable SQL (ARCHITECTURE.md §6) needs only these: integers (also times in
// microseconds and booleans), doubles and text (also JSON). Binary data is stored base64 in text.
using Value = std::variant<std::monostate, int64_t, double, std::string>;

struct Row {
  std::vector<Value> values;

  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(values.at(i)); }
  // Integer value of column i (0 when NULL; text is parsed, doubles truncated).
  int64_t Int(size_t i) const;
  double Double(size_t i) const;
  // Text value of column i ("" when NULL; numbers are formatted).
  std::string Str(size_t i) const;
};

struct Result {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  // Rows inserted, updated or deleted by the statement.
  int64_t affected_rows = 0;
};

// Reads the columns of one result row by name, so a query and its reader cannot drift apart:
//
//   for (const RowReader& r : Rows(result)) out.push_back({r.Str("id"), r.Time("start_at")});
//
// Naming a column the query does not select is a programming error: it aborts with the name.
class RowReader final {
 public:
  RowReader(const Result& result, const Row& row) : result_(&result), row_(&row) {}

  bool IsNull(absl::string_view column) const { return row_->IsNull(Index(column)); }
  std::string Str(absl::string_view column) const { return row_->Str(Index(column)); }
  int64_t Int(absl::string_view column) const { return row_->Int(Index(column)); }
  double Double(absl::string_view column) const { return row_->Double(Index(column)); }
  bool Bool(absl::string_view column) const { return Int(column) != 0; }
  // Times are stored as integer microseconds since the epoch, UTC.
  absl::Time Time(absl::string_view column) const { return absl::FromUnixMicros(Int(column)); }

 private:
  size_t Index(absl::string_view column) const;
  const Result* result_;
  const Row* row_;
};

// Iterates a result's rows as RowReaders.
class Rows final {
 public:
  explicit Rows(const Result& result) : result_(result) {}
  class Iterator final {
   public:
    Iterator(const Result& result, size_t i) : result_(&result), i_(i) {}
    RowReader operator*() const { return RowReader(*result_, result_->rows[i_]); }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& other) const { return i_ != other.i_; }

   private:
    const Result* result_;
    size_t i_;
  };
  Iterator begin() const { return Iterator(result_, 0); }
  Iterator end() const { return Iterator(result_, result_.rows.size()); }
  size_t size() const { return result_.rows.size(); }
  bool empty() const { return result_.rows.empty(); }
  RowReader front() const { return RowReader(result_, result_.rows.front()); }

 private:
  const Result& result_;
};

enum class Dialect { kSqlite, kPostgres };

// One database transaction. Destroying it without Commit() rolls it back.
//
// Statements use $1, $2 ... parameters and must run unchanged on PostgreSQL 15 and SQLite 3.40.
// Errors: UNAVAILABLE when the database cannot be reached, ALREADY_EXISTS (reason
// UNIQUE_VIOLATION) and FAILED_PRECONDITION (CONSTRAINT_VIOLATION) for violated constraints,
// ABORTED (DB_CONFLICT) for serialization failures worth retrying, INTERNAL otherwise.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual absl::StatusOr<Result> Execute(absl::string_view sql,
                                         const std::vector<Value>& params = {}) = 0;
  // Runs several ';'-separated statements without parameters (migrations).
  virtual absl::Status ExecuteScript(absl::string_view sql) = 0;
  virtual absl::Status Commit() = 0;
  // Inserts `rows` (each the values of `columns`, in order) into `table`, for plain inserts of
  // many rows (no ON CONFLICT): PostgreSQL's COPY for more than a few rows, multi-row INSERTs
  // otherwise (and on SQLite). Returns the rows written; errors as Execute's.
  virtual absl::StatusOr<int64_t> CopyRows(absl::string_view table,
                                           const std::vector<std::string>& columns,
                                           const std::vector<std::vector<Value>>& rows);
};

// The relational store port. Adapters: PostgreSQL (libpq, pooled) and SQLite.
class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  virtual absl::StatusOr<std::unique_ptr<Transaction>> Begin() = 0;
  // OK when the database answers (used by /readyz).
  virtual absl::Status Ping() = 0;
  // Refreshes the planner's statistics of `tables` (names from code, never from input) after a
  // large load, so that what follows is planned for the rows now there rather than for the
  // table it was: PostgreSQL's ANALYZE. Nothing on SQLite.
  virtual absl::Status Analyze(const std::vector<std::string>& tables) { return absl::OkStatus(); }
};

struct DatabaseOptions {
  // "sqlite:/path/file.db", "sqlite::memory:" or "postgresql://user:pass@host:port/db".
  std::string url;
  int pool_size = 8;
  // How long Begin() waits for a free connection or a connection attempt.
  int connect_timeout_seconds = 3;
  // PostgreSQL: the schema this service owns (created if missing, set as search_path).
  std::string schema;
};

absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(const DatabaseOptions& options);

// Runs `fn` in a transaction and commits it; retries up to `attempts` times on DB_CONFLICT.
absl::Status InTransaction(Database& db, const std::function<absl::Status(Transaction&)>& fn,
                           int attempts = 3);

}  // namespace sisl::platform::db

#endif  // SISL_PLATFORM_DB_DATABASE_H_
