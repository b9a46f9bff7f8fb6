#ifndef SISL_PLATFORM_BUS_KAFKA_SUBSCRIPTION_H_
#define SISL_PLATFORM_BUS_KAFKA_SUBSCRIPTION_H_

// Internals of KafkaBus (kafka_bus.h): client configuration and the consumer loop.

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/platform/bus/event_bus.h"

namespace RdKafka {
class Conf;
class KafkaConsumer;
class Message;
}  // namespace RdKafka

namespace sisl::platform::bus::kafka_internal {

// A global librdkafka configuration with `properties` applied and librdkafka's own log lines and
// errors routed to the SISL log. INVALID_ARGUMENT for a rejected property.
absl::StatusOr<std::unique_ptr<RdKafka::Conf>> NewConf(
    const std::map<std::string, std::string>& properties);

// One consumer-group member and the thread that feeds its messages to the handler.
class KafkaSubscription final : public Subscription {
 public:
  // `topic_prefix` is taken off the topic names of the messages delivered.
  KafkaSubscription(std::unique_ptr<RdKafka::KafkaConsumer> consumer, SubscriptionOptions options,
                    BatchHandler handler, std::string topic_prefix = "");
  ~KafkaSubscription() override;

  KafkaSubscription(const KafkaSubscription&) = delete;
  KafkaSubscription& operator=(const KafkaSubscription&) = delete;

  void Stop() override ABSL_LOCKS_EXCLUDED(stop_mu_, mu_);

 private:
  void Run() ABSL_LOCKS_EXCLUDED(mu_);
  // Hands the batch to the handler; commits its positions after OK, else seeks every partition
  // back to its first message in the batch and backs off.
  void Deliver(const std::vector<std::unique_ptr<RdKafka::Message>>& records)
      ABSL_LOCKS_EXCLUDED(mu_);
  // Waits for the retry back-off or until Stop().
  void Backoff() ABSL_LOCKS_EXCLUDED(mu_);
  // Leaves and joins the group again with the same topics (a fresh assignment).
  void Resubscribe();
  bool Stopping() ABSL_LOCKS_EXCLUDED(mu_);

  const std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
  const SubscriptionOptions options_;
  const BatchHandler handler_;
  const std::string topic_prefix_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  absl::Mutex stop_mu_;                           // serialises Stop() calls
  std::thread thread_ ABSL_GUARDED_BY(stop_mu_);  // started by the constructor
};

}  // namespace sisl::platform::bus::kafka_internal

#endif  // SISL_PLATFORM_BUS_KAFKA_SUBSCRIPTION_H_
