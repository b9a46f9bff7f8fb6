#include "services/platform/outbox/relay.h"

#include "absl/strings/escaping.h"
#include "nlohmann/json.hpp"
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
      "SELECT id, topic, event_key, event_type, payload, headers FROM outbox"
      " WHERE sent_at IS NULL ORDER BY id LIMIT $1";
  if (db_.dialect() == db::Dialect::kPostgres) sql += " FOR UPDATE SKIP LOCKED";
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
  RETURN_IF_ERROR(bus_.Publish(messages, options_.publish_timeout));
  const int64_t now = ToUnixMicrosUtc(clock_.Now());
  for (const db::RowReader& row : db::Rows(rows)) {
    RETURN_IF_ERROR(
        tx->Execute("UPDATE outbox SET sent_at = $1 WHERE id = $2", {now, row.Str("id")})
            .status());
  }
  RETURN_IF_ERROR(tx->Commit());
  return static_cast<int>(messages.size());
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
