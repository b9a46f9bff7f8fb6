#include "tests/integration/event_reader.h"

#include <atomic>
#include <mutex>
#include <span>
#include <thread>

#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "librdkafka/rdkafkacpp.h"
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
  auto res =
      (*tx)->Execute("SELECT COUNT(*) FROM outbox WHERE id > $1 AND sent_at IS NULL", {marker});
  return res.ok() ? res->rows[0].Int(0) : -1;
}

void ConsumeAfter(const std::string& kafka, const std::string& topic, const std::string& marker,
                  size_t expected, std::chrono::seconds timeout,
                  const std::function<absl::Status(const platform::bus::Message&)>& handler) {
  auto bus = platform::bus::KafkaBus::Create({.bootstrap_servers = kafka, .client_id = "it"});
  ASSERT_TRUE(bus.ok()) << bus.status();
  std::mutex mu;
  std::set<std::string> handled;
  // In batches: a position committed per message is a round trip to the group coordinator each,
  // which on the 3-node cluster (offsets replicated thrice) limits a reader to a few hundred
  // messages a second.
  auto sub = (*bus)->SubscribeBatches(
      {.group = "it-" + platform::NewUuidV7(), .topics = {topic}, .max_batch = 1000},
      [&](std::span<const platform::bus::Message> messages) -> absl::Status {
        for (const platform::bus::Message& m : messages) {
          const std::string id = m.Header("event_id");
          if (id <= marker) continue;
          if (absl::Status st = handler(m); !st.ok()) return st;
          std::lock_guard lock(mu);
          handled.insert(id);
        }
        return absl::OkStatus();
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

void StartGroupAtEnd(const std::string& kafka, const std::string& group,
                     const std::vector<std::string>& topics) {
  std::string error;
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  ASSERT_EQ(conf->set("bootstrap.servers", kafka, error), RdKafka::Conf::CONF_OK) << error;
  ASSERT_EQ(conf->set("group.id", group, error), RdKafka::Conf::CONF_OK) << error;
  ASSERT_EQ(conf->set("enable.auto.commit", "false", error), RdKafka::Conf::CONF_OK) << error;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer(
      RdKafka::KafkaConsumer::create(conf.get(), error));
  ASSERT_NE(consumer, nullptr) << error;
  std::vector<RdKafka::TopicPartition*> ends;
  for (const std::string& topic : topics) {
    RdKafka::Metadata* metadata = nullptr;
    std::unique_ptr<RdKafka::Topic> handle(
        RdKafka::Topic::create(consumer.get(), topic, nullptr, error));
    ASSERT_EQ(consumer->metadata(false, handle.get(), &metadata, 10000), RdKafka::ERR_NO_ERROR);
    for (const RdKafka::TopicMetadata* t : *metadata->topics()) {
      for (const RdKafka::PartitionMetadata* p : *t->partitions()) {
        // A topic the metadata request just created has no leader for a moment: ask again.
        int64_t low = 0, high = 0;
        RdKafka::ErrorCode err = RdKafka::ERR_UNKNOWN;
        for (int attempt = 0; attempt < 100 && err != RdKafka::ERR_NO_ERROR; ++attempt) {
          if (attempt > 0) absl::SleepFor(absl::Milliseconds(200));
          err = consumer->query_watermark_offsets(topic, p->id(), &low, &high, 10000);
        }
        ASSERT_EQ(err, RdKafka::ERR_NO_ERROR) << RdKafka::err2str(err);
        ends.push_back(RdKafka::TopicPartition::create(topic, p->id(), high));
      }
    }
    delete metadata;
  }
  EXPECT_EQ(consumer->commitSync(ends), RdKafka::ERR_NO_ERROR);
  RdKafka::TopicPartition::destroy(ends);
  consumer->close();
}

}  // namespace sisl::testing_env
