#ifndef SISL_PLATFORM_BUS_KAFKA_BUS_H_
#define SISL_PLATFORM_BUS_KAFKA_BUS_H_

#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/platform/bus/event_bus.h"

namespace RdKafka {
class KafkaConsumer;
class Producer;
class DeliveryReportCb;
}  // namespace RdKafka

namespace sisl::platform::bus {

// The production event bus on Apache Kafka (librdkafka C++ API).
// - Publish() goes through one idempotent producer (enable.idempotence=true, acks=all) and waits
//   for every delivery report; failures are UNAVAILABLE with reason BUS_PUBLISH_FAILED.
// - Subscribe() starts one KafkaConsumer (and thread) per subscription in consumer group
//   `options.group`, without auto-commit: a message's offset is committed synchronously after the
//   handler returns OK; after a handler error the consumer seeks back to the message and waits
//   `retry_backoff` before it is delivered again.
class KafkaBus final : public EventBus {
 public:
  struct Options {
    // Comma-separated host:port list.
    std::string bootstrap_servers = {};
    std::string client_id = "sisl";
    // librdkafka properties for every client (producer and consumers).
    std::map<std::string, std::string> extra_config = {};
    // librdkafka properties for consumers only (e.g. session.timeout.ms).
    std::map<std::string, std::string> consumer_config = {};
    // Prepended to every consumer group (bus.group_prefix).
    std::string group_prefix = {};
    // Prepended to every topic on the cluster (bus.topic_prefix); callers and handlers see the
    // names without it.
    std::string topic_prefix = {};
    absl::Duration ping_timeout = absl::Seconds(2);
    absl::Duration admin_timeout = absl::Seconds(15);
  };

  // Fails with INVALID_ARGUMENT when librdkafka rejects the configuration. Does not contact the
  // brokers: use Ping() for that.
  static absl::StatusOr<std::unique_ptr<KafkaBus>> Create(Options options);
  ~KafkaBus() override;

  KafkaBus(const KafkaBus&) = delete;
  KafkaBus& operator=(const KafkaBus&) = delete;

  absl::Status Publish(std::span<const Message> messages, absl::Duration timeout) override;
  using EventBus::Subscribe;
  absl::StatusOr<std::unique_ptr<Subscription>> SubscribeBatches(SubscriptionOptions options,
                                                                 BatchHandler handler) override;
  // Default partitions and replication of the cluster (-1 in the CreateTopics request).
  absl::Status EnsureTopics(const std::vector<std::string>& topics) override {
    return EnsureTopics(topics, -1, -1);
  }
  absl::Status Ping() override;
  void Flush(absl::Duration timeout) override;

  // Creates the topics that do not exist yet (TOPIC_ALREADY_EXISTS counts as success, and so
  // does a refusal for want of the CREATE right: declared topics), then waits until the
  // metadata shows each with a leader for every partition, so that consumers and producers do
  // not race the topics' creation. UNAVAILABLE, reason BUS_TOPIC_MISSING, when one is still
  // missing after admin_timeout.
  absl::Status EnsureTopics(const std::vector<std::string>& topics, int partitions,
                            int replication);

 private:
  absl::Status AwaitTopics(const std::vector<std::string>& topics);
  KafkaBus(Options options, std::unique_ptr<RdKafka::DeliveryReportCb> delivery_reports,
           std::unique_ptr<RdKafka::Producer> producer);

  const Options options_;
  // Declared before producer_: librdkafka calls it until the producer is destroyed.
  const std::unique_ptr<RdKafka::DeliveryReportCb> delivery_reports_;
  const std::unique_ptr<RdKafka::Producer> producer_;
};

}  // namespace sisl::platform::bus

#endif  // SISL_PLATFORM_BUS_KAFKA_BUS_H_
