#ifndef SISL_TESTS_BENCH_ENTERPRISE_BENCH_H_
#define SISL_TESTS_BENCH_ENTERPRISE_BENCH_H_

// enterprise_bench (run_enterprise_bench.sh): what the loader (enterprise_bench_load.cc) and the
// measures (enterprise_bench.cc) share: the words the generated vacancies are written with, so
// that the text queries find what the loader wrote, and a thin libpq connection.

#include <libpq-fe.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sisl::bench {

// The Italian words of the generated descriptions, most frequent first (drawn with Zipf weights
// 1/(rank+1)^1.1, so "esperienza" is in most vacancies and "vendemmia" in few).
const std::vector<absl::string_view>& DescriptionWords();

// One libpq connection with search_path on the `enterprise` schema.
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
  // COPY table (columns) FROM STDIN with `data` in text format (CopyField-escaped, tab and
  // newline separated).
  absl::Status Copy(const std::string& table_and_columns, const std::string& data);

 private:
  explicit PgConn(PGconn* conn) : conn_(conn) {}
  PGconn* conn_ = nullptr;
};

// Appends `value` escaped for COPY's text format.
void CopyField(std::string& out, absl::string_view value);

struct LoadOptions {
  std::string db_url;
  int vacancies = 50000;
  int companies = 2000;
  uint64_t seed = 11;
};

// Fills the (empty, migrated) enterprise schema with companies and published vacancies and
// prints LOAD lines (generation, copy, vacuum-analyze seconds). Returns a process exit code.
int Load(const LoadOptions& options);

}  // namespace sisl::bench

#endif  // SISL_TESTS_BENCH_ENTERPRISE_BENCH_H_
