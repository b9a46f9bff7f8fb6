#include "services/platform/outbox/relay.h"

#include <algorithm>
#include <set>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "services/platform/db/multi_row.h"
#include "services/platform/log.h"
#include "services/platform/status_macros.h"

namespace sisl::platform::outbox {

Relay::Relay(db::Database& db, bus::EventBus& bus, const Clock& clock, RelayOptions options)
    : db_(db),
      bus_(bus),
      clock_(clock),
      options_(options),
      next_prune_(clock.Now()),
      task_("outbox-relay", options.poll_interval, [this] { return Step(); }) {}

Relay::~Relay() { Stop(); }

bool Relay::Step() {
  auto published = RelayOnce();
  if (!published.ok()) {
    if (!last_failed_) {
      log::Warn("outbox relay failed; will retry", {{"error", published.status().ToString()}});
    }
    last_failed_ = true;
  } else {
    if (last_failed_) log::Info("outbox relay recovered");
    last_failed_ = false;
  }
  if (clock_.Now() >= next_prune_) {
    (void)Prune();
    next_prune_ = clock_.Now() + absl::Hours(1);
  }
  return published.ok() && *published == options_.batch_size;
}

absl::StatusOr<int> Relay::RelayOnce() {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  std::string sql =
      "SELECT id, topic, event_key, event_type, payload, headers, created_at, attempts,"
      " next_attempt_at FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1";
  // FOR UPDATE without SKIP LOCKED: a second replica's relay waits on the oldest row another
  // one holds, then finds it sent and goes on with the newer rows. Replicas publish one batch
  // after the other, so the events of one key reach their partition in commit order (SKIP
  // LOCKED let a replica publish newer rows while another was still publishing older ones).
  if (db_.dialect() == db::Dialect::kPostgres) sql += " FOR UPDATE";
  ASSIGN_OR_RETURN(const db::Result rows, tx->Execute(sql, {int64_t{options_.batch_size}}));
  if (rows.rows.empty()) return 0;

  std::vector<bus::Message> messages;
  messages.reserve(rows.rows.size());
  for (const db::RowReader& row : db::Rows(rows)) {
    bus::Message m;
    m.topic = row.Str("topic");
    m.key = row.Str("event_key");
    absl::Base64Unescape(row.Str("payload"), &m.payload);
    auto headers = nlohmann::json::parse(row.Str("headers"), nullptr, false);
    if (headers.is_object()) {
      for (auto& [k, v] : headers.items()) {
        if (v.is_string()) m.headers.emplace_back(k, v.get<std::string>());
      }
    }
    messages.push_back(std::move(m));
  }
  const int64_t now_micros = ToUnixMicrosUtc(clock_.Now());
  bool waiting = false;  // a refused event waits for its next attempt: publish around it
  for (const db::RowReader& row : db::Rows(rows)) {
    if (!row.IsNull("next_attempt_at") && row.Int("next_attempt_at") > now_micros) waiting = true;
  }
  absl::Status batch = waiting ? absl::UnavailableError("an event is waiting for a retry")
                               : bus_.Publish(messages, options_.publish_timeout);
  if (!batch.ok()) {
    if (absl::Status ping = bus_.Ping(); !ping.ok()) {
      return waiting ? ping : batch;  // an outage: nobody's fault, nothing counted, retry later
    }
    ASSIGN_OR_RETURN(const int published, PublishOneByOne(*tx, rows, messages));
    RETURN_IF_ERROR(tx->Commit());
    return published;
  }
  std::vector<std::string> ids;
  ids.reserve(rows.rows.size());
  for (const db::RowReader& row : db::Rows(rows)) ids.push_back(row.Str("id"));
  RETURN_IF_ERROR(db::ExecuteIn(*tx, "UPDATE outbox SET sent_at = $1 WHERE id IN ({keys})", ids,
                                {ToUnixMicrosUtc(clock_.Now())})
                      .status());
  RETURN_IF_ERROR(tx->Commit());
  return static_cast<int>(messages.size());
}

absl::StatusOr<int> Relay::PublishOneByOne(db::Transaction& tx, const db::Result& rows,
                                           const std::vector<bus::Message>& messages) {
  int published = 0;
  std::set<std::string> held_keys;  // keys behind a refused event keep their order
  size_t i = 0;
  for (const db::RowReader& row : db::Rows(rows)) {
    const bus::Message& m = messages[i++];
    const std::string id = row.Str("id");
    const int64_t now = ToUnixMicrosUtc(clock_.Now());
    if (!row.IsNull("next_attempt_at") && row.Int("next_attempt_at") > now) {
      held_keys.insert(m.key);
    }
    if (held_keys.contains(m.key)) continue;
    const absl::Status st = bus_.Publish({&m, 1}, options_.publish_timeout);
    if (st.ok()) {
      RETURN_IF_ERROR(
          tx.Execute("UPDATE outbox SET sent_at = $1 WHERE id = $2", {now, id}).status());
      ++published;
      continue;
    }
    const int64_t attempts = row.Int("attempts") + 1;
    const std::string error(st.message().substr(0, 500));
    if (attempts < options_.max_attempts) {
      held_keys.insert(m.key);
      const absl::Duration wait = std::min(
          absl::Seconds(1) * (int64_t{1} << std::min<int64_t>(attempts - 1, 20)), absl::Minutes(5));
      RETURN_IF_ERROR(tx.Execute("UPDATE outbox SET attempts = $1, last_error = $2,"
                                 " next_attempt_at = $3 WHERE id = $4",
                                 {attempts, error, now + absl::ToInt64Microseconds(wait), id})
                          .status());
      continue;
    }
    RETURN_IF_ERROR(
        tx.Execute(
              "INSERT INTO outbox_dead_letters (id, topic, event_key, event_type, payload,"
              " headers, created_at, attempts, last_error, parked_at)"
              " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
              {id, row.Str("topic"), row.Str("event_key"), row.Str("event_type"),
               row.Str("payload"), row.Str("headers"), row.Int("created_at"), attempts, error, now})
            .status());
    RETURN_IF_ERROR(tx.Execute("DELETE FROM outbox WHERE id = $1", {id}).status());
    // The envelope's id and type only: payloads may hold personal data.
    log::Error("outbox event parked after repeated refusals", {{"event_id", id},
                                                               {"type", row.Str("event_type")},
                                                               {"topic", row.Str("topic")},
                                                               {"attempts", absl::StrCat(attempts)},
                                                               {"error", error}});
  }
  return published;
}

absl::StatusOr<absl::Duration> Relay::OldestUnsentAge() {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(const db::Result res, tx->Execute("SELECT MIN(created_at) AS oldest FROM outbox"
                                                     " WHERE sent_at IS NULL"));
  const db::RowReader row = db::Rows(res).front();
  if (row.IsNull("oldest")) return absl::ZeroDuration();
  return std::max(absl::ZeroDuration(), clock_.Now() - row.Time("oldest"));
}

absl::StatusOr<int64_t> Relay::DeadLetterCount() {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(const db::Result res,
                   tx->Execute("SELECT COUNT(*) AS n FROM outbox_dead_letters"));
  return db::Rows(res).front().Int("n");
}

absl::StatusOr<int64_t> Relay::Backlog() {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(const db::Result res,
                   tx->Execute("SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL"));
  return db::Rows(res).front().Int("n");
}

absl::Status Relay::Prune() {
  return db::InTransaction(db_, [this](db::Transaction& tx) {
    const int64_t cutoff = ToUnixMicrosUtc(clock_.Now() - options_.retention);
    return tx.Execute("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1", {cutoff})
        .status();
  });
}

}  // namespace sisl::platform::outbox
