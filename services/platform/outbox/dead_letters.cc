#include "services/platform/outbox/dead_letters.h"

#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"
#include "services/platform/status_macros.h"

namespace sisl::platform::outbox {
namespace {

absl::Status NotFound(const std::string& event_id) {
  return Error(absl::StatusCode::kNotFound, "DEAD_LETTER_NOT_FOUND",
               absl::StrCat("no parked event with id ", event_id), {{"event_id", event_id}});
}

}  // namespace

absl::StatusOr<std::vector<DeadLetter>> DeadLetters::List(int limit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(const db::Result rows,
                   tx->Execute("SELECT id, topic, event_key, event_type, attempts, last_error,"
                               " created_at, parked_at FROM outbox_dead_letters"
                               " ORDER BY id LIMIT $1",
                               {int64_t{limit}}));
  std::vector<DeadLetter> out;
  for (const db::RowReader& r : db::Rows(rows)) {
    out.push_back({r.Str("id"), r.Str("topic"), r.Str("event_key"), r.Str("event_type"),
                   r.Int("attempts"), r.Str("last_error"), r.Time("created_at"),
                   r.Time("parked_at")});
  }
  return out;
}

absl::Status DeadLetters::Retry(const std::string& event_id, const std::string& by) {
  RETURN_IF_ERROR(db::InTransaction(db_, [&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(const db::Result moved,
                     tx.Execute("INSERT INTO outbox (id, topic, event_key, event_type, payload,"
                                " headers, created_at, attempts) SELECT id, topic, event_key,"
                                " event_type, payload, headers, created_at, 0"
                                " FROM outbox_dead_letters WHERE id = $1",
                                {event_id}));
    if (moved.affected_rows == 0) return NotFound(event_id);
    return tx.Execute("DELETE FROM outbox_dead_letters WHERE id = $1", {event_id}).status();
  }));
  log::Warn("parked outbox event sent back to the relay", {{"event_id", event_id}, {"by", by}});
  return absl::OkStatus();
}

absl::Status DeadLetters::Drop(const std::string& event_id, const std::string& by) {
  RETURN_IF_ERROR(db::InTransaction(db_, [&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(const db::Result gone,
                     tx.Execute("DELETE FROM outbox_dead_letters WHERE id = $1", {event_id}));
    return gone.affected_rows == 0 ? NotFound(event_id) : absl::OkStatus();
  }));
  log::Warn("parked outbox event dropped", {{"event_id", event_id}, {"by", by}});
  return absl::OkStatus();
}

}  // namespace sisl::platform::outbox
