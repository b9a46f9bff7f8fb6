#include "services/platform/bus/kafka_bus.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafkacpp.h>

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/platform/bus/kafka_pin.h"
#include "services/platform/bus/kafka_subscription.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"

namespace sisl::platform::bus {
namespace {

using kafka_internal::KafkaSubscription;
using kafka_internal::NewConf;

constexpr absl::Duration kPollInterval = absl::Milliseconds(20);

int ToMillis(absl::Duration d) {
  return static_cast<int>(std::clamp<int64_t>(absl::ToInt64Milliseconds(d), 0, 1 << 30));
}

// The outcome of one Publish() call. Each produced message holds a reference through its opaque
// pointer, so delivery reports arriving after Publish() gave up never touch freed memory.
struct PublishBatch {
  absl::Mutex mu;
  int pending ABSL_GUARDED_BY(mu) = 0;
  std::string first_error ABSL_GUARDED_BY(mu);

  void Done(absl::string_view error) ABSL_LOCKS_EXCLUDED(mu) {
    absl::MutexLock lock(&mu);
    --pending;
    if (!error.empty() && first_error.empty()) first_error = std::string(error);
  }
};

using BatchRef = std::shared_ptr<PublishBatch>;

class DeliveryReports final : public RdKafka::DeliveryReportCb {
 public:
  void dr_cb(RdKafka::Message& message) override {
    std::unique_ptr<BatchRef> batch(static_cast<BatchRef*>(message.msg_opaque()));
    if (batch == nullptr) return;
    (*batch)->Done(message.err() == RdKafka::ERR_NO_ERROR ? "" : message.errstr());
  }
};

absl::Status PublishFailed(absl::string_view message) {
  return Error(absl::StatusCode::kUnavailable, "BUS_PUBLISH_FAILED", message);
}

// RAII holders for librdkafka's C admin API.
struct AdminDeleter {
  void operator()(rd_kafka_AdminOptions_t* p) const { rd_kafka_AdminOptions_destroy(p); }
  void operator()(rd_kafka_queue_t* p) const { rd_kafka_queue_destroy(p); }
  void operator()(rd_kafka_event_t* p) const { rd_kafka_event_destroy(p); }
  void operator()(rd_kafka_NewTopic_t* p) const { rd_kafka_NewTopic_destroy(p); }
};
template <typename T>
using AdminPtr = std::unique_ptr<T, AdminDeleter>;

}  // namespace

absl::StatusOr<std::unique_ptr<KafkaBus>> KafkaBus::Create(Options options) {
  std::map<std::string, std::string> properties = options.extra_config;
  properties["bootstrap.servers"] = options.bootstrap_servers;
  properties["client.id"] = options.client_id;
  properties["enable.idempotence"] = "true";
  properties["acks"] = "all";
  properties.try_emplace("linger.ms", "5");
  absl::StatusOr<std::unique_ptr<RdKafka::Conf>> conf = NewConf(properties);
  if (!conf.ok()) return conf.status();
  auto delivery_reports = std::make_unique<DeliveryReports>();
  std::string error;
  if ((*conf)->set("dr_cb", delivery_reports.get(), error) != RdKafka::Conf::CONF_OK) {
    return Error(absl::StatusCode::kInternal, "BUS_BAD_CONFIG", error);
  }
  std::unique_ptr<RdKafka::Producer> producer(RdKafka::Producer::create(conf->get(), error));
  if (producer == nullptr) {
    return Error(absl::StatusCode::kInvalidArgument, "BUS_BAD_CONFIG",
                 absl::StrCat("kafka producer: ", error));
  }
  return std::unique_ptr<KafkaBus>(
      new KafkaBus(std::move(options), std::move(delivery_reports), std::move(producer)));
}

KafkaBus::KafkaBus(Options options, std::unique_ptr<RdKafka::DeliveryReportCb> delivery_reports,
                   std::unique_ptr<RdKafka::Producer> producer)
    : options_(std::move(options)),
      delivery_reports_(std::move(delivery_reports)),
      producer_(std::move(producer)) {}

KafkaBus::~KafkaBus() {
  // Publish() already waited for its messages; what is left timed out and was reported as failed.
  // Purging makes librdkafka report (and so release) them instead of retrying forever.
  producer_->purge(RdKafka::Producer::PURGE_QUEUE | RdKafka::Producer::PURGE_INFLIGHT);
  producer_->flush(500);
}

absl::Status KafkaBus::Publish(std::span<const Message> messages, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  auto batch = std::make_shared<PublishBatch>();
  std::string produce_error;
  for (const Message& m : messages) {
    RdKafka::Headers* headers = RdKafka::Headers::create();
    for (const auto& [name, value] : m.headers) headers->add(name, value.data(), value.size());
    auto* ref = new BatchRef(batch);
    {
      absl::MutexLock lock(&batch->mu);
      ++batch->pending;
    }
    RdKafka::ErrorCode err;
    while (true) {
      err = producer_->produce(options_.topic_prefix + m.topic, RdKafka::Topic::PARTITION_UA,
                               RdKafka::Producer::RK_MSG_COPY, const_cast<char*>(m.payload.data()),
                               m.payload.size(), m.key.empty() ? nullptr : m.key.data(),
                               m.key.size(), 0, headers, ref);
      if (err != RdKafka::ERR__QUEUE_FULL || absl::Now() >= deadline) break;
      producer_->poll(ToMillis(kPollInterval));  // frees queue space by serving delivery reports
    }
    if (err != RdKafka::ERR_NO_ERROR) {
      delete headers;  // on failure librdkafka leaves them to us
      delete ref;
      produce_error = RdKafka::err2str(err);
      batch->Done(produce_error);
      break;
    }
  }
  while (true) {
    {
      absl::MutexLock lock(&batch->mu);
      if (batch->pending == 0) break;
    }
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) {
      return PublishFailed(absl::StrCat("kafka did not acknowledge the messages within ",
                                        absl::FormatDuration(timeout)));
    }
    producer_->poll(ToMillis(std::min(left, kPollInterval)));
  }
  absl::MutexLock lock(&batch->mu);
  if (!batch->first_error.empty()) {
    log::Warn("kafka publish failed", {{"error", batch->first_error}});
    return PublishFailed(absl::StrCat("kafka delivery failed: ", batch->first_error));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Subscription>> KafkaBus::SubscribeBatches(
    SubscriptionOptions options, BatchHandler handler) {
  if (options.group.empty() || options.topics.empty() || !handler) {
    return Error(absl::StatusCode::kInvalidArgument, "BUS_INVALID_SUBSCRIPTION",
                 "a subscription needs a group, at least one topic and a handler");
  }
  std::map<std::string, std::string> properties = options_.extra_config;
  for (const auto& [name, value] : options_.consumer_config) properties[name] = value;
  properties["bootstrap.servers"] = options_.bootstrap_servers;
  properties["client.id"] = options_.client_id;
  properties["group.id"] = options_.group_prefix + options.group;
  properties["enable.auto.commit"] = "false";
  properties["enable.auto.offset.store"] = "false";
  properties["auto.offset.reset"] = options.start_at_end ? "latest" : "earliest";
  properties["allow.auto.create.topics"] = "true";
  // New partitions and topics seen within seconds, not librdkafka's default five minutes.
  properties.try_emplace("topic.metadata.refresh.interval.ms", "10000");
  absl::StatusOr<std::unique_ptr<RdKafka::Conf>> conf = NewConf(properties);
  if (!conf.ok()) return conf.status();
  std::string error;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer(
      RdKafka::KafkaConsumer::create(conf->get(), error));
  if (consumer == nullptr) {
    return Error(absl::StatusCode::kInvalidArgument, "BUS_BAD_CONFIG",
                 absl::StrCat("kafka consumer: ", error));
  }
  std::vector<std::string> topics;
  for (const std::string& t : options.topics) topics.push_back(options_.topic_prefix + t);
  if (options.start_at_end) {
    kafka_internal::PinNewGroupAtEnd(*consumer, topics, options_.admin_timeout);
  }
  RdKafka::ErrorCode err = consumer->subscribe(topics);
  if (err != RdKafka::ERR_NO_ERROR) {
    consumer->close();
    return Error(absl::StatusCode::kInvalidArgument, "BUS_INVALID_SUBSCRIPTION",
                 absl::StrCat("kafka subscribe to ", absl::StrJoin(options.topics, ","), ": ",
                              RdKafka::err2str(err)));
  }
  return std::make_unique<KafkaSubscription>(std::move(consumer), std::move(options),
                                             std::move(handler), options_.topic_prefix);
}

absl::Status KafkaBus::Ping() {
  RdKafka::Metadata* metadata = nullptr;
  RdKafka::ErrorCode err =
      producer_->metadata(false, nullptr, &metadata, ToMillis(options_.ping_timeout));
  delete metadata;
  if (err != RdKafka::ERR_NO_ERROR) {
    return Error(absl::StatusCode::kUnavailable, "BUS_UNAVAILABLE",
                 absl::StrCat("kafka metadata request failed: ", RdKafka::err2str(err)));
  }
  return absl::OkStatus();
}

void KafkaBus::Flush(absl::Duration timeout) {
  if (producer_->flush(ToMillis(timeout)) != RdKafka::ERR_NO_ERROR) {
    log::Warn("kafka flush timed out", {{"timeout", absl::FormatDuration(timeout)},
                                        {"outstanding", absl::StrCat(producer_->outq_len())}});
  }
}

absl::Status KafkaBus::EnsureTopics(const std::vector<std::string>& topics, int partitions,
                                    int replication) {
  if (topics.empty()) return absl::OkStatus();
  rd_kafka_t* rk = producer_->c_ptr();
  char error[512];
  std::vector<AdminPtr<rd_kafka_NewTopic_t>> new_topics;
  std::vector<rd_kafka_NewTopic_t*> raw_topics;
  for (const std::string& name : topics) {
    const std::string topic = options_.topic_prefix + name;
    rd_kafka_NewTopic_t* t =
        rd_kafka_NewTopic_new(topic.c_str(), partitions, replication, error, sizeof(error));
    if (t == nullptr) {
      return Error(absl::StatusCode::kInvalidArgument, "BUS_BAD_TOPIC",
                   absl::StrCat("topic ", topic, ": ", error));
    }
    new_topics.emplace_back(t);
    raw_topics.push_back(t);
  }
  const int timeout_ms = ToMillis(options_.admin_timeout);
  AdminPtr<rd_kafka_AdminOptions_t> admin(
      rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS));
  rd_kafka_AdminOptions_set_request_timeout(admin.get(), timeout_ms, error, sizeof(error));
  rd_kafka_AdminOptions_set_operation_timeout(admin.get(), timeout_ms, error, sizeof(error));
  AdminPtr<rd_kafka_queue_t> queue(rd_kafka_queue_new(rk));
  rd_kafka_CreateTopics(rk, raw_topics.data(), raw_topics.size(), admin.get(), queue.get());
  // The request times out on its own, so this wait is only a safety net.
  AdminPtr<rd_kafka_event_t> event(rd_kafka_queue_poll(queue.get(), timeout_ms + 5000));
  if (event == nullptr) {
    return Error(absl::StatusCode::kUnavailable, "BUS_UNAVAILABLE",
                 "kafka did not answer the topic creation request");
  }
  if (rd_kafka_event_error(event.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Error(absl::StatusCode::kUnavailable, "BUS_UNAVAILABLE",
                 absl::StrCat("kafka topic creation: ", rd_kafka_event_error_string(event.get())));
  }
  size_t count = 0;
  const rd_kafka_topic_result_t** results =
      rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event.get()), &count);
  for (size_t i = 0; i < count; ++i) {
    rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
    // Already there, or not ours to create (a cluster whose topics are declared, e.g. Strimzi's
    // KafkaTopics, gives clients no CREATE right): the wait below tells whether it exists.
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS ||
        err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED ||
        err == RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED) {
      continue;
    }
    const char* message = rd_kafka_topic_result_error_string(results[i]);
    return Error(absl::StatusCode::kFailedPrecondition, "BUS_TOPIC_CREATION_FAILED",
                 absl::StrCat("topic ", rd_kafka_topic_result_name(results[i]), ": ",
                              message != nullptr ? message : rd_kafka_err2str(err)));
  }
  return AwaitTopics(topics);
}

// A topic just created is known to the controller first; the broker a consumer asks may answer
// "unknown topic" for a moment, and a consumer told so looks again only at its next metadata
// refresh (minutes), missing what is published meanwhile. So: until every topic has a leader
// for each partition in the metadata, or admin_timeout.
absl::Status KafkaBus::AwaitTopics(const std::vector<std::string>& topics) {
  const absl::Time deadline = absl::Now() + options_.admin_timeout;
  std::string error;
  for (const std::string& name : topics) {
    const std::string topic = options_.topic_prefix + name;
    std::unique_ptr<RdKafka::Topic> handle(
        RdKafka::Topic::create(producer_.get(), topic, nullptr, error));
    if (handle == nullptr) {
      return Error(absl::StatusCode::kInvalidArgument, "BUS_BAD_TOPIC",
                   absl::StrCat("topic ", topic, ": ", error));
    }
    for (;;) {
      RdKafka::Metadata* raw = nullptr;
      const RdKafka::ErrorCode err =
          producer_->metadata(false, handle.get(), &raw, ToMillis(options_.ping_timeout));
      std::unique_ptr<RdKafka::Metadata> metadata(raw);
      bool ready = err == RdKafka::ERR_NO_ERROR && !metadata->topics()->empty() &&
                   metadata->topics()->front()->err() == RdKafka::ERR_NO_ERROR &&
                   !metadata->topics()->front()->partitions()->empty();
      if (ready) {
        for (const RdKafka::PartitionMetadata* p : *metadata->topics()->front()->partitions()) {
          ready = ready && p->leader() >= 0;
        }
      }
      if (ready) break;
      if (absl::Now() >= deadline) {
        return Error(absl::StatusCode::kUnavailable, "BUS_TOPIC_MISSING",
                     absl::StrCat("topic ", topic, " is not available on the cluster (",
                                  err == RdKafka::ERR_NO_ERROR ? "no leader yet"
                                                               : RdKafka::err2str(err),
                                  "); create it or let the service create it"));
      }
      absl::SleepFor(absl::Milliseconds(100));
    }
  }
  return absl::OkStatus();
}

}  // namespace sisl::platform::bus
