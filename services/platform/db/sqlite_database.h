#ifndef SISL_PLATFORM_DB_SQLITE_DATABASE_H_
#define SISL_PLATFORM_DB_SQLITE_DATABASE_H_

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

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
  absl::StatusOr<std::unique_ptr<Transaction>> Begin() override;
  absl::Status Ping() override { return absl::OkStatus(); }

 private:
  explicit SqliteDatabase(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::mutex mu_;  // held by the open transaction; guards the statement cache too
  // Prepared statements by SQL text, reused across transactions.
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace sisl::platform::db

#endif  // SISL_PLATFORM_DB_SQLITE_DATABASE_H_
