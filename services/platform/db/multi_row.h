// Statements over many rows at once, for paths that write or read a batch (bulk uploads, the
// outbox): one round trip per chunk instead of one per row, in the portable SQL of database.h.
#ifndef SISL_PLATFORM_DB_MULTI_ROW_H_
#define SISL_PLATFORM_DB_MULTI_ROW_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/platform/db/database.h"

namespace sisl::platform::db {

// At most this many parameters in one statement (PostgreSQL allows 65535, SQLite 32766).
inline constexpr size_t kMaxParameters = 30000;

// "$first, $first+1, ..., $first+count-1".
std::string Placeholders(size_t first, size_t count);

// Runs `head` VALUES (...), (...) `tail` over `rows` in as few statements as the parameter
// limit allows (every row has the same number of values), in the rows' order:
//
//   InsertRows(tx, "INSERT INTO t (a, b)", rows, "ON CONFLICT (a) DO NOTHING");
//
// Returns the rows affected in all. Nothing is run for no rows.
absl::StatusOr<int64_t> InsertRows(Transaction& tx, absl::string_view head,
                                   const std::vector<std::vector<Value>>& rows,
                                   absl::string_view tail = "");

// Runs `statement` once per chunk of `keys`, the chunk's placeholders in place of "{keys}" (e.g.
// "SELECT ... WHERE owner = $1 AND code IN ({keys})" or "UPDATE t SET x = $1 WHERE id IN
// ({keys})"), after the `fixed` parameters ($1 ...), and returns every chunk's rows and the rows
// affected in all in one result.
absl::StatusOr<Result> ExecuteIn(Transaction& tx, absl::string_view statement,
                                 const std::vector<std::string>& keys,
                                 const std::vector<Value>& fixed = {});

}  // namespace sisl::platform::db

#endif  // SISL_PLATFORM_DB_MULTI_ROW_H_
