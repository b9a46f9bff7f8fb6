#include "services/platform/db/request_ids.h"

#include "absl/strings/str_cat.h"
#include "services/platform/clock.h"
#include "services/platform/errors.h"

namespace sisl::platform::db {

absl::StatusOr<std::optional<std::string>> ClaimRequest(Transaction& tx, const RequestKey& key,
                                                        absl::Time now) {
  if (key.request_id.size() > 128) {
    return InvalidField("INVALID_REQUEST_ID", "request_id", "at most 128 characters");
  }
  ASSIGN_OR_RETURN(Result claimed,
                   tx.Execute("INSERT INTO request_ids (operation, owner, request_id, resource_id,"
                              " created_at) VALUES ($1, $2, $3, '', $4)"
                              " ON CONFLICT (operation, owner, request_id) DO NOTHING",
                              {key.operation, key.owner, key.request_id, ToUnixMicrosUtc(now)}));
  if (claimed.affected_rows == 1) return std::nullopt;
  ASSIGN_OR_RETURN(Result earlier,
                   tx.Execute("SELECT resource_id FROM request_ids WHERE operation = $1"
                              " AND owner = $2 AND request_id = $3",
                              {key.operation, key.owner, key.request_id}));
  const Rows rows(earlier);
  if (rows.empty() || rows.front().Str("resource_id").empty()) {
    return Error(absl::StatusCode::kAborted, "DB_CONFLICT",
                 "the same request is being processed; retry");
  }
  return rows.front().Str("resource_id");
}

absl::Status CompleteRequest(Transaction& tx, const RequestKey& key, const std::string& id) {
  return tx
      .Execute(
          "UPDATE request_ids SET resource_id = $4 WHERE operation = $1 AND owner = $2"
          " AND request_id = $3",
          {key.operation, key.owner, key.request_id, id})
      .status();
}

}  // namespace sisl::platform::db
