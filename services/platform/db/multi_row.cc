#include "services/platform/db/multi_row.h"

#include <algorithm>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/platform/status_macros.h"

namespace sisl::platform::db {

std::string Placeholders(size_t first, size_t count) {
  std::string out;
  out.reserve(count * 6);
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) out.append(", ");
    absl::StrAppend(&out, "$", first + i);
  }
  return out;
}

absl::StatusOr<int64_t> InsertRows(Transaction& tx, absl::string_view head,
                                   const std::vector<std::vector<Value>>& rows,
                                   absl::string_view tail) {
  if (rows.empty()) return 0;
  const size_t width = rows.front().size();
  if (width == 0) return absl::InvalidArgumentError("InsertRows: rows without values");
  const size_t per_statement = std::max<size_t>(1, kMaxParameters / width);
  int64_t affected = 0;
  for (size_t begin = 0; begin < rows.size(); begin += per_statement) {
    const size_t end = std::min(rows.size(), begin + per_statement);
    std::string sql = absl::StrCat(head, " VALUES ");
    std::vector<Value> params;
    params.reserve((end - begin) * width);
    for (size_t i = begin; i < end; ++i) {
      if (rows[i].size() != width) {
        return absl::InvalidArgumentError("InsertRows: rows of different widths");
      }
      absl::StrAppend(&sql, i == begin ? "(" : ", (", Placeholders(params.size() + 1, width), ")");
      params.insert(params.end(), rows[i].begin(), rows[i].end());
    }
    if (!tail.empty()) absl::StrAppend(&sql, " ", tail);
    ASSIGN_OR_RETURN(Result res, tx.Execute(sql, params));
    affected += res.affected_rows;
  }
  return affected;
}

absl::StatusOr<Result> ExecuteIn(Transaction& tx, absl::string_view select,
                                 const std::vector<std::string>& keys,
                                 const std::vector<Value>& fixed) {
  Result all;
  const size_t per_statement = kMaxParameters - fixed.size();
  for (size_t begin = 0; begin < keys.size(); begin += per_statement) {
    const size_t end = std::min(keys.size(), begin + per_statement);
    const std::string sql =
        absl::StrReplaceAll(select, {{"{keys}", Placeholders(fixed.size() + 1, end - begin)}});
    std::vector<Value> params = fixed;
    params.insert(params.end(), keys.begin() + begin, keys.begin() + end);
    ASSIGN_OR_RETURN(Result res, tx.Execute(sql, params));
    if (all.columns.empty()) all.columns = std::move(res.columns);
    std::move(res.rows.begin(), res.rows.end(), std::back_inserter(all.rows));
    all.affected_rows += res.affected_rows;
  }
  return all;
}

}  // namespace sisl::platform::db
