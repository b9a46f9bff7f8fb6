// The EventBus contract, run against the adapter named by SISL_BUS_ADAPTER (inproc | kafka).
// The Kafka variant needs SISL_TEST_KAFKA=host:port (deploy/infra.sh up; . .run/infra/env).

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/bus/event_bus.h"
#include "services/platform/bus/kafka_bus.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "tests/contract/bus_test_support.h"
#include "tests/contract/contract_env.h"

namespace sisl::platform::bus {
namespace {

using contract::Adapter;
using contract::BusUnderTest;
using contract::kPublishTimeout;
using contract::kWait;
using contract::MakeBus;
using contract::MakeKafka;
using contract::Msg;
using contract::Recorder;
using ::sisl::testing_env::IsOk;

class BusContractTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    absl::StatusOr<BusUnderTest> made = MakeBus(GetParam());
    ASSERT_TRUE(made.ok()) << made.status();
    under_test_ = *std::move(made);
  }

  EventBus& bus() { return *under_test_.bus; }

  std::string NewTopic() {
    std::string topic = absl::StrCat("sisl.test.", NewUuidV7(), ".v1");
    EXPECT_TRUE(IsOk(under_test_.create_topics({topic})));
    return topic;
  }
  static std::string NewGroup() { return absl::StrCat("test-", NewUuidV7()); }

  std::unique_ptr<Subscription> Subscribe(const std::string& group,
                                          const std::vector<std::string>& topics, Handler handler,
                                          absl::Duration backoff = absl::Milliseconds(100)) {
    absl::StatusOr<std::unique_ptr<Subscription>> s = bus().Subscribe(
        {.group = group, .topics = topics, .retry_backoff = backoff}, std::move(handler));
    EXPECT_TRUE(s.ok()) << s.status();
    return s.ok() ? *std::move(s) : nullptr;
  }

  void Publish(const std::vector<Message>& messages) {
    ASSERT_TRUE(IsOk(bus().Publish(messages, kPublishTimeout)));
  }

  BusUnderTest under_test_;
};

TEST_P(BusContractTest, PingSucceeds) { EXPECT_TRUE(IsOk(bus().Ping())); }

TEST_P(BusContractTest, DeliversPublishedMessageWithItsPosition) {
  const std::string topic = NewTopic();
  Recorder recorder;
  auto sub = Subscribe(NewGroup(), {topic}, recorder.AsHandler());
  const std::string payload("bin\0ary", 7);
  Publish({Msg(topic, "key-1", payload)});
  ASSERT_TRUE(recorder.WaitForSuccesses(1));
  const Message got = recorder.Received().at(0);
  EXPECT_EQ(got.topic, topic);
  EXPECT_EQ(got.key, "key-1");
  EXPECT_EQ(got.payload, payload);
  EXPECT_GE(got.partition, 0);
  EXPECT_GE(got.offset, 0);
}

TEST_P(BusContractTest, StartAtEndSkipsWhatWasPublishedBefore) {
  const std::string topic = NewTopic();
  Publish({Msg(topic, "k", "old-1"), Msg(topic, "k", "old-2")});
  Recorder recorder;
  absl::StatusOr<std::unique_ptr<Subscription>> sub = bus().Subscribe(
      {.group = NewGroup(), .topics = {topic}, .start_at_end = true}, recorder.AsHandler());
  ASSERT_TRUE(sub.ok()) << sub.status();
  // "The end" is where the topic ended when Subscribe returned, not when the group is given its
  // partitions a moment later (seconds on Kafka): what is published in between is delivered.
  Publish({Msg(topic, "k", "new-1"), Msg(topic, "k", "new-2")});
  ASSERT_TRUE(recorder.WaitForSuccesses(2));
  absl::SleepFor(absl::Milliseconds(500));  // anything more would have come by now
  EXPECT_THAT(recorder.Payloads(), ::testing::ElementsAre("new-1", "new-2"));
}

// A replica following a topic created a moment before, with nothing on it yet (booking's
// availability index at start-up): the first message after Subscribe returns is delivered.
TEST_P(BusContractTest, StartAtEndOnAnEmptyNewTopicMissesNothingPublishedAfterSubscribing) {
  const std::string topic = NewTopic();
  Recorder recorder;
  absl::StatusOr<std::unique_ptr<Subscription>> sub = bus().Subscribe(
      {.group = NewGroup(), .topics = {topic}, .start_at_end = true}, recorder.AsHandler());
  ASSERT_TRUE(sub.ok()) << sub.status();
  Publish({Msg(topic, "k", "first")});
  ASSERT_TRUE(recorder.WaitForSuccesses(1)) << "the first message after subscribing was skipped";
  EXPECT_THAT(recorder.Payloads(), ::testing::ElementsAre("first"));
}

TEST_P(BusContractTest, HeadersRoundTrip) {
  const std::string topic = NewTopic();
  Recorder recorder;
  auto sub = Subscribe(NewGroup(), {topic}, recorder.AsHandler());
  const std::string id = NewUuidV7();
  Message m = Msg(topic, "k", "p");
  m.headers = {{"sisl-event-id", id},
               {"sisl-event-type", "sisl.test.v1.Happened"},
               {"binary", std::string("a\0b", 3)}};
  Publish({m});
  ASSERT_TRUE(recorder.WaitForSuccesses(1));
  const Message got = recorder.Received().at(0);
  EXPECT_EQ(got.Header("sisl-event-id"), id);
  EXPECT_EQ(got.Header("sisl-event-type"), "sisl.test.v1.Happened");
  EXPECT_EQ(got.Header("binary"), std::string("a\0b", 3));
  EXPECT_EQ(got.Header("absent"), "");
  EXPECT_EQ(got.headers.size(), 3u);
}

TEST_P(BusContractTest, KeepsPerKeyOrderAcrossManyMessagesAndKeys) {
  constexpr int kKeys = 10;
  constexpr int kPerKey = 40;
  const std::string topic = NewTopic();
  Recorder recorder;
  auto sub = Subscribe(NewGroup(), {topic}, recorder.AsHandler());
  std::vector<Message> batch;
  for (int i = 0; i < kPerKey; ++i) {
    for (int k = 0; k < kKeys; ++k)
      batch.push_back(Msg(topic, absl::StrCat("key-", k), absl::StrCat(i)));
    if (batch.size() >= 60) {
      Publish(batch);
      batch.clear();
    }
  }
  Publish(batch);
  ASSERT_TRUE(recorder.WaitForSuccesses(kKeys * kPerKey));
  std::map<std::string, std::vector<std::string>> by_key;
  for (const Message& m : recorder.Received()) by_key[m.key].push_back(m.payload);
  ASSERT_EQ(by_key.size(), static_cast<size_t>(kKeys));
  std::vector<std::string> expected;
  for (int i = 0; i < kPerKey; ++i) expected.push_back(absl::StrCat(i));
  for (const auto& [key, payloads] : by_key) EXPECT_EQ(payloads, expected) << key;
}

TEST_P(BusContractTest, HandlerErrorRedeliversSameMessageAndHoldsBackLaterOnes) {
  const std::string topic = NewTopic();
  Recorder recorder(
      [](const Message& m, int attempt) { return m.payload == "first" && attempt <= 2; });
  const absl::Time start = absl::Now();
  auto sub = Subscribe(NewGroup(), {topic}, recorder.AsHandler(), absl::Milliseconds(200));
  Publish({Msg(topic, "same", "first"), Msg(topic, "same", "second")});
  ASSERT_TRUE(recorder.WaitForSuccesses(2));
  EXPECT_EQ(recorder.Payloads(), (std::vector<std::string>{"first", "first", "first", "second"}));
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(400));  // two back-offs
  const std::vector<Message> got = recorder.Received();
  EXPECT_EQ(got[0].offset, got[2].offset);
  EXPECT_EQ(got[0].partition, got[2].partition);
}

TEST_P(BusContractTest, ResumesAfterCommittedPositionWhenGroupResubscribes) {
  const std::string topic = NewTopic();
  const std::string group = NewGroup();
  std::vector<Message> first, second;
  for (int i = 0; i < 5; ++i) first.push_back(Msg(topic, "k", absl::StrCat("a", i)));
  for (int i = 0; i < 5; ++i) second.push_back(Msg(topic, "k", absl::StrCat("b", i)));
  Publish(first);
  {
    Recorder recorder;
    auto sub = Subscribe(group, {topic}, recorder.AsHandler());
    ASSERT_TRUE(recorder.WaitForSuccesses(5));
    sub->Stop();
    EXPECT_EQ(recorder.Payloads(), (std::vector<std::string>{"a0", "a1", "a2", "a3", "a4"}));
  }
  Publish(second);
  Recorder recorder;
  auto sub = Subscribe(group, {topic}, recorder.AsHandler());
  ASSERT_TRUE(recorder.WaitForSuccesses(5));
  // A sentinel on the same key comes after anything else this group could still receive.
  Publish({Msg(topic, "k", "end")});
  ASSERT_TRUE(recorder.WaitForSuccesses(6));
  EXPECT_EQ(recorder.Payloads(), (std::vector<std::string>{"b0", "b1", "b2", "b3", "b4", "end"}));
}

TEST_P(BusContractTest, EveryGroupReceivesEveryMessage) {
  const std::string topic = NewTopic();
  Recorder a, b;
  auto sub_a = Subscribe(NewGroup(), {topic}, a.AsHandler());
  auto sub_b = Subscribe(NewGroup(), {topic}, b.AsHandler());
  std::vector<Message> messages;
  std::multiset<std::string> expected;
  for (int i = 0; i < 30; ++i) {
    messages.push_back(Msg(topic, absl::StrCat("k", i % 4), absl::StrCat(i)));
    expected.insert(absl::StrCat(i));
  }
  Publish(messages);
  ASSERT_TRUE(a.WaitForSuccesses(30));
  ASSERT_TRUE(b.WaitForSuccesses(30));
  std::vector<std::string> pa = a.Payloads(), pb = b.Payloads();
  EXPECT_EQ(std::multiset<std::string>(pa.begin(), pa.end()), expected);
  EXPECT_EQ(std::multiset<std::string>(pb.begin(), pb.end()), expected);
}

TEST_P(BusContractTest, SubscriptionsOfOneGroupShareWorkWithoutConcurrentRedelivery) {
  const std::string topic = NewTopic();
  const std::string group = NewGroup();
  std::mutex mu;
  std::set<std::string> in_flight;
  std::vector<Message> done;
  bool overlap = false;
  Handler handler = [&](const Message& m) {
    {
      std::lock_guard lock(mu);
      if (!in_flight.insert(m.payload).second) overlap = true;
    }
    absl::SleepFor(absl::Milliseconds(2));
    std::lock_guard lock(mu);
    in_flight.erase(m.payload);
    done.push_back(m);
    return absl::OkStatus();
  };
  auto one = Subscribe(group, {topic}, handler);
  auto two = Subscribe(group, {topic}, handler);
  std::vector<Message> messages;
  for (int i = 0; i < 60; ++i)
    messages.push_back(Msg(topic, absl::StrCat("k", i % 6), absl::StrCat(i)));
  Publish(messages);
  std::set<std::string> seen;
  const absl::Time deadline = absl::Now() + kWait;
  while (seen.size() < 60 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(20));
    std::lock_guard lock(mu);
    for (const Message& m : done) seen.insert(m.payload);
  }
  one->Stop();
  two->Stop();
  EXPECT_EQ(seen.size(), 60u);
  EXPECT_FALSE(overlap);
  // Per key, first deliveries keep publication order (a duplicate may follow a group rebalance).
  std::map<std::string, std::vector<int>> firsts;
  std::set<std::string> counted;
  for (const Message& m : done) {
    if (counted.insert(m.payload).second) firsts[m.key].push_back(std::stoi(m.payload));
  }
  for (const auto& [key, order] : firsts)
    EXPECT_TRUE(std::is_sorted(order.begin(), order.end())) << key;
}

// SubscribeBatches: batches of at most max_batch, every message once and in per-key order;
// a failed batch comes back whole, and the positions of an applied one are committed.
TEST_P(BusContractTest, BatchesKeepOrderAndRedeliverAWholeFailedBatch) {
  const std::string topic = NewTopic();
  std::vector<Message> messages;
  for (int i = 0; i < 60; ++i) messages.push_back(Msg(topic, "k", absl::StrCat(i)));
  Publish(messages);
  std::mutex mu;
  std::vector<std::string> applied;
  size_t largest = 0;
  int failures = 0;
  const std::string group = NewGroup();
  auto handler = [&](std::span<const Message> batch) -> absl::Status {
    std::lock_guard<std::mutex> lock(mu);
    largest = std::max(largest, batch.size());
    // The first batch that holds message "30" fails once: none of it may count.
    for (const Message& m : batch) {
      if (m.payload == "30" && failures == 0) {
        ++failures;
        return absl::UnavailableError("not now");
      }
    }
    for (const Message& m : batch) applied.push_back(m.payload);
    return absl::OkStatus();
  };
  absl::StatusOr<std::unique_ptr<Subscription>> sub = bus().SubscribeBatches(
      {.group = group, .topics = {topic}, .retry_backoff = absl::Milliseconds(50), .max_batch = 8},
      handler);
  ASSERT_TRUE(sub.ok()) << sub.status();
  const absl::Time deadline = absl::Now() + kWait;
  while (absl::Now() < deadline) {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (applied.size() >= 60) break;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  (*sub)->Stop();
  std::lock_guard<std::mutex> lock(mu);
  ASSERT_EQ(applied.size(), 60u);
  for (int i = 0; i < 60; ++i) EXPECT_EQ(applied[i], absl::StrCat(i));
  EXPECT_LE(largest, 8u);
  EXPECT_EQ(failures, 1);
  // Committed: the group resumes after the last message.
  Recorder again;
  auto resumed = Subscribe(group, {topic}, again.AsHandler());
  Publish({Msg(topic, "k", "next")});
  ASSERT_TRUE(again.WaitForSuccesses(1));
  EXPECT_EQ(again.Payloads().front(), "next");
}

TEST_P(BusContractTest, StopReturnsPromptlyWhileHandlerBacksOff) {
  const std::string topic = NewTopic();
  Recorder recorder([](const Message&, int) { return true; });
  auto sub = Subscribe(NewGroup(), {topic}, recorder.AsHandler(), absl::Seconds(60));
  Publish({Msg(topic, "k", "always fails")});
  ASSERT_TRUE(recorder.WaitForCalls(1));
  const absl::Time start = absl::Now();
  sub->Stop();
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
  EXPECT_EQ(recorder.Received().size(), 1u);
}

TEST_P(BusContractTest, RejectsSubscriptionWithoutGroup) {
  absl::StatusOr<std::unique_ptr<Subscription>> s =
      bus().Subscribe({.group = "", .topics = {"t"}, .retry_backoff = absl::Seconds(1)},
                      [](const Message&) { return absl::OkStatus(); });
  EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Adapter, BusContractTest, testing::Values(Adapter()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

// Only an adapter that talks to a server can find it unreachable (or share it with another
// deployment): this suite is instantiated for Kafka alone.
class UnreachableBusTest : public testing::TestWithParam<std::string> {};

TEST_P(UnreachableBusTest, PublishFailsWithinTheTimeout) {
  absl::StatusOr<std::unique_ptr<KafkaBus>> bus =
      MakeKafka(absl::StrCat("127.0.0.1:", testing_env::ClosedPort()));
  ASSERT_TRUE(bus.ok()) << bus.status();
  const absl::Time start = absl::Now();
  absl::Status status = (*bus)->Publish(
      std::vector<Message>{Msg("sisl.test.unreachable.v1", "k", "p")}, absl::Seconds(1));
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_EQ(ErrorReason(status), "BUS_PUBLISH_FAILED");
  EXPECT_FALSE((*bus)->Ping().ok());
}

// bus.topic_prefix: a deployment's topics apart from another's on one cluster; its callers and
// handlers see the names without the prefix.
TEST_P(UnreachableBusTest, TopicPrefixKeepsDeploymentsApart) {
  const std::string servers = testing_env::EnvOr("SISL_TEST_KAFKA", "");
  ASSERT_FALSE(servers.empty());
  KafkaBus::Options options;
  options.bootstrap_servers = servers;
  options.client_id = "sisl-bus-contract-test";
  options.topic_prefix = absl::StrCat("run-", NewUuidV7(), ".");
  options.consumer_config = {{"fetch.wait.max.ms", "20"}};
  absl::StatusOr<std::unique_ptr<KafkaBus>> prefixed = KafkaBus::Create(options);
  absl::StatusOr<std::unique_ptr<KafkaBus>> plain = MakeKafka(servers);
  ASSERT_TRUE(prefixed.ok() && plain.ok());
  const std::string topic = absl::StrCat("sisl.test.", NewUuidV7(), ".v1");
  ASSERT_TRUE(IsOk((*prefixed)->EnsureTopics({topic})));
  ASSERT_TRUE(IsOk((*plain)->EnsureTopics({options.topic_prefix + topic})));
  contract::Recorder inside, outside;
  auto in_sub = (*prefixed)->Subscribe(
      {.group = absl::StrCat("test-", NewUuidV7()), .topics = {topic}}, inside.AsHandler());
  auto out_sub = (*plain)->Subscribe(
      {.group = absl::StrCat("test-", NewUuidV7()), .topics = {options.topic_prefix + topic}},
      outside.AsHandler());
  ASSERT_TRUE(in_sub.ok() && out_sub.ok());
  ASSERT_TRUE(
      IsOk((*prefixed)->Publish(std::vector<Message>{Msg(topic, "k", "p")}, kPublishTimeout)));
  ASSERT_TRUE(inside.WaitForSuccesses(1));
  ASSERT_TRUE(outside.WaitForSuccesses(1));
  EXPECT_EQ(inside.Received().at(0).topic, topic);
  EXPECT_EQ(outside.Received().at(0).topic, options.topic_prefix + topic);
}

std::vector<std::string> AdaptersWithServers() {
  return Adapter() == "kafka" ? std::vector<std::string>{"kafka"} : std::vector<std::string>{};
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(UnreachableBusTest);
INSTANTIATE_TEST_SUITE_P(Adapter, UnreachableBusTest, testing::ValuesIn(AdaptersWithServers()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace sisl::platform::bus
