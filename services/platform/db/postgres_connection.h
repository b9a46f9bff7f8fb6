#ifndef SISL_PLATFORM_DB_POSTGRES_CONNECTION_H_
#define SISL_PLATFORM_DB_POSTGRES_CONNECTION_H_

#include <libpq-fe.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/platform/db/database.h"

namespace sisl::platform::db {

// One libpq connection with its prepared-statement cache.
class PgConnection final {
 public:
  static absl::StatusOr<std::unique_ptr<PgConnection>> Connect(const std::string& conninfo,
                                                               const std::string& schema);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  absl::StatusOr<Result> Execute(absl::string_view sql, const std::vector<Value>& params);
  absl::Status ExecuteScript(absl::string_view sql);
  // COPY table (columns) FROM STDIN of `rows` in the text format; the rows written.
  absl::StatusOr<int64_t> Copy(absl::string_view table, const std::vector<std::string>& columns,
                               const std::vector<std::vector<Value>>& rows);
  bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

 private:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  absl::Status ErrorFrom(const PGresult* res, absl::string_view what);

  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;  // sql -> statement name
};

}  // namespace sisl::platform::db

#endif  // SISL_PLATFORM_DB_POSTGRES_CONNECTION_H_
