#include "services/platform/outbox/relay.h"

#include "absl/strings/escaping.h"
#include "nlohmann/json.hpp"
#include "services/platform/log.h"

namespace sisl::platform::outbox {

Relay::Relay(db::Database& db, bus::EventBus& bus, const Clock& clock, RelayOptions options)
    : db_(db), bus_(bus), clock_(clock), options_(options) {}

Relay::~Relay() { Stop(); }

void Relay::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void Relay::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Relay::Notify() {
  {
    std::lock_guard lock(mu_);
    notified_ = true;
  }
  cv_.notify_all();
}

void Relay::Run() {
  absl::Time next_prune = clock_.Now();
  bool last_failed = false;
  while (true) {
    auto published = RelayOnce();
    if (!published.ok()) {
      if (!last_failed) {
        log::Warn("outbox relay failed; will retry", {{"error", published.status().ToString()}});
      }
      last_failed = true;
    } else {
      if (last_failed) log::Info("outbox relay recovered");
      last_failed = false;
    }
    if (clock_.Now() >= next_prune) {
      (void)Prune();
      next_prune = clock_.Now() + absl::Hours(1);
    }
    std::unique_lock lock(mu_);
    if (stop_) return;
    // A full batch means more may be waiting: go again at once.
    if (published.ok() && *published == options_.batch_size) continue;
    cv_.wait_for(lock, absl::ToChronoMilliseconds(options_.poll_interval),
                 [this] { return stop_ || notified_; });
    notified_ = false;
    if (stop_) return;
  }
}

absl::StatusOr<int> Relay::RelayOnce() {
  auto tx = db_.Begin();
  if (!tx.ok()) return tx.status();
  std::string sql =
      "SELECT id, topic, event_key, event_type, payload, headers FROM outbox"
      " WHERE sent_at IS NULL ORDER BY id LIMIT $1";
  if (db_.dialect() == db::Dialect::kPostgres) sql += " FOR UPDATE SKIP LOCKED";
  auto rows = (*tx)->Execute(sql, {int64_t{options_.batch_size}});
  if (!rows.ok()) return rows.status();
  if (rows->rows.empty()) return 0;

  std::vector<bus::Message> messages;
  messages.reserve(rows->rows.size());
  for (const db::Row& row : rows->rows) {
    bus::Message m;
    m.topic = row.Str(1);
    m.key = row.Str(2);
    absl::Base64Unescape(row.Str(4), &m.payload);
    auto headers = nlohmann::json::parse(row.Str(5), nullptr, false);
    if (headers.is_object()) {
      for (auto& [k, v] : headers.items()) {
        if (v.is_string()) m.headers.emplace_back(k, v.get<std::string>());
      }
    }
    messages.push_back(std::move(m));
  }
  if (absl::Status st = bus_.Publish(messages, options_.publish_timeout); !st.ok()) return st;
  const int64_t now = ToUnixMicrosUtc(clock_.Now());
  for (const db::Row& row : rows->rows) {
    auto upd = (*tx)->Execute("UPDATE outbox SET sent_at = $1 WHERE id = $2", {now, row.Str(0)});
    if (!upd.ok()) return upd.status();
  }
  if (absl::Status st = (*tx)->Commit(); !st.ok()) return st;
  return static_cast<int>(messages.size());
}

absl::StatusOr<int64_t> Relay::Backlog() {
  auto tx = db_.Begin();
  if (!tx.ok()) return tx.status();
  auto res = (*tx)->Execute("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL", {});
  if (!res.ok()) return res.status();
  return res->rows.at(0).Int(0);
}

absl::Status Relay::Prune() {
  return db::InTransaction(db_, [this](db::Transaction& tx) {
    const int64_t cutoff = ToUnixMicrosUtc(clock_.Now() - options_.retention);
    return tx.Execute("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1", {cutoff})
        .status();
  });
}

}  // namespace sisl::platform::outbox
