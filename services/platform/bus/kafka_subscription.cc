#include "services/platform/bus/kafka_subscription.h"

#include <librdkafka/rdkafkacpp.h>

#include <utility>

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
                                     SubscriptionOptions options, Handler handler)
    : consumer_(std::move(consumer)), options_(std::move(options)), handler_(std::move(handler)) {
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
  while (!Stopping()) {
    std::unique_ptr<RdKafka::Message> record(consumer_->consume(kConsumeTimeoutMs));
    switch (record->err()) {
      case RdKafka::ERR_NO_ERROR:
        Deliver(*record);
        break;
      case RdKafka::ERR__TIMED_OUT:
      case RdKafka::ERR__PARTITION_EOF:
        break;
      default:
        log::Warn("kafka consume error", {{"group", options_.group}, {"error", record->errstr()}});
        break;
    }
  }
  // Leaves the group at once, so the partitions move to the other members without waiting for
  // the session to time out.
  RdKafka::ErrorCode err = consumer_->close();
  if (err != RdKafka::ERR_NO_ERROR) {
    log::Warn("kafka consumer close failed",
              {{"group", options_.group}, {"error", RdKafka::err2str(err)}});
  }
}

void KafkaSubscription::Deliver(RdKafka::Message& record) {
  const Message message = ToMessage(record);
  const absl::Status status = handler_(message);
  if (status.ok()) {
    RdKafka::ErrorCode err = consumer_->commitSync(&record);
    if (err != RdKafka::ERR_NO_ERROR) {
      // The group will deliver the message again: at-least-once.
      log::Warn("kafka offset commit failed", {{"topic", message.topic},
                                               {"group", options_.group},
                                               {"partition", absl::StrCat(message.partition)},
                                               {"offset", absl::StrCat(message.offset)},
                                               {"error", RdKafka::err2str(err)}});
    }
    return;
  }
  log::Warn("bus handler failed, message will be redelivered",
            {{"topic", message.topic},
             {"group", options_.group},
             {"partition", absl::StrCat(message.partition)},
             {"offset", absl::StrCat(message.offset)},
             {"error", status.ToString()}});
  std::unique_ptr<RdKafka::TopicPartition> position(
      RdKafka::TopicPartition::create(message.topic, message.partition, message.offset));
  RdKafka::ErrorCode err = consumer_->seek(*position, kSeekTimeoutMs);
  if (err != RdKafka::ERR_NO_ERROR) {
    // Typically the partition was just revoked; its next owner resumes from the committed offset.
    log::Warn("kafka seek failed", {{"topic", message.topic},
                                    {"group", options_.group},
                                    {"partition", absl::StrCat(message.partition)},
                                    {"error", RdKafka::err2str(err)}});
  }
  Backoff();
}

void KafkaSubscription::Backoff() {
  absl::MutexLock lock(&mu_);
  mu_.AwaitWithTimeout(absl::Condition(&stopping_), options_.retry_backoff);
}

}  // namespace sisl::platform::bus::kafka_internal
