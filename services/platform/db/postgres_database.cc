#include "services/platform/db/postgres_database.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/platform/db/postgres_connection.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::platform::db {
namespace {

constexpr size_t kCopyMinRows = 16;

class PgTransaction final : public Transaction {
 public:
  PgTransaction(PostgresDatabase* db, std::unique_ptr<PgConnection> conn)
      : db_(db), conn_(std::move(conn)) {}

  ~PgTransaction() override {
    if (!done_ && conn_->healthy()) (void)conn_->ExecuteScript("ROLLBACK");
    db_->Release(std::move(conn_));
  }

  absl::StatusOr<Result> Execute(absl::string_view sql, const std::vector<Value>& params) override {
    return conn_->Execute(sql, params);
  }

  absl::Status ExecuteScript(absl::string_view sql) override { return conn_->ExecuteScript(sql); }

  absl::StatusOr<int64_t> CopyRows(absl::string_view table, const std::vector<std::string>& columns,
                                   const std::vector<std::vector<Value>>& rows) override {
    // A COPY takes two round trips: a few rows go faster as one INSERT.
    if (rows.size() < kCopyMinRows) return Transaction::CopyRows(table, columns, rows);
    return conn_->Copy(table, columns, rows);
  }

  absl::Status Commit() override {
    absl::Status st = conn_->ExecuteScript("COMMIT");
    if (st.ok()) done_ = true;
    return st;
  }

 private:
  PostgresDatabase* db_;
  std::unique_ptr<PgConnection> conn_;
  bool done_ = false;
};

}  // namespace

PostgresDatabase::PostgresDatabase(const DatabaseOptions& options) : options_(options) {
  // libpq accepts a URI; connect_timeout bounds how long an unreachable server can stall us.
  const char sep = options.url.find('?') == std::string::npos ? '?' : '&';
  conninfo_ =
      absl::StrCat(options.url, std::string(1, sep),
                   "connect_timeout=", options.connect_timeout_seconds, "&application_name=sisl");
}

PostgresDatabase::~PostgresDatabase() = default;

absl::StatusOr<std::unique_ptr<Database>> PostgresDatabase::Open(const DatabaseOptions& options) {
  std::unique_ptr<PostgresDatabase> db(new PostgresDatabase(options));
  // Fail start-up early on a wrong URL or password, but keep the connection for later use.
  auto conn = db->Acquire();
  if (!conn.ok()) return conn.status();
  db->Release(*std::move(conn));
  return std::unique_ptr<Database>(std::move(db));
}

absl::StatusOr<std::unique_ptr<PgConnection>> PostgresDatabase::Acquire() {
  {
    absl::MutexLock lock(&mu_);
    // Release() and a failed connect below make the condition true; absl::Mutex re-evaluates it
    // whenever the mutex is released.
    if (!mu_.AwaitWithTimeout(absl::Condition(this, &PostgresDatabase::CanAcquireLocked),
                              absl::Seconds(options_.connect_timeout_seconds))) {
      return Error(absl::StatusCode::kUnavailable, "DB_POOL_EXHAUSTED",
                   "no database connection became free in time");
    }
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      if (conn->healthy()) return conn;
      --open_;  // a broken connection: replace it below
    }
    ++open_;
  }
  auto conn = PgConnection::Connect(conninfo_, options_.schema);
  if (!conn.ok()) {
    absl::MutexLock relock(&mu_);
    --open_;
  }
  return conn;
}

void PostgresDatabase::Release(std::unique_ptr<PgConnection> conn) {
  absl::MutexLock lock(&mu_);
  if (conn && conn->healthy()) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
  }
}

absl::StatusOr<std::unique_ptr<Transaction>> PostgresDatabase::Begin() {
  // An idle connection may have been cut since its last use (e.g. a PostgreSQL restart); that
  // shows only when it is used, so a failed BEGIN is retried once on a fresh connection.
  absl::Status st;
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto conn = Acquire();
    if (!conn.ok()) return conn.status();
    st = (*conn)->ExecuteScript("BEGIN");
    if (st.ok()) return std::unique_ptr<Transaction>(new PgTransaction(this, *std::move(conn)));
    Release(*std::move(conn));
    if (st.code() != absl::StatusCode::kUnavailable) break;
  }
  return st;
}

absl::Status PostgresDatabase::Ping() {
  auto tx = Begin();
  if (!tx.ok()) return tx.status();
  auto res = (*tx)->Execute("SELECT 1", {});
  return res.ok() ? absl::OkStatus() : res.status();
}

absl::Status PostgresDatabase::Analyze(const std::vector<std::string>& tables) {
  if (tables.empty()) return absl::OkStatus();
  ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, Begin());
  RETURN_IF_ERROR(tx->ExecuteScript(absl::StrCat("ANALYZE ", absl::StrJoin(tables, ", "))));
  return tx->Commit();
}

}  // namespace sisl::platform::db
