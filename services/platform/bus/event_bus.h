#ifndef SISL_PLATFORM_BUS_EVENT_BUS_H_
#define SISL_PLATFORM_BUS_EVENT_BUS_H_

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace sisl::platform::bus {

struct Message {
  std::string topic;
  // Messages with the same key are delivered in the order they were published.
  std::string key;
  std::string payload;
  std::vector<std::pair<std::string, std::string>> headers = {};
  // Filled on delivery: where the message sits in its topic.
  int32_t partition = -1;
  int64_t offset = -1;

  // The value of header `name`, or "" when absent.
  std::string Header(std::string_view name) const;
};

// Returning a non-OK status makes the bus deliver the same message again after a back-off
// (at-least-once): the handler must be idempotent (see outbox/inbox.h).
using Handler = std::function<absl::Status(const Message&)>;
// The same for a batch of consecutive messages (in each partition's order). Non-OK redelivers the
// whole batch: the handler applies all of it or nothing (e.g. in one transaction).
using BatchHandler = std::function<absl::Status(std::span<const Message>)>;

struct SubscriptionOptions {
  // Consumers in the same group share the work and resume from the group's committed position.
  std::string group;
  std::vector<std::string> topics = {};
  absl::Duration retry_backoff = absl::Milliseconds(200);
  // A group with no committed position starts after the newest message instead of at the
  // first one (for consumers that load current state elsewhere and want only news).
  bool start_at_end = false;
  // Up to this many messages per handler call (SubscribeBatches); positions are committed once
  // per batch. A batch holds what had already arrived: it never waits to fill up.
  int max_batch = 1;
};

// A running consumer. Destroying it stops it: no handler call is in progress once Stop() returns.
class Subscription {
 public:
  virtual ~Subscription() = default;
  virtual void Stop() = 0;
};

// The event bus port. Adapters: Kafka (librdkafka) and in-process.
class EventBus {
 public:
  virtual ~EventBus() = default;

  // Publishes every message and returns once all are acknowledged (for Kafka: acks=all through
  // the idempotent producer), or an error if any is not acknowledged within `timeout`.
  virtual absl::Status Publish(std::span<const Message> messages, absl::Duration timeout) = 0;

  // Starts delivering messages of `options.topics` to `handler` on a background thread. A
  // message's position is committed only after the handler returns OK.
  absl::StatusOr<std::unique_ptr<Subscription>> Subscribe(SubscriptionOptions options,
                                                          Handler handler);

  // The same, up to `options.max_batch` messages per call: a consumer that applies many events
  // in one transaction (and commits their positions together) instead of one by one.
  virtual absl::StatusOr<std::unique_ptr<Subscription>> SubscribeBatches(
      SubscriptionOptions options, BatchHandler handler) = 0;

  // Creates the topics that do not exist yet, with the cluster's default partitions and
  // replication, so consumers that subscribe before anything was published see them at once.
  virtual absl::Status EnsureTopics(const std::vector<std::string>& topics) = 0;

  // OK when the bus is reachable (used by /readyz).
  virtual absl::Status Ping() = 0;

  // Waits for in-flight publications; used at shutdown.
  virtual void Flush(absl::Duration timeout) = 0;
};

}  // namespace sisl::platform::bus

#endif  // SISL_PLATFORM_BUS_EVENT_BUS_H_
