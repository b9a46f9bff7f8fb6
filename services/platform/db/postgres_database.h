#ifndef SISL_PLATFORM_DB_POSTGRES_DATABASE_H_
#define SISL_PLATFORM_DB_POSTGRES_DATABASE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
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
  absl::Status Analyze(const std::vector<std::string>& tables) override;

  // Used by transactions to hand their connection back.
  void Release(std::unique_ptr<PgConnection> conn) ABSL_LOCKS_EXCLUDED(mu_);

 private:
  explicit PostgresDatabase(const DatabaseOptions& options);
  // Waits up to connect_timeout_seconds for an idle connection or room for a new one.
  absl::StatusOr<std::unique_ptr<PgConnection>> Acquire() ABSL_LOCKS_EXCLUDED(mu_);
  // The condition Acquire waits for.
  bool CanAcquireLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return !idle_.empty() || open_ < options_.pool_size;
  }

  DatabaseOptions options_;
  std::string conninfo_;
  absl::Mutex mu_;
  std::vector<std::unique_ptr<PgConnection>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;  // connections in use or idle
};

}  // namespace sisl::platform::db

#endif  // SISL_PLATFORM_DB_POSTGRES_DATABASE_H_
