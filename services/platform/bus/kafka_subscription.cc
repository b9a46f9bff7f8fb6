#include "services/platform/bus/kafka_subscription.h"

#include <librdkafka/rdkafkacpp.h>

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"

namespace sisl::platform::bus::kafka_internal {
namespace {

constexpr int kConsumeTimeoutMs = 100;
constexpr int kSeekTimeoutMs = 5000;

// Routes librdkafka's log lines and client errors to the SISL log.
class EventLogger final : public RdKafka::EventCb {
 public:
  void event_cb(RdKafka::Event& event) override {
    switch (event.type()) {
      case RdKafka::Event::EVENT_ERROR:
        log::Warn("kafka client error", {{"error", RdKafka::err2str(event.err())},
                                         {"detail", event.str()},
                                         {"fatal", event.fatal() ? "true" : "false"}});
        break;
      case RdKafka::Event::EVENT_LOG:
        log::Write(event.severity() <= RdKafka::Event::EVENT_SEVERITY_WARNING ? log::Level::kWarn
                                                                              : log::Level::kDebug,
                   "kafka client log", {{"facility", event.fac()}, {"detail", event.str()}});
        break;
      default:
        break;
    }
  }
};

EventLogger& TheEventLogger() {
  static EventLogger* logger = new EventLogger();
  return *logger;
}

Message ToMessage(RdKafka::Message& record) {
  Message m;
  m.topic = record.topic_name();
  if (record.key() != nullptr) m.key = *record.key();
  if (record.payload() != nullptr) {
    m.payload.assign(static_cast<const char*>(record.payload()), record.len());
  }
  if (RdKafka::Headers* headers = record.headers(); headers != nullptr) {
    for (const RdKafka::Headers::Header& h : headers->get_all()) {
      std::string value;
      if (h.value() != nullptr) value.assign(static_cast<const char*>(h.value()), h.value_size());
      m.headers.emplace_back(h.key(), std::move(value));
    }
  }
  m.partition = record.partition();
  m.offset = record.offset();
  return m;
}

}  // namespace

absl::StatusOr<std::unique_ptr<RdKafka::Conf>> NewConf(
    const std::map<std::string, std::string>& properties) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string error;
  for (const auto& [name, value] : properties) {
    if (conf->set(name, value, error) != RdKafka::Conf::CONF_OK) {
      return Error(absl::StatusCode::kInvalidArgument, "BUS_BAD_CONFIG",
                   absl::StrCat("kafka property ", name, ": ", error));
    }
  }
  if (conf->set("event_cb", &TheEventLogger(), error) != RdKafka::Conf::CONF_OK) {
    return Error(absl::StatusCode::kInternal, "BUS_BAD_CONFIG", error);
  }
  return conf;
}

KafkaSubscription::KafkaSubscription(std::unique_ptr<RdKafka::KafkaConsumer> consumer,
                                     SubscriptionOptions options, BatchHandler handler,
                                     std::string topic_prefix)
    : consumer_(std::move(consumer)),
      options_(std::move(options)),
      handler_(std::move(handler)),
      topic_prefix_(std::move(topic_prefix)) {
  thread_ = std::thread([this] { Run(); });
}

KafkaSubscription::~KafkaSubscription() { Stop(); }

void KafkaSubscription::Stop() {
  absl::MutexLock stop_lock(&stop_mu_);
  {
    // Wakes Backoff(): absl::Mutex re-evaluates its condition when the lock is released.
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  // From a handler (the consumer thread itself) the loop ends once the handler returns.
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

bool KafkaSubscription::Stopping() {
  absl::MutexLock lock(&mu_);
  return stopping_;
}

void KafkaSubscription::Run() {
  const size_t max_batch = static_cast<size_t>(std::max(1, options_.max_batch));
  std::vector<std::unique_ptr<RdKafka::Message>> batch;
  while (!Stopping()) {
    // The first message waits up to kConsumeTimeoutMs; the rest of a batch is only what has
    // already arrived.
    int timeout_ms = kConsumeTimeoutMs;
    while (batch.size() < max_batch) {
      std::unique_ptr<RdKafka::Message> record(consumer_->consume(timeout_ms));
      timeout_ms = 0;
      if (record->err() == RdKafka::ERR_NO_ERROR) {
        batch.push_back(std::move(record));
        continue;
      }
      if (record->err() == RdKafka::ERR__PARTITION_EOF) break;
      const std::string error = record->errstr();
      // Nothing arrived within the wait; an error event may carry the same code with its own
      // text, and is logged.
      if (record->err() == RdKafka::ERR__TIMED_OUT && error == RdKafka::err2str(record->err())) {
        break;
      }
      log::Warn("kafka consume error", {{"group", options_.group}, {"error", error}});
      // librdkafka (2.0 to at least 2.10; its issue 5586) does not ask again for the group's
      // committed offsets after a request-level failure (NOT_COORDINATOR: the coordinator moved
      // meanwhile): the assigned partitions then wait forever, unfetched and without a
      // rebalance. A fresh assignment asks again.
      if (absl::StartsWith(error, "Failed to fetch committed offset")) Resubscribe();
      break;
    }
    if (batch.empty()) continue;
    Deliver(batch);
    batch.clear();
  }
  // Leaves the group at once, so the partitions move to the other members without waiting for
  // the session to time out.
  RdKafka::ErrorCode err = consumer_->close();
  if (err != RdKafka::ERR_NO_ERROR) {
    log::Warn("kafka consumer close failed",
              {{"group", options_.group}, {"error", RdKafka::err2str(err)}});
  }
}

void KafkaSubscription::Deliver(const std::vector<std::unique_ptr<RdKafka::Message>>& records) {
  std::vector<Message> messages;
  messages.reserve(records.size());
  for (const auto& record : records) {
    messages.push_back(ToMessage(*record));
    if (!topic_prefix_.empty() && messages.back().topic.rfind(topic_prefix_, 0) == 0) {
      messages.back().topic.erase(0, topic_prefix_.size());
    }
  }
  // Per partition, the first and last offsets of the batch.
  std::map<std::pair<std::string, int32_t>, std::pair<int64_t, int64_t>> span;
  for (const Message& m : messages) {
    auto [it, created] = span.try_emplace({m.topic, m.partition}, m.offset, m.offset);
    if (!created) it->second.second = std::max(it->second.second, m.offset);
  }
  std::vector<RdKafka::TopicPartition*> positions;
  const absl::Status status = handler_(messages);
  for (const auto& [where, offsets] : span) {
    // Committed: the next offset to read. Redelivered: the first offset of the batch.
    positions.push_back(
        RdKafka::TopicPartition::create(topic_prefix_ + where.first, where.second,
                                        status.ok() ? offsets.second + 1 : offsets.first));
  }
  if (status.ok()) {
    RdKafka::ErrorCode err = consumer_->commitSync(positions);
    if (err != RdKafka::ERR_NO_ERROR) {
      // The group will deliver the messages again: at-least-once.
      log::Warn("kafka offset commit failed",
                {{"group", options_.group}, {"error", RdKafka::err2str(err)}});
    }
    RdKafka::TopicPartition::destroy(positions);
    return;
  }
  log::Warn("bus handler failed, messages will be redelivered",
            {{"topic", messages.front().topic},
             {"group", options_.group},
             {"partition", absl::StrCat(messages.front().partition)},
             {"offset", absl::StrCat(messages.front().offset)},
             {"messages", absl::StrCat(messages.size())},
             {"error", status.ToString()}});
  for (RdKafka::TopicPartition* position : positions) {
    RdKafka::ErrorCode err = consumer_->seek(*position, kSeekTimeoutMs);
    if (err != RdKafka::ERR_NO_ERROR) {
      // Typically the partition was just revoked; its next owner resumes from the committed
      // offset.
      log::Warn("kafka seek failed", {{"topic", position->topic()},
                                      {"group", options_.group},
                                      {"partition", absl::StrCat(position->partition())},
                                      {"error", RdKafka::err2str(err)}});
    }
  }
  RdKafka::TopicPartition::destroy(positions);
  Backoff();
}

void KafkaSubscription::Resubscribe() {
  std::vector<std::string> topics;
  if (consumer_->subscription(topics) != RdKafka::ERR_NO_ERROR || topics.empty()) return;
  RdKafka::ErrorCode err = consumer_->unsubscribe();
  if (err == RdKafka::ERR_NO_ERROR) err = consumer_->subscribe(topics);
  log::Warn("kafka subscription renewed after its committed offsets could not be fetched",
            {{"group", options_.group},
             {"error", err == RdKafka::ERR_NO_ERROR ? "" : RdKafka::err2str(err)}});
}

void KafkaSubscription::Backoff() {
  absl::MutexLock lock(&mu_);
  mu_.AwaitWithTimeout(absl::Condition(&stopping_), options_.retry_backoff);
}

}  // namespace sisl::platform::bus::kafka_internal
