#include "tests/integration/event_reader.h"

#include <atomic>
#include <mutex>
#include <thread>

#include "gtest/gtest.h"
#include "services/platform/bus/kafka_bus.h"
#include "services/platform/ids.h"

namespace sisl::testing_env {

std::vector<std::string> OutboxIdsAfter(platform::db::Database& db, const std::string& marker) {
  std::vector<std::string> out;
  auto tx = db.Begin();
  EXPECT_TRUE(tx.ok()) << tx.status();
  if (!tx.ok()) return out;
  auto res = (*tx)->Execute("SELECT id FROM outbox WHERE id > $1 ORDER BY id", {marker});
  EXPECT_TRUE(res.ok()) << res.status();
  if (!res.ok()) return out;
  for (const auto& row : res->rows) out.push_back(row.Str(0));
  return out;
}

int64_t UnsentAfter(platform::db::Database& db, const std::string& marker) {
  auto tx = db.Begin();
  if (!tx.ok()) return -1;
  auto res = (*tx)->Execute("SELECT COUNT(*) FROM outbox WHERE id > $1 AND sent_at IS NULL",
                            {marker});
  return res.ok() ? res->rows[0].Int(0) : -1;
}

void ConsumeAfter(const std::string& kafka, const std::string& topic, const std::string& marker,
                  size_t expected, std::chrono::seconds timeout,
                  const std::function<absl::Status(const platform::bus::Message&)>& handler) {
  auto bus = platform::bus::KafkaBus::Create({.bootstrap_servers = kafka, .client_id = "it"});
  ASSERT_TRUE(bus.ok()) << bus.status();
  std::mutex mu;
  std::set<std::string> handled;
  auto sub = (*bus)->Subscribe(
      {.group = "it-" + platform::NewUuidV7(), .topics = {topic}},
      [&](const platform::bus::Message& m) -> absl::Status {
        const std::string id = m.Header("event_id");
        if (id <= marker) return absl::OkStatus();
        absl::Status st = handler(m);
        if (st.ok()) {
          std::lock_guard lock(mu);
          handled.insert(id);
        }
        return st;
      });
  ASSERT_TRUE(sub.ok()) << sub.status();
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    {
      std::lock_guard lock(mu);
      if (handled.size() >= expected) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  (*sub)->Stop();
}

std::set<std::string> ReadEventIds(const std::string& kafka, const std::string& topic,
                                   const std::string& marker, size_t expected,
                                   std::chrono::seconds timeout) {
  std::mutex mu;
  std::set<std::string> ids;
  ConsumeAfter(kafka, topic, marker, expected, timeout, [&](const platform::bus::Message& m) {
    std::lock_guard lock(mu);
    ids.insert(m.Header("event_id"));
    return absl::OkStatus();
  });
  return ids;
}

}  // namespace sisl::testing_env
