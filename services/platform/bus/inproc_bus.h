#ifndef SISL_PLATFORM_BUS_INPROC_BUS_H_
#define SISL_PLATFORM_BUS_INPROC_BUS_H_

#include <cstddef>
#include <memory>
#include <span>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/platform/bus/event_bus.h"

namespace sisl::platform::bus {

// The embedded-mode event bus, with the Kafka semantics SISL relies on:
// - each topic is an append-only log with a single partition (0) and increasing offsets, so
//   messages (and therefore messages with the same key) are delivered in publication order;
// - a consumer group keeps a committed position per topic, advanced only after the handler returns
//   OK, and a new subscription in the group resumes after the last committed message;
// - a handler error redelivers the same message after `retry_backoff` and holds back the later
//   messages of that topic for that group;
// - subscriptions of one group share the work and never process the same message concurrently
//   (like Kafka consumers sharing a single partition: one message in flight per group and topic).
// Every subscription delivers on its own thread, woken by publications. Nothing is persisted.
class InProcessBus final : public EventBus {
 public:
  InProcessBus();
  ~InProcessBus() override;

  InProcessBus(const InProcessBus&) = delete;
  InProcessBus& operator=(const InProcessBus&) = delete;

  // Appends the messages to their topics; never waits, so `timeout` is unused.
  absl::Status Publish(std::span<const Message> messages, absl::Duration timeout) override;
  using EventBus::Subscribe;
  absl::StatusOr<std::unique_ptr<Subscription>> SubscribeBatches(SubscriptionOptions options,
                                                                 BatchHandler handler) override;
  // Topics exist as soon as they are named.
  absl::Status EnsureTopics(const std::vector<std::string>&) override { return absl::OkStatus(); }
  absl::Status Ping() override;
  void Flush(absl::Duration timeout) override;

  // Number of messages ever published to `topic` (for tests).
  size_t TopicSize(const std::string& topic) const;

 private:
  struct State;
  class BusSubscription;

  // Shared with the subscriptions, which may outlive the bus.
  std::shared_ptr<State> state_;
};

}  // namespace sisl::platform::bus

#endif  // SISL_PLATFORM_BUS_INPROC_BUS_H_
