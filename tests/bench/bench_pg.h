#ifndef SISL_TESTS_BENCH_BENCH_PG_H_
#define SISL_TESTS_BENCH_BENCH_PG_H_

// A thin libpq connection for the benchmarks (enterprise_bench, communications_bench): DDL,
// queries as text, parameterised queries and COPY FROM STDIN, without the platform's adapter
// (the benchmarks measure the adapter's users against bare SQL).

#include <libpq-fe.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sisl::bench {

// One libpq connection, with search_path on `schema` when it is not empty.
class PgConn final {
 public:
  static absl::StatusOr<PgConn> Connect(const std::string& url, const std::string& schema);
  PgConn(PgConn&& other) noexcept : conn_(other.conn_) { other.conn_ = nullptr; }
  PgConn& operator=(PgConn&& other) noexcept;
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;
  ~PgConn();

  PGconn* get() const { return conn_; }
  // A statement without parameters (DDL, SET, VACUUM, ...); the rows of a query as text.
  absl::Status Exec(const std::string& sql);
  absl::StatusOr<std::vector<std::vector<std::string>>> Query(const std::string& sql);
  // The same with text parameters $1, $2, ...
  absl::StatusOr<std::vector<std::vector<std::string>>> Query(
      const std::string& sql, const std::vector<std::string>& params);
  // The first column of the first row as an integer (a COUNT(*)).
  absl::StatusOr<int64_t> Int(const std::string& sql, const std::vector<std::string>& params = {});
  // COPY table (columns) FROM STDIN with `data` in text format (CopyField-escaped, tab and
  // newline separated).
  absl::Status Copy(const std::string& table_and_columns, const std::string& data);

 private:
  explicit PgConn(PGconn* conn) : conn_(conn) {}
  PGconn* conn_ = nullptr;
};

// Appends `value` escaped for COPY's text format.
void CopyField(std::string& out, absl::string_view value);

}  // namespace sisl::bench

#endif  // SISL_TESTS_BENCH_BENCH_PG_H_
