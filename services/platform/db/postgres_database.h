#ifndef SISL_PLATFORM_DB_POSTGRES_DATABASE_H_
#define SISL_PLATFORM_DB_POSTGRES_DATABASE_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "services/platform/db/database.h"

namespace sisl::platform::db {

class PgConnection;

// PostgreSQL adapter on libpq: a fixed-size pool of connections, created lazily and re-created
// after a failure, with per-connection prepared statements.
class PostgresDatabase final : public Database {
 public:
  static absl::StatusOr<std::unique_ptr<Database>> Open(const DatabaseOptions& options);
  ~PostgresDatabase() override;

  Dialect dialect() const override { return Dialect::kPostgres; }
  absl::StatusOr<std::unique_ptr<Transaction>> Begin() override;
  absl::Status Ping() override;

  // Used by transactions to hand their connection back.
  void Release(std::unique_ptr<PgConnection> conn);

 private:
  explicit PostgresDatabase(const DatabaseOptions& options);
  absl::StatusOr<std::unique_ptr<PgConnection>> Acquire();

  DatabaseOptions options_;
  std::string conninfo_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  int open_ = 0;  // connections in use or idle
};

}  // namespace sisl::platform::db

#endif  // SISL_PLATFORM_DB_POSTGRES_DATABASE_H_
