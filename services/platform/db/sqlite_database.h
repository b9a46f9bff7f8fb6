#ifndef SISL_PLATFORM_DB_SQLITE_DATABASE_H_
#define SISL_PLATFORM_DB_SQLITE_DATABASE_H_

#include <memory>
#include <string>
#include <unordered_map>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/platform/db/database.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sisl::platform::db {

// SQLite adapter for the embedded mode and unit tests. One connection in WAL mode; transactions
// are serialised by a mutex (BEGIN IMMEDIATE), which is what SQLite does for writers anyway.
class SqliteDatabase final : public Database {
 public:
  // `path` is a file name or ":memory:".
  static absl::StatusOr<std::unique_ptr<Database>> Open(const std::string& path);
  ~SqliteDatabase() override;

  Dialect dialect() const override { return Dialect::kSqlite; }
  // Waits for the open transaction, if any, to end: the returned one holds mu_ until destroyed.
  absl::StatusOr<std::unique_ptr<Transaction>> Begin() override ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status Ping() override { return absl::OkStatus(); }

 private:
  explicit SqliteDatabase(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  // Held by the open transaction for its whole life (taken in Begin, released when the
  // transaction is destroyed); guards the connection and the statement cache.
  absl::Mutex mu_;
  // Prepared statements by SQL text, reused across transactions (which use it through a
  // reference while they hold mu_, out of reach of the static analysis).
  std::unordered_map<std::string, sqlite3_stmt*> statements_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sisl::platform::db

#endif  // SISL_PLATFORM_DB_SQLITE_DATABASE_H_
