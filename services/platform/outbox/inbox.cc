#include "services/platform/outbox/inbox.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/platform/status_macros.h"

namespace sisl::platform::outbox {

absl::StatusOr<InboxOutcome> ProcessOnce(
    db::Database& db, const std::string& consumer, const std::string& event_id,
    const std::function<absl::Status(db::Transaction&)>& effect, const Clock& clock) {
  InboxOutcome outcome = InboxOutcome::kApplied;
  RETURN_IF_ERROR(db::InTransaction(db, [&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(const bool fresh, RecordOnce(tx, consumer, event_id, clock));
    if (!fresh) {
      outcome = InboxOutcome::kDuplicate;
      return absl::OkStatus();
    }
    outcome = InboxOutcome::kApplied;
    return effect(tx);
  }));
  return outcome;
}

absl::StatusOr<std::vector<std::string>> RecordMany(db::Transaction& tx,
                                                    const std::string& consumer,
                                                    const std::vector<std::string>& event_ids,
                                                    const Clock& clock) {
  constexpr size_t kChunk = 1000;
  const int64_t now = ToUnixMicrosUtc(clock.Now());
  std::vector<std::string> fresh;
  for (size_t first = 0; first < event_ids.size(); first += kChunk) {
    const size_t n = std::min(kChunk, event_ids.size() - first);
    std::string sql = "INSERT INTO inbox (consumer, event_id, processed_at) VALUES ";
    std::vector<db::Value> params = {consumer, now};
    for (size_t i = 0; i < n; ++i) {
      params.emplace_back(event_ids[first + i]);
      absl::StrAppend(&sql, i == 0 ? "" : ", ", "($1, $", params.size(), ", $2)");
    }
    sql += " ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id";
    ASSIGN_OR_RETURN(const db::Result r, tx.Execute(sql, params));
    for (const db::Row& row : r.rows) fresh.push_back(row.Str(0));
  }
  return fresh;
}

absl::StatusOr<bool> RecordOnce(db::Transaction& tx, const std::string& consumer,
                                const std::string& event_id, const Clock& clock) {
  ASSIGN_OR_RETURN(const db::Result ins,
                   tx.Execute("INSERT INTO inbox (consumer, event_id, processed_at)"
                              " VALUES ($1, $2, $3) ON CONFLICT (consumer, event_id) DO NOTHING",
                              {consumer, event_id, ToUnixMicrosUtc(clock.Now())}));
  return ins.affected_rows > 0;
}

}  // namespace sisl::platform::outbox
