// InProcessBus behaviour beyond the bus contract: its log positions, topic independence and
// lifetimes.

#include "services/platform/bus/inproc_bus.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace sisl::platform::bus {
namespace {

Message Msg(const std::string& topic, const std::string& payload) {
  Message m;
  m.topic = topic;
  m.key = "k";
  m.payload = payload;
  return m;
}

SubscriptionOptions Options(std::vector<std::string> topics,
                            absl::Duration backoff = absl::Milliseconds(50)) {
  return {.group = "g", .topics = std::move(topics), .retry_backoff = backoff};
}

TEST(InProcessBusTest, AppendsToSinglePartitionWithIncreasingOffsets) {
  InProcessBus bus;
  ASSERT_TRUE(bus.Publish(std::vector<Message>{Msg("a", "0"), Msg("a", "1"), Msg("b", "0")},
                          absl::Seconds(1))
                  .ok());
  EXPECT_EQ(bus.TopicSize("a"), 2u);
  EXPECT_EQ(bus.TopicSize("b"), 1u);
  EXPECT_EQ(bus.TopicSize("never"), 0u);

  std::vector<Message> got;
  absl::Notification done;
  auto sub = bus.Subscribe(Options({"a"}), [&](const Message& m) {
    got.push_back(m);
    if (got.size() == 2) done.Notify();
    return absl::OkStatus();
  });
  ASSERT_TRUE(sub.ok());
  ASSERT_TRUE(done.WaitForNotificationWithTimeout(absl::Seconds(5)));
  (*sub)->Stop();
  EXPECT_EQ(got[0].partition, 0);
  EXPECT_EQ(got[0].offset, 0);
  EXPECT_EQ(got[1].offset, 1);
}

TEST(InProcessBusTest, FailingTopicDoesNotHoldBackAnotherTopic) {
  InProcessBus bus;
  absl::Notification other_delivered;
  auto sub = bus.Subscribe(Options({"stuck", "flowing"}), [&](const Message& m) {
    if (m.topic == "stuck") return absl::UnavailableError("down");
    other_delivered.Notify();
    return absl::OkStatus();
  });
  ASSERT_TRUE(sub.ok());
  ASSERT_TRUE(
      bus.Publish(std::vector<Message>{Msg("stuck", "x"), Msg("flowing", "y")}, absl::Seconds(1))
          .ok());
  EXPECT_TRUE(other_delivered.WaitForNotificationWithTimeout(absl::Seconds(5)));
}

TEST(InProcessBusTest, SubscriptionMayOutliveTheBus) {
  auto bus = std::make_unique<InProcessBus>();
  std::atomic<int> calls{0};
  auto sub = bus->Subscribe(Options({"t"}), [&](const Message&) {
    ++calls;
    return absl::OkStatus();
  });
  ASSERT_TRUE(sub.ok());
  bus.reset();
  (*sub)->Stop();
  EXPECT_EQ(calls.load(), 0);
}

TEST(InProcessBusTest, StopFromInsideTheHandlerEndsDelivery) {
  InProcessBus bus;
  std::atomic<int> calls{0};
  Subscription* self = nullptr;
  absl::Notification started;
  absl::Notification second_delivery;
  auto sub = bus.Subscribe(Options({"t"}), [&](const Message&) {
    started.WaitForNotification();
    if (++calls > 1) second_delivery.Notify();
    self->Stop();
    return absl::OkStatus();
  });
  ASSERT_TRUE(sub.ok());
  self = sub->get();
  started.Notify();
  ASSERT_TRUE(
      bus.Publish(std::vector<Message>{Msg("t", "1"), Msg("t", "2")}, absl::Seconds(1)).ok());
  // A negative check needs a bound: a second delivery would show up well within it.
  EXPECT_FALSE(second_delivery.WaitForNotificationWithTimeout(absl::Milliseconds(200)));
  sub->reset();
  EXPECT_EQ(calls.load(), 1);
}

TEST(InProcessBusTest, RejectsMessagesWithoutTopic) {
  InProcessBus bus;
  EXPECT_EQ(bus.Publish(std::vector<Message>{Msg("", "x")}, absl::Seconds(1)).code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sisl::platform::bus
