#include "services/platform/db/sqlite_database.h"

#include <sqlite3.h>

#include <filesystem>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "services/platform/errors.h"

namespace sisl::platform::db {
namespace {

absl::Status SqliteError(sqlite3* db, int rc, absl::string_view what) {
  const std::string msg = absl::StrCat(what, ": ", sqlite3_errmsg(db));
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Error(absl::StatusCode::kAlreadyExists, "UNIQUE_VIOLATION", msg);
      }
      return Error(absl::StatusCode::kFailedPrecondition, "CONSTRAINT_VIOLATION", msg);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error(absl::StatusCode::kAborted, "DB_CONFLICT", msg);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return Error(absl::StatusCode::kUnavailable, "DB_UNAVAILABLE", msg);
    default:
      return Error(absl::StatusCode::kInternal, "DB_ERROR", msg);
  }
}

// Holds a mutex from construction until destruction, like absl::MutexLock, but movable: Begin()
// takes the database's mutex and hands it, held, to the transaction, which releases it when it is
// destroyed (after its rollback). A moved-from holder releases nothing.
class ABSL_SCOPED_LOCKABLE HeldMutex final {
 public:
  explicit HeldMutex(absl::Mutex* mu) ABSL_EXCLUSIVE_LOCK_FUNCTION(mu) : mu_(mu) { mu_->Lock(); }
  HeldMutex(HeldMutex&& other) noexcept : mu_(std::exchange(other.mu_, nullptr)) {}
  HeldMutex(const HeldMutex&) = delete;
  HeldMutex& operator=(const HeldMutex&) = delete;
  HeldMutex& operator=(HeldMutex&&) = delete;
  ~HeldMutex() ABSL_UNLOCK_FUNCTION() {
    if (mu_ != nullptr) mu_->Unlock();
  }

 private:
  absl::Mutex* mu_;
};

// Returns a cached statement to a clean state when the statement's use ends, or finalizes one
// that is not kept.
struct StmtLease {
  sqlite3_stmt* s = nullptr;
  bool owned = false;
  ~StmtLease() {
    if (s == nullptr) return;
    if (owned) {
      sqlite3_finalize(s);
      return;
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
  }
};

// Statements with more parameters are prepared for one use and not kept: a statement over many
// rows (multi_row.h) has one text per row count.
constexpr size_t kMaxCachedParameters = 64;

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(sqlite3* db, HeldMutex lock,
                    std::unordered_map<std::string, sqlite3_stmt*>& statements)
      : db_(db), lock_(std::move(lock)), statements_(statements) {}
  ~SqliteTransaction() override {
    if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }

  absl::StatusOr<Result> Execute(absl::string_view sql, const std::vector<Value>& params) override {
    StmtLease stmt;
    int rc = SQLITE_OK;
    const bool keep = params.size() <= kMaxCachedParameters;
    auto cached = keep ? statements_.find(std::string(sql)) : statements_.end();
    if (cached != statements_.end()) {
      stmt.s = cached->second;
    } else {
      rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              keep ? SQLITE_PREPARE_PERSISTENT : 0, &stmt.s, nullptr);
      stmt.owned = !keep;
      if (rc != SQLITE_OK) return SqliteError(db_, rc, "prepare");
      if (keep) statements_.emplace(std::string(sql), stmt.s);
    }
    for (size_t i = 0; i < params.size(); ++i) {
      const std::string name = absl::StrCat("$", i + 1);
      // SQLite numbers named parameters in order of first use: $1 ... $n used in order (as the
      // statements over many rows do) are 1 ... n, found without a search by name, which is
      // linear in the parameters (quadratic over a statement of thousands).
      const char* at = sqlite3_bind_parameter_name(stmt.s, static_cast<int>(i + 1));
      int idx = at != nullptr && name == at ? static_cast<int>(i + 1)
                                            : sqlite3_bind_parameter_index(stmt.s, name.c_str());
      if (idx == 0) continue;  // parameter not used by this statement
      const Value& v = params[i];
      if (const auto* n = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt.s, idx, *n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt.s, idx, *d);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        rc = sqlite3_bind_text(stmt.s, idx, s->data(), static_cast<int>(s->size()),
                               SQLITE_TRANSIENT);
      } else {
        rc = sqlite3_bind_null(stmt.s, idx);
      }
      if (rc != SQLITE_OK) return SqliteError(db_, rc, "bind");
    }
    Result result;
    const int ncols = sqlite3_column_count(stmt.s);
    for (int c = 0; c < ncols; ++c) result.columns.emplace_back(sqlite3_column_name(stmt.s, c));
    while ((rc = sqlite3_step(stmt.s)) == SQLITE_ROW) {
      Row row;
      row.values.reserve(ncols);
      for (int c = 0; c < ncols; ++c) {
        switch (sqlite3_column_type(stmt.s, c)) {
          case SQLITE_INTEGER:
            row.values.emplace_back(sqlite3_column_int64(stmt.s, c));
            break;
          case SQLITE_FLOAT:
            row.values.emplace_back(sqlite3_column_double(stmt.s, c));
            break;
          case SQLITE_NULL:
            row.values.emplace_back(std::monostate{});
            break;
          default:
            row.values.emplace_back(
                std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt.s, c)),
                            static_cast<size_t>(sqlite3_column_bytes(stmt.s, c))));
        }
      }
      result.rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) return SqliteError(db_, rc, "step");
    result.affected_rows = sqlite3_stmt_readonly(stmt.s) ? 0 : sqlite3_changes(db_);
    return result;
  }

  absl::Status ExecuteScript(absl::string_view sql) override {
    std::string copy(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "script");
    return absl::OkStatus();
  }

  absl::Status Commit() override {
    int rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "commit");
    done_ = true;
    return absl::OkStatus();
  }

 private:
  sqlite3* db_;
  HeldMutex lock_;  // destroyed after the destructor's ROLLBACK
  // The database's statement cache, guarded by the mutex lock_ holds.
  std::unordered_map<std::string, sqlite3_stmt*>& statements_;
  bool done_ = false;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> SqliteDatabase::Open(const std::string& path) {
  if (path != ":memory:") {
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  sqlite3* db = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    absl::Status st = Error(absl::StatusCode::kUnavailable, "DB_UNAVAILABLE",
                            absl::StrCat("cannot open sqlite database ", path, ": ",
                                         db ? sqlite3_errmsg(db) : "out of memory"));
    sqlite3_close(db);
    return st;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;",
               nullptr, nullptr, nullptr);
  return std::unique_ptr<Database>(new SqliteDatabase(db));
}

SqliteDatabase::~SqliteDatabase() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

absl::StatusOr<std::unique_ptr<Transaction>> SqliteDatabase::Begin() {
  HeldMutex lock(&mu_);
  int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, "begin");
  return std::unique_ptr<Transaction>(new SqliteTransaction(db_, std::move(lock), statements_));
}

}  // namespace sisl::platform::db
